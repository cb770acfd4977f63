// The 16-byte value slot of the VM.
//
// Registers, globals, struct fields, boxes, map entries, channel buffers and
// interface values are all `Value`s. The static types decide how the payload
// is read; `tid` exists for two readers only:
//   - the garbage collector: the payload is a heap reference exactly when
//     rtTypes[tid].hasRef (tid 0: never; kTidRef: always);
//   - interface values: tid is the dynamic type (0 = nil interface), read by
//     type assertions, type switches, method dispatch, fmt's %v and %T.
// Scalar instructions write tid 0; instructions that produce heap references
// in concrete-typed slots write kTidRef (or the exact type id); MKIFACE stamps
// the exact dynamic type. The all-zero Value is the zero value of every type
// except structs and arrays (which are heap objects, see object.hpp): 0,
// 0.0, false, "", nil pointer, nil slice, nil map, nil chan, nil func, nil
// interface.
#pragma once

#include <cstdint>

namespace gol::vm {

struct Object;

// Fixed type ids: the compiler registers these runtime types first, in this
// order, so that the VM and natives can name them without a lookup.
enum FixedTid : uint32_t {
  kTidNone = 0,  // scalar in a concrete slot, or the nil interface
  kTidRef = 1,   // some heap reference in a concrete slot
  kTidBool,
  kTidInt,
  kTidInt8,
  kTidInt16,
  kTidInt32,
  kTidInt64,
  kTidUint,
  kTidUint8,
  kTidUint16,
  kTidUint32,
  kTidUint64,
  kTidUintptr,
  kTidFloat32,
  kTidFloat64,
  kTidString,
  kTidRuntimeError,  // runtime panics: payload is a StringObj with the text
  kTidAny,           // interface{}
  kTidError,         // the predeclared error interface
  kFirstDynamicTid,  // first id the compiler assigns to program types
};

// A pointer value addresses either a whole heap object (a struct, an array:
// aux == kWholeObject) or one slot of a heap object (a boxed variable, a
// struct field, an array or slice element: aux = slot index).
constexpr uint32_t kWholeObject = 0xFFFFFFFFu;

struct Value {
  union {
    int64_t i;
    uint64_t u;
    double f;
    Object* o;
  };
  uint32_t aux;
  uint32_t tid;

  Value() : i(0), aux(0), tid(0) {}
  static Value ofInt(int64_t v) {
    Value r;
    r.i = v;
    return r;
  }
  static Value ofFloat(double v) {
    Value r;
    r.f = v;
    return r;
  }
  static Value ofBool(bool v) { return ofInt(v ? 1 : 0); }
  static Value ofRef(Object* obj, uint32_t t = kTidRef) {
    Value r;
    r.o = obj;
    r.tid = obj ? t : 0;
    return r;
  }
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

}  // namespace gol::vm
