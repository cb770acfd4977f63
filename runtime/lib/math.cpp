// Natives of package math: the C library where it agrees with Go (exact
// operations, and functions whose results match Go's bits), Go's own
// algorithms (math_go.cpp) where Go computes differently.
#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstring>

#include "runtime/lib/math_go.hpp"
#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

template <double (*F)(double)>
NativeStatus unary(NativeCtx&, Value* regs) {
  regs[0] = Value::ofFloat(F(regs[0].f));
  return NativeStatus::Ok;
}

template <double (*F)(double, double)>
NativeStatus binary(NativeCtx&, Value* regs) {
  regs[0] = Value::ofFloat(F(regs[0].f, regs[1].f));
  return NativeStatus::Ok;
}

double sqrtD(double x) {
  return std::sqrt(x);
}
double floorD(double x) {
  return std::floor(x);
}
double ceilD(double x) {
  return std::ceil(x);
}
double truncD(double x) {
  return std::trunc(x);
}
double roundD(double x) {
  return std::round(x);
}
double roundEvenD(double x) {
  // nearbyint honours the rounding mode, which is round-to-nearest-even by
  // default; keep it explicit.
  int old = std::fegetround();
  std::fesetround(FE_TONEAREST);
  double r = std::nearbyint(x);
  std::fesetround(old);
  return r;
}
double fmodD(double x, double y) {
  return std::fmod(x, y);
}
double remainderD(double x, double y) {
  return std::remainder(x, y);
}
double copysignD(double x, double y) {
  return std::copysign(x, y);
}

NativeStatus float64bits(NativeCtx&, Value* regs) {
  uint64_t b;
  std::memcpy(&b, &regs[0].f, 8);
  regs[0] = Value::ofInt(int64_t(b));
  return NativeStatus::Ok;
}

NativeStatus float64frombits(NativeCtx&, Value* regs) {
  double f;
  std::memcpy(&f, &regs[0].u, 8);
  regs[0] = Value::ofFloat(f);
  return NativeStatus::Ok;
}

NativeStatus float32bits(NativeCtx&, Value* regs) {
  float f = float(regs[0].f);
  uint32_t b;
  std::memcpy(&b, &f, 4);
  regs[0] = Value::ofInt(int64_t(b));
  return NativeStatus::Ok;
}

NativeStatus float32frombits(NativeCtx&, Value* regs) {
  uint32_t b = uint32_t(regs[0].u);
  float f;
  std::memcpy(&f, &b, 4);
  regs[0] = Value::ofFloat(double(f));
  return NativeStatus::Ok;
}

NativeStatus signbit(NativeCtx&, Value* regs) {
  regs[0] = boolValue(std::signbit(regs[0].f));
  return NativeStatus::Ok;
}

NativeStatus frexp(NativeCtx&, Value* regs) {
  int e = 0;
  double fr = std::frexp(regs[0].f, &e);
  regs[0] = Value::ofFloat(fr);
  regs[1] = Value::ofInt(e);
  return NativeStatus::Ok;
}

NativeStatus fused(NativeCtx&, Value* regs) {
  regs[0] = Value::ofFloat(std::fma(regs[0].f, regs[1].f, regs[2].f));
  return NativeStatus::Ok;
}

NativeStatus ldexp(NativeCtx&, Value* regs) {
  // Beyond +-100000 every result is 0 or Inf already; clamping keeps the
  // int conversion from wrapping.
  int64_t e = std::clamp<int64_t>(regs[1].i, -100000, 100000);
  regs[0] = Value::ofFloat(std::ldexp(regs[0].f, int(e)));
  return NativeStatus::Ok;
}

}  // namespace

void registerMathNatives() {
  static const vm::NativeEntry entries[] = {
      {"math.Sqrt", unary<sqrtD>},
      {"math.Exp", unary<gomath::exp>},
      {"math.Exp2", unary<gomath::exp2>},
      {"math.Expm1", unary<gomath::expm1>},
      {"math.Log", unary<gomath::log>},
      {"math.Log2", unary<gomath::log2>},
      {"math.Log10", unary<gomath::log10>},
      {"math.Log1p", unary<gomath::log1p>},
      {"math.Sin", unary<gomath::sin>},
      {"math.Cos", unary<gomath::cos>},
      {"math.Tan", unary<gomath::tan>},
      {"math.Asin", unary<gomath::asin>},
      {"math.Acos", unary<gomath::acos>},
      {"math.Atan", unary<gomath::atan>},
      {"math.Sinh", unary<gomath::sinh>},
      {"math.Cosh", unary<gomath::cosh>},
      {"math.Tanh", unary<gomath::tanh>},
      {"math.Asinh", unary<gomath::asinh>},
      {"math.Acosh", unary<gomath::acosh>},
      {"math.Atanh", unary<gomath::atanh>},
      {"math.Cbrt", unary<gomath::cbrt>},
      {"math.Floor", unary<floorD>},
      {"math.Ceil", unary<ceilD>},
      {"math.Trunc", unary<truncD>},
      {"math.Round", unary<roundD>},
      {"math.RoundToEven", unary<roundEvenD>},
      {"math.Gamma", unary<gomath::gamma>},
      {"math.Erf", unary<gomath::erf>},
      {"math.Erfc", unary<gomath::erfc>},
      {"math.Pow", binary<gomath::pow>},
      {"math.Atan2", binary<gomath::atan2>},
      {"math.Hypot", binary<gomath::hypot>},
      {"math.Mod", binary<fmodD>},
      {"math.Remainder", binary<remainderD>},
      {"math.Copysign", binary<copysignD>},
      {"math.Float64bits", float64bits},
      {"math.Float64frombits", float64frombits},
      {"math.Float32bits", float32bits},
      {"math.Float32frombits", float32frombits},
      {"math.Signbit", signbit},
      {"math.Frexp", frexp},
      {"math.Ldexp", ldexp},
      {"math.FMA", fused},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
