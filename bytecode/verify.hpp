// A structural check of compiled bytecode, read from the opcode list's format
// column: every register operand inside the frame, every constant, global,
// type, name and function index inside its table, every jump inside the
// function, every JTAB followed by its jump table. It catches compiler bugs
// where they are made instead of as wrong answers in the VM. The compiler
// runs it on every function in debug builds; the unit tests run it on
// compiled programs in every build.
#pragma once

#include <string>

#include "bytecode/program.hpp"

namespace gol::vm {

// Returns "" when `f` is well formed, else a description of the first
// problem: "main.f pc 12 (JMP): jump target 40 outside 0..30".
std::string verifyFunction(const Program& program, const FuncProto& f);

// Every function of the program; the first problem found, or "".
std::string verifyProgram(const Program& program);

}  // namespace gol::vm
