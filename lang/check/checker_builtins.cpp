// Calls of the predeclared functions (len, append, make, min, ...).
#include "lang/check/checker.hpp"

namespace gol {

namespace {

const Type* arrayOrPointee(const Type* t) {
  const Type* u = t->underlying();
  if (u && u->kind == Kind::Pointer && u->elem->underlying() &&
      u->elem->underlying()->kind == Kind::Array)
    return u->elem->underlying();
  return u;
}

bool hasLength(const Type* t) {
  switch (arrayOrPointee(t)->kind) {
    case Kind::String:
    case Kind::Array:
    case Kind::Slice:
    case Kind::Map:
    case Kind::Chan: return true;
    default: return false;
  }
}

bool hasCapacity(const Type* t) {
  switch (arrayOrPointee(t)->kind) {
    case Kind::Array:
    case Kind::Slice:
    case Kind::Chan: return true;
    default: return false;
  }
}

// len/cap of an array is constant unless the operand calls or receives.
bool hasCallOrRecv(const Expr* e) {
  if (!e) return false;
  switch (e->kind) {
    case ExprKind::Call: {
      auto* c = static_cast<const CallExpr*>(e);
      if (c->callKind != CallKind::Conversion) return true;
      for (auto* a : c->args)
        if (hasCallOrRecv(a)) return true;
      return false;
    }
    case ExprKind::Unary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return u->op == Op::Arrow || hasCallOrRecv(u->x);
    }
    case ExprKind::Paren: return hasCallOrRecv(static_cast<const ParenExpr*>(e)->x);
    case ExprKind::Selector: return hasCallOrRecv(static_cast<const SelectorExpr*>(e)->x);
    case ExprKind::Index:
      return hasCallOrRecv(static_cast<const IndexExpr*>(e)->x) ||
             hasCallOrRecv(static_cast<const IndexExpr*>(e)->index);
    case ExprKind::Star: return hasCallOrRecv(static_cast<const StarExpr*>(e)->x);
    case ExprKind::Binary:
      return hasCallOrRecv(static_cast<const BinaryExpr*>(e)->x) ||
             hasCallOrRecv(static_cast<const BinaryExpr*>(e)->y);
    case ExprKind::CompositeLit: return true;
    case ExprKind::FuncLit: return true;
    default: return false;
  }
}

}  // namespace

void Checker::builtinCall(CallExpr* e, BuiltinId id) {
  const std::string name = predeclaredFunc(id).name;
  auto& args = e->args;
  size_t n = args.size();
  auto argCount = [&](size_t min, size_t max) {
    if (n < min) {
      errorf(e->pos, "invalid operation: not enough arguments for %s (expected %s, found %s)", e,
             min, n);
      return false;
    }
    if (n > max) {
      errorf(e->pos, "invalid operation: too many arguments for %s (expected %s, found %s)", e, max,
             n);
      return false;
    }
    return true;
  };
  auto checkAll = [&]() {
    for (Expr* a : args) rvalue(a);
  };
  if (e->hasEllipsis && id != BuiltinId::Append) {
    errorf(e->pos, "invalid operation: invalid use of ... with built-in %s", name);
    checkAll();
    return;
  }
  if (id > BuiltinId::Recover) return unsafeBuiltin(e, id);
  auto intArg = [&](Expr* a, const char* what, bool allowNegative) -> bool {
    rvalue(a);
    if (a->mode == Mode::Invalid) return false;
    // go/types' isValidIndex: an untyped constant converts to int (Go's
    // conversion errors), then a constant must be non-negative and fit int.
    if (a->mode == Mode::Constant && isUntyped(a->type)) {
      ConstValue v = a->value;
      std::string why;
      if (!cops::represent(v, basic(Kind::Int), &why)) {
        if (why == "truncated")
          errorf(a->pos, "%s truncated to int", Operand{a});
        else if (why == "overflows")
          errorf(a->pos, "%s overflows int", Operand{a});
        else
          errorf(a->pos, "cannot convert %s to type int", Operand{a});
        return false;
      }
      setFinalType(a, basic(Kind::Int));
    }
    if (!isInteger(a->type)) {
      errorf(a->pos, "invalid argument: %s %s must be integer", what, Operand{a});
      return false;
    }
    if (a->mode == Mode::Constant && a->value.i.sign() < 0 && !allowNegative) {
      errorf(a->pos, "invalid argument: %s %s must not be negative", what, Operand{a});
      return false;
    }
    if (a->mode == Mode::Constant) {
      ConstValue v = a->value;
      if (!cops::represent(v, basic(Kind::Int), nullptr)) {
        errorf(a->pos, "invalid argument: %s %s overflows int", what, Operand{a});
        return false;
      }
    }
    return true;
  };
  switch (id) {
    case BuiltinId::Len:
    case BuiltinId::Cap: {
      if (!argCount(1, 1)) return checkAll();
      Expr* x = args[0];
      rvalue(x);
      if (x->mode == Mode::Invalid) return;
      e->type = basic(Kind::Int);
      e->mode = Mode::Value;
      if (isTypeParam(x->type)) {
        // Every type of the type set must have a length (never constant).
        if (!allInTypeSet(x->type, id == BuiltinId::Len ? hasLength : hasCapacity)) {
          errorf(x->pos, "invalid argument: %s for %s", Operand{x}, name);
          e->mode = Mode::Invalid;
        }
        return;
      }
      const Type* u = x->type->underlying();
      if (u->kind == Kind::Pointer && u->elem->underlying() &&
          u->elem->underlying()->kind == Kind::Array)
        u = u->elem->underlying();
      bool ok = false;
      switch (u->kind) {
        case Kind::String:
        case Kind::UntypedString:
          ok = id == BuiltinId::Len;
          if (ok && x->mode == Mode::Constant) {
            e->mode = Mode::Constant;
            e->value = ConstValue::ofInt(int64_t(x->value.s.size()));
          }
          if (isUntyped(x->type)) setFinalType(x, basic(Kind::String));
          break;
        case Kind::Array:
          ok = true;
          if (!hasCallOrRecv(x)) {
            e->mode = Mode::Constant;
            e->value = ConstValue::ofInt(u->len);
          }
          break;
        case Kind::Slice:
        case Kind::Chan: ok = true; break;
        case Kind::Map: ok = id == BuiltinId::Len; break;
        default: break;
      }
      if (!ok) {
        errorf(x->pos, "invalid argument: %s for %s", Operand{x}, name);
        e->mode = Mode::Invalid;
      }
      return;
    }
    case BuiltinId::Append: {
      if (n == 0) {
        error(e->rparen, "not enough arguments for append() (expected 1, found 0)");
        return;
      }
      Expr* s = args[0];
      rvalue(s);
      if (s->mode == Mode::Invalid) {
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      if (s->type->kind == Kind::UntypedNil) {
        error(s->pos, "first argument to append must be a typed slice; have untyped nil");
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      const Type* S = s->type;
      if (operandType(S)->kind != Kind::Slice) {
        errorf(s->pos, "invalid argument: %s (first argument to append must be a slice)",
               Operand{s});
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      const Type* elem = operandType(S)->elem;
      e->type = S;
      e->mode = Mode::Value;
      if (e->hasEllipsis) {
        if (n != 2) {
          error(e->pos, "can only use ... with final argument in list");
          for (size_t i = 1; i < n; i++) rvalue(args[i]);
          return;
        }
        Expr* t = args[1];
        rvalue(t, S);
        if (t->mode == Mode::Invalid) return;
        if (elem->underlying()->kind == Kind::Uint8 && isString(t->type)) {
          if (isUntyped(t->type)) setFinalType(t, basic(Kind::String));
          return;
        }
        if (t->type->kind == Kind::UntypedNil) {
          setFinalType(t, S);
          return;
        }
        if (operandType(t->type)->kind != Kind::Slice || operandType(t->type)->elem != elem) {
          assignTo(t, prog_.types.slice(elem), "append");
        }
        return;
      }
      for (size_t i = 1; i < n; i++) {
        rvalue(args[i], elem);
        assignTo(args[i], elem, "argument to append");
      }
      return;
    }
    case BuiltinId::Clear: {
      if (!argCount(1, 1)) return checkAll();
      rvalue(args[0]);
      if (args[0]->mode == Mode::Invalid) return;
      Kind k = operandType(args[0]->type)->kind;
      if (k != Kind::Map && k != Kind::Slice) {
        errorf(args[0]->pos,
               "invalid argument: %s (argument must be (or constrained by) map or slice)",
               Operand{args[0]});
        return;
      }
      e->mode = Mode::NoValue;
      e->type = prog_.types.tuple({});
      return;
    }
    case BuiltinId::Close: {
      if (!argCount(1, 1)) return checkAll();
      Expr* c = args[0];
      rvalue(c);
      if (c->mode == Mode::Invalid) return;
      const Type* u = operandType(c->type);
      if (u->kind != Kind::Chan) {
        errorf(c->pos, "invalid operation: cannot close non-channel %s", Operand{c});
        return;
      }
      if (u->dir == ChanDir::Recv) {
        errorf(c->pos, "invalid operation: cannot close receive-only channel %s", Operand{c});
        return;
      }
      e->mode = Mode::NoValue;
      e->type = prog_.types.tuple({});
      return;
    }
    case BuiltinId::Copy: {
      if (!argCount(2, 2)) return checkAll();
      rvalue(args[0]);
      rvalue(args[1]);
      if (args[0]->mode == Mode::Invalid || args[1]->mode == Mode::Invalid) return;
      const Type* d = operandType(args[0]->type);
      const Type* s = operandType(args[1]->type);
      e->type = basic(Kind::Int);
      e->mode = Mode::Value;
      if (d->kind != Kind::Slice) {
        errorf(args[0]->pos, "invalid argument: copy expects slice arguments; found %s and %s",
               Operand{args[0]}, Operand{args[1]});
        e->mode = Mode::Invalid;
        return;
      }
      if (isString(s) && d->elem->underlying()->kind == Kind::Uint8) {
        if (isUntyped(args[1]->type)) setFinalType(args[1], basic(Kind::String));
        return;
      }
      if (s->kind != Kind::Slice) {
        errorf(args[0]->pos, "invalid argument: copy expects slice arguments; found %s and %s",
               Operand{args[0]}, Operand{args[1]});
        e->mode = Mode::Invalid;
        return;
      }
      if (s->elem != d->elem) {
        errorf(
            args[0]->pos,
            "invalid argument: arguments to copy %s and %s have different element types %s and %s",
            Operand{args[0]}, Operand{args[1]}, d->elem, s->elem);
        e->mode = Mode::Invalid;
      }
      return;
    }
    case BuiltinId::Delete: {
      if (!argCount(2, 2)) return checkAll();
      rvalue(args[0]);
      if (args[0]->mode == Mode::Invalid) {
        rvalue(args[1]);
        return;
      }
      const Type* m = operandType(args[0]->type);
      if (m->kind != Kind::Map) {
        errorf(args[0]->pos, "invalid argument: %s is not a map", Operand{args[0]});
        rvalue(args[1]);
        return;
      }
      rvalue(args[1], m->key);
      assignTo(args[1], m->key, "argument to delete");
      e->mode = Mode::NoValue;
      e->type = prog_.types.tuple({});
      return;
    }
    case BuiltinId::Make: {
      if (n == 0) {
        error(e->rparen, "not enough arguments for make() (expected 1, found 0)");
        return;
      }
      const Type* T = typeExpr(args[0]);
      if (T->kind == Kind::Invalid) {
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      size_t min = 1, max = 1;
      const Type* core = coreType(T);
      if (!core) {
        errorf(args[0]->pos, "invalid argument: cannot make %s: no core type", args[0]);
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      switch (core->kind) {
        case Kind::Slice: min = 2, max = 3; break;
        case Kind::Map:
        case Kind::Chan: max = 2; break;
        default:
          errorf(args[0]->pos,
                 "invalid argument: cannot make %s; type must be slice, map, or channel", args[0]);
          for (size_t i = 1; i < n; i++) rvalue(args[i]);
          return;
      }
      if (n < min || n > max) {
        errorf(e->pos, "invalid operation: %s expects %s or %s arguments; found %s", e, min, max,
               n);
        for (size_t i = 1; i < n; i++) rvalue(args[i]);
        return;
      }
      bool ok = true;
      for (size_t i = 1; i < n; i++)
        // make(chan T, -1): gol's unbounded channel (an extension).
        ok &= intArg(args[i], "index", core->kind == Kind::Chan);
      if (ok && n == 3 && args[1]->mode == Mode::Constant && args[2]->mode == Mode::Constant &&
          args[1]->value.i > args[2]->value.i)
        error(args[1]->pos, "invalid argument: length and capacity swapped");
      e->type = T;
      e->mode = Mode::Value;
      return;
    }
    case BuiltinId::New: {
      if (!argCount(1, 1)) return checkAll();
      // Go 1.26: new(expr) points to a new variable holding expr's value
      // (an untyped constant takes its default type).
      rawExpr(args[0], nullptr);
      if (args[0]->mode == Mode::Invalid) return;
      if (args[0]->mode != Mode::TypeExpr) {
        if (args[0]->mode == Mode::NoValue) {
          errorf(args[0]->pos, "%s (no value) used as value", args[0]);
          return;
        }
        if (args[0]->mode == Mode::Builtin ||
            (args[0]->type && args[0]->type->kind == Kind::Tuple)) {
          errorf(args[0]->pos, "%s is not an expression", args[0]);
          return;
        }
        if (args[0]->type && args[0]->type->kind == Kind::UntypedNil) {
          errorf(args[0]->pos, "use of untyped nil in argument to built-in new");
          return;
        }
        defaultType(args[0]);
      }
      const Type* T = args[0]->type;
      if (!T || T->kind == Kind::Invalid) return;
      e->type = prog_.types.pointer(T);
      e->mode = Mode::Value;
      return;
    }
    case BuiltinId::Panic: {
      if (!argCount(1, 1)) return checkAll();
      rvalue(args[0]);
      bool maybeNil = args[0]->mode != Mode::Invalid &&
                      (args[0]->type->kind == Kind::UntypedNil || isInterface(args[0]->type));
      assignTo(args[0], prog_.types.anyType(), "argument to panic");
      // Since Go 1.21 panic(nil) panics with a *runtime.PanicNilError: an
      // argument that may be nil goes through runtime.panicArg.
      if (maybeNil && pkg_->path != "runtime")
        if (Package* rt = importPackage("runtime", e->pos, true)) {
          auto it = rt->members.find("panicArg");
          if (it != rt->members.end()) e->callee = it->second;
        }
      e->mode = Mode::NoValue;
      e->type = prog_.types.tuple({});
      return;
    }
    case BuiltinId::Print:
    case BuiltinId::Println: {
      for (Expr* a : args) {
        rvalue(a);
        if (a->mode == Mode::Invalid) continue;
        if (a->type->kind == Kind::UntypedNil) {
          errorf(a->pos, "use of untyped nil in argument to built-in %s", name);
          continue;
        }
        defaultType(a);
      }
      e->mode = Mode::NoValue;
      e->type = prog_.types.tuple({});
      return;
    }
    case BuiltinId::Recover: {
      if (!argCount(0, 0)) return checkAll();
      if (fn_ && fn_->info) fn_->info->callsRecover = true;
      e->type = prog_.types.anyType();
      e->mode = Mode::Value;
      return;
    }
    case BuiltinId::Min:
    case BuiltinId::Max: {
      if (n == 0) {
        errorf(e->rparen, "not enough arguments for %s (expected 1, found 0)", e);
        return;
      }
      for (Expr* a : args) rvalue(a);
      for (Expr* a : args)
        if (a->mode == Mode::Invalid) return;
      // The common type: the first typed operand's, else the largest untyped kind.
      const Type* T = nullptr;
      for (Expr* a : args)
        if (!isUntyped(a->type)) {
          T = a->type;
          break;
        }
      if (!T) {
        T = args[0]->type;
        for (Expr* a : args) {
          if (!isNumeric(T) || !isNumeric(a->type)) continue;
          auto rank = [](Kind k) {
            return k == Kind::UntypedFloat ? 3 : k == Kind::UntypedRune ? 2 : 1;
          };
          if (rank(a->type->kind) > rank(T->kind)) T = a->type;
        }
      }
      bool allConst = true;
      for (Expr* a : args) {
        if (!((isNumeric(a->type) && !isComplex(a->type)) || isString(a->type))) {
          errorf(a->pos, "invalid argument: %s cannot be ordered", Operand{a});
          return;
        }
        if (isUntyped(a->type) && !isUntyped(T)) {
          if (!assignTo(a, T, "argument to " + name)) return;
        } else if (isUntyped(a->type)) {
          convertUntyped(a, T);
        } else if (a->type != T) {
          errorf(a->pos,
                 "invalid argument: mismatched types %s (previous argument) and %s (type of %s)", T,
                 a->type, a);
          return;
        }
        allConst &= a->mode == Mode::Constant;
      }
      e->type = T;
      e->mode = Mode::Value;
      if (allConst) {
        ConstValue best = args[0]->value;
        for (size_t i = 1; i < n; i++) {
          bool less = cops::compare(Op::Lss, args[i]->value, best);
          if ((id == BuiltinId::Min) == less && !cops::compare(Op::Eql, args[i]->value, best))
            best = args[i]->value;
        }
        e->value = best;
        e->mode = Mode::Constant;
      }
      return;
    }
    case BuiltinId::Complex:
    case BuiltinId::Real:
    case BuiltinId::Imag: complexBuiltin(e, id); return;
    default: checkAll(); return;
  }
}

}  // namespace gol
