// Opcode names and operand formats, generated from the one opcode list.
#include "bytecode/opcodes.hpp"

namespace gol::vm {

namespace {

struct OpInfo {
  const char* name;
  const char* format;  // three letters: the Operand of a, b and c
};

constexpr OpInfo kOps[] = {
#define GOL_OP_INFO(name, format) {#name, format},
    GOL_OPCODES(GOL_OP_INFO)
#undef GOL_OP_INFO
};
static_assert(sizeof(kOps) / sizeof(kOps[0]) == size_t(Opcode::Count));

}  // namespace

const char* opcodeName(Opcode op) {
  size_t k = size_t(op);
  return k < size_t(Opcode::Count) ? kOps[k].name : "?";
}

OpFormat opcodeFormat(Opcode op) {
  size_t k = size_t(op);
  if (k >= size_t(Opcode::Count)) return {Operand::None, Operand::None, Operand::None};
  const char* f = kOps[k].format;
  return {Operand(f[0]), Operand(f[1]), Operand(f[2])};
}

bool isJump(Opcode op) {
  return opcodeFormat(op).c == Operand::Jump16;
}

int64_t jumpTarget(const Instr& in, size_t pc) {
  OpFormat f = opcodeFormat(in.op);
  if (f.c != Operand::Jump16) return -1;
  int32_t off = f.b == Operand::Jump16 ? sbc(in) : sc(in);
  return int64_t(pc) + 1 + off;
}

bool setJumpTarget(Instr& in, size_t pc, size_t target) {
  OpFormat f = opcodeFormat(in.op);
  int64_t off = int64_t(target) - (int64_t(pc) + 1);
  if (f.b == Operand::Jump16) {
    if (off < INT32_MIN || off > INT32_MAX) return false;
    in.b = uint16_t(uint32_t(off) >> 16);
    in.c = uint16_t(uint32_t(off) & 0xFFFF);
    return true;
  }
  if (f.c != Operand::Jump16 || off < INT16_MIN || off > INT16_MAX) return false;
  in.c = uint16_t(int16_t(off));
  return true;
}

}  // namespace gol::vm
