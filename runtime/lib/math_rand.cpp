// Natives of package math/rand.
#include "runtime/lib/native_util.hpp"
#include "runtime/sched.hpp"

namespace gol::lib {

namespace {

// The seed of the global source: drawn from the scheduler's generator, so
// `--seed N` makes math/rand reproducible too (and a fresh random seed
// otherwise, as Go 1.20 does).
vm::NativeStatus runtimeSeed(vm::NativeCtx& ctx, vm::Value* regs) {
  regs[0] = vm::Value::ofInt(int64_t(runtime::schedulerOf(ctx).random()));
  return vm::NativeStatus::Ok;
}

}  // namespace

void registerMathRandNatives() {
  static const vm::NativeEntry entries[] = {
      {"math/rand.runtimeSeed", runtimeSeed},
      {"math/rand/v2.runtimeSeed", runtimeSeed},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
