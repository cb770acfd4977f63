// What reflect's two native files (reflect.cpp: types, values, calls;
// reflect_func.cpp: made functions, method values, channels, select) share:
// the flags of reflect.gol's Value and the two forms of a value.
//
// The slot form is what a register, field, element or box holds (scalars
// with tid 0, references with kTidRef, an interface value with its dynamic
// type); the stamped form is an `any` holding the value with its static
// type as dynamic type (an interface type's value stays the interface value
// itself). Natives take and return stamped values, and read and write
// places in slot form.
#pragma once

#include <cstdint>

#include "vm/native.hpp"

namespace gol::lib::reflect_forms {

// The flags of reflect.gol's Value that natives read or set.
constexpr int64_t kFlagIndir = 1, kFlagAddr = 2, kFlagRO = 4;

inline const vm::RtType& typeAt(vm::NativeCtx& ctx, int64_t tid) {
  return ctx.program().types[size_t(tid)];
}
inline const vm::RtType& under(vm::NativeCtx& ctx, int64_t tid) {
  const auto& ts = ctx.program().types;
  return ts[ts[size_t(tid)].underlying];
}
inline vm::RtKind kindOf(vm::NativeCtx& ctx, int64_t tid) {
  return under(ctx, tid).kind;
}

inline vm::Value stamp(vm::NativeCtx& ctx, int64_t tid, vm::Value raw) {
  if (kindOf(ctx, tid) == vm::RtKind::Interface) return raw;
  raw.tid = uint32_t(tid);
  return raw;
}

inline vm::Value slotForm(vm::NativeCtx& ctx, int64_t tid, vm::Value x) {
  if (kindOf(ctx, tid) == vm::RtKind::Interface) return x;
  x.tid = typeAt(ctx, tid).hasRef && x.o ? uint32_t(vm::kTidRef) : 0u;
  return x;
}

}  // namespace gol::lib::reflect_forms
