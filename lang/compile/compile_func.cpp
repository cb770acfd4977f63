// Per-function code generation: emission, registers, variables.
#include <algorithm>
#include <cstring>

#include "lang/compile/compiler_impl.hpp"

namespace gol {

FuncCompiler::FuncCompiler(ProgramCompiler& p, vm::FuncProto* proto, FuncInfo* i)
    : pc(p), fn(proto), info(i) {
  if (info) {
    for (size_t k = 0; k < info->captures.size(); ++k) upvalues_[info->captures[k]] = int(k);
    line_ = info->pos.line;
  }
}

namespace {

// An operand that does not fit its 16 bits would wrap silently (type 65,536
// read as type 0, field 65,536 as field 0): a compile error naming the
// limit instead.
void checkOperand(vm::Operand kind, int v, Pos pos) {
  const char* what = nullptr;
  switch (kind) {
    case vm::Operand::Reg: what = "too many registers in one function (limit 65535)"; break;
    case vm::Operand::Const: what = "too many constants (limit 65535)"; break;
    case vm::Operand::Tid: what = "too many types (limit 65535)"; break;
    case vm::Operand::Name: what = "too many method and field names (limit 65535)"; break;
    case vm::Operand::Count: what = "too many struct fields or operands (limit 65535)"; break;
    default: return;
  }
  if (v < 0 || v > 0xFFFF) throw CompileError{pos, what};
}

}  // namespace

int FuncCompiler::emit(Opcode op, int a, int b, int c, int x) {
  // Globals past 65,535: the wide forms, whichever path emits the access.
  if ((op == Opcode::GETG || op == Opcode::SETG) && b > 0xFFFF) {
    c = b >> 16;
    b &= 0xFFFF;
    op = op == Opcode::GETG ? Opcode::GETGX : Opcode::SETGX;
  }
  vm::OpFormat f = vm::opcodeFormat(op);
  Pos pos{line_, 1};
  checkOperand(f.a, a, pos);
  checkOperand(f.b, b, pos);  // a Func operand spills into x (makeInstr)
  checkOperand(f.c, c, pos);
  fn->code.push_back(makeInstr(op, a, b, c, x));
  fn->lines.push_back(line_);
  return int(fn->code.size()) - 1;
}

int FuncCompiler::emitJump(Opcode op, int a) {
  return emit(op, a, 0, 0);
}

void FuncCompiler::patchJumpTo(int at, int target) {
  if (!vm::setJumpTarget(fn->code[size_t(at)], size_t(at), size_t(target)))
    throw CompileError{Pos{fn->lines[size_t(at)], 1},
                       "function too large: a conditional jump spans more than 32767 instructions"};
}

void FuncCompiler::patchJumpHere(int at) {
  patchJumpTo(at, here());
}

void FuncCompiler::emitJumpBack(int target) {
  int at = emit(Opcode::JMP);
  patchJumpTo(at, target);
}

uint16_t FuncCompiler::konst(const vm::Constant& c) {
  for (size_t i = 0; i < fn->constants.size(); ++i) {
    const vm::Constant& k = fn->constants[i];
    if (k.kind != c.kind) continue;
    if (c.kind == vm::Constant::Kind::Int && k.i == c.i) return uint16_t(i);
    if (c.kind == vm::Constant::Kind::Float && std::memcmp(&k.f, &c.f, sizeof(double)) == 0)
      return uint16_t(i);
    if (c.kind == vm::Constant::Kind::String && k.s == c.s) return uint16_t(i);
  }
  if (fn->constants.size() >= 0xFFFF) throw CompileError{Pos{line_, 1}, "too many constants"};
  fn->constants.push_back(c);
  return uint16_t(fn->constants.size() - 1);
}

void FuncCompiler::loadInt(int dst, int64_t v) {
  if (v >= INT32_MIN && v <= INT32_MAX) {
    uint32_t u = uint32_t(int32_t(v));
    emit(Opcode::LOADI, dst, int(u >> 16), int(u & 0xFFFF));
    return;
  }
  vm::Constant c;
  c.kind = vm::Constant::Kind::Int;
  c.i = v;
  emit(Opcode::LOADK, dst, konst(c));
}

void FuncCompiler::loadConst(int dst, const Type* t, const ConstValue& v) {
  const Type* u = under(t);
  Kind k = u ? u->kind : Kind::Invalid;
  if (k == Kind::Interface) {
    // A constant converted to an interface: its default type decides.
    Kind dk = v.kind == ConstKind::Bool      ? Kind::Bool
              : v.kind == ConstKind::String  ? Kind::String
              : v.kind == ConstKind::Float   ? Kind::Float64
              : v.kind == ConstKind::Complex ? Kind::Complex128
                                             : Kind::Int;
    const Type* d = pc.src.types.basic(dk);
    loadConst(dst, d, v);
    emit(Opcode::MKIFACE, dst, dst, int(pc.tid(d)));
    return;
  }
  if (isComplex(u)) {
    loadComplexConst(dst, u, v);
    return;
  }
  if (isFloat(u) || k == Kind::UntypedFloat) {
    vm::Constant c;
    c.kind = vm::Constant::Kind::Float;
    c.f = v.asFloat64();
    if (k == Kind::Float32) c.f = double(float(c.f));
    emit(Opcode::LOADK, dst, konst(c));
    return;
  }
  switch (v.kind) {
    case ConstKind::Bool: loadInt(dst, v.b ? 1 : 0); return;
    case ConstKind::Int:
    case ConstKind::Float: loadInt(dst, v.asInt64()); return;
    case ConstKind::String: {
      vm::Constant c;
      c.kind = vm::Constant::Kind::String;
      c.s = v.s;
      emit(Opcode::LOADK, dst, konst(c));
      return;
    }
    case ConstKind::Complex:
    case ConstKind::None: emit(Opcode::LOADNIL, dst, 0); return;
  }
}

int FuncCompiler::alloc(int n) {
  int r = top_;
  top_ += n;
  if (top_ > 0xFFF0) throw CompileError{Pos{line_, 1}, "function too large (registers)"};
  if (top_ > fn->nregs) fn->nregs = uint16_t(top_);
  return r;
}

bool FuncCompiler::isAggregate(const Type* t) const {
  const Type* u = under(t);
  return u && (u->kind == Kind::Struct || u->kind == Kind::Array);
}

bool FuncCompiler::isBoxedVar(Symbol* v) const {
  if (resultsBoxed_ &&
      std::find(boxedResults_.begin(), boxedResults_.end(), v) != boxedResults_.end())
    return true;
  return !isAggregate(v->type) && (v->captured || v->addressTaken);
}

FuncCompiler::VarLoc FuncCompiler::locate(Symbol* v) {
  auto r = regs_.find(v);
  if (r != regs_.end()) return {isBoxedVar(v) ? VarHome::Boxed : VarHome::Reg, r->second};
  auto u = upvalues_.find(v);
  if (u != upvalues_.end())
    return {isAggregate(v->type) ? VarHome::UpvalueAgg : VarHome::Upvalue, u->second};
  if (v->isGlobal || v->owner == nullptr) {
    int slot = pc.globalSlot(v);
    bool boxed = v->addressTaken && !isAggregate(v->type);
    return {boxed ? VarHome::BoxedGlobal : VarHome::Global, slot};
  }
  throw CompileError{v->pos, "internal: variable " + v->name + " has no location"};
}

void FuncCompiler::loadVar(Symbol* v, int dst) {
  VarLoc l = locate(v);
  switch (l.home) {
    case VarHome::Reg:
      if (dst != l.index) emit(Opcode::MOVE, dst, l.index);
      return;
    case VarHome::Boxed: emit(Opcode::GETF, dst, l.index, 0); return;
    case VarHome::Upvalue: emit(Opcode::GETUPV, dst, l.index); return;
    case VarHome::UpvalueAgg: emit(Opcode::GETUP, dst, l.index); return;
    case VarHome::Global:
      if (l.index > 0xFFFF)
        emit(Opcode::GETGX, dst, l.index & 0xFFFF, l.index >> 16);
      else
        emit(Opcode::GETG, dst, l.index);
      return;
    case VarHome::BoxedGlobal:
      emit(Opcode::GETG, dst, l.index);
      emit(Opcode::GETF, dst, dst, 0);
      return;
  }
}

void FuncCompiler::storeVar(Symbol* v, int src) {
  VarLoc l = locate(v);
  bool agg = isAggregate(v->type);
  bool rebindable = agg && !v->addressTaken && !v->captured;
  switch (l.home) {
    case VarHome::Reg:
      if (agg && !rebindable)
        emit(Opcode::COPYINTO, l.index, src);
      else if (src != l.index)
        emit(Opcode::MOVE, l.index, src);
      return;
    case VarHome::Boxed: emit(Opcode::SETF, l.index, 0, src); return;
    case VarHome::Upvalue: emit(Opcode::SETUPV, src, l.index); return;
    case VarHome::UpvalueAgg: {
      int t = alloc();
      emit(Opcode::GETUP, t, l.index);
      emit(Opcode::COPYINTO, t, src);
      freeTo(t);
      return;
    }
    case VarHome::Global:
      if (agg) {
        int t = alloc();
        emit(Opcode::GETG, t, l.index);
        emit(Opcode::COPYINTO, t, src);
        freeTo(t);
      } else {
        emit(Opcode::SETG, src, l.index);
        tellMemProfileRate(v, src);
      }
      return;
    case VarHome::BoxedGlobal: {
      int t = alloc();
      emit(Opcode::GETG, t, l.index);
      emit(Opcode::SETF, t, 0, src);
      freeTo(t);
      tellMemProfileRate(v, src);
      return;
    }
  }
}

// Go's allocator reads runtime.MemProfileRate at every allocation; gol's
// allocation fast path only counts bytes down to the next sample, so an
// assignment to the variable also tells the heap profile
// (runtime.setMemProfileRate). A store through a pointer to it is not seen.
void FuncCompiler::tellMemProfileRate(const Symbol* v, int src) {
  if (!v->pkg || v->pkg->path != "runtime" || v->name != "MemProfileRate") return;
  int t = alloc();
  emit(Opcode::MOVE, t, src);
  emit(Opcode::CALL, t, int(pc.internalNative("runtime.setMemProfileRate", 1, 0)));
  freeTo(t);
}

// Binds a new local to a register already holding its initial value.
void FuncCompiler::declareLocal(Symbol* v, int reg) {
  if (!v) return;
  if (v->isGlobal) {  // a REPL entry's top-level variable (lang/check/session.cpp)
    storeVar(v, reg);
    return;
  }
  regs_[v] = reg;
  if (isBoxedVar(v)) emit(Opcode::NEWBOX, reg, reg, int(pc.tid(v->type)));
}

int FuncCompiler::declareLocalZero(Symbol* v) {
  int r = alloc();
  zeroValue(v->type, r);
  declareLocal(v, r);
  return r;
}

void FuncCompiler::zeroValue(const Type* t, int dst) {
  if (isAggregate(t))
    emit(Opcode::ZERO, dst, int(pc.tid(t)));
  else
    emit(Opcode::LOADNIL, dst, 0);
}

void FuncCompiler::compileFunction(FuncTypeExpr*, BlockStmt* body, Field*) {
  setLine(info->pos);
  int np = 0;
  std::vector<Symbol*> params;
  if (info->recv) params.push_back(info->recv);
  for (Symbol* p : info->params) params.push_back(p);
  np = int(params.size());
  alloc(np);
  for (int i = 0; i < np; ++i) {
    Symbol* p = params[size_t(i)];
    if (!p) continue;
    regs_[p] = i;
    // A value receiver of aggregate type is copied by the method itself
    // (callers, including interface dispatch, pass the object).
    if (p == info->recv && isAggregate(p->type)) emit(Opcode::COPY, i, i);
    if (isBoxedVar(p)) emit(Opcode::NEWBOX, i, i, int(pc.tid(p->type)));
  }
  const Type* sig = info->sig;
  int nres = int(sig->results.size());
  resultTypes_ = sig->results;
  resultReg_ = alloc(nres);
  for (Symbol* r : info->results)
    if (r && (r->captured || r->addressTaken) && !isAggregate(r->type)) resultsBoxed_ = true;
  for (int i = 0; i < nres; ++i) {
    zeroValue(sig->results[size_t(i)], resultReg_ + i);
    Symbol* r = i < int(info->results.size()) ? info->results[size_t(i)] : nullptr;
    if (r) regs_[r] = resultReg_ + i;
    if (r && resultsBoxed_) boxedResults_.push_back(r);
    if (resultsBoxed_)
      emit(Opcode::NEWBOX, resultReg_ + i, resultReg_ + i, int(pc.tid(sig->results[size_t(i)])));
  }
  namedResults_ = info->results;
  fn->nparams = uint16_t(np);
  fn->nresults = uint16_t(nres);
  fn->resultReg = uint16_t(resultReg_);
  fn->resultsBoxed = resultsBoxed_;
  block(body->stmts);
  // Falling off the end returns at the closing brace. A function with
  // results ends in a terminating statement, so its final RET is never
  // reached and keeps the last statement's line: Go has no code at that
  // brace (runtime.Func.FileLine never reports it).
  if (nres == 0) setLine(body->rbrace);
  emit(Opcode::RET, resultReg_, nres, 0, resultsBoxed_ ? 1 : 0);
  if (fn->nregs < fn->nparams) fn->nregs = fn->nparams;
}

void FuncCompiler::compileScript(Package* pkg) {
  if (info) setLine(info->pos);
  fn->nparams = 0;
  fn->nresults = 0;
  for (File* f : pkg->files) {
    for (TopLevel& item : f->items) {
      if (item.stmt) {
        stmt(item.stmt);
      } else if (item.gen && item.gen->tok == DeclTok::Var) {
        for (Spec* s : item.gen->specs) {
          auto* vs = static_cast<ValueSpec*>(s);
          bool local = !vs->names.empty() && vs->names[0]->sym && !vs->names[0]->sym->isGlobal;
          if (local) {
            setLine(vs->pos);
            defineVars(vs->names, vs->values, vs->type ? vs->type->type : nullptr);
          }
        }
      }
    }
  }
  emit(Opcode::RET, 0, 0);
}

}  // namespace gol
