// Exact float constants, as Go's go/constant keeps them.
//
// A ConstFloat is an exact fraction num/den of BigInts while both parts stay
// below 4096 bits (Go's limit for exact fractions), so `1.0/3*3 == 1` and
// `0.1+0.2 == 0.3` hold as the spec requires. Beyond that (1e1000000,
// 1/1e5000) it falls back to a binary float mant * 2^exp2 with a 512-bit
// mantissa, rounded half to even, as go/constant's big.Float does; such a
// value returns to a fraction when an operation brings it back in range.
// Past big.Float's exponent range a value is infinite (isInf), below it 0.
// Conversions to float32/float64 round the exact value half to even.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lang/syntax/bigint.hpp"

namespace gol {

class ConstFloat {
 public:
  ConstFloat() = default;
  static ConstFloat fromInt(const BigInt& v);
  static ConstFloat fromDouble(double d);  // d finite
  // num/den, den non-zero.
  static ConstFloat fromRatio(BigInt num, BigInt den);
  // A Go float literal (decimal or hex, '_' allowed) or an integer literal
  // read as a float (the mantissa of an imaginary literal). False when the
  // text is not a number.
  static bool parseLiteral(std::string_view lit, ConstFloat& out);

  int sign() const { return num_.sign(); }
  bool isZero() const { return num_.isZero(); }
  bool isExact() const { return !approx_; }
  // Past big.Float's exponent range (about 2^(2^31)): go/constant's
  // "unknown" value, which the checker reports as not representable.
  bool isInf() const { return inf_; }
  // The value as an integer, when it is one.
  bool toInt(BigInt& out) const;

  ConstFloat operator-() const;
  friend ConstFloat operator+(const ConstFloat& a, const ConstFloat& b);
  friend ConstFloat operator-(const ConstFloat& a, const ConstFloat& b);
  friend ConstFloat operator*(const ConstFloat& a, const ConstFloat& b);
  friend ConstFloat operator/(const ConstFloat& a, const ConstFloat& b);  // b non-zero
  static int compare(const ConstFloat& a, const ConstFloat& b);
  friend bool operator==(const ConstFloat& a, const ConstFloat& b) { return compare(a, b) == 0; }
  friend bool operator!=(const ConstFloat& a, const ConstFloat& b) { return compare(a, b) != 0; }

  // The nearest float64 / float32 (ties to even); `overflow` tells whether
  // that rounding went beyond the largest finite value (Go then reports
  // "overflows"); the result is then ±Inf.
  double toFloat64(bool* overflow = nullptr) const;
  float toFloat32(bool* overflow = nullptr) const;

  // go/constant's String: "%.6g" of the float64 value (full "%g" when that
  // would hide a fraction), a manual "1e+400" form out of float64 range.
  std::string str() const;
  // The exact value as text ("1/3", "5", "3p-5000"): equal iff the values are.
  std::string exactText() const;

  // Binary rounding of num/den * 2^exp2 to `mantBits` bits with exponents
  // from minExp (normal numbers' smallest, as C's *_MIN_EXP - 1) to maxExp.
  static double roundBinary(const BigInt& num, const BigInt& den, int64_t exp2, int mantBits,
                            int minExp, int maxExp, bool* overflow);

 private:
  static ConstFloat fromReduced(BigInt num, BigInt den);
  static ConstFloat mulReduced(const BigInt& a, const BigInt& b, const BigInt& c, const BigInt& d);
  static ConstFloat roundMant(BigInt mant, int64_t exp2);
  static ConstFloat approx(BigInt mant, int64_t exp2);
  ConstFloat toApprox() const;
  void normalize();

  // Exact: num_/den_ in lowest terms, den_ > 0. Approximate (approx_):
  // num_ * 2^exp2_, |num_| < 2^512, den_ = 1.
  BigInt num_;
  BigInt den_ = BigInt(1);
  int64_t exp2_ = 0;
  bool approx_ = false;
  bool inf_ = false;  // approx_ too; num_ holds the sign
};

}  // namespace gol
