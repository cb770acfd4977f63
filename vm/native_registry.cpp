// The registry of native functions, filled by each standard package.
#include <string>
#include <unordered_map>

#include "vm/native.hpp"

namespace gol::vm {

namespace {

// runtime errors satisfy `error`: Error() returns the text they carry.
NativeStatus runtimeErrorError(NativeCtx&, Value* regs) {
  Value v = regs[0];
  regs[0] = v.o ? Value::ofRef(v.o, kTidString) : Value();
  return NativeStatus::Ok;
}

// ... and runtime.Error: RuntimeError() marks them.
NativeStatus runtimeErrorMark(NativeCtx&, Value*) {
  return NativeStatus::Ok;
}

std::unordered_map<std::string, NativeFn>& registry() {
  static std::unordered_map<std::string, NativeFn> r = {
      {"runtime.Error.Error", &runtimeErrorError},
      {"runtime.Error.RuntimeError", &runtimeErrorMark},
  };
  return r;
}
}  // namespace

void registerNatives(const NativeEntry* entries, size_t count) {
  for (size_t k = 0; k < count; ++k) registry()[entries[k].name] = entries[k].fn;
}

NativeFn findNative(std::string_view name) {
  auto& r = registry();
  auto it = r.find(std::string(name));
  return it == r.end() ? nullptr : it->second;
}

}  // namespace gol::vm
