// Field and method lookup: the selector x.f, method expressions T.m, and the
// breadth-first search through embedded fields behind both, and whether a
// type implements an interface (go/types' lookup.go).
#include <cctype>

#include "lang/check/checker.hpp"

namespace gol {

std::vector<Symbol*>& Checker::methodsOf(const Type* named) {
  return const_cast<Type*>(named)->declaredMethods;
}

Checker::Lookup Checker::lookupFieldOrMethod(const Type* T, const std::string& name) {
  struct Entry {
    const Type* t;
    std::vector<int> path;
    std::vector<bool> derefs;
    bool indirect;
  };
  Lookup res;
  if (!T || name == "_") return res;
  std::vector<Entry> current{{T, {}, {}, false}};
  std::set<const Type*> seen;
  bool top = true;
  while (!current.empty()) {
    std::vector<Lookup> found;
    std::vector<Entry> next;
    for (Entry& en : current) {
      const Type* t = en.t;
      bool deref = false;
      if (t->kind == Kind::Pointer) {
        t = t->elem;
        deref = true;
      } else if (top && t->isNamed() && t->underlying() && t->underlying()->kind == Kind::Pointer) {
        // Named pointer types have no methods, but their base's fields are
        // reachable.
        t = t->underlying()->elem;
        deref = true;
      }
      if (t->isNamed()) {
        if (seen.count(t)) continue;
        seen.insert(t);
        for (Symbol* m : t->declaredMethods) {
          if (m->name != name) continue;
          Lookup l;
          l.kind = Lookup::Method;
          l.path = en.path;
          l.derefs = en.derefs;
          l.method = m;
          l.type = m->type;
          l.indirect = en.indirect || deref;
          l.recvBase = en.t;
          found.push_back(l);
        }
      }
      const Type* u = t->underlying();
      if (!u) continue;
      if (u->kind == Kind::Struct) {
        for (size_t i = 0; i < u->fields.size(); i++) {
          const StructField& f = u->fields[i];
          if (f.name == name) {
            Lookup l;
            l.kind = Lookup::Field;
            l.path = en.path;
            l.path.push_back(int(i));
            l.derefs = en.derefs;
            l.derefs.push_back(deref);
            l.type = f.type;
            l.indirect = en.indirect || deref;
            found.push_back(l);
          }
          if (f.embedded) {
            Entry ne{f.type, en.path, en.derefs, en.indirect || deref};
            ne.path.push_back(int(i));
            ne.derefs.push_back(deref);
            next.push_back(ne);
          }
        }
      } else if (u->kind == Kind::Interface && !deref) {
        for (size_t i = 0; i < u->methods.size(); i++) {
          if (u->methods[i].name == name) {
            Lookup l;
            l.kind = Lookup::Method;
            l.path = en.path;
            l.derefs = en.derefs;
            l.type = u->methods[i].sig;
            l.ifaceIndex = int(i);
            l.indirect = en.indirect;
            l.recvBase = en.t;
            found.push_back(l);
          }
        }
      }
    }
    if (found.size() == 1) return found[0];
    if (found.size() > 1) {
      res.kind = Lookup::Ambiguous;
      return res;
    }
    current = std::move(next);
    top = false;
  }
  return res;
}

void Checker::selector(SelectorExpr* e) {
  const std::string& name = e->sel->name;
  // Qualified identifier pkg.Name.
  if (e->x->kind == ExprKind::Ident) {
    auto* xi = static_cast<Ident*>(e->x);
    Symbol* s = lookup(xi->name);
    if (!s && file_ && file_->scriptMode) {
      if (Package* p = importPackage(pathForName(xi->name), xi->pos, true)) {
        s = newSym(SymKind::Package, xi->name, xi->pos);
        s->package = p;
        fileScopes_[file_]->names[xi->name] = s;
      }
    }
    if (s && s->kind == SymKind::Package) {
      xi->sym = s;
      xi->mode = Mode::PackageName;
      usedImports_.insert(s);
      Package* p = s->package;
      auto it = p->members.find(name);
      if (it == p->members.end() || !std::isupper((unsigned char)name[0])) {
        errorf(e->sel->pos, "undefined: %s.%s", xi->name, name);
        return;
      }
      Symbol* m = it->second;
      e->selKind = SelKind::Qualified;
      e->target = m;
      e->sel->sym = m;
      switch (m->kind) {
        case SymKind::Var:
          e->mode = Mode::Variable;
          e->type = m->type;
          break;
        case SymKind::Const:
          e->mode = Mode::Constant;
          e->type = m->type;
          e->value = m->value;
          break;
        case SymKind::TypeName:
          e->mode = Mode::TypeExpr;
          e->type = m->type;
          break;
        case SymKind::Func:
          e->mode = Mode::Value;
          e->type = m->type;
          break;
        default: errorf(e->sel->pos, "undefined: %s.%s", xi->name, name); return;
      }
      if (!e->type || e->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      return;
    }
  }
  rawExpr(e->x, nullptr);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) return;
  if (x->mode == Mode::TypeExpr) {
    // Method expression T.M or (*T).M.
    const Type* T = x->type;
    Lookup l = lookupFieldOrMethod(T, name);
    if (l.kind != Lookup::Method) {
      errorf(e->sel->pos, "%s undefined (type %s has no method %s)", e, T, name);
      return;
    }
    std::vector<const Type*> params{T};
    for (auto* p : l.type->params) params.push_back(p);
    e->selKind = SelKind::MethodExpr;
    e->target = l.method;
    e->path = l.path;
    e->derefs = l.derefs;
    e->methodIndex = l.ifaceIndex;
    if (l.method && l.method->recvType && l.method->recvType->kind == Kind::Pointer &&
        T->kind != Kind::Pointer) {
      errorf(e->sel->pos, "invalid method expression %s (needs pointer receiver (*%s).%s)", e, T,
             name);
      return;
    }
    e->type = prog_.types.func(params, l.type->results, l.type->variadic);
    e->mode = Mode::Value;
    if (l.method && curDecl_) curDecl_->deps.push_back(l.method);
    return;
  }
  if (x->mode == Mode::NoValue || x->mode == Mode::Builtin || x->mode == Mode::PackageName ||
      (x->type && x->type->kind == Kind::Tuple)) {
    rvalue(x);  // reports
    return;
  }
  const Type* T = x->type;
  if (isUntyped(T)) {
    defaultType(x);
    T = x->type;
  }
  Lookup l = lookupFieldOrMethod(T, name);
  if (l.kind == Lookup::None) {
    errorf(e->sel->pos, "%s undefined (type %s has no field or method %s)", e, T, name);
    return;
  }
  if (l.kind == Lookup::Ambiguous) {
    errorf(e->sel->pos, "ambiguous selector %s", e);
    return;
  }
  e->path = l.path;
  e->derefs = l.derefs;
  bool anyDeref = false;
  for (bool d : l.derefs) anyDeref |= d;
  if (l.kind == Lookup::Field) {
    e->selKind = SelKind::Field;
    e->type = l.type;
    e->mode = (x->mode == Mode::Variable || anyDeref) ? Mode::Variable : Mode::Value;
    return;
  }
  e->type = l.type;
  e->mode = Mode::Value;
  if (!l.method) {
    e->selKind = SelKind::InterfaceMethod;
    e->methodIndex = l.ifaceIndex;
    return;
  }
  e->selKind = SelKind::Method;
  e->target = l.method;
  if (curDecl_) curDecl_->deps.push_back(l.method);
  bool recvIsPtr = l.recvBase->kind == Kind::Pointer;
  bool wantPtr = l.method->recvType && l.method->recvType->kind == Kind::Pointer;
  if (wantPtr && !recvIsPtr) {
    if (x->mode == Mode::Variable || anyDeref) {
      e->addrRecv = true;
      if (!anyDeref) markAddrTaken(x);
    } else {
      errorf(e->pos, "cannot call pointer method %s on %s", name, T);
      e->mode = Mode::Invalid;
    }
  } else if (!wantPtr && recvIsPtr) {
    e->derefRecv = true;
  }
}

// ------------------------------------------------------- interface satisfaction

// Whether T implements the interface `iface`; sets *reason (Go's text) if not.
bool Checker::implements(const Type* T, const Type* iface, std::string* reason) {
  const Type* iu = iface->underlying();
  if (!iu || iu->kind != Kind::Interface) return false;
  if (!T || !T->underlying()) return false;
  if (T->underlying()->kind == Kind::Interface) {
    const Type* tu = T->underlying();
    for (auto& m : iu->methods) {
      bool ok = false;
      for (auto& tm : tu->methods)
        if (tm.name == m.name && tm.sig == m.sig) ok = true;
      if (!ok) {
        if (reason)
          *reason = sprintf("%s does not implement %s (missing %s method)", T, iface, m.name);
        return false;
      }
    }
    return true;
  }
  for (auto& m : iu->methods) {
    Lookup l = lookupFieldOrMethod(T, m.name);
    if (l.kind != Lookup::Method) {
      if (reason)
        *reason = sprintf("%s does not implement %s (missing %s method)", T, iface, m.name);
      return false;
    }
    if (l.type != m.sig) {
      if (reason) {
        std::string have = typeStringIn(l.type, pkg_).substr(4);
        std::string want = typeStringIn(m.sig, pkg_).substr(4);
        *reason = sprintf(
            "%s does not implement %s (wrong type for %s method)\n\t\thave %s%s\n\t\twant %s%s", T,
            iface, m.name, m.name, have, m.name, want);
      }
      return false;
    }
    if (l.method && l.method->recvType && l.method->recvType->kind == Kind::Pointer &&
        T->kind != Kind::Pointer && !l.indirect) {
      if (reason)
        *reason =
            sprintf("%s does not implement %s (%s method has pointer receiver)", T, iface, m.name);
      return false;
    }
  }
  return true;
}

std::string Checker::missingMethodReason(const Type* T, const Type* iface) {
  std::string r;
  implements(T, iface, &r);
  return r;
}

}  // namespace gol
