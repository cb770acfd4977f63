// Generated functions: promoted-method wrappers, bound method values,
// interface-call thunks and builtin thunks for defer/go.
#include <functional>

#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

bool recvIsPointer(Symbol* m) {
  return m->recvType && m->recvType->kind == Kind::Pointer;
}

bool isAggregateType(const Type* t) {
  const Type* u = under(t);
  return u->kind == Kind::Struct || u->kind == Kind::Array;
}

}  // namespace

// The method set comes from the checker (lang/check/lookup.hpp), so a method
// is in the run-time table exactly when the checker let T satisfy an
// interface with it. This only turns a selection into code.
int ProgramCompiler::methodFunc(const Type* t, const MethodSetEntry& entry) {
  std::string key = std::to_string(tid(t)) + "." + entry.name;
  auto it = methodFuncs.find(key);
  if (it != methodFuncs.end()) return it->second;
  methodFuncs[key] = -1;

  const Selection& sel = entry.sel;
  Symbol* m = sel.method;  // null: the method of an embedded interface
  bool isPtr = t->kind == Kind::Pointer;
  const Type* base = isPtr ? t->elem : t;
  // Structs and arrays are references at run time: a pointer to one and the
  // value itself are the same Value, so either receiver form can be called
  // directly.
  if (m && sel.path.empty() && (isPtr == recvIsPointer(m) || isAggregateType(base))) {
    int target = int(funcIndex(m));
    methodFuncs[key] = target;
    return target;
  }

  // A wrapper: walk the embedding path, adjust pointer-ness, call.
  const Type* sig = sel.type;
  int nparams = int(sig->params.size()) + 1;
  int nres = int(sig->results.size());
  vm::FuncProto* p = newProto(typeString(t) + "." + entry.name);
  p->wrapper = true;
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  methodFuncs[key] = int(idx);
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nres);
  int basereg = std::max(nparams, nres);
  uint32_t line = m ? m->pos.line : 0;
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(line);
  };
  emit(Opcode::MOVE, basereg, 0);
  const Type* cur = base;
  bool curIsPtr = isPtr;
  for (size_t k = 0; k < sel.path.size(); ++k) {
    int fi = sel.path[k];
    const Type* ft = under(cur)->fields[size_t(fi)].type;
    bool last = k + 1 == sel.path.size();
    if (last && m && recvIsPointer(m) && ft->kind != Kind::Pointer && !isAggregateType(ft)) {
      // A pointer method of a non-struct value embedded by value: it is in
      // the method set only when the outer value is reached through a
      // pointer, so the field has an address.
      emit(Opcode::ADDRF, basereg, basereg, fi);
      cur = ft;
      curIsPtr = true;
      continue;
    }
    emit(Opcode::GETF, basereg, basereg, fi);
    curIsPtr = ft->kind == Kind::Pointer;
    cur = curIsPtr ? ft->elem : ft;
  }
  for (int i = 1; i < nparams; ++i) emit(Opcode::MOVE, basereg + i, i);
  if (!m) {
    emit(Opcode::CALLI, basereg, basereg, int(nameId(entry.name)));
  } else {
    if (!isAggregateType(cur) && curIsPtr && !recvIsPointer(m))
      emit(Opcode::LOADPTR, basereg, basereg);
    emit(Opcode::CALL, basereg, int(funcIndex(m)));
  }
  emit(Opcode::RET, basereg, nres);
  p->nregs = uint16_t(basereg + std::max(nparams, nres) + 1);
  return int(idx);
}

int ProgramCompiler::methodFunc(const Type* t, const std::string& name) {
  for (const MethodSetEntry& e : methodSets.of(t))
    if (e.name == name) return methodFunc(t, e);
  throw CompileError{Pos{},
                     "internal: method " + name + " not in the method set of " + typeString(t)};
}

uint32_t ProgramCompiler::boundMethod(Symbol* method) {
  auto it = boundMethods.find(method);
  if (it != boundMethods.end()) return it->second;
  const Type* sig = method->type;
  int nparams = int(sig->params.size());
  int nres = int(sig->results.size());
  vm::FuncProto* p = newProto(method->qualifiedName + "-fm");
  p->wrapper = true;
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  boundMethods[method] = idx;
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nres);
  int base = std::max(nparams, nres);
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(method->pos.line);
  };
  emit(Opcode::GETUP, base, 0);
  for (int i = 0; i < nparams; ++i) emit(Opcode::MOVE, base + 1 + i, i);
  emit(Opcode::CALL, base, int(funcIndex(method)));
  emit(Opcode::RET, base, nres);
  p->nregs = uint16_t(base + nparams + nres + 2);
  return idx;
}

uint32_t ProgramCompiler::ifaceThunk(const Type* iface, int methodIndex) {
  const IfaceMethod& m = under(iface)->methods[size_t(methodIndex)];
  std::string key = "iface:" + std::to_string(tid(iface)) + "." + m.name;
  auto it = thunks.find(key);
  if (it != thunks.end()) return it->second;
  int nparams = int(m.sig->params.size()) + 1;
  int nres = int(m.sig->results.size());
  vm::FuncProto* p = newProto(typeString(iface) + "." + m.name + "-fm");
  p->wrapper = true;
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  thunks[key] = idx;
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nres);
  int base = std::max(nparams, nres);
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(0);
  };
  for (int i = 1; i < nparams; ++i) emit(Opcode::MOVE, base + i, i);
  emit(Opcode::CALLI, base, 0, int(nameId(m.name)));
  emit(Opcode::RET, base, nres);
  p->nregs = uint16_t(base + nparams + nres + 1);
  return idx;
}

uint32_t ProgramCompiler::boundIfaceMethod(const Type* iface, int methodIndex) {
  const IfaceMethod& m = under(iface)->methods[size_t(methodIndex)];
  std::string key = "bound-iface:" + std::to_string(tid(iface)) + "." + m.name;
  auto it = thunks.find(key);
  if (it != thunks.end()) return it->second;
  int nparams = int(m.sig->params.size());
  int nres = int(m.sig->results.size());
  vm::FuncProto* p = newProto(typeString(iface) + "." + m.name + "-fm");
  p->wrapper = true;
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  thunks[key] = idx;
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nres);
  int base = std::max(nparams, nres) + 1;
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(0);
  };
  emit(Opcode::GETUP, base - 1, 0);
  for (int i = 0; i < nparams; ++i) emit(Opcode::MOVE, base + 1 + i, i);
  emit(Opcode::CALLI, base, base - 1, int(nameId(m.name)));
  emit(Opcode::RET, base, nres);
  p->nregs = uint16_t(base + nparams + nres + 2);
  return idx;
}

uint32_t ProgramCompiler::builtinThunk(BuiltinId id, const std::vector<const Type*>& argTypes,
                                       Pos pos) {
  std::string key = "builtin:" + std::to_string(int(id)) + ":" + std::to_string(argTypes.size());
  for (const Type* t : argTypes) key += ":" + std::to_string(tid(t));
  auto it = thunks.find(key);
  if (it != thunks.end()) return it->second;
  int n = int(argTypes.size());
  vm::FuncProto* p = newProto("runtime.deferwrap");
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  thunks[key] = idx;
  p->nparams = uint16_t(n);
  p->nresults = 0;
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(pos.line);
  };
  switch (id) {
    case BuiltinId::Close: emit(Opcode::CLOSE, 0, 0); break;
    case BuiltinId::Panic: emit(Opcode::PANIC, 0, 0); break;
    case BuiltinId::Delete: emit(Opcode::MAPDEL, 0, 1); break;
    case BuiltinId::Print:
    case BuiltinId::Println: {
      // Arguments arrive as one []any slice (packed by the caller) plus the
      // newline flag as a second parameter.
      emit(Opcode::CALL, 0, int(internalNative("runtime.printArgs", 2, 0)));
      break;
    }
    case BuiltinId::Recover:
      // `defer recover()`: recover is the deferred call itself, not called
      // by one, so it stops nothing when a panic runs it (Go's test/recover.go).
      emit(Opcode::RECOVER, 0, 1);
      break;
    default: unsupported(pos, "this builtin in a go or defer statement");
  }
  emit(Opcode::RET, 0, 0);
  p->nregs = uint16_t(n + 2);
  return idx;
}

}  // namespace gol
