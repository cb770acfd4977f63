#include "runtime/lib/textconv.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace gol::lib {

int32_t decodeRune(std::string_view s, size_t i, int* width) {
  if (i >= s.size()) {
    *width = 0;
    return kRuneError;
  }
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c0 = b(i);
  if (c0 < 0x80) {
    *width = 1;
    return c0;
  }
  *width = 1;
  size_t rest = s.size() - i;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (rest < 2 || !cont(i + 1)) return kRuneError;
    *width = 2;
    return ((c0 & 0x1F) << 6) | (b(i + 1) & 0x3F);
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    if (rest < 3 || !cont(i + 1) || !cont(i + 2)) return kRuneError;
    // Reject overlong forms and surrogates.
    if (c0 == 0xE0 && b(i + 1) < 0xA0) return kRuneError;
    if (c0 == 0xED && b(i + 1) > 0x9F) return kRuneError;
    *width = 3;
    return ((c0 & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    if (rest < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return kRuneError;
    if (c0 == 0xF0 && b(i + 1) < 0x90) return kRuneError;
    if (c0 == 0xF4 && b(i + 1) > 0x8F) return kRuneError;
    *width = 4;
    return ((c0 & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
           (b(i + 3) & 0x3F);
  }
  return kRuneError;
}

int32_t decodeLastRune(std::string_view s, int* width) {
  if (s.empty()) {
    *width = 0;
    return kRuneError;
  }
  size_t end = s.size();
  size_t start = end - 1;
  if (static_cast<uint8_t>(s[start]) < 0x80) {
    *width = 1;
    return static_cast<uint8_t>(s[start]);
  }
  // Back up over at most three continuation bytes to a possible start byte.
  size_t lim = end >= 4 ? end - 4 : 0;
  while (start > lim && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) --start;
  int w = 0;
  int32_t r = decodeRune(s, start, &w);
  if (start + size_t(w) != end) {
    *width = 1;
    return kRuneError;
  }
  *width = w;
  return r;
}

void appendRune(std::string& out, int32_t r) {
  if (r < 0 || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  if (r < 0x80) {
    out += char(r);
  } else if (r < 0x800) {
    out += char(0xC0 | (r >> 6));
    out += char(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += char(0xE0 | (r >> 12));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  } else {
    out += char(0xF0 | (r >> 18));
    out += char(0x80 | ((r >> 12) & 0x3F));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  }
}

int runeLen(int32_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= kMaxRune) return 4;
  return -1;
}

size_t runeCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    int w;
    decodeRune(s, i, &w);
    i += size_t(w);
  }
  return n;
}

bool validUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int w;
    int32_t r = decodeRune(s, i, &w);
    if (r == kRuneError && w == 1) return false;
    i += size_t(w);
  }
  return true;
}

bool isPrintRune(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xFF) return r >= 0xA1 && r != 0xAD;
  if (r > kMaxRune) return false;
  // Outside Latin-1 we know the non-printing blocks that matter in practice
  // (format characters, separators, surrogates, private use, non-characters)
  // rather than carrying Unicode's full tables.
  if (r >= 0xD800 && r <= 0xF8FF) return false;
  if (r >= 0x2000 && r <= 0x200F) return false;
  if (r >= 0x2028 && r <= 0x202F) return false;
  if (r >= 0x205F && r <= 0x206F) return false;
  if (r == 0x1680 || r == 0x3000 || r == 0xFEFF) return false;
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;
  if (r >= 0xF0000) return false;
  if (r >= 0xE0000 && r <= 0xE0FFF) return false;
  return true;
}

// The digraphs DŽ Dž dž, LJ Lj lj, NJ Nj nj, DZ Dz dz: the first of each
// triple, or 0.
int32_t digraphBase(int32_t r) {
  if (r >= 0x1C4 && r <= 0x1CC) return 0x1C4 + (r - 0x1C4) / 3 * 3;
  if (r >= 0x1F1 && r <= 0x1F3) return 0x1F1;
  return 0;
}

int32_t toUpperRune(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  if (int32_t b = digraphBase(r)) return b;
  if (r == 0xB5) return 0x39C;
  if (r >= 0xE0 && r <= 0xFE && r != 0xF7) return r - 32;
  if (r == 0xFF) return 0x178;
  if (r >= 0x100 && r <= 0x17F) {
    if (r == 0x131) return 'I';
    if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) return (r % 2 == 0) ? r - 1 : r;
    if (r == 0x17F) return 'S';
    return (r % 2 == 1 && r != 0x138 && r != 0x149) ? r - 1 : r;
  }
  if (r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2) return r - 32;
  if (r == 0x3C2) return 0x3A3;
  if (r >= 0x3AC && r <= 0x3AF) return r == 0x3AC ? 0x386 : r - 37;
  if (r >= 0x430 && r <= 0x44F) return r - 32;
  if (r >= 0x450 && r <= 0x45F) return r - 80;
  if (r >= 0x460 && r <= 0x4FF && r % 2 == 1) return r - 1;
  return r;
}

int32_t toLowerRune(int32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  if (int32_t b = digraphBase(r)) return b + 2;
  if (r >= 0xC0 && r <= 0xDE && r != 0xD7) return r + 32;
  if (r == 0x178) return 0xFF;
  if (r >= 0x100 && r <= 0x17F) {
    if (r == 0x130) return 'i';
    if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) return (r % 2 == 1) ? r + 1 : r;
    return (r % 2 == 0 && r != 0x138) ? r + 1 : r;
  }
  if (r >= 0x391 && r <= 0x3A9 && r != 0x3A2) return r + 32;
  if (r == 0x386) return 0x3AC;
  if (r >= 0x388 && r <= 0x38A) return r + 37;
  if (r >= 0x410 && r <= 0x42F) return r + 32;
  if (r >= 0x400 && r <= 0x40F) return r + 80;
  if (r >= 0x460 && r <= 0x4FF && r % 2 == 0) return r + 1;
  return r;
}

bool isUpperRune(int32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  return toLowerRune(r) != r;
}

bool isLowerRune(int32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  if (r == 0xDF || r == 0x138 || r == 0x149) return true;
  return toUpperRune(r) != r;
}

bool isLetterRune(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r <= 0xFF)
    return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
  if (r <= 0x2AF) return true;  // Latin Extended, IPA
  if (r >= 0x370 && r <= 0x3FF)
    return r != 0x375 && r != 0x37E && r != 0x384 && r != 0x385 && r != 0x387;
  if (r >= 0x400 && r <= 0x52F) return !(r >= 0x482 && r <= 0x489);
  if (r >= 0x531 && r <= 0x587) return true;    // Armenian
  if (r >= 0x5D0 && r <= 0x5EA) return true;    // Hebrew
  if (r >= 0x620 && r <= 0x64A) return true;    // Arabic
  if (r >= 0x904 && r <= 0x939) return true;    // Devanagari
  if (r >= 0xE01 && r <= 0xE30) return true;    // Thai
  if (r >= 0x10A0 && r <= 0x10FF) return true;  // Georgian
  if (r >= 0x1100 && r <= 0x11FF) return true;  // Hangul Jamo
  if (r >= 0x1E00 && r <= 0x1FFF) return true;  // Latin/Greek Extended
  if (r >= 0x3041 && r <= 0x3096) return true;  // Hiragana
  if (r >= 0x30A1 && r <= 0x30FA) return true;  // Katakana
  if (r >= 0x3400 && r <= 0x4DBF) return true;  // CJK Extension A
  if (r >= 0x4E00 && r <= 0x9FFF) return true;  // CJK
  if (r >= 0xAC00 && r <= 0xD7A3) return true;  // Hangul
  if (r >= 0xF900 && r <= 0xFAFF) return true;
  if (r >= 0xFF21 && r <= 0xFF3A) return true;
  if (r >= 0xFF41 && r <= 0xFF5A) return true;
  if (r >= 0x20000 && r <= 0x2FA1F) return true;
  return false;
}

bool isDigitRune(int32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  static const int32_t zeros[] = {0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66,
                                  0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0xFF10};
  for (int32_t z : zeros)
    if (r >= z && r <= z + 9) return true;
  return false;
}

bool isSpaceRune(int32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return r >= 0x2000 && r <= 0x200A;
  }
}

bool isPunctRune(int32_t r) {
  if (r < 0x80) {
    switch (r) {
      case '!':
      case '"':
      case '#':
      case '%':
      case '&':
      case '\'':
      case '(':
      case ')':
      case '*':
      case ',':
      case '-':
      case '.':
      case '/':
      case ':':
      case ';':
      case '?':
      case '@':
      case '[':
      case '\\':
      case ']':
      case '_':
      case '{':
      case '}': return true;
      default: return false;
    }
  }
  switch (r) {
    case 0xA1:
    case 0xA7:
    case 0xAB:
    case 0xB6:
    case 0xB7:
    case 0xBB:
    case 0xBF: return true;
    default: break;
  }
  return (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205E) ||
         (r >= 0x3001 && r <= 0x3003) || (r >= 0x3008 && r <= 0x3011);
}

namespace {

// A decimal digit string d with the value 0.d × 10^dp (Go's convention).
// nd == 0 means zero.
struct Decimal {
  std::string d;
  int dp = 0;
};

// Parses the output of to_chars(scientific): "[-]D[.DDD]e±XX".
Decimal parseScientific(const char* first, const char* last) {
  Decimal dec;
  const char* p = first;
  if (p < last && *p == '-') ++p;
  for (; p < last && *p != 'e'; ++p)
    if (*p != '.') dec.d += *p;
  int exp = 0;
  if (p < last) exp = std::atoi(std::string(p + 1, last).c_str());
  dec.dp = exp + 1;
  // Zero has no digits.
  if (dec.d.find_first_not_of('0') == std::string::npos) {
    dec.d.clear();
    dec.dp = 0;
  }
  return dec;
}

Decimal shortestDigits(double v, int bitSize) {
  char buf[64];
  std::to_chars_result r =
      bitSize == 32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v),
                                    std::chars_format::scientific)
                    : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  return parseScientific(buf, r.ptr);
}

// Digits rounded to `n` significant digits (n >= 1), trailing zeros kept.
// The buffer is sized to the precision: a fixed one let to_chars fail with
// value_too_large for large precisions (%.2000e), and the unspecified bytes
// it left were read as digits.
Decimal roundedDigits(double v, int n) {
  std::string buf(size_t(n) + 16, '\0');  // "D.", n-1 digits, "e-308"
  std::to_chars_result r =
      std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific, n - 1);
  return parseScientific(buf.data(), r.ptr);
}

void trimZeros(Decimal& dec) {
  while (!dec.d.empty() && dec.d.back() == '0') dec.d.pop_back();
  if (dec.d.empty()) dec.dp = 0;
}

void fmtE(std::string& out, bool neg, const Decimal& dec, int prec, char fmt) {
  if (neg) out += '-';
  int nd = int(dec.d.size());
  out += nd == 0 ? '0' : dec.d[0];
  if (prec > 0) {
    out += '.';
    int i = 1;
    int m = std::min(nd, prec + 1);
    if (i < m) {
      out.append(dec.d, size_t(i), size_t(m - i));
      i = m;
    }
    for (; i <= prec; ++i) out += '0';
  }
  out += fmt;
  int exp = nd == 0 ? 0 : dec.dp - 1;
  if (exp < 0) {
    out += '-';
    exp = -exp;
  } else {
    out += '+';
  }
  if (exp < 10) out += '0';
  out += std::to_string(exp);
}

void fmtF(std::string& out, bool neg, const Decimal& dec, int prec) {
  if (neg) out += '-';
  int nd = int(dec.d.size());
  if (dec.dp > 0) {
    int m = std::min(nd, dec.dp);
    out.append(dec.d, 0, size_t(m));
    for (; m < dec.dp; ++m) out += '0';
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (int i = 1; i <= prec; ++i) {
      int j = dec.dp + i - 1;
      out += (j >= 0 && j < nd) ? dec.d[size_t(j)] : '0';
    }
  }
}

}  // namespace

namespace {

void appendExponent(std::string& out, int exp, int minDigits) {
  out += exp < 0 ? '-' : '+';
  std::string d = std::to_string(exp < 0 ? -exp : exp);
  for (int i = int(d.size()); i < minDigits; ++i) out += '0';
  out += d;
}

// %x / %X: "0x1.8p+01"; prec < 0 means the shortest exact digits.
std::string formatHexFloat(double v, char fmt, int prec) {
  std::string out;
  if (std::signbit(v)) out += '-';
  v = std::fabs(v);
  int exp = 0;
  uint64_t frac = 0;  // 52 fraction bits below the leading 1
  int lead = 0;
  if (v != 0) {
    int e;
    double f = std::frexp(v, &e);  // v = f * 2^e, f in [0.5, 1)
    uint64_t m = uint64_t(std::ldexp(f, 53));
    lead = 1;
    exp = e - 1;
    frac = m & ((uint64_t(1) << 52) - 1);
  }
  int digits = 13;
  if (prec >= 0 && prec < digits && lead != 0) {
    // Round the mantissa 1.fff... to prec hex digits, half to even.
    int shift = 4 * (digits - prec);
    uint64_t full = (uint64_t(1) << 52) | frac;
    uint64_t rem = full & ((uint64_t(1) << shift) - 1);
    uint64_t half = uint64_t(1) << (shift - 1);
    full >>= shift;
    if (rem > half || (rem == half && (full & 1))) ++full;
    if ((full >> (4 * prec)) >= 2) {
      // Carried into the leading digit: 2.0 = 1.0p+1.
      full = uint64_t(1) << (4 * prec);
      ++exp;
    }
    frac = full & ((uint64_t(1) << (4 * prec)) - 1);
    digits = prec;
  } else if (prec >= 0 && prec < digits) {
    digits = prec;
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string d;
  for (int i = digits - 1; i >= 0; --i) d += hex[(frac >> (4 * i)) & 0xF];
  if (prec < 0) {
    while (!d.empty() && d.back() == '0') d.pop_back();
  } else {
    while (int(d.size()) < prec) d += '0';
  }
  out += fmt == 'X' ? "0X" : "0x";
  out += char('0' + lead);
  if (!d.empty()) {
    out += '.';
    out += d;
  }
  out += fmt == 'X' ? 'P' : 'p';
  appendExponent(out, exp, 2);
  return out;
}

// %b: decimal mantissa and binary exponent, "4503599627370496p-52".
std::string formatBinaryFloat(double v, int bitSize) {
  std::string out;
  if (std::signbit(v)) out += '-';
  v = std::fabs(v);
  int mantBits = bitSize == 32 ? 23 : 52;
  uint64_t m = 0;
  int exp = 0;
  if (v != 0) {
    int e;
    double f = std::frexp(v, &e);
    int minExp = bitSize == 32 ? -125 : -1021;
    int shift = mantBits + 1;
    if (e < minExp) shift -= minExp - e;  // subnormal
    m = uint64_t(std::ldexp(f, shift));
    exp = e - shift;
  } else {
    exp = bitSize == 32 ? -149 : -1074;
  }
  out += std::to_string(m);
  out += 'p';
  out += exp < 0 ? '-' : '+';
  out += std::to_string(exp < 0 ? -exp : exp);
  return out;
}

}  // namespace

std::string formatFloat(double v, char fmt, int prec, int bitSize) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (bitSize == 32) v = static_cast<float>(v);
  if (fmt == 'x' || fmt == 'X') return formatHexFloat(v, fmt, prec);
  if (fmt == 'b') return formatBinaryFloat(v, bitSize);
  bool neg = std::signbit(v);
  double a = std::fabs(v);
  std::string out;
  bool shortest = prec < 0;
  Decimal dec;
  if (shortest) {
    dec = shortestDigits(a, bitSize);
    int nd = int(dec.d.size());
    switch (fmt) {
      case 'e':
      case 'E': prec = std::max(nd - 1, 0); break;
      case 'f': prec = std::max(nd - dec.dp, 0); break;
      default: prec = nd; break;
    }
  } else {
    switch (fmt) {
      case 'e':
      case 'E': dec = roundedDigits(a, prec + 1); break;
      case 'f': {
        // Up to 309 integer digits, the point and prec decimals (a fixed
        // 1100-byte buffer made %.3000f print uninitialised stack bytes).
        std::string buf(size_t(prec) + 320, '\0');
        std::to_chars_result r =
            std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed, prec);
        if (neg) out += '-';
        out.append(buf.data(), r.ptr);
        return out;
      }
      default:
        if (prec == 0) prec = 1;
        dec = roundedDigits(a, prec);
        trimZeros(dec);
        break;
    }
  }
  switch (fmt) {
    case 'e':
    case 'E': fmtE(out, neg, dec, prec, fmt); return out;
    case 'f': fmtF(out, neg, dec, prec); return out;
    case 'g':
    case 'G': {
      int nd = int(dec.d.size());
      int eprec = prec;
      if (eprec > nd && nd >= dec.dp) eprec = nd;
      if (shortest) eprec = 6;
      int exp = dec.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        fmtE(out, neg, dec, prec - 1, fmt == 'g' ? 'e' : 'E');
        return out;
      }
      if (prec > dec.dp) prec = nd;
      fmtF(out, neg, dec, std::max(prec - dec.dp, 0));
      return out;
    }
    default: break;
  }
  return std::string{'%', fmt};
}

namespace {

const char kHex[] = "0123456789abcdef";

void appendEscapedRune(std::string& out, int32_t r, int width, std::string_view raw, char quote,
                       bool asciiOnly) {
  if (r == quote || r == '\\') {
    out += '\\';
    out += char(r);
    return;
  }
  if (asciiOnly) {
    if (r < 0x80 && isPrintRune(r)) {
      out += char(r);
      return;
    }
  } else if (isPrintRune(r)) {
    out.append(raw.substr(0, size_t(width)));
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    out += kHex[(r >> 4) & 0xF];
    out += kHex[r & 0xF];
  } else if (r < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out += kHex[(r >> s) & 0xF];
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out += kHex[(r >> s) & 0xF];
  }
}

}  // namespace

std::string quoteString(std::string_view s, bool asciiOnly) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    int w;
    int32_t r = decodeRune(s, i, &w);
    if (w == 1 && r == kRuneError) {
      uint8_t b = static_cast<uint8_t>(s[i]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      appendEscapedRune(out, r, w, s.substr(i), '"', asciiOnly);
    }
    i += size_t(w);
  }
  out += '"';
  return out;
}

std::string quoteRune(int32_t r, bool asciiOnly) {
  if (r < 0 || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  std::string raw;
  appendRune(raw, r);
  std::string out = "'";
  appendEscapedRune(out, r, int(raw.size()), raw, '\'', asciiOnly);
  out += '\'';
  return out;
}

bool canBackquote(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int w;
    int32_t r = decodeRune(s, i, &w);
    i += size_t(w);
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == kRuneError) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

namespace {

int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one character or escape of a quoted literal at s[i]; appends its
// bytes to out. Returns false on a syntax error.
bool unquoteChar(std::string_view s, size_t& i, char quote, std::string& out) {
  char c = s[i];
  if (c == quote && (quote == '\'' || quote == '"')) return false;
  if (c != '\\') {
    int w;
    int32_t r = decodeRune(s, i, &w);
    if (w == 1 && r == kRuneError) {
      out += c;
      ++i;
      return true;
    }
    out.append(s.substr(i, size_t(w)));
    i += size_t(w);
    return true;
  }
  if (i + 1 >= s.size()) return false;
  c = s[i + 1];
  i += 2;
  switch (c) {
    case 'a': out += '\a'; return true;
    case 'b': out += '\b'; return true;
    case 'f': out += '\f'; return true;
    case 'n': out += '\n'; return true;
    case 'r': out += '\r'; return true;
    case 't': out += '\t'; return true;
    case 'v': out += '\v'; return true;
    case '\\': out += '\\'; return true;
    case '\'':
    case '"':
      if (c != quote) return false;
      out += c;
      return true;
    case 'x':
    case 'u':
    case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (i + size_t(n) > s.size()) return false;
      int32_t v = 0;
      for (int k = 0; k < n; ++k) {
        int h = hexVal(s[i + size_t(k)]);
        if (h < 0) return false;
        v = v * 16 + h;
      }
      i += size_t(n);
      if (c == 'x') {
        out += char(v);
        return true;
      }
      if (v > kMaxRune || (v >= 0xD800 && v <= 0xDFFF)) return false;
      appendRune(out, v);
      return true;
    }
    default:
      if (c >= '0' && c <= '7') {
        if (i + 2 > s.size()) return false;
        int v = c - '0';
        for (int k = 0; k < 2; ++k) {
          char d = s[i + size_t(k)];
          if (d < '0' || d > '7') return false;
          v = v * 8 + (d - '0');
        }
        if (v > 255) return false;
        i += 2;
        out += char(v);
        return true;
      }
      return false;
  }
}

}  // namespace

bool unquote(std::string_view s, std::string& out) {
  out.clear();
  if (s.size() < 2) return false;
  char q = s.front();
  if (q != s.back()) return false;
  std::string_view body = s.substr(1, s.size() - 2);
  if (q == '`') {
    if (body.find('`') != std::string_view::npos) return false;
    for (char c : body)
      if (c != '\r') out += c;
    return true;
  }
  if (q != '"' && q != '\'') return false;
  if (body.find('\n') != std::string_view::npos) return false;
  size_t i = 0;
  while (i < body.size())
    if (!unquoteChar(body, i, q, out)) return false;
  if (q == '\'') {
    // Exactly one character.
    if (out.empty()) return false;
    int w;
    decodeRune(out, 0, &w);
    if (size_t(w) != out.size() && !(body.size() >= 2 && body[0] == '\\' && out.size() == 1))
      return false;
  }
  return true;
}

}  // namespace gol::lib
