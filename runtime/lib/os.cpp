// Natives of package os.
#include <cstdlib>

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

NativeStatus writeFd(NativeCtx& ctx, Value* regs) {
  std::string_view s = vm::strView(regs[1]);
  if (regs[0].i == 2)
    ctx.writeStderr(s);
  else if (regs[0].i == 1)
    ctx.writeStdout(s);
  return NativeStatus::Ok;
}

NativeStatus exitNative(NativeCtx& ctx, Value* regs) {
  ctx.exit(int(regs[0].i));
}

NativeStatus getenv(NativeCtx& ctx, Value* regs) {
  const char* v = std::getenv(std::string(vm::strView(regs[0])).c_str());
  regs[0] = v ? ctx.newString(v) : Value();
  return NativeStatus::Ok;
}

}  // namespace

void registerOsNatives() {
  static const vm::NativeEntry entries[] = {
      {"os.numArgs", numArgs}, {"os.arg", arg},       {"os.writeFd", writeFd},
      {"os.Exit", exitNative}, {"os.Getenv", getenv},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
