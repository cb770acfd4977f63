// Heap object layouts shared by the VM, the runtime and native functions.
//
// Every heap object starts with an Object header and is owned by the Heap
// (heap.hpp), which allocates it, traces it and frees it. Layout rules:
//   string      StringObj, immutable bytes (nullptr payload = "")
//   array [N]T  ArrayObj with N elements (a value type: assignment copies)
//   struct      ArrayObj with one Value per field (elemKind V)
//   box         ArrayObj of one Value: a variable that escapes (&x, captured)
//   []T         SliceObj header (immutable) over an ArrayObj backing store
//   map[K]V     MapObj
//   func value  ClosureObj
//   chan T      a runtime object (runtime/), traced through its virtual trace()
// Struct and array values are always heap objects; a field or element whose
// type is itself a struct or array holds a reference to its own sub-object,
// created with the parent and never re-bound: assignment to an aggregate
// location copies into the existing object (so pointers to it stay valid).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "bytecode/rttype.hpp"
#include "bytecode/value.hpp"

namespace gol::vm {

class Heap;
class Tracer;
struct FuncProto;

enum class ObjKind : uint8_t { String, Array, Slice, Map, Closure, Other };

struct Object {
  Object* gcNext = nullptr;
  ObjKind kind;
  bool marked = false;
  uint8_t sizeClass = 0;      // the heap's small-object size class (0: malloc'd)
  bool hasFinalizer = false;  // in the heap's finalizer list
  uint32_t profileBlock = 0;  // sampled by the heap profile: its block there (0: not)
  explicit Object(ObjKind k) : kind(k) {}
  virtual ~Object() = default;
  // Reports every reference the object holds to the tracer.
  virtual void trace(Tracer& t) = 0;
};

struct StringObj final : Object {
  uint32_t len = 0;
  uint32_t hash = 0;  // cached by maps with string keys (0: not computed yet)
  const char* data() const { return reinterpret_cast<const char*>(this + 1); }
  char* data() { return reinterpret_cast<char*>(this + 1); }
  std::string_view view() const { return {data(), len}; }
  StringObj() : Object(ObjKind::String) {}
  void trace(Tracer&) override {}
};

inline std::string_view strView(const Value& v) {
  return v.o ? static_cast<StringObj*>(v.o)->view() : std::string_view();
}

// Go's run-time panics are values of several concrete types (index errors
// are runtime.boundsError, a nil map write a runtime.plainError, a failed
// assertion a *runtime.TypeAssertionError, ...). gol keeps one
// representation, the text with tid kTidRuntimeError, and names the type Go
// would from the text: what %T prints and a nested panic reports.
std::string_view runtimeErrorTypeName(std::string_view text);

struct ArrayObj final : Object {
  uint32_t len = 0;      // number of elements (capacity, for a backing store)
  uint32_t tid = 0;      // runtime type of the array or struct; 0 for boxes
                         // and slice backing stores (see elemTid)
  uint32_t elemTid = 0;  // runtime type of the elements (slices: element type)
  ElemKind elemKind = ElemKind::V;

  ArrayObj() : Object(ObjKind::Array) {}
  Value* values() { return reinterpret_cast<Value*>(this + 1); }
  uint8_t* bytes() { return reinterpret_cast<uint8_t*>(this + 1); }
  void trace(Tracer& t) override;

  // Reads/writes element i as a Value (packed kinds are widened/narrowed).
  Value get(uint32_t i) {
    switch (elemKind) {
      case ElemKind::V: return values()[i];
      case ElemKind::U8: return Value::ofInt(bytes()[i]);
      case ElemKind::I8: return Value::ofInt(reinterpret_cast<int8_t*>(bytes())[i]);
      case ElemKind::U16: return Value::ofInt(reinterpret_cast<uint16_t*>(bytes())[i]);
      case ElemKind::I16: return Value::ofInt(reinterpret_cast<int16_t*>(bytes())[i]);
      case ElemKind::U32: return Value::ofInt(reinterpret_cast<uint32_t*>(bytes())[i]);
      case ElemKind::I32: return Value::ofInt(reinterpret_cast<int32_t*>(bytes())[i]);
      case ElemKind::F32: return Value::ofFloat(reinterpret_cast<float*>(bytes())[i]);
      case ElemKind::X64: return Value::ofInt(reinterpret_cast<int64_t*>(bytes())[i]);
    }
    return Value();
  }
  void set(uint32_t i, const Value& v) {
    switch (elemKind) {
      case ElemKind::V: values()[i] = v; return;
      case ElemKind::U8:
      case ElemKind::I8: bytes()[i] = uint8_t(v.i); return;
      case ElemKind::U16:
      case ElemKind::I16: reinterpret_cast<uint16_t*>(bytes())[i] = uint16_t(v.i); return;
      case ElemKind::U32:
      case ElemKind::I32: reinterpret_cast<uint32_t*>(bytes())[i] = uint32_t(v.i); return;
      case ElemKind::F32: reinterpret_cast<float*>(bytes())[i] = float(v.f); return;
      case ElemKind::X64: reinterpret_cast<int64_t*>(bytes())[i] = v.i; return;
    }
  }
};

// A slice header. Immutable once made: append and re-slicing make new headers.
struct SliceObj final : Object {
  ArrayObj* array = nullptr;
  uint32_t off = 0;
  uint32_t len = 0;
  uint32_t cap = 0;
  SliceObj() : Object(ObjKind::Slice) {}
  void trace(Tracer& t) override;
};

inline uint32_t sliceLen(const Value& v) {
  return v.o ? static_cast<SliceObj*>(v.o)->len : 0;
}

struct ClosureObj final : Object {
  FuncProto* fn = nullptr;
  uint32_t ncaptured = 0;
  Value* captured() { return reinterpret_cast<Value*>(this + 1); }
  ClosureObj() : Object(ObjKind::Closure) {}
  void trace(Tracer& t) override;
};

}  // namespace gol::vm
