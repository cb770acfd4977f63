// Calls: function, method and interface calls and their arguments;
// conversions and predeclared functions branch off to their own files.
#include "lang/check/checker.hpp"

namespace gol {

// A call's mode and type from its signature: no value, one value, or a
// tuple of several.
void Checker::callResult(CallExpr* e, const Type* sig) {
  if (sig->results.empty()) {
    e->mode = Mode::NoValue;
    e->type = prog_.types.tuple({});
  } else if (sig->results.size() == 1) {
    e->mode = Mode::Value;
    e->type = sig->results[0];
  } else {
    e->mode = Mode::Value;
    e->type = prog_.types.tuple(sig->results);
  }
}

void Checker::call(CallExpr* e) {
  if (genericCall(e)) return;
  rawExpr(e->fun, nullptr);
  Expr* f = e->fun;
  if (f->mode == Mode::Invalid) {
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  if (f->mode == Mode::TypeExpr) {
    e->callKind = CallKind::Conversion;
    conversion(e, f->type);
    return;
  }
  if (f->mode == Mode::Builtin) {
    e->callKind = CallKind::Builtin;
    Symbol* s = nullptr;
    Expr* uf = unparen(f);
    if (uf->kind == ExprKind::Ident) s = static_cast<Ident*>(uf)->sym;
    if (uf->kind == ExprKind::Selector) s = static_cast<SelectorExpr*>(uf)->target;
    e->builtin = s ? s->builtin : BuiltinId::None;
    builtinCall(e, e->builtin);
    return;
  }
  requireValue(f);
  if (f->mode == Mode::Invalid) {
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  if (operandType(f->type)->kind != Kind::Func) {
    errorf(f->pos, "invalid operation: cannot call non-function %s", Operand{f});
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  const Type* sig = operandType(f->type);
  Expr* uf = unparen(f);
  e->callKind = CallKind::Dynamic;
  if (uf->kind == ExprKind::Ident) {
    Symbol* s = static_cast<Ident*>(uf)->sym;
    if (s && s->kind == SymKind::Func) {
      e->callKind = CallKind::Static;
      e->callee = s;
    }
  } else if (uf->kind == ExprKind::Selector) {
    auto* sel = static_cast<SelectorExpr*>(uf);
    if (sel->selKind == SelKind::Qualified && sel->target && sel->target->kind == SymKind::Func) {
      e->callKind = CallKind::Static;
      e->callee = sel->target;
    } else if (sel->selKind == SelKind::Method) {
      e->callKind = CallKind::Method;
      e->callee = sel->target;
    } else if (sel->selKind == SelKind::InterfaceMethod) {
      e->callKind = CallKind::Interface;
    }
  }
  checkArgs(e, sig, exprString(e->fun));
  callResult(e, sig);
}

void Checker::checkArgs(CallExpr* e, const Type* sig, const std::string& fname, bool prechecked) {
  std::vector<const Type*> argTypes;
  bool spread = false;
  if (prechecked) {
    if (e->args.size() == 1 && !e->hasEllipsis && e->args[0]->type &&
        e->args[0]->type->kind == Kind::Tuple) {
      spread = true;
      argTypes = e->args[0]->type->elems;
    }
  } else if (e->args.size() == 1 && !e->hasEllipsis) {
    multiValue(e->args[0]);
    Expr* a = e->args[0];
    if (a->mode == Mode::Invalid) return;
    if (a->type && a->type->kind == Kind::Tuple) {
      spread = true;
      argTypes = a->type->elems;
    }
  } else {
    for (size_t i = 0; i < e->args.size(); i++) {
      const Type* hint = nullptr;
      if (i < sig->params.size()) hint = sig->params[i];
      rvalue(e->args[i], hint);
    }
  }
  for (Expr* a : e->args)
    if (a->mode == Mode::Invalid) return;
  if (!spread)
    for (Expr* a : e->args) argTypes.push_back(a->type);
  size_t np = sig->params.size();
  size_t na = argTypes.size();
  auto listOf = [&](const std::vector<const Type*>& ts, bool variadic) {
    std::string s = "(";
    for (size_t i = 0; i < ts.size(); i++) {
      if (i) s += ", ";
      const Type* t = ts[i];
      if (variadic && i + 1 == ts.size()) {
        s += "..." + tstr(t->elem);
      } else if (isUntyped(t) && isNumeric(t)) {
        s += "number";
      } else {
        s += tstr(t);
      }
    }
    return s + ")";
  };
  if (e->hasEllipsis) {
    if (!sig->variadic) {
      errorf(e->args.back()->pos, "have (...) used with non-variadic function %s", fname);
      return;
    }
    if (na != np) {
      errorf(na < np ? e->rparen : e->args[np]->pos,
             "%s arguments in call to %s\n\thave %s\n\twant %s",
             na < np ? "not enough" : "too many", fname, listOf(argTypes, false),
             listOf(sig->params, sig->variadic));
      return;
    }
    for (size_t i = 0; i < na; i++) assignTo(e->args[i], sig->params[i], "argument to " + fname);
    return;
  }
  size_t fixed = sig->variadic ? np - 1 : np;
  if (na < fixed || (!sig->variadic && na > np)) {
    bool few = na < fixed;
    Pos p = few ? (e->args.empty() ? e->pos : e->args.back()->pos)
                : (spread ? e->args[0]->pos : e->args[np]->pos);
    errorf(p, "%s arguments in call to %s\n\thave %s\n\twant %s", few ? "not enough" : "too many",
           fname, listOf(argTypes, false), listOf(sig->params, sig->variadic));
    return;
  }
  if (spread) {
    for (size_t i = 0; i < na; i++) {
      const Type* pt = i < fixed ? sig->params[i] : sig->params[np - 1]->elem;
      if (!assignableType(argTypes[i], pt))
        errorf(e->args[0]->pos, "cannot use %s (value of type %s) as type %s in argument to %s",
               e->args[0], argTypes[i], pt, fname);
    }
    return;
  }
  for (size_t i = 0; i < na; i++) {
    const Type* pt = i < fixed ? sig->params[i] : sig->params[np - 1]->elem;
    assignTo(e->args[i], pt, "argument to " + fname);
  }
}

}  // namespace gol
