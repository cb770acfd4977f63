// gc's order of evaluation within one statement.
//
// The spec fixes only the order of calls, method calls, receives and
// logical operators; when a plain operand is read is left open. gc (its
// order pass) runs every call of a statement first, left to right and
// innermost first, each into a temporary, and reads the other operands
// afterwards, so with a global or captured c, `fmt.Println(c, inc())`
// prints the incremented value twice and `a[i] = f()` indexes with the i
// that f left. Go programs see that order, so gol follows it.
//
// Most statements cannot tell the difference: a call cannot change a local
// held in a register. The walk below looks for an operand that a call could
// change (a global, a captured variable, a field, an element, *p) read
// before a call; only then are the calls run ahead. Calls in the right
// operand of && and ||, in function literals and in map literals (gc
// stores a map literal's entries one by one) stay where they are, as do
// calls with no or several results.
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

struct OrderWalk {
  FuncCompiler& fc;
  const std::unordered_map<Symbol*, int>& regs;
  std::vector<CallExpr*> calls;  // innermost first, left to right
  bool sawChangeable = false;    // an operand a call could change was read
  bool needed = false;           // ... before a call

  bool isRegisterLocal(Symbol* v) const { return regs.count(v) && !fc.isBoxedVar(v); }

  void changeable() { sawChangeable = true; }

  void list(const ExprList& es) {
    for (Expr* e : es) walk(e);
  }

  void walk(Expr* e) {
    if (!e || e->mode == Mode::Constant) return;
    switch (e->kind) {
      case ExprKind::Paren: walk(static_cast<ParenExpr*>(e)->x); return;
      case ExprKind::Ident: {
        Symbol* s = static_cast<Ident*>(e)->sym;
        if (s && s->kind == SymKind::Var && !isRegisterLocal(s)) changeable();
        return;
      }
      case ExprKind::CompositeLit: {
        auto* lit = static_cast<CompositeLit*>(e);
        if (!lit->type || under(lit->type)->kind == Kind::Map) return;
        for (Expr* el : lit->elts) {
          if (el->kind == ExprKind::KeyValue) el = static_cast<KeyValueExpr*>(el)->value;
          walk(el);
        }
        return;
      }
      case ExprKind::Selector: {
        auto* sel = static_cast<SelectorExpr*>(e);
        switch (sel->selKind) {
          case SelKind::Qualified:
            if (sel->target && sel->target->kind == SymKind::Var) changeable();
            return;
          case SelKind::Field:
            walk(sel->x);
            changeable();
            return;
          case SelKind::Method:
          case SelKind::InterfaceMethod: walk(sel->x); return;
          default: return;
        }
      }
      case ExprKind::Index: {
        auto* ix = static_cast<IndexExpr*>(e);
        if (ix->inst) return;  // a generic function's instance
        walk(ix->x);
        walk(ix->index);
        changeable();
        return;
      }
      case ExprKind::Slice: {
        auto* sl = static_cast<SliceExpr*>(e);
        walk(sl->x);
        walk(sl->lo);
        walk(sl->hi);
        walk(sl->max);
        return;
      }
      case ExprKind::Star:
        walk(static_cast<StarExpr*>(e)->x);
        changeable();
        return;
      case ExprKind::TypeAssert: walk(static_cast<TypeAssertExpr*>(e)->x); return;
      case ExprKind::Unary: walk(static_cast<UnaryExpr*>(e)->x); return;
      case ExprKind::Binary: {
        auto* b = static_cast<BinaryExpr*>(e);
        walk(b->x);
        if (b->op != Op::LAnd && b->op != Op::LOr) walk(b->y);
        return;
      }
      case ExprKind::Call: {
        auto* c = static_cast<CallExpr*>(e);
        if (c->callKind == CallKind::Conversion || c->callKind == CallKind::Builtin) {
          list(c->args);
          return;
        }
        operandsOf(c);
        if (sawChangeable) needed = true;
        if (c->type && c->type->kind != Kind::Tuple) calls.push_back(c);
        return;
      }
      default: return;  // function literals, types
    }
  }

  // The callee's operands and the arguments of call c, not c itself.
  void operandsOf(CallExpr* c) {
    if (c->callKind == CallKind::Dynamic || c->callKind == CallKind::Method ||
        c->callKind == CallKind::Interface)
      walk(c->fun);
    list(c->args);
  }
};

}  // namespace

void FuncCompiler::hoistCalls(std::initializer_list<const ExprList*> lists,
                              std::initializer_list<Expr*> exprs, CallExpr* stmtCall) {
  OrderWalk w{*this, regs_, {}, false, false};
  for (const ExprList* l : lists) w.list(*l);
  for (Expr* e : exprs) w.walk(e);
  // A call statement's own call runs where it is; its operands are walked.
  if (stmtCall) w.operandsOf(stmtCall);
  if (!w.needed) return;
  for (CallExpr* c : w.calls) {
    int r = alloc();
    call(c, r, 1);
    hoisted_[c] = r;
  }
}

}  // namespace gol
