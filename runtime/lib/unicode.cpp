// Natives of packages unicode and unicode/utf8.
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

template <bool (*Pred)(int32_t)>
NativeStatus runePred(NativeCtx&, Value* regs) {
  regs[0] = boolValue(Pred(int32_t(regs[0].i)));
  return NativeStatus::Ok;
}

template <int32_t (*Map)(int32_t)>
NativeStatus runeMap(NativeCtx&, Value* regs) {
  int64_t r = regs[0].i;
  if (r >= 0 && r <= kMaxRune) regs[0] = Value::ofInt(Map(int32_t(r)));
  return NativeStatus::Ok;
}

NativeStatus decode(NativeCtx&, Value* regs) {
  std::string_view s = vm::strView(regs[0]);
  int64_t i = regs[1].i;
  int w = 0;
  int32_t r = (i >= 0 && size_t(i) < s.size()) ? decodeRune(s, size_t(i), &w) : kRuneError;
  regs[0] = Value::ofInt(r);
  regs[1] = Value::ofInt(w);
  return NativeStatus::Ok;
}

NativeStatus decodeLast(NativeCtx&, Value* regs) {
  int w = 0;
  int32_t r = decodeLastRune(vm::strView(regs[0]), &w);
  regs[0] = Value::ofInt(r);
  regs[1] = Value::ofInt(w);
  return NativeStatus::Ok;
}

NativeStatus runeCountNative(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(int64_t(runeCount(vm::strView(regs[0]))));
  return NativeStatus::Ok;
}

NativeStatus validString(NativeCtx&, Value* regs) {
  regs[0] = boolValue(validUtf8(vm::strView(regs[0])));
  return NativeStatus::Ok;
}

}  // namespace

void registerUnicodeNatives() {
  static const vm::NativeEntry entries[] = {
      {"unicode.IsLetter", runePred<isLetterRune>},
      {"unicode.IsDigit", runePred<isDigitRune>},
      {"unicode.IsSpace", runePred<isSpaceRune>},
      {"unicode.IsUpper", runePred<isUpperRune>},
      {"unicode.IsLower", runePred<isLowerRune>},
      {"unicode.IsPunct", runePred<isPunctRune>},
      {"unicode.IsPrint", runePred<isPrintRune>},
      {"unicode.ToUpper", runeMap<toUpperRune>},
      {"unicode.ToLower", runeMap<toLowerRune>},
      {"unicode/utf8.decode", decode},
      {"unicode/utf8.decodeLast", decodeLast},
      {"unicode/utf8.RuneCountInString", runeCountNative},
      {"unicode/utf8.ValidString", validString},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
