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
