// BigInt: int64 fast paths, schoolbook limb arithmetic (Knuth's algorithm D
// for division) behind them. Constants stay below a few thousand bits (gc's
// 512-bit limit for integers, 4096-bit fractions), where schoolbook is the
// fastest choice anyway.
#include "lang/syntax/bigint.hpp"

#include <algorithm>
#include <cassert>

namespace gol {

namespace {

using Mag = BigInt::Mag;

void trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

Mag magOfU64(uint64_t v) {
  Mag m;
  if (v) m.push_back(uint32_t(v));
  if (v >> 32) m.push_back(uint32_t(v >> 32));
  return m;
}

int cmpMag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag addMag(const Mag& a, const Mag& b) {
  const Mag& x = a.size() >= b.size() ? a : b;
  const Mag& y = a.size() >= b.size() ? b : a;
  Mag r(x.size() + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < x.size(); i++) {
    carry += uint64_t(x[i]) + (i < y.size() ? y[i] : 0);
    r[i] = uint32_t(carry);
    carry >>= 32;
  }
  r[x.size()] = uint32_t(carry);
  trim(r);
  return r;
}

// a - b for a >= b.
Mag subMag(const Mag& a, const Mag& b) {
  Mag r(a.size());
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); i++) {
    int64_t d = int64_t(a[i]) - (i < b.size() ? int64_t(b[i]) : 0) - borrow;
    borrow = d < 0;
    r[i] = uint32_t(d + (borrow ? (int64_t(1) << 32) : 0));
  }
  trim(r);
  return r;
}

Mag mulMag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  for (size_t i = 0; i < a.size(); i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); j++) {
      carry += uint64_t(a[i]) * b[j] + r[i + j];
      r[i + j] = uint32_t(carry);
      carry >>= 32;
    }
    r[i + b.size()] = uint32_t(carry);
  }
  trim(r);
  return r;
}

Mag shlMag(const Mag& a, uint64_t n) {
  if (a.empty()) return {};
  size_t limbs = n / 32, bits = n % 32;
  Mag r(a.size() + limbs + 1);
  for (size_t i = 0; i < a.size(); i++) {
    uint64_t v = uint64_t(a[i]) << bits;
    r[i + limbs] |= uint32_t(v);
    r[i + limbs + 1] |= uint32_t(v >> 32);
  }
  trim(r);
  return r;
}

Mag shrMag(const Mag& a, uint64_t n) {
  size_t limbs = n / 32, bits = n % 32;
  if (limbs >= a.size()) return {};
  Mag r(a.size() - limbs);
  for (size_t i = 0; i < r.size(); i++) {
    uint64_t v = a[i + limbs];
    if (i + limbs + 1 < a.size()) v |= uint64_t(a[i + limbs + 1]) << 32;
    r[i] = uint32_t(v >> bits);
  }
  trim(r);
  return r;
}

// Whether any of the low n bits of a is set.
bool lowBitsSet(const Mag& a, uint64_t n) {
  size_t limbs = n / 32, bits = n % 32;
  for (size_t i = 0; i < limbs && i < a.size(); i++)
    if (a[i]) return true;
  return bits && limbs < a.size() && (a[limbs] & ((uint32_t(1) << bits) - 1));
}

// q = a / d, returns a % d, for a one-limb divisor.
uint32_t divSmall(const Mag& a, uint32_t d, Mag& q) {
  q.assign(a.size(), 0);
  uint64_t rem = 0;
  for (size_t i = a.size(); i-- > 0;) {
    uint64_t cur = (rem << 32) | a[i];
    q[i] = uint32_t(cur / d);
    rem = cur % d;
  }
  trim(q);
  return uint32_t(rem);
}

// Knuth, TAOCP vol. 2, 4.3.1 algorithm D: q = a / b, r = a % b, b non-zero.
void divMag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  if (cmpMag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    uint32_t rem = divSmall(a, b[0], q);
    r = magOfU64(rem);
    return;
  }
  int s = __builtin_clz(b.back());
  Mag v = shlMag(b, s);
  Mag u = shlMag(a, s);
  if (u.size() == a.size()) u.push_back(0);
  u.push_back(0);
  size_t n = v.size(), m = u.size() - n - 1;
  q.assign(m, 0);
  for (size_t j = m; j-- > 0;) {
    uint64_t num = (uint64_t(u[j + n]) << 32) | u[j + n - 1];
    uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >> 32 || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      qhat--;
      rhat += v[n - 1];
      if (rhat >> 32) break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i++) {
      carry += qhat * v[i];
      int64_t t = int64_t(u[i + j]) - int64_t(uint32_t(carry)) - borrow;
      carry >>= 32;
      borrow = t < 0;
      u[i + j] = uint32_t(t + (borrow ? (int64_t(1) << 32) : 0));
    }
    int64_t t = int64_t(u[j + n]) - int64_t(carry) - borrow;
    u[j + n] = uint32_t(t);
    if (t < 0) {
      // qhat was one too large: add the divisor back.
      qhat--;
      uint64_t c = 0;
      for (size_t i = 0; i < n; i++) {
        c += uint64_t(u[i + j]) + v[i];
        u[i + j] = uint32_t(c);
        c >>= 32;
      }
      u[j + n] = uint32_t(uint64_t(u[j + n]) + c);
    }
    q[j] = uint32_t(qhat);
  }
  trim(q);
  u.resize(n);
  trim(u);
  r = shrMag(u, s);
}

// The two's complement of a signed magnitude in `limbs` limbs.
Mag twos(bool neg, const Mag& m, size_t limbs) {
  Mag r(limbs, 0);
  std::copy(m.begin(), m.end(), r.begin());
  if (neg) {
    uint64_t carry = 1;
    for (auto& l : r) {
      carry += uint32_t(~l);
      l = uint32_t(carry);
      carry >>= 32;
    }
  }
  return r;
}

}  // namespace

BigInt BigInt::fromUint64(uint64_t v) {
  if (v <= uint64_t(INT64_MAX)) return BigInt(int64_t(v));
  return fromMag(false, magOfU64(v));
}

BigInt BigInt::fromMag(bool neg, Mag mag) {
  trim(mag);
  BigInt r;
  if (mag.size() <= 2) {
    uint64_t u = mag.empty() ? 0 : mag[0];
    if (mag.size() == 2) u |= uint64_t(mag[1]) << 32;
    if (u <= uint64_t(INT64_MAX)) {
      r.small_ = neg ? -int64_t(u) : int64_t(u);
      return r;
    }
    if (neg && u == uint64_t(1) << 63) {
      r.small_ = INT64_MIN;
      return r;
    }
  }
  r.big_ = std::make_unique<Big>(Big{neg, std::move(mag)});
  return r;
}

BigInt::Mag BigInt::magnitude() const {
  if (!isSmall()) return big_->mag;
  uint64_t u = small_ < 0 ? uint64_t(0) - uint64_t(small_) : uint64_t(small_);
  return magOfU64(u);
}

bool BigInt::fitsUint64() const {
  if (isSmall()) return small_ >= 0;
  return !big_->neg && big_->mag.size() <= 2;
}

int64_t BigInt::toInt64() const {
  if (isSmall()) return small_;
  uint64_t u = big_->mag[0] | (big_->mag.size() > 1 ? uint64_t(big_->mag[1]) << 32 : 0);
  return int64_t(big_->neg ? uint64_t(0) - u : u);
}

uint64_t BigInt::bitLen() const {
  if (isSmall()) {
    uint64_t u = small_ < 0 ? uint64_t(0) - uint64_t(small_) : uint64_t(small_);
    return u ? 64 - __builtin_clzll(u) : 0;
  }
  return (big_->mag.size() - 1) * 32 + (32 - __builtin_clz(big_->mag.back()));
}

bool BigInt::absBit(uint64_t n) const {
  if (isSmall()) {
    uint64_t u = small_ < 0 ? uint64_t(0) - uint64_t(small_) : uint64_t(small_);
    return n < 64 && ((u >> n) & 1);
  }
  return n / 32 < big_->mag.size() && ((big_->mag[n / 32] >> (n % 32)) & 1);
}

uint64_t BigInt::trailingZeros() const {
  if (isZero()) return 0;
  if (isSmall()) return __builtin_ctzll(uint64_t(small_));
  uint64_t n = 0;
  for (uint32_t l : big_->mag) {
    if (l) return n + __builtin_ctz(l);
    n += 32;
  }
  return n;
}

BigInt BigInt::operator-() const {
  if (isSmall() && small_ != INT64_MIN) return BigInt(-small_);
  return fromMag(!negative(), magnitude());
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  int64_t r;
  if (a.isSmall() && b.isSmall() && !__builtin_add_overflow(a.small_, b.small_, &r)) return r;
  bool an = a.negative(), bn = b.negative();
  Mag am = a.magnitude(), bm = b.magnitude();
  if (an == bn) return BigInt::fromMag(an, addMag(am, bm));
  if (cmpMag(am, bm) >= 0) return BigInt::fromMag(an, subMag(am, bm));
  return BigInt::fromMag(bn, subMag(bm, am));
}

BigInt operator-(const BigInt& a, const BigInt& b) {
  int64_t r;
  if (a.isSmall() && b.isSmall() && !__builtin_sub_overflow(a.small_, b.small_, &r)) return r;
  return a + (-b);
}

BigInt operator*(const BigInt& a, const BigInt& b) {
  int64_t r;
  if (a.isSmall() && b.isSmall() && !__builtin_mul_overflow(a.small_, b.small_, &r)) return r;
  return BigInt::fromMag(a.negative() != b.negative(), mulMag(a.magnitude(), b.magnitude()));
}

void BigInt::quoRem(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  assert(!b.isZero());
  if (a.isSmall() && b.isSmall() && !(a.small_ == INT64_MIN && b.small_ == -1)) {
    int64_t qs = a.small_ / b.small_, rs = a.small_ % b.small_;
    q = BigInt(qs);
    r = BigInt(rs);
    return;
  }
  Mag qm, rm;
  divMag(a.magnitude(), b.magnitude(), qm, rm);
  bool an = a.negative();
  q = fromMag(an != b.negative(), std::move(qm));
  r = fromMag(an, std::move(rm));
}

BigInt operator/(const BigInt& a, const BigInt& b) {
  BigInt q, r;
  BigInt::quoRem(a, b, q, r);
  return q;
}

BigInt operator%(const BigInt& a, const BigInt& b) {
  BigInt q, r;
  BigInt::quoRem(a, b, q, r);
  return r;
}

BigInt BigInt::shl(uint64_t n) const {
  if (isSmall() && n < 63) {
    int64_t v = int64_t(uint64_t(small_) << n);
    if ((v >> n) == small_) return v;
  }
  if (isZero()) return 0;
  return fromMag(negative(), shlMag(magnitude(), n));
}

BigInt BigInt::shr(uint64_t n) const {
  if (isSmall()) return n >= 63 ? BigInt(small_ < 0 ? -1 : 0) : BigInt(small_ >> n);
  Mag m = magnitude();
  Mag r = shrMag(m, n);
  if (big_->neg && lowBitsSet(m, n)) r = addMag(r, {1});  // floor, not truncation
  return fromMag(big_->neg, std::move(r));
}

BigInt operator&(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, '&');
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, '|');
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return BigInt::bitwise(a, b, '^');
}
BigInt BigInt::andNot(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, 'n');
}

BigInt BigInt::bitwise(const BigInt& a, const BigInt& b, char op) {
  auto apply = [op](auto x, auto y) {
    switch (op) {
      case '&': return x & y;
      case '|': return x | y;
      case '^': return x ^ y;
      default: return x & ~y;
    }
  };
  if (a.isSmall() && b.isSmall()) return BigInt(apply(a.small_, b.small_));
  Mag ma = a.magnitude(), mb = b.magnitude();
  size_t limbs = std::max(ma.size(), mb.size()) + 1;
  Mag x = twos(a.negative(), ma, limbs), y = twos(b.negative(), mb, limbs);
  Mag r(limbs);
  for (size_t i = 0; i < limbs; i++) r[i] = apply(x[i], y[i]);
  bool neg = r.back() >> 31;
  if (neg) r = twos(true, r, limbs);  // back from two's complement to a magnitude
  return fromMag(neg, std::move(r));
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.isSmall() && b.isSmall()) return (a.small_ > b.small_) - (a.small_ < b.small_);
  bool an = a.negative(), bn = b.negative();
  if (an != bn) return an ? -1 : 1;
  int c = cmpMag(a.magnitude(), b.magnitude());
  return an ? -c : c;
}

namespace {

uint64_t gcd64(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

// x -= y in place, for x >= y.
void subInPlace(Mag& x, const Mag& y) {
  int64_t borrow = 0;
  for (size_t i = 0; i < x.size() && (i < y.size() || borrow); i++) {
    int64_t d = int64_t(x[i]) - (i < y.size() ? int64_t(y[i]) : 0) - borrow;
    borrow = d < 0;
    x[i] = uint32_t(d + (borrow ? (int64_t(1) << 32) : 0));
  }
  trim(x);
}

// x >>= its trailing zero bits, in place.
void stripZeros(Mag& x) {
  size_t limbs = 0;
  while (limbs < x.size() && x[limbs] == 0) limbs++;
  if (limbs) x.erase(x.begin(), x.begin() + long(limbs));
  if (x.empty()) return;
  int bits = __builtin_ctz(x[0]);
  if (!bits) return;
  for (size_t i = 0; i < x.size(); i++)
    x[i] = (x[i] >> bits) | (i + 1 < x.size() ? x[i + 1] << (32 - bits) : 0);
  trim(x);
}

uint64_t toU64(const Mag& x) {
  return (x.empty() ? 0 : x[0]) | (x.size() > 1 ? uint64_t(x[1]) << 32 : 0);
}

}  // namespace

// Binary GCD in place (no allocation per step): fractions reduce after
// every constant operation, so this is the hot path of float constants.
BigInt BigInt::gcd(BigInt a, BigInt b) {
  a = a.abs();
  b = b.abs();
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  if (!a.isSmall() && b.isSmall()) std::swap(a, b);
  if (a.isSmall()) {
    // One division brings the large one down to 64 bits.
    uint64_t small = a.toUint64();
    uint64_t rest = b.isSmall() ? b.toUint64() : (b % a).toUint64();
    return fromUint64(gcd64(small, rest));
  }
  Mag x = a.magnitude(), y = b.magnitude();
  uint64_t shift = std::min(a.trailingZeros(), b.trailingZeros());
  stripZeros(x);
  stripZeros(y);
  while (x.size() > 2 || y.size() > 2) {
    int c = cmpMag(x, y);
    if (c == 0) break;
    if (c < 0) x.swap(y);
    subInPlace(x, y);  // both odd: the difference is even and non-zero
    stripZeros(x);
  }
  if (cmpMag(x, y) != 0) {
    Mag g = magOfU64(gcd64(toU64(x), toU64(y)));
    x.swap(g);
  }
  return fromMag(false, std::move(x)).shl(shift);
}

BigInt BigInt::pow(const BigInt& base, uint64_t exp) {
  BigInt result(1), b = base;
  while (exp) {
    if (exp & 1) result = result * b;
    exp >>= 1;
    if (exp) b = b * b;
  }
  return result;
}

bool BigInt::parseDigits(std::string_view digits, int base, BigInt& out) {
  // Consume the digits in chunks that fit one limb multiplier, so that a
  // long literal costs one pass over the limbs per chunk.
  Mag m;
  uint32_t chunk = 0, scale = 1;
  auto flush = [&] {
    uint64_t carry = chunk;
    for (auto& l : m) {
      carry += uint64_t(l) * scale;
      l = uint32_t(carry);
      carry >>= 32;
    }
    if (carry) m.push_back(uint32_t(carry));
    chunk = 0;
    scale = 1;
  };
  bool any = false;
  for (char c : digits) {
    if (c == '_') continue;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0 || d >= base) return false;
    any = true;
    chunk = chunk * base + d;
    scale *= base;
    if (scale > UINT32_MAX / 16 / uint32_t(base)) flush();
  }
  if (scale > 1) flush();
  out = fromMag(false, std::move(m));
  return any;
}

bool BigInt::parseLiteral(std::string_view lit, BigInt& out) {
  int base = 10;
  if (lit.size() >= 2 && lit[0] == '0') {
    char p = char(lit[1] | 0x20);
    if (p == 'x') return parseDigits(lit.substr(2), 16, out);
    if (p == 'o') return parseDigits(lit.substr(2), 8, out);
    if (p == 'b') return parseDigits(lit.substr(2), 2, out);
    base = 8;
  }
  return parseDigits(lit, base, out);
}

std::string BigInt::toString() const {
  if (isSmall()) return std::to_string(small_);
  Mag m = big_->mag, q;
  std::string digits;
  while (!m.empty()) {
    uint32_t rem = divSmall(m, 1000000000u, q);
    m.swap(q);
    for (int i = 0; i < 9; i++) {
      digits += char('0' + rem % 10);
      rem /= 10;
      if (m.empty() && rem == 0) break;
    }
  }
  if (big_->neg) digits += '-';
  return std::string(digits.rbegin(), digits.rend());
}

}  // namespace gol
