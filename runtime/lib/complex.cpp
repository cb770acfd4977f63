// The natives the compiler calls for complex numbers (lang/compile/
// compile_complex.cpp): construction, parts, arithmetic and equality.
// complex64 arithmetic is computed in float64 and rounded, as Go's compiler
// does (its SSA widens complex64 operands), and division is Go's
// runtime.complex128div for both sizes.
#include "vm/complex.hpp"

#include "runtime/lib/native_util.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::Complex;
using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

NativeStatus result(NativeCtx& ctx, Value* regs, Complex c) {
  regs[0] = vm::newComplex(ctx.vm.heap(), c);
  return NativeStatus::Ok;
}

Complex add(Complex a, Complex b) {
  return {a.re + b.re, a.im + b.im};
}
Complex sub(Complex a, Complex b) {
  return {a.re - b.re, a.im - b.im};
}
Complex mul(Complex a, Complex b) {
  return {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

template <Complex (*Op)(Complex, Complex), bool Round64>
NativeStatus arith(NativeCtx& ctx, Value* regs) {
  Complex r = Op(vm::complexOf(regs[0]), vm::complexOf(regs[1]));
  return result(ctx, regs, Round64 ? vm::roundComplex64(r) : r);
}

NativeStatus complexMake(NativeCtx& ctx, Value* regs) {
  return result(ctx, regs, {regs[0].f, regs[1].f});
}

NativeStatus complexReal(NativeCtx&, Value* regs) {
  regs[0] = Value::ofFloat(vm::complexOf(regs[0]).re);
  return NativeStatus::Ok;
}

NativeStatus complexImag(NativeCtx&, Value* regs) {
  regs[0] = Value::ofFloat(vm::complexOf(regs[0]).im);
  return NativeStatus::Ok;
}

NativeStatus complexNeg(NativeCtx& ctx, Value* regs) {
  Complex c = vm::complexOf(regs[0]);
  return result(ctx, regs, {-c.re, -c.im});
}

NativeStatus complexEqual(NativeCtx&, Value* regs) {
  Complex a = vm::complexOf(regs[0]), b = vm::complexOf(regs[1]);
  regs[0] = Value::ofBool(a.re == b.re && a.im == b.im);
  return NativeStatus::Ok;
}

NativeStatus complex64Round(NativeCtx& ctx, Value* regs) {
  return result(ctx, regs, vm::roundComplex64(vm::complexOf(regs[0])));
}

}  // namespace

void registerComplexNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.complexMake", complexMake},
      {"runtime.complexReal", complexReal},
      {"runtime.complexImag", complexImag},
      {"runtime.complexNeg", complexNeg},
      {"runtime.complexEqual", complexEqual},
      {"runtime.complex64Round", complex64Round},
      {"runtime.complexAdd", arith<add, false>},
      {"runtime.complexSub", arith<sub, false>},
      {"runtime.complexMul", arith<mul, false>},
      {"runtime.complexDiv", arith<vm::complexDivide, false>},
      {"runtime.complex64Add", arith<add, true>},
      {"runtime.complex64Sub", arith<sub, true>},
      {"runtime.complex64Mul", arith<mul, true>},
      {"runtime.complex64Div", arith<vm::complexDivide, true>},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
