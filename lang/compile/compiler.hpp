// Compiles a checked Program into bytecode (vm::Program).
#pragma once

#include <memory>

#include "bytecode/program.hpp"
#include "lang/check/check.hpp"

namespace gol {

// Returns null with diagnostics if something could not be compiled (a
// feature the compiler does not support yet is reported at its position).
std::unique_ptr<vm::Program> compileProgram(Program& program, Diagnostics& diags);

// Writes a readable listing: per function, pc, opcode, operands (by the
// opcode's format), what they name, file:line. Only the main file's
// functions unless `all`.
std::string disassemble(const vm::Program& program, bool all = false);

}  // namespace gol
