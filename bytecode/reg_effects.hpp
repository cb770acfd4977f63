// Which registers an instruction reads and which it overwrites, and where
// control goes after it: what the liveness analysis (lang/compile/
// liveness.cpp) needs of each opcode, stated once next to the opcode list.
//
// Reads are an over-approximation (an operand read on some path counts);
// writes an under-approximation (only registers overwritten whole on every
// path through the instruction). Erring that way only keeps values longer.
#pragma once

#include <cstdint>
#include <vector>

#include "bytecode/program.hpp"

namespace gol::vm {

struct RegRange {
  uint32_t first = 0;
  uint32_t count = 0;
};

struct RegEffects {
  RegRange reads[4];
  RegRange writes[1];
  uint8_t nreads = 0;
  uint8_t nwrites = 0;
  // A call whose argument count is not known: it reads every register from
  // `windowStart` on.
  bool readsWindow = false;
  uint32_t windowStart = 0;
};

// The effects of `in`. Static calls read the callee's parameters
// (program.funcs[...]->nparams) and write its results.
RegEffects regEffects(const Program& program, const Instr& in);

// Calls: their frame starts at R[a] (opcodes.hpp's calling convention).
inline bool isCallOp(Opcode op) {
  return op == Opcode::CALL || op == Opcode::CALLV || op == Opcode::CALLI;
}

// Instructions after which a frame's saved pc can be seen by the collector:
// the interpreter saves the pc before each (it may allocate, call, park or
// yield), and only there can a collection happen.
bool isSuspendPoint(Opcode op);

// Where control can go after the instruction at `pc` of a function of
// `size` instructions (out is cleared first). Instructions that end the
// function (RET, PANIC, HALT) have none.
void successors(const Instr* code, uint32_t size, uint32_t pc, std::vector<uint32_t>& out);

}  // namespace gol::vm
