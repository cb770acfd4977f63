// Complex numbers at run time.
//
// A complex64 or complex128 value is a reference to an immutable heap
// object holding its two parts as doubles (a two-element ArrayObj of
// 8-byte elements); the nil reference is 0+0i, so the all-zero Value stays
// the zero value of every type. Why boxed: the value slot's payload is 8
// bytes and a complex128 needs 16 (docs/architecture.md, "Complex
// numbers"). A complex64 holds float32-rounded parts.
#pragma once

#include <cstring>

#include "vm/heap.hpp"
#include "vm/object.hpp"

namespace gol::vm {

struct Complex {
  double re = 0, im = 0;
};

inline Complex complexOf(const Value& v) {
  Complex c;
  if (auto* a = static_cast<ArrayObj*>(v.o)) {
    std::memcpy(&c.re, a->bytes(), 8);
    std::memcpy(&c.im, a->bytes() + 8, 8);
  }
  return c;
}

inline Value newComplex(Heap& heap, Complex c) {
  ArrayObj* a = heap.newInnerArray(2, ElemKind::X64, 0, 0);
  std::memcpy(a->bytes(), &c.re, 8);
  std::memcpy(a->bytes() + 8, &c.im, 8);
  return Value::ofRef(a, kTidRef);
}

// Go's complex128 division (runtime/complex.go: Smith's algorithm, then
// C99 G.5.1's corrections to infinities and zeros).
Complex complexDivide(Complex n, Complex m);

// Rounds both parts to float32 (a complex64 result). Each part goes through
// a volatile float: GCC 12 at -O2/-O3 folds the pair of double->float->double
// conversions of a two-double struct into nothing (seen in this function).
inline Complex roundComplex64(Complex c) {
  volatile float re = float(c.re);
  volatile float im = float(c.im);
  return {double(re), double(im)};
}

}  // namespace gol::vm
