// Natives of package sync/atomic: the dynamic-type check of Value.
#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// sameType(a, b any) bool: whether both interfaces hold one dynamic type.
NativeStatus sameType(NativeCtx&, Value* regs) {
  regs[0] = boolValue(regs[0].tid == regs[1].tid);
  return NativeStatus::Ok;
}

}  // namespace

void registerSyncAtomicNatives() {
  static const vm::NativeEntry entries[] = {
      {"sync/atomic.sameType", sameType},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
