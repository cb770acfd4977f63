// Expressions to bytecode.
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

bool isNilExpr(Expr* e) {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  if (e->kind == ExprKind::Ident) {
    auto* id = static_cast<Ident*>(e);
    return id->sym && id->sym->kind == SymKind::Nil;
  }
  return e->type && e->type->kind == Kind::UntypedNil;
}

bool isSizedInt(Kind k) {
  return k == Kind::Int8 || k == Kind::Int16 || k == Kind::Int32 || k == Kind::Uint8 ||
         k == Kind::Uint16 || k == Kind::Uint32;
}

}  // namespace

int FuncCompiler::exprReg(Expr* e) {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  if (!hoisted_.empty())
    if (auto it = hoisted_.find(e); it != hoisted_.end()) return it->second;
  if (e->mode != Mode::Constant && e->kind == ExprKind::Ident) {
    auto* id = static_cast<Ident*>(e);
    if (id->sym && id->sym->kind == SymKind::Var) {
      auto it = regs_.find(id->sym);
      if (it != regs_.end() && !isBoxedVar(id->sym)) return it->second;
    }
  }
  int r = alloc();
  expr(e, r);
  return r;
}

bool FuncCompiler::isFresh(Expr* e) const {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  switch (e->kind) {
    case ExprKind::CompositeLit:
    case ExprKind::FuncLit: return true;
    case ExprKind::Call: {
      auto* c = static_cast<CallExpr*>(e);
      if (c->callKind == CallKind::Conversion) return !c->args.empty() && isFresh(c->args[0]);
      return true;
    }
    default: return false;
  }
}

void FuncCompiler::exprAs(Expr* e, const Type* target, int dst) {
  if (!target) {
    expr(e, dst);
    return;
  }
  if (isNilExpr(e)) {
    emit(Opcode::LOADNIL, dst, 0);
    return;
  }
  if (e->mode == Mode::Constant) {
    const Type* t = isInterface(target) ? e->type : target;
    if (!t || isUntyped(t)) t = target;
    loadConst(dst, t, e->value);
    if (isInterface(target) && !isInterface(t)) emit(Opcode::MKIFACE, dst, dst, int(pc.tid(t)));
    return;
  }
  expr(e, dst);
  if (isAggregate(e->type) && !isFresh(e)) emit(Opcode::COPY, dst, dst);
  convertInPlace(dst, e->type, target);
}

void FuncCompiler::convertInPlace(int reg, const Type* from, const Type* to) {
  if (!from || !to) return;
  if (isInterface(to) && !isInterface(from) && from->kind != Kind::UntypedNil)
    emit(Opcode::MKIFACE, reg, reg, int(pc.tid(from)));
}

void FuncCompiler::expr(Expr* e, int dst) {
  setLine(e->pos);
  if (!hoisted_.empty()) {
    if (auto it = hoisted_.find(e); it != hoisted_.end()) {
      if (it->second != dst) emit(Opcode::MOVE, dst, it->second);
      return;
    }
  }
  if (e->mode == Mode::Constant) {
    loadConst(dst, e->type, e->value);
    return;
  }
  switch (e->kind) {
    case ExprKind::Paren: expr(static_cast<ParenExpr*>(e)->x, dst); return;
    case ExprKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      Symbol* s = id->sym;
      if (!s) unsupported(e->pos, "blank identifier as value");
      switch (s->kind) {
        case SymKind::Var: loadVar(s, dst); return;
        case SymKind::Nil: emit(Opcode::LOADNIL, dst, 0); return;
        case SymKind::Func: emit(Opcode::CLOSURE, dst, int(pc.funcIndex(s)), 0); return;
        case SymKind::Const: loadConst(dst, e->type, s->value); return;
        default: unsupported(e->pos, "this identifier as a value");
      }
    }
    case ExprKind::CompositeLit: compositeLit(static_cast<CompositeLit*>(e), e->type, dst); return;
    case ExprKind::FuncLit: funcLit(static_cast<FuncLit*>(e), dst); return;
    case ExprKind::Selector: selector(static_cast<SelectorExpr*>(e), dst); return;
    case ExprKind::Index:
      // F[int] as a value: the instance the checker made.
      if (Symbol* inst = static_cast<IndexExpr*>(e)->inst) {
        emit(Opcode::CLOSURE, dst, int(pc.funcIndex(inst)), 0);
        return;
      }
      index(static_cast<IndexExpr*>(e), dst);
      return;
    case ExprKind::Slice: sliceExpr(static_cast<SliceExpr*>(e), dst); return;
    case ExprKind::TypeAssert: typeAssert(static_cast<TypeAssertExpr*>(e), dst, false); return;
    case ExprKind::Call: call(static_cast<CallExpr*>(e), dst, 1); return;
    case ExprKind::Star: {
      int saved = top();
      int p = exprReg(static_cast<StarExpr*>(e)->x);
      // A pointer to a struct or array is the object itself: LOADPTR keeps
      // it whole (kWholeObject) after checking it is not nil, as *p must.
      emit(Opcode::LOADPTR, dst, p);
      freeTo(saved);
      return;
    }
    case ExprKind::Unary: unary(static_cast<UnaryExpr*>(e), dst); return;
    case ExprKind::Binary: binary(static_cast<BinaryExpr*>(e), dst); return;
    default: unsupported(e->pos, "this expression");
  }
}

void FuncCompiler::unary(UnaryExpr* e, int dst) {
  const Type* t = under(e->type);
  switch (e->op) {
    case Op::Add: expr(e->x, dst); return;
    case Op::Sub: {
      int saved = top();
      int x = exprReg(e->x);
      if (isComplex(t)) {
        callComplexNative("runtime.complexNeg", dst, {x});
      } else if (isFloat(t)) {
        emit(Opcode::NEGF, dst, x);
      } else {
        emit(Opcode::NEGI, dst, x);
        if (isSizedInt(t->kind)) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(t)));
      }
      freeTo(saved);
      return;
    }
    case Op::Not: {
      int saved = top();
      int x = exprReg(e->x);
      emit(Opcode::NOT, dst, x);
      freeTo(saved);
      return;
    }
    case Op::Xor: {
      int saved = top();
      int x = exprReg(e->x);
      emit(Opcode::NOTI, dst, x);
      if (isSizedInt(t->kind)) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(t)));
      freeTo(saved);
      return;
    }
    case Op::Addr: address(e->x, dst); return;
    case Op::Arrow: {
      int saved = top();
      int c = exprReg(e->x);
      emit(Opcode::RECV, dst, c);
      freeTo(saved);
      return;
    }
    default: unsupported(e->pos, "this unary operator");
  }
}

void FuncCompiler::compare(Op op, const Type* t, int dst, int x, int y) {
  const Type* u = under(t);
  Kind k = u->kind;
  if (isComplex(u)) {
    complexCompare(op, dst, x, y);
    return;
  }
  Opcode eq, ne, lt, le;
  if (isFloat(u)) {
    eq = Opcode::EQF, ne = Opcode::NEF, lt = Opcode::LTF, le = Opcode::LEF;
  } else if (isString(u)) {
    eq = Opcode::EQS, ne = Opcode::NES, lt = Opcode::LTS, le = Opcode::LES;
  } else if (isUnsigned(u)) {
    eq = Opcode::EQI, ne = Opcode::NEI, lt = Opcode::LTU, le = Opcode::LEU;
  } else if (isInteger(u) || isBoolean(u)) {
    eq = Opcode::EQI, ne = Opcode::NEI, lt = Opcode::LTI, le = Opcode::LEI;
  } else if (k == Kind::Interface) {
    eq = Opcode::EQIFACE, ne = Opcode::NEIFACE, lt = le = Opcode::NOP;
  } else if (k == Kind::Struct || k == Kind::Array) {
    eq = Opcode::EQAGG, ne = Opcode::NEAGG, lt = le = Opcode::NOP;
  } else {
    eq = Opcode::EQP, ne = Opcode::NEP, lt = le = Opcode::NOP;
  }
  switch (op) {
    case Op::Eql: emit(eq, dst, x, y); return;
    case Op::Neq: emit(ne, dst, x, y); return;
    case Op::Lss: emit(lt, dst, x, y); return;
    case Op::Leq: emit(le, dst, x, y); return;
    case Op::Gtr: emit(lt, dst, y, x); return;
    case Op::Geq: emit(le, dst, y, x); return;
    default: unsupported(Pos{line_, 1}, "this comparison");
  }
}

static bool isComparison(Op op) {
  return op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr ||
         op == Op::Geq;
}

void FuncCompiler::binary(BinaryExpr* e, int dst) {
  if (e->op == Op::LAnd || e->op == Op::LOr) {
    expr(e->x, dst);
    int j = emitJump(e->op == Op::LAnd ? Opcode::JF : Opcode::JT, dst);
    // gc orders the right operand on its own, where it runs.
    int saved = top();
    hoistCalls({}, {e->y});
    expr(e->y, dst);
    freeTo(saved);
    patchJumpHere(j);
    return;
  }
  int saved = top();
  if (isComparison(e->op)) {
    bool xnil = isNilExpr(e->x), ynil = isNilExpr(e->y);
    if (xnil || ynil) {
      Expr* other = xnil ? e->y : e->x;
      int r = exprReg(other);
      if (isInterface(other->type)) {
        emit(Opcode::TYPEIS, dst, r, 0);
        if (e->op == Op::Neq) emit(Opcode::NOT, dst, dst);
      } else {
        int n = alloc();
        emit(Opcode::LOADNIL, n, 0);
        emit(e->op == Op::Eql ? Opcode::EQP : Opcode::NEP, dst, r, n);
      }
      freeTo(saved);
      return;
    }
    const Type* tx = e->x->type;
    const Type* ty = e->y->type;
    const Type* ct = tx;
    if (isInterface(tx) || isInterface(ty)) {
      ct = isInterface(tx) ? tx : ty;
      int x = alloc();
      exprAs(e->x, ct, x);
      int y = alloc();
      exprAs(e->y, ct, y);
      compare(e->op, ct, dst, x, y);
    } else {
      if (isUntyped(ct)) ct = ty;
      int x = exprReg(e->x);
      int y = exprReg(e->y);
      compare(e->op, ct, dst, x, y);
    }
    freeTo(saved);
    return;
  }
  const Type* t = under(e->type);
  if (isComplex(t)) {
    int x = exprReg(e->x);
    int y = exprReg(e->y);
    setLine(e->opPos.line ? e->opPos : e->pos);
    complexArith(e->op, t, dst, x, y);
    freeTo(saved);
    return;
  }
  Kind k = t->kind;
  bool fl = isFloat(t);
  bool uns = isUnsigned(t);
  // A constant right operand (or left, for + and *) becomes an immediate
  // or a constant-table operand: loops then load nothing per iteration.
  Expr* ex = e->x;
  Expr* ey = e->y;
  if (ex->mode == Mode::Constant && ey->mode != Mode::Constant &&
      (e->op == Op::Add || e->op == Op::Mul) && !isString(t))
    std::swap(ex, ey);
  if (ey->mode == Mode::Constant && !isString(t) && k != Kind::Float32) {
    Opcode kop = Opcode::NOP;
    if (fl) {
      switch (e->op) {
        case Op::Add: kop = Opcode::ADDFK; break;
        case Op::Sub: kop = Opcode::SUBFK; break;
        case Op::Mul: kop = Opcode::MULFK; break;
        case Op::Quo: kop = Opcode::DIVFK; break;
        default: break;
      }
    } else if (isInteger(t)) {
      switch (e->op) {
        case Op::Add: kop = Opcode::ADDK; break;
        case Op::Sub: kop = Opcode::SUBK; break;
        case Op::Mul: kop = Opcode::MULK; break;
        case Op::Quo: kop = uns ? Opcode::NOP : Opcode::DIVK; break;
        case Op::Rem: kop = uns ? Opcode::NOP : Opcode::REMK; break;
        case Op::And: kop = Opcode::ANDK; break;
        case Op::Shl: kop = Opcode::SHLK; break;
        case Op::Shr: kop = uns ? Opcode::SHRUK : Opcode::SHRK; break;
        default: break;
      }
    }
    if (kop != Opcode::NOP) {
      int x = exprReg(ex);
      setLine(e->opPos.line ? e->opPos : e->pos);
      vm::Constant c;
      if (fl) {
        c.kind = vm::Constant::Kind::Float;
        c.f = ey->value.asFloat64();
      } else {
        c.kind = vm::Constant::Kind::Int;
        c.i = ey->value.asInt64();
      }
      if ((kop == Opcode::ADDK || kop == Opcode::SUBK) && c.i >= -32767 && c.i <= 32767) {
        emit(Opcode::ADDIK, dst, x, uint16_t(int16_t(kop == Opcode::ADDK ? c.i : -c.i)));
      } else {
        emit(kop, dst, x, konst(c));
      }
      if (isSizedInt(k)) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(t)));
      freeTo(saved);
      return;
    }
  }
  int x = exprReg(e->x);
  int y = exprReg(e->y);
  Opcode op = Opcode::NOP;
  switch (e->op) {
    case Op::Add: op = isString(t) ? Opcode::CONCAT : fl ? Opcode::ADDF : Opcode::ADDI; break;
    case Op::Sub: op = fl ? Opcode::SUBF : Opcode::SUBI; break;
    case Op::Mul: op = fl ? Opcode::MULF : Opcode::MULI; break;
    case Op::Quo: op = fl ? Opcode::DIVF : uns ? Opcode::DIVU : Opcode::DIVI; break;
    case Op::Rem: op = uns ? Opcode::REMU : Opcode::REMI; break;
    case Op::And: op = Opcode::ANDI; break;
    case Op::Or: op = Opcode::ORI; break;
    case Op::Xor: op = Opcode::XORI; break;
    case Op::AndNot: op = Opcode::ANDNOTI; break;
    case Op::Shl: op = Opcode::SHLI; break;
    case Op::Shr: op = uns ? Opcode::SHRU : Opcode::SHRI; break;
    default: unsupported(e->pos, "this binary operator");
  }
  setLine(e->opPos.line ? e->opPos : e->pos);
  // x = 1 on a shift: the count is unsigned, so a count the VM sees as
  // negative is one >= 2^63, a shift by more than the width, not a panic.
  bool unsignedCount = (e->op == Op::Shl || e->op == Op::Shr) && isUnsigned(e->y->type);
  emit(op, dst, x, y, unsignedCount ? 1 : 0);
  if (isSizedInt(k) && op != Opcode::CONCAT) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(t)));
  if (k == Kind::Float32) emit(Opcode::ROUNDF32, dst, dst);
  freeTo(saved);
}

void FuncCompiler::address(Expr* e, int dst) {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  switch (e->kind) {
    case ExprKind::Ident: {
      Symbol* s = static_cast<Ident*>(e)->sym;
      VarLoc l = locate(s);
      switch (l.home) {
        case VarHome::Reg:
          if (isAggregate(s->type)) {
            emit(Opcode::MOVE, dst, l.index);
            return;
          }
          throw CompileError{e->pos, "internal: address of unboxed variable " + s->name};
        case VarHome::Boxed: emit(Opcode::MOVE, dst, l.index); return;
        case VarHome::Upvalue:
        case VarHome::UpvalueAgg: emit(Opcode::GETUP, dst, l.index); return;
        case VarHome::Global: emit(Opcode::GETG, dst, l.index); return;  // aggregate
        case VarHome::BoxedGlobal: emit(Opcode::GETG, dst, l.index); return;
      }
      return;
    }
    case ExprKind::CompositeLit:
      compositeLit(static_cast<CompositeLit*>(e), e->type, dst);
      // A slice or map literal is a reference value, not an object: &[]T{}
      // and &map[K]V{} point to a new variable holding it.
      if (!isAggregate(e->type)) emit(Opcode::NEWBOX, dst, dst, int(pc.tid(e->type)));
      return;
    case ExprKind::Selector: {
      auto* s = static_cast<SelectorExpr*>(e);
      if (s->selKind == SelKind::Qualified) {
        address(s->sel, dst);
        return;
      }
      int saved = top();
      int base = fieldBase(s);
      emit(Opcode::ADDRF, dst, base, s->path.back());
      freeTo(saved);
      return;
    }
    case ExprKind::Index: {
      auto* ix = static_cast<IndexExpr*>(e);
      int saved = top();
      const Type* ct = under(ix->x->type);
      int obj = exprReg(ix->x);
      int i = alloc();
      exprAs(ix->index, pc.src.types.basic(Kind::Int), i);
      if (ct->kind == Kind::Slice)
        emit(Opcode::ADDRSL, dst, obj, i, int(elemKindOf(ct->elem)));
      else {
        const Type* at = ct->kind == Kind::Pointer ? under(ct->elem) : ct;
        emit(Opcode::ADDRARR, dst, obj, i, int(elemKindOf(at->elem)));
      }
      freeTo(saved);
      return;
    }
    case ExprKind::Star: {
      // &*p is p, but evaluating *p dereferences: a nil p panics.
      expr(static_cast<StarExpr*>(e)->x, dst);
      int saved = top();
      emit(Opcode::LOADPTR, alloc(), dst);
      freeTo(saved);
      return;
    }
    default: unsupported(e->pos, "taking the address of this expression");
  }
}

int FuncCompiler::fieldBase(SelectorExpr* e) {
  int r = exprReg(e->x);
  for (size_t i = 0; i + 1 < e->path.size(); ++i) {
    int t = alloc();
    emit(Opcode::GETF, t, r, e->path[i]);
    r = t;
  }
  return r;
}

void FuncCompiler::panicIfNil(int reg, bool iface) {
  int saved = top();
  int isSet = reg;
  if (iface) {
    int nil = alloc();
    isSet = alloc();
    emit(Opcode::LOADNIL, nil, 0);
    emit(Opcode::NEIFACE, isSet, reg, nil);
  }
  int ok = emitJump(Opcode::JT, isSet);
  int t = alloc();
  emit(Opcode::LOADNIL, t, 0);
  emit(Opcode::LOADPTR, t, t);  // Go's nil pointer dereference panic
  patchJumpHere(ok);
  freeTo(saved);
}

void FuncCompiler::selector(SelectorExpr* e, int dst) {
  int saved = top();
  switch (e->selKind) {
    case SelKind::Qualified: {
      Symbol* s = e->target ? e->target : e->sel->sym;
      if (s->kind == SymKind::Var)
        loadVar(s, dst);
      else if (s->kind == SymKind::Func)
        emit(Opcode::CLOSURE, dst, int(pc.funcIndex(s)), 0);
      else if (s->kind == SymKind::Const)
        loadConst(dst, e->type, s->value);
      else
        unsupported(e->pos, "this qualified name as a value");
      return;
    }
    case SelKind::Field: {
      int base = fieldBase(e);
      emit(Opcode::GETF, dst, base, e->path.back());
      freeTo(saved);
      return;
    }
    case SelKind::Method: {
      int r = alloc(2);
      // Receiver: evaluated and (for values) copied now, as Go does.
      int recv = r + 1;
      int base = exprReg(e->x);
      int cur = base;
      const Type* rt = e->target->recvType;
      bool aggRecv = isAggregate(rt->kind == Kind::Pointer ? rt->elem : rt);
      for (size_t k = 0; k < e->path.size(); ++k) {
        int t = alloc();
        // A pointer method of a non-struct type embedded by value binds the
        // field's address.
        bool addr = k + 1 == e->path.size() && e->addrRecv && !aggRecv;
        emit(addr ? Opcode::ADDRF : Opcode::GETF, t, cur, e->path[k]);
        cur = t;
      }
      if (e->derefRecv && isAggregate(rt)) panicIfNil(cur, false);
      if (e->derefRecv && !isAggregate(rt))
        emit(Opcode::LOADPTR, recv, cur);
      else if (e->addrRecv && e->path.empty() && !isAggregate(e->x->type))
        address(e->x, recv);
      else
        emit(Opcode::MOVE, recv, cur);
      if (isAggregate(e->target->recvType)) emit(Opcode::COPY, recv, recv);
      emit(Opcode::CLOSURE, r, int(pc.boundMethod(e->target)), 1);
      emit(Opcode::MOVE, dst, r);
      freeTo(saved);
      return;
    }
    case SelKind::InterfaceMethod: {
      // x.M of an interface value: the receiver is bound now, so a nil
      // interface panics here rather than when the value is called.
      int r = alloc(2);
      int cur = exprReg(e->x);
      const Type* it = e->x->type;
      for (int fi : e->path) {
        const Type* st = under(it);
        if (st->kind == Kind::Pointer) st = under(st->elem);
        it = st->fields[size_t(fi)].type;
        int t = alloc();
        emit(Opcode::GETF, t, cur, fi);
        cur = t;
      }
      panicIfNil(cur, true);
      emit(Opcode::MOVE, r + 1, cur);
      emit(Opcode::CLOSURE, r, int(pc.boundIfaceMethod(it, e->methodIndex)), 1);
      emit(Opcode::MOVE, dst, r);
      freeTo(saved);
      return;
    }
    case SelKind::MethodExpr: {
      // T.M is the function of M in T's method set: a promotion wrapper
      // when M comes from an embedded field, an interface call for I.M.
      const Type* T = e->x->type;
      uint32_t f = isInterface(T) ? pc.ifaceThunk(T, e->methodIndex)
                                  : uint32_t(pc.methodFunc(T, e->sel->name));
      emit(Opcode::CLOSURE, dst, int(f), 0);
      return;
    }
    default: unsupported(e->pos, "this selector");
  }
}

// m[k] (and with commaOk, m[k]'s found flag into dst+1). A missing key
// gives the element's zero value; for a struct or array that is a fresh
// object of the element type, which a nil map cannot tell the VM (it has no
// type at run time), so the code makes it.
void FuncCompiler::mapGet(const Type* mapType, int dst, int m, int k, bool commaOk) {
  const Type* elem = under(mapType)->elem;
  if (!isAggregate(elem)) {
    emit(commaOk ? Opcode::MAPGET2 : Opcode::MAPGET, dst, m, k);
    return;
  }
  int saved = top();
  int t = alloc(2);
  emit(Opcode::MAPGET2, t, m, k);
  int found = emitJump(Opcode::JT, t + 1);
  emit(Opcode::ZERO, t, int(pc.tid(elem)));
  patchJumpHere(found);
  emit(Opcode::MOVE, dst, t);
  if (commaOk) emit(Opcode::MOVE, dst + 1, t + 1);
  freeTo(saved);
}

void FuncCompiler::index(IndexExpr* e, int dst) {
  int saved = top();
  const Type* ct = under(e->x->type);
  if (ct->kind == Kind::Map) {
    int m = exprReg(e->x);
    int k = alloc();
    exprAs(e->index, ct->key, k);
    mapGet(ct, dst, m, k, false);
    freeTo(saved);
    return;
  }
  int obj = exprReg(e->x);
  int i = exprReg(e->index);
  switch (ct->kind) {
    case Kind::String: emit(Opcode::INDEXS, dst, obj, i); break;
    case Kind::Slice: emit(Opcode::GETSL, dst, obj, i, int(elemKindOf(ct->elem))); break;
    case Kind::Array: emit(Opcode::GETARR, dst, obj, i, int(elemKindOf(ct->elem))); break;
    case Kind::Pointer:
      emit(Opcode::GETARR, dst, obj, i, int(elemKindOf(under(ct->elem)->elem)));
      break;
    default: unsupported(e->pos, "indexing this type");
  }
  freeTo(saved);
}

void FuncCompiler::sliceExpr(SliceExpr* e, int dst) {
  int saved = top();
  const Type* ct = under(e->x->type);
  int obj = exprReg(e->x);
  int bounds = alloc(3);
  int flags = 0;
  const Type* intT = pc.src.types.basic(Kind::Int);
  if (e->lo) exprAs(e->lo, intT, bounds), flags |= 1;
  if (e->hi) exprAs(e->hi, intT, bounds + 1), flags |= 2;
  if (e->max) exprAs(e->max, intT, bounds + 2), flags |= 4;
  switch (ct->kind) {
    case Kind::String: emit(Opcode::SLICES, dst, obj, bounds, flags); break;
    case Kind::Slice: emit(Opcode::SLICESL, dst, obj, bounds, flags); break;
    case Kind::Array:
    case Kind::Pointer: emit(Opcode::SLICEARR, dst, obj, bounds, flags); break;
    default: unsupported(e->pos, "slicing this type");
  }
  freeTo(saved);
}

void FuncCompiler::typeAssert(TypeAssertExpr* e, int dst, bool commaOk) {
  int saved = top();
  int x = exprReg(e->x);
  const Type* t = e->typeExpr->type;
  uint32_t id = pc.tid(t);
  if (isInterface(t))
    emit(commaOk ? Opcode::ASSERTI2 : Opcode::ASSERTI, dst, x, int(id));
  else {
    emit(commaOk ? Opcode::ASSERT2 : Opcode::ASSERT, dst, x, int(id));
    // The failure text names the operand's static type unless it is any: a
    // NOP marked x = 1 after the ASSERT carries its type id.
    const Type* from = e->x->type;
    if (!commaOk && from != pc.src.types.anyType() && pc.tid(from) != vm::kTidAny)
      emit(Opcode::NOP, 0, 0, int(pc.tid(from)), 1);
  }
  freeTo(saved);
}

void FuncCompiler::compositeLit(CompositeLit* e, const Type* t, int dst) {
  setLine(e->pos);
  int saved = top();
  const Type* u = under(t);
  if (u->kind == Kind::Pointer) {
    t = u->elem;
    u = under(t);
  }
  // Build in a temporary: dst may be a register an element reads.
  int obj = alloc();
  switch (u->kind) {
    case Kind::Struct: {
      emit(Opcode::ZERO, obj, int(pc.tid(t)));
      for (size_t i = 0; i < e->elts.size(); ++i) {
        Expr* v = e->elts[i];
        if (v->kind == ExprKind::KeyValue) v = static_cast<KeyValueExpr*>(v)->value;
        int fi = int(e->indices[i]);
        int r = alloc();
        exprAs(v, u->fields[size_t(fi)].type, r);
        emit(Opcode::SETF, obj, fi, r);
        freeTo(r);
      }
      break;
    }
    case Kind::Array:
    case Kind::Slice: {
      int64_t n = 0;
      for (int64_t ix : e->indices) n = std::max(n, ix + 1);
      if (u->kind == Kind::Array) {
        emit(Opcode::ZERO, obj, int(pc.tid(t)));
      } else {
        int lens = alloc(2);
        loadInt(lens, n);
        loadInt(lens + 1, n);
        emit(Opcode::MAKESLICE, obj, lens, int(pc.tid(t)));
      }
      int idx = alloc();
      for (size_t i = 0; i < e->elts.size(); ++i) {
        Expr* v = e->elts[i];
        if (v->kind == ExprKind::KeyValue) v = static_cast<KeyValueExpr*>(v)->value;
        loadInt(idx, e->indices[i]);
        int r = alloc();
        exprAs(v, u->elem, r);
        emit(u->kind == Kind::Array ? Opcode::SETARR : Opcode::SETSL, obj, idx, r,
             int(elemKindOf(u->elem)));
        freeTo(r);
      }
      break;
    }
    case Kind::Map: {
      emit(Opcode::MAKEMAP, obj, int(pc.tid(t)), 0);
      for (Expr* el : e->elts) {
        auto* kv = static_cast<KeyValueExpr*>(el);
        int k = alloc();
        exprAs(kv->key, u->key, k);
        int v = alloc();
        exprAs(kv->value, u->elem, v);
        emit(Opcode::MAPSET, obj, k, v);
        freeTo(k);
      }
      break;
    }
    default: unsupported(e->pos, "this composite literal");
  }
  emit(Opcode::MOVE, dst, obj);
  freeTo(saved);
}

void FuncCompiler::funcLit(FuncLit* e, int dst) {
  int saved = top();
  FuncInfo* li = e->info;
  int n = int(li->captures.size());
  int r = alloc(1 + n);
  for (int i = 0; i < n; ++i) {
    Symbol* v = li->captures[size_t(i)];
    auto u = upvalues_.find(v);
    if (u != upvalues_.end()) {
      emit(Opcode::GETUP, r + 1 + i, u->second);
      continue;
    }
    auto it = regs_.find(v);
    if (it == regs_.end())
      throw CompileError{e->pos, "internal: captured variable " + v->name + " not in scope"};
    emit(Opcode::MOVE, r + 1 + i, it->second);  // the box, or the aggregate object
  }
  emit(Opcode::CLOSURE, r, int(pc.literalIndex(e)), n);
  emit(Opcode::MOVE, dst, r);
  freeTo(saved);
}

}  // namespace gol
