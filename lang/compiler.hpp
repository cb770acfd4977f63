// Compiles a checked Program into bytecode (vm::Program).
#pragma once

#include <memory>

#include "lang/frontend.hpp"
#include "vm/program.hpp"

namespace gol {

// Returns null with diagnostics if something could not be compiled (a
// feature the compiler does not support yet is reported at its position).
std::unique_ptr<vm::Program> compileProgram(Program& program, Diagnostics& diags);

// Writes a readable listing: per function, pc, opcode, operands, source line.
std::string disassemble(const vm::Program& program);

}  // namespace gol
