// Field and method lookup and method sets, after go/types' lookup.go and
// methodset.go. The checker resolves every selector x.f with
// lookupFieldOrMethod and records the Selection on the SelectorExpr; the
// compiler builds the run-time method tables from methodSet. Nothing else
// searches embedded fields, so the compile-time and run-time answers to
// "does T have method M" cannot disagree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lang/check/types.hpp"

namespace gol {

enum class SelectionKind : uint8_t { None, Field, Method, Ambiguous };

// How a field or method is reached from a receiver type.
struct Selection {
  SelectionKind kind = SelectionKind::None;
  // Field indices from the receiver's struct through embedded fields. For a
  // field the last index is the field itself; for a method the path ends at
  // the embedded value whose type has the method (empty: the receiver's own
  // type declares it).
  std::vector<int> path;
  // For each step of path: the struct holding that field is reached through
  // a pointer (step 0: the receiver itself is a pointer).
  std::vector<bool> derefs;
  const Type* type = nullptr;  // the field's type, or the method's signature
  Symbol* method = nullptr;    // the declared method; null for an interface's method
  int ifaceIndex = -1;         // an interface's method: its index in that interface
  // The type at the end of the path, before dereferencing: it declares the
  // method (T or *T), or is the interface whose method it is.
  const Type* recvBase = nullptr;
  // The path goes through a pointer (the receiver or an embedded pointer),
  // so a pointer-receiver method can be called whatever the receiver.
  bool indirect = false;

  bool pointerReceiver() const {
    return method && method->recvType && method->recvType->kind == Kind::Pointer;
  }
};

// Go's LookupFieldOrMethod: the field or method `name` of T at the
// shallowest embedding depth; Ambiguous when two are found at that depth.
// A pointer-receiver method of a non-pointer T is returned with indirect
// false: whether it may be called depends on addressability, which the
// caller knows.
Selection lookupFieldOrMethod(const Type* T, const std::string& name);

struct MethodSetEntry {
  std::string name;
  Selection sel;
};

// The method set of T (the spec's "Method sets"), sorted by name: declared
// and promoted methods at any depth, methods of embedded interfaces, and for
// a non-pointer T no pointer-receiver method unless an embedded pointer
// leads to it. A name found twice at its shallowest depth, or hidden by a
// field, is not in the set. An interface's method set is its methods.
std::vector<MethodSetEntry> computeMethodSet(const Type* T);

// Method sets computed once per type; valid once checking has finished
// (method declarations are collected while a package is checked).
class MethodSets {
 public:
  const std::vector<MethodSetEntry>& of(const Type* T);
  // T's methods changed (a REPL entry declared one): compute it again.
  void forget(const Type* T) { cache_.erase(T); }

 private:
  std::map<const Type*, std::vector<MethodSetEntry>> cache_;
};

}  // namespace gol
