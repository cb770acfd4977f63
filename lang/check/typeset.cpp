// Type sets of type parameters: what a generic body may do with a value of
// type T is what every type in T's type set permits (spec "Type
// parameters", "Core types"). The checker checks each generic body once with
// its type parameters as TypeParam types (docs/architecture.md, "Generics"),
// and these functions answer its questions about them.
#include <algorithm>

#include "lang/check/types.hpp"

namespace gol {

namespace {

// Whether term `outer` includes every type of term `inner`.
bool termIncludes(const TypeTerm& outer, const TypeTerm& inner) {
  if (outer.tilde) return outer.type->underlying() == inner.type->underlying();
  return !inner.tilde && outer.type == inner.type;
}

void expandInterface(const Type* iface, TypeSetTerms& out);

// The terms of one union, interface terms replaced by their own terms.
TypeSetTerms unionTerms(const std::vector<TypeTerm>& u) {
  TypeSetTerms out;
  out.restricted = true;
  for (const TypeTerm& t : u) {
    const Type* tu = t.type ? t.type->underlying() : nullptr;
    if (!tu) continue;
    if (tu->kind == Kind::Interface) {
      TypeSetTerms sub;
      expandInterface(tu, sub);
      if (!sub.restricted) return TypeSetTerms{};  // `any | int`: every type
      out.terms.insert(out.terms.end(), sub.terms.begin(), sub.terms.end());
      continue;
    }
    out.terms.push_back(t);
  }
  return out;
}

// The intersection of an interface's unions.
void expandInterface(const Type* iface, TypeSetTerms& out) {
  out = TypeSetTerms{};
  for (const auto& u : iface->unions) {
    TypeSetTerms ut = unionTerms(u);
    if (!ut.restricted) continue;
    if (!out.restricted) {
      out = std::move(ut);
      continue;
    }
    std::vector<TypeTerm> kept;
    for (const TypeTerm& t : out.terms)
      for (const TypeTerm& o : ut.terms)
        if (termIncludes(o, t)) {
          kept.push_back(t);
          break;
        } else if (termIncludes(t, o)) {
          kept.push_back(o);
          break;
        }
    out.terms = std::move(kept);
  }
}

}  // namespace

bool typeSetIncludes(const Type* typeParam, const Type* iface) {
  TypeSetTerms bound;
  expandInterface(iface, bound);
  if (!bound.restricted) return true;
  TypeSetTerms own = typeSetTerms(typeParam);
  if (!own.restricted) return false;
  for (const TypeTerm& t : own.terms) {
    bool in = false;
    for (const TypeTerm& o : bound.terms) in |= termIncludes(o, t);
    if (!in) return false;
  }
  return true;
}

bool isTypeParam(const Type* t) {
  return t && t->kind == Kind::TypeParam;
}

TypeSetTerms typeSetTerms(const Type* typeParam) {
  TypeSetTerms out;
  const Type* c = typeParam->constraint ? typeParam->constraint->underlying() : nullptr;
  if (c && c->kind == Kind::Interface) expandInterface(c, out);
  return out;
}

bool allInTypeSet(const Type* t, bool (*pred)(const Type*)) {
  if (!isTypeParam(t)) return pred(t);
  TypeSetTerms ts = typeSetTerms(t);
  if (!ts.restricted || ts.terms.empty()) return false;
  for (const TypeTerm& term : ts.terms)
    if (isTypeParam(term.type) || !pred(term.type)) return false;
  return true;
}

const Type* coreType(const Type* t) {
  if (!t) return nullptr;
  if (!isTypeParam(t)) return t->underlying();
  TypeSetTerms ts = typeSetTerms(t);
  if (!ts.restricted || ts.terms.empty()) return nullptr;
  const Type* core = nullptr;
  for (const TypeTerm& term : ts.terms) {
    const Type* u = term.type->underlying();
    if (!u) return nullptr;
    if (core && u != core) {
      // Channels of one element type: the directional one, if only one
      // direction occurs (`chan int | chan<- int` is chan<- int).
      if (u->kind != Kind::Chan || core->kind != Kind::Chan || u->elem != core->elem)
        return nullptr;
      if (u->dir != ChanDir::Both && core->dir != ChanDir::Both && u->dir != core->dir)
        return nullptr;
      if (u->dir != ChanDir::Both) core = u;
      continue;
    }
    core = u;
  }
  return core;
}

}  // namespace gol
