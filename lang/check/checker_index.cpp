// Index and slice expressions: a[i], a[lo:hi:max] on arrays, slices,
// strings, maps and pointers to arrays.
#include "lang/check/checker.hpp"

namespace gol {

int64_t Checker::constIndex(Expr* idx, int64_t length, const char* what) {
  rvalue(idx);
  if (idx->mode == Mode::Invalid) return -1;
  if (idx->mode == Mode::Constant && isUntyped(idx->type)) {
    ConstValue v = idx->value;
    if (!cops::represent(v, basic(Kind::Int), nullptr)) {
      errorf(idx->pos, "invalid argument: %s %s must be integer", what, Operand{idx});
      return -1;
    }
    setFinalType(idx, basic(Kind::Int));
  }
  if (!isInteger(idx->type)) {
    errorf(idx->pos, "invalid argument: %s %s must be integer", what, Operand{idx});
    return -1;
  }
  if (idx->mode == Mode::Constant) {
    if (idx->value.i < 0) {
      errorf(idx->pos, "invalid argument: %s %s must not be negative", what, Operand{idx});
      return -1;
    }
    if (length >= 0 && idx->value.i >= length) {
      errorf(idx->pos, "invalid argument: %s %s out of bounds [0:%s]", what, cops::str(idx->value),
             length);
      return -1;
    }
    return idx->value.i.toInt64();
  }
  return -1;
}

void Checker::indexExpr(IndexExpr* e) {
  if (genericIndex(e)) return;
  rvalue(e->x);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) {
    rvalue(e->index);
    return;
  }
  if (isTypeParam(x->type) && !coreType(x->type)) {
    typeParamIndex(e);
    return;
  }
  const Type* u = coreType(x->type);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString: {
      int64_t len = x->mode == Mode::Constant ? int64_t(x->value.s.size()) : -1;
      constIndex(e->index, len, "index");
      if (isUntyped(x->type)) setFinalType(x, basic(Kind::String));
      e->type = basic(Kind::Uint8);
      e->mode = Mode::Value;
      if (x->mode == Mode::Constant && e->index->mode == Mode::Constant && e->index->value.i >= 0 &&
          e->index->value.i < int64_t(x->value.s.size())) {
        e->mode = Mode::Constant;
        e->value =
            ConstValue::ofInt((unsigned char)x->value.s[size_t(e->index->value.i.toInt64())]);
        e->mode = Mode::Value;  // Go: indexing a constant string is not constant
      }
      return;
    }
    case Kind::Array:
      constIndex(e->index, u->len, "index");
      e->type = u->elem;
      e->mode = x->mode == Mode::Variable ? Mode::Variable : Mode::Value;
      return;
    case Kind::Pointer:
      if (u->elem->underlying() && u->elem->underlying()->kind == Kind::Array) {
        constIndex(e->index, u->elem->underlying()->len, "index");
        e->type = u->elem->underlying()->elem;
        e->mode = Mode::Variable;
        return;
      }
      break;
    case Kind::Slice:
      constIndex(e->index, -1, "index");
      e->type = u->elem;
      e->mode = Mode::Variable;
      return;
    case Kind::Map:
      rvalue(e->index, u->key);
      assignTo(e->index, u->key, "map index");
      e->type = u->elem;
      e->mode = Mode::MapIndex;
      return;
    default: break;
  }
  errorf(lbrackOf(e), "invalid operation: cannot index %s", Operand{x});
  rvalue(e->index);
}

// Where Go (types2) reports an index error: the '[', just before the index
// as gofmt writes it.
Pos Checker::lbrackOf(const IndexExpr* e) {
  return Pos{e->index->pos.line, e->index->pos.col > 1 ? e->index->pos.col - 1 : 1};
}

// x[i] for x of a type parameter without a core type: permitted when every
// type of its type set is indexable (no maps) with one element type
// (`~[]byte | ~string`), as go/types' indexExpr.
void Checker::typeParamIndex(IndexExpr* e) {
  Expr* x = e->x;
  TypeSetTerms ts = typeSetTerms(x->type);
  const Type* elem = nullptr;
  bool ok = ts.restricted && !ts.terms.empty();
  bool variable = x->mode == Mode::Variable;
  for (const TypeTerm& term : ts.terms) {
    const Type* u = term.type->underlying();
    const Type* el = nullptr;
    if (u->kind == Kind::Pointer && u->elem->underlying() &&
        u->elem->underlying()->kind == Kind::Array) {
      el = u->elem->underlying()->elem;
    } else if (u->kind == Kind::String) {
      el = basic(Kind::Uint8);
      variable = false;
    } else if (u->kind == Kind::Slice || u->kind == Kind::Array) {
      el = u->elem;
    }
    if (!el || (elem && el != elem)) ok = false;
    elem = el;
  }
  if (!ok) {
    errorf(lbrackOf(e), "invalid operation: cannot index %s", Operand{x});
    rvalue(e->index);
    return;
  }
  constIndex(e->index, -1, "index");
  e->type = elem;
  e->mode = variable ? Mode::Variable : Mode::Value;
}

void Checker::sliceExpr(SliceExpr* e) {
  rvalue(e->x);
  Expr* x = e->x;
  auto indices = [&](int64_t len) {
    int64_t prev = -1;
    for (Expr* i : {e->lo, e->hi, e->max}) {
      if (!i) continue;
      int64_t v = constIndex(i, len >= 0 ? len + 1 : -1, "index");
      if (v >= 0 && prev >= 0 && v < prev)
        errorf(i->pos, "invalid slice indices: %s < %s", v, prev);
      if (v >= 0) prev = v;
    }
  };
  if (x->mode == Mode::Invalid) {
    indices(-1);
    return;
  }
  if (isTypeParam(x->type) && !coreType(x->type)) {
    errorf(x->pos, "invalid operation: cannot slice %s: %s has no core type", Operand{x}, x->type);
    indices(-1);
    return;
  }
  const Type* u = coreType(x->type);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString:
      if (e->slice3) error(x->pos, "invalid operation: 3-index slice of string");
      indices(x->mode == Mode::Constant ? int64_t(x->value.s.size()) : -1);
      if (isUntyped(x->type)) setFinalType(x, basic(Kind::String));
      e->type = x->type;
      e->mode = Mode::Value;
      return;
    case Kind::Array:
      if (x->mode != Mode::Variable) {
        errorf(x->pos, "invalid operation: %s (slice of unaddressable value)", Operand{x});
        indices(u->len);
        return;
      }
      markAddrTaken(x);
      indices(u->len);
      e->type = prog_.types.slice(u->elem);
      e->mode = Mode::Value;
      return;
    case Kind::Pointer:
      if (u->elem->underlying() && u->elem->underlying()->kind == Kind::Array) {
        indices(u->elem->underlying()->len);
        e->type = prog_.types.slice(u->elem->underlying()->elem);
        e->mode = Mode::Value;
        return;
      }
      break;
    case Kind::Slice:
      indices(-1);
      e->type = x->type;
      e->mode = Mode::Value;
      return;
    default: break;
  }
  errorf(x->pos, "cannot slice %s", Operand{x});
  indices(-1);
}

}  // namespace gol
