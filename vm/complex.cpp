// Go's complex division, step for step as runtime.complex128div computes it,
// so that results (including infinities and NaNs) are bit-identical.
#include "vm/complex.hpp"

#include <cmath>

namespace gol::vm {

namespace {

bool isFinite(double f) {
  return !std::isnan(f - f);
}

// ±1 for an infinity, ±0 otherwise (the sign of f kept).
double infToOne(double f) {
  return std::copysign(std::isinf(f) ? 1.0 : 0.0, f);
}

}  // namespace

Complex complexDivide(Complex n, Complex m) {
  double e, f;
  if (std::fabs(m.re) >= std::fabs(m.im)) {
    double ratio = m.im / m.re;
    double denom = m.re + ratio * m.im;
    e = (n.re + n.im * ratio) / denom;
    f = (n.im - n.re * ratio) / denom;
  } else {
    double ratio = m.re / m.im;
    double denom = m.im + ratio * m.re;
    e = (n.re * ratio + n.im) / denom;
    f = (n.im * ratio - n.re) / denom;
  }
  if (std::isnan(e) && std::isnan(f)) {
    double a = n.re, b = n.im, c = m.re, d = m.im;
    const double inf = INFINITY;
    if (c == 0 && d == 0 && (!std::isnan(a) || !std::isnan(b))) {
      e = std::copysign(inf, c) * a;
      f = std::copysign(inf, c) * b;
    } else if ((std::isinf(a) || std::isinf(b)) && isFinite(c) && isFinite(d)) {
      a = infToOne(a);
      b = infToOne(b);
      e = inf * (a * c + b * d);
      f = inf * (b * c - a * d);
    } else if ((std::isinf(c) || std::isinf(d)) && isFinite(a) && isFinite(b)) {
      c = infToOne(c);
      d = infToOne(d);
      e = 0 * (a * c + b * d);
      f = 0 * (b * c - a * d);
    }
  }
  return {e, f};
}

}  // namespace gol::vm
