// Untyped operands, assignability, interface satisfaction and conversions.
#include "lang/check/checker.hpp"

namespace gol {

const Type* Checker::defaultOf(const Type* t) {
  switch (t->kind) {
    case Kind::UntypedBool: return basic(Kind::Bool);
    case Kind::UntypedInt: return basic(Kind::Int);
    case Kind::UntypedRune: return basic(Kind::Int32);
    case Kind::UntypedFloat: return basic(Kind::Float64);
    case Kind::UntypedComplex: return basic(Kind::Complex128);
    case Kind::UntypedString: return basic(Kind::String);
    default: return t;
  }
}

void Checker::defaultType(Expr* e) {
  if (e->type && isUntyped(e->type) && e->type->kind != Kind::UntypedNil)
    setFinalType(e, defaultOf(e->type));
}

// Gives an untyped expression (and its untyped operands) its final type.
void Checker::setFinalType(Expr* e, const Type* t) {
  if (!e->type || !isUntyped(e->type)) return;
  // An untyped operand stored in an interface gets its default type; the
  // conversion to the interface is implicit at the use.
  if (isInterface(t) && e->type->kind != Kind::UntypedNil) t = defaultOf(e->type);
  switch (e->kind) {
    case ExprKind::Paren: setFinalType(static_cast<ParenExpr*>(e)->x, t); break;
    case ExprKind::Unary: {
      auto* u = static_cast<UnaryExpr*>(e);
      if (u->op != Op::Arrow && u->op != Op::Addr) setFinalType(u->x, t);
      break;
    }
    case ExprKind::Binary: {
      auto* b = static_cast<BinaryExpr*>(e);
      switch (b->op) {
        case Op::Eql:
        case Op::Neq:
        case Op::Lss:
        case Op::Leq:
        case Op::Gtr:
        case Op::Geq: break;
        case Op::Shl:
        case Op::Shr:
          setFinalType(b->x, t);
          // The untyped constant of a non-constant shift must end up an
          // integer (go/types checks this when the type becomes final).
          if (b->mode != Mode::Constant && b->x->mode == Mode::Constant && !isUntyped(t) &&
              !isInteger(t) && !isTypeParam(t)) {
            errorf(b->x->pos, "invalid operation: shifted operand %s (type %s) must be integer",
                   b->x, t);
          }
          break;
        default: setFinalType(b->x, t); setFinalType(b->y, t);
      }
      break;
    }
    default: break;
  }
  if (e->mode == Mode::Constant) {
    ConstValue v = e->value;
    if (cops::represent(v, t, nullptr)) e->value = v;
  }
  e->type = t;
}

namespace {

// Go's "has a name": predeclared, defined and type parameter types.
bool hasName(const Type* t) {
  return t->kind <= Kind::UnsafePointer || t->isNamed() || isTypeParam(t);
}

}  // namespace

const char* const Checker::kNotInTypeSet = "not representable in every type of the type set";

// An untyped operand used as a type parameter's value: it must convert to
// every type of the type set (go/types' implicitTypeAndValue), and is then
// a value of type T, not a constant.
bool Checker::convertUntypedToTypeParam(Expr* e, const Type* target, std::string* why) {
  TypeSetTerms ts = typeSetTerms(target);
  if (!ts.restricted || ts.terms.empty()) return false;
  bool nil = e->type->kind == Kind::UntypedNil;
  for (const TypeTerm& term : ts.terms) {
    const Type* t = term.type;
    if (nil) {
      if (!hasNil(t)) return false;
      continue;
    }
    bool compat = (isBoolean(e->type) && isBoolean(t)) || (isString(e->type) && isString(t)) ||
                  (isNumeric(e->type) && isNumeric(t));
    if (!compat) return false;
    if (e->mode == Mode::Constant) {
      ConstValue v = e->value;
      if (!cops::represent(v, t, nullptr)) {
        if (why) *why = kNotInTypeSet;
        return false;
      }
    }
  }
  setFinalType(e, target);
  if (e->mode == Mode::Constant) e->mode = Mode::Value;
  return true;
}

bool Checker::convertUntyped(Expr* e, const Type* target, std::string* why) {
  if (!isUntyped(e->type)) return true;
  if (!target || target->kind == Kind::Invalid || !target->underlying()) return false;
  if (isTypeParam(target)) return convertUntypedToTypeParam(e, target, why);
  const Type* u = target->underlying();
  if (e->type->kind == Kind::UntypedNil) {
    switch (u->kind) {
      case Kind::Pointer:
      case Kind::Slice:
      case Kind::Map:
      case Kind::Chan:
      case Kind::Func:
      case Kind::Interface:
      case Kind::UnsafePointer:
      case Kind::UntypedNil: setFinalType(e, target); return true;
      default: return false;
    }
  }
  if (u->kind == Kind::Interface) {
    defaultType(e);
    return true;
  }
  if (isUntyped(target)) {
    // Both untyped: the larger numeric kind wins.
    if (isNumeric(e->type) && isNumeric(target)) {
      if (e->mode == Mode::Constant) {
        ConstValue v = e->value;
        if (!cops::represent(v, target, why)) return false;
        e->value = v;
      }
      e->type = target;
      return true;
    }
    return e->type == target;
  }
  bool compat = (isBoolean(e->type) && isBoolean(target)) ||
                (isString(e->type) && isString(target)) ||
                (isNumeric(e->type) && isNumeric(target));
  if (!compat) return false;
  if (e->mode == Mode::Constant) {
    ConstValue v = e->value;
    if (!cops::represent(v, target, why)) return false;
  } else if (e->kind == ExprKind::Binary || e->kind == ExprKind::Paren) {
    // Non-constant untyped shifts need an integer type.
  }
  setFinalType(e, target);
  return true;
}

bool Checker::assignableType(const Type* V, const Type* T) {
  if (!V || !T) return false;
  if (V == T) return true;
  if (V->kind == Kind::Invalid || T->kind == Kind::Invalid) return true;
  const Type* vu = V->underlying();
  const Type* tu = T->underlying();
  if (!vu || !tu) return false;
  if (V->kind == Kind::UntypedNil) {
    switch (tu->kind) {
      case Kind::Pointer:
      case Kind::Slice:
      case Kind::Map:
      case Kind::Chan:
      case Kind::Func:
      case Kind::Interface: return true;
      default: return false;
    }
  }
  if (vu == tu && (!V->isNamed() || !T->isNamed())) return true;
  if (tu->kind == Kind::Interface) return implements(V, T, nullptr);
  if (vu->kind == Kind::Chan && tu->kind == Kind::Chan && vu->dir == ChanDir::Both &&
      vu->elem == tu->elem && (!V->isNamed() || !T->isNamed()))
    return true;
  // Type parameters (spec "Assignability"): a value of an unnamed type is
  // assignable to T when it is to every type of T's type set; a value of
  // type T is assignable to an unnamed type when every type of T's set is.
  if (isTypeParam(T) && !hasName(V)) {
    TypeSetTerms ts = typeSetTerms(T);
    if (!ts.restricted || ts.terms.empty()) return false;
    for (const TypeTerm& term : ts.terms)
      if (!assignableType(V, term.type)) return false;
    return true;
  }
  if (isTypeParam(V) && !hasName(T)) {
    TypeSetTerms ts = typeSetTerms(V);
    if (!ts.restricted || ts.terms.empty()) return false;
    for (const TypeTerm& term : ts.terms)
      if (!assignableType(term.type, T)) return false;
    return true;
  }
  return false;
}

bool Checker::assignable(Expr* e, const Type* T, std::string* reason) {
  if (assignableType(e->type, T)) return true;
  if (reason && T->underlying() && T->underlying()->kind == Kind::Interface)
    implements(e->type, T, reason);
  return false;
}

bool Checker::assignTo(Expr* e, const Type* T, const std::string& context) {
  if (e->mode == Mode::Invalid || !T || T->kind == Kind::Invalid || !e->type) return false;
  if (e->type->kind == Kind::Invalid) return false;
  if (isUntyped(e->type)) {
    if (e->type->kind == Kind::UntypedNil) {
      if (convertUntyped(e, T)) return true;
      errorf(e->pos, "cannot use nil as %s value in %s", T, context);
      return false;
    }
    if (!isInterface(T)) {
      std::string why;
      std::string desc = describe(e);
      if (convertUntyped(e, T, &why)) return true;
      if (why == kNotInTypeSet) why.clear();
      errorf(e->pos, "cannot use %s as %s value in %s%s", desc, T, context,
             (why.empty() ? "" : " (" + why + ")"));
      return false;
    }
    // Assigned to an interface: the default type must implement it.
    if (!assignableType(defaultOf(e->type), T))
      defaultType(e);
    else {
      setFinalType(e, T);
      return true;
    }
  }
  std::string reason;
  if (assignable(e, T, &reason)) return true;
  errorf(e->pos, "cannot use %s as type %s in %s%s", Operand{e}, T, context,
         (reason.empty() ? "" : ":\n\t" + reason));
  return false;
}

// Conversions involving type parameters (spec "Conversions"): valid when
// valid for every type of the type set(s); `cause` gets Go's reason.
bool Checker::convertibleTypeParam(Expr* e, const Type* T, std::string* cause) {
  const Type* V = e->type;
  bool vp = isTypeParam(V), tp = isTypeParam(T);
  TypeSetTerms vs = vp ? typeSetTerms(V) : TypeSetTerms{};
  TypeSetTerms ts = tp ? typeSetTerms(T) : TypeSetTerms{};
  if ((vp && (!vs.restricted || vs.terms.empty())) || (tp && (!ts.restricted || ts.terms.empty())))
    return false;
  std::vector<const Type*> from{V}, to{T};
  if (vp) {
    from.clear();
    for (auto& term : vs.terms) from.push_back(term.type);
  }
  if (tp) {
    to.clear();
    for (auto& term : ts.terms) to.push_back(term.type);
  }
  const Type* saved = e->type;
  bool ok = true;
  for (const Type* f : from) {
    for (const Type* t : to) {
      e->type = f;
      bool fine = convertible(e, t);
      e->type = saved;
      if (fine) continue;
      if (cause) {
        std::string a = tstr(f) + (vp ? " (in " + tstr(V) + ")" : "");
        std::string b = tstr(t) + (tp ? " (in " + tstr(T) + ")" : "");
        *cause = "cannot convert " + a + " to " + b;
      }
      ok = false;
      break;
    }
    if (!ok) break;
  }
  return ok;
}

bool Checker::convertible(Expr* e, const Type* T, std::string* cause) {
  const Type* V = e->type;
  if (assignableType(V, T)) return true;
  if (isTypeParam(V) || isTypeParam(T)) return convertibleTypeParam(e, T, cause);
  const Type* vu = V->underlying();
  const Type* tu = T->underlying();
  if (!vu || !tu) return false;
  if ((vu->kind == Kind::UnsafePointer || tu->kind == Kind::UnsafePointer) &&
      unsafeConvertible(e, T))
    return true;
  if (identicalIgnoringTags(vu, tu)) return true;
  if (vu->kind == Kind::Pointer && tu->kind == Kind::Pointer && vu->elem->underlying() &&
      tu->elem->underlying() &&
      identicalIgnoringTags(vu->elem->underlying(), tu->elem->underlying()))
    return true;
  // Complex values convert only to complex types (constants are checked by
  // representability before this).
  if (isNumeric(V) && isNumeric(T) && isComplex(V) == isComplex(T)) return true;
  if (isString(T) && (isInteger(V) || (vu->kind == Kind::Slice && vu->elem->underlying() &&
                                       (vu->elem->underlying()->kind == Kind::Uint8 ||
                                        vu->elem->underlying()->kind == Kind::Int32))))
    return true;
  if (isString(V) && tu->kind == Kind::Slice && tu->elem->underlying() &&
      (tu->elem->underlying()->kind == Kind::Uint8 || tu->elem->underlying()->kind == Kind::Int32))
    return true;
  if (vu->kind == Kind::Slice && tu->kind == Kind::Pointer && tu->elem->underlying() &&
      tu->elem->underlying()->kind == Kind::Array && tu->elem->underlying()->elem == vu->elem)
    return true;
  // Go 1.20: a slice converts to an array of its element type.
  if (vu->kind == Kind::Slice && tu->kind == Kind::Array && tu->elem == vu->elem) return true;
  return false;
}

void Checker::conversion(CallExpr* e, const Type* T) {
  if (e->args.size() != 1) {
    for (Expr* a : e->args) rvalue(a);
    if (e->args.empty())
      errorf(e->rparen, "missing argument in conversion to %s", T);
    else
      errorf(e->args[1]->pos, "too many arguments in conversion to %s", T);
    return;
  }
  Expr* x = e->args[0];
  rvalue(x, T);
  if (x->mode == Mode::Invalid || T->kind == Kind::Invalid) return;
  e->type = T;
  e->mode = Mode::Value;
  if (x->mode == Mode::Constant && isTypeParam(T) && isUntyped(x->type)) {
    // Not a constant: each type of T's set must hold the value.
    std::string constant = describe(x);
    x->mode = Mode::Value;
    std::string value = describe(x);
    x->mode = Mode::Constant;
    std::string cause;
    TypeSetTerms ts = typeSetTerms(T);
    if (!ts.restricted || ts.terms.empty()) cause = tstr(T) + " does not contain specific types";
    for (const TypeTerm& term : ts.terms) {
      ConstValue v = x->value;
      bool compat = (isNumeric(x->type) && isNumeric(term.type)) ||
                    (isString(x->type) && isString(term.type)) ||
                    (isBoolean(x->type) && isBoolean(term.type)) ||
                    (isInteger(x->type) && isString(term.type));
      if (!compat || (!isString(term.type) && !cops::represent(v, term.type, nullptr))) {
        cause = "cannot convert " + constant + " to " + tstr(term.type) + " (in " + tstr(T) + ")";
        break;
      }
    }
    if (!cause.empty()) {
      errorf(x->pos, "cannot convert %s to type %s:\n\t%s", value, T, cause);
      e->mode = Mode::Invalid;
      return;
    }
    setFinalType(x, T);
    x->mode = Mode::Value;
    return;
  }
  if (x->mode == Mode::Constant && isConstType(T) && !isTypeParam(T)) {
    ConstValue v = x->value;
    // integer -> string yields the rune's UTF-8 encoding
    if (isString(T) && isInteger(x->type)) {
      std::string s;
      int64_t r = v.i.fitsInt64() ? v.i.toInt64() : -1;
      if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
      uint32_t c = uint32_t(r);
      if (c < 0x80) {
        s += char(c);
      } else if (c < 0x800) {
        s += char(0xC0 | (c >> 6));
        s += char(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        s += char(0xE0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
      } else {
        s += char(0xF0 | (c >> 18));
        s += char(0x80 | ((c >> 12) & 0x3F));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
      }
      defaultType(x);
      e->value = ConstValue::ofString(s);
      e->mode = Mode::Constant;
      return;
    }
    bool compat = (isNumeric(x->type) && isNumeric(T)) || (isString(x->type) && isString(T)) ||
                  (isBoolean(x->type) && isBoolean(T));
    if (compat) {
      // Typed numeric constants convert with truncation toward the target
      // only when exact; Go requires representability for constants.
      if (!cops::represent(v, T, nullptr)) {
        // go/types reports the value as converted toward an integer type
        // (int(1e100) shows the integer 1e100 in full).
        BigInt asInt;
        if (isInteger(T) && x->value.kind == ConstKind::Float && x->value.f().toInt(asInt))
          x->value = ConstValue::ofInt(asInt);
        errorf(x->pos, "cannot convert %s to type %s", Operand{x}, T);
        e->mode = Mode::Invalid;
        return;
      }
      if (isUntyped(x->type)) setFinalType(x, T);
      e->value = v;
      e->mode = Mode::Constant;
      return;
    }
  }
  std::string untypedDesc;
  if (isUntyped(x->type)) {
    if (x->type->kind == Kind::UntypedNil) {
      if (!convertUntyped(x, T)) {
        errorf(x->pos, "cannot convert nil to type %s", T);
        e->mode = Mode::Invalid;
      }
      return;
    }
    untypedDesc = describe(x);
    if (isInterface(T) || !convertUntyped(x, T)) {
      defaultType(x);
    }
  }
  std::string cause;
  if (!convertible(x, T, &cause)) {
    // An untyped constant is described as written, before its default type.
    errorf(x->pos, "cannot convert %s to type %s%s",
           untypedDesc.empty() || x->mode != Mode::Constant ? describe(x) : untypedDesc, T,
           cause.empty() ? "" : ":\n\t" + cause);
    e->mode = Mode::Invalid;
  }
}

}  // namespace gol
