// Incremental compilation for the REPL: one ProgramCompiler lives as long
// as the session, so run-time type ids, global slots and function indices
// stay valid across entries and only the new parts are compiled.
#include "lang/compile/incremental.hpp"

#include <algorithm>

#include "lang/compile/compiler_impl.hpp"

namespace gol {

IncrementalCompiler::IncrementalCompiler(Program& program)
    : diags_(std::make_unique<Diagnostics>()),
      pc_(std::make_unique<ProgramCompiler>(program, *diags_)) {
  pc_->out->mainFile = "repl";
  // A session may import text/template or reflect after its first types
  // exist: record what they need from the start (Program::callTypes).
  pc_->registerReflectTypes();
}

IncrementalCompiler::~IncrementalCompiler() = default;

vm::Program& IncrementalCompiler::program() {
  return *pc_->out;
}

namespace {

// Function protos for `funcs` and `lits` (bodies compiled afterwards, so
// that they may call each other in any order).
void declare(ProgramCompiler& pc, Package* pkg, const std::vector<FuncDecl*>& funcs,
             const std::vector<FuncLit*>& lits) {
  for (FuncDecl* d : funcs) {
    Symbol* sym = d->name->sym;
    if (!sym) continue;
    std::string name = d->info && !d->info->name.empty() ? d->info->name : sym->qualifiedName;
    vm::FuncProto* p = pc.newProto(name);
    p->line = d->pos.line;
    if (!d->body) {
      p->isNative = true;
      p->nativeName = nativeNameOf(pkg, d, sym);
      const Type* sig = sym->type;
      p->nparams = uint16_t(sig->params.size() + (d->recv ? 1 : 0));
      p->nresults = uint16_t(sig->results.size());
      p->nregs = std::max(p->nparams, p->nresults);
    }
    pc.funcIndices[sym] = uint32_t(pc.out->funcs.size() - 1);
  }
  for (FuncLit* lit : lits) {
    pc.newProto(lit->info ? lit->info->name : "func")->line = lit->pos.line;
    pc.literalIndices[lit] = uint32_t(pc.out->funcs.size() - 1);
  }
}

void compileBodies(ProgramCompiler& pc, const std::vector<FuncDecl*>& funcs,
                   const std::vector<FuncLit*>& lits) {
  for (FuncDecl* d : funcs) {
    if (!d->body || !d->name->sym) continue;
    FuncCompiler fc(pc, pc.out->funcs[pc.funcIndices[d->name->sym]].get(), d->info);
    try {
      fc.compileFunction(d->sig, d->body, d->recv);
    } catch (CompileError& e) {
      pc.diags.add(pc.currentFile, e.pos, e.message);
    }
  }
  for (FuncLit* lit : lits) {
    FuncCompiler fc(pc, pc.out->funcs[pc.literalIndices[lit]].get(), lit->info);
    try {
      fc.compileFunction(lit->sig, lit->body, nullptr);
    } catch (CompileError& e) {
      pc.diags.add(pc.currentFile, e.pos, e.message);
    }
  }
}

std::string fileOf(Package* p) {
  return p->files.empty() ? "" : p->files[0]->filename;
}

}  // namespace

int IncrementalCompiler::compileEntry(const CheckedEntry& entry, Diagnostics& diags) {
  ProgramCompiler& pc = *pc_;
  diags_->list.clear();
  Package* mainPkg = pc.src.mainPackage;
  std::vector<Package*> newPkgs;
  for (size_t i = compiledPackages_; i < pc.src.packages.size(); ++i)
    newPkgs.push_back(pc.src.packages[i].get());
  compiledPackages_ = pc.src.packages.size();
  std::vector<FuncDecl*> funcs(mainPkg->funcs.begin() + long(entry.firstFunc),
                               mainPkg->funcs.end());
  std::vector<FuncLit*> lits(mainPkg->funcLits.begin() + long(entry.firstLit),
                             mainPkg->funcLits.end());

  // Every other package's functions not compiled yet: a new package's all,
  // and in packages compiled before, the generic instances this entry asked
  // for (the checker appends them to the package that declares the generic).
  struct Pending {
    Package* pkg;
    std::vector<FuncDecl*> funcs;
    std::vector<FuncLit*> lits;
  };
  std::vector<Pending> pending;
  for (auto& owned : pc.src.packages) {
    Package* p = owned.get();
    if (p == mainPkg) continue;
    auto& [nf, nl] = compiledFuncs_[p];
    if (nf == p->funcs.size() && nl == p->funcLits.size()) continue;
    pending.push_back({p,
                       {p->funcs.begin() + long(nf), p->funcs.end()},
                       {p->funcLits.begin() + long(nl), p->funcLits.end()}});
    nf = p->funcs.size();
    nl = p->funcLits.size();
  }
  for (Pending& q : pending) {
    pc.currentFile = fileOf(q.pkg);
    declare(pc, q.pkg, q.funcs, q.lits);
  }
  pc.currentFile = entry.file->filename;
  declare(pc, mainPkg, funcs, lits);
  for (Pending& q : pending) {
    pc.currentFile = fileOf(q.pkg);
    compileBodies(pc, q.funcs, q.lits);
  }
  pc.currentFile = entry.file->filename;
  compileBodies(pc, funcs, lits);

  // Types whose methods changed since their method tables were built:
  // rebuild the tables (and forget the cached method lookups).
  for (const Type* t : entry.methodsChanged) {
    for (auto& [ty, id] : pc.tids) {
      if (ty != t && !(ty->kind == Kind::Pointer && ty->elem == t)) continue;
      std::string prefix = std::to_string(id) + ".";
      for (auto it = pc.methodFuncs.begin(); it != pc.methodFuncs.end();)
        it = it->first.compare(0, prefix.size(), prefix) == 0 ? pc.methodFuncs.erase(it)
                                                              : std::next(it);
      pc.methodSets.forget(ty);
      pc.fillMethods(id, ty);
    }
  }

  int initIndex = -1;
  if (!newPkgs.empty()) {
    // As ProgramCompiler::buildEntry does, for the packages this entry imported.
    vm::FuncProto* init = pc.newProto("runtime.main");
    initIndex = int(pc.out->funcs.size() - 1);
    FuncCompiler fc(pc, init, nullptr);
    try {
      for (Package* p : newPkgs) {
        pc.currentFile = fileOf(p);
        init->file = pc.currentFile;
        pc.emitPackageInit(fc, p);
      }
      fc.emit(Opcode::RET, 0, 0);
    } catch (CompileError& e) {
      pc.diags.add(pc.currentFile, e.pos, e.message);
    }
  }

  // The entry: package inits, the new globals' homes (a zero aggregate or a
  // box, which the statements then fill), the statements.
  pc.currentFile = entry.file->filename;
  vm::FuncProto* script = pc.newProto("main.main");
  int index = int(pc.out->funcs.size() - 1);
  script->line = 1;
  FuncCompiler fc(pc, script, entry.script);
  try {
    fc.setLine(Pos{1, 1});
    if (initIndex >= 0) fc.emit(Opcode::CALL, 0, initIndex);
    for (Symbol* g : entry.globals) {
      int t = fc.alloc();
      fc.zeroValue(g->type, t);
      if (!fc.isAggregate(g->type)) fc.emit(Opcode::NEWBOX, t, t, int(pc.tid(g->type)));
      fc.emit(Opcode::SETG, t, pc.globalSlot(g));
      fc.freeTo(0);
    }
    for (TopLevel& item : entry.file->items) {
      if (item.stmt) fc.stmt(item.stmt);
    }
    fc.emit(Opcode::RET, 0, 0);
  } catch (CompileError& e) {
    pc.diags.add(pc.currentFile, e.pos, e.message);
  }
  if (diags_->any()) {
    for (auto& d : diags_->list) diags.list.push_back(d);
    return -1;
  }
  return index;
}

}  // namespace gol
