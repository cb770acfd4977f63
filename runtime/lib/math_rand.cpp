// Natives of package math/rand.
#include <random>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

namespace {

// A stand-in until the runtime registers the run's seed under the same
// name (later registrations win): a fresh random seed, as Go 1.20 does.
vm::NativeStatus runtimeSeed(vm::NativeCtx&, vm::Value* regs) {
  std::random_device rd;
  regs[0] = vm::Value::ofInt(int64_t((uint64_t(rd()) << 32) | rd()));
  return vm::NativeStatus::Ok;
}

}  // namespace

void registerMathRandNatives() {
  static const vm::NativeEntry entries[] = {
      {"math/rand.runtimeSeed", runtimeSeed},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
