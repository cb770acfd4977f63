// Expressions: operands, identifiers, type assertions, unary and binary
// operators, comparisons. Calls, indexing, lookup and literals have files
// of their own.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

void invalidate(Expr* e) {
  e->mode = Mode::Invalid;
}

bool isPointer(const Type* t) {
  return t->underlying() && t->underlying()->kind == Kind::Pointer;
}

}  // namespace

void Checker::expr(Expr* e, const Type* hint) {
  rawExpr(e, hint);
}

void Checker::rvalue(Expr* e, const Type* hint) {
  rawExpr(e, hint);
  requireValue(e);
}

void Checker::requireValue(Expr* e) {
  if (e->mode == Mode::Value) {
    if (Generic* g = genericOf(e); g && g->fdecl) {
      error(e->pos, "cannot use generic function " + exprString(e) + " without instantiation");
      invalidate(e);
      return;
    }
  }
  switch (e->mode) {
    case Mode::TypeExpr:
      errorf(e->pos, "%s (type) is not an expression", e);
      invalidate(e);
      return;
    case Mode::Builtin:
      errorf(e->pos, "%s (built-in) must be called", e);
      invalidate(e);
      return;
    case Mode::PackageName:
      errorf(e->pos, "use of package %s without selector", e);
      invalidate(e);
      return;
    case Mode::NoValue:
      errorf(e->pos, "%s (no value) used as value", e);
      invalidate(e);
      return;
    default: break;
  }
  if (e->mode != Mode::Invalid && e->type && e->type->kind == Kind::Tuple) {
    errorf(e->pos, "multiple-value %s (value of type %s) in single-value context", e, e->type);
    invalidate(e);
  }
}

void Checker::singleValue(Expr* e, const Type* hint, size_t nvars) {
  if (nvars != 1 || unparen(e)->kind != ExprKind::Call) {
    rvalue(e, hint);
    return;
  }
  multiValue(e);
  if (e->mode != Mode::Invalid && e->type && e->type->kind == Kind::Tuple) {
    errorf(e->pos, "assignment mismatch: 1 variable but %s returns %s values",
           static_cast<CallExpr*>(unparen(e))->fun, e->type->elems.size());
    invalidate(e);
  }
}

void Checker::multiValue(Expr* e) {
  rawExpr(e, nullptr);
  if (e->mode == Mode::TypeExpr || e->mode == Mode::Builtin || e->mode == Mode::PackageName ||
      e->mode == Mode::NoValue) {
    if (e->mode == Mode::NoValue)
      errorf(e->pos, "%s (no value) used as value", e);
    else if (e->mode == Mode::TypeExpr)
      errorf(e->pos, "%s (type) is not an expression", e);
    else if (e->mode == Mode::Builtin)
      errorf(e->pos, "%s (built-in) must be called", e);
    else
      errorf(e->pos, "use of package %s without selector", e);
    invalidate(e);
  }
}

void Checker::rawExpr(Expr* e, const Type* hint) {
  e->mode = Mode::Invalid;
  e->type = nullptr;
  switch (e->kind) {
    case ExprKind::Bad: break;
    case ExprKind::Ident: ident(static_cast<Ident*>(e)); break;
    case ExprKind::BasicLit: basicLit(static_cast<BasicLit*>(e)); break;
    case ExprKind::CompositeLit: compositeLit(static_cast<CompositeLit*>(e), hint); break;
    case ExprKind::FuncLit: funcLit(static_cast<FuncLit*>(e)); break;
    case ExprKind::Paren: {
      auto* p = static_cast<ParenExpr*>(e);
      rawExpr(p->x, hint);
      e->mode = p->x->mode;
      e->type = p->x->type;
      e->value = p->x->value;
      break;
    }
    case ExprKind::Selector: selector(static_cast<SelectorExpr*>(e)); break;
    case ExprKind::Index: indexExpr(static_cast<IndexExpr*>(e)); break;
    case ExprKind::Slice: sliceExpr(static_cast<SliceExpr*>(e)); break;
    case ExprKind::TypeAssert: typeAssert(static_cast<TypeAssertExpr*>(e)); break;
    case ExprKind::Call: call(static_cast<CallExpr*>(e)); break;
    case ExprKind::Star: star(static_cast<StarExpr*>(e)); break;
    case ExprKind::Unary: unary(static_cast<UnaryExpr*>(e), hint); break;
    case ExprKind::Binary: binary(static_cast<BinaryExpr*>(e), hint); break;
    case ExprKind::KeyValue: error(e->pos, "unexpected key:value expression"); break;
    default: {
      const Type* t = typeExpr(e);
      e->type = t;
      e->mode = t->kind == Kind::Invalid ? Mode::Invalid : Mode::TypeExpr;
      break;
    }
  }
  if (e->mode == Mode::Invalid && !e->type) e->type = invalid();
}

// ---------------------------------------------------------------- operands

void Checker::ident(Ident* e) {
  if (e->name == "_") {
    error(e->pos, "cannot use _ as value or type");
    return;
  }
  Symbol* sym = lookup(e->name);
  if (!sym && file_ && file_->scriptMode) {
    if (Package* p = importPackage(pathForName(e->name), e->pos, true)) {
      sym = newSym(SymKind::Package, e->name, e->pos);
      sym->package = p;
      fileScopes_[file_]->names[e->name] = sym;
    }
  }
  if (!sym) {
    errorf(e->pos, "undefined: %s", e->name);
    return;
  }
  e->sym = sym;
  switch (sym->kind) {
    case SymKind::Var:
      resolve(sym);
      sym->used = true;
      e->mode = Mode::Variable;
      e->type = sym->type;
      if (sym->isGlobal && curDecl_) curDecl_->deps.push_back(sym);
      if (sym->owner && fn_ && sym->owner != fn_->info) {
        // A variable of an enclosing function: every literal in between
        // captures it.
        sym->captured = true;
        for (FuncCtx* c = fn_; c && c->info != sym->owner; c = c->outer) {
          auto& caps = c->info->captures;
          if (std::find(caps.begin(), caps.end(), sym) == caps.end()) caps.push_back(sym);
        }
      }
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::Const:
      resolve(sym);
      e->mode = Mode::Constant;
      e->type = sym->type;
      e->value = sym->value;
      if (sym->name == "iota" && !sym->pkg) {
        if (iota_ < 0) {
          error(e->pos, "cannot use iota outside constant declaration");
          e->mode = Mode::Invalid;
          break;
        }
        e->value = ConstValue::ofInt(iota_);
      }
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::TypeName:
      resolve(sym);
      e->mode = Mode::TypeExpr;
      e->type = sym->type;
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::Func:
      resolve(sym);
      e->mode = Mode::Value;
      e->type = sym->type;
      if (curDecl_) curDecl_->deps.push_back(sym);
      break;
    case SymKind::Builtin: e->mode = Mode::Builtin; break;
    case SymKind::Package:
      usedImports_.insert(sym);
      e->mode = Mode::PackageName;
      break;
    case SymKind::Nil:
      e->mode = Mode::Value;
      e->type = basic(Kind::UntypedNil);
      break;
    case SymKind::Label: break;
  }
}

void Checker::typeAssert(TypeAssertExpr* e) {
  if (!e->typeExpr) {
    error(e->x->pos, "invalid AST: use of .(type) outside type switch");
    rvalue(e->x);
    return;
  }
  rvalue(e->x);
  const Type* T = typeExpr(e->typeExpr);
  if (e->x->mode == Mode::Invalid || T->kind == Kind::Invalid) return;
  if (isTypeParam(e->x->type)) {
    errorf(e->x->pos, "invalid operation: cannot use type assertion on type parameter value %s",
           Operand{e->x});
    return;
  }
  if (!isInterface(e->x->type)) {
    errorf(e->x->pos, "invalid operation: %s is not an interface", Operand{e->x});
    return;
  }
  if (!isInterface(T)) {
    std::string reason;
    if (!implements(T, e->x->type, &reason)) {
      errorf(e->x->pos, "impossible type assertion: %s\n\t%s", e, reason);
      return;
    }
  }
  e->type = T;
  e->mode = Mode::CommaOk;
}

void Checker::star(StarExpr* e) {
  rawExpr(e->x, nullptr);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) return;
  if (x->mode == Mode::TypeExpr) {
    e->type = prog_.types.pointer(x->type);
    e->mode = Mode::TypeExpr;
    return;
  }
  rvalue(x);
  if (x->mode == Mode::Invalid) return;
  if (x->type->kind == Kind::UntypedNil) {
    error(x->pos, "invalid operation: cannot indirect nil");
    return;
  }
  if (isTypeParam(x->type) && !coreType(x->type) && allInTypeSet(x->type, isPointer)) {
    errorf(x->pos, "invalid operation: pointers of %s must have identical base types", Operand{x});
    return;
  }
  if (operandType(x->type)->kind != Kind::Pointer) {
    errorf(x->pos, "invalid operation: cannot indirect %s", Operand{x});
    return;
  }
  e->type = operandType(x->type)->elem;
  e->mode = Mode::Variable;
}

// ---------------------------------------------------------------- operators

bool Checker::addressable(const Expr* e) const {
  return e->mode == Mode::Variable;
}

void Checker::markAddrTaken(Expr* e) {
  for (;;) {
    switch (e->kind) {
      case ExprKind::Paren: e = static_cast<ParenExpr*>(e)->x; continue;
      case ExprKind::Selector: {
        auto* s = static_cast<SelectorExpr*>(e);
        if (s->selKind != SelKind::Field) return;
        for (bool d : s->derefs)
          if (d) return;
        e = s->x;
        continue;
      }
      case ExprKind::Index: {
        auto* ix = static_cast<IndexExpr*>(e);
        if (!ix->x->type || ix->x->type->underlying()->kind != Kind::Array) return;
        e = ix->x;
        continue;
      }
      case ExprKind::Ident: {
        Symbol* s = static_cast<Ident*>(e)->sym;
        if (s && s->kind == SymKind::Var) s->addressTaken = true;
        return;
      }
      default: return;
    }
  }
}

void Checker::unary(UnaryExpr* e, const Type* hint) {
  Expr* x = e->x;
  if (e->op == Op::Addr) {
    Expr* ux = unparen(x);
    if (ux->kind == ExprKind::CompositeLit) {
      const Type* h = hint && hint->underlying() && hint->underlying()->kind == Kind::Pointer
                          ? hint->underlying()->elem
                          : nullptr;
      rvalue(x, h);
      if (x->mode == Mode::Invalid) return;
      e->type = prog_.types.pointer(x->type);
      e->mode = Mode::Value;
      return;
    }
    rvalue(x);
    if (x->mode == Mode::Invalid) return;
    if (x->mode != Mode::Variable) {
      errorf(x->pos, "invalid operation: cannot take address of %s", Operand{x});
      return;
    }
    markAddrTaken(x);
    e->type = prog_.types.pointer(x->type);
    e->mode = Mode::Value;
    return;
  }
  if (e->op == Op::Arrow) {
    rvalue(x);
    if (x->mode == Mode::Invalid) return;
    const Type* u = operandType(x->type);
    if (isTypeParam(u)) {
      errorf(x->pos, "invalid operation: cannot receive from %s: no core type", Operand{x});
      return;
    }
    if (u->kind != Kind::Chan) {
      errorf(x->pos, "invalid operation: cannot receive from non-channel %s", Operand{x});
      return;
    }
    if (u->dir == ChanDir::Send) {
      errorf(x->pos, "invalid operation: cannot receive from send-only channel %s", Operand{x});
      return;
    }
    e->type = u->elem;
    e->mode = Mode::CommaOk;
    return;
  }
  rvalue(x, hint);
  if (x->mode == Mode::Invalid) return;
  const Type* t = x->type;
  bool ok = false;
  switch (e->op) {
    case Op::Add:
    case Op::Sub: ok = isNumeric(t); break;
    case Op::Not: ok = isBoolean(t); break;
    case Op::Xor: ok = isInteger(t); break;
    default: break;
  }
  if (!ok) {
    errorf(x->pos, "invalid operation: operator %s not defined on %s", opText(e->op), Operand{x});
    return;
  }
  e->type = t;
  e->mode = x->mode == Mode::Constant ? Mode::Constant : Mode::Value;
  if (e->mode == Mode::Constant) {
    e->value = cops::unary(e->op, x->value, isUntyped(t) ? nullptr : t);
    if (!constantFits(e, e->pos)) e->mode = Mode::Invalid;
  }
}

namespace {
// go/types' opName: how "constant %s overflow" names the operation.
const char* overflowOpName(const Expr* e) {
  if (e->kind == ExprKind::Unary)
    return static_cast<const UnaryExpr*>(e)->op == Op::Xor ? "bitwise complement" : "";
  if (e->kind != ExprKind::Binary) return "";
  switch (static_cast<const BinaryExpr*>(e)->op) {
    case Op::Add: return "addition";
    case Op::Sub: return "subtraction";
    case Op::Xor: return "bitwise XOR";
    case Op::Mul: return "multiplication";
    case Op::Shl: return "shift";
    default: return "";
  }
}
}  // namespace

// go/types' overflow check after a constant operation: a float must stay
// within big.Float's exponents, a typed result must be representable in its
// type (and is rounded to it), an untyped integer must stay within 512
// bits. Reports the untyped errors at `opPos`, the operator.
bool Checker::constantFits(Expr* e, Pos opPos) {
  const Type* t = e->type;
  if (e->value.f().isInf() || e->value.im().isInf()) {
    error(opPos, "constant result is not representable");
    return false;
  }
  if (!isUntyped(t)) {
    ConstValue v = e->value;
    std::string why;
    if (!cops::represent(v, t, &why)) {
      errorf(e->pos, why == "truncated" ? "%s truncated to %s" : "%s overflows %s", Operand{e}, t);
      return false;
    }
    e->value = std::move(v);
    return true;
  }
  if (e->value.kind == ConstKind::Int && e->value.i.bitLen() > cops::kMaxUntypedIntBits) {
    errorf(opPos, "constant %s overflow", overflowOpName(e));
    return false;
  }
  return true;
}

namespace {
int untypedRank(Kind k) {
  switch (k) {
    case Kind::UntypedInt: return 1;
    case Kind::UntypedRune: return 2;
    case Kind::UntypedFloat: return 3;
    case Kind::UntypedComplex: return 4;
    default: return 0;
  }
}
bool addable(const Type* t) {
  return isNumeric(t) || isString(t);
}
bool isComparisonOp(Op op) {
  return op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr ||
         op == Op::Geq;
}
}  // namespace

// Converts the untyped operand `u` of binary expression `e` to the other
// operand's type `T`, reporting Go's error if it cannot.
bool Checker::untypedOperand(Expr* u, const Type* T, BinaryExpr* e, Pos mismatchPos) {
  std::string why;
  std::string desc = describe(u);
  if (convertUntyped(u, T, &why)) return true;
  if (isTypeParam(T) && u->type->kind != Kind::UntypedNil && isBoolean(u->type) == isBoolean(T) &&
      isString(u->type) == isString(T)) {
    // go/types' matchTypes tried the conversion to every type of T's set.
    errorf(u->pos, "cannot convert %s to %s", desc, T);
  } else if (why == "overflows") {
    errorf(u->pos, "%s overflows %s", desc, T);
  } else if (why == "truncated") {
    errorf(u->pos, "%s truncated to %s", desc, T);
  } else {
    errorf(mismatchPos, "invalid operation: %s (mismatched types %s and %s)", e, e->x->type,
           e->y->type);
  }
  return false;
}

void Checker::binary(BinaryExpr* e, const Type* hint) {
  if (e->op == Op::Shl || e->op == Op::Shr) {
    shift(e);
    return;
  }
  if (isComparisonOp(e->op)) {
    comparison(e);
    return;
  }
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x, hint);
  rvalue(y, hint);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  // Match operand types: an untyped operand takes the other's type.
  bool xu = isUntyped(x->type), yu = isUntyped(y->type);
  if (xu && !yu) {
    if (!untypedOperand(x, y->type, e, x->pos)) return;
  } else if (yu && !xu) {
    if (!untypedOperand(y, x->type, e, x->pos)) return;
  } else if (xu && yu) {
    int rx = untypedRank(x->type->kind), ry = untypedRank(y->type->kind);
    if (rx && ry) {
      const Type* t = rx >= ry ? x->type : y->type;
      x->type = t;
      y->type = t;
    } else if (x->type != y->type) {
      errorf(x->pos, "invalid operation: %s (mismatched types %s and %s)", e, x->type, y->type);
      return;
    }
  }
  if (x->type != y->type) {
    errorf(x->pos, "invalid operation: %s (mismatched types %s and %s)", e, x->type, y->type);
    return;
  }
  const Type* t = x->type;
  bool ok = false;
  switch (e->op) {
    case Op::Add: ok = allInTypeSet(t, addable); break;
    case Op::Sub:
    case Op::Mul:
    case Op::Quo: ok = isNumeric(t); break;
    case Op::Rem:
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::AndNot: ok = isInteger(t); break;
    case Op::LAnd:
    case Op::LOr: ok = isBoolean(t); break;
    default: break;
  }
  if (!ok) {
    errorf(x->pos, "invalid operation: operator %s not defined on %s", opText(e->op), Operand{x});
    return;
  }
  if ((e->op == Op::Quo || e->op == Op::Rem) && y->mode == Mode::Constant &&
      cops::isZero(y->value) && (isInteger(t) || x->mode == Mode::Constant)) {
    error(y->pos, "invalid operation: division by zero");
    return;
  }
  e->type = t;
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    ConstValue v;
    if (!cops::binary(e->op, x->value, y->value, isInteger(t), v)) {
      error(e->opPos, "constant result is not representable");
      return;
    }
    e->value = std::move(v);
    e->mode = Mode::Constant;
    if (!constantFits(e, e->opPos)) e->mode = Mode::Invalid;
    return;
  }
  e->mode = Mode::Value;
}

void Checker::shift(BinaryExpr* e) {
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x);
  rvalue(y);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  // The count.
  if (y->mode == Mode::Constant) {
    ConstValue v = y->value;
    BigInt count;
    bool integral = v.kind == ConstKind::Int     ? (count = v.i, true)
                    : v.kind == ConstKind::Float ? v.f().toInt(count)
                                                 : false;
    if (integral && count.sign() < 0) {
      errorf(y->pos, "invalid operation: negative shift count %s", Operand{y});
      return;
    }
    if (integral && x->mode == Mode::Constant && count > BigInt(cops::kMaxShiftCount)) {
      errorf(y->pos, "invalid operation: invalid shift count %s", Operand{y});
      return;
    }
    if (isUntyped(y->type)) {
      std::string why;
      if (!cops::represent(v, basic(Kind::Uint), &why)) {
        if (why == "truncated")
          errorf(y->pos, "%s truncated to uint", Operand{y});
        else
          errorf(y->pos, "invalid shift count %s", Operand{y});
        return;
      }
      setFinalType(y, basic(Kind::Uint));
    } else if (!isInteger(y->type)) {
      errorf(y->pos, "invalid operation: shift count %s must be integer", Operand{y});
      return;
    }
  } else if (isUntyped(y->type) && !isInteger(y->type)) {
    // An untyped non-constant count (itself a shift of an untyped
    // constant) becomes a uint, as go/types does.
    if (!convertUntyped(y, basic(Kind::Uint))) return;
  } else if (!isInteger(y->type)) {
    errorf(y->pos, "invalid operation: shift count %s must be integer", Operand{y});
    return;
  }
  // The shifted operand.
  if (x->mode == Mode::Constant && isUntyped(x->type)) {
    ConstValue v = x->value;
    if (!cops::represent(v, basic(Kind::UntypedInt), nullptr)) {
      errorf(x->pos, "invalid operation: shifted operand %s must be integer", Operand{x});
      return;
    }
    if (y->mode == Mode::Constant) {
      if (y->value.i > BigInt(cops::kMaxShiftCount)) {
        errorf(y->pos, "invalid operation: invalid shift count %s", Operand{y});
        return;
      }
      ConstValue r;
      if (!cops::binary(e->op, v, y->value, true, r)) return;  // count checked above
      e->type = x->type->kind == Kind::UntypedRune ? x->type : basic(Kind::UntypedInt);
      x->type = e->type;
      x->value = v;
      e->value = r;
      e->mode = Mode::Constant;
      if (!constantFits(e, e->opPos)) e->mode = Mode::Invalid;
      return;
    }
    // A non-constant shift of an untyped constant: the constant takes the
    // type it would have alone, which setFinalType checks is an integer
    // type once the context decides it (`var f float64 = 1.0 << s` is an
    // error, `var i int = 1.0 << s` is not).
    e->type = x->type;
    e->mode = Mode::Value;
    return;
  }
  if (!isInteger(x->type)) {
    errorf(x->pos, "invalid operation: shifted operand %s must be integer", Operand{x});
    return;
  }
  e->type = x->type;
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    if (y->value.i > BigInt(cops::kMaxShiftCount)) {
      errorf(y->pos, "invalid operation: invalid shift count %s", Operand{y});
      return;
    }
    ConstValue r;
    if (!cops::binary(e->op, x->value, y->value, true, r)) return;
    e->value = std::move(r);
    e->mode = Mode::Constant;
    if (!constantFits(e, e->opPos)) e->mode = Mode::Invalid;
    return;
  }
  e->mode = Mode::Value;
}

// Shared with the switch statement's case check (checker_stmt.cpp).
std::string kindString(const Type* t) {
  switch (t->underlying()->kind) {
    case Kind::Slice: return "slice";
    case Kind::Map: return "map";
    case Kind::Func: return "func";
    case Kind::Struct: return "struct";
    case Kind::Array: return "array";
    case Kind::Pointer: return "pointer";
    case Kind::Chan: return "chan";
    case Kind::Interface: return "interface";
    default: return "";
  }
}
// Go's reason why a struct or array type is not comparable.
std::string incomparableCause(const Type* t, const Package* pkg) {
  const Type* u = t->underlying();
  if (u->kind == Kind::Struct) {
    for (auto& f : u->fields)
      if (!comparable(f.type))
        return "struct containing " + typeStringIn(f.type, pkg) + " cannot be compared";
  }
  if (u->kind == Kind::Array) return typeStringIn(t, pkg) + " cannot be compared";
  return "";
}

bool hasNil(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, hasNil);
  switch (t->underlying() ? t->underlying()->kind : Kind::Invalid) {
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
    case Kind::Pointer:
    case Kind::Chan:
    case Kind::Interface:
    case Kind::UnsafePointer:
    case Kind::UntypedNil: return true;
    default: return false;
  }
}

namespace {
bool ordered(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, ordered);
  return (isNumeric(t) && !isComplex(t)) || isString(t);
}
}  // namespace

void Checker::comparison(BinaryExpr* e) {
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x);
  rvalue(y);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  bool xu = isUntyped(x->type), yu = isUntyped(y->type);
  const bool xNil = x->type->kind == Kind::UntypedNil, yNil = y->type->kind == Kind::UntypedNil;
  auto mismatch = [&]() {
    errorf(y->pos, "invalid operation: %s (mismatched types %s and %s)", e, x->type, y->type);
  };
  if (xu && !yu) {
    if (!untypedOperand(x, y->type, e, y->pos)) return;
  } else if (yu && !xu) {
    if (!untypedOperand(y, x->type, e, y->pos)) return;
  } else if (xu && yu) {
    int rx = untypedRank(x->type->kind), ry = untypedRank(y->type->kind);
    bool xn = x->type->kind == Kind::UntypedNil, yn = y->type->kind == Kind::UntypedNil;
    if (xn && yn) {
      errorf(x->pos, "invalid operation: %s (operator %s not defined on nil)", e, opText(e->op));
      return;
    }
    if (!(rx && ry) && x->type != y->type) return mismatch();
  }
  if (!xu || !yu) {
    std::string r;
    if (!assignableType(x->type, y->type) && !assignableType(y->type, x->type) &&
        x->type->kind != Kind::UntypedNil && y->type->kind != Kind::UntypedNil)
      return mismatch();
  }
  Expr* errOp = x;
  std::string cause;
  bool bad = false;
  if (e->op == Op::Eql || e->op == Op::Neq) {
    bool xn = xNil, yn = yNil;
    if (xn || yn) {
      const Type* t = xn ? y->type : x->type;
      if (!hasNil(t)) {
        errOp = y;
        bad = true;
      }
    } else if (isTypeParam(x->type) && !comparable(x->type)) {
      bad = true;
      cause = typeSetTerms(x->type).restricted && typeSetTerms(x->type).terms.empty()
                  ? "empty type set"
                  : "incomparable types in type set";
    } else if (isTypeParam(y->type) && !comparable(y->type)) {
      errOp = y;
      bad = true;
      cause = "incomparable types in type set";
    } else if (!comparable(x->type)) {
      bad = true;
      std::string k = kindString(x->type);
      cause = (k == "slice" || k == "map" || k == "func") ? k + " can only be compared to nil"
                                                          : incomparableCause(x->type, pkg_);
    } else if (!comparable(y->type)) {
      errOp = y;
      bad = true;
      std::string k = kindString(y->type);
      cause = (k == "slice" || k == "map" || k == "func") ? k + " can only be compared to nil"
                                                          : incomparableCause(y->type, pkg_);
    }
  } else {
    if (!ordered(x->type)) {
      bad = true;
    } else if (!ordered(y->type)) {
      errOp = y;
      bad = true;
    }
  }
  if (bad) {
    if (cause.empty() && (isTypeParam(x->type) || isTypeParam(y->type))) {
      if (!isTypeParam(x->type)) errOp = y;
      cause = "type parameter " + tstr(errOp->type) + " is not comparable with " + opText(e->op);
    }
    if (cause.empty()) {
      std::string k =
          isUntyped(errOp->type) || !kindString(errOp->type).empty() ? kindString(errOp->type) : "";
      if (k.empty()) k = tstr(errOp->type);
      cause = std::string("operator ") + opText(e->op) + " not defined on " + k;
    }
    errorf(errOp->pos, "invalid operation: %s (%s)", e, cause);
    return;
  }
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    e->value = ConstValue::ofBool(cops::compare(e->op, x->value, y->value));
    e->mode = Mode::Constant;
  } else {
    e->mode = Mode::Value;
  }
  if (isUntyped(x->type) && x->type->kind != Kind::UntypedNil) defaultType(x);
  if (isUntyped(y->type) && y->type->kind != Kind::UntypedNil) defaultType(y);
  e->type = basic(Kind::UntypedBool);
}

}  // namespace gol
