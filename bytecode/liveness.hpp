// The liveness analysis that gives each function its stack maps
// (bytecode/stack_maps.hpp): a register is live at pc when some path from pc
// reads it before writing it. The collector runs it on a function the first
// time it finds one of its frames (vm/stack_scan.cpp): most functions a
// program loads (the standard packages') are never on a stack at a
// collection, and a program that never collects pays nothing.
#pragma once

#include "bytecode/program.hpp"

namespace gol {

// Fills fn.stackMaps from fn's code (a function too large to analyse
// cheaply keeps none and is scanned whole).
void computeStackMaps(const vm::Program& program, vm::FuncProto& fn);
// Computes fn's maps if the compiler asked for them and they are not made
// yet; true when fn has maps to read.
bool ensureStackMaps(const vm::Program& program, vm::FuncProto& fn);

// Every function of the program with a body.
void computeStackMaps(vm::Program& program);

}  // namespace gol
