// The liveness analysis that gives each function its stack maps
// (bytecode/stack_maps.hpp): a register is live at pc when some path from pc
// reads it before writing it.
#pragma once

#include "bytecode/program.hpp"

namespace gol {

// Fills fn.stackMaps from fn's code (a function too large to analyse
// cheaply keeps none and is scanned whole).
void computeStackMaps(const vm::Program& program, vm::FuncProto& fn);

// Every function of the program with a body.
void computeStackMaps(vm::Program& program);

}  // namespace gol
