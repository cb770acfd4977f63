// gol's program counters, shared by runtime.Caller/Callers/FuncForPC and
// reflect.Value.Pointer of a func: a pc names a function of the program and
// an instruction of it, (function index + 1) << 32 | instruction index (a
// frame's pc is its return address, as in Go; a function's entry has index
// 0). One more index past the program's functions stands for Go's
// runtime.goexit, below every goroutine.
#pragma once

#include <cstdint>

#include "bytecode/program.hpp"

namespace gol::lib {

constexpr uint64_t kPcFuncShift = 32;

inline uint64_t funcIndexOf(const vm::Program& program, const vm::FuncProto* fn) {
  const auto& funcs = program.funcs;
  for (size_t i = 0; i < funcs.size(); i++)
    if (funcs[i].get() == fn) return i;
  return funcs.size();
}

// The pc of fn's first instruction, what Go's reflect.Value.Pointer gives
// for a func value and runtime.Func.Entry for its function.
inline uint64_t funcEntryPc(const vm::Program& program, const vm::FuncProto* fn) {
  return (funcIndexOf(program, fn) + 1) << kPcFuncShift;
}

// The pc of Go's runtime.goexit, the frame below every goroutine's first.
inline uint64_t goexitPc(const vm::Program& program) {
  return (uint64_t(program.funcs.size()) + 1) << kPcFuncShift | 1;
}

}  // namespace gol::lib
