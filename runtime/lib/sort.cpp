// Natives of package sort: the slice-generic helpers and the sorts of
// []int and []string (where ties are indistinguishable, any algorithm
// matches Go).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

NativeStatus lenAny(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(sliceLen(regs[0]));
  return NativeStatus::Ok;
}

NativeStatus swapAny(NativeCtx& ctx, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  int64_t i = regs[1].i, j = regs[2].i;
  int64_t n = s ? s->len : 0;
  for (int64_t k : {i, j})
    if (k < 0 || k >= n)
      return ctx.panicError("runtime error: index out of range [" + std::to_string(k) +
                            "] with length " + std::to_string(n));
  Value a = s->array->get(s->off + uint32_t(i));
  Value b = s->array->get(s->off + uint32_t(j));
  s->array->set(s->off + uint32_t(i), b);
  s->array->set(s->off + uint32_t(j), a);
  return NativeStatus::Ok;
}

NativeStatus ints(NativeCtx&, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  if (!s || s->len < 2) return NativeStatus::Ok;
  if (s->array->elemKind == vm::ElemKind::X64) {
    int64_t* p = reinterpret_cast<int64_t*>(s->array->bytes()) + s->off;
    std::sort(p, p + s->len);
  } else {
    Value* p = s->array->values() + s->off;
    std::sort(p, p + s->len, [](const Value& a, const Value& b) { return a.i < b.i; });
  }
  return NativeStatus::Ok;
}

NativeStatus strings(NativeCtx&, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  if (!s || s->len < 2) return NativeStatus::Ok;
  Value* p = s->array->values() + s->off;
  std::sort(p, p + s->len,
            [](const Value& a, const Value& b) { return vm::strView(a) < vm::strView(b); });
  return NativeStatus::Ok;
}

}  // namespace

void registerSortNatives() {
  static const vm::NativeEntry entries[] = {
      {"sort.lenAny", lenAny},
      {"sort.swapAny", swapAny},
      {"sort.Ints", ints},
      {"sort.Strings", strings},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
