// Deep copies of syntax trees, for the instantiation of generic functions:
// the checker annotates each node with its types, so each instance checks
// its own copy of the declaration. Only what the parser sets is copied; the
// checker's fields start empty.
#include "lang/syntax/clone.hpp"

namespace gol {
namespace {

class Cloner {
 public:
  Cloner(AstArena& a, const std::function<void(const Ident*)>* visit) : a_(a), visit_(visit) {}

  template <class T>
  T* node(const T* src) {
    T* n = a_.make<T>();
    n->pos = src->pos;
    return n;
  }

  Ident* ident(const Ident* s) {
    if (!s) return nullptr;
    if (visit_) (*visit_)(s);
    Ident* n = node(s);
    n->name = s->name;
    return n;
  }

  Field* field(const Field* s) {
    if (!s) return nullptr;
    Field* n = node(s);
    for (Ident* id : s->names) n->names.push_back(ident(id));
    n->type = expr(s->type);
    n->tag = s->tag;
    return n;
  }

  std::vector<Field*> fields(const std::vector<Field*>& fs) {
    std::vector<Field*> out;
    for (Field* f : fs) out.push_back(field(f));
    return out;
  }

  FuncTypeExpr* funcType(const FuncTypeExpr* s) {
    if (!s) return nullptr;
    FuncTypeExpr* n = node(s);
    n->params = fields(s->params);
    n->results = fields(s->results);
    return n;
  }

  ExprList exprs(const ExprList& l) {
    ExprList out;
    for (Expr* e : l) out.push_back(expr(e));
    return out;
  }

  Expr* expr(const Expr* e) {
    if (!e) return nullptr;
    switch (e->kind) {
      case ExprKind::Bad: {
        Expr* n = a_.make<Expr>(ExprKind::Bad);
        n->pos = e->pos;
        return n;
      }
      case ExprKind::Ident: return ident(static_cast<const Ident*>(e));
      case ExprKind::BasicLit: {
        auto* s = static_cast<const BasicLit*>(e);
        auto* n = node(s);
        n->litKind = s->litKind;
        n->raw = s->raw;
        return n;
      }
      case ExprKind::CompositeLit: {
        auto* s = static_cast<const CompositeLit*>(e);
        auto* n = node(s);
        n->typeExpr = expr(s->typeExpr);
        n->elts = exprs(s->elts);
        n->rbrace = s->rbrace;
        return n;
      }
      case ExprKind::FuncLit: {
        auto* s = static_cast<const FuncLit*>(e);
        auto* n = node(s);
        n->sig = funcType(s->sig);
        n->body = block(s->body);
        return n;
      }
      case ExprKind::Paren: {
        auto* s = static_cast<const ParenExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        return n;
      }
      case ExprKind::Selector: {
        auto* s = static_cast<const SelectorExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        n->sel = ident(s->sel);
        return n;
      }
      case ExprKind::Index: {
        auto* s = static_cast<const IndexExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        n->index = expr(s->index);
        n->more = exprs(s->more);
        return n;
      }
      case ExprKind::Slice: {
        auto* s = static_cast<const SliceExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        n->lo = expr(s->lo);
        n->hi = expr(s->hi);
        n->max = expr(s->max);
        n->slice3 = s->slice3;
        return n;
      }
      case ExprKind::TypeAssert: {
        auto* s = static_cast<const TypeAssertExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        n->typeExpr = expr(s->typeExpr);
        return n;
      }
      case ExprKind::Call: {
        auto* s = static_cast<const CallExpr*>(e);
        auto* n = node(s);
        n->fun = expr(s->fun);
        n->args = exprs(s->args);
        n->hasEllipsis = s->hasEllipsis;
        n->rparen = s->rparen;
        return n;
      }
      case ExprKind::Star: {
        auto* s = static_cast<const StarExpr*>(e);
        auto* n = node(s);
        n->x = expr(s->x);
        return n;
      }
      case ExprKind::Unary: {
        auto* s = static_cast<const UnaryExpr*>(e);
        auto* n = node(s);
        n->op = s->op;
        n->x = expr(s->x);
        return n;
      }
      case ExprKind::Binary: {
        auto* s = static_cast<const BinaryExpr*>(e);
        auto* n = node(s);
        n->op = s->op;
        n->opPos = s->opPos;
        n->x = expr(s->x);
        n->y = expr(s->y);
        return n;
      }
      case ExprKind::KeyValue: {
        auto* s = static_cast<const KeyValueExpr*>(e);
        auto* n = node(s);
        n->key = expr(s->key);
        n->value = expr(s->value);
        return n;
      }
      case ExprKind::ArrayType: {
        auto* s = static_cast<const ArrayTypeExpr*>(e);
        auto* n = node(s);
        n->len = expr(s->len);
        n->ellipsisLen = s->ellipsisLen;
        n->elem = expr(s->elem);
        return n;
      }
      case ExprKind::StructType: {
        auto* s = static_cast<const StructTypeExpr*>(e);
        auto* n = node(s);
        n->fields = fields(s->fields);
        return n;
      }
      case ExprKind::FuncType: return funcType(static_cast<const FuncTypeExpr*>(e));
      case ExprKind::InterfaceType: {
        auto* s = static_cast<const InterfaceTypeExpr*>(e);
        auto* n = node(s);
        n->methods = fields(s->methods);
        return n;
      }
      case ExprKind::MapType: {
        auto* s = static_cast<const MapTypeExpr*>(e);
        auto* n = node(s);
        n->key = expr(s->key);
        n->value = expr(s->value);
        return n;
      }
      case ExprKind::ChanType: {
        auto* s = static_cast<const ChanTypeExpr*>(e);
        auto* n = node(s);
        n->dir = s->dir;
        n->elem = expr(s->elem);
        return n;
      }
      case ExprKind::Ellipsis: {
        auto* s = static_cast<const EllipsisExpr*>(e);
        auto* n = node(s);
        n->elem = expr(s->elem);
        return n;
      }
    }
    return nullptr;
  }

  BlockStmt* block(const BlockStmt* s) {
    if (!s) return nullptr;
    BlockStmt* n = node(s);
    n->stmts = stmts(s->stmts);
    n->rbrace = s->rbrace;
    return n;
  }

  StmtList stmts(const StmtList& l) {
    StmtList out;
    for (Stmt* s : l) out.push_back(stmt(s));
    return out;
  }

  CaseClause* caseClause(const CaseClause* s) {
    CaseClause* n = node(s);
    n->list = exprs(s->list);
    n->isDefault = s->isDefault;
    n->body = stmts(s->body);
    return n;
  }

  GenDecl* genDecl(const GenDecl* s) {
    GenDecl* n = node(s);
    n->tok = s->tok;
    for (Spec* sp : s->specs) {
      if (s->tok == DeclTok::Type) {
        auto* ts = static_cast<TypeSpec*>(sp);
        auto* c = node(ts);
        c->name = ident(ts->name);
        c->typeParams = fields(ts->typeParams);
        c->alias = ts->alias;
        c->type = expr(ts->type);
        n->specs.push_back(c);
      } else if (s->tok == DeclTok::Import) {
        auto* is = static_cast<ImportSpec*>(sp);
        auto* c = node(is);
        c->name = ident(is->name);
        c->path = is->path;
        n->specs.push_back(c);
      } else {
        auto* vs = static_cast<ValueSpec*>(sp);
        auto* c = node(vs);
        for (Ident* id : vs->names) c->names.push_back(ident(id));
        c->type = expr(vs->type);
        c->values = exprs(vs->values);
        c->iota = vs->iota;
        n->specs.push_back(c);
      }
    }
    // Constant specs that repeat the previous expressions share them by
    // pointer in the parser's tree (checker: valueSrc); nothing to do here
    // since the checker finds the source spec by position in the group.
    return n;
  }

  Stmt* stmt(const Stmt* s) {
    if (!s) return nullptr;
    switch (s->kind) {
      case StmtKind::Bad: {
        Stmt* n = a_.make<Stmt>(StmtKind::Bad);
        n->pos = s->pos;
        return n;
      }
      case StmtKind::Decl: {
        auto* d = static_cast<const DeclStmt*>(s);
        auto* n = node(d);
        n->decl = genDecl(d->decl);
        return n;
      }
      case StmtKind::Empty: return node(static_cast<const EmptyStmt*>(s));
      case StmtKind::Labeled: {
        auto* d = static_cast<const LabeledStmt*>(s);
        auto* n = node(d);
        n->label = ident(d->label);
        n->stmt = stmt(d->stmt);
        // The parser records a loop's or switch's label on the statement.
        relabel(n->stmt, n->label);
        return n;
      }
      case StmtKind::ExprS: {
        auto* d = static_cast<const ExprStmt*>(s);
        auto* n = node(d);
        n->x = expr(d->x);
        return n;
      }
      case StmtKind::Send: {
        auto* d = static_cast<const SendStmt*>(s);
        auto* n = node(d);
        n->chan = expr(d->chan);
        n->value = expr(d->value);
        return n;
      }
      case StmtKind::IncDec: {
        auto* d = static_cast<const IncDecStmt*>(s);
        auto* n = node(d);
        n->x = expr(d->x);
        n->inc = d->inc;
        return n;
      }
      case StmtKind::Assign: {
        auto* d = static_cast<const AssignStmt*>(s);
        auto* n = node(d);
        n->lhs = exprs(d->lhs);
        n->rhs = exprs(d->rhs);
        n->define = d->define;
        n->op = d->op;
        return n;
      }
      case StmtKind::Go: {
        auto* d = static_cast<const GoStmt*>(s);
        auto* n = node(d);
        n->call = static_cast<CallExpr*>(expr(d->call));
        return n;
      }
      case StmtKind::Defer: {
        auto* d = static_cast<const DeferStmt*>(s);
        auto* n = node(d);
        n->call = static_cast<CallExpr*>(expr(d->call));
        return n;
      }
      case StmtKind::Return: {
        auto* d = static_cast<const ReturnStmt*>(s);
        auto* n = node(d);
        n->results = exprs(d->results);
        return n;
      }
      case StmtKind::Branch: {
        auto* d = static_cast<const BranchStmt*>(s);
        auto* n = node(d);
        n->tok = d->tok;
        n->label = ident(d->label);
        return n;
      }
      case StmtKind::Block: return block(static_cast<const BlockStmt*>(s));
      case StmtKind::If: {
        auto* d = static_cast<const IfStmt*>(s);
        auto* n = node(d);
        n->init = stmt(d->init);
        n->cond = expr(d->cond);
        n->then = block(d->then);
        n->els = stmt(d->els);
        return n;
      }
      case StmtKind::CaseClause: return caseClause(static_cast<const CaseClause*>(s));
      case StmtKind::Switch: {
        auto* d = static_cast<const SwitchStmt*>(s);
        auto* n = node(d);
        n->init = stmt(d->init);
        n->tag = expr(d->tag);
        for (CaseClause* c : d->clauses) n->clauses.push_back(caseClause(c));
        return n;
      }
      case StmtKind::TypeSwitch: {
        auto* d = static_cast<const TypeSwitchStmt*>(s);
        auto* n = node(d);
        n->init = stmt(d->init);
        n->binding = ident(d->binding);
        n->assert = static_cast<TypeAssertExpr*>(expr(d->assert));
        for (CaseClause* c : d->clauses) n->clauses.push_back(caseClause(c));
        return n;
      }
      case StmtKind::CommClause: {
        auto* d = static_cast<const CommClause*>(s);
        auto* n = node(d);
        n->comm = stmt(d->comm);
        n->body = stmts(d->body);
        return n;
      }
      case StmtKind::Select: {
        auto* d = static_cast<const SelectStmt*>(s);
        auto* n = node(d);
        for (CommClause* c : d->clauses) n->clauses.push_back(static_cast<CommClause*>(stmt(c)));
        return n;
      }
      case StmtKind::For: {
        auto* d = static_cast<const ForStmt*>(s);
        auto* n = node(d);
        n->init = stmt(d->init);
        n->cond = expr(d->cond);
        n->post = stmt(d->post);
        n->body = block(d->body);
        return n;
      }
      case StmtKind::Range: {
        auto* d = static_cast<const RangeStmt*>(s);
        auto* n = node(d);
        n->key = expr(d->key);
        n->value = expr(d->value);
        n->define = d->define;
        n->x = expr(d->x);
        n->body = block(d->body);
        return n;
      }
    }
    return nullptr;
  }

  static void relabel(Stmt* s, Ident* label) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::For: static_cast<ForStmt*>(s)->label = label; break;
      case StmtKind::Range: static_cast<RangeStmt*>(s)->label = label; break;
      case StmtKind::Switch: static_cast<SwitchStmt*>(s)->label = label; break;
      case StmtKind::TypeSwitch: static_cast<TypeSwitchStmt*>(s)->label = label; break;
      case StmtKind::Select: static_cast<SelectStmt*>(s)->label = label; break;
      default: break;
    }
  }

 private:
  AstArena& a_;
  const std::function<void(const Ident*)>* visit_;
};

}  // namespace

FuncDecl* cloneFuncDecl(AstArena& arena, const FuncDecl* d,
                        const std::function<void(const Ident*)>* visit) {
  Cloner c(arena, visit);
  FuncDecl* n = c.node(d);
  n->recv = c.field(d->recv);
  n->name = c.ident(d->name);
  n->sig = c.funcType(d->sig);
  n->body = c.block(d->body);
  return n;
}

Expr* cloneExpr(AstArena& arena, const Expr* e) {
  Cloner c(arena, nullptr);
  return c.expr(e);
}

}  // namespace gol
