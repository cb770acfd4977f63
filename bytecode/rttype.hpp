// Runtime type descriptors.
//
// The compiler turns every checker type that the running program needs
// (dynamic types of interface values, element types of containers, struct
// layouts) into an RtType and numbers them: tid = index into
// Program::types. The first kFirstDynamicTid entries are the fixed ids of
// value.hpp. fmt's %v/%T, type switches, interface method dispatch, map
// hashing of struct/interface keys, deep copy and zero values of aggregates
// all read these descriptors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bytecode/value.hpp"

namespace gol::vm {

// How array elements are stored. Scalar element types are packed (a
// []bool or []byte of 10M elements takes 10 MB, not 160 MB); everything else
// is a Value. Bool is stored as U8. 8-byte kinds hold int64, uint64 and
// float64 bit patterns alike.
enum class ElemKind : uint8_t { V, U8, I8, U16, I16, U32, I32, F32, X64 };

constexpr size_t elemSize(ElemKind k) {
  switch (k) {
    case ElemKind::V: return sizeof(Value);
    case ElemKind::U8:
    case ElemKind::I8: return 1;
    case ElemKind::U16:
    case ElemKind::I16: return 2;
    case ElemKind::U32:
    case ElemKind::I32:
    case ElemKind::F32: return 4;
    case ElemKind::X64: return 8;
  }
  return 0;
}

enum class RtKind : uint8_t {
  None,  // fixed ids kTidNone, kTidRef
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  String,
  UnsafePointer,
  Array,
  Slice,
  Map,
  Struct,
  Pointer,
  Func,
  Interface,
  Chan,
  Complex64,  // boxed: a reference to two doubles (vm/complex.hpp)
  Complex128,
};

enum class RtChanDir : uint8_t { Both, Send, Recv };

struct RtField {
  std::string name;
  uint32_t tid = 0;
  bool embedded = false;
  bool exported = false;
  std::string tag;  // the struct tag, decoded (read by vm/typeinfo: encoding/json)
};

// One method of a type's method set, as the checker computes it (for T:
// value-receiver methods and methods promoted through embedded pointers and
// interfaces; for *T: all). A type implements an interface when it has every
// (nameId, sigId) pair of the interface's list. funcIndex is the function to call with the
// receiver in register 0: for a value receiver the receiver is the value
// itself (structs: a reference the callee may not keep: the VM passes a copy),
// for a pointer receiver the pointer.
struct RtMethod {
  uint32_t nameId = 0;     // index into Program::names
  uint32_t sigId = 0;      // index into Program::signatures: the type without receiver
  uint32_t funcIndex = 0;  // into Program::funcs
  // Recorded only in programs that call methods found at run time
  // (Program::callTypes: reflect, text/template), else 0: the method's func
  // type without receiver, and (concrete types, reflect only) with the
  // receiver as first parameter (reflect's Type.Method(i).Type).
  uint32_t typeTid = 0;
  uint32_t recvTypeTid = 0;
};

struct RtType {
  RtKind kind = RtKind::None;
  std::string name;         // Go's spelling for %T: "int", "main.point", "[]string", "*main.T"
  bool named = false;       // a defined type (its name is not structural)
  bool hasRef = false;      // values of this type hold a heap reference in the payload
  bool comparable = true;   // == allowed (false: slices, maps, funcs, structs containing them)
  bool aggregate = false;   // struct or array: a heap object with value semantics
  uint32_t underlying = 0;  // for named types: the tid of the underlying type (else itself)

  uint32_t elem = 0;  // Array, Slice, Pointer, Chan: element tid; Map: value tid
  uint32_t key = 0;   // Map: key tid
  int64_t len = 0;    // Array
  RtChanDir dir = RtChanDir::Both;
  ElemKind elemKind = ElemKind::V;  // how an array/slice of this type stores elements
  // Named non-pointer types with pointer-receiver methods: the tid of *T, so
  // that native code (encoding/json calling UnmarshalJSON on a field) finds
  // the methods of the address of a value it holds. 0: none registered.
  uint32_t ptrTo = 0;

  std::vector<RtField> fields;  // Struct
  // Func, in programs that call functions by their run-time types
  // (Program::callTypes): parameter and result tids; variadic: the last
  // parameter is a []T.
  std::vector<uint32_t> params, results;
  bool variadic = false;
  // Named types, in programs that import reflect: the declaring package's
  // path ("" for predeclared types), reflect's PkgPath.
  std::string pkgPath;
  // Concrete types: the method set sorted by nameId.
  // Interface types: the required methods (funcIndex unused), sorted by nameId.
  std::vector<RtMethod> methods;
};

// The descriptor of tid's underlying type (tid's own for an unnamed type).
inline const RtType& underlyingOf(const std::vector<RtType>& ts, uint32_t tid) {
  const RtType& t = ts[tid];
  return (t.underlying && t.underlying < ts.size()) ? ts[t.underlying] : t;
}

}  // namespace gol::vm
