// The inner loops of encoding/base64 and encoding/hex over whole groups.
// The packages handle everything else in gol (padding, newlines, errors and
// their offsets), calling these for the runs of plain input between: a loop
// stops at the first byte it does not simply map, and gol takes over there.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

struct Span {
  uint8_t* p = nullptr;
  size_t n = 0;
};

Span spanOf(const Value& v) {
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s || s->len == 0) return {};
  return {s->array->bytes() + s->off, s->len};
}

// base64.encodeGroups(dst, src []byte, alphabet string) int: encodes the
// whole 3-byte groups of src that fit in dst; returns the groups done.
NativeStatus base64EncodeGroups(NativeCtx&, Value* regs) {
  Span dst = spanOf(regs[0]), src = spanOf(regs[1]);
  std::string_view alpha = vm::strView(regs[2]);
  size_t groups = std::min(src.n / 3, dst.n / 4);
  if (alpha.size() != 64) groups = 0;
  for (size_t g = 0; g < groups; ++g) {
    const uint8_t* s = src.p + 3 * g;
    uint8_t* d = dst.p + 4 * g;
    uint32_t v = uint32_t(s[0]) << 16 | uint32_t(s[1]) << 8 | s[2];
    d[0] = uint8_t(alpha[v >> 18 & 63]);
    d[1] = uint8_t(alpha[v >> 12 & 63]);
    d[2] = uint8_t(alpha[v >> 6 & 63]);
    d[3] = uint8_t(alpha[v & 63]);
  }
  regs[0] = Value::ofInt(int64_t(groups));
  return NativeStatus::Ok;
}

// base64.decodeQuanta(dst, src, decodeMap []byte) int: decodes 4-character
// quanta of alphabet characters while dst has room for 3 bytes; stops at a
// quantum holding anything else. Returns the quanta done.
NativeStatus base64DecodeQuanta(NativeCtx&, Value* regs) {
  Span dst = spanOf(regs[0]), src = spanOf(regs[1]), map = spanOf(regs[2]);
  size_t limit = std::min(src.n / 4, dst.n / 3), q = 0;
  if (map.n != 256) limit = 0;
  for (; q < limit; ++q) {
    const uint8_t* s = src.p + 4 * q;
    uint8_t a = map.p[s[0]], b = map.p[s[1]], c = map.p[s[2]], d = map.p[s[3]];
    if (a == 0xff || b == 0xff || c == 0xff || d == 0xff) break;
    uint32_t v = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6 | d;
    uint8_t* o = dst.p + 3 * q;
    o[0] = uint8_t(v >> 16);
    o[1] = uint8_t(v >> 8);
    o[2] = uint8_t(v);
  }
  regs[0] = Value::ofInt(int64_t(q));
  return NativeStatus::Ok;
}

// hex.encodeBytes(dst, src []byte) int: the bytes of src encoded into dst.
NativeStatus hexEncodeBytes(NativeCtx&, Value* regs) {
  static const char digits[] = "0123456789abcdef";
  Span dst = spanOf(regs[0]), src = spanOf(regs[1]);
  size_t n = std::min(src.n, dst.n / 2);
  for (size_t i = 0; i < n; ++i) {
    dst.p[2 * i] = uint8_t(digits[src.p[i] >> 4]);
    dst.p[2 * i + 1] = uint8_t(digits[src.p[i] & 15]);
  }
  regs[0] = Value::ofInt(int64_t(n));
  return NativeStatus::Ok;
}

int hexValue(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// hex.decodePairs(dst, src []byte) int: decodes pairs of hex digits while
// dst has room; stops at a pair with anything else. Returns the pairs done.
NativeStatus hexDecodePairs(NativeCtx&, Value* regs) {
  Span dst = spanOf(regs[0]), src = spanOf(regs[1]);
  size_t limit = std::min(src.n / 2, dst.n), i = 0;
  for (; i < limit; ++i) {
    int hi = hexValue(src.p[2 * i]), lo = hexValue(src.p[2 * i + 1]);
    if (hi < 0 || lo < 0) break;
    dst.p[i] = uint8_t(hi << 4 | lo);
  }
  regs[0] = Value::ofInt(int64_t(i));
  return NativeStatus::Ok;
}

}  // namespace

void registerEncodingLoopNatives() {
  static const vm::NativeEntry entries[] = {
      {"encoding/base64.encodeGroups", base64EncodeGroups},
      {"encoding/base64.decodeQuanta", base64DecodeQuanta},
      {"encoding/hex.encodeBytes", hexEncodeBytes},
      {"encoding/hex.decodePairs", hexDecodePairs},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
