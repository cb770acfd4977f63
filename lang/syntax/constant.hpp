// Compile-time constant values (Go's untyped and typed constants).
//
// Integers are held in 128 bits, which covers every constant expression of
// practical programs (Go requires at least 256; the checker reports
// "constant overflow" beyond 128). Floats are long double, complex
// constants a pair of them.
#pragma once

#include <cstdint>
#include <string>

namespace gol {

enum class ConstKind : uint8_t { None, Bool, Int, Float, String, Complex };

struct ConstValue {
  ConstKind kind = ConstKind::None;
  bool b = false;
  __int128 i = 0;
  long double f = 0;   // Float; Complex: the real part
  long double im = 0;  // Complex: the imaginary part
  std::string s;

  static ConstValue ofBool(bool v) {
    ConstValue c;
    c.kind = ConstKind::Bool;
    c.b = v;
    return c;
  }
  static ConstValue ofInt(__int128 v) {
    ConstValue c;
    c.kind = ConstKind::Int;
    c.i = v;
    return c;
  }
  static ConstValue ofFloat(long double v) {
    ConstValue c;
    c.kind = ConstKind::Float;
    c.f = v;
    return c;
  }
  static ConstValue ofString(std::string v) {
    ConstValue c;
    c.kind = ConstKind::String;
    c.s = std::move(v);
    return c;
  }
  static ConstValue ofComplex(long double re, long double im) {
    ConstValue c;
    c.kind = ConstKind::Complex;
    c.f = re;
    c.im = im;
    return c;
  }
  bool valid() const { return kind != ConstKind::None; }
};

}  // namespace gol
