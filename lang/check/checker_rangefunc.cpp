// Range over functions (Go 1.23): `for k, v := range seq { body }` is
// lowered to a call of seq with the body as the yield function, and the
// lowered statement is checked and compiled instead of the range statement:
//
//   {
//     #next, #done := 0, false
//     seq(func(k K, v V) bool {
//       if #done { panic(<Go's "continued iteration" runtime error>) }
//       body   // continue -> return true; break -> #done = true; return false
//              // return xs -> #r0.. = xs; #next = 1; #done = true; return false
//              // break/continue/goto L of a statement outside the body ->
//              //   #next = 2+k; #done = true; return false
//       return true
//     })
//     #done = true
//     if #next == 1 { return #r0.. }
//     if #next == 2+k { break/continue/goto L }   // the k-th such branch
//   }
//
// A defer in the body is for the function that contains the loop: the
// compiler sets #frame to that function's frame number before the lowered
// statement, and the body's defers are compiled as DEFERTO #frame (nested
// range-over-func bodies share the outermost one's #frame).
//
// Names starting with '#' cannot clash with user names; each lowering's
// names end in the range statement's position, so that a nested lowering's
// body can still reach the outer lowering's #next and #done. The types of the
// iteration variables and of the saved results are written as names of
// synthetic type symbols declared around the lowered block.
#include "lang/check/checker.hpp"

namespace gol {

namespace {

struct Lowering {
  AstArena& a;
  Pos pos;

  template <class T>
  T* make() {
    T* n = a.make<T>();
    n->pos = pos;
    return n;
  }
  Ident* id(const std::string& name) {
    auto* i = make<Ident>();
    i->name = name;
    return i;
  }
  BasicLit* intLit(int v) {
    auto* l = make<BasicLit>();
    l->litKind = LitKind::Int;
    l->raw = std::to_string(v);
    return l;
  }
  AssignStmt* assign(ExprList lhs, ExprList rhs, bool define = false) {
    auto* s = make<AssignStmt>();
    s->lhs = std::move(lhs);
    s->rhs = std::move(rhs);
    s->define = define;
    return s;
  }
  ReturnStmt* ret(ExprList xs) {
    auto* r = make<ReturnStmt>();
    r->results = std::move(xs);
    return r;
  }
  BlockStmt* block(StmtList l) {
    auto* b = make<BlockStmt>();
    b->stmts = std::move(l);
    return b;
  }
};

// The labels declared in a statement list, not inside function literals.
void labelsIn(const StmtList& l, std::set<std::string>& out);
void labelsIn(Stmt* s, std::set<std::string>& out) {
  if (!s) return;
  switch (s->kind) {
    case StmtKind::Labeled:
      out.insert(static_cast<LabeledStmt*>(s)->label->name);
      labelsIn(static_cast<LabeledStmt*>(s)->stmt, out);
      return;
    case StmtKind::Block: labelsIn(static_cast<BlockStmt*>(s)->stmts, out); return;
    case StmtKind::If:
      labelsIn(static_cast<IfStmt*>(s)->then, out);
      labelsIn(static_cast<IfStmt*>(s)->els, out);
      return;
    case StmtKind::For: labelsIn(static_cast<ForStmt*>(s)->body, out); return;
    case StmtKind::Range: labelsIn(static_cast<RangeStmt*>(s)->body, out); return;
    case StmtKind::Switch:
      for (CaseClause* c : static_cast<SwitchStmt*>(s)->clauses) labelsIn(c->body, out);
      return;
    case StmtKind::TypeSwitch:
      for (CaseClause* c : static_cast<TypeSwitchStmt*>(s)->clauses) labelsIn(c->body, out);
      return;
    case StmtKind::Select:
      for (CommClause* c : static_cast<SelectStmt*>(s)->clauses) labelsIn(c->body, out);
      return;
    default: return;
  }
}
void labelsIn(const StmtList& l, std::set<std::string>& out) {
  for (Stmt* s : l) labelsIn(s, out);
}

// Rewrites break, continue, goto and return of the loop body (not inside
// nested function literals; unlabeled break/continue only where they
// target this loop, labeled ones and goto where they leave the body).
struct BodyRewriter {
  Lowering& L;
  std::vector<std::string> results;  // where a return's values are saved
  std::string next, done;            // this lowering's #next and #done
  std::string ownLabel;              // the range statement's label
  std::set<std::string> inner;       // labels declared in the body
  bool sawReturn = false;
  bool sawDefer = false;
  bool usedOwnLabel = false;
  std::vector<BranchStmt*> exits;  // branches out of the body: #next = 2 + index

  Stmt* exitStmt(bool more) {
    StmtList l;
    if (!more) l.push_back(L.assign({L.id(done)}, {L.id("true")}));
    l.push_back(L.ret({L.id(more ? "true" : "false")}));
    return L.block(std::move(l));
  }
  Stmt* leave(int code) {
    StmtList l;
    l.push_back(L.assign({L.id(next)}, {L.intLit(code)}));
    l.push_back(L.assign({L.id(done)}, {L.id("true")}));
    l.push_back(L.ret({L.id("false")}));
    return L.block(std::move(l));
  }

  void list(StmtList& l, int loops, int breaks) {
    for (Stmt*& s : l) one(s, loops, breaks);
  }

  void one(Stmt*& s, int loops, int breaks) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::Branch: {
        auto* b = static_cast<BranchStmt*>(s);
        if (b->tok == BranchKind::Fallthrough) return;
        if (!b->label) {
          if (b->tok == BranchKind::Continue && loops == 0) s = exitStmt(true);
          if (b->tok == BranchKind::Break && breaks == 0) s = exitStmt(false);
          return;
        }
        const std::string& name = b->label->name;
        if (inner.count(name)) return;
        if (name == ownLabel && b->tok != BranchKind::Goto) {
          usedOwnLabel = true;
          s = exitStmt(b->tok == BranchKind::Continue);
          return;
        }
        exits.push_back(b);
        s = leave(int(exits.size()) + 1);
        return;
      }
      case StmtKind::Defer: sawDefer = true; return;
      case StmtKind::Return: {
        auto* r = static_cast<ReturnStmt*>(s);
        sawReturn = true;
        StmtList l;
        if (!r->results.empty()) {
          ExprList lhs;
          for (auto& n : results) lhs.push_back(L.id(n));
          l.push_back(L.assign(lhs, r->results));
        }
        l.push_back(L.assign({L.id(next)}, {L.intLit(1)}));
        l.push_back(L.assign({L.id(done)}, {L.id("true")}));
        l.push_back(L.ret({L.id("false")}));
        s = L.block(std::move(l));
        return;
      }
      case StmtKind::Block: list(static_cast<BlockStmt*>(s)->stmts, loops, breaks); return;
      case StmtKind::Labeled: one(static_cast<LabeledStmt*>(s)->stmt, loops, breaks); return;
      case StmtKind::If: {
        auto* i = static_cast<IfStmt*>(s);
        list(i->then->stmts, loops, breaks);
        one(i->els, loops, breaks);
        return;
      }
      case StmtKind::Switch:
        for (CaseClause* c : static_cast<SwitchStmt*>(s)->clauses) list(c->body, loops, breaks + 1);
        return;
      case StmtKind::TypeSwitch:
        for (CaseClause* c : static_cast<TypeSwitchStmt*>(s)->clauses)
          list(c->body, loops, breaks + 1);
        return;
      case StmtKind::Select:
        for (CommClause* c : static_cast<SelectStmt*>(s)->clauses) list(c->body, loops, breaks + 1);
        return;
      case StmtKind::For:
        list(static_cast<ForStmt*>(s)->body->stmts, loops + 1, breaks + 1);
        return;
      case StmtKind::Range:
        list(static_cast<RangeStmt*>(s)->body->stmts, loops + 1, breaks + 1);
        return;
      default: return;
    }
  }
};

}  // namespace

// Called by rangeStmt once x is known to be a function; returns false when
// x's type is not an iterator (the caller reports it).
bool Checker::rangeOverFunc(RangeStmt* s, const std::string& label) {
  const Type* ft = s->x->type->underlying();
  if (ft->params.size() != 1 || !ft->results.empty()) return false;
  const Type* yt = ft->params[0]->underlying();
  if (!yt || yt->kind != Kind::Func || yt->results.size() != 1 ||
      yt->results[0]->underlying()->kind != Kind::Bool || yt->params.size() > 2)
    return false;
  size_t nvars = (s->key ? 1 : 0) + (s->value ? 1 : 0);
  if (nvars > yt->params.size()) {
    errorf(s->value ? s->value->pos : s->key->pos, "range over %s permits only %d iteration %s",
           Operand{s->x}, int(yt->params.size()),
           yt->params.size() == 1 ? "variable" : "variables");
    return true;
  }
  Lowering L{file_->arena, s->pos};
  const std::string tag = std::to_string(s->pos.line) + "_" + std::to_string(s->pos.col);
  const std::string next = "#next" + tag, done = "#done" + tag;
  // Synthetic names for the types the lowered code spells.
  auto typeName = [&](const std::string& n, const Type* t) {
    Symbol* sym = newSym(SymKind::TypeName, n, s->pos);
    sym->type = t;
    scope_->names[n] = sym;
  };
  for (size_t i = 0; i < yt->params.size(); i++) typeName("#P" + std::to_string(i), yt->params[i]);
  const Type* sig = fn_->sig;
  size_t nres = sig ? sig->results.size() : 0;
  for (size_t i = 0; i < nres; i++) typeName("#R" + std::to_string(i), sig->results[i]);
  if (Package* rt = importPackage("runtime", s->pos, true)) {
    auto it = rt->members.find("panicRangeDone");
    if (it != rt->members.end()) scope_->names["#rangeDone"] = it->second;
  }

  // The yield function: parameters named as the iteration variables (a new
  // variable per iteration, as Go 1.22's loops), or fresh ones assigned to
  // the outer variables for `=`.
  auto* fsig = L.make<FuncTypeExpr>();
  StmtList prologue;
  Expr* vars[2] = {s->key, s->value};
  for (size_t i = 0; i < yt->params.size(); i++) {
    auto* f = L.make<Field>();
    Expr* v = i < 2 ? vars[i] : nullptr;
    std::string pname = "_";
    if (v && s->define && v->kind == ExprKind::Ident) {
      pname = static_cast<Ident*>(v)->name;
    } else if (v && !s->define) {
      pname = "#p" + std::to_string(i);
      prologue.push_back(L.assign({v}, {L.id(pname)}));
    }
    f->names.push_back(L.id(pname));
    if (v && s->define && v->kind == ExprKind::Ident) f->names[0]->pos = v->pos;
    f->type = L.id("#P" + std::to_string(i));
    fsig->params.push_back(f);
  }
  auto* rf = L.make<Field>();
  rf->type = L.id("bool");
  fsig->results.push_back(rf);

  // Named results receive a return's values directly (a bare return after
  // the loop then returns them); otherwise temporaries do.
  bool named = nres > 0 && fn_->info && fn_->info->results.size() == nres;
  for (size_t i = 0; named && i < nres; i++) {
    const std::string& n = fn_->info->results[i]->name;
    if (n.empty() || n == "_" || lookup(n) != fn_->info->results[i]) named = false;
  }
  std::vector<std::string> saveTo;
  for (size_t i = 0; i < nres; i++)
    saveTo.push_back(named ? fn_->info->results[i]->name : "#r" + tag + "_" + std::to_string(i));
  BodyRewriter rw{L, saveTo, next, done, label, {}, false, false, false, {}};
  labelsIn(s->body->stmts, rw.inner);
  rw.list(s->body->stmts, 0, 0);
  // The range statement's own label is used by a rewritten branch (the
  // yield function passes the uses of the body's labels back, see
  // reportUnused).
  if (rw.usedOwnLabel) fn_->usedLabels.insert(label);

  // if #done { panic(...) }
  auto* guard = L.make<IfStmt>();
  guard->cond = L.id(done);
  auto* pc = L.make<CallExpr>();
  pc->fun = L.id("#rangeDone");
  auto* ps = L.make<ExprStmt>();
  ps->x = pc;
  guard->then = L.block({ps});

  StmtList body{guard};
  body.insert(body.end(), prologue.begin(), prologue.end());
  body.insert(body.end(), s->body->stmts.begin(), s->body->stmts.end());
  body.push_back(L.ret({L.id("true")}));
  auto* lit = L.make<FuncLit>();
  lit->sig = fsig;
  lit->body = L.block(std::move(body));
  lit->body->rbrace = s->body->rbrace;
  Symbol* frame = fn_->rangeFrame;
  if (rw.sawDefer) {
    if (!frame) {
      frame = newSym(SymKind::Var, "#frame" + tag, s->pos);
      frame->type = basic(Kind::Int);
      frame->used = true;
      frame->owner = fn_->info;
      scope_->names[frame->name] = frame;
      s->deferFrame = frame;
      fn_->info->hasDefer = true;
    }
  }
  rangeBodies_[lit->body] = frame;

  StmtList outer;
  outer.push_back(L.assign({L.id(next), L.id(done)}, {L.intLit(0), L.id("false")}, true));
  for (size_t i = 0; i < nres && rw.sawReturn && !named; i++) {
    auto* vs = L.make<ValueSpec>();
    vs->names.push_back(L.id(saveTo[i]));
    vs->type = L.id("#R" + std::to_string(i));
    auto* gd = L.make<GenDecl>();
    gd->tok = DeclTok::Var;
    gd->specs.push_back(vs);
    auto* ds = L.make<DeclStmt>();
    ds->decl = gd;
    outer.push_back(ds);
  }
  auto* call = L.make<CallExpr>();
  call->fun = s->x;
  call->args.push_back(lit);
  auto* cs = L.make<ExprStmt>();
  cs->x = call;
  outer.push_back(cs);
  outer.push_back(L.assign({L.id(done)}, {L.id("true")}));
  auto onNext = [&](int code, Stmt* then) {
    auto* ifr = L.make<IfStmt>();
    auto* cond = L.make<BinaryExpr>();
    cond->op = Op::Eql;
    cond->x = L.id(next);
    cond->y = L.intLit(code);
    ifr->cond = cond;
    ifr->then = L.block({then});
    outer.push_back(ifr);
  };
  if (rw.sawReturn) {
    ExprList rs;
    for (size_t i = 0; i < nres && !named; i++) rs.push_back(L.id(saveTo[i]));
    onNext(1, L.ret(rs));
  }
  for (size_t k = 0; k < rw.exits.size(); k++) onNext(int(k) + 2, rw.exits[k]);
  // `_ = #next` keeps "declared but not used" quiet when nothing returns.
  outer.push_back(L.assign({L.id("_")}, {L.id(next)}));
  s->lowered = L.block(std::move(outer));
  stmt(s->lowered);
  return true;
}

void Checker::deferInRangeBody(DeferStmt* s) {
  auto* id = file_->arena.make<Ident>();
  id->pos = s->pos;
  id->name = fn_->rangeFrame->name;
  rvalue(id);
  s->frame = id;
}

}  // namespace gol
