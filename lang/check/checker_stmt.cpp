// Statements: declarations in blocks, assignments, control flow, labels,
// and the terminating-statement analysis behind "missing return".
#include <algorithm>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string Checker::typeList(const std::vector<const Type*>& ts) {
  std::string s = "(";
  for (size_t i = 0; i < ts.size(); i++) {
    if (i) s += ", ";
    if (isUntyped(ts[i]) && isNumeric(ts[i]))
      s += "number";
    else
      s += tstr(ts[i]);
  }
  return s + ")";
}

Symbol* Checker::declareLocal(Ident* id, const Type* t) {
  Symbol* s = newSym(SymKind::Var, id->name, id->pos);
  s->type = t;
  s->used = !t || t->kind == Kind::Invalid;  // no follow-on "declared but not used"
  s->owner = fn_ ? fn_->info : nullptr;
  if (fn_) {
    fn_->info->locals.push_back(s);
    if (!fn_->script) fn_->vars.push_back(s);
  }
  id->sym = s;
  id->type = t;
  id->mode = Mode::Variable;
  declare(scope_, s, id->pos);
  return s;
}

void Checker::stmtList(StmtList& list) {
  for (Stmt* s : list) stmt(s);
}

void Checker::blockStmt(BlockStmt* b, bool newScope) {
  if (newScope) openScope();
  stmtList(b->stmts);
  if (newScope) closeScope();
}

void Checker::stmt(Stmt* s) {
  if (!s) return;
  std::string label = std::move(stmtLabel_);
  stmtLabel_.clear();
  switch (s->kind) {
    case StmtKind::Bad:
    case StmtKind::Empty: return;
    case StmtKind::Decl: {
      GenDecl* g = static_cast<DeclStmt*>(s)->decl;
      ValueSpec* src = nullptr;
      for (Spec* sp : g->specs) {
        if (g->tok == DeclTok::Type) {
          localTypeSpec(static_cast<TypeSpec*>(sp));
        } else if (g->tok == DeclTok::Const) {
          auto* vs = static_cast<ValueSpec*>(sp);
          if (!vs->values.empty() || vs->type) src = vs;
          localConstSpec(vs, src, vs->iota);
        } else if (g->tok == DeclTok::Var) {
          localVarSpec(static_cast<ValueSpec*>(sp));
        }
      }
      return;
    }
    case StmtKind::Labeled: {
      auto* ls = static_cast<LabeledStmt*>(s);
      stmtLabel_ = ls->label->name;
      stmt(ls->stmt);
      stmtLabel_.clear();
      return;
    }
    case StmtKind::ExprS: exprStmt(static_cast<ExprStmt*>(s)); return;
    case StmtKind::Send: sendStmt(static_cast<SendStmt*>(s)); return;
    case StmtKind::IncDec: incDec(static_cast<IncDecStmt*>(s)); return;
    case StmtKind::Assign: {
      auto* a = static_cast<AssignStmt*>(s);
      if (a->define)
        defineStmt(a);
      else
        assignStmt(a);
      return;
    }
    case StmtKind::Go: goDefer(static_cast<GoStmt*>(s)->call, "go", s->pos); return;
    case StmtKind::Defer:
      if (fn_) fn_->info->hasDefer = true;
      if (fn_ && fn_->rangeFrame) deferInRangeBody(static_cast<DeferStmt*>(s));
      goDefer(static_cast<DeferStmt*>(s)->call, "defer", s->pos);
      return;
    case StmtKind::Return: returnStmt(static_cast<ReturnStmt*>(s)); return;
    case StmtKind::Branch: branchStmt(static_cast<BranchStmt*>(s)); return;
    case StmtKind::Block: blockStmt(static_cast<BlockStmt*>(s)); return;
    case StmtKind::If: ifStmt(static_cast<IfStmt*>(s)); return;
    case StmtKind::Switch:
      stmtLabel_ = label;
      switchStmt(static_cast<SwitchStmt*>(s));
      return;
    case StmtKind::TypeSwitch:
      stmtLabel_ = label;
      typeSwitchStmt(static_cast<TypeSwitchStmt*>(s));
      return;
    case StmtKind::Select:
      stmtLabel_ = label;
      selectStmt(static_cast<SelectStmt*>(s));
      return;
    case StmtKind::For:
      stmtLabel_ = label;
      forStmt(static_cast<ForStmt*>(s));
      return;
    case StmtKind::Range:
      stmtLabel_ = label;
      rangeStmt(static_cast<RangeStmt*>(s));
      return;
    case StmtKind::CaseClause:
    case StmtKind::CommClause: return;
  }
}

// ------------------------------------------------------------ declarations

void Checker::localConstSpec(ValueSpec* spec, ValueSpec* src, int iotaVal) {
  std::vector<Symbol*> syms;
  for (Ident* id : spec->names) {
    Symbol* s = newSym(SymKind::Const, id->name, id->pos);
    s->type = invalid();
    id->sym = s;
    syms.push_back(s);
  }
  if (!src || src->values.size() < spec->names.size()) {
    if (!src || src->values.empty())
      error(spec->names[0]->pos, "missing init expr for const declaration");
    else
      error(spec->names[src->values.size()]->pos, "missing init expr for const declaration");
  } else if (src == spec && src->values.size() > spec->names.size()) {
    error(src->values[spec->names.size()]->pos, "extra init expr");
  }
  if (src) {
    ExprList values = src->values;
    constDecl(spec->names, src->type, values, iotaVal, syms, src != spec);
  }
  for (size_t i = 0; i < syms.size(); i++) {
    spec->names[i]->type = syms[i]->type;
    spec->names[i]->mode = Mode::Constant;
    spec->names[i]->value = syms[i]->value;
    declare(scope_, syms[i], spec->names[i]->pos);
  }
}

void Checker::localVarSpec(ValueSpec* spec) {
  std::vector<Symbol*> syms;
  for (Ident* id : spec->names) {
    Symbol* s = newSym(SymKind::Var, id->name, id->pos);
    s->owner = fn_ ? fn_->info : nullptr;
    syms.push_back(s);
  }
  varSpec(spec, syms);
  for (size_t i = 0; i < syms.size(); i++) {
    Symbol* s = syms[i];
    Ident* id = spec->names[i];
    if (!s->type || s->type->kind == Kind::Invalid) s->used = true;
    if (fn_) {
      fn_->info->locals.push_back(s);
      if (!fn_->script) fn_->vars.push_back(s);
    }
    id->sym = s;
    id->type = s->type;
    id->mode = Mode::Variable;
    declare(scope_, s, id->pos);
  }
}

void Checker::localTypeSpec(TypeSpec* spec) {
  Symbol* s = newSym(SymKind::TypeName, spec->name->name, spec->name->pos);
  spec->name->sym = s;
  if (spec->alias) {
    s->type = typeExpr(spec->type);
    declare(scope_, s, spec->name->pos);
    return;
  }
  Type* named = prog_.types.newNamed(spec->name->name, pkg_);
  for (Scope* sc = scope_; sc; sc = sc->parent)
    if (!sc->instanceArgs.empty()) {
      named->typeArgs = sc->instanceArgs;
      break;
    }
  s->type = named;
  declare(scope_, s, spec->name->pos);
  const Type* u = typeExpr(spec->type);
  if (!u->underlying()) {
    errorf(spec->name->pos, "invalid recursive type %s", spec->name->name);
    u = invalid();
  }
  prog_.types.setUnderlying(named, u);
}

// ------------------------------------------------------------- assignments

// Checks an assignment target; returns its type, or null for `_`.
const Type* Checker::lhsExpr(Expr* lhs) {
  Expr* l = unparen(lhs);
  if (l->kind == ExprKind::Ident && static_cast<Ident*>(l)->name == "_") {
    l->mode = Mode::Variable;
    return nullptr;
  }
  Symbol* vs = nullptr;
  bool wasUsed = false;
  if (l->kind == ExprKind::Ident) {
    vs = lookup(static_cast<Ident*>(l)->name);
    if (vs && vs->kind == SymKind::Var) wasUsed = vs->used;
  }
  rvalue(lhs);
  if (vs && vs->kind == SymKind::Var && vs->pkg == pkg_ && !vs->isGlobal) vs->used = wasUsed;
  if (lhs->mode == Mode::Invalid) return invalid();
  if (lhs->mode == Mode::Variable || lhs->mode == Mode::MapIndex) return lhs->type;
  if (l->kind == ExprKind::Selector) {
    auto* sel = static_cast<SelectorExpr*>(l);
    Expr* base = sel->x;
    while (base->kind == ExprKind::Selector || base->kind == ExprKind::Paren)
      base = base->kind == ExprKind::Paren ? static_cast<ParenExpr*>(base)->x
                                           : static_cast<SelectorExpr*>(base)->x;
    if (sel->selKind == SelKind::Field && base->mode == Mode::MapIndex) {
      errorf(lhs->pos, "cannot assign to struct field %s in map", lhs);
      return invalid();
    }
  }
  errorf(lhs->pos, "cannot assign to %s", Operand{lhs});
  return invalid();
}

void Checker::assignVar(Expr* lhs, Expr* rhs, const Type* T) {
  if (!T) {
    if (rhs->mode == Mode::Invalid) return;
    if (rhs->type->kind == Kind::UntypedNil) {
      error(rhs->pos, "use of untyped nil in assignment");
      return;
    }
    defaultType(rhs);
    return;
  }
  if (T->kind == Kind::Invalid) return;
  if (!assignTo(rhs, T, "assignment")) {
    // No follow-on "declared but not used" for the target.
    Expr* l = unparen(lhs);
    if (l->kind == ExprKind::Ident && static_cast<Ident*>(l)->sym)
      static_cast<Ident*>(l)->sym->used = true;
  }
}

// The types of the values of one multi-valued right-hand side (a call with
// several results, or a comma-ok form whose ok has type okType) for nl
// variables; reports Go's assignment-mismatch error when the counts differ.
bool Checker::unpackValues(Expr* r, size_t nl, const Type* okType,
                           std::vector<const Type*>& types) {
  if (r->type->kind == Kind::Tuple)
    types = r->type->elems;
  else if (nl == 2 && (r->mode == Mode::CommaOk || r->mode == Mode::MapIndex))
    types = {r->type, okType};
  else
    types = {r->type};
  if (types.size() == nl) return true;
  if (r->kind == ExprKind::Call && r->type->kind == Kind::Tuple)
    errorf(r->pos, "assignment mismatch: %s but %s returns %s", plural(nl, "variable"),
           static_cast<CallExpr*>(r)->fun, plural(types.size(), "value"));
  else
    errorf(r->pos, "assignment mismatch: %s but 1 value", plural(nl, "variable"));
  return false;
}

void Checker::assignStmt(AssignStmt* s) {
  if (s->op != Op::None) {
    if (s->lhs.size() != 1 || s->rhs.size() != 1) {
      errorf(s->pos, "assignment operation %s= requires single-valued expressions", opText(s->op));
      return;
    }
    Expr* l = s->lhs[0];
    Expr* ul = unparen(l);
    Symbol* vs = nullptr;
    bool wasUsed = false;
    if (ul->kind == ExprKind::Ident) {
      vs = lookup(static_cast<Ident*>(ul)->name);
      if (vs && vs->kind == SymKind::Var) wasUsed = vs->used;
    }
    BinaryExpr tmp;
    tmp.op = s->op;
    tmp.x = l;
    tmp.y = s->rhs[0];
    tmp.pos = l->pos;
    tmp.opPos = l->pos;
    binary(&tmp, nullptr);
    (void)wasUsed;  // x op= y counts as a use (Go 1.19)
    if (tmp.mode == Mode::Invalid) return;
    const Type* T = lhsExpr(l);
    if (T && T->kind != Kind::Invalid && isUntyped(tmp.type)) convertUntyped(&tmp, T);
    return;
  }
  size_t nl = s->lhs.size(), nr = s->rhs.size();
  if (nl == nr) {
    std::vector<const Type*> ts;
    for (Expr* l : s->lhs) ts.push_back(lhsExpr(l));
    for (size_t i = 0; i < nr; i++) {
      singleValue(s->rhs[i], ts[i], nl);
      assignVar(s->lhs[i], s->rhs[i], ts[i]);
    }
    return;
  }
  if (nr == 1) {
    Expr* r = s->rhs[0];
    std::vector<const Type*> lts;
    for (Expr* l : s->lhs) lts.push_back(lhsExpr(l));
    multiValue(r);
    if (r->mode == Mode::Invalid) return;
    std::vector<const Type*> types;
    if (!unpackValues(r, nl, basic(Kind::UntypedBool), types)) return;
    for (size_t i = 0; i < nl; i++) {
      const Type* t = types[i];
      const Type* T = lts[i];
      if (!T || T->kind == Kind::Invalid) continue;
      if (isUntyped(t)) t = T->underlying()->kind == Kind::Bool ? T : defaultOf(t);
      if (!assignableType(t, T))
        errorf(r->pos, "cannot use %s (value of type %s) as type %s in assignment", r, t, T);
    }
    return;
  }
  errorf(s->rhs[0]->pos, "assignment mismatch: %s but %s", plural(nl, "variable"),
         plural(nr, "value"));
  for (Expr* l : s->lhs) lhsExpr(l);
  for (Expr* r : s->rhs) rvalue(r);
}

void Checker::defineStmt(AssignStmt* s) {
  size_t nl = s->lhs.size(), nr = s->rhs.size();
  bool bad = false;
  for (Expr* l : s->lhs) {
    if (l->kind != ExprKind::Ident) {
      errorf(l->pos, "non-name %s on left side of :=", l);
      bad = true;
    }
  }
  if (bad) {
    for (Expr* r : s->rhs) multiValue(r);
    return;
  }
  // The types of the right-hand side.
  std::vector<const Type*> types(nl, nullptr);
  std::vector<Expr*> singles(nl, nullptr);
  bool ok = true;
  if (nl == nr) {
    for (size_t i = 0; i < nr; i++) {
      singleValue(s->rhs[i], nullptr, nl);
      singles[i] = s->rhs[i];
    }
  } else if (nr == 1) {
    Expr* r = s->rhs[0];
    multiValue(r);
    if (r->mode == Mode::Invalid) {
      ok = false;
    } else {
      std::vector<const Type*> ts;
      if (!unpackValues(r, nl, basic(Kind::Bool), ts)) {
        ok = false;
      } else {
        types = ts;
        if (nl == 2 && (r->mode == Mode::CommaOk || r->mode == Mode::MapIndex)) defaultType(r);
      }
    }
  } else {
    errorf(s->rhs[0]->pos, "assignment mismatch: %s but %s", plural(nl, "variable"),
           plural(nr, "value"));
    for (Expr* r : s->rhs) rvalue(r);
    ok = false;
  }
  // Declare or assign each name.
  s->isNew.assign(nl, false);
  bool anyNew = false;
  std::set<std::string> seen;
  std::vector<std::pair<Ident*, const Type*>> toDeclare;
  for (size_t i = 0; i < nl; i++) {
    auto* id = static_cast<Ident*>(s->lhs[i]);
    Expr* r = singles[i];
    if (id->name == "_") {
      id->mode = Mode::Variable;
      if (r && r->mode != Mode::Invalid) {
        if (r->type->kind == Kind::UntypedNil)
          error(r->pos, "use of untyped nil in assignment");
        else
          defaultType(r);
      }
      continue;
    }
    if (!seen.insert(id->name).second) {
      errorf(id->pos, "%s repeated on left side of :=", id->name);
      continue;
    }
    Symbol* old = scope_->lookupLocal(id->name);
    if (old) {
      // Assignment to an existing variable of this scope.
      id->sym = old;
      id->mode = Mode::Variable;
      id->type = old->type;
      if (old->kind != SymKind::Var) {
        errorf(id->pos, "cannot assign to %s", id->name);
        continue;
      }
      if (r) {
        if (r->mode != Mode::Invalid) assignTo(r, old->type, "assignment");
      } else if (ok && types[i] && !assignableType(types[i], old->type)) {
        errorf(s->rhs[0]->pos, "cannot use %s (value of type %s) as type %s in assignment",
               s->rhs[0], types[i], old->type);
      }
      continue;
    }
    anyNew = true;
    s->isNew[i] = true;
    const Type* t = invalid();
    if (r) {
      if (r->mode != Mode::Invalid) {
        if (r->type->kind == Kind::UntypedNil) {
          error(r->pos, "use of untyped nil in assignment");
        } else if (r->mode == Mode::Constant && isUntyped(r->type)) {
          // The constant must fit its default type (Go: "cannot use 1 << 70
          // (untyped int constant ...) as int value in assignment (overflows)").
          const Type* d = defaultOf(r->type);
          if (assignTo(r, d, "assignment")) t = d;
        } else {
          defaultType(r);
          t = r->type;
        }
      }
    } else if (ok && types[i]) {
      t = isUntyped(types[i]) ? defaultOf(types[i]) : types[i];
    }
    toDeclare.push_back({id, t});
  }
  for (auto& [id, t] : toDeclare) declareLocal(id, t);
  if (!anyNew && !bad) {
    // Go reports this at the := operator.
    Expr* last = s->lhs.back();
    Pos p = last->pos;
    p.col += uint32_t(static_cast<Ident*>(last)->name.size()) + 1;
    error(p, "no new variables on left side of :=");
  }
}

void Checker::incDec(IncDecStmt* s) {
  Expr* x = s->x;
  Expr* ux = unparen(x);
  Symbol* vs = nullptr;
  bool wasUsed = false;
  if (ux->kind == ExprKind::Ident) {
    vs = lookup(static_cast<Ident*>(ux)->name);
    if (vs && vs->kind == SymKind::Var) wasUsed = vs->used;
  }
  rvalue(x);
  (void)wasUsed;  // x++ counts as a use (Go 1.19)
  if (x->mode == Mode::Invalid) return;
  if (!isNumeric(x->type)) {
    errorf(x->pos, "invalid operation: %s%s (non-numeric type %s)", x, (s->inc ? "++" : "--"),
           x->type);
    return;
  }
  lhsExpr(x);
}

void Checker::exprStmt(ExprStmt* s) {
  Expr* x = s->x;
  rawExpr(x, nullptr);
  if (x->mode == Mode::Invalid) return;
  Expr* ux = unparen(x);
  if (ux->kind == ExprKind::Call) {
    auto* c = static_cast<CallExpr*>(ux);
    if (c->callKind == CallKind::Conversion) {
      errorf(x->pos, "%s is not used", Operand{x});
      return;
    }
    if (c->callKind == CallKind::Builtin && predeclaredFunc(c->builtin).expression)
      errorf(x->pos, "%s is not used", Operand{x});
    return;
  }
  if (ux->kind == ExprKind::Unary && static_cast<UnaryExpr*>(ux)->op == Op::Arrow) return;
  if (x->mode == Mode::TypeExpr) {
    errorf(x->pos, "%s (type) is not an expression", x);
    return;
  }
  if (x->mode == Mode::Builtin) {
    errorf(x->pos, "%s (built-in) must be called", x);
    return;
  }
  if (x->mode == Mode::PackageName) {
    errorf(x->pos, "use of package %s without selector", x);
    return;
  }
  errorf(x->pos, "%s is not used", Operand{x});
}

void Checker::sendStmt(SendStmt* s) {
  rvalue(s->chan);
  if (s->chan->mode == Mode::Invalid) {
    rvalue(s->value);
    return;
  }
  const Type* u = operandType(s->chan->type);
  if (isTypeParam(u)) {
    errorf(s->chan->pos, "invalid operation: cannot send to %s: no core type", Operand{s->chan});
    rvalue(s->value);
    return;
  }
  if (u->kind != Kind::Chan) {
    errorf(s->chan->pos, "invalid operation: cannot send to non-channel %s", Operand{s->chan});
    rvalue(s->value);
    return;
  }
  if (u->dir == ChanDir::Recv) {
    errorf(s->chan->pos, "invalid operation: cannot send to receive-only channel %s",
           Operand{s->chan});
    rvalue(s->value);
    return;
  }
  rvalue(s->value, u->elem);
  assignTo(s->value, u->elem, "send");
}

void Checker::goDefer(CallExpr* c, const char* what, Pos pos) {
  if (!c) {
    Pos p = pos;
    p.col += uint32_t(std::string(what).size()) + 1;
    errorf(p, "expression in %s must be function call", what);
    return;
  }
  if (c->kind != ExprKind::Call) {
    rvalue(c);
    errorf(c->pos, "expression in %s must be function call", what);
    return;
  }
  rawExpr(c, nullptr);
  if (c->mode == Mode::Invalid) return;
  if (c->callKind == CallKind::Conversion) {
    errorf(c->pos, "%s requires function call, not conversion", what);
    return;
  }
  if (c->callKind == CallKind::Builtin && predeclaredFunc(c->builtin).expression)
    errorf(c->pos, "%s discards result of %s", what, c);
}

// ------------------------------------------------------------ control flow

void Checker::ifStmt(IfStmt* s) {
  openScope();
  if (s->init) stmt(s->init);
  if (s->cond) {
    rvalue(s->cond);
    if (s->cond->mode != Mode::Invalid) {
      if (!isBoolean(s->cond->type))
        error(s->cond->pos, "non-boolean condition in if statement");
      else
        defaultType(s->cond);
    }
  }
  blockStmt(s->then);
  if (s->els) stmt(s->els);
  closeScope();
}

void Checker::forStmt(ForStmt* s) {
  std::string label = s->label ? s->label->name : stmtLabel_;
  stmtLabel_.clear();
  openScope();
  if (s->init) stmt(s->init);
  if (s->cond) {
    rvalue(s->cond);
    if (s->cond->mode != Mode::Invalid) {
      if (!isBoolean(s->cond->type))
        error(s->cond->pos, "non-boolean condition in for statement");
      else
        defaultType(s->cond);
    }
  }
  if (s->post) {
    if (s->post->kind == StmtKind::Assign && static_cast<AssignStmt*>(s->post)->define)
      error(s->post->pos, "cannot declare in post statement of for loop");
    else
      stmt(s->post);
  }
  fn_->branches.push_back({s, label, true, false});
  blockStmt(s->body);
  fn_->branches.pop_back();
  closeScope();
}

void Checker::rangeStmt(RangeStmt* s) {
  std::string label = s->label ? s->label->name : stmtLabel_;
  stmtLabel_.clear();
  openScope();
  rvalue(s->x);
  const Type* kt = nullptr;
  const Type* vt = nullptr;
  bool ok = s->x->mode != Mode::Invalid;
  bool oneVar = false;
  if (ok && isTypeParam(s->x->type) && !coreType(s->x->type)) {
    errorf(s->x->pos, "cannot range over %s (%s has no core type)", Operand{s->x}, s->x->type);
    ok = false;
  }
  if (ok) {
    const Type* xt = s->x->type;
    const Type* u = coreType(xt);
    if (u->kind == Kind::Pointer && u->elem->underlying() &&
        u->elem->underlying()->kind == Kind::Array)
      u = u->elem->underlying();
    switch (u->kind) {
      case Kind::String:
      case Kind::UntypedString:
        defaultType(s->x);
        kt = basic(Kind::Int);
        vt = basic(Kind::Int32);
        break;
      case Kind::Array:
      case Kind::Slice:
        kt = basic(Kind::Int);
        vt = u->elem;
        break;
      case Kind::Map:
        kt = u->key;
        vt = u->elem;
        break;
      case Kind::Chan:
        if (u->dir == ChanDir::Send) {
          errorf(s->x->pos, "cannot range over %s (receive from send-only channel)", Operand{s->x});
          ok = false;
        }
        kt = u->elem;
        oneVar = true;
        break;
      case Kind::Func:
        if (rangeOverFunc(s, label)) {
          closeScope();
          return;
        }
        errorf(s->x->pos, "cannot range over %s", Operand{s->x});
        ok = false;
        break;
      default:
        if (isInteger(xt)) {
          defaultType(s->x);
          kt = s->x->type;
          oneVar = true;
        } else {
          errorf(s->x->pos, "cannot range over %s", Operand{s->x});
          ok = false;
        }
    }
    if (ok && oneVar && s->value) {
      errorf(s->value->pos, "range over %s permits only one iteration variable", Operand{s->x});
      ok = false;
    }
  }
  Expr* vars[2] = {s->key, s->value};
  const Type* types[2] = {kt, vt};
  if (s->define) {
    std::vector<std::pair<Ident*, const Type*>> decl;
    for (int i = 0; i < 2; i++) {
      Expr* v = vars[i];
      if (!v) continue;
      if (v->kind != ExprKind::Ident) {
        errorf(v->pos, "non-name %s on left side of :=", v);
        continue;
      }
      decl.push_back({static_cast<Ident*>(v), ok && types[i] ? types[i] : invalid()});
    }
    for (auto& [id, t] : decl) {
      if (id->name == "_") {
        id->mode = Mode::Variable;
        id->type = t;
        continue;
      }
      declareLocal(id, t);
    }
  } else {
    for (int i = 0; i < 2; i++) {
      Expr* v = vars[i];
      if (!v) continue;
      const Type* T = lhsExpr(v);
      if (!ok || !T || T->kind == Kind::Invalid || !types[i]) continue;
      if (!assignableType(types[i], T))
        errorf(v->pos, "cannot use %s (value of type %s) as type %s in range", v, types[i], T);
    }
  }
  fn_->branches.push_back({s, label, true, false});
  blockStmt(s->body);
  fn_->branches.pop_back();
  closeScope();
}

void Checker::switchStmt(SwitchStmt* s) {
  std::string label = s->label ? s->label->name : stmtLabel_;
  stmtLabel_.clear();
  openScope();
  if (s->init) stmt(s->init);
  const Type* T = nullptr;
  if (s->tag) {
    rvalue(s->tag);
    if (s->tag->mode != Mode::Invalid) {
      defaultType(s->tag);
      if (s->tag->type->kind == Kind::UntypedNil) {
        error(s->tag->pos, "use of untyped nil in switch expression");
      } else if (!comparable(s->tag->type) && !hasNil(s->tag->type)) {
        // Cases can compare a slice, map or func tag with nil; an
        // uncomparable struct or array tag with nothing.
        errorf(s->tag->pos, "cannot switch on %s (%s is not comparable)", Operand{s->tag},
               s->tag->type);
      } else {
        T = s->tag->type;
      }
    }
  }
  std::map<std::string, Pos> seenConsts;
  CaseClause* dflt = nullptr;
  for (size_t ci = 0; ci < s->clauses.size(); ci++) {
    CaseClause* cc = s->clauses[ci];
    if (cc->isDefault) {
      if (dflt) error(cc->pos, "multiple defaults in switch");
      dflt = cc;
    }
    for (Expr* e : cc->list) {
      rvalue(e);
      if (e->mode == Mode::Invalid) continue;
      if (s->tag) {
        if (!T) continue;
        bool isNil = e->type && e->type->kind == Kind::UntypedNil;
        if (isUntyped(e->type)) {
          std::string desc = describe(e);
          if (!convertUntyped(e, T)) {
            errorf(e->pos, "cannot convert %s to %s", desc, T);
            continue;
          }
        } else if (!assignableType(e->type, T) && !assignableType(T, e->type)) {
          errorf(e->pos, "invalid case %s in switch on %s (mismatched types %s and %s)", e, s->tag,
                 e->type, T);
          continue;
        }
        // Each case is compared with the tag: a slice, map or func tag only
        // with nil (and an uncomparable struct or array with nothing).
        if (!isNil && !comparable(T)) {
          std::string k = kindString(T);
          std::string cause = (k == "slice" || k == "map" || k == "func")
                                  ? k + " can only be compared to nil"
                                  : incomparableCause(T, pkg_);
          errorf(e->pos, "invalid case %s in switch on %s (%s)", e, s->tag, cause);
          continue;
        }
      } else {
        // No tag means `true`: a case of an interface type holding bool
        // compares with it (switch { case i: } with i an any).
        bool boolIface = isInterface(e->type) && assignableType(basic(Kind::Bool), e->type);
        if (!isBoolean(e->type) && !boolIface) {
          errorf(e->pos, "invalid case %s in switch (mismatched types %s and bool)", e, e->type);
          continue;
        }
        defaultType(e);
      }
      // Go reports duplicate numeric and string constants, not booleans
      // (go/types' goVal has no bool case).
      if (e->mode == Mode::Constant && !isBoolean(e->type)) {
        std::string key = tstr(e->type) + ":" + cops::exactKey(e->value);
        auto it = seenConsts.find(key);
        if (it != seenConsts.end()) {
          errorf(e->pos, "duplicate case %s in expression switch\n\t%s: previous case", Operand{e},
                 posStr(it->second));
        } else {
          seenConsts[key] = e->pos;
        }
      }
    }
    // fallthrough placement
    if (!cc->body.empty() && cc->body.back()->kind == StmtKind::Branch &&
        static_cast<BranchStmt*>(cc->body.back())->tok == BranchKind::Fallthrough) {
      auto* b = static_cast<BranchStmt*>(cc->body.back());
      if (ci + 1 == s->clauses.size())
        finalFallthrough_.insert(b);
      else
        okFallthrough_.insert(b);
      b->target = s;
    }
    openScope();
    fn_->branches.push_back({s, label, false, true});
    stmtList(cc->body);
    fn_->branches.pop_back();
    closeScope();
  }
  closeScope();
}

void Checker::typeSwitchStmt(TypeSwitchStmt* s) {
  std::string label = s->label ? s->label->name : stmtLabel_;
  stmtLabel_.clear();
  openScope();
  if (s->init) stmt(s->init);
  // `_ := x.(type)` declares nothing.
  if (s->binding && s->binding->name == "_")
    error(s->binding->pos, "no new variable on left side of :=");
  Expr* x = s->assert->x;
  rvalue(x);
  const Type* xt = nullptr;
  if (x->mode != Mode::Invalid) {
    if (isTypeParam(x->type)) {
      errorf(x->pos, "cannot use type switch on type parameter value %s", Operand{x});
    } else if (!isInterface(x->type)) {
      errorf(x->pos, "%s is not an interface", Operand{x});
    } else {
      xt = x->type;
    }
  }
  s->assert->type = xt ? xt : invalid();
  s->assert->mode = xt ? Mode::Value : Mode::Invalid;
  std::vector<Symbol*> implicitVars;
  CaseClause* dflt = nullptr;
  std::map<const Type*, Pos> seen;
  for (CaseClause* cc : s->clauses) {
    if (cc->isDefault) {
      if (dflt) error(cc->pos, "multiple defaults in switch");
      dflt = cc;
    }
    const Type* single = nullptr;
    for (Expr* e : cc->list) {
      const Type* T;
      Expr* ue = unparen(e);
      if (ue->kind == ExprKind::Ident && static_cast<Ident*>(ue)->name == "nil" && lookup("nil") &&
          lookup("nil")->kind == SymKind::Nil) {
        static_cast<Ident*>(ue)->sym = lookup("nil");
        e->type = basic(Kind::UntypedNil);
        e->mode = Mode::Value;
        T = e->type;
      } else {
        T = typeExpr(e);
      }
      if (T->kind == Kind::Invalid) continue;
      if (cc->list.size() == 1) single = T;
      if (seen.count(T)) {
        errorf(e->pos, "duplicate case %s in type switch\n\t%s: previous case", e, posStr(seen[T]));
      } else {
        seen[T] = e->pos;
      }
      if (xt && T->kind != Kind::UntypedNil && !isInterface(T)) {
        std::string reason;
        if (!implements(T, xt, &reason)) {
          // reason: "T does not implement I (...)"
          auto p = reason.find(" (");
          std::string why = p == std::string::npos ? "" : reason.substr(p + 1);
          errorf(e->pos, "impossible type switch case: %s cannot have dynamic type %s%s",
                 Operand{x}, T, (why.empty() ? "" : " " + why));
        }
      }
    }
    openScope();
    if (s->binding && s->binding->name != "_") {
      const Type* vt = xt ? xt : invalid();
      if (single && single->kind != Kind::UntypedNil) vt = single;
      Symbol* v = newSym(SymKind::Var, s->binding->name, s->binding->pos);
      v->type = vt;
      v->owner = fn_->info;
      fn_->info->locals.push_back(v);
      scope_->names[v->name] = v;
      cc->implicitVar = v;
      implicitVars.push_back(v);
    }
    fn_->branches.push_back({s, label, false, true});
    stmtList(cc->body);
    fn_->branches.pop_back();
    closeScope();
  }
  if (s->binding && s->binding->name != "_") {
    bool used = false;
    for (Symbol* v : implicitVars) used |= v->used;
    if (!used && !fn_->script)
      errorf(s->binding->pos, "%s declared and not used", s->binding->name);
    s->binding->type = xt;
    s->binding->mode = Mode::Variable;
  }
  closeScope();
}

void Checker::selectStmt(SelectStmt* s) {
  std::string label = s->label ? s->label->name : stmtLabel_;
  stmtLabel_.clear();
  CommClause* dflt = nullptr;
  for (CommClause* cc : s->clauses) {
    openScope();
    if (!cc->comm) {
      if (dflt) error(cc->pos, "multiple defaults in select");
      dflt = cc;
    } else {
      bool valid = false;
      Stmt* c = cc->comm;
      if (c->kind == StmtKind::Send) {
        valid = true;
      } else if (c->kind == StmtKind::ExprS) {
        Expr* e = unparen(static_cast<ExprStmt*>(c)->x);
        valid = e->kind == ExprKind::Unary && static_cast<UnaryExpr*>(e)->op == Op::Arrow;
      } else if (c->kind == StmtKind::Assign) {
        auto* a = static_cast<AssignStmt*>(c);
        Expr* e = a->rhs.size() == 1 ? unparen(a->rhs[0]) : nullptr;
        valid = e && e->kind == ExprKind::Unary && static_cast<UnaryExpr*>(e)->op == Op::Arrow &&
                a->op == Op::None;
      }
      if (!valid) error(c->pos, "select case must be receive, send or assign recv");
      stmt(c);
    }
    fn_->branches.push_back({s, label, false, true});
    stmtList(cc->body);
    fn_->branches.pop_back();
    closeScope();
  }
}

void Checker::returnStmt(ReturnStmt* s) {
  const Type* sig = fn_->sig;
  const auto& want = sig->results;
  if (s->results.empty()) {
    if (!want.empty()) {
      bool named = !fn_->info->results.empty() && !fn_->info->results[0]->name.empty();
      if (!named) errorf(s->pos, "not enough return values\n\thave ()\n\twant %s", typeList(want));
    }
    return;
  }
  std::vector<const Type*> have;
  bool spread = false;
  if (s->results.size() == 1 && want.size() != 1) {
    multiValue(s->results[0]);
    Expr* r = s->results[0];
    if (r->mode == Mode::Invalid) return;
    if (r->type->kind == Kind::Tuple) {
      spread = true;
      have = r->type->elems;
    } else {
      have = {r->type};
    }
  } else {
    for (size_t i = 0; i < s->results.size(); i++)
      rvalue(s->results[i], i < want.size() ? want[i] : nullptr);
    for (Expr* r : s->results) {
      if (r->mode == Mode::Invalid) return;
      have.push_back(r->type);
    }
  }
  if (have.size() != want.size()) {
    if (want.empty()) {
      errorf(s->results[0]->pos, "too many return values\n\thave %s\n\twant ()", typeList(have));
    } else if (have.size() < want.size()) {
      errorf(s->results.back()->pos, "not enough return values\n\thave %s\n\twant %s",
             typeList(have), typeList(want));
    } else {
      errorf(s->results[spread ? 0 : want.size()]->pos,
             "too many return values\n\thave %s\n\twant %s", typeList(have), typeList(want));
    }
    return;
  }
  if (spread) {
    for (size_t i = 0; i < have.size(); i++)
      if (!assignableType(have[i], want[i]))
        errorf(s->results[0]->pos, "cannot use %s value as type %s in return statement",
               s->results[0], want[i]);
    return;
  }
  for (size_t i = 0; i < want.size(); i++) assignTo(s->results[i], want[i], "return statement");
}

void Checker::branchStmt(BranchStmt* s) {
  const std::string name = s->label ? s->label->name : "";
  switch (s->tok) {
    case BranchKind::Break:
    case BranchKind::Continue: {
      bool isBreak = s->tok == BranchKind::Break;
      if (!name.empty()) {
        fn_->usedLabels.insert(name);
        for (auto it = fn_->branches.rbegin(); it != fn_->branches.rend(); ++it) {
          if (it->label == name) {
            if (!isBreak && !it->loop) {
              errorf(s->label->pos, "invalid continue label %s", name);
              return;
            }
            s->target = it->stmt;
            return;
          }
        }
        if (fn_->labels.count(name))
          errorf(s->label->pos, "invalid %s label %s", (isBreak ? "break" : "continue"), name);
        else
          errorf(s->label->pos, "%s label not defined: %s", isBreak ? "break" : "continue", name);
        return;
      }
      for (auto it = fn_->branches.rbegin(); it != fn_->branches.rend(); ++it) {
        if (isBreak || it->loop) {
          s->target = it->stmt;
          return;
        }
      }
      error(s->pos,
            isBreak ? "break is not in a loop, switch, or select" : "continue is not in a loop");
      return;
    }
    case BranchKind::Goto: {
      fn_->usedLabels.insert(name);
      auto it = fn_->labels.find(name);
      if (it == fn_->labels.end()) {
        errorf(s->label->pos, "label %s not defined", name);
        return;
      }
      s->target = it->second;
      return;
    }
    case BranchKind::Fallthrough:
      if (finalFallthrough_.count(s)) {
        error(s->pos, "cannot fallthrough final case in switch");
      } else if (!okFallthrough_.count(s)) {
        error(s->pos, "fallthrough statement out of place");
      }
      return;
  }
}

// ----------------------------------------------------------------- labels

void Checker::collectLabels(StmtList& l) {
  for (Stmt* s : l) {
    if (!s) continue;
    switch (s->kind) {
      case StmtKind::Labeled: {
        auto* ls = static_cast<LabeledStmt*>(s);
        const std::string& n = ls->label->name;
        if (n != "_") {
          auto it = fn_->labels.find(n);
          if (it != fn_->labels.end())
            errorf(ls->label->pos, "label %s already defined at %s", n,
                   posStr(it->second->label->pos));
          else
            fn_->labels[n] = ls;
        }
        StmtList inner{ls->stmt};
        collectLabels(inner);
        break;
      }
      case StmtKind::Block: collectLabels(static_cast<BlockStmt*>(s)->stmts); break;
      case StmtKind::If: {
        auto* i = static_cast<IfStmt*>(s);
        collectLabels(i->then->stmts);
        if (i->els) {
          StmtList e{i->els};
          collectLabels(e);
        }
        break;
      }
      case StmtKind::For: collectLabels(static_cast<ForStmt*>(s)->body->stmts); break;
      case StmtKind::Range: collectLabels(static_cast<RangeStmt*>(s)->body->stmts); break;
      case StmtKind::Switch:
        for (auto* c : static_cast<SwitchStmt*>(s)->clauses) collectLabels(c->body);
        break;
      case StmtKind::TypeSwitch:
        for (auto* c : static_cast<TypeSwitchStmt*>(s)->clauses) collectLabels(c->body);
        break;
      case StmtKind::Select:
        for (auto* c : static_cast<SelectStmt*>(s)->clauses) collectLabels(c->body);
        break;
      default: break;
    }
  }
}

// --------------------------------------------------------- terminating

bool Checker::hasBreak(Stmt* s, Stmt* target, const Ident* label) {
  if (!s) return false;
  switch (s->kind) {
    case StmtKind::Branch: {
      auto* b = static_cast<BranchStmt*>(s);
      return b->tok == BranchKind::Break && b->target == target;
    }
    case StmtKind::Labeled: return hasBreak(static_cast<LabeledStmt*>(s)->stmt, target, label);
    case StmtKind::Block:
      for (Stmt* x : static_cast<BlockStmt*>(s)->stmts)
        if (hasBreak(x, target, label)) return true;
      return false;
    case StmtKind::If: {
      auto* i = static_cast<IfStmt*>(s);
      return hasBreak(i->then, target, label) || hasBreak(i->els, target, label);
    }
    case StmtKind::For: return hasBreak(static_cast<ForStmt*>(s)->body, target, label);
    case StmtKind::Range: return hasBreak(static_cast<RangeStmt*>(s)->body, target, label);
    case StmtKind::Switch:
      for (auto* c : static_cast<SwitchStmt*>(s)->clauses)
        for (Stmt* x : c->body)
          if (hasBreak(x, target, label)) return true;
      return false;
    case StmtKind::TypeSwitch:
      for (auto* c : static_cast<TypeSwitchStmt*>(s)->clauses)
        for (Stmt* x : c->body)
          if (hasBreak(x, target, label)) return true;
      return false;
    case StmtKind::Select:
      for (auto* c : static_cast<SelectStmt*>(s)->clauses)
        for (Stmt* x : c->body)
          if (hasBreak(x, target, label)) return true;
      return false;
    default: return false;
  }
}

bool Checker::isTerminatingList(const StmtList& l) {
  for (auto it = l.rbegin(); it != l.rend(); ++it) {
    if ((*it)->kind == StmtKind::Empty) continue;
    return isTerminating(*it, nullptr);
  }
  return false;
}

bool Checker::isTerminating(Stmt* s, const Ident* label) {
  if (!s) return false;
  switch (s->kind) {
    case StmtKind::Return: return true;
    case StmtKind::Branch: {
      auto t = static_cast<BranchStmt*>(s)->tok;
      return t == BranchKind::Goto || t == BranchKind::Fallthrough;
    }
    case StmtKind::ExprS: {
      Expr* x = unparen(static_cast<ExprStmt*>(s)->x);
      return x->kind == ExprKind::Call &&
             static_cast<CallExpr*>(x)->callKind == CallKind::Builtin &&
             static_cast<CallExpr*>(x)->builtin == BuiltinId::Panic;
    }
    case StmtKind::Block: return isTerminatingList(static_cast<BlockStmt*>(s)->stmts);
    case StmtKind::If: {
      auto* i = static_cast<IfStmt*>(s);
      return i->els && isTerminatingList(i->then->stmts) && isTerminating(i->els, nullptr);
    }
    case StmtKind::Labeled:
      return isTerminating(static_cast<LabeledStmt*>(s)->stmt, static_cast<LabeledStmt*>(s)->label);
    case StmtKind::For: {
      auto* f = static_cast<ForStmt*>(s);
      return !f->cond && !hasBreak(f->body, s, label);
    }
    case StmtKind::Switch: {
      auto* sw = static_cast<SwitchStmt*>(s);
      bool dflt = false;
      for (auto* c : sw->clauses) {
        dflt |= c->isDefault;
        if (!isTerminatingList(c->body)) return false;
        for (Stmt* x : c->body)
          if (hasBreak(x, s, label)) return false;
      }
      return dflt;
    }
    case StmtKind::TypeSwitch: {
      auto* sw = static_cast<TypeSwitchStmt*>(s);
      bool dflt = false;
      for (auto* c : sw->clauses) {
        dflt |= c->isDefault;
        if (!isTerminatingList(c->body)) return false;
        for (Stmt* x : c->body)
          if (hasBreak(x, s, label)) return false;
      }
      return dflt;
    }
    case StmtKind::Select: {
      auto* sel = static_cast<SelectStmt*>(s);
      for (auto* c : sel->clauses) {
        if (!isTerminatingList(c->body)) return false;
        for (Stmt* x : c->body)
          if (hasBreak(x, s, label)) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace gol
