// What fmt asks of package reflect: a reflect.Value operand prints as the
// value it holds, as Go's fmt does.
#pragma once

#include "vm/native.hpp"

namespace gol::lib {

// 0: arg is no reflect.Value; 1: it is one, *out is the value it holds (an
// interface value); 2: it is the invalid Value.
int reflectValueOperand(vm::NativeCtx& ctx, const vm::Value& arg, vm::Value* out);

}  // namespace gol::lib
