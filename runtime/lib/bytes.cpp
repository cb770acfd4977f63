// Natives of package bytes: the searching loops over []byte, which must not
// copy their operands (bufio's line splitting calls IndexByte per line).
#include <cstring>
#include <string_view>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// The bytes of a []byte argument, without copying.
std::string_view view(const Value& v) {
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s || s->len == 0) return {};
  return {reinterpret_cast<const char*>(s->array->bytes()) + s->off, s->len};
}

int64_t pos(size_t p) {
  return p == std::string_view::npos ? -1 : int64_t(p);
}

NativeStatus indexByte(NativeCtx&, Value* regs) {
  std::string_view s = view(regs[0]);
  const void* p = s.empty() ? nullptr : std::memchr(s.data(), int(uint8_t(regs[1].i)), s.size());
  regs[0] = Value::ofInt(p ? static_cast<const char*>(p) - s.data() : -1);
  return NativeStatus::Ok;
}

NativeStatus lastIndexByte(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(view(regs[0]).rfind(char(regs[1].i))));
  return NativeStatus::Ok;
}

NativeStatus index(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(view(regs[0]).find(view(regs[1]))));
  return NativeStatus::Ok;
}

NativeStatus lastIndex(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(view(regs[0]).rfind(view(regs[1]))));
  return NativeStatus::Ok;
}

NativeStatus equal(NativeCtx&, Value* regs) {
  regs[0] = Value::ofBool(view(regs[0]) == view(regs[1]));
  return NativeStatus::Ok;
}

NativeStatus compare(NativeCtx&, Value* regs) {
  int c = view(regs[0]).compare(view(regs[1]));
  regs[0] = Value::ofInt(c < 0 ? -1 : c > 0 ? 1 : 0);
  return NativeStatus::Ok;
}

// countNonEmpty(s, sep []byte) int: non-overlapping occurrences of a
// non-empty sep (the empty case counts runes, in gol).
NativeStatus countNonEmpty(NativeCtx&, Value* regs) {
  std::string_view s = view(regs[0]), sep = view(regs[1]);
  int64_t n = 0;
  for (size_t p = s.find(sep); p != std::string_view::npos; p = s.find(sep, p + sep.size())) ++n;
  regs[0] = Value::ofInt(n);
  return NativeStatus::Ok;
}

}  // namespace

void registerBytesNatives() {
  static const vm::NativeEntry entries[] = {
      {"bytes.IndexByte", indexByte},
      {"bytes.LastIndexByte", lastIndexByte},
      {"bytes.Index", index},
      {"bytes.LastIndex", lastIndex},
      {"bytes.Equal", equal},
      {"bytes.Compare", compare},
      {"bytes.countNonEmpty", countNonEmpty},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
