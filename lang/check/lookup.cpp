// Field and method lookup: the selector x.f, method expressions T.m, and the
// breadth-first search through embedded fields behind both, and whether a
// type implements an interface (go/types' lookup.go).
#include "lang/check/lookup.hpp"

#include <cctype>
#include <map>
#include <set>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

// One type reached by the breadth-first search: the receiver's type or an
// embedded field's, dereferenced.
struct Embedded {
  const Type* type;       // dereferenced: a named or literal type, never a pointer
  const Type* asWritten;  // before dereferencing (T or *T): the method's receiver base
  std::vector<int> path;
  std::vector<bool> derefs;
  bool viaPointer;  // this step itself dereferenced a pointer
  bool indirect;    // some step up to here did
  bool multiples;   // reached by more than one path at this depth: a name found here is ambiguous
};

// Go's consolidateMultiples: a type embedded twice at the same depth is
// searched once, and whatever it provides is ambiguous.
std::vector<Embedded> consolidate(std::vector<Embedded> list) {
  std::vector<Embedded> out;
  for (Embedded& e : list) {
    bool dup = false;
    for (Embedded& o : out)
      if (o.type == e.type) {
        o.multiples = true;
        dup = true;
        break;
      }
    if (!dup) out.push_back(std::move(e));
  }
  return out;
}

Embedded start(const Type* T) {
  Embedded e{T, T, {}, {}, false, false, false};
  if (T->kind == Kind::Pointer) {
    e.type = T->elem;
    e.viaPointer = e.indirect = true;
  }
  return e;
}

// The embedded fields of e's struct type, for the next depth.
void expand(const Embedded& e, std::vector<Embedded>& next) {
  const Type* u = e.type->underlying();
  if (!u || u->kind != Kind::Struct) return;
  for (size_t i = 0; i < u->fields.size(); i++) {
    const StructField& f = u->fields[i];
    if (!f.embedded || !f.type) continue;
    Embedded n = start(f.type);
    n.path = e.path;
    n.path.push_back(int(i));
    n.derefs = e.derefs;
    n.derefs.push_back(e.viaPointer);
    n.indirect = n.indirect || e.indirect;
    n.multiples = e.multiples;
    next.push_back(std::move(n));
  }
}

Selection methodSelection(const Embedded& e, Symbol* m) {
  Selection s;
  s.kind = SelectionKind::Method;
  s.path = e.path;
  s.derefs = e.derefs;
  s.method = m;
  s.type = m->type;
  s.indirect = e.indirect;
  s.recvBase = e.asWritten;
  return s;
}

Selection ifaceSelection(const Embedded& e, const Type* iface, size_t i) {
  Selection s;
  s.kind = SelectionKind::Method;
  s.path = e.path;
  s.derefs = e.derefs;
  s.type = iface->methods[i].sig;
  s.ifaceIndex = int(i);
  s.indirect = e.indirect;
  s.recvBase = e.asWritten;
  return s;
}

Selection lookupImpl(const Type* T, const std::string& name) {
  Selection none;
  std::vector<Embedded> current{start(T)};
  // A pointer to an interface has neither methods nor fields.
  if (current[0].viaPointer && isInterface(current[0].type)) return none;
  std::set<const Type*> seen;
  while (!current.empty()) {
    Selection found;
    std::vector<Embedded> next;
    // Records a match at this depth; a second one (or one inside a type
    // reached twice) makes the selector ambiguous.
    auto match = [&](Selection s, const Embedded& e) {
      if (found.kind != SelectionKind::None || e.multiples) {
        found = Selection();
        found.kind = SelectionKind::Ambiguous;
        return false;
      }
      found = std::move(s);
      return true;
    };
    for (const Embedded& e : current) {
      const Type* t = e.type;
      if (t->isNamed()) {
        // A type already searched at a shallower depth adds nothing.
        if (!seen.insert(t).second) continue;
        Symbol* m = nullptr;
        for (Symbol* d : t->declaredMethods)
          if (d->name == name) m = d;
        if (m) {
          if (!match(methodSelection(e, m), e)) return found;
          continue;  // a method excludes a field or interface method of the same type
        }
      }
      const Type* u = t->underlying();
      if (!u) continue;
      if (u->kind == Kind::Struct) {
        for (size_t i = 0; i < u->fields.size(); i++) {
          const StructField& f = u->fields[i];
          if (f.name != name) continue;
          Selection s;
          s.kind = SelectionKind::Field;
          s.path = e.path;
          s.path.push_back(int(i));
          s.derefs = e.derefs;
          s.derefs.push_back(e.viaPointer);
          s.type = f.type;
          s.indirect = e.indirect;
          if (!match(std::move(s), e)) return found;
        }
        expand(e, next);
      } else if (u->kind == Kind::Interface) {
        for (size_t i = 0; i < u->methods.size(); i++)
          if (u->methods[i].name == name && !match(ifaceSelection(e, u, i), e)) return found;
      }
    }
    if (found.kind != SelectionKind::None) return found;
    current = consolidate(std::move(next));
  }
  return none;
}

}  // namespace

Selection lookupFieldOrMethod(const Type* T, const std::string& name) {
  if (!T || name == "_") return Selection();
  // Methods cannot be declared on a named pointer type, but the fields of its
  // base type are reachable (go.dev/issue/8590).
  if (T->isNamed() && T->underlying() && T->underlying()->kind == Kind::Pointer) {
    Selection s = lookupImpl(T->underlying(), name);
    if (s.kind == SelectionKind::Method) return Selection();
    return s;
  }
  return lookupImpl(T, name);
}

std::vector<MethodSetEntry> computeMethodSet(const Type* T) {
  std::vector<MethodSetEntry> out;
  if (!T) return out;
  const Type* tu = T->underlying();
  if (!tu) return out;
  if (tu->kind == Kind::Interface) {
    Embedded e = start(T);
    for (size_t i = 0; i < tu->methods.size(); i++)
      out.push_back({tu->methods[i].name, ifaceSelection(e, tu, i)});
    return out;
  }
  if (T->isNamed() && tu->kind == Kind::Pointer) return out;  // named pointers have no methods
  std::vector<Embedded> current{start(T)};
  if (current[0].viaPointer && isInterface(current[0].type)) return out;
  // name -> the selection at its shallowest depth; nullopt-like (kind None)
  // when a collision or a field at that depth removes the name.
  std::map<std::string, Selection> base;
  std::set<const Type*> seen;
  while (!current.empty()) {
    std::map<std::string, Selection> methods;  // this depth
    std::set<std::string> fields;              // this depth
    std::vector<Embedded> next;
    auto add = [&](const std::string& name, Selection s, const Embedded& e, bool inSet) {
      if (!e.multiples && inSet && !methods.count(name))
        methods.emplace(name, std::move(s));
      else
        methods[name] = Selection();  // collision, or not callable: hides deeper ones
    };
    for (const Embedded& e : current) {
      const Type* t = e.type;
      if (t->isNamed()) {
        if (!seen.insert(t).second) continue;
        for (Symbol* m : t->declaredMethods) {
          Selection s = methodSelection(e, m);
          bool inSet = s.indirect || !s.pointerReceiver();
          add(m->name, std::move(s), e, inSet);
        }
      }
      const Type* u = t->underlying();
      if (!u) continue;
      if (u->kind == Kind::Struct) {
        for (const StructField& f : u->fields) fields.insert(f.name);
        expand(e, next);
      } else if (u->kind == Kind::Interface) {
        for (size_t i = 0; i < u->methods.size(); i++)
          add(u->methods[i].name, ifaceSelection(e, u, i), e, true);
      }
    }
    for (auto& [name, s] : methods) {
      if (base.count(name)) continue;
      if (fields.count(name)) s = Selection();  // a field and a method at one depth
      base.emplace(name, std::move(s));
    }
    for (const std::string& f : fields) base.emplace(f, Selection());
    current = consolidate(std::move(next));
  }
  for (auto& [name, s] : base)
    if (s.kind == SelectionKind::Method) out.push_back({name, std::move(s)});
  return out;
}

const std::vector<MethodSetEntry>& MethodSets::of(const Type* T) {
  auto it = cache_.find(T);
  if (it == cache_.end()) it = cache_.emplace(T, computeMethodSet(T)).first;
  return it->second;
}

void Checker::selector(SelectorExpr* e) {
  const std::string& name = e->sel->name;
  // Qualified identifier pkg.Name.
  if (e->x->kind == ExprKind::Ident) {
    auto* xi = static_cast<Ident*>(e->x);
    Symbol* s = e->internal ? nullptr : lookup(xi->name);
    if (e->internal) {
      if (Package* p = importPackage(xi->name, xi->pos, true)) {
        s = newSym(SymKind::Package, xi->name, xi->pos);
        s->package = p;
      }
    } else if (!s && file_ && file_->scriptMode) {
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
      if (it == p->members.end() && !p->lazyDecls.empty() &&
          (std::isupper((unsigned char)name[0]) || e->internal) && lazyMember(p, name))
        it = p->members.find(name);
      if (it == p->members.end() || (!std::isupper((unsigned char)name[0]) && !e->internal)) {
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
        case SymKind::Builtin: e->mode = Mode::Builtin; return;  // unsafe.Sizeof ...
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
    Selection l = lookupFieldOrMethod(T, name);
    if (l.kind != SelectionKind::Method) {
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
    // A pointer method is in T's method set when it is promoted through an
    // embedded pointer (struct{ *U }), so only a direct one needs (*T).M.
    if (l.pointerReceiver() && T->kind != Kind::Pointer && !l.indirect) {
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
  if (T->kind == Kind::Pointer && isTypeParam(T->elem)) {
    errorf(e->sel->pos, "%s undefined (type %s is pointer to type parameter, not type parameter)",
           e, T, name);
    return;
  }
  // A type parameter's methods are its constraint's (fields are not
  // reachable through a type parameter, whatever its core type).
  const Type* lookupT = T;
  if (isTypeParam(T))
    lookupT = prog_.types.interfaceType(T->constraint && T->constraint->underlying()
                                            ? T->constraint->underlying()->methods
                                            : std::vector<IfaceMethod>{});
  Selection l = lookupFieldOrMethod(lookupT, name);
  if (l.kind == SelectionKind::None) {
    errorf(e->sel->pos, "%s undefined (type %s has no field or method %s)", e, T, name);
    return;
  }
  if (l.kind == SelectionKind::Ambiguous) {
    errorf(e->sel->pos, "ambiguous selector %s", e);
    return;
  }
  e->path = l.path;
  e->derefs = l.derefs;
  bool anyDeref = false;
  for (bool d : l.derefs) anyDeref |= d;
  if (l.kind == SelectionKind::Field) {
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
  // A type parameter has the methods of its constraint.
  const Type* tu = isTypeParam(T) && T->constraint ? T->constraint->underlying() : T->underlying();
  if (tu && tu->kind == Kind::Interface) {
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
    Selection l = lookupFieldOrMethod(T, m.name);
    if (l.kind != SelectionKind::Method) {
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
