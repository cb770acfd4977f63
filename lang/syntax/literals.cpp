#include "lang/syntax/literals.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace gol {

namespace {

int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

// Decodes one escape starting after the backslash at s[i]; advances i.
// `isByte` tells whether the value is a raw byte (\x, octal) or a rune.
uint32_t decodeEscape(std::string_view s, size_t& i, bool& isByte) {
  isByte = false;
  char c = s[i++];
  switch (c) {
    case 'a': return 7;
    case 'b': return 8;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'v': return 11;
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'x':
    case 'u':
    case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (int k = 0; k < n && i < s.size() && hexVal(s[i]) >= 0; ++k) v = v * 16 + hexVal(s[i++]);
      isByte = c == 'x';
      return v;
    }
    default:
      if (c >= '0' && c <= '7') {
        uint32_t v = c - '0';
        for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k)
          v = v * 8 + (s[i++] - '0');
        isByte = true;
        return v & 0xFF;
      }
      return static_cast<unsigned char>(c);
  }
}

// Decodes one UTF-8 sequence at s[i] (invalid bytes give U+FFFD); advances i.
uint32_t decodeUtf8(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  int n = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
  if (n < 0 || i + n >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t r = b & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    r = (r << 6) | (cb & 0x3F);
  }
  i += n + 1;
  return r;
}

}  // namespace

std::string decodeStringLit(std::string_view raw) {
  std::string out;
  if (raw.empty()) return out;
  char q = raw[0];
  std::string_view body = raw.substr(1);
  if (!body.empty() && body.back() == q) body.remove_suffix(1);
  if (q == '`') {
    out.reserve(body.size());
    for (char c : body)
      if (c != '\r') out += c;
    return out;
  }
  out.reserve(body.size());
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i++];
      continue;
    }
    ++i;
    bool isByte = false;
    uint32_t v = decodeEscape(body, i, isByte);
    if (isByte)
      out += static_cast<char>(v);
    else
      appendUtf8(out, v);
  }
  return out;
}

int32_t decodeRuneLit(std::string_view raw) {
  std::string_view body = raw.substr(raw.empty() ? 0 : 1);
  if (!body.empty() && body.back() == '\'') body.remove_suffix(1);
  if (body.empty()) return 0;
  size_t i = 0;
  if (body[0] == '\\' && body.size() > 1) {
    i = 1;
    bool isByte = false;
    return static_cast<int32_t>(decodeEscape(body, i, isByte));
  }
  return static_cast<int32_t>(decodeUtf8(body, i));
}

namespace {

bool isDecimalDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
  return isDecimalDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 16: return "hexadecimal";
  }
  return "decimal";
}

// The offset of the first '_' that does not sit between two digits (a base
// prefix counts as a digit), or npos.
size_t misplacedSeparator(std::string_view lit) {
  bool hex = false;
  size_t i = 0;
  // What came before position i: a digit, a '_', or something else.
  enum { Digit, Sep, Other } prev = Other;
  if (lit.size() >= 2 && lit[0] == '0') {
    char p = char(lit[1] | 0x20);
    if (p == 'x' || p == 'o' || p == 'b') {
      hex = p == 'x';
      prev = Digit;
      i = 2;
    }
  }
  for (; i < lit.size(); ++i) {
    char c = lit[i];
    if (c == '_') {
      if (prev != Digit) return i;
      prev = Sep;
    } else if (isDecimalDigit(c) || (hex && isHexDigit(c))) {
      prev = Digit;
    } else {
      if (prev == Sep) return i - 1;
      prev = Other;
    }
  }
  return prev == Sep ? lit.size() - 1 : std::string_view::npos;
}

}  // namespace

size_t scanNumberLit(std::string_view text, LitError& err) {
  err = LitError{};
  size_t q = 0;
  const size_t e = text.size();
  auto at = [&](size_t k) { return k < e ? text[k] : '\0'; };
  bool seenPoint = at(0) == '.';
  if (seenPoint ? !isDecimalDigit(at(1)) : !isDecimalDigit(at(0))) return 0;

  bool ok = true;
  bool isFloat = false;
  int base = 10;
  char prefix = 0;  // 'x', 'o', 'b', '0' (legacy octal) or 0 (decimal)
  bool sawDigit = false, sawSep = false;
  size_t invalidDigit = std::string_view::npos;
  auto fail = [&](size_t offset, std::string message) {
    if (!ok) return;
    err = LitError{offset, std::move(message)};
    ok = false;
  };
  // Digits of `base` and '_' separators; for bases up to 10 every decimal
  // digit is consumed and the first one too large is remembered.
  auto digits = [&] {
    for (;; ++q) {
      char c = at(q);
      if (c == '_') {
        sawSep = true;
      } else if (base == 16 ? isHexDigit(c) : isDecimalDigit(c)) {
        sawDigit = true;
        if (base < 10 && c - '0' >= base && invalidDigit == std::string_view::npos)
          invalidDigit = q;
      } else {
        return;
      }
    }
  };

  if (seenPoint) {
    ++q;
  } else {
    if (at(0) == '0') {
      ++q;
      switch (at(1) | 0x20) {
        case 'x': base = 16, prefix = 'x', ++q; break;
        case 'o': base = 8, prefix = 'o', ++q; break;
        case 'b': base = 2, prefix = 'b', ++q; break;
        default: base = 8, prefix = '0', sawDigit = true;  // the leading 0
      }
    }
    digits();
    if (at(q) == '.') {
      if (prefix == 'o' || prefix == 'b')
        fail(q, std::string("invalid radix point in ") + baseName(base) + " literal");
      ++q;
      seenPoint = true;
    }
  }
  if (seenPoint) {
    isFloat = true;
    digits();
  }
  if (!sawDigit) fail(q, std::string(baseName(base)) + " literal has no digits");

  char x = char(at(q) | 0x20);
  if (x == 'e' || x == 'p') {
    if (x == 'e' && prefix != 0 && prefix != '0')
      fail(q, std::string("'") + at(q) + "' exponent requires decimal mantissa");
    if (x == 'p' && prefix != 'x')
      fail(q, std::string("'") + at(q) + "' exponent requires hexadecimal mantissa");
    ++q;
    isFloat = true;
    if (at(q) == '+' || at(q) == '-') ++q;
    int savedBase = base;
    base = 10;
    sawDigit = false;
    digits();
    base = savedBase;
    if (!sawDigit) fail(q, "exponent has no digits");
  } else if (prefix == 'x' && isFloat) {
    fail(q, "hexadecimal mantissa requires a 'p' exponent");
  }
  bool imaginary = at(q) == 'i';
  if (imaginary) ++q;

  std::string_view lit = text.substr(0, q);
  if (!isFloat && !imaginary && invalidDigit != std::string_view::npos)
    fail(invalidDigit, std::string("invalid digit '") + lit[invalidDigit] + "' in " +
                           baseName(base) + " literal");
  if (sawSep) {
    size_t bad = misplacedSeparator(lit);
    if (bad != std::string_view::npos) fail(bad, "'_' must separate successive digits");
  }
  return q;
}

}  // namespace gol
