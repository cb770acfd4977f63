// Natives of package os.
#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

NativeStatus numArgs(NativeCtx& ctx, Value* regs) {
  regs[0] = Value::ofInt(int64_t(ctx.args().size()));
  return NativeStatus::Ok;
}

NativeStatus arg(NativeCtx& ctx, Value* regs) {
  int64_t i = regs[0].i;
  const auto& args = ctx.args();
  regs[0] = (i >= 0 && size_t(i) < args.size()) ? ctx.newString(args[size_t(i)]) : Value();
  return NativeStatus::Ok;
}

NativeStatus exitNative(NativeCtx& ctx, Value* regs) {
  ctx.exit(int(regs[0].i));
}

}  // namespace

void registerOsNatives() {
  static const vm::NativeEntry entries[] = {
      {"os.numArgs", numArgs},
      {"os.arg", arg},
      {"os.Exit", exitNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
