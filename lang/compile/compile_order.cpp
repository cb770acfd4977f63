// gc's order of evaluation within one statement.
//
// The spec fixes only the order of calls, method calls, receives and
// logical operators; when a plain operand is read is left open. gc (its
// order pass) runs every call of a statement first, left to right and
// innermost first, each into a temporary, and reads the other operands
// afterwards, so with a global or captured c, `fmt.Println(c, inc())`
// prints the incremented value twice and `a[i] = f()` indexes with the i
// that f left. gc orders more than calls that way: a receive (while it
// waits, other goroutines run), `&&` and `||` (the left operand, then the
// right one only if needed, into a temporary where they stand), type
// assertions, slicing, []byte(s) and []rune(s), and the builtins len, cap,
// append, copy, make, new, complex, real and imag. Go programs see that
// order, so gol follows it.
//
// Most statements cannot tell the difference: a call cannot change a local
// held in a register. The walk below looks for an operand that a call could
// change (a global, a captured variable, a field, an element, *p) read
// before something that runs code (a call, a receive, append or copy, an
// && or || with such a thing on its right); only then are the ordered
// operations run ahead. Reads inside an operation's own operands happen
// before it in either order and do not count. Calls in function literals
// and in map literals (gc stores a map literal's entries one by one) stay
// where they are, as do calls with no or several results; the right
// operand of && and || is ordered on its own, where it runs
// (FuncCompiler::binary).
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

bool isRuneOrByteSlice(const Type* t) {
  if (!t || under(t)->kind != Kind::Slice) return false;
  Kind k = under(under(t)->elem)->kind;
  return k == Kind::Uint8 || k == Kind::Int32;
}

struct OrderWalk {
  FuncCompiler& fc;
  const std::unordered_map<Symbol*, int>& regs;
  Expr* inPlace = nullptr;     // runs where it stands; only its operands are walked
  std::vector<Expr*> ordered;  // innermost first, left to right
  bool sawChangeable = false;  // an operand a call could change was read
  bool needed = false;         // ... before something that runs code

  bool isRegisterLocal(Symbol* v) const { return regs.count(v) && !fc.isBoxedVar(v); }

  void changeable() { sawChangeable = true; }

  void list(const ExprList& es) {
    for (Expr* e : es) walk(e);
  }

  // An ordered operation e: walkOperands reads its operands, which happen
  // just before e in either order; runsCode says whether e can change
  // what an operand read before it sees.
  template <class F>
  void operation(Expr* e, bool runsCode, F walkOperands) {
    bool before = sawChangeable;
    sawChangeable = false;
    walkOperands();
    if (runsCode && before) needed = true;
    sawChangeable = before;
    if (e != inPlace) ordered.push_back(e);
  }

  void walk(Expr* e) {
    if (!e || e->mode == Mode::Constant || fc.isHoisted(e)) return;
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
        operation(e, false, [&] {
          walk(sl->x);
          walk(sl->lo);
          walk(sl->hi);
          walk(sl->max);
        });
        return;
      }
      case ExprKind::Star:
        walk(static_cast<StarExpr*>(e)->x);
        changeable();
        return;
      case ExprKind::TypeAssert:
        operation(e, false, [&] { walk(static_cast<TypeAssertExpr*>(e)->x); });
        return;
      case ExprKind::Unary: {
        auto* u = static_cast<UnaryExpr*>(e);
        if (u->op == Op::Arrow)
          operation(e, true, [&] { walk(u->x); });
        else
          walk(u->x);
        return;
      }
      case ExprKind::Binary: {
        auto* b = static_cast<BinaryExpr*>(e);
        if (b->op == Op::LAnd || b->op == Op::LOr) {
          operation(e, runsCode(b->y), [&] { walk(b->x); });
          return;
        }
        walk(b->x);
        walk(b->y);
        return;
      }
      case ExprKind::Call: {
        auto* c = static_cast<CallExpr*>(e);
        if (c->callKind == CallKind::Conversion) {
          if (!c->args.empty() && isRuneOrByteSlice(c->type) && c->args[0]->type &&
              isString(c->args[0]->type))
            operation(e, false, [&] { list(c->args); });
          else
            list(c->args);
          return;
        }
        if (c->callKind == CallKind::Builtin) {
          switch (c->builtin) {
            case BuiltinId::Append:
            case BuiltinId::Copy:  // they store into the elements
              operation(e, true, [&] { list(c->args); });
              return;
            case BuiltinId::Len:
            case BuiltinId::Cap:
            case BuiltinId::Make:
            case BuiltinId::New:
            case BuiltinId::Complex:
            case BuiltinId::Real:
            case BuiltinId::Imag: operation(e, false, [&] { list(c->args); }); return;
            default: list(c->args); return;
          }
        }
        bool oneResult = c->type && c->type->kind != Kind::Tuple;
        bool before = sawChangeable;
        sawChangeable = false;
        operandsOf(c);
        if (before) needed = true;
        sawChangeable = before;
        if (oneResult && e != inPlace) ordered.push_back(e);
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

  // Whether evaluating e can run code that changes an operand: a call, a
  // receive, append or copy (function literals are only values).
  static bool runsCode(Expr* e) {
    if (!e || e->mode == Mode::Constant) return false;
    switch (e->kind) {
      case ExprKind::Paren: return runsCode(static_cast<ParenExpr*>(e)->x);
      case ExprKind::CompositeLit:
        for (Expr* el : static_cast<CompositeLit*>(e)->elts) {
          if (el->kind == ExprKind::KeyValue) {
            auto* kv = static_cast<KeyValueExpr*>(el);
            if (runsCode(kv->key) || runsCode(kv->value)) return true;
          } else if (runsCode(el)) {
            return true;
          }
        }
        return false;
      case ExprKind::Selector: return runsCode(static_cast<SelectorExpr*>(e)->x);
      case ExprKind::Index: {
        auto* ix = static_cast<IndexExpr*>(e);
        return !ix->inst && (runsCode(ix->x) || runsCode(ix->index));
      }
      case ExprKind::Slice: {
        auto* sl = static_cast<SliceExpr*>(e);
        return runsCode(sl->x) || runsCode(sl->lo) || runsCode(sl->hi) || runsCode(sl->max);
      }
      case ExprKind::Star: return runsCode(static_cast<StarExpr*>(e)->x);
      case ExprKind::TypeAssert: return runsCode(static_cast<TypeAssertExpr*>(e)->x);
      case ExprKind::Unary: {
        auto* u = static_cast<UnaryExpr*>(e);
        return u->op == Op::Arrow || runsCode(u->x);
      }
      case ExprKind::Binary: {
        auto* b = static_cast<BinaryExpr*>(e);
        return runsCode(b->x) || runsCode(b->y);
      }
      case ExprKind::Call: {
        auto* c = static_cast<CallExpr*>(e);
        if (c->callKind == CallKind::Builtin && c->builtin != BuiltinId::Append &&
            c->builtin != BuiltinId::Copy) {
          for (Expr* a : c->args)
            if (runsCode(a)) return true;
          return false;
        }
        if (c->callKind == CallKind::Conversion) return !c->args.empty() && runsCode(c->args[0]);
        return true;
      }
      default: return false;
    }
  }
};

}  // namespace

void FuncCompiler::hoistCalls(std::initializer_list<const ExprList*> lists,
                              std::initializer_list<Expr*> exprs, Expr* inPlace) {
  OrderWalk w{*this, regs_, inPlace, {}, false, false};
  for (const ExprList* l : lists) w.list(*l);
  for (Expr* e : exprs) w.walk(e);
  if (!w.needed) return;
  for (Expr* e : w.ordered) {
    int r = alloc();
    expr(e, r);
    hoisted_[e] = r;
  }
}

}  // namespace gol
