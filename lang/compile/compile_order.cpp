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
// assertions, slicing, []byte(s) and []rune(s), the builtins len, cap,
// append, copy, make, new, complex, real and imag, map literals (built
// where they stand, entry by entry), and a value that is not addressable
// converted to an interface through its address (runtime.convT: a
// comparison, int8(x), a 16-byte struct literal). Go programs see that
// order, so gol follows it.
//
// Most statements cannot tell the difference: a call cannot change a local
// held in a register. The walk below looks for an operand that a call could
// change (a global, a captured variable, a field, an element, *p) read
// before something that runs code (a call, a receive, append or copy, an
// && or || with such a thing on its right); only then are the ordered
// operations run ahead. Reads inside an operation's own operands happen
// before it in either order and do not count. Calls in function literals
// and in map literals' entries stay where they are, as do calls with no or
// several results; the right operand of && and || is ordered on its own,
// where it runs (FuncCompiler::binary).
#include "lang/check/gc_sizes.hpp"
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

bool isRuneOrByteSlice(const Type* t) {
  if (!t || under(t)->kind != Kind::Slice) return false;
  Kind k = under(under(t)->elem)->kind;
  return k == Kind::Uint8 || k == Kind::Int32;
}

// A value gc keeps in an interface's data word as it is, without a copy.
bool pointerShaped(const Type* t) {
  if (!t) return false;
  Kind k = under(t)->kind;
  return k == Kind::Pointer || k == Kind::Map || k == Kind::Chan || k == Kind::Func ||
         k == Kind::UnsafePointer;
}

bool hasPointers(const Type* t) {
  const Type* u = under(t);
  switch (u->kind) {
    case Kind::Array: return u->len > 0 && hasPointers(u->elem);
    case Kind::Struct:
      for (const StructField& f : u->fields)
        if (hasPointers(f.type)) return true;
      return false;
    case Kind::String:
    case Kind::Slice:
    case Kind::Interface:
    case Kind::Pointer:
    case Kind::Map:
    case Kind::Chan:
    case Kind::Func:
    case Kind::UnsafePointer: return true;
    default: return false;
  }
}

// A string or slice alone, or inside one-field structs and one-element arrays.
bool soleStringOrSlice(const Type* t) {
  const Type* u = under(t);
  if (u->kind == Kind::String || u->kind == Kind::Slice) return true;
  if (u->kind == Kind::Struct && u->fields.size() == 1) return soleStringOrSlice(u->fields[0].type);
  if (u->kind == Kind::Array && u->len == 1) return soleStringOrSlice(u->elem);
  return false;
}

// Whether gc converts a value of type t to an interface through its address
// (runtime.convT, convTnoptr; walk's dataWordFuncName): then a value that
// is not addressable is first copied to a temporary where it stands.
bool convertsByAddress(const Type* t) {
  if (!t || isInterface(t) || isUntyped(t)) return false;
  int64_t size = gcSizeOf(t), align = gcAlignOf(t);
  if (size < 0) return false;
  if (size == 2 && align == 2) return false;                                       // convT16
  if ((size == 4 || size == 8) && align == size && !hasPointers(t)) return false;  // convT32/64
  return !soleStringOrSlice(t);  // convTstring, convTslice
}

// gc's ir.IsAddressable.
bool addressable(Expr* e) {
  switch (e->kind) {
    case ExprKind::Paren: return addressable(static_cast<ParenExpr*>(e)->x);
    case ExprKind::Ident: {
      Symbol* s = static_cast<Ident*>(e)->sym;
      return s && s->kind == SymKind::Var;
    }
    case ExprKind::Selector: {
      auto* sel = static_cast<SelectorExpr*>(e);
      if (sel->selKind == SelKind::Qualified)
        return sel->target && sel->target->kind == SymKind::Var;
      if (sel->selKind != SelKind::Field) return false;
      return (sel->x->type && under(sel->x->type)->kind == Kind::Pointer) || addressable(sel->x);
    }
    case ExprKind::Index: {
      auto* ix = static_cast<IndexExpr*>(e);
      if (ix->inst || !ix->x->type) return false;
      Kind k = under(ix->x->type)->kind;
      if (k == Kind::Slice || k == Kind::Pointer) return true;
      return k == Kind::Array && addressable(ix->x);
    }
    case ExprKind::Star: return true;
    default: return false;
  }
}

// The type of call c's parameter for argument i, or null.
const Type* paramType(CallExpr* c, size_t i) {
  const Type* sig = c->fun && c->fun->type ? under(c->fun->type) : nullptr;
  if (!sig || sig->kind != Kind::Func || sig->params.empty()) return nullptr;
  size_t np = sig->params.size();
  if (sig->variadic && i + 1 >= np)
    return c->hasEllipsis ? sig->params.back() : under(sig->params.back())->elem;
  return i < np ? sig->params[i] : nullptr;
}

struct OrderWalk {
  FuncCompiler& fc;
  const std::unordered_map<Symbol*, int>& regs;
  Expr* inPlace = nullptr;      // runs where it stands; only its operands are walked
  std::vector<Expr*>* ordered;  // innermost first, left to right; null: only decide
  bool sawChangeable = false;   // an operand a call could change was read
  bool needed = false;          // ... before something that runs code
  bool toInterface = false;     // the expression walked next becomes an interface

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
    if (ordered && e != inPlace) ordered->push_back(e);
  }

  void walk(Expr* e) {
    bool asInterface = toInterface;
    toInterface = false;
    if (needed && !ordered) return;  // decided; the collecting walk follows
    while (e && e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
    if (!e || e->mode == Mode::Constant || fc.isHoisted(e)) return;
    // A value that becomes an interface through a temporary is read there.
    if (asInterface && !addressable(e) && !isOrdered(e) && convertsByAddress(e->type)) {
      operation(e, false, [&] { plain(e, true); });
      return;
    }
    plain(e, asInterface);
  }

  // Calls and the builtins and conversions that gc runs like calls.
  static bool orderedCall(CallExpr* c) {
    if (c->callKind == CallKind::Conversion)
      return !c->args.empty() && isRuneOrByteSlice(c->type) && c->args[0]->type &&
             isString(c->args[0]->type);
    if (c->callKind != CallKind::Builtin) return true;
    switch (c->builtin) {
      case BuiltinId::Append:
      case BuiltinId::Copy:
      case BuiltinId::Len:
      case BuiltinId::Cap:
      case BuiltinId::Make:
      case BuiltinId::New:
      case BuiltinId::Complex:
      case BuiltinId::Real:
      case BuiltinId::Imag: return true;
      default: return false;
    }
  }

  // Operations that walk() orders by themselves.
  static bool isOrdered(Expr* e) {
    switch (e->kind) {
      case ExprKind::Paren: return isOrdered(static_cast<ParenExpr*>(e)->x);
      case ExprKind::Slice:
      case ExprKind::TypeAssert: return true;
      case ExprKind::Call: return orderedCall(static_cast<CallExpr*>(e));
      case ExprKind::Unary: return static_cast<UnaryExpr*>(e)->op == Op::Arrow;
      case ExprKind::Binary: {
        Op op = static_cast<BinaryExpr*>(e)->op;
        return op == Op::LAnd || op == Op::LOr;
      }
      case ExprKind::CompositeLit: {
        auto* lit = static_cast<CompositeLit*>(e);
        return lit->type && under(lit->type)->kind == Kind::Map;
      }
      default: return false;
    }
  }

  void plain(Expr* e, bool asInterface) {
    switch (e->kind) {
      case ExprKind::Paren:
        toInterface = asInterface;
        walk(static_cast<ParenExpr*>(e)->x);
        return;
      case ExprKind::Ident: {
        Symbol* s = static_cast<Ident*>(e)->sym;
        if (!sawChangeable && s && s->kind == SymKind::Var && !isRegisterLocal(s)) changeable();
        return;
      }
      case ExprKind::CompositeLit: {
        auto* lit = static_cast<CompositeLit*>(e);
        if (!lit->type) return;
        const Type* lt = under(lit->type);
        // gc builds a map literal where it stands, storing its entries one
        // by one, each ordered on its own.
        if (lt->kind == Kind::Map) {
          operation(e, runsCode(e), [] {});
          return;
        }
        for (size_t i = 0; i < lit->elts.size(); ++i) {
          Expr* el = lit->elts[i];
          const Type* et = lt->kind == Kind::Struct ? nullptr : lt->elem;
          if (el->kind == ExprKind::KeyValue) {
            auto* kv = static_cast<KeyValueExpr*>(el);
            if (lt->kind == Kind::Struct && kv->key->kind == ExprKind::Ident)
              for (const StructField& f : lt->fields)
                if (f.name == static_cast<Ident*>(kv->key)->name) et = f.type;
            el = kv->value;
          } else if (lt->kind == Kind::Struct && i < lt->fields.size()) {
            et = lt->fields[i].type;
          }
          toInterface = et && isInterface(et);
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
      case ExprKind::TypeAssert: {
        // gc copies an assertion's result to a temporary where it stands,
        // except a pointer-shaped one that stays a plain operand unless it
        // is converted to an interface.
        auto* ta = static_cast<TypeAssertExpr*>(e);
        if (pointerShaped(e->type) && !asInterface && e != inPlace)
          walk(ta->x);
        else
          operation(e, false, [&] { walk(ta->x); });
        return;
      }
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
        if (c->callKind == CallKind::Conversion || c->callKind == CallKind::Builtin) {
          if (!orderedCall(c)) {
            list(c->args);
            return;
          }
          // append and copy store into elements that an operand may read.
          bool stores = c->callKind == CallKind::Builtin &&
                        (c->builtin == BuiltinId::Append || c->builtin == BuiltinId::Copy);
          operation(e, stores, [&] { list(c->args); });
          return;
        }
        bool oneResult = c->type && c->type->kind != Kind::Tuple;
        bool before = sawChangeable;
        sawChangeable = false;
        operandsOf(c);
        if (before) needed = true;
        sawChangeable = before;
        if (ordered && oneResult && e != inPlace) ordered->push_back(e);
        return;
      }
      default: return;  // function literals, types
    }
  }

  // The left side of an assignment: a store target is not read, only the
  // operands that locate it are (p in p.f, a and i in a[i] of a slice).
  void target(Expr* e) {
    if (!e || fc.isHoisted(e)) return;
    switch (e->kind) {
      case ExprKind::Paren: target(static_cast<ParenExpr*>(e)->x); return;
      case ExprKind::Ident: return;
      case ExprKind::Selector: {
        auto* sel = static_cast<SelectorExpr*>(e);
        if (sel->selKind != SelKind::Field) break;
        if (sel->x->type && under(sel->x->type)->kind == Kind::Pointer)
          walk(sel->x);
        else
          target(sel->x);
        return;
      }
      case ExprKind::Index: {
        auto* ix = static_cast<IndexExpr*>(e);
        if (ix->x->type && under(ix->x->type)->kind == Kind::Array)
          target(ix->x);
        else
          walk(ix->x);
        walk(ix->index);
        return;
      }
      case ExprKind::Star: walk(static_cast<StarExpr*>(e)->x); return;
      default: break;
    }
    walk(e);
  }

  // The callee's operands and the arguments of call c, not c itself.
  void operandsOf(CallExpr* c) {
    if (c->callKind == CallKind::Dynamic || c->callKind == CallKind::Method ||
        c->callKind == CallKind::Interface)
      walk(c->fun);
    for (size_t i = 0; i < c->args.size(); ++i) {
      const Type* pt = paramType(c, i);
      toInterface = pt && isInterface(pt);
      walk(c->args[i]);
    }
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
                              std::initializer_list<Expr*> exprs, Expr* inPlace,
                              const ExprList* targets) {
  // Most statements need nothing: decide first, collect only then.
  std::vector<Expr*> ordered;
  for (std::vector<Expr*>* out : {static_cast<std::vector<Expr*>*>(nullptr), &ordered}) {
    OrderWalk w{*this, regs_, inPlace, out, false, false};
    if (targets)
      for (Expr* e : *targets) w.target(e);
    for (const ExprList* l : lists) w.list(*l);
    for (Expr* e : exprs) w.walk(e);
    if (!w.needed) return;
  }
  for (Expr* e : ordered) {
    int r = alloc();
    expr(e, r);
    hoisted_[e] = r;
  }
}

}  // namespace gol
