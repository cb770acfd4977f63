// gc's sizes and alignments on amd64 (go/types' gcSizes), as
// unsafe.Sizeof and unsafe.Alignof report them (checker_unsafe.cpp); the
// compiler uses them where gc's code generation depends on a type's size.
#pragma once

#include <cstdint>

#include "lang/check/types.hpp"

namespace gol {

int64_t gcSizeOf(const Type* t);   // -1 for a type without a size (a type parameter)
int64_t gcAlignOf(const Type* t);  // -1 likewise

}  // namespace gol
