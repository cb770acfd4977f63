// The REPL's check stage: entries checked one at a time against the
// bindings of earlier ones. A Checker per entry sees the session scope as
// its universe, so an entry may redeclare any earlier name (the new binding
// shadows it, no "redeclared" error), and the old symbol lives on for the
// code that already refers to it.
#include "lang/check/session.hpp"

#include <algorithm>
#include <set>

#include "lang/check/checker.hpp"

namespace gol {

// What an entry may change and a failed (or merely probed) entry must give
// back: main's declarations, methods added to earlier types, and the cache
// of generic instances (an instance made by a rolled-back entry has lost its
// body; a later entry must instantiate it again).
struct CheckSession::Saved {
  size_t files, funcs, lits, inits, varInits;
  std::map<std::string, Symbol*> members;
  std::vector<std::pair<Type*, std::vector<Symbol*>>> methods;
  std::vector<std::pair<std::map<std::vector<const Type*>, Symbol*>,
                        std::map<std::vector<const Type*>, Type*>>>
      instances;
};

CheckSession::Saved CheckSession::snapshot() const {
  Saved saved{main_->files.size(),
              main_->funcs.size(),
              main_->funcLits.size(),
              main_->inits.size(),
              main_->varInits.size(),
              main_->members,
              {},
              {}};
  for (Type* t : methodTypes_) saved.methods.push_back({t, t->declaredMethods});
  for (auto& g : generics_->generics) saved.instances.emplace_back(g->funcs, g->types);
  return saved;
}

CheckSession::CheckSession(PackageSource packages) : packages_(std::move(packages)) {
  universe_ = makeUniverse(program_);
  session_ = std::make_unique<Scope>();
  session_->parent = universe_;
  mainOwner_ = std::make_unique<Package>();
  main_ = mainOwner_.get();
  main_->path = "main";
  main_->name = "main";
  program_.mainPackage = main_;
  program_.scriptMode = true;
  generics_ = std::make_unique<CheckContext>();
  generics_->eagerLazy = true;  // a later entry cannot add to a compiled package
}

std::vector<Diagnostic>& CheckSession::freshErrs() {
  errs_.clear();
  return errs_;
}

CheckSession::~CheckSession() {
  generics_.reset();  // its checkers refer to the universe
  delete universe_;
}

namespace {

bool isAggregateType(const Type* t) {
  const Type* u = t ? t->underlying() : nullptr;
  return u && (u->kind == Kind::Struct || u->kind == Kind::Array);
}

void sortDiagnostics(std::vector<Diagnostic>& errs, const std::string& mainFile, Diagnostics& out) {
  std::stable_sort(errs.begin(), errs.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    bool am = a.file == mainFile, bm = b.file == mainFile;
    if (am != bm) return bm;
    if (a.file != b.file) return false;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  for (auto& d : errs) {
    if (out.full()) break;
    out.list.push_back(d);
  }
}

}  // namespace

void CheckSession::rollback(const Saved& s) {
  main_->files.resize(s.files);
  main_->funcs.resize(s.funcs);
  main_->funcLits.resize(s.lits);
  main_->inits.resize(s.inits);
  main_->varInits.resize(s.varInits);
  main_->members = s.members;
  // A failed entry may have declared methods on an earlier entry's type.
  for (auto& [t, ms] : s.methods) t->declaredMethods = ms;
  for (size_t i = 0; i < s.instances.size(); ++i) {
    generics_->generics[i]->funcs = s.instances[i].first;
    generics_->generics[i]->types = s.instances[i].second;
  }
}

// An entry's top-level variables are locals of its function while it is
// checked (script mode); here they become package-level variables, so that
// later entries, functions and still-running goroutines share one variable.
// Scalars always live in a box: a later entry may take their address, and
// code compiled earlier must already agree on where the value is.
void CheckSession::promoteTopLevelVars(File* f, FuncInfo* script, size_t firstLit,
                                       CheckedEntry& out) {
  std::vector<Symbol*> vars;
  for (TopLevel& item : f->items) {
    Stmt* st = item.stmt;
    if (!st) continue;
    if (st->kind == StmtKind::Assign) {
      auto* a = static_cast<AssignStmt*>(st);
      if (!a->define) continue;
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        if (i < a->isNew.size() && !a->isNew[i]) continue;
        Expr* l = unparen(a->lhs[i]);
        if (l && l->kind == ExprKind::Ident) vars.push_back(static_cast<Ident*>(l)->sym);
      }
    } else if (st->kind == StmtKind::Decl) {
      auto* d = static_cast<DeclStmt*>(st);
      if (!d->decl || d->decl->tok != DeclTok::Var) continue;
      for (Spec* sp : d->decl->specs)
        for (Ident* id : static_cast<ValueSpec*>(sp)->names) vars.push_back(id->sym);
    }
  }
  std::set<Symbol*> promoted;
  for (Symbol* s : vars) {
    if (!s || s->name == "_" || !promoted.insert(s).second) continue;
    s->isGlobal = true;
    s->owner = nullptr;
    s->captured = false;
    if (!isAggregateType(s->type)) s->addressTaken = true;
    out.globals.push_back(s);
  }
  auto drop = [&](std::vector<Symbol*>& list) {
    list.erase(
        std::remove_if(list.begin(), list.end(), [&](Symbol* s) { return promoted.count(s) != 0; }),
        list.end());
  };
  if (script) drop(script->locals);
  for (size_t i = firstLit; i < main_->funcLits.size(); ++i)
    if (main_->funcLits[i]->info) drop(main_->funcLits[i]->info->captures);
}

bool CheckSession::checkEntry(const std::string& filename, const std::string& source,
                              CheckedEntry& out, Diagnostics& diags) {
  std::unique_ptr<File> parsed = parseFile(filename, source, diags);
  if (!parsed || diags.any()) return false;
  File* f = parsed.get();
  files_.push_back(std::move(parsed));
  if (!f->scriptMode) {
    diags.add(filename, Pos{1, 1}, "a package clause is not allowed here");
    return false;
  }
  Saved saved = snapshot();

  std::vector<Diagnostic>& errs = freshErrs();
  // The entry's checker lives as long as the session: a generic the entry
  // declares is instantiated by its declaring checker, also for later entries.
  generics_->checkers.push_back(
      std::make_unique<Checker>(program_, main_, packages_, session_.get(), errs, importing_));
  Checker& c = *generics_->checkers.back();
  c.context_ = generics_.get();
  c.checkPackage({f});
  generics_->drain();
  if (!errs.empty()) {
    sortDiagnostics(errs, filename, diags);
    rollback(saved);
    return false;
  }
  out.file = f;
  out.script = main_->scriptInfo;
  out.firstFunc = saved.funcs;
  out.firstLit = saved.lits;
  // Bind: imports, then package-level declarations, then top-level variables.
  if (Scope* fs = c.fileScopes_[f])
    for (auto& [name, sym] : fs->names) session_->names[name] = sym;
  for (auto& [name, sym] : c.pkgScope_.names) session_->names[name] = sym;
  promoteTopLevelVars(f, main_->scriptInfo, saved.lits, out);
  for (Symbol* s : out.globals) session_->names[s->name] = s;
  // Method sets that changed, and the new named types to watch.
  for (auto& [t, before] : saved.methods)
    if (t->declaredMethods != before) out.methodsChanged.push_back(t);
  for (Symbol* s : c.typeSyms_) {
    if (s->type && s->type->isNamed() && s->type->pkg == main_ &&
        std::find(methodTypes_.begin(), methodTypes_.end(), s->type) == methodTypes_.end())
      methodTypes_.push_back(const_cast<Type*>(s->type));
  }
  return true;
}

bool CheckSession::exprInfo(const std::string& filename, const std::string& source, ExprInfo& out,
                            Diagnostics& diags) {
  Diagnostics parseDiags;
  std::unique_ptr<File> parsed = parseFile(filename, source, parseDiags);
  if (!parsed || parseDiags.any() || !parsed->scriptMode || parsed->items.size() != 1 ||
      !parsed->items[0].stmt || parsed->items[0].stmt->kind != StmtKind::ExprS)
    return false;
  File* f = parsed.get();
  files_.push_back(std::move(parsed));
  Expr* x = static_cast<ExprStmt*>(f->items[0].stmt)->x;
  Saved saved = snapshot();
  std::vector<Diagnostic>& errs = freshErrs();
  {
    Checker c(program_, main_, packages_, session_.get(), errs, importing_);
    c.context_ = generics_.get();
    c.file_ = f;
    auto fileScope = std::make_unique<Scope>();
    fileScope->parent = &c.pkgScope_;
    c.fileScopes_[f] = fileScope.get();
    c.scope_ = fileScope.get();
    c.scopes_.push_back(std::move(fileScope));
    FuncInfo* info = c.newFuncInfo();
    info->name = "main.main";
    info->sig = program_.types.func({}, {}, false);
    Checker::FuncCtx ctx;
    ctx.info = info;
    ctx.sig = info->sig;
    ctx.script = true;
    c.fn_ = &ctx;
    c.openScope();
    c.rawExpr(x, nullptr);
    generics_->drain();
    c.fn_ = nullptr;
  }
  // Literals and generic instances checked here are never compiled: forget
  // them.
  rollback(saved);
  if (!errs.empty()) {
    sortDiagnostics(errs, filename, diags);
    return true;
  }
  out.mode = x->mode;
  out.type = x->type;
  Expr* ux = unparen(x);
  if (ux->kind == ExprKind::Call) {
    auto* call = static_cast<CallExpr*>(ux);
    if (call->callee) out.callee = call->callee->qualifiedName;
  }
  return true;
}

Package* CheckSession::importPackage(const std::string& path) {
  for (auto& p : program_.packages)
    if (p->path == path) return p.get();
  std::vector<Diagnostic>& errs = freshErrs();
  Checker c(program_, main_, packages_, session_.get(), errs, importing_);
  c.context_ = generics_.get();
  Package* p = c.importPackage(path, Pos{}, true);
  generics_->drain();
  return errs.empty() ? p : nullptr;
}

std::string CheckSession::typeString(const Type* t) const {
  return typeStringIn(t, main_);
}

std::vector<std::string> CheckSession::names() const {
  std::vector<std::string> out;
  for (Scope* s = session_.get(); s; s = s->parent)
    for (auto& [name, sym] : s->names) out.push_back(name);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Symbol* CheckSession::lookup(const std::string& name) const {
  for (Scope* s = session_.get(); s; s = s->parent)
    if (Symbol* sym = s->lookupLocal(name)) return sym;
  return nullptr;
}

}  // namespace gol
