// Complex numbers in the compiler. Every complex operation is a call of a
// runtime native (runtime/lib/complex.cpp): complex values are boxed (see
// vm/complex.hpp), so they need allocation anyway, and the opcodes and the
// interpreter loop of the other types stay as they are.
#include <algorithm>
#include <cmath>

#include "lang/compile/compiler_impl.hpp"

namespace gol {

void FuncCompiler::callComplexNative(const char* name, int dst, std::initializer_list<int> args) {
  int saved = top();
  int base = alloc(std::max(int(args.size()), 1));
  int i = 0;
  for (int a : args) emit(Opcode::MOVE, base + i++, a);
  emit(Opcode::CALL, base, int(pc.internalNative(name, int(args.size()), 1)));
  emit(Opcode::MOVE, dst, base);
  freeTo(saved);
}

void FuncCompiler::loadComplexConst(int dst, const Type* t, const ConstValue& v) {
  double re = v.asFloat64(), im = v.imagAsFloat64();
  if (re == 0 && im == 0 && !std::signbit(re) && !std::signbit(im)) {
    emit(Opcode::LOADNIL, dst, 0);  // the nil reference is 0+0i
    return;
  }
  bool c64 = under(t)->kind == Kind::Complex64;
  int saved = top();
  int parts = alloc(2);
  for (int i = 0; i < 2; ++i) {
    vm::Constant c;
    c.kind = vm::Constant::Kind::Float;
    double d = i == 0 ? re : im;
    c.f = c64 ? double(float(d)) : d;
    emit(Opcode::LOADK, parts + i, konst(c));
  }
  callComplexNative("runtime.complexMake", dst, {parts, parts + 1});
  freeTo(saved);
}

void FuncCompiler::complexArith(Op op, const Type* t, int dst, int x, int y) {
  bool c64 = under(t)->kind == Kind::Complex64;
  const char* name = nullptr;
  switch (op) {
    case Op::Add: name = c64 ? "runtime.complex64Add" : "runtime.complexAdd"; break;
    case Op::Sub: name = c64 ? "runtime.complex64Sub" : "runtime.complexSub"; break;
    case Op::Mul: name = c64 ? "runtime.complex64Mul" : "runtime.complexMul"; break;
    case Op::Quo: name = c64 ? "runtime.complex64Div" : "runtime.complexDiv"; break;
    default: unsupported(Pos{line_, 1}, "this operator on complex numbers");
  }
  callComplexNative(name, dst, {x, y});
}

void FuncCompiler::complexCompare(Op op, int dst, int x, int y) {
  callComplexNative("runtime.complexEqual", dst, {x, y});
  if (op == Op::Neq) emit(Opcode::NOT, dst, dst);
}

}  // namespace gol
