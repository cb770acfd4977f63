// Compile-time constant values (Go's untyped and typed constants).
//
// Numbers are exact, as the spec asks and as go/constant keeps them:
// integers are BigInts (inline when they fit 64 bits; the checker reports
// "constant ... overflow" past gc's 512 bits), floats are exact fractions
// that fall back to 512-bit binary floats only for huge exponents
// (ConstFloat), complex constants a pair of those. Typed float constants
// hold the value rounded to their type.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lang/syntax/bigint.hpp"
#include "lang/syntax/const_float.hpp"

namespace gol {

enum class ConstKind : uint8_t { None, Bool, Int, Float, String, Complex };

struct ConstValue {
  ConstKind kind = ConstKind::None;
  bool b = false;
  BigInt i;
  std::string s;

  // Float: the value; Complex: the real part (0 for other kinds).
  const ConstFloat& f() const { return parts_ ? parts_->re : zero(); }
  // Complex: the imaginary part.
  const ConstFloat& im() const { return parts_ ? parts_->im : zero(); }

  static ConstValue ofBool(bool v) {
    ConstValue c;
    c.kind = ConstKind::Bool;
    c.b = v;
    return c;
  }
  static ConstValue ofInt(BigInt v) {
    ConstValue c;
    c.kind = ConstKind::Int;
    c.i = std::move(v);
    return c;
  }
  static ConstValue ofFloat(ConstFloat v) {
    ConstValue c;
    c.kind = ConstKind::Float;
    c.parts_ = std::make_shared<const Parts>(Parts{std::move(v), ConstFloat()});
    return c;
  }
  static ConstValue ofString(std::string v) {
    ConstValue c;
    c.kind = ConstKind::String;
    c.s = std::move(v);
    return c;
  }
  static ConstValue ofComplex(ConstFloat re, ConstFloat im) {
    ConstValue c;
    c.kind = ConstKind::Complex;
    c.parts_ = std::make_shared<const Parts>(Parts{std::move(re), std::move(im)});
    return c;
  }
  bool valid() const { return kind != ConstKind::None; }

  // What the compiler emits for a numeric constant the checker has already
  // represented in its target type: the nearest float64 (of the real part),
  // and the int64 value (a float's integer part).
  double asFloat64() const {
    return kind == ConstKind::Int ? ConstFloat::fromInt(i).toFloat64() : f().toFloat64();
  }
  double imagAsFloat64() const { return im().toFloat64(); }
  int64_t asInt64() const {
    BigInt v;
    if (kind == ConstKind::Int) return i.toInt64();
    if (f().toInt(v)) return v.toInt64();
    return int64_t(f().toFloat64());
  }

 private:
  // Float and complex parts, boxed and shared (they are immutable): most
  // constants are integers or strings, and every AST node holds a value.
  struct Parts {
    ConstFloat re, im;
  };
  static const ConstFloat& zero() {
    static const ConstFloat z;
    return z;
  }
  std::shared_ptr<const Parts> parts_;
};

}  // namespace gol
