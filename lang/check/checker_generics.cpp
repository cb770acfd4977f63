// Generics: type parameters, constraints, inference and instantiation.
//
// A generic declaration is checked per type-argument list, on a copy of its
// syntax with the type parameters declared as names of the argument types
// (docs/architecture.md, "Generics"): the compiler then sees only ordinary
// concrete functions and types, so generic code runs as fast as the same
// code written for one type. The generic signature itself, with TypeParam
// types, serves inference; each generic body is also checked once as
// written, with TypeParam types (checkGenericBodies), for Go's errors.
#include <algorithm>
#include <cstdlib>

#include "lang/check/checker.hpp"
#include "lang/syntax/clone.hpp"

namespace gol {

namespace {

bool hasTypeParam(const Type* t) {
  if (!t) return false;
  switch (t->kind) {
    case Kind::TypeParam: return true;
    case Kind::Named:
      for (const Type* a : t->typeArgs)
        if (hasTypeParam(a)) return true;
      return false;
    case Kind::Array:
    case Kind::Slice:
    case Kind::Pointer:
    case Kind::Chan: return hasTypeParam(t->elem);
    case Kind::Map: return hasTypeParam(t->key) || hasTypeParam(t->elem);
    case Kind::Func:
      for (const Type* p : t->params)
        if (hasTypeParam(p)) return true;
      for (const Type* r : t->results)
        if (hasTypeParam(r)) return true;
      return false;
    case Kind::Struct:
      for (auto& f : t->fields)
        if (hasTypeParam(f.type)) return true;
      return false;
    case Kind::Tuple:
      for (const Type* e : t->elems)
        if (hasTypeParam(e)) return true;
      return false;
    default: return false;
  }
}

Expr* unparenE(Expr* e) {
  while (e && e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

// Where Go reports inference and constraint errors of a call: its '('.
Pos lparenOf(const CallExpr* e) {
  const Expr* f = e->fun;
  switch (f->kind) {
    case ExprKind::Ident: {
      auto* id = static_cast<const Ident*>(f);
      return Pos{id->pos.line, id->pos.col + uint32_t(id->name.size())};
    }
    case ExprKind::Selector: {
      auto* id = static_cast<const SelectorExpr*>(f)->sel;
      return Pos{id->pos.line, id->pos.col + uint32_t(id->name.size())};
    }
    default: return f->pos;
  }
}

}  // namespace

Generic* Checker::newGeneric(Symbol* sym, File* f, std::vector<Field*>& fields) {
  auto g = std::make_unique<Generic>();
  g->owner = this;
  g->sym = sym;
  g->file = f;
  g->fields = fields;
  for (Field* fl : fields)
    for (Ident* id : fl->names) g->names.push_back(id);
  sym->generic = g.get();
  context_->generics.push_back(std::move(g));
  return sym->generic;
}

// The constraint of a type parameter: an interface, or a bare type set
// (`[T ~int | ~string]`, `[T int]`) that stands for interface{ ... }.
const Type* Checker::constraintOf(Expr* e, bool* implicit) {
  Expr* u = unparenE(e);
  bool bare = u->kind == ExprKind::Binary ||
              (u->kind == ExprKind::Unary && static_cast<UnaryExpr*>(u)->op == Op::Tilde);
  if (implicit) *implicit = true;
  if (!bare) {
    const Type* t = typeExpr(e);
    if (t->kind == Kind::Invalid || isInterface(t)) {
      if (implicit) *implicit = false;
      return t;
    }
  }
  auto* it = file_->arena.make<InterfaceTypeExpr>();
  it->pos = e->pos;
  auto* f = file_->arena.make<Field>();
  f->pos = e->pos;
  f->type = e;
  it->methods.push_back(f);
  return typeExpr(it);
}

// A scope in which the type parameters' names denote `targs`.
Scope* Checker::bindScope(Generic* g, const std::vector<const Type*>& targs, File* f,
                          const std::vector<Ident*>& names) {
  auto sc = std::make_unique<Scope>();
  sc->parent = fileScopes_[f];
  for (size_t i = 0; i < names.size() && i < targs.size(); i++) {
    if (names[i]->name == "_") continue;
    Symbol* s = newSym(SymKind::TypeName, names[i]->name, names[i]->pos);
    s->type = targs[i];
    sc->names[s->name] = s;
  }
  bool open = false;
  for (const Type* a : targs) open |= hasTypeParam(a);
  if (!open) sc->instanceArgs = targs;
  (void)g;
  scopes_.push_back(std::move(sc));
  return scopes_.back().get();
}

void Checker::resolveGeneric(Generic* g) {
  if (g->resolved) return;
  g->resolved = true;
  for (size_t i = 0; i < g->names.size(); i++)
    g->params.push_back(prog_.types.newTypeParam(g->names[i]->name, int(i)));
  File* savedFile = file_;
  Scope* savedScope = scope_;
  FuncCtx* savedFn = fn_;
  file_ = g->file;
  fn_ = nullptr;
  scope_ = bindScope(g, g->params, g->file, g->names);
  // Constraints may refer to each other's parameters (`[M ~map[K]V, K
  // comparable]`): a first, silent pass gives every parameter its
  // constraint, so the second (reported) one sees K as comparable.
  size_t errsBefore = errs_.size();
  for (size_t i = 0, k = 0; i < g->fields.size(); i++) {
    const Type* c = constraintOf(g->fields[i]->type);
    for (size_t j = 0; j < g->fields[i]->names.size() && k < g->params.size(); j++, k++)
      const_cast<Type*>(g->params[k])->constraint = c;
  }
  errs_.resize(errsBefore);
  std::vector<bool> implicit;
  for (Field* f : g->fields) {
    bool bare = false;
    const Type* c = constraintOf(f->type, &bare);
    for (size_t j = 0; j < f->names.size(); j++) {
      g->bounds.push_back(c);
      implicit.push_back(bare);
    }
  }
  for (size_t i = 0; i < g->params.size(); i++) {
    const_cast<Type*>(g->params[i])->constraint = g->bounds[i];
    const_cast<Type*>(g->params[i])->implicitConstraint = implicit[i];
  }
  if (g->fdecl) g->sym->type = funcSignature(g->fdecl->sig, nullptr, nullptr, nullptr);
  file_ = savedFile;
  scope_ = savedScope;
  fn_ = savedFn;
  // A generic type stands for its instance over its own parameters (what
  // unification sees in generic signatures).
  if (g->tspec) g->sym->type = instantiateType(g, g->params);
  scope_ = savedScope;
  fn_ = savedFn;
}

// An instance's body is checked later (pending), with the type parameters
// bound in `bind`: instantiating may happen in the middle of another body.
// Its FuncDecl joins the declaring package's functions, which the compiler
// compiles like any other.
void Checker::queueInstanceBody(FuncDecl* clone, Symbol* sym, Scope* bind, File* file, Field* recv,
                                const FuncDecl* orig) {
  context_->pending.push_back([this, clone, sym, bind, file, recv, orig] {
    size_t errsBefore = errs_.size();
    file_ = file;
    scope_ = bind;
    fn_ = nullptr;
    curDecl_ = nullptr;
    clone->info = newFuncInfo();
    clone->info->name = sym->qualifiedName;
    clone->info->pos = clone->pos;
    pkg_->funcs.push_back(clone);
    checkFuncBody(clone->info, clone->sig, clone->body, recv);
    // Its errors were reported by the generic check, in Go's words (T, not
    // the instance's type arguments).
    if (genericBodyFailed_.count(orig)) errs_.resize(errsBefore);
  });
}

Symbol* Checker::instantiateFunc(Generic* g, const std::vector<const Type*>& targs) {
  if (g->owner != this) return g->owner->instantiateFunc(g, targs);
  auto it = g->funcs.find(targs);
  if (it != g->funcs.end()) return it->second;
  FuncDecl* clone = cloneFuncDecl(g->file->arena, g->fdecl);
  Symbol* inst = newSym(SymKind::Func, g->sym->name, g->sym->pos);
  inst->decl = clone;
  inst->native = !clone->body;
  // Go's tracebacks name instances "pkg.F[...]".
  inst->qualifiedName = pkg_->path + "." + g->sym->name + "[...]";
  clone->name->sym = inst;
  g->funcs[targs] = inst;
  File* savedFile = file_;
  Scope* savedScope = scope_;
  FuncCtx* savedFn = fn_;
  ObjDecl* savedDecl = curDecl_;
  file_ = g->file;
  fn_ = nullptr;
  curDecl_ = nullptr;
  Scope* bind = bindScope(g, targs, g->file, g->names);
  scope_ = bind;
  inst->type = funcSignature(clone->sig, nullptr, nullptr, nullptr);
  file_ = savedFile;
  scope_ = savedScope;
  fn_ = savedFn;
  curDecl_ = savedDecl;
  // An instance over type parameters (a call inside a generic body being
  // checked generically) only has a signature: its body is never run.
  bool open = false;
  for (const Type* a : targs) open |= hasTypeParam(a);
  if (!open) queueInstanceBody(clone, inst, bind, g->file, nullptr, g->fdecl);
  return inst;
}

const Type* Checker::instantiateType(Generic* g, const std::vector<const Type*>& targs) {
  if (g->owner != this) return g->owner->instantiateType(g, targs);
  auto it = g->types.find(targs);
  if (it != g->types.end()) return it->second;
  if (g->tspec->alias) return instantiateAlias(g, targs);
  Type* named = prog_.types.newNamed(g->sym->name, pkg_);
  named->typeArgs = targs;
  named->generic = g->sym;
  g->types[targs] = named;
  // The generic's own instance is its symbol's type, already while its
  // declaration resolves (`next *node[T]` refers to it).
  if (targs == g->params && !g->sym->type) g->sym->type = named;
  File* savedFile = file_;
  Scope* savedScope = scope_;
  FuncCtx* savedFn = fn_;
  ObjDecl* savedDecl = curDecl_;
  file_ = g->file;
  fn_ = nullptr;
  curDecl_ = nullptr;
  scope_ = bindScope(g, targs, g->file, g->names);
  // The declaration's own syntax is re-resolved: type expressions are not
  // compiled, so their annotations may be overwritten.
  const Type* u = typeExpr(g->tspec->type);
  if (!u->underlying()) u = invalid();
  prog_.types.setUnderlying(named, u);
  instantiateMethods(g, named, targs);
  file_ = savedFile;
  scope_ = savedScope;
  fn_ = savedFn;
  curDecl_ = savedDecl;
  return named;
}

// A generic alias (Go 1.24, `type Set[T comparable] = map[T]struct{}`)
// denotes its type with the arguments substituted: no new named type.
const Type* Checker::instantiateAlias(Generic* g, const std::vector<const Type*>& targs) {
  File* savedFile = file_;
  Scope* savedScope = scope_;
  FuncCtx* savedFn = fn_;
  ObjDecl* savedDecl = curDecl_;
  file_ = g->file;
  fn_ = nullptr;
  curDecl_ = nullptr;
  scope_ = bindScope(g, targs, g->file, g->names);
  const Type* t = typeExpr(g->tspec->type);
  g->types[targs] = const_cast<Type*>(t);
  file_ = savedFile;
  scope_ = savedScope;
  fn_ = savedFn;
  curDecl_ = savedDecl;
  return t;
}

// The methods of a generic type, for one instance: each a copy of the
// declaration with the receiver's type parameter names bound.
void Checker::instantiateMethods(Generic* g, Type* inst, const std::vector<const Type*>& targs) {
  auto mit = genericMethods_.find(g->sym->name);
  if (mit == genericMethods_.end()) return;
  bool open = false;
  for (const Type* a : targs) open |= hasTypeParam(a);
  for (FuncDecl* fd : mit->second) {
    FuncDecl* clone = cloneFuncDecl(g->file->arena, fd);
    Expr* rt = unparenE(clone->recv->type);
    bool ptr = false;
    if (rt->kind == ExprKind::Star) {
      ptr = true;
      rt = unparenE(static_cast<StarExpr*>(rt)->x);
    }
    std::vector<Ident*> names;
    if (rt->kind == ExprKind::Index) {
      auto* ix = static_cast<IndexExpr*>(rt);
      std::vector<Expr*> all{ix->index};
      all.insert(all.end(), ix->more.begin(), ix->more.end());
      for (Expr* a : all) {
        if (a->kind == ExprKind::Ident) {
          names.push_back(static_cast<Ident*>(a));
        } else {
          error(a->pos, "receiver type parameter " + exprString(a) + " must be an identifier");
          return;
        }
      }
    }
    if (names.size() != targs.size()) {
      error(rt->pos, "got " + std::to_string(names.size()) +
                         " type parameters, but receiver base type declares " +
                         std::to_string(targs.size()));
      continue;
    }
    const Type* recvT = ptr ? prog_.types.pointer(inst) : static_cast<const Type*>(inst);
    Symbol* m = newSym(SymKind::Func, fd->name->name, fd->name->pos);
    m->decl = clone;
    m->recvType = recvT;
    std::string tn = typeStringIn(inst, pkg_);
    m->qualifiedName = pkg_->path + "." +
                       (ptr ? "(*" + g->sym->name + "[...])" : g->sym->name + "[...]") + "." +
                       fd->name->name;
    clone->name->sym = m;
    clone->recv->type->type = recvT;
    clone->recv->type->mode = Mode::TypeExpr;
    Scope* bind = bindScope(g, targs, g->file, names);
    Scope* saved = scope_;
    scope_ = bind;
    m->type = funcSignature(clone->sig, nullptr, nullptr, nullptr);
    scope_ = saved;
    inst->declaredMethods.push_back(m);
    // An instance over type parameters (the generic type itself, or one
    // named in a generic body) needs its methods' signatures only.
    if (!open) queueInstanceBody(clone, m, bind, g->file, clone->recv, fd);
  }
}

const Type* Checker::subst(const Type* t, Generic* g, const std::vector<const Type*>& targs) {
  if (!t || !hasTypeParam(t)) {
    if (!t || t->kind != Kind::Interface) return t;
  }
  auto& tc = prog_.types;
  switch (t->kind) {
    case Kind::TypeParam:
      for (size_t i = 0; i < g->params.size(); i++)
        if (g->params[i] == t) return i < targs.size() && targs[i] ? targs[i] : t;
      return t;
    case Kind::Named: {
      std::vector<const Type*> as;
      for (const Type* a : t->typeArgs) as.push_back(subst(a, g, targs));
      return instantiateType(t->generic->generic, as);
    }
    case Kind::Array: return tc.array(subst(t->elem, g, targs), t->len);
    case Kind::Slice: return tc.slice(subst(t->elem, g, targs));
    case Kind::Pointer: return tc.pointer(subst(t->elem, g, targs));
    case Kind::Chan: return tc.chan(subst(t->elem, g, targs), t->dir);
    case Kind::Map: return tc.map(subst(t->key, g, targs), subst(t->elem, g, targs));
    case Kind::Func: {
      std::vector<const Type*> ps, rs;
      for (const Type* p : t->params) ps.push_back(subst(p, g, targs));
      for (const Type* r : t->results) rs.push_back(subst(r, g, targs));
      return tc.func(ps, rs, t->variadic);
    }
    case Kind::Tuple: {
      std::vector<const Type*> es;
      for (const Type* e : t->elems) es.push_back(subst(e, g, targs));
      return tc.tuple(es);
    }
    case Kind::Struct: {
      std::vector<StructField> fs = t->fields;
      for (auto& f : fs) f.type = subst(f.type, g, targs);
      return tc.structType(fs);
    }
    case Kind::Interface: {
      std::vector<IfaceMethod> ms = t->methods;
      for (auto& m : ms) m.sig = subst(m.sig, g, targs);
      auto us = t->unions;
      for (auto& u : us)
        for (auto& term : u) term.type = subst(term.type, g, targs);
      if (us.empty() && !t->comparableSet) return tc.interfaceType(ms);
      return tc.constraintType(ms, us, t->comparableSet);
    }
    default: return t;
  }
}

// Whether T is in the type set of `bound` (an interface); `why` gets Go's
// explanation.
bool Checker::satisfies(const Type* T, const Type* bound, std::string* why) {
  const Type* bu = bound->underlying();
  if (!bu || bu->kind != Kind::Interface) return true;
  if (isTypeParam(T)) return typeParamSatisfies(T, bound, why);
  for (auto& u : bu->unions) {
    bool in = false;
    for (auto& term : u) {
      const Type* tt = term.type;
      if (term.tilde ? T->underlying() == tt->underlying() : T == tt) in = true;
      if (!in && isInterface(tt) && !tt->underlying()->unions.empty() && satisfies(T, tt, nullptr))
        in = true;
    }
    if (!in) {
      if (why)
        *why = tstr(T) + " does not implement " + tstr(bound) + " (" + tstr(T) + " missing in " +
               unionString(u, pkg_) + ")";
      return false;
    }
  }
  if (bu->comparableSet && !comparable(T)) {
    if (why) *why = tstr(T) + " does not implement comparable";
    return false;
  }
  if (!hasBoundMethods(T, bound, why)) return false;
  return true;
}

// T has the methods of the constraint bound; otherwise *why (if given) says
// which is missing, naming the bound as Go does (implements() would name the
// method-only interface made from it).
bool Checker::hasBoundMethods(const Type* T, const Type* bound, std::string* why) {
  const Type* bu = bound->underlying();
  if (bu->methods.empty()) return true;
  const Type* mi = prog_.types.interfaceType(bu->methods);
  std::string r;
  if (implements(T, mi, &r)) return true;
  if (why) {
    std::string head = tstr(T) + " does not implement " + tstr(mi);
    if (r.compare(0, head.size(), head) == 0)
      r = tstr(T) + " does not implement " + tstr(bound) + r.substr(head.size());
    *why = r;
  }
  return false;
}

// A type parameter as a type argument (a call inside a generic body): its
// constraint must imply the bound, checked in go/types' order (methods,
// comparable, type set).
bool Checker::typeParamSatisfies(const Type* T, const Type* bound, std::string* why) {
  const Type* bu = bound->underlying();
  if (!hasBoundMethods(T, bound, why)) return false;
  if (bu->comparableSet && !comparable(T)) {
    if (why) *why = tstr(T) + " does not implement comparable";
    return false;
  }
  if (!typeSetIncludes(T, bu)) {
    if (why) *why = tstr(T) + " does not implement " + tstr(bound);
    return false;
  }
  return true;
}

bool Checker::verifyTypeArgs(Generic* g, const std::vector<const Type*>& targs,
                             const std::vector<Pos>& poss) {
  g->owner->resolveGeneric(g);
  for (size_t i = 0; i < targs.size() && i < g->bounds.size(); i++) {
    // A type built from type parameters (`[]T`) is checked per instance; a
    // type parameter itself by its constraint.
    if (hasTypeParam(targs[i]) && !isTypeParam(targs[i])) continue;
    if (isTypeParam(targs[i]) && !targs[i]->constraint) continue;
    const Type* b = subst(g->bounds[i], g, targs);
    std::string why;
    if (!satisfies(targs[i], b, &why)) {
      error(i < poss.size() ? poss[i] : poss.back(), why);
      return false;
    }
  }
  return true;
}

// Structural unification of a parameter type (with g's type parameters)
// against an argument type; binds what it can in `targs`. Mismatches are
// left to the ordinary assignability check of the instantiated call.
void Checker::unify(Generic* g, const Type* p, const Type* a, std::vector<const Type*>& targs) {
  if (!p || !a || !hasTypeParam(p)) return;
  if (p->kind == Kind::TypeParam) {
    for (size_t i = 0; i < g->params.size(); i++) {
      if (g->params[i] != p) continue;
      if (!targs[i] && !isUntyped(a)) targs[i] = a;
      return;
    }
    return;
  }
  if (p->kind == Kind::Named) {
    if (a->kind == Kind::Named && a->generic == p->generic &&
        a->typeArgs.size() == p->typeArgs.size())
      for (size_t i = 0; i < p->typeArgs.size(); i++)
        unify(g, p->typeArgs[i], a->typeArgs[i], targs);
    // Go's inexact unification: a defined type against a type literal
    // unifies its underlying type with the literal (iter.Seq[V] against
    // func(yield func(int) bool)).
    else if (a->kind != Kind::Named && p->underlying() && p->underlying() != p)
      unify(g, p->underlying(), a, targs);
    return;
  }
  const Type* au = operandType(a);
  if (!au || au->kind != p->kind) return;
  switch (p->kind) {
    case Kind::Array:
    case Kind::Slice:
    case Kind::Pointer:
    case Kind::Chan: unify(g, p->elem, au->elem, targs); return;
    case Kind::Map:
      unify(g, p->key, au->key, targs);
      unify(g, p->elem, au->elem, targs);
      return;
    case Kind::Func:
      for (size_t i = 0; i < p->params.size() && i < au->params.size(); i++)
        unify(g, p->params[i], au->params[i], targs);
      for (size_t i = 0; i < p->results.size() && i < au->results.size(); i++)
        unify(g, p->results[i], au->results[i], targs);
      return;
    case Kind::Struct:
      for (size_t i = 0; i < p->fields.size() && i < au->fields.size(); i++)
        unify(g, p->fields[i].type, au->fields[i].type, targs);
      return;
    default: return;
  }
}

// The generic function or type that e (an identifier or pkg.Name) denotes.
Generic* Checker::genericOf(Expr* e) {
  e = unparenE(e);
  Symbol* s = nullptr;
  if (e->kind == ExprKind::Ident) {
    s = static_cast<Ident*>(e)->sym;
  } else if (e->kind == ExprKind::Selector) {
    auto* sel = static_cast<SelectorExpr*>(e);
    if (sel->selKind == SelKind::Qualified) s = sel->target;
  }
  return s ? s->generic : nullptr;
}

// The explicit type arguments of e, and where each is written.
bool Checker::typeArgList(IndexExpr* e, std::vector<const Type*>& targs, std::vector<Pos>& poss) {
  std::vector<Expr*> all{e->index};
  all.insert(all.end(), e->more.begin(), e->more.end());
  bool ok = true;
  for (Expr* a : all) {
    const Type* t = typeExpr(a);
    if (t->kind == Kind::Invalid) ok = false;
    targs.push_back(t);
    poss.push_back(a->pos);
  }
  return ok;
}

// Points the expression naming a generic function at its instance, so that
// the compiler sees a call of, or a reference to, an ordinary function.
static void bindInstance(Expr* f, Symbol* inst) {
  f = unparenE(f);
  if (f->kind == ExprKind::Index) {
    auto* ix = static_cast<IndexExpr*>(f);
    ix->inst = inst;
    ix->type = inst->type;
    ix->mode = Mode::Value;
    bindInstance(ix->x, inst);
    return;
  }
  if (f->kind == ExprKind::Ident) static_cast<Ident*>(f)->sym = inst;
  if (f->kind == ExprKind::Selector) {
    auto* sel = static_cast<SelectorExpr*>(f);
    sel->target = inst;
    sel->sel->sym = inst;
  }
  f->type = inst->type;
  f->mode = Mode::Value;
}

// x[T1, T2]: the instance of a generic function or type. Returns false when
// x is not generic (an ordinary index expression).
bool Checker::genericIndex(IndexExpr* e) {
  Expr* x = unparenE(e->x);
  if (x->kind != ExprKind::Ident && x->kind != ExprKind::Selector) return false;
  if (x->kind == ExprKind::Selector &&
      unparenE(static_cast<SelectorExpr*>(x)->x)->kind != ExprKind::Ident)
    return false;
  rawExpr(e->x, nullptr);
  Generic* g = e->x->mode == Mode::Invalid ? nullptr : genericOf(e->x);
  if (!g) {
    if (!e->more.empty() && e->x->mode != Mode::Invalid)
      error(e->pos, "invalid operation: more than one index");
    return false;
  }
  g->owner->resolveGeneric(g);
  std::vector<const Type*> targs;
  std::vector<Pos> poss;
  e->mode = Mode::Invalid;
  e->type = invalid();
  if (!typeArgList(e, targs, poss)) return true;
  size_t n = g->params.size();
  if (targs.size() > n) {
    error(poss[n],
          "got " + std::to_string(targs.size()) + " type arguments but want " + std::to_string(n));
    return true;
  }
  if (g->tspec) {
    if (targs.size() < n) {
      error(e->pos, "not enough type arguments for type " + g->sym->name + ": have " +
                        std::to_string(targs.size()) + ", want " + std::to_string(n));
      return true;
    }
    if (!verifyTypeArgs(g, targs, poss)) return true;
    e->type = instantiateType(g, targs);
    e->mode = Mode::TypeExpr;
    return true;
  }
  if (targs.size() < n) {
    error(e->pos, "cannot use generic function " + exprString(e->x) + " without instantiation");
    return true;
  }
  if (!verifyTypeArgs(g, targs, poss)) return true;
  bindInstance(e, instantiateFunc(g, targs));
  return true;
}

// A call of a generic function, with explicit (possibly partial) type
// arguments or none: infers the rest from the arguments, instantiates, and
// checks the call as an ordinary one. Returns false when the callee is not
// generic.
bool Checker::genericCall(CallExpr* e) {
  Expr* f = unparenE(e->fun);
  IndexExpr* ix = nullptr;
  Expr* base = f;
  if (f->kind == ExprKind::Index) {
    ix = static_cast<IndexExpr*>(f);
    base = unparenE(ix->x);
  }
  if (base->kind != ExprKind::Ident && base->kind != ExprKind::Selector) return false;
  if (base->kind == ExprKind::Selector &&
      unparenE(static_cast<SelectorExpr*>(base)->x)->kind != ExprKind::Ident)
    return false;
  rawExpr(base, nullptr);
  if (base->mode == Mode::Invalid || base->mode == Mode::TypeExpr) return false;
  Generic* g = genericOf(base);
  if (!g || !g->fdecl) return false;
  g->owner->resolveGeneric(g);
  size_t n = g->params.size();
  std::vector<const Type*> targs;
  std::vector<Pos> poss;
  auto fail = [&] {
    for (Expr* a : e->args)
      if (a->mode == Mode::Invalid && !a->type) rawExpr(a, nullptr);
    e->mode = Mode::Invalid;
    e->type = invalid();
    return true;
  };
  if (ix) {
    if (!typeArgList(ix, targs, poss)) return fail();
    if (targs.size() > n) {
      error(poss[n], "got " + std::to_string(targs.size()) + " type arguments but want " +
                         std::to_string(n));
      return fail();
    }
  }
  targs.resize(n, nullptr);
  const Type* gsig = g->sym->type;
  // The arguments, checked once without a target type.
  std::vector<const Type*> argTypes;
  if (e->args.size() == 1 && !e->hasEllipsis) {
    multiValue(e->args[0]);
    if (e->args[0]->mode == Mode::Invalid) return fail();
    if (e->args[0]->type->kind == Kind::Tuple)
      argTypes = e->args[0]->type->elems;
    else
      argTypes.push_back(e->args[0]->type);
  } else {
    for (Expr* a : e->args) {
      rvalue(a);
      if (a->mode == Mode::Invalid) return fail();
      argTypes.push_back(a->type);
    }
  }
  auto paramFor = [&](size_t i) -> const Type* {
    size_t np = gsig->params.size();
    if (np == 0) return nullptr;
    if (gsig->variadic && i >= np - 1)
      return e->hasEllipsis ? gsig->params[np - 1] : gsig->params[np - 1]->elem;
    return i < np ? gsig->params[i] : nullptr;
  };
  for (size_t i = 0; i < argTypes.size(); i++) unify(g, paramFor(i), argTypes[i], targs);
  // Core types: a parameter constrained by ~[]E binds E from its argument.
  for (int round = 0; round < 4; round++) {
    for (size_t i = 0; i < n; i++) {
      const Type* b = g->bounds[i] ? g->bounds[i]->underlying() : nullptr;
      if (!b || b->unions.size() != 1 || b->unions[0].size() != 1) continue;
      const TypeTerm& term = b->unions[0][0];
      if (targs[i]) {
        // A type parameter argument (a call inside a generic body) unifies
        // through its core type.
        const Type* a = isTypeParam(targs[i]) ? operandType(targs[i])
                        : term.tilde          ? targs[i]->underlying()
                                              : targs[i];
        unify(g, term.type, a, targs);
      } else {
        const Type* t = subst(term.type, g, targs);
        if (!hasTypeParam(t) && !term.tilde) targs[i] = t;
      }
    }
  }
  // Untyped constants: the default type of the "largest" kind among the
  // arguments of each still unbound parameter (Go 1.21).
  for (size_t i = 0; i < n; i++) {
    if (targs[i]) continue;
    const Type* best = nullptr;
    for (size_t j = 0; j < argTypes.size(); j++) {
      if (paramFor(j) != g->params[i] || !isUntyped(argTypes[j])) continue;
      if (argTypes[j]->kind == Kind::UntypedNil) continue;
      if (!best || int(argTypes[j]->kind) > int(best->kind)) best = argTypes[j];
    }
    if (best) targs[i] = defaultOf(best);
  }
  for (size_t i = 0; i < n; i++) {
    if (targs[i]) continue;
    File* gf = g->file;
    Pos dp = g->names[i]->pos;
    error(lparenOf(e), "cannot infer " + g->names[i]->name + " (" + gf->filename + ":" +
                           std::to_string(dp.line) + ":" + std::to_string(dp.col) + ")");
    return fail();
  }
  // Explicit type arguments are reported where written, inferred ones at
  // the call's '('.
  poss.resize(n, lparenOf(e));
  if (!verifyTypeArgs(g, targs, poss)) return fail();
  Symbol* inst = instantiateFunc(g, targs);
  bindInstance(e->fun, inst);
  e->callKind = CallKind::Static;
  e->callee = inst;
  const Type* sig = inst->type;
  checkArgs(e, sig, exprString(e->fun), true);
  callResult(e, sig);
  return true;
}

// The generic check: each generic function's and each generic type's
// method's body is checked once as written, its type parameters TypeParam
// types whose operations are those of their type sets (typeset.cpp), so
// that Go's errors are reported whether or not anything instantiates it.
// The copy checked is thrown away: the compiler only sees instances.
void Checker::checkGenericBodies() {
  // The standard packages' generic bodies are checked by CTest
  // (std_generic_bodies, GOL_CHECK_STD=1), not at every start-up: they cost
  // a program that imports slices and maps about 7 ms.
  static const bool checkStd = [] {
    const char* v = std::getenv("GOL_CHECK_STD");
    return v && *v && std::string_view(v) != "0";
  }();
  if (pkg_->path != "main" && !checkStd) return;
  File* savedFile = file_;
  Scope* savedScope = scope_;
  FuncCtx* savedFn = fn_;
  ObjDecl* savedDecl = curDecl_;
  for (FuncDecl* fd : genericDecls_) {
    if (!fd->body) continue;
    size_t errsBefore = errs_.size();
    size_t lits = pkg_->funcLits.size();
    fn_ = nullptr;
    curDecl_ = nullptr;
    if (fd->recv)
      checkGenericMethodBody(fd);
    else
      checkGenericFuncBody(fd);
    pkg_->funcLits.resize(lits);
    if (errs_.size() > errsBefore) genericBodyFailed_.insert(fd);
  }
  file_ = savedFile;
  scope_ = savedScope;
  fn_ = savedFn;
  curDecl_ = savedDecl;
}

void Checker::checkGenericFuncBody(FuncDecl* fd) {
  Generic* g = fd->name->sym ? fd->name->sym->generic : nullptr;
  if (!g) return;
  resolveGeneric(g);
  FuncDecl* clone = cloneFuncDecl(g->file->arena, fd);
  file_ = g->file;
  scope_ = bindScope(g, g->params, g->file, g->names);
  FuncInfo* info = newFuncInfo();
  info->name = pkg_->path + "." + fd->name->name;
  info->pos = fd->pos;
  checkFuncBody(info, clone->sig, clone->body, nullptr);
}

// A method's receiver names the type's parameters anew (`(s *Stack[E])`):
// its body sees type parameters of those names, with the type's
// constraints.
void Checker::checkGenericMethodBody(FuncDecl* fd) {
  auto it = pkgScope_.names.find(recvBaseNameOf(fd));
  if (it == pkgScope_.names.end() || !it->second->generic) return;
  Generic* g = it->second->generic;
  if (!g->tspec) return;
  resolveGeneric(g);
  FuncDecl* clone = cloneFuncDecl(g->file->arena, fd);
  Expr* rt = unparenE(clone->recv->type);
  bool ptr = false;
  if (rt->kind == ExprKind::Star) {
    ptr = true;
    rt = unparenE(static_cast<StarExpr*>(rt)->x);
  }
  if (rt->kind != ExprKind::Index) return;
  auto* ix = static_cast<IndexExpr*>(rt);
  std::vector<Expr*> all{ix->index};
  all.insert(all.end(), ix->more.begin(), ix->more.end());
  std::vector<Ident*> names;
  for (Expr* a : all) {
    if (a->kind != ExprKind::Ident) return;  // reported by instantiateMethods
    names.push_back(static_cast<Ident*>(a));
  }
  if (names.size() != g->params.size()) return;
  std::vector<const Type*> params = g->params;
  bool renamed = false;
  for (size_t i = 0; i < names.size(); i++) renamed |= names[i]->name != g->names[i]->name;
  if (renamed) {
    for (size_t i = 0; i < names.size(); i++)
      params[i] = prog_.types.newTypeParam(names[i]->name, int(i));
    for (size_t i = 0; i < names.size(); i++) {
      auto* tp = const_cast<Type*>(params[i]);
      tp->constraint = subst(g->bounds[i], g, params);
      tp->implicitConstraint = g->params[i]->implicitConstraint;
    }
  }
  const Type* inst = instantiateType(g, params);
  const Type* recvT = ptr ? prog_.types.pointer(inst) : inst;
  clone->recv->type->type = recvT;
  clone->recv->type->mode = Mode::TypeExpr;
  file_ = g->file;
  scope_ = bindScope(g, params, g->file, names);
  FuncInfo* info = newFuncInfo();
  info->name = pkg_->path + "." + g->sym->name + "." + fd->name->name;
  info->pos = fd->pos;
  checkFuncBody(info, clone->sig, clone->body, clone->recv);
}

// Imports used only inside generic declarations count as used even when
// nothing instantiates them.
void Checker::markGenericImports() {
  std::function<void(const Ident*)> visit = [&](const Ident* id) {
    for (Symbol* s : importSyms_)
      if (s->name == id->name) usedImports_.insert(s);
  };
  AstArena scratch;
  for (FuncDecl* d : genericDecls_) cloneFuncDecl(scratch, d, &visit);
}

}  // namespace gol
