// Generated functions: promoted-method wrappers, bound method values,
// interface-call thunks and builtin thunks for defer/go.
#include <functional>

#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

struct MethodPath {
  Symbol* method = nullptr;
  std::vector<int> path;  // embedded field indices from the receiver
  int depth = 1 << 30;
  bool ambiguous = false;
};

// Finds method `name` reachable from struct/named type `t` through
// embedded fields, at the shallowest depth (Go's promotion rule).
void findMethod(const Type* t, const std::string& name, std::vector<int>& path, int depth,
                MethodPath& best) {
  if (depth > 8 || depth > best.depth) return;
  if (t->kind == Kind::Pointer) t = t->elem;
  if (t->isNamed()) {
    for (Symbol* m : t->declaredMethods) {
      if (m->name != name) continue;
      if (depth < best.depth) {
        best.method = m;
        best.path = path;
        best.depth = depth;
        best.ambiguous = false;
      } else if (depth == best.depth && best.method != m) {
        best.ambiguous = true;
      }
      return;
    }
  }
  const Type* u = under(t);
  if (!u || u->kind != Kind::Struct) return;
  for (size_t i = 0; i < u->fields.size(); ++i) {
    const StructField& f = u->fields[i];
    if (!f.embedded) continue;
    path.push_back(int(i));
    findMethod(f.type, name, path, depth + 1, best);
    path.pop_back();
  }
}

bool recvIsPointer(Symbol* m) {
  return m->recvType && m->recvType->kind == Kind::Pointer;
}

}  // namespace

int ProgramCompiler::methodFunc(const Type* t, const std::string& name) {
  std::string key = std::to_string(tid(t)) + "." + name;
  auto it = methodFuncs.find(key);
  if (it != methodFuncs.end()) return it->second;
  methodFuncs[key] = -1;

  MethodPath best;
  std::vector<int> path;
  findMethod(t, name, path, 0, best);
  if (!best.method || best.ambiguous) return -1;
  bool isPtr = t->kind == Kind::Pointer;
  const Type* base = isPtr ? t->elem : t;
  bool aggregate = under(base)->kind == Kind::Struct || under(base)->kind == Kind::Array;
  Symbol* m = best.method;
  // Value types only have value-receiver methods (promotion through an
  // embedded pointer also gives pointer methods).
  if (!isPtr && recvIsPointer(m) && best.path.empty()) return -1;

  uint32_t target = funcIndex(m);
  bool direct = best.path.empty() && (isPtr == recvIsPointer(m) || aggregate);
  if (direct) {
    methodFuncs[key] = int(target);
    return int(target);
  }

  // A wrapper: walk the embedding path, adjust pointer-ness, call.
  const Type* sig = m->type;
  int nparams = int(sig->params.size()) + 1;
  int nres = int(sig->results.size());
  vm::FuncProto* p = newProto(typeString(t) + "." + name);
  uint32_t idx = uint32_t(out->funcs.size() - 1);
  methodFuncs[key] = int(idx);
  p->nparams = uint16_t(nparams);
  p->nresults = uint16_t(nres);
  int basereg = std::max(nparams, nres);
  auto emit = [&](Opcode op, int a, int b, int c = 0) {
    p->code.push_back(makeInstr(op, a, b, c));
    p->lines.push_back(m->pos.line);
  };
  emit(Opcode::MOVE, basereg, 0);
  const Type* cur = base;
  bool curIsPtr = isPtr;
  for (int fi : best.path) {
    if (!curIsPtr && !(under(cur)->kind == Kind::Struct)) break;
    emit(Opcode::GETF, basereg, basereg, fi);
    const Type* ft = under(cur)->fields[size_t(fi)].type;
    curIsPtr = ft->kind == Kind::Pointer;
    cur = curIsPtr ? ft->elem : ft;
  }
  bool curAggregate = under(cur)->kind == Kind::Struct || under(cur)->kind == Kind::Array;
  if (!curAggregate) {
    if (curIsPtr && !recvIsPointer(m)) emit(Opcode::LOADPTR, basereg, basereg);
    if (!curIsPtr && recvIsPointer(m))
      throw CompileError{m->pos, "internal: cannot address receiver"};
  }
  for (int i = 1; i < nparams; ++i) emit(Opcode::MOVE, basereg + i, i);
  emit(Opcode::CALL, basereg, int(target));
  emit(Opcode::RET, basereg, nres);
  p->nregs = uint16_t(basereg + std::max(nparams, nres) + 1);
  return int(idx);
}

uint32_t ProgramCompiler::boundMethod(Symbol* method) {
  auto it = boundMethods.find(method);
  if (it != boundMethods.end()) return it->second;
  const Type* sig = method->type;
  int nparams = int(sig->params.size());
  int nres = int(sig->results.size());
  vm::FuncProto* p = newProto(method->qualifiedName + "-fm");
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
    case BuiltinId::Recover: emit(Opcode::RECOVER, 0, 0); break;
    default: unsupported(pos, "this builtin in a go or defer statement");
  }
  emit(Opcode::RET, 0, 0);
  p->nregs = uint16_t(n + 2);
  return idx;
}

}  // namespace gol
