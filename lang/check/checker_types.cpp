// Type expressions: resolving the syntax of a type to an interned Type.
#include <cctype>
#include <functional>

#include "lang/check/checker.hpp"

namespace gol {

const Type* Checker::typeExpr(Expr* e, bool) {
  const Type* t = typeExprInner(e);
  if (!t) t = invalid();
  if (t->generic && e->kind != ExprKind::Index && t->generic->generic &&
      t->typeArgs == t->generic->generic->params) {
    // The generic type itself, not an instance.
    Generic* g = t->generic->generic;
    std::string decl = g->sym->name + "[";
    for (size_t i = 0; i < g->fields.size(); i++) {
      Field* f = g->fields[i];
      if (i) decl += ", ";
      for (size_t j = 0; j < f->names.size(); j++) decl += (j ? ", " : "") + f->names[j]->name;
      decl += " " + exprString(f->type);
    }
    error(e->pos, "cannot use generic type " + decl + "] without instantiation");
    t = invalid();
  }
  e->type = t;
  e->mode = t->kind == Kind::Invalid ? Mode::Invalid : Mode::TypeExpr;
  return t;
}

const Type* Checker::typeExprInner(Expr* e) {
  if (!e) return invalid();
  switch (e->kind) {
    case ExprKind::Ident:
    case ExprKind::Selector: {
      rawExpr(e, nullptr);
      if (e->mode == Mode::Invalid) return invalid();
      if (e->mode != Mode::TypeExpr) {
        errorf(e->pos, "%s is not a type", Operand{e});
        return invalid();
      }
      return e->type;
    }
    case ExprKind::Paren: return typeExpr(static_cast<ParenExpr*>(e)->x);
    case ExprKind::Star: {
      const Type* el = typeExpr(static_cast<StarExpr*>(e)->x);
      if (el->kind == Kind::Invalid) return invalid();
      return prog_.types.pointer(el);
    }
    case ExprKind::ArrayType: {
      auto* a = static_cast<ArrayTypeExpr*>(e);
      if (!a->len && !a->ellipsisLen) {
        const Type* el = typeExpr(a->elem);
        return el->kind == Kind::Invalid ? invalid() : prog_.types.slice(el);
      }
      if (a->ellipsisLen) {
        error(e->pos, "invalid use of [...] array (outside a composite literal)");
        typeExpr(a->elem);
        return invalid();
      }
      rvalue(a->len);
      int64_t n = -1;
      if (a->len->mode == Mode::Constant && isInteger(a->len->type)) {
        if (a->len->value.i < 0) {
          errorf(a->len->pos, "invalid array length %s", Operand{a->len});
        } else {
          n = a->len->value.i.fitsInt64() ? a->len->value.i.toInt64() : INT64_MAX;
          if (isUntyped(a->len->type)) setFinalType(a->len, basic(Kind::Int));
        }
      } else if (BigInt len;
                 a->len->mode == Mode::Constant && a->len->value.kind == ConstKind::Float &&
                 a->len->value.f().toInt(len) && len.sign() >= 0 && isUntyped(a->len->type)) {
        n = len.fitsInt64() ? len.toInt64() : INT64_MAX;
        setFinalType(a->len, basic(Kind::Int));
      } else if (a->len->mode != Mode::Invalid) {
        if (a->len->mode == Mode::Constant)
          errorf(a->len->pos, "array length %s must be integer", Operand{a->len});
        else
          errorf(a->len->pos, "invalid array length %s", a->len);
      }
      const Type* el = typeExpr(a->elem);
      if (n < 0 || el->kind == Kind::Invalid) return invalid();
      return prog_.types.array(el, n);
    }
    case ExprKind::StructType: {
      auto* st = static_cast<StructTypeExpr*>(e);
      std::vector<StructField> fields;
      std::set<std::string> seen;
      for (Field* f : st->fields) {
        const Type* t = typeExpr(f->type);
        if (f->names.empty()) {
          // Embedded: the field's name is the type's name.
          Expr* te = f->type;
          if (te->kind == ExprKind::Star) te = static_cast<StarExpr*>(te)->x;
          // A generic type's instance (List[T]) is named by the type.
          if (te->kind == ExprKind::Index) te = static_cast<IndexExpr*>(te)->x;
          std::string name;
          if (te->kind == ExprKind::Ident) name = static_cast<Ident*>(te)->name;
          if (te->kind == ExprKind::Selector) name = static_cast<SelectorExpr*>(te)->sel->name;
          if (!seen.insert(name).second)
            errorf(f->type->pos, "%s redeclared\n\t%s: other declaration of %s", name,
                   posStr(f->type->pos), name);
          StructField sf;
          sf.name = name;
          sf.type = t;
          sf.embedded = true;
          sf.tag = f->tag;
          sf.exported = !name.empty() && std::isupper((unsigned char)name[0]);
          fields.push_back(sf);
          continue;
        }
        for (Ident* id : f->names) {
          if (id->name != "_" && !seen.insert(id->name).second)
            errorf(id->pos, "%s redeclared", id->name);
          StructField sf;
          sf.name = id->name;
          sf.type = t;
          sf.exported = std::isupper((unsigned char)id->name[0]);
          sf.tag = f->tag;
          fields.push_back(sf);
        }
      }
      return prog_.types.structType(std::move(fields));
    }
    case ExprKind::FuncType: {
      auto* sig = static_cast<FuncTypeExpr*>(e);
      checkParamNames(sig);
      return funcSignature(sig, nullptr, nullptr, nullptr);
    }
    case ExprKind::InterfaceType: {
      auto* it = static_cast<InterfaceTypeExpr*>(e);
      std::vector<IfaceMethod> ms;
      std::vector<std::vector<TypeTerm>> unions;
      bool cmpSet = false;
      // A union `~int | ~float64 | T` of a constraint's type set.
      std::function<void(Expr*, std::vector<TypeTerm>&)> terms = [&](Expr* x,
                                                                     std::vector<TypeTerm>& out) {
        if (x->kind == ExprKind::Binary && static_cast<BinaryExpr*>(x)->op == Op::Or) {
          terms(static_cast<BinaryExpr*>(x)->x, out);
          terms(static_cast<BinaryExpr*>(x)->y, out);
          return;
        }
        if (x->kind == ExprKind::Unary && static_cast<UnaryExpr*>(x)->op == Op::Tilde) {
          const Type* t = typeExpr(static_cast<UnaryExpr*>(x)->x);
          if (t->kind != Kind::Invalid) out.push_back(TypeTerm{true, t});
          return;
        }
        const Type* t = typeExpr(x);
        if (t->kind != Kind::Invalid) out.push_back(TypeTerm{false, t});
      };
      auto add = [&](const std::string& name, const Type* sig, Pos p) {
        for (auto& m : ms) {
          if (m.name == name) {
            if (m.sig != sig) errorf(p, "duplicate method %s", name);
            return;
          }
        }
        ms.push_back(IfaceMethod{name, sig});
      };
      for (Field* f : it->methods) {
        if (!f->names.empty()) {
          const Type* sig =
              f->type->kind == ExprKind::FuncType
                  ? (checkParamNames(static_cast<FuncTypeExpr*>(f->type)),
                     funcSignature(static_cast<FuncTypeExpr*>(f->type), nullptr, nullptr, nullptr))
                  : typeExpr(f->type);
          add(f->names[0]->name, sig, f->names[0]->pos);
          continue;
        }
        if (f->type->kind == ExprKind::Binary || f->type->kind == ExprKind::Unary) {
          std::vector<TypeTerm> u;
          terms(f->type, u);
          unions.push_back(std::move(u));
          continue;
        }
        const Type* t = typeExpr(f->type);
        if (t->kind == Kind::Invalid) continue;
        if (!t->underlying()) {
          error(f->type->pos, "invalid recursive type");
          continue;
        }
        if (!isInterface(t)) {
          // A single type: a type set of one term.
          unions.push_back({TypeTerm{false, t}});
          continue;
        }
        for (auto& m : t->underlying()->methods) add(m.name, m.sig, f->type->pos);
        for (auto& u : t->underlying()->unions) unions.push_back(u);
        cmpSet |= t->underlying()->comparableSet;
      }
      if (!unions.empty() || cmpSet)
        return prog_.types.constraintType(std::move(ms), std::move(unions), cmpSet);
      return prog_.types.interfaceType(std::move(ms));
    }
    case ExprKind::MapType: {
      auto* m = static_cast<MapTypeExpr*>(e);
      const Type* k = typeExpr(m->key);
      const Type* v = typeExpr(m->value);
      if (k->kind == Kind::Invalid || v->kind == Kind::Invalid) return invalid();
      if (k->underlying() && !comparable(k)) {
        errorf(m->key->pos, "invalid map key type %s%s", k,
               isTypeParam(k) ? " (missing comparable constraint)" : "");
        return invalid();
      }
      return prog_.types.map(k, v);
    }
    case ExprKind::ChanType: {
      auto* c = static_cast<ChanTypeExpr*>(e);
      const Type* el = typeExpr(c->elem);
      if (el->kind == Kind::Invalid) return invalid();
      return prog_.types.chan(el, c->dir);
    }
    case ExprKind::Ellipsis: error(e->pos, "invalid use of ..."); return invalid();
    default:
      rawExpr(e, nullptr);
      if (e->mode == Mode::Invalid) return invalid();
      if (e->mode != Mode::TypeExpr) {
        errorf(e->pos, "%s is not a type", Operand{e});
        return invalid();
      }
      return e->type;
  }
}

}  // namespace gol
