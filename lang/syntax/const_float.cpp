#include "lang/syntax/const_float.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace gol {

namespace {

// Fractions whose numerator or denominator reach this many bits become
// 512-bit binary floats (go/constant's maxExp and prec).
constexpr uint64_t kMaxExactBits = 4096;
constexpr uint64_t kMantBits = 512;
// big.Float's exponent range (x = m * 2^e, 0.5 <= m < 1): beyond it a
// value is infinite (go/constant: not representable), below it zero.
constexpr int64_t kMaxTopExp = INT32_MAX;
constexpr int64_t kMinTopExp = INT32_MIN;
// Decimal exponents of literals are read up to this (any larger is far
// past kMaxTopExp anyway).
constexpr int64_t kMaxLiteralExp10 = 1000000000;

// Go's %g: the shortest digits that round-trip, in %e form when the decimal
// exponent is below -4 or at least 6.
std::string shortestG(double x) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-d.ddde+XX"
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t ePos = sci.find('e');
  std::string digits = sci.substr(0, ePos);
  int exp = std::stoi(sci.substr(ePos + 1));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + e;
  }
  if (exp < 0) return out + "0." + std::string(size_t(-exp - 1), '0') + digits;
  if (digits.size() <= size_t(exp) + 1)
    return out + digits + std::string(exp + 1 - digits.size(), '0');
  return out + digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
}

std::string printfG6(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

}  // namespace

ConstFloat ConstFloat::fromInt(const BigInt& v) {
  ConstFloat f;
  f.num_ = v;
  f.normalize();
  return f;
}

ConstFloat ConstFloat::fromDouble(double d) {
  if (d == 0) return ConstFloat();
  int e;
  double frac = std::frexp(d, &e);  // d = frac * 2^e, 0.5 <= |frac| < 1
  auto mant = int64_t(std::ldexp(frac, 53));
  return approx(BigInt(mant), int64_t(e) - 53);
}

ConstFloat ConstFloat::fromReduced(BigInt num, BigInt den) {
  ConstFloat f;
  f.num_ = std::move(num);
  f.den_ = std::move(den);
  f.normalize();
  return f;
}

// (a/b) * (c/d) for reduced fractions with b, d > 0: cancelling across
// first keeps the result reduced with gcds of the smaller parts.
ConstFloat ConstFloat::mulReduced(const BigInt& a, const BigInt& b, const BigInt& c,
                                  const BigInt& d) {
  if (a.isZero() || c.isZero()) return ConstFloat();
  BigInt g1 = BigInt::gcd(a, d), g2 = BigInt::gcd(c, b);
  BigInt one(1);
  BigInt num = (g1 == one ? a : a / g1) * (g2 == one ? c : c / g2);
  BigInt den = (g2 == one ? b : b / g2) * (g1 == one ? d : d / g1);
  return ConstFloat::fromReduced(std::move(num), std::move(den));
}

ConstFloat ConstFloat::fromRatio(BigInt num, BigInt den) {
  ConstFloat f;
  if (den.sign() < 0) {
    num = -num;
    den = -den;
  }
  BigInt g = BigInt::gcd(num, den);
  if (g != BigInt(1) && !g.isZero()) {
    num = num / g;
    den = den / g;
  }
  f.num_ = std::move(num);
  f.den_ = std::move(den);
  f.normalize();
  return f;
}

// mant * 2^exp2 rounded half to even to a 512-bit mantissa, in binary form.
ConstFloat ConstFloat::roundMant(BigInt mant, int64_t exp2) {
  ConstFloat f;
  bool neg = mant.sign() < 0;
  BigInt m = mant.abs();
  uint64_t len = m.bitLen();
  if (len > kMantBits) {
    uint64_t drop = len - kMantBits;
    BigInt kept = m.shr(drop);
    bool half = m.absBit(drop - 1);
    bool rest = m.trailingZeros() < drop - 1;
    if (half && (rest || !kept.isEven())) kept = kept + BigInt(1);
    m = std::move(kept);
    exp2 += int64_t(drop);
  }
  if (m.isZero()) return f;
  int64_t top = int64_t(m.bitLen()) + exp2;
  if (top < kMinTopExp) return f;  // underflows to 0, as big.Float does
  f.approx_ = true;
  f.num_ = neg ? -m : m;
  f.exp2_ = exp2;
  if (top > kMaxTopExp) {
    f.inf_ = true;
    f.num_ = BigInt(neg ? -1 : 1);
    f.exp2_ = kMaxTopExp;
  }
  return f;
}

// The rounded binary value, back as an exact fraction when its exponent is
// in the fractions' range (it is dyadic, so that is exact), as go/constant.
ConstFloat ConstFloat::approx(BigInt mant, int64_t exp2) {
  ConstFloat f = roundMant(std::move(mant), exp2);
  if (!f.approx_ || f.inf_) return f;
  int64_t top = int64_t(f.num_.bitLen()) + f.exp2_;
  if (top <= -int64_t(kMaxExactBits) + 1 || top >= int64_t(kMaxExactBits) - 1) return f;
  ConstFloat r;
  if (f.exp2_ >= 0) {
    r.num_ = f.num_.shl(uint64_t(f.exp2_));
  } else {
    uint64_t tz = std::min<uint64_t>(f.num_.trailingZeros(), uint64_t(-f.exp2_));
    r.num_ = f.num_.shr(tz);  // exact: those bits are zero
    r.den_ = BigInt(1).shl(uint64_t(-f.exp2_) - tz);
  }
  return r;
}

void ConstFloat::normalize() {
  if (approx_) return;
  if (num_.bitLen() >= kMaxExactBits || den_.bitLen() >= kMaxExactBits) *this = toApprox();
}

ConstFloat ConstFloat::toApprox() const {
  if (approx_) return *this;
  ConstFloat f;
  if (num_.isZero()) return f;
  // q = |num| * 2^s / den with a few bits beyond the mantissa, the
  // remainder folded into a sticky bit so that rounding stays exact.
  BigInt a = num_.abs();
  int64_t s = int64_t(kMantBits) + 3 + int64_t(den_.bitLen()) - int64_t(a.bitLen());
  BigInt q, r;
  if (s >= 0)
    BigInt::quoRem(a.shl(uint64_t(s)), den_, q, r);
  else
    BigInt::quoRem(a, den_.shl(uint64_t(-s)), q, r);
  q = q.shl(1) + BigInt(r.isZero() ? 0 : 1);
  f = roundMant(num_.sign() < 0 ? -q : q, -s - 1);
  return f;
}

bool ConstFloat::parseLiteral(std::string_view lit, ConstFloat& out) {
  std::string s;
  s.reserve(lit.size());
  for (char c : lit)
    if (c != '_') s += c;
  if (s.empty()) return false;
  bool hex = s.size() > 1 && s[0] == '0' && (s[1] | 0x20) == 'x';
  if (s.size() > 1 && s[0] == '0' && ((s[1] | 0x20) == 'o' || (s[1] | 0x20) == 'b')) {
    BigInt v;
    if (!BigInt::parseLiteral(s, v)) return false;
    out = fromInt(v);
    return true;
  }
  size_t i = hex ? 2 : 0;
  std::string mant;
  int64_t fracDigits = 0;
  bool dot = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '.') {
      if (dot) return false;
      dot = true;
      continue;
    }
    bool digit = hex ? std::isxdigit((unsigned char)c) : std::isdigit((unsigned char)c);
    if (!digit) break;
    mant += c;
    if (dot) fracDigits++;
  }
  int64_t exp = 0;
  if (i < s.size()) {
    char e = char(s[i] | 0x20);
    if (e != (hex ? 'p' : 'e')) return false;
    i++;
    bool negExp = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negExp = s[i++] == '-';
    if (i >= s.size()) return false;
    for (; i < s.size(); i++) {
      if (!std::isdigit((unsigned char)s[i])) return false;
      if (exp < kMaxLiteralExp10 * 10) exp = exp * 10 + (s[i] - '0');
    }
    if (negExp) exp = -exp;
  }
  BigInt m;
  if (mant.empty() || !BigInt::parseDigits(mant, hex ? 16 : 10, m)) return false;
  if (m.isZero()) {
    out = ConstFloat();
    return true;
  }
  if (hex) {
    int64_t e2 = exp - 4 * fracDigits;
    if (e2 > kMaxLiteralExp10 * 4 || e2 < -kMaxLiteralExp10 * 4) return false;
    int64_t top = int64_t(m.bitLen()) + e2;
    if (std::abs(top) < int64_t(kMaxExactBits) && std::abs(e2) < int64_t(kMaxExactBits))
      out = e2 >= 0 ? fromInt(m.shl(uint64_t(e2))) : fromRatio(m, BigInt(1).shl(uint64_t(-e2)));
    else
      out = approx(m, e2);
    return !out.inf_;
  }
  int64_t e10 = exp - fracDigits;
  if (e10 > kMaxLiteralExp10 || e10 < -kMaxLiteralExp10) return false;
  // log2(10) < 3.33: a literal within the exact range is computed exactly.
  double bits = double(m.bitLen()) + double(e10) * 3.3219280948873623;
  if (std::fabs(bits) < double(kMaxExactBits) + 64) {
    BigInt p = BigInt::pow(BigInt(10), uint64_t(e10 < 0 ? -e10 : e10));
    out = e10 >= 0 ? fromInt(m * p) : fromRatio(m, p);
    return true;
  }
  // Far out of range: 10^|e10| by squaring in 512-bit arithmetic.
  ConstFloat p = approx(BigInt(1), 0), base = fromInt(BigInt(10));
  uint64_t n = uint64_t(e10 < 0 ? -e10 : e10);
  while (n) {
    if (n & 1) p = p * base;
    n >>= 1;
    if (n) base = base * base;
  }
  ConstFloat mf = fromInt(m);
  out = e10 >= 0 ? mf * p : mf / p;
  return !out.inf_ && !p.inf_;
}

bool ConstFloat::toInt(BigInt& out) const {
  if (!approx_) {
    if (den_ != BigInt(1)) return false;
    out = num_;
    return true;
  }
  if (exp2_ < 0) return false;  // out of the exact range means |x| < 2^-4096
  // Far beyond every integer type: the shift is capped (the value only
  // serves to report an overflow).
  out = num_.shl(uint64_t(std::min<int64_t>(exp2_, 2 * kMaxExactBits)));
  return true;
}

ConstFloat ConstFloat::operator-() const {
  ConstFloat f = *this;
  f.num_ = -f.num_;
  return f;
}

ConstFloat operator+(const ConstFloat& a, const ConstFloat& b) {
  if (a.inf_) return a;
  if (b.inf_) return b;
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  if (!a.approx_ && !b.approx_) {
    // Knuth's 4.5.1 formulas: every gcd has an operand no larger than the
    // smaller denominator, which is cheap when one side is a literal.
    BigInt g = BigInt::gcd(a.den_, b.den_);
    if (g == BigInt(1))
      return ConstFloat::fromReduced(a.num_ * b.den_ + b.num_ * a.den_, a.den_ * b.den_);
    BigInt t = a.num_ * (b.den_ / g) + b.num_ * (a.den_ / g);
    BigInt g2 = BigInt::gcd(t, g);
    return ConstFloat::fromReduced(t / g2, (a.den_ / g) * (b.den_ / g2));
  }
  ConstFloat x = a.toApprox(), y = b.toApprox();
  if (x.exp2_ < y.exp2_) std::swap(x, y);
  int64_t diff = x.exp2_ - y.exp2_;
  if (diff > int64_t(3 * kMantBits)) {
    // y lies far below x's last mantissa bit: it only breaks a tie, and a
    // 512-bit x is never exactly halfway.
    return ConstFloat::approx(x.num_, x.exp2_);
  }
  return ConstFloat::approx(x.num_.shl(uint64_t(diff)) + y.num_, y.exp2_);
}

ConstFloat operator-(const ConstFloat& a, const ConstFloat& b) {
  return a + (-b);
}

ConstFloat operator*(const ConstFloat& a, const ConstFloat& b) {
  if (a.inf_ || b.inf_) return a.inf_ ? a : b;
  if (a.isZero() || b.isZero()) return ConstFloat();
  if (!a.approx_ && !b.approx_) return ConstFloat::mulReduced(a.num_, a.den_, b.num_, b.den_);
  ConstFloat x = a.toApprox(), y = b.toApprox();
  return ConstFloat::approx(x.num_ * y.num_, x.exp2_ + y.exp2_);
}

ConstFloat operator/(const ConstFloat& a, const ConstFloat& b) {
  if (a.inf_) return a;
  if (b.inf_ || a.isZero()) return ConstFloat();
  if (!a.approx_ && !b.approx_) {
    if (b.num_.sign() < 0) return ConstFloat::mulReduced(a.num_, a.den_, -b.den_, -b.num_);
    return ConstFloat::mulReduced(a.num_, a.den_, b.den_, b.num_);
  }
  ConstFloat x = a.toApprox(), y = b.toApprox();
  auto s = int64_t(kMantBits + 3 + y.num_.bitLen());  // x's mantissa has at most kMantBits
  BigInt q, r;
  BigInt::quoRem(x.num_.shl(uint64_t(s)), y.num_, q, r);
  BigInt sticky(r.isZero() ? 0 : q.sign());  // q has more than 512 bits, so it is not 0
  return ConstFloat::approx(q.shl(1) + sticky, x.exp2_ - y.exp2_ - s - 1);
}

int ConstFloat::compare(const ConstFloat& a, const ConstFloat& b) {
  if (!a.approx_ && !b.approx_) {
    if (a.den_ == b.den_) return BigInt::compare(a.num_, b.num_);
    return BigInt::compare(a.num_ * b.den_, b.num_ * a.den_);
  }
  return (a - b).sign();
}

double ConstFloat::roundBinary(const BigInt& num, const BigInt& den, int64_t exp2, int mantBits,
                               int minExp, int maxExp, bool* overflow) {
  if (overflow) *overflow = false;
  if (num.isZero()) return 0;
  bool neg = num.sign() < 0;
  BigInt a = num.abs();
  int64_t lenDiff = int64_t(a.bitLen()) - int64_t(den.bitLen());
  auto inf = [&] {
    if (overflow) *overflow = true;
    return neg ? -HUGE_VAL : HUGE_VAL;
  };
  if (lenDiff + exp2 > maxExp + 2) return inf();
  if (lenDiff + exp2 < minExp - mantBits - 2) return neg ? -0.0 : 0.0;
  // q = floor(a * 2^s / den) with at least mantBits + 3 bits.
  int64_t s = mantBits + 4 - lenDiff;
  BigInt q, r;
  if (s >= 0)
    BigInt::quoRem(a.shl(uint64_t(s)), den, q, r);
  else
    BigInt::quoRem(a, den.shl(uint64_t(-s)), q, r);
  bool sticky = !r.isZero();
  auto len = int64_t(q.bitLen());
  int64_t exponent = len - 1 + exp2 - s;  // of the leading bit
  int64_t precision = exponent >= minExp ? mantBits : mantBits - (minExp - exponent);
  int64_t drop = len - precision;  // >= 3
  BigInt kept = drop >= len ? BigInt(0) : q.shr(uint64_t(drop));
  bool half = drop >= 1 && drop - 1 < len && q.absBit(uint64_t(drop - 1));
  bool rest = sticky || (drop >= 2 && int64_t(q.trailingZeros()) < drop - 1);
  if (half && (rest || !kept.isEven())) kept = kept + BigInt(1);
  int64_t resultExp = exp2 - s + drop;
  if (kept.isZero()) return neg ? -0.0 : 0.0;
  if (int64_t(kept.bitLen()) - 1 + resultExp > maxExp) return inf();
  double d = std::ldexp(double(kept.toInt64()), int(resultExp));
  return neg ? -d : d;
}

double ConstFloat::toFloat64(bool* overflow) const {
  return roundBinary(num_, den_, approx_ ? exp2_ : 0, 53, -1022, 1023, overflow);
}

float ConstFloat::toFloat32(bool* overflow) const {
  return float(roundBinary(num_, den_, approx_ ? exp2_ : 0, 24, -126, 127, overflow));
}

std::string ConstFloat::exactText() const {
  if (approx_) return num_.toString() + "p" + std::to_string(exp2_);
  if (den_ == BigInt(1)) return num_.toString();
  return num_.toString() + "/" + den_.toString();
}

std::string ConstFloat::str() const {
  bool overflow = false;
  double x = toFloat64(&overflow);
  if (!overflow && (x == 0) == isZero()) {
    std::string s = printfG6(x);
    BigInt unused;
    if (!toInt(unused) && s.find('.') == std::string::npos) s = shortestG(x);
    return s;
  }
  // Out of float64 range: x = m * 2^exp with 0.5 <= |m| < 1, then to a
  // decimal mantissa and exponent in float64 arithmetic, as go/constant.
  int64_t exp = int64_t(num_.bitLen()) - int64_t(den_.bitLen()) + (approx_ ? exp2_ : 0);
  double m = roundBinary(num_, den_, (approx_ ? exp2_ : 0) - exp, 53, -1022, 1023, nullptr);
  if (std::fabs(m) >= 1) {
    m /= 2;
    exp++;
  } else if (std::fabs(m) < 0.5) {
    m *= 2;
    exp--;
  }
  double d = double(exp) *
             (0.693147180559945309417232121458176568 / 2.30258509299404568401799145468436421);
  auto e = int64_t(d);
  m *= std::pow(10, d - double(e));
  double am = std::fabs(m);
  if (am < 1 - 0.5e-6) {
    m *= 10;
    e--;
  } else if (am >= 10) {
    m /= 10;
    e++;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6ge%+lld", m, (long long)e);
  return buf;
}

}  // namespace gol
