// Calls, builtins, conversions, go and defer.
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

bool isSizedInt(Kind k) {
  return k == Kind::Int8 || k == Kind::Int16 || k == Kind::Int32 || k == Kind::Uint8 ||
         k == Kind::Uint16 || k == Kind::Uint32;
}

Expr* unparen(Expr* e) {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

}  // namespace

void FuncCompiler::call(CallExpr* e, int dst, int nres) {
  if (e->callKind == CallKind::Conversion) {
    conversion(e, dst);
    return;
  }
  if (e->callKind == CallKind::Builtin) {
    builtinCall(e, dst);
    return;
  }
  int saved = top();
  int base = callToBase(e);
  for (int i = 0; i < nres; ++i)
    if (dst + i != base + i) emit(Opcode::MOVE, dst + i, base + i);
  freeTo(saved);
}

// Evaluates the receiver of a method call into dst: walks the embedding path
// and adjusts for pointer/value receivers. Structs and arrays are objects:
// a pointer to one and the value itself are the same reference.
static void receiver(FuncCompiler& fc, SelectorExpr* sel, int dst) {
  Symbol* m = sel->target;
  bool aggRecv =
      fc.isAggregate(m->recvType->kind == Kind::Pointer ? m->recvType->elem : m->recvType);
  if (sel->path.empty()) {
    if (sel->addrRecv && !aggRecv) {
      fc.address(sel->x, dst);
      return;
    }
    fc.expr(sel->x, dst);
    if (sel->derefRecv && !aggRecv) fc.emit(Opcode::LOADPTR, dst, dst);
    return;
  }
  fc.expr(sel->x, dst);
  for (size_t k = 0; k < sel->path.size(); ++k) {
    // A pointer method of a non-struct type embedded by value takes the
    // field's address.
    bool addr = k + 1 == sel->path.size() && sel->addrRecv && !aggRecv;
    fc.emit(addr ? Opcode::ADDRF : Opcode::GETF, dst, dst, sel->path[k]);
  }
  if (!aggRecv) {
    // The embedded field holds the named non-struct value or a pointer.
    if (m->recvType->kind != Kind::Pointer && sel->derefRecv) fc.emit(Opcode::LOADPTR, dst, dst);
  }
}

// The interface value whose method a selector calls: x itself, or an
// interface-typed embedded field reached through sel->path. Loads it into
// dst (unless dst < 0) and returns its type.
static const Type* interfaceOperand(FuncCompiler& fc, SelectorExpr* sel, int dst) {
  const Type* t = sel->x->type;
  if (dst >= 0) fc.expr(sel->x, dst);
  for (int fi : sel->path) {
    const Type* st = under(t);
    if (st->kind == Kind::Pointer) st = under(st->elem);
    t = st->fields[size_t(fi)].type;
    if (dst >= 0) fc.emit(Opcode::GETF, dst, dst, fi);
  }
  return t;
}

int FuncCompiler::pushArgs(CallExpr* e, const Type* sig, int base, int firstArg, bool orderEach) {
  const auto& params = sig->params;
  size_t np = params.size();
  // f(g()) with g returning several values.
  if (e->args.size() == 1 && e->args[0]->type && e->args[0]->type->kind == Kind::Tuple &&
      sig->variadic) {
    // f(g()) into a variadic f: g's results fill the fixed parameters and
    // the rest is packed into the variadic slice.
    const Type* tt = e->args[0]->type;
    size_t fixedN = np - 1;
    int nvals = int(tt->elems.size());
    freeTo(base + firstArg);
    int tmp = alloc(nvals);
    int rb = callToBase(static_cast<CallExpr*>(unparen(e->args[0])));
    for (int i = 0; i < nvals; ++i) emit(Opcode::MOVE, tmp + i, rb + i);
    freeTo(tmp + nvals);
    int out = alloc(int(np));
    for (size_t i = 0; i < fixedN; ++i) {
      emit(Opcode::MOVE, out + int(i), tmp + int(i));
      convertInPlace(out + int(i), tt->elems[i], params[i]);
    }
    const Type* st = params.back();
    const Type* elem = under(st)->elem;
    int n = nvals - int(fixedN);
    int r = out + int(fixedN);
    int lens = alloc(2);
    loadInt(lens, n);
    loadInt(lens + 1, n);
    emit(Opcode::MAKESLICE, r, lens, int(pc.tid(st)));
    int idx = alloc();
    for (int i = 0; i < n; ++i) {
      loadInt(idx, i);
      int v = tmp + int(fixedN) + i;
      convertInPlace(v, tt->elems[fixedN + size_t(i)], elem);
      emit(Opcode::SETSL, r, idx, v, int(elemKindOf(elem)));
    }
    for (size_t i = 0; i < np; ++i) emit(Opcode::MOVE, base + firstArg + int(i), out + int(i));
    freeTo(base + firstArg + int(np));
    return int(np);
  }
  if (e->args.size() == 1 && e->args[0]->type && e->args[0]->type->kind == Kind::Tuple && np > 1) {
    freeTo(base + firstArg);
    int rb = callToBase(static_cast<CallExpr*>(unparen(e->args[0])));
    for (size_t i = 0; i < np; ++i) {
      int r = base + firstArg + int(i);
      if (rb + int(i) != r) emit(Opcode::MOVE, r, rb + int(i));
      convertInPlace(r, e->args[0]->type->elems[i], params[i]);
    }
    freeTo(base + firstArg + int(np));
    return int(np);
  }
  size_t fixed = sig->variadic ? np - 1 : np;
  for (size_t i = 0; i < fixed; ++i) {
    freeTo(base + firstArg + int(i));
    int r = alloc();
    if (orderEach) hoistCalls({}, {e->args[i]});
    exprAs(e->args[i], params[i], r);
  }
  if (sig->variadic) {
    freeTo(base + firstArg + int(fixed));
    int r = alloc();
    const Type* st = params.back();
    if (e->hasEllipsis) {
      if (orderEach) hoistCalls({}, {e->args.back()});
      exprAs(e->args.back(), st, r);
    } else if (e->args.size() == fixed) {
      emit(Opcode::LOADNIL, r, 0);
    } else {
      int n = int(e->args.size() - fixed);
      int lens = alloc(2);
      loadInt(lens, n);
      loadInt(lens + 1, n);
      emit(Opcode::MAKESLICE, r, lens, int(pc.tid(st)));
      const Type* elem = under(st)->elem;
      int idx = alloc();
      int v = alloc();
      for (int i = 0; i < n; ++i) {
        int keep = top();
        loadInt(idx, i);
        if (orderEach) hoistCalls({}, {e->args[fixed + size_t(i)]});
        exprAs(e->args[fixed + size_t(i)], elem, v);
        emit(Opcode::SETSL, r, idx, v, int(elemKindOf(elem)));
        freeTo(keep);
      }
    }
  }
  freeTo(base + firstArg + int(np));
  return int(np);
}

// A pointer converted to uintptr in a call's argument list stays alive
// until the call returns, as Go guarantees for //go:uintptrescapes functions
// and system calls: the variable it came from is read again after the call
// (a MOVE onto itself), so that the liveness analysis keeps it.
void FuncCompiler::keepConvertedPointersAlive(CallExpr* e) {
  for (Expr* arg : e->args) {
    Expr* x = unparen(arg);
    bool toUintptr = false;
    while (x->kind == ExprKind::Call) {
      auto* c = static_cast<CallExpr*>(x);
      if (c->callKind != CallKind::Conversion || c->args.size() != 1) break;
      Kind k = under(c->type)->kind;
      if (k == Kind::Uintptr && under(c->args[0]->type)->kind == Kind::UnsafePointer)
        toUintptr = true;
      else if (k != Kind::UnsafePointer)
        break;
      x = unparen(c->args[0]);
    }
    if (!toUintptr || x->kind != ExprKind::Ident) continue;
    Symbol* v = static_cast<Ident*>(x)->sym;
    if (!v || (!regs_.count(v))) continue;
    int r = regs_[v];
    emit(Opcode::MOVE, r, r);
  }
}

int FuncCompiler::callToBase(CallExpr* e) {
  setLine(e->pos);
  Expr* fun = unparen(e->fun);
  switch (e->callKind) {
    case CallKind::Static: {
      Symbol* callee = e->callee;
      if (!callee && fun->kind == ExprKind::Ident) callee = static_cast<Ident*>(fun)->sym;
      if (!callee && fun->kind == ExprKind::Selector)
        callee = static_cast<SelectorExpr*>(fun)->target;
      uint32_t fi = pc.funcIndex(callee);
      int base = top();
      pushArgs(e, callee->type, base, 0);
      setLine(e->pos);
      emit(Opcode::CALL, base, int(fi));
      keepConvertedPointersAlive(e);
      freeTo(base + int(callee->type->results.size()));
      return base;
    }
    case CallKind::Method: {
      auto* sel = static_cast<SelectorExpr*>(fun);
      Symbol* m = sel->target;
      int base = alloc();
      receiver(*this, sel, base);
      freeTo(base + 1);
      pushArgs(e, m->type, base, 1);
      setLine(e->pos);
      emit(Opcode::CALL, base, int(pc.funcIndex(m)));
      keepConvertedPointersAlive(e);
      freeTo(base + int(m->type->results.size()));
      return base;
    }
    case CallKind::Interface: {
      auto* sel = static_cast<SelectorExpr*>(fun);
      const Type* it = under(interfaceOperand(*this, sel, -1));
      const IfaceMethod& m = it->methods[size_t(sel->methodIndex)];
      int base = alloc();
      interfaceOperand(*this, sel, base);
      freeTo(base + 1);
      pushArgs(e, m.sig, base, 1);
      setLine(e->pos);
      emit(Opcode::CALLI, base, base, int(pc.nameId(m.name)),
           argCountHint(1 + m.sig->params.size()));
      keepConvertedPointersAlive(e);
      freeTo(base + int(m.sig->results.size()));
      return base;
    }
    case CallKind::Dynamic: {
      int f = alloc();
      expr(fun, f);
      int base = top();
      const Type* sig = under(fun->type);
      pushArgs(e, sig, base, 0);
      setLine(e->pos);
      emit(Opcode::CALLV, base, f, argCountHint(sig->params.size()));
      keepConvertedPointersAlive(e);
      // Move the results down over the function value's register.
      int n = int(sig->results.size());
      freeTo(base + n);  // the results are live until moved
      for (int i = 0; i < n; ++i) emit(Opcode::MOVE, f + i, base + i);
      freeTo(f + n);
      return f;
    }
    case CallKind::Builtin:
    case CallKind::Conversion: {
      int base = alloc();
      call(e, base, 1);
      return base;
    }
    default: unsupported(e->pos, "this call");
  }
}

void FuncCompiler::conversion(CallExpr* e, int dst) {
  Expr* arg = e->args[0];
  const Type* to = e->type;
  const Type* from = arg->type;
  const Type* tu = under(to);
  const Type* fu = under(from);
  if (isInterface(to)) {
    exprAs(arg, to, dst);
    return;
  }
  // Conversion natives look these types up at run time.
  pc.tid(to);
  pc.tid(from);
  int saved = top();
  auto native = [&](const char* name) {
    int base = alloc();
    expr(arg, base);
    emit(Opcode::CALL, base, int(pc.internalNative(name, 1, 1)));
    emit(Opcode::MOVE, dst, base);
    freeTo(saved);
  };
  if (isString(tu) && !isString(fu)) {
    if (isInteger(fu)) return native("runtime.stringFromRune");
    if (fu->kind == Kind::Slice) {
      Kind ek = under(fu->elem)->kind;
      return native(ek == Kind::Uint8 ? "runtime.bytesToString" : "runtime.runesToString");
    }
  }
  if (tu->kind == Kind::Slice && isString(fu)) {
    Kind ek = under(tu->elem)->kind;
    return native(ek == Kind::Uint8 ? "runtime.stringToBytes" : "runtime.stringToRunes");
  }
  if (fu->kind == Kind::Slice && (tu->kind == Kind::Array || tu->kind == Kind::Pointer)) {
    // Slice to array (a copy) or to array pointer (the slice's elements).
    const Type* at = tu->kind == Kind::Array ? to : tu->elem;
    int base = alloc(2);
    expr(arg, base);
    loadInt(base + 1, int64_t(pc.tid(at)));
    setLine(e->pos);
    const char* name =
        tu->kind == Kind::Array ? "runtime.sliceToArray" : "runtime.sliceToArrayPointer";
    emit(Opcode::CALL, base, int(pc.internalNative(name, 2, 1)));
    emit(Opcode::MOVE, dst, base);
    freeTo(saved);
    return;
  }
  if (tu->kind == Kind::UnsafePointer || fu->kind == Kind::UnsafePointer) {
    unsafeConversion(e, dst);
    freeTo(saved);
    return;
  }
  expr(arg, dst);
  if (isAggregate(to) && !isFresh(arg)) emit(Opcode::COPY, dst, dst);
  if (isInteger(tu) && isInteger(fu)) {
    if (isSizedInt(tu->kind)) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(tu)));
  } else if (isFloat(tu) && isInteger(fu)) {
    bool u64 = fu->kind == Kind::Uint || fu->kind == Kind::Uint64 || fu->kind == Kind::Uintptr;
    emit(u64 ? Opcode::U2F : Opcode::I2F, dst, dst);
    if (tu->kind == Kind::Float32) emit(Opcode::ROUNDF32, dst, dst);
  } else if (isInteger(tu) && isFloat(fu)) {
    emit(isUnsigned(tu) ? Opcode::F2U : Opcode::F2I, dst, dst);
    if (isSizedInt(tu->kind)) emit(Opcode::TRUNC, dst, dst, 0, int(elemKindOf(tu)));
  } else if (isFloat(tu) && isFloat(fu)) {
    if (tu->kind == Kind::Float32 && fu->kind != Kind::Float32) emit(Opcode::ROUNDF32, dst, dst);
  } else if (tu->kind == Kind::Complex64 && fu->kind == Kind::Complex128) {
    callComplexNative("runtime.complex64Round", dst, {dst});
  }
  freeTo(saved);
}

// Conversions to and from unsafe.Pointer (lang/check/checker_unsafe.cpp
// says which there are). A Pointer made from a *T keeps *T's type id, as
// an interface value does, so that converting it to *U can check at run
// time that T and U are stored alike (runtime/lib/unsafe.cpp).
void FuncCompiler::unsafeConversion(CallExpr* e, int dst) {
  Expr* arg = e->args[0];
  Kind tk = under(e->type)->kind, fk = under(arg->type)->kind;
  if (tk == Kind::UnsafePointer) {
    expr(arg, dst);
    if (fk == Kind::Pointer) emit(Opcode::MKIFACE, dst, dst, int(pc.tid(arg->type)));
    return;
  }
  int base = alloc(2);
  expr(arg, base);
  setLine(e->pos);
  if (tk == Kind::Uintptr) {
    emit(Opcode::CALL, base, int(pc.internalNative("runtime.unsafePointerAddress", 1, 1)));
  } else {
    loadInt(base + 1, int64_t(pc.tid(e->type)));
    emit(Opcode::CALL, base, int(pc.internalNative("runtime.unsafePointerTo", 2, 1)));
  }
  emit(Opcode::MOVE, dst, base);
}

// The arguments of the builtin print/println as runtime.printArgs takes
// them: a []any in base (nil when empty) and the newline flag in base+1.
static void printArgs(FuncCompiler& fc, CallExpr* e, int base, bool orderEach = false) {
  int n = int(e->args.size());
  const Type* anyT = fc.pc.src.types.anyType();
  if (n == 0) {
    fc.emit(Opcode::LOADNIL, base, 0);
  } else {
    int lens = fc.alloc(2);
    fc.loadInt(lens, n);
    fc.loadInt(lens + 1, n);
    fc.emit(Opcode::MAKESLICE, base, lens, int(fc.pc.tid(fc.pc.src.types.slice(anyT))));
    int idx = fc.alloc(), v = fc.alloc();
    for (int i = 0; i < n; ++i) {
      int keep = fc.top();
      fc.loadInt(idx, i);
      if (orderEach) fc.hoistCalls({}, {e->args[size_t(i)]});
      fc.exprAs(e->args[size_t(i)], anyT, v);
      fc.emit(Opcode::SETSL, base, idx, v, int(vm::ElemKind::V));
      fc.freeTo(keep);
    }
  }
  fc.loadInt(base + 1, e->builtin == BuiltinId::Println ? 1 : 0);
}

void FuncCompiler::builtinCall(CallExpr* e, int dst) {
  int saved = top();
  auto argType = [&](size_t i) { return under(e->args[i]->type); };
  switch (e->builtin) {
    case BuiltinId::Complex: {
      int x = exprReg(e->args[0]);
      int y = exprReg(e->args[1]);
      callComplexNative("runtime.complexMake", dst, {x, y});
      freeTo(saved);
      return;
    }
    case BuiltinId::Real:
    case BuiltinId::Imag: {
      int x = exprReg(e->args[0]);
      callComplexNative(
          e->builtin == BuiltinId::Real ? "runtime.complexReal" : "runtime.complexImag", dst, {x});
      freeTo(saved);
      return;
    }
    case BuiltinId::Len:
    case BuiltinId::Cap: {
      const Type* t = argType(0);
      if (t->kind == Kind::Pointer) t = under(t->elem);
      if (t->kind == Kind::Array) {
        // Not a constant (the checker folds those): the operand has calls or
        // receives, which run (len(f()) calls f; a nil *array is fine).
        exprReg(e->args[0]);
        freeTo(saved);
        loadInt(dst, t->len);
        return;
      }
      int x = exprReg(e->args[0]);
      bool len = e->builtin == BuiltinId::Len;
      Opcode op = Opcode::NOP;
      switch (t->kind) {
        case Kind::String: op = Opcode::LENS; break;
        case Kind::Slice: op = len ? Opcode::LENSL : Opcode::CAPSL; break;
        case Kind::Map: op = Opcode::LENM; break;
        case Kind::Chan: op = len ? Opcode::LENC : Opcode::CAPC; break;
        default: unsupported(e->pos, "len/cap of this type");
      }
      emit(op, dst, x);
      freeTo(saved);
      return;
    }
    case BuiltinId::Append: {
      const Type* st = e->type;
      const Type* elem = under(st)->elem;
      int acc = alloc();
      exprAs(e->args[0], st, acc);
      if (e->hasEllipsis) {
        int r = exprReg(e->args[1]);
        emit(Opcode::APPENDSL, acc, r, int(pc.tid(st)), isString(argType(1)) ? 1 : 0);
      } else {
        // Up to 256 values at once grow the slice once, to Go's capacity
        // for the whole count (append(nil, 1, 2, 3) has cap 3, not 4).
        for (size_t i = 1; i < e->args.size(); i += 256) {
          int n = int(std::min<size_t>(256, e->args.size() - i));
          int r = alloc(n);
          for (int k = 0; k < n; ++k) exprAs(e->args[i + size_t(k)], elem, r + k);
          emit(Opcode::APPEND, acc, r, int(pc.tid(st)), n - 1);
          freeTo(r);
        }
      }
      emit(Opcode::MOVE, dst, acc);
      freeTo(saved);
      return;
    }
    case BuiltinId::Copy: {
      int a = exprReg(e->args[0]);
      int b = exprReg(e->args[1]);
      emit(Opcode::COPYSL, dst, a, b, isString(argType(1)) ? 1 : 0);
      freeTo(saved);
      return;
    }
    case BuiltinId::Delete: {
      int m = exprReg(e->args[0]);
      int k = alloc();
      exprAs(e->args[1], argType(0)->key, k);
      emit(Opcode::MAPDEL, m, k);
      freeTo(saved);
      return;
    }
    case BuiltinId::Make: {
      const Type* t = e->args[0]->type;
      const Type* u = under(t);
      const Type* intT = pc.src.types.basic(Kind::Int);
      if (u->kind == Kind::Slice) {
        int lens = alloc(2);
        exprAs(e->args[1], intT, lens);
        if (e->args.size() > 2)
          exprAs(e->args[2], intT, lens + 1);
        else
          emit(Opcode::MOVE, lens + 1, lens);
        emit(Opcode::MAKESLICE, dst, lens, int(pc.tid(t)));
      } else if (u->kind == Kind::Map) {
        int hint = alloc();
        if (e->args.size() > 1) exprAs(e->args[1], intT, hint);
        emit(Opcode::MAKEMAP, dst, int(pc.tid(t)), hint, e->args.size() > 1 ? 1 : 0);
      } else if (u->kind == Kind::Chan) {
        int size = alloc();
        if (e->args.size() > 1)
          exprAs(e->args[1], intT, size);
        else
          loadInt(size, 0);
        // gol's unbounded channel is asked for by a constant negative size,
        // which Go rejects at compile time; a negative size computed at run
        // time panics as in Go.
        bool unbounded =
            e->args.size() > 1 && e->args[1]->mode == Mode::Constant &&
            (e->args[1]->value.kind == ConstKind::Int ? e->args[1]->value.i.sign() < 0
                                                      : e->args[1]->value.f().sign() < 0);
        emit(Opcode::MAKECHAN, dst, size, int(pc.tid(t)), unbounded ? 1 : 0);
      } else {
        unsupported(e->pos, "make of this type");
      }
      freeTo(saved);
      return;
    }
    case BuiltinId::New: {
      const Type* t = e->args[0]->type;
      if (e->args[0]->mode != Mode::TypeExpr) {  // new(expr), Go 1.26
        exprAs(e->args[0], t, dst);
        if (isAggregate(t))
          emit(Opcode::COPY, dst, dst);
        else
          emit(Opcode::NEWBOX, dst, dst, int(pc.tid(t)));
        return;
      }
      if (isAggregate(t)) {
        emit(Opcode::ZERO, dst, int(pc.tid(t)));
      } else {
        emit(Opcode::LOADNIL, dst, 0);
        emit(Opcode::NEWBOX, dst, dst, int(pc.tid(t)));
      }
      return;
    }
    case BuiltinId::Panic: {
      int r = alloc();
      exprAs(e->args[0], pc.src.types.anyType(), r);
      if (e->callee) {  // runtime.panicArg: nil becomes a *runtime.PanicNilError
        emit(Opcode::CALL, r, int(pc.funcIndex(e->callee)));
      }
      emit(Opcode::PANIC, r);
      freeTo(saved);
      return;
    }
    case BuiltinId::Recover: emit(Opcode::RECOVER, dst); return;
    case BuiltinId::Print:
    case BuiltinId::Println: {
      int base = alloc(2);
      printArgs(*this, e, base);
      emit(Opcode::CALL, base, int(pc.internalNative("runtime.printArgs", 2, 0)));
      freeTo(saved);
      return;
    }
    case BuiltinId::Close: {
      int c = exprReg(e->args[0]);
      emit(Opcode::CLOSE, c);
      freeTo(saved);
      return;
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      const Type* t = e->type;
      int acc = alloc();
      exprAs(e->args[0], t, acc);
      const bool isMin = e->builtin == BuiltinId::Min;
      int t2 = alloc(), r = alloc();
      int t3 = isFloat(under(t)) ? alloc() : -1;
      for (size_t i = 1; i < e->args.size(); ++i) {
        exprAs(e->args[i], t, r);
        compare(isMin ? Op::Lss : Op::Gtr, t, t2, r, acc);
        if (t3 < 0) {
          int j = emitJump(Opcode::JF, t2);
          emit(Opcode::MOVE, acc, r);
          patchJumpHere(j);
          continue;
        }
        // Floats (the spec): a NaN operand makes the result NaN, and of
        // equal zeros min gives -0 if either is -0, max +0 if either is +0.
        int takeOrdered = emitJump(Opcode::JT, t2);
        emit(Opcode::NEF, t2, r, r);
        int takeNaN = emitJump(Opcode::JT, t2);
        emit(Opcode::EQF, t2, r, acc);
        int notEqual = emitJump(Opcode::JF, t2);
        emit(Opcode::NEGF, t3, acc);
        emit(Opcode::EQF, t2, acc, t3);  // only a zero equals its negation
        int notZero = emitJump(Opcode::JF, t2);
        if (isMin) {
          // -((-acc) - r) is -0 unless both are +0.
          emit(Opcode::SUBF, t3, t3, r);
          emit(Opcode::NEGF, acc, t3);
        } else {
          // acc + r is +0 unless both are -0.
          emit(Opcode::ADDF, acc, acc, r);
        }
        patchJumpHere(notEqual);
        patchJumpHere(notZero);
        int done = emitJump(Opcode::JMP);
        patchJumpHere(takeOrdered);
        patchJumpHere(takeNaN);
        emit(Opcode::MOVE, acc, r);
        patchJumpHere(done);
      }
      emit(Opcode::MOVE, dst, acc);
      freeTo(saved);
      return;
    }
    case BuiltinId::Clear: {
      int x = exprReg(e->args[0]);
      emit(argType(0)->kind == Kind::Map ? Opcode::CLEARM : Opcode::CLEARSL, x);
      freeTo(saved);
      return;
    }
    default: unsupported(e->pos, "this builtin");
  }
}

// go/defer: a function value and its already-evaluated arguments.
// deferFrame: a range-over-func body's defer, for the frame it names.
// gc evaluates the function value, the receiver and each argument in turn,
// each on its own, into temporaries (escape's goDeferStmt), so the order
// within a statement (hoistCalls) applies to each of them separately.
void FuncCompiler::goDefer(CallExpr* c, bool isGo, Expr* deferFrame) {
  int saved = top();
  int f = alloc();
  int nargs = 0;
  Expr* fun = unparen(c->fun);
  switch (c->callKind) {
    case CallKind::Static: {
      Symbol* callee = c->callee;
      if (!callee && fun->kind == ExprKind::Ident) callee = static_cast<Ident*>(fun)->sym;
      if (!callee && fun->kind == ExprKind::Selector)
        callee = static_cast<SelectorExpr*>(fun)->target;
      emit(Opcode::CLOSURE, f, int(pc.funcIndex(callee)), 0);
      nargs = pushArgs(c, callee->type, f + 1, 0, true);
      break;
    }
    case CallKind::Method: {
      auto* sel = static_cast<SelectorExpr*>(fun);
      emit(Opcode::CLOSURE, f, int(pc.funcIndex(sel->target)), 0);
      int r = alloc();
      hoistCalls({}, {sel->x});
      receiver(*this, sel, r);
      if (isAggregate(sel->target->recvType)) emit(Opcode::COPY, r, r);
      freeTo(r + 1);
      nargs = 1 + pushArgs(c, sel->target->type, f + 1, 1, true);
      break;
    }
    case CallKind::Interface: {
      auto* sel = static_cast<SelectorExpr*>(fun);
      const Type* it = interfaceOperand(*this, sel, -1);
      emit(Opcode::CLOSURE, f, int(pc.ifaceThunk(it, sel->methodIndex)), 0);
      int r = alloc();
      hoistCalls({}, {sel->x});
      interfaceOperand(*this, sel, r);
      freeTo(r + 1);
      nargs = 1 + pushArgs(c, under(it)->methods[size_t(sel->methodIndex)].sig, f + 1, 1, true);
      break;
    }
    case CallKind::Dynamic: {
      hoistCalls({}, {fun});
      expr(fun, f);
      nargs = pushArgs(c, under(fun->type), f + 1, 0, true);
      break;
    }
    case CallKind::Builtin: {
      std::vector<const Type*> types;
      const Type* anyT = pc.src.types.anyType();
      if (c->builtin == BuiltinId::Print || c->builtin == BuiltinId::Println) {
        // Pack like a direct call, then pass (slice, newline).
        int base = alloc(2);
        printArgs(*this, c, base, true);
        types = {pc.src.types.slice(anyT), pc.src.types.basic(Kind::Bool)};
        nargs = 2;
      } else {
        for (size_t i = 0; i < c->args.size(); ++i) {
          freeTo(f + 1 + int(i));
          int r = alloc();
          const Type* t = c->args[i]->type;
          if (c->builtin == BuiltinId::Panic) t = anyT;
          if (c->builtin == BuiltinId::Delete && i == 1) t = under(c->args[0]->type)->key;
          hoistCalls({}, {c->args[i]});
          exprAs(c->args[i], t, r);
          types.push_back(t);
        }
        nargs = int(c->args.size());
      }
      emit(Opcode::CLOSURE, f, int(pc.builtinThunk(c->builtin, types, c->pos)), 0);
      break;
    }
    default: unsupported(c->pos, "this call in a go or defer statement");
  }
  setLine(c->pos);
  if (deferFrame) {
    int fr = alloc();
    expr(deferFrame, fr);
    emit(Opcode::DEFERTO, f, nargs, fr);
  } else {
    emit(isGo ? Opcode::GO : Opcode::DEFER, f, nargs);
  }
  freeTo(saved);
}

}  // namespace gol
