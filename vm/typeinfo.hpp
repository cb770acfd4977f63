// Run-time type introspection for native code: the one place where natives
// ask about a program's types beyond reading their descriptors (the encoding
// packages today, a `reflect` package later).
//
// It answers: a type's underlying descriptor and Go name; a struct field's
// tag (Go's StructTag.Get); whether a type (or its pointer type *T) has a
// method of a given name and signature, and calling it from native code;
// the unnamed composite types the program registered ([]any,
// map[string]any); and how a value is read from and written to the slot
// that holds it (struct fields, elements, boxes), with fresh pointees for
// decoding. Natives never see checker types: everything here reads the
// compiler's RtType table (bytecode/rttype.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bytecode/program.hpp"
#include "bytecode/rttype.hpp"
#include "bytecode/value.hpp"
#include "vm/object.hpp"

namespace gol::vm {

class Vm;
struct Goroutine;

// Go's reflect.StructTag.Lookup: the value for `key` in a tag of the
// conventional form `k1:"v1" k2:"v2"`; false when absent or malformed.
// Kind classes the encoders and decoders ask about.
inline bool isIntKind(RtKind k) {
  return k >= RtKind::Int && k <= RtKind::Int64;
}
inline bool isUintKind(RtKind k) {
  return k >= RtKind::Uint && k <= RtKind::Uintptr;
}
// The width in bits of an integer kind (int, uint and uintptr: 64).
inline int kindBits(RtKind k) {
  switch (k) {
    case RtKind::Int8:
    case RtKind::Uint8: return 8;
    case RtKind::Int16:
    case RtKind::Uint16: return 16;
    case RtKind::Int32:
    case RtKind::Uint32: return 32;
    default: return 64;
  }
}

bool structTagLookup(std::string_view tag, std::string_view key, std::string* value);

// A method wanted by name and signature ("func() ([]uint8, error)"),
// resolved to the program's name id once.
struct MethodKey {
  uint32_t nameId = UINT32_MAX;  // UINT32_MAX: no type of the program has such a method
  std::string_view sig;
};

// The place of a value: slot `idx` of heap object `obj` (a struct field, an
// array or slice element, a box), or with idx == kWholeObject the aggregate
// `obj` itself (what a pointer to a struct or array addresses). Aggregate
// values are objects of their own that a slot refers to and that are
// updated in place, never stored whole.
struct Slot {
  ArrayObj* obj = nullptr;
  uint32_t idx = 0;
  bool valid() const { return obj != nullptr; }
  Value load() const { return idx == kWholeObject ? Value::ofRef(obj) : obj->get(idx); }
  void store(const Value& v) const { obj->set(idx, v); }
  // The aggregate object held here (for a struct or array type).
  ArrayObj* aggregate() const {
    return idx == kWholeObject ? obj : static_cast<ArrayObj*>(obj->values()[idx].o);
  }
};

class TypeInfo {
 public:
  TypeInfo(Vm& vm, Goroutine* g);

  const Program& program() const { return prog_; }
  const RtType& type(uint32_t tid) const { return prog_.types[tid]; }
  // The descriptor of tid's underlying type (tid itself when unnamed).
  const RtType& under(uint32_t tid) const { return prog_.types[prog_.types[tid].underlying]; }
  RtKind kind(uint32_t tid) const { return under(tid).kind; }
  const std::string& name(uint32_t tid) const { return prog_.types[tid].name; }

  MethodKey methodKey(std::string_view name, std::string_view sig) const;
  // tid's method with that name and signature, or null.
  const RtMethod* method(uint32_t tid, const MethodKey& k) const;
  // tid's method of that name whatever its signature, or null.
  const RtMethod* methodByName(uint32_t tid, std::string_view name) const;
  // Whether tid has every method of the interface type ifaceTid (the same
  // names and signatures): Go's Implements.
  bool implements(uint32_t tid, uint32_t ifaceTid) const;
  // The pointer type *T of tid when its method set is larger than T's
  // (the compiler registers it then), else 0: T's methods are all there is.
  uint32_t pointerTo(uint32_t tid) const;
  // The unnamed types []elem and map[key]elem, or 0 when unregistered.
  uint32_t sliceOf(uint32_t elem) const;
  uint32_t mapOf(uint32_t key, uint32_t elem) const;

  // Calls method m with receiver recv (of type recvTid; a value receiver of
  // aggregate type gets a copy) and any number of arguments; stores up to
  // nresults results.
  // False when the method panicked (the panic is pending).
  bool call(const RtMethod& m, const Value& recv, uint32_t recvTid, const Value* args,
            uint32_t nargs, Value* results, uint32_t nresults);

  // The value a non-nil pointer of type ptrTid points at: aggregates as a
  // reference to their object, other values loaded from their slot.
  Value loadPointee(const Value& ptr, uint32_t ptrTid) const;
  // The place a non-nil pointer of type ptrTid addresses.
  Slot pointeeSlot(const Value& ptr, uint32_t ptrTid) const;
  // A pointer to a new zero value of type elemTid (Go's new(T)).
  Value newPointer(uint32_t elemTid);
  // A new zero value of tid (aggregates are allocated).
  Value zero(uint32_t tid);
  // Whether v (slot form) of type tid is its type's zero value, as Go's
  // reflect.Value.IsZero: field by field and element by element, a float
  // by its bits (-0.0 is not zero), no methods asked.
  bool isZero(const Value& v, uint32_t tid) const;
  // The address of the value in slot s of static type tid (aggregates: the
  // object the slot refers to).
  Value addressOf(const Slot& s, uint32_t tid) const;
  Vm& vm() { return vm_; }
  Goroutine* goroutine() { return g_; }

 private:
  Vm& vm_;
  Goroutine* g_;
  const Program& prog_;
};

}  // namespace gol::vm
