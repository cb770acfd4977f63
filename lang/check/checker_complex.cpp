// The builtins of complex numbers: complex, real and imag (go/types'
// builtins.go rules: untyped constant arguments stay untyped, typed ones
// must be identical floating-point or complex types).
#include "lang/check/checker.hpp"

namespace gol {

namespace {

Kind complexOfFloat(Kind k) {
  switch (k) {
    case Kind::Float32: return Kind::Complex64;
    case Kind::Float64: return Kind::Complex128;
    case Kind::UntypedFloat: return Kind::UntypedComplex;
    default: return Kind::Invalid;
  }
}

Kind floatOfComplex(Kind k) {
  switch (k) {
    case Kind::Complex64: return Kind::Float32;
    case Kind::Complex128: return Kind::Float64;
    case Kind::UntypedComplex: return Kind::UntypedFloat;
    default: return Kind::Invalid;
  }
}

}  // namespace

void Checker::complexBuiltin(CallExpr* e, BuiltinId id) {
  auto& args = e->args;
  size_t want = id == BuiltinId::Complex ? 2 : 1;
  for (Expr* a : args) rvalue(a);
  if (args.size() != want) {
    errorf(e->pos, "invalid operation: %s arguments for %s (expected %s, found %s)",
           args.size() < want ? "not enough" : "too many", e, want, args.size());
    return;
  }
  for (Expr* a : args)
    if (a->mode == Mode::Invalid) return;
  if (id == BuiltinId::Complex) {
    Expr* x = args[0];
    Expr* y = args[1];
    bool xu = isUntyped(x->type), yu = isUntyped(y->type);
    if (xu && !yu) {
      if (!assignTo(x, y->type, "argument to complex")) return;
    } else if (yu && !xu) {
      if (!assignTo(y, x->type, "argument to complex")) return;
    } else if (xu && yu) {
      // Untyped constants become untyped floats when they are real.
      for (Expr* a : {x, y}) {
        if (a->mode == Mode::Constant && isNumeric(a->type)) {
          ConstValue v = a->value;
          if (cops::represent(v, basic(Kind::UntypedFloat), nullptr)) {
            a->type = basic(Kind::UntypedFloat);
            a->value = v;
          }
        } else {
          convertUntyped(a, basic(Kind::Float64));
        }
      }
    }
    if (x->type != y->type) {
      errorf(x->pos, "invalid operation: %s (mismatched types %s and %s)", e, x->type, y->type);
      return;
    }
    Kind rk = complexOfFloat(x->type->underlying() ? x->type->underlying()->kind : Kind::Invalid);
    if (rk == Kind::Invalid) {
      errorf(x->pos, "invalid argument: arguments have type %s, expected floating-point", x->type);
      return;
    }
    e->type = basic(rk);
    if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
      ConstFloat re, im;
      cops::toFloat(x->value, re);
      cops::toFloat(y->value, im);
      e->value = ConstValue::ofComplex(re, im);
      e->mode = Mode::Constant;
    } else {
      e->mode = Mode::Value;
    }
    return;
  }
  Expr* x = args[0];
  if (isUntyped(x->type)) {
    if (x->mode == Mode::Constant && isNumeric(x->type)) {
      ConstValue v = x->value;
      cops::represent(v, basic(Kind::UntypedComplex), nullptr);
      x->type = basic(Kind::UntypedComplex);
      x->value = v;
    } else {
      convertUntyped(x, basic(Kind::Complex128));
    }
  }
  Kind rk = floatOfComplex(x->type->underlying() ? x->type->underlying()->kind : Kind::Invalid);
  if (rk == Kind::Invalid) {
    errorf(x->pos, "invalid argument: argument has type %s, expected complex type", x->type);
    return;
  }
  e->type = basic(rk);
  if (x->mode == Mode::Constant) {
    ConstFloat re, im;
    cops::toComplex(x->value, re, im);
    e->value = ConstValue::ofFloat(id == BuiltinId::Real ? re : im);
    e->mode = Mode::Constant;
  } else {
    e->mode = Mode::Value;
  }
}

}  // namespace gol
