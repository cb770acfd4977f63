// Natives of package strconv: number parsing and formatting, quoting.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

enum Code : int64_t { kOk = 0, kSyntax = 1, kRange = 2, kBase = 3, kBits = 4 };

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's underscore rule (base 0 only): underscores separate digits, and may
// follow the base prefix.
bool underscoreOK(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0') {
    char b = char(s[1] | 0x20);
    if (b == 'b' || b == 'o' || b == 'x') {
      hex = b == 'x';
      i = 2;
      saw = '0';
    }
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && digitValue(c) < 16)) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// Parses an unsigned magnitude. Returns the code; *out is clamped on range
// errors.
Code parseMagnitude(std::string_view s0, int64_t base, int64_t bitSize, uint64_t* out) {
  *out = 0;
  if (s0.empty()) return kSyntax;
  std::string_view s = s0;
  bool base0 = base == 0;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && (s[1] | 0x20) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && (s[1] | 0x20) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && (s[1] | 0x20) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  } else if (base < 2 || base > 36) {
    return kBase;
  }
  if (bitSize == 0) bitSize = 64;
  if (bitSize < 0 || bitSize > 64) return kBits;
  uint64_t maxVal = bitSize == 64 ? ~uint64_t(0) : (uint64_t(1) << bitSize) - 1;
  uint64_t n = 0;
  bool sawUnderscore = false;
  bool overflow = false;
  for (char c : s) {
    if (c == '_' && base0) {
      sawUnderscore = true;
      continue;
    }
    int d = digitValue(c);
    if (d >= base) return kSyntax;
    if (overflow) continue;
    if (n > (maxVal - uint64_t(d)) / uint64_t(base)) {
      overflow = true;
      continue;
    }
    n = n * uint64_t(base) + uint64_t(d);
  }
  if (sawUnderscore && !underscoreOK(s0)) return kSyntax;
  if (overflow) {
    *out = maxVal;
    return kRange;
  }
  *out = n;
  return kOk;
}

NativeStatus parseUint(NativeCtx&, Value* regs) {
  std::string_view s = vm::strView(regs[0]);
  uint64_t n;
  Code c = parseMagnitude(s, regs[1].i, regs[2].i, &n);
  if (c == kSyntax || c == kBase || c == kBits) n = 0;
  regs[0] = Value::ofInt(int64_t(n));
  regs[1] = Value::ofInt(c);
  return NativeStatus::Ok;
}

NativeStatus parseInt(NativeCtx&, Value* regs) {
  std::string_view s = vm::strView(regs[0]);
  int64_t bitSize = regs[2].i == 0 ? 64 : regs[2].i;
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t u;
  Code c = parseMagnitude(s, regs[1].i, 64, &u);
  int64_t result = 0;
  if (c == kOk || c == kRange) {
    uint64_t cutoff = (bitSize >= 1 && bitSize <= 64) ? uint64_t(1) << (bitSize - 1) : 0;
    if (c == kOk && bitSize >= 1 && bitSize <= 64) {
      if (!neg && u >= cutoff) {
        c = kRange;
      } else if (neg && u > cutoff) {
        c = kRange;
      }
    }
    if (bitSize < 1 || bitSize > 64) {
      c = kBits;
    } else if (c == kRange) {
      result = neg ? int64_t(uint64_t(0) - cutoff) : int64_t(cutoff - 1);
    } else {
      result = neg ? int64_t(uint64_t(0) - u) : int64_t(u);
    }
  }
  regs[0] = Value::ofInt(result);
  regs[1] = Value::ofInt(c);
  return NativeStatus::Ok;
}

bool equalsFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// Go's float syntax: decimal or hexadecimal mantissa, optional exponent,
// underscores between digits, or inf/infinity/nan.
bool floatSyntax(std::string_view s, std::string& clean) {
  clean.clear();
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
  std::string_view rest = s.substr(i);
  if (equalsFold(rest, "inf") || equalsFold(rest, "infinity") ||
      (equalsFold(rest, "nan") && i == 0)) {
    clean += rest;
    return true;
  }
  bool hex = rest.size() >= 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x';
  if (hex) {
    clean += "0x";
    i += 2;
  }
  bool digits = false, dot = false;
  bool underscores = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.' && !dot) {
      dot = true;
      clean += c;
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && digitValue(c) < 16)) {
      digits = true;
      clean += c;
      continue;
    }
    break;
  }
  if (!digits) return false;
  if (i < s.size() && ((!hex && (s[i] | 0x20) == 'e') || (hex && (s[i] | 0x20) == 'p'))) {
    clean += s[i++];
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    bool expDigits = false;
    for (; i < s.size(); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (s[i] < '0' || s[i] > '9') break;
      clean += s[i];
      expDigits = true;
    }
    if (!expDigits) return false;
  } else if (hex) {
    return false;  // hexadecimal mantissas need a 'p' exponent
  }
  if (i != s.size()) return false;
  if (underscores && !underscoreOK(s)) return false;
  return true;
}

NativeStatus parseFloat(NativeCtx&, Value* regs) {
  std::string_view s = vm::strView(regs[0]);
  int64_t bitSize = regs[1].i;
  std::string clean;
  Code c = kOk;
  double v = 0;
  if (!floatSyntax(s, clean)) {
    c = kSyntax;
  } else {
    errno = 0;
    if (bitSize == 32) {
      float f = std::strtof(clean.c_str(), nullptr);
      v = f;
    } else {
      v = std::strtod(clean.c_str(), nullptr);
    }
    bool isInfText = clean.find_first_of("iI") != std::string::npos;
    bool isNanText = clean.find_first_of("nN") != std::string::npos && !isInfText;
    if (std::isinf(v) && !isInfText && !isNanText) c = kRange;
  }
  regs[0] = Value::ofFloat(v);
  regs[1] = Value::ofInt(c);
  return NativeStatus::Ok;
}

std::string formatBase(uint64_t u, int64_t base, bool neg) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out += digits[u % uint64_t(base)];
    u /= uint64_t(base);
  } while (u != 0);
  if (neg) out += '-';
  return std::string(out.rbegin(), out.rend());
}

NativeStatus formatInt(NativeCtx& ctx, Value* regs) {
  int64_t i = regs[0].i, base = regs[1].i;
  if (base < 2 || base > 36)
    return ctx.panicValue(ctx.newString("strconv: illegal AppendInt/FormatInt base"));
  uint64_t u = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
  regs[0] = ctx.newString(formatBase(u, base, i < 0));
  return NativeStatus::Ok;
}

NativeStatus itoa(NativeCtx& ctx, Value* regs) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  int64_t i = regs[0].i;
  uint64_t u = i < 0 ? uint64_t(0) - uint64_t(i) : uint64_t(i);
  do {
    *--p = char('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (i < 0) *--p = '-';
  regs[0] = ctx.newString(std::string_view(p, size_t(end - p)));
  return NativeStatus::Ok;
}

NativeStatus formatUint(NativeCtx& ctx, Value* regs) {
  int64_t base = regs[1].i;
  if (base < 2 || base > 36)
    return ctx.panicValue(ctx.newString("strconv: illegal AppendInt/FormatInt base"));
  regs[0] = ctx.newString(formatBase(regs[0].u, base, false));
  return NativeStatus::Ok;
}

NativeStatus formatFloatNative(NativeCtx& ctx, Value* regs) {
  char fmt = char(regs[1].i);
  int prec = int(regs[2].i);
  int bitSize = int(regs[3].i);
  std::string s;
  switch (fmt) {
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
    case 'b': s = formatFloat(regs[0].f, fmt, prec, bitSize); break;
    case 'F': s = formatFloat(regs[0].f, 'f', prec, bitSize); break;
    default:
      s = "%";
      s += fmt;
      break;
  }
  regs[0] = ctx.newString(s);
  return NativeStatus::Ok;
}

template <bool Ascii>
NativeStatus quote(NativeCtx& ctx, Value* regs) {
  std::string s(vm::strView(regs[0]));
  regs[0] = ctx.newString(quoteString(s, Ascii));
  return NativeStatus::Ok;
}

template <bool Ascii>
NativeStatus quoteRuneNative(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(quoteRune(int32_t(regs[0].i), Ascii));
  return NativeStatus::Ok;
}

NativeStatus canBackquoteNative(NativeCtx&, Value* regs) {
  regs[0] = boolValue(canBackquote(vm::strView(regs[0])));
  return NativeStatus::Ok;
}

NativeStatus isPrintNative(NativeCtx&, Value* regs) {
  regs[0] = boolValue(isPrintRune(int32_t(regs[0].i)));
  return NativeStatus::Ok;
}

NativeStatus unquoteNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  bool ok = unquote(vm::strView(regs[0]), out);
  regs[0] = ok ? ctx.newString(out) : Value();
  regs[1] = boolValue(ok);
  return NativeStatus::Ok;
}

}  // namespace

void registerStrconvNatives() {
  static const vm::NativeEntry entries[] = {
      {"strconv.parseInt", parseInt},
      {"strconv.parseUint", parseUint},
      {"strconv.parseFloat", parseFloat},
      {"strconv.unquote", unquoteNative},
      {"strconv.FormatInt", formatInt},
      {"strconv.Itoa", itoa},
      {"strconv.FormatUint", formatUint},
      {"strconv.FormatFloat", formatFloatNative},
      {"strconv.Quote", quote<false>},
      {"strconv.QuoteToASCII", quote<true>},
      {"strconv.QuoteRune", quoteRuneNative<false>},
      {"strconv.QuoteRuneToASCII", quoteRuneNative<true>},
      {"strconv.CanBackquote", canBackquoteNative},
      {"strconv.IsPrint", isPrintNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
