// Small helpers shared by the natives of runtime/lib.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/heap.hpp"
#include "vm/native.hpp"
#include "vm/object.hpp"

namespace gol::lib {

// No collection while a native holds values only C++ knows about (a
// decoder's fresh objects before they are linked in, results of methods it
// called back into gol, strings made for an output).
struct HeapPause {
  explicit HeapPause(vm::Heap& h) : heap(h) { heap.pause(); }
  ~HeapPause() { heap.resume(); }
  HeapPause(const HeapPause&) = delete;
  HeapPause& operator=(const HeapPause&) = delete;
  vm::Heap& heap;
};

// The elements of a []any (variadic ...any arrives as one slice).
inline const vm::Value* anyElems(const vm::Value& slice, size_t* n) {
  auto* s = static_cast<vm::SliceObj*>(slice.o);
  if (!s || s->len == 0) {
    *n = 0;
    return nullptr;
  }
  *n = s->len;
  return s->array->values() + s->off;
}

// A slice's bytes ([]byte) copied into a std::string.
inline std::string sliceBytes(const vm::Value& slice) {
  auto* s = static_cast<vm::SliceObj*>(slice.o);
  if (!s || s->len == 0) return {};
  if (s->array->elemKind == vm::ElemKind::U8 || s->array->elemKind == vm::ElemKind::I8)
    return std::string(reinterpret_cast<const char*>(s->array->bytes()) + s->off, s->len);
  std::string out;
  for (uint32_t i = 0; i < s->len; ++i) out += char(s->array->get(s->off + i).i);
  return out;
}

// A []byte's bytes in place (packed storage; valid until the next
// allocation may move nothing: objects never move, so until it is freed).
inline std::string_view byteSliceView(const vm::Value& slice) {
  auto* s = static_cast<vm::SliceObj*>(slice.o);
  if (!s || s->len == 0) return {};
  return std::string_view(reinterpret_cast<const char*>(s->array->bytes()) + s->off, s->len);
}

// The tid of the unnamed slice type []elem, or 0 when the program has none.
inline uint32_t findSliceTid(const vm::NativeCtx& ctx, uint32_t elemTid) {
  const auto& types = ctx.program().types;
  for (uint32_t t = vm::kFirstDynamicTid; t < types.size(); ++t)
    if (types[t].kind == vm::RtKind::Slice && !types[t].named && types[t].elem == elemTid) return t;
  return 0;
}

inline vm::Value boolValue(bool b) {
  return vm::Value::ofBool(b);
}

// The writable bytes of a []byte argument (null and 0 when empty).
inline uint8_t* sliceBytesPtr(const vm::Value& v, size_t* n) {
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s || s->len == 0) {
    *n = 0;
    return nullptr;
  }
  *n = s->len;
  return s->array->bytes() + s->off;
}

// The two results of a POSIX wrapper: its result and an errno (0 = none).
inline vm::NativeStatus ok2(vm::Value* r, int64_t result, int64_t err) {
  r[0] = vm::Value::ofInt(result);
  r[1] = vm::Value::ofInt(err);
  return vm::NativeStatus::Ok;
}

}  // namespace gol::lib
