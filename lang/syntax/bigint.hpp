// Arbitrary-precision integers for compile-time constants.
//
// Go's untyped integer constants are exact (gc allows 512 bits, the spec
// asks for at least 256), and its float constants are exact fractions of
// such integers (see const_float.hpp). Nearly every constant of a real
// program fits in 64 bits, so a BigInt holds those inline in `small_` and
// allocates limbs only for values that do not fit an int64: the arithmetic
// tries the int64 fast path first and falls back to magnitude limbs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gol {

class BigInt {
 public:
  BigInt() = default;
  BigInt(const BigInt& o)
      : small_(o.small_), big_(o.big_ ? std::make_unique<Big>(*o.big_) : nullptr) {}
  BigInt(BigInt&&) noexcept = default;
  BigInt& operator=(const BigInt& o) {
    if (this != &o) *this = BigInt(o);
    return *this;
  }
  BigInt& operator=(BigInt&&) noexcept = default;
  ~BigInt() = default;
  BigInt(int64_t v) : small_(v) {}  // NOLINT(google-explicit-constructor): a number is a number
  BigInt(int v) : small_(v) {}      // NOLINT(google-explicit-constructor)
  static BigInt fromUint64(uint64_t v);

  // Digits in `base` (2..16), '_' separators ignored; false on any other
  // character.
  static bool parseDigits(std::string_view digits, int base, BigInt& out);
  // A Go integer literal: 0x/0o/0b prefixes, a leading 0 for octal.
  static bool parseLiteral(std::string_view lit, BigInt& out);

  int sign() const { return isSmall() ? (small_ > 0) - (small_ < 0) : (big_->neg ? -1 : 1); }
  bool isZero() const { return isSmall() && small_ == 0; }
  bool isSmall() const { return !big_; }
  bool fitsInt64() const { return isSmall(); }
  bool fitsUint64() const;
  // The low 64 bits in two's complement (exact when the value fits).
  int64_t toInt64() const;
  uint64_t toUint64() const { return uint64_t(toInt64()); }
  // Bits of |x| (0 for 0).
  uint64_t bitLen() const;
  // Bit n of |x|.
  bool absBit(uint64_t n) const;
  // How many low zero bits |x| has (0 for 0).
  uint64_t trailingZeros() const;
  bool isEven() const { return !absBit(0); }

  BigInt operator-() const;
  BigInt abs() const { return sign() < 0 ? -*this : *this; }
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  // Truncated division as Go's / and % on integers; b must not be 0.
  static void quoRem(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  friend BigInt operator/(const BigInt& a, const BigInt& b);
  friend BigInt operator%(const BigInt& a, const BigInt& b);
  // x << n and x >> n (arithmetic: rounds toward negative infinity).
  BigInt shl(uint64_t n) const;
  BigInt shr(uint64_t n) const;
  // Bitwise operators on the infinite two's complement form, as Go's.
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  static BigInt andNot(const BigInt& a, const BigInt& b);
  BigInt operator~() const { return -*this - BigInt(1); }

  static int compare(const BigInt& a, const BigInt& b);
  friend bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }
  friend bool operator!=(const BigInt& a, const BigInt& b) { return compare(a, b) != 0; }
  friend bool operator<(const BigInt& a, const BigInt& b) { return compare(a, b) < 0; }
  friend bool operator<=(const BigInt& a, const BigInt& b) { return compare(a, b) <= 0; }
  friend bool operator>(const BigInt& a, const BigInt& b) { return compare(a, b) > 0; }
  friend bool operator>=(const BigInt& a, const BigInt& b) { return compare(a, b) >= 0; }

  static BigInt gcd(BigInt a, BigInt b);
  static BigInt pow(const BigInt& base, uint64_t exp);

  // Decimal, with a '-' for negatives.
  std::string toString() const;

  // Little-endian 32-bit limbs of a magnitude, without high zero limbs.
  using Mag = std::vector<uint32_t>;

 private:
  static BigInt fromMag(bool neg, Mag mag);
  // op: '&', '|', '^' or 'n' (and-not).
  static BigInt bitwise(const BigInt& a, const BigInt& b, char op);
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  Mag magnitude() const;
  bool negative() const { return isSmall() ? small_ < 0 : big_->neg; }

  // A value outside int64: its sign and magnitude, boxed so that the common
  // small BigInt (and every AST node's constant) stays two words.
  struct Big {
    bool neg = false;
    Mag mag;
  };
  int64_t small_ = 0;         // the value, when big_ is null
  std::unique_ptr<Big> big_;  // null for values that fit int64
};

}  // namespace gol
