// The program-level half of the compiler: function table, runtime types,
// globals, the entry function and generated wrappers.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "bytecode/fixed_types.hpp"
#include "bytecode/verify.hpp"
#include "lang/compile/compiler_impl.hpp"

namespace gol {

const Type* under(const Type* t) {
  return t ? t->underlying() : nullptr;
}

[[noreturn]] void unsupported(Pos pos, const std::string& what) {
  throw CompileError{pos, what + " is not supported yet"};
}

vm::ElemKind elemKindOf(const Type* t) {
  using vm::ElemKind;
  switch (under(t)->kind) {
    case Kind::Bool:
    case Kind::Uint8: return ElemKind::U8;
    case Kind::Int8: return ElemKind::I8;
    case Kind::Int16: return ElemKind::I16;
    case Kind::Uint16: return ElemKind::U16;
    case Kind::Int32: return ElemKind::I32;
    case Kind::Uint32: return ElemKind::U32;
    case Kind::Float32: return ElemKind::F32;
    case Kind::Int:
    case Kind::Int64:
    case Kind::Uint:
    case Kind::Uint64:
    case Kind::Uintptr:
    case Kind::Float64: return ElemKind::X64;
    default: return ElemKind::V;
  }
}

// The predeclared basic types, in the order of their fixed type ids from
// vm::kTidBool on.
constexpr Kind kBasicKinds[] = {Kind::Bool,    Kind::Int,     Kind::Int8,   Kind::Int16,
                                Kind::Int32,   Kind::Int64,   Kind::Uint,   Kind::Uint8,
                                Kind::Uint16,  Kind::Uint32,  Kind::Uint64, Kind::Uintptr,
                                Kind::Float32, Kind::Float64, Kind::String};

ProgramCompiler::ProgramCompiler(Program& program, Diagnostics& d)
    : src(program), diags(d), out(std::make_unique<vm::Program>()) {
  vm::appendFixedTypes(out->types);
  for (auto& pkg : src.packages) {
    if (pkg->path == "reflect") reflectTypes = true;
    if (pkg->path == "reflect" || pkg->path == "internal/template") out->callTypes = true;
  }
  for (size_t i = 0; i < std::size(kBasicKinds); ++i)
    tids[src.types.basic(kBasicKinds[i])] = uint32_t(vm::kTidBool + i);
  tids[src.types.anyType()] = vm::kTidAny;
  tids[src.types.errorType()] = vm::kTidError;
  // error's method set: Error() string.
  vm::RtMethod errMethod;
  errMethod.nameId = nameId("Error");
  errMethod.sigId = sigId(src.types.func({}, {src.types.basic(Kind::String)}, false));
  out->types[vm::kTidError].methods.push_back(errMethod);
  // Runtime errors implement error through a native method.
  vm::RtMethod rtErr;
  rtErr.nameId = errMethod.nameId;
  rtErr.sigId = errMethod.sigId;
  rtErr.funcIndex = internalNative("runtime.Error.Error", 1, 1);
  out->types[vm::kTidRuntimeError].methods.push_back(rtErr);
  // ... and runtime.Error through RuntimeError() (methods sorted by name id).
  vm::RtMethod rtMark;
  rtMark.nameId = nameId("RuntimeError");
  rtMark.sigId = sigId(src.types.func({}, {}, false));
  rtMark.funcIndex = internalNative("runtime.Error.RuntimeError", 1, 0);
  out->types[vm::kTidRuntimeError].methods.push_back(rtMark);
  if (reflectTypes) registerReflectTypes();
}

// The program can name *runtime.TypeAssertionError only when it loads
// package runtime; then failed type assertions panic with one (registered
// once the functions are declared: the type's methods need their indexes).
void ProgramCompiler::registerTypeAssertionError() {
  for (auto& pkg : src.packages) {
    if (pkg->path != "runtime") continue;
    auto it = pkg->members.find("TypeAssertionError");
    if (it != pkg->members.end() && it->second->kind == SymKind::TypeName)
      out->typeAssertionErrorTid = tid(src.types.pointer(it->second->type));
  }
}

void ProgramCompiler::registerReflectTypes() {
  reflectTypes = true;
  out->callTypes = true;
  for (size_t i = 0; i < std::size(kBasicKinds); ++i) {
    uint32_t p = tid(src.types.pointer(src.types.basic(kBasicKinds[i])));
    out->types[vm::kTidBool + i].ptrTo = p;
  }
  out->types[vm::kTidAny].ptrTo = tid(src.types.pointer(src.types.anyType()));
  out->types[vm::kTidError].ptrTo = tid(src.types.pointer(src.types.errorType()));
}

uint32_t ProgramCompiler::nameId(const std::string& name) {
  auto it = nameIds.find(name);
  if (it != nameIds.end()) return it->second;
  uint32_t id = uint32_t(out->names.size());
  out->names.push_back(name);
  nameIds.emplace(name, id);
  return id;
}

vm::FuncProto* ProgramCompiler::newProto(const std::string& name) {
  auto p = std::make_unique<vm::FuncProto>();
  p->name = name;
  p->file = currentFile;
  out->funcs.push_back(std::move(p));
  return out->funcs.back().get();
}

uint32_t ProgramCompiler::internalNative(const std::string& name, int nparams, int nresults) {
  auto it = internalNatives.find(name);
  if (it != internalNatives.end()) return it->second;
  vm::FuncProto* p = newProto(name);
  p->isNative = true;
  p->nativeName = name;
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nresults);
  p->nregs = uint16_t(std::max(nparams, nresults));
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  internalNatives.emplace(name, idx);
  return idx;
}

static bool typeHasRef(const Type* t) {
  switch (under(t)->kind) {
    case Kind::String:
    case Kind::Array:
    case Kind::Slice:
    case Kind::Map:
    case Kind::Struct:
    case Kind::Pointer:
    case Kind::Func:
    case Kind::Chan:
    case Kind::UnsafePointer:
    case Kind::Complex64:  // boxed (vm/complex.hpp)
    case Kind::Complex128: return true;
    default: return false;  // scalars; interfaces carry their dynamic tid
  }
}

uint32_t ProgramCompiler::tid(const Type* t) {
  if (!t) return vm::kTidNone;
  auto it = tids.find(t);
  if (it != tids.end()) return it->second;
  using vm::RtKind;
  uint32_t id = uint32_t(out->types.size());
  out->types.emplace_back();
  tids[t] = id;
  vm::RtType rt;
  const Type* u = under(t);
  rt.name = typeString(t);
  rt.named = t->isNamed();
  rt.hasRef = typeHasRef(t);
  rt.comparable = comparable(t);
  rt.aggregate = u->kind == Kind::Struct || u->kind == Kind::Array;
  switch (u->kind) {
    case Kind::Bool: rt.kind = RtKind::Bool; break;
    case Kind::Int: rt.kind = RtKind::Int; break;
    case Kind::Int8: rt.kind = RtKind::Int8; break;
    case Kind::Int16: rt.kind = RtKind::Int16; break;
    case Kind::Int32: rt.kind = RtKind::Int32; break;
    case Kind::Int64: rt.kind = RtKind::Int64; break;
    case Kind::Uint: rt.kind = RtKind::Uint; break;
    case Kind::Uint8: rt.kind = RtKind::Uint8; break;
    case Kind::Uint16: rt.kind = RtKind::Uint16; break;
    case Kind::Uint32: rt.kind = RtKind::Uint32; break;
    case Kind::Uint64: rt.kind = RtKind::Uint64; break;
    case Kind::Uintptr: rt.kind = RtKind::Uintptr; break;
    case Kind::Float32: rt.kind = RtKind::Float32; break;
    case Kind::Float64: rt.kind = RtKind::Float64; break;
    case Kind::Complex64: rt.kind = RtKind::Complex64; break;
    case Kind::Complex128: rt.kind = RtKind::Complex128; break;
    case Kind::String: rt.kind = RtKind::String; break;
    case Kind::UnsafePointer: rt.kind = RtKind::UnsafePointer; break;
    case Kind::Array: rt.kind = RtKind::Array; break;
    case Kind::Slice: rt.kind = RtKind::Slice; break;
    case Kind::Map: rt.kind = RtKind::Map; break;
    case Kind::Struct: rt.kind = RtKind::Struct; break;
    case Kind::Pointer: rt.kind = RtKind::Pointer; break;
    case Kind::Func: rt.kind = RtKind::Func; break;
    case Kind::Interface: rt.kind = RtKind::Interface; break;
    case Kind::Chan: rt.kind = RtKind::Chan; break;
    default: rt.kind = RtKind::None; break;
  }
  out->types[id] = rt;
  // Components may refer back to this type: register them after the slot.
  uint32_t underId = t->isNamed() ? tid(u) : id;
  uint32_t elem = 0, key = 0;
  if (u->elem) elem = tid(u->elem);
  if (u->key) key = tid(u->key);
  std::vector<vm::RtField> fields;
  for (const StructField& f : u->fields) {
    vm::RtField rf;
    rf.name = f.name;
    rf.tid = tid(f.type);
    rf.embedded = f.embedded;
    rf.exported = f.exported;
    rf.tag = f.tag;
    fields.push_back(rf);
  }
  vm::RtType& r = out->types[id];
  r.underlying = underId;
  r.elem = elem;
  r.key = key;
  r.len = u->len;
  r.dir = u->dir == ChanDir::Send   ? vm::RtChanDir::Send
          : u->dir == ChanDir::Recv ? vm::RtChanDir::Recv
                                    : vm::RtChanDir::Both;
  if (u->kind == Kind::Array || u->kind == Kind::Slice) r.elemKind = elemKindOf(u->elem);
  r.fields = std::move(fields);
  if (out->callTypes && u->kind == Kind::Func) {
    std::vector<uint32_t> params, results;
    for (const Type* p : u->params) params.push_back(tid(p));
    for (const Type* p : u->results) results.push_back(tid(p));
    vm::RtType& f = out->types[id];
    f.params = std::move(params);
    f.results = std::move(results);
    f.variadic = u->variadic;
  }
  if (reflectTypes && t->isNamed() && t->pkg) out->types[id].pkgPath = t->pkg->path;
  fillMethods(id, t);
  // *T's method set is larger when T has pointer-receiver methods: register
  // *T too so that the run-time type information can reach those methods.
  if (t->isNamed() && u->kind != Kind::Interface && u->kind != Kind::Pointer) {
    const Type* pt = src.types.pointer(t);
    if (methodSets.of(pt).size() > methodSets.of(t).size()) {
      uint32_t p = tid(pt);
      out->types[id].ptrTo = p;
    }
  }
  // reflect's New, Addr and PointerTo need *T of every type they meet.
  if (reflectTypes && u->kind != Kind::Pointer && !out->types[id].ptrTo) {
    uint32_t p = tid(src.types.pointer(t));
    out->types[id].ptrTo = p;
  }
  return id;
}

// Method sets: for an interface, its required methods; for a concrete type,
// the methods callable through an interface holding it.
void ProgramCompiler::fillMethods(uint32_t id, const Type* t) {
  std::vector<vm::RtMethod> methods;
  bool iface = under(t)->kind == Kind::Interface;
  for (const MethodSetEntry& e : methodSets.of(t)) {
    vm::RtMethod rm;
    rm.nameId = nameId(e.name);
    rm.sigId = sigId(e.sel.type);
    if (!iface) {
      int f = methodFunc(t, e);
      if (f < 0) continue;
      rm.funcIndex = uint32_t(f);
    }
    if (out->callTypes) {
      const Type* sig = e.sel.type;
      rm.typeTid = tid(sig);
      if (reflectTypes && !iface && under(sig)->kind == Kind::Func) {
        std::vector<const Type*> params{t};
        params.insert(params.end(), sig->params.begin(), sig->params.end());
        rm.recvTypeTid = tid(src.types.func(params, sig->results, sig->variadic));
      }
    }
    methods.push_back(rm);
  }
  std::sort(methods.begin(), methods.end(),
            [](const vm::RtMethod& a, const vm::RtMethod& b) { return a.nameId < b.nameId; });
  out->types[id].methods = std::move(methods);
}

uint32_t ProgramCompiler::sigId(const Type* sig) {
  auto it = sigIds.find(sig);
  if (it != sigIds.end()) return it->second;
  uint32_t id = uint32_t(out->signatures.size());
  out->signatures.push_back(typeString(sig));
  sigIds.emplace(sig, id);
  return id;
}

int ProgramCompiler::globalSlot(Symbol* var) {
  auto it = globals.find(var);
  if (it != globals.end()) return it->second;
  int slot = int(out->numGlobals++);
  globals.emplace(var, slot);
  return slot;
}

uint32_t ProgramCompiler::funcIndex(Symbol* fn) {
  auto it = funcIndices.find(fn);
  if (it == funcIndices.end())
    throw CompileError{fn->pos, "internal: function " + fn->name + " has no body index"};
  return it->second;
}

uint32_t ProgramCompiler::literalIndex(FuncLit* lit) {
  auto it = literalIndices.find(lit);
  if (it == literalIndices.end()) throw CompileError{lit->pos, "internal: unindexed literal"};
  return it->second;
}

std::string nativeNameOf(Package* pkg, FuncDecl* d, Symbol* sym) {
  std::string name = pkg->path + ".";
  if (d->recv) {
    const Type* rt = sym->recvType;
    if (rt && rt->kind == Kind::Pointer)
      name += "(*" + rt->elem->name + ")." + d->name->name;
    else
      name += (rt ? rt->name : std::string("?")) + "." + d->name->name;
  } else {
    name += d->name->name;
  }
  return name;
}

void ProgramCompiler::declareFunctions() {
  for (auto& pkg : src.packages) {
    for (FuncDecl* d : pkg->funcs) {
      Symbol* sym = d->name->sym;
      if (!sym) continue;
      currentFile = pkg->files.empty() ? "" : pkg->files[0]->filename;
      std::string name = d->info && !d->info->name.empty() ? d->info->name : sym->qualifiedName;
      vm::FuncProto* p = newProto(name);
      p->line = d->pos.line;
      if (!d->body) {
        p->isNative = true;
        p->nativeName = nativeNameOf(pkg.get(), d, sym);
        const Type* sig = sym->type;
        p->nparams = uint16_t(sig->params.size() + (d->recv ? 1 : 0));
        p->nresults = uint16_t(sig->results.size());
        p->nregs = std::max(p->nparams, p->nresults);
      }
      funcIndices[sym] = uint32_t(out->funcs.size() - 1);
    }
    for (FuncLit* lit : pkg->funcLits) {
      std::string name = lit->info ? lit->info->name : "func";
      newProto(name)->line = lit->pos.line;
      literalIndices[lit] = uint32_t(out->funcs.size() - 1);
    }
  }
}

void ProgramCompiler::compileBodies() {
  for (auto& pkg : src.packages) {
    currentFile = pkg->files.empty() ? "" : pkg->files[0]->filename;
    for (FuncDecl* d : pkg->funcs) {
      if (!d->body || !d->name->sym) continue;
      vm::FuncProto* p = out->funcs[funcIndices[d->name->sym]].get();
      FuncCompiler fc(*this, p, d->info);
      try {
        fc.compileFunction(d->sig, d->body, d->recv);
      } catch (CompileError& e) {
        diags.add(currentFile, e.pos, e.message);
        if (diags.full()) return;
      }
    }
    for (FuncLit* lit : pkg->funcLits) {
      vm::FuncProto* p = out->funcs[literalIndices[lit]].get();
      FuncCompiler fc(*this, p, lit->info);
      try {
        fc.compileFunction(lit->sig, lit->body, nullptr);
      } catch (CompileError& e) {
        diags.add(currentFile, e.pos, e.message);
        if (diags.full()) return;
      }
    }
  }
}

// One package's initialisation, in the entry function being emitted by fc:
// aggregate and boxed globals start as allocated zero values, then the
// variable initialisers in dependency order, then the init functions.
void ProgramCompiler::emitPackageInit(FuncCompiler& fc, Package* pkg) {
  for (auto& [name, sym] : pkg->members) {
    if (sym->kind != SymKind::Var) continue;
    int slot = globalSlot(sym);
    if (fc.isAggregate(sym->type) || sym->addressTaken) {
      int t = fc.alloc();
      fc.zeroValue(sym->type, t);
      if (sym->addressTaken && !fc.isAggregate(sym->type))
        fc.emit(Opcode::NEWBOX, t, t, int(tid(sym->type)));
      fc.emit(Opcode::SETG, t, slot);
      fc.freeTo(0);
    }
  }
  for (ValueSpec* spec : pkg->varInits) {
    fc.setLine(spec->pos);
    if (spec->values.empty()) continue;
    std::vector<Symbol*> syms;
    for (Ident* n : spec->names) syms.push_back(n->sym);
    if (spec->values.size() == spec->names.size()) {
      for (size_t i = 0; i < syms.size(); ++i) {
        int t = fc.alloc();
        const Type* target = syms[i] ? syms[i]->type : spec->values[i]->type;
        fc.exprAs(spec->values[i], target, t);
        if (syms[i]) fc.storeVar(syms[i], t);
        fc.freeTo(0);
      }
    } else {
      auto* call = static_cast<CallExpr*>(spec->values[0]);
      int base = fc.callToBase(call);
      for (size_t i = 0; i < syms.size(); ++i)
        if (syms[i]) fc.storeVar(syms[i], base + int(i));
      fc.freeTo(0);
    }
  }
  for (FuncDecl* init : pkg->inits) fc.emit(Opcode::CALL, 0, funcIndex(init->name->sym));
}

// The entry function: globals in dependency order per package, init
// functions, then main.main (or the script body).
void ProgramCompiler::buildEntry() {
  vm::FuncProto* entry = newProto("runtime.main");
  out->entry = uint32_t(out->funcs.size() - 1);
  FuncCompiler fc(*this, entry, nullptr);
  try {
    for (auto& pkg : src.packages) {
      currentFile = pkg->files.empty() ? "" : pkg->files[0]->filename;
      entry->file = currentFile;
      emitPackageInit(fc, pkg.get());
    }
    Package* mainPkg = src.mainPackage;
    currentFile = mainPkg->files.empty() ? "" : mainPkg->files[0]->filename;
    if (src.scriptMode) {
      vm::FuncProto* script = newProto("main.main");
      uint32_t idx = uint32_t(out->funcs.size() - 1);
      FuncCompiler sc(*this, script, mainPkg->scriptInfo);
      sc.compileScript(mainPkg);
      fc.emit(Opcode::CALL, 0, idx);
    } else {
      auto it = mainPkg->members.find("main");
      if (it == mainPkg->members.end() || it->second->kind != SymKind::Func)
        throw CompileError{Pos{1, 1}, "function main is undeclared in the main package"};
      fc.emit(Opcode::CALL, 0, funcIndex(it->second));
    }
    fc.emit(Opcode::RET, 0, 0);
  } catch (CompileError& e) {
    diags.add(currentFile, e.pos, e.message);
  }
}

std::unique_ptr<vm::Program> ProgramCompiler::run() {
  out->mainFile =
      src.mainPackage && !src.mainPackage->files.empty() ? src.mainPackage->files[0]->filename : "";
  declareFunctions();
  registerTypeAssertionError();
  compileBodies();
  if (diags.any()) return nullptr;
  buildEntry();
  if (diags.any()) return nullptr;
  return std::move(out);
}

std::unique_ptr<vm::Program> compileProgram(Program& program, Diagnostics& diags) {
  ProgramCompiler pc(program, diags);
  std::unique_ptr<vm::Program> out = pc.run();
  // Stack maps are made when a collection first meets a function's frame.
  if (out)
    for (auto& f : out->funcs) f->stackMapsPending = !f->isNative && !f->code.empty();
#ifndef NDEBUG
  // Debug builds check what they emit (release builds leave it to the unit
  // tests, which verify every compiled example).
  if (out) {
    std::string err = vm::verifyProgram(*out);
    if (!err.empty()) {
      std::fprintf(stderr, "gol: internal error: bad bytecode: %s\n", err.c_str());
      std::abort();
    }
  }
#endif
  return out;
}

}  // namespace gol
