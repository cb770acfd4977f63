// Register effects and successors of each opcode: see reg_effects.hpp. The
// cases follow the comments of opcodes.hpp's list.
#include "bytecode/reg_effects.hpp"

namespace gol::vm {

namespace {

struct Builder {
  RegEffects e;
  void read(uint32_t r, uint32_t n = 1) {
    if (n) e.reads[e.nreads++] = {r, n};
  }
  void write(uint32_t r, uint32_t n = 1) {
    if (n) e.writes[e.nwrites++] = {r, n};
  }
  void window(uint32_t a) {
    e.readsWindow = true;
    e.windowStart = a;
  }
};

}  // namespace

RegEffects regEffects(const Program& program, const Instr& in) {
  Builder b;
  using O = Opcode;
  switch (in.op) {
    case O::NOP:
    case O::JMP:
    case O::HALT: break;
    // R[a] = f(R[b])
    case O::MOVE:
    case O::ADDIK:
    case O::NEGI:
    case O::NOTI:
    case O::TRUNC:
    case O::NEGF:
    case O::ROUNDF32:
    case O::NOT:
    case O::I2F:
    case O::U2F:
    case O::F2I:
    case O::F2U:
    case O::LENS:
    case O::LENSL:
    case O::CAPSL:
    case O::COPY:
    case O::NEWBOX:
    case O::LOADPTR:
    case O::LENM:
    case O::MKIFACE:
    case O::ASSERT:
    case O::ASSERTI:
    case O::TYPEIS:
    case O::IMPLEMENTS:
    case O::IFACEDATA:
    case O::MAKECHAN:
    case O::RECV:
    case O::LENC:
    case O::CAPC:
    case O::ADDK:
    case O::SUBK:
    case O::MULK:
    case O::DIVK:
    case O::REMK:
    case O::ANDK:
    case O::SHLK:
    case O::SHRK:
    case O::SHRUK:
    case O::ADDFK:
    case O::SUBFK:
    case O::MULFK:
    case O::DIVFK:
      b.read(in.b);
      b.write(in.a);
      break;
    // R[a] = f(R[b], R[c])
    case O::ADDI:
    case O::SUBI:
    case O::MULI:
    case O::DIVI:
    case O::REMI:
    case O::DIVU:
    case O::REMU:
    case O::ANDI:
    case O::ORI:
    case O::XORI:
    case O::ANDNOTI:
    case O::SHLI:
    case O::SHRI:
    case O::SHRU:
    case O::ADDF:
    case O::SUBF:
    case O::MULF:
    case O::DIVF:
    case O::EQI:
    case O::NEI:
    case O::LTI:
    case O::LEI:
    case O::LTU:
    case O::LEU:
    case O::EQF:
    case O::NEF:
    case O::LTF:
    case O::LEF:
    case O::EQS:
    case O::NES:
    case O::LTS:
    case O::LES:
    case O::EQP:
    case O::NEP:
    case O::EQIFACE:
    case O::NEIFACE:
    case O::EQAGG:
    case O::NEAGG:
    case O::CONCAT:
    case O::INDEXS:
    case O::GETSL:
    case O::ADDRSL:
    case O::GETARR:
    case O::ADDRARR:
    case O::COPYSL:
    case O::MAPGET:
      b.read(in.b);
      b.read(in.c);
      b.write(in.a);
      break;
    // R[a] = constant, global, closure slot, fresh object
    case O::LOADK:
    case O::LOADI:
    case O::GETG:
    case O::GETGX:
    case O::ZERO:
    case O::GETUP:
    case O::GETUPV:
    case O::FRAMEIDX:
    case O::RECOVER: b.write(in.a); break;
    case O::LOADNIL: b.write(in.a, uint32_t(in.b) + 1); break;
    // reads R[a] only
    case O::SETG:
    case O::SETGX:
    case O::JT:
    case O::JF:
    case O::JLTK:
    case O::JLEK:
    case O::JGTK:
    case O::JGEK:
    case O::CLEARSL:
    case O::SETUPV:
    case O::CLEARM:
    case O::PANIC:
    case O::CLOSE:
    case O::JTAB: b.read(in.a); break;
    // reads R[a] and R[b]
    case O::JLT:
    case O::JLE:
    case O::COPYINTO:
    case O::STOREPTR:
    case O::MAPDEL:
    case O::SEND:
    case O::MAPADDI:
    case O::APPENDSL:
      b.read(in.a);
      b.read(in.b);
      break;
    // reads R[a], R[b] and R[c]
    case O::SETSL:
    case O::SETARR:
    case O::MAPSET:
      b.read(in.a);
      b.read(in.b);
      b.read(in.c);
      break;
    case O::SETF:
      b.read(in.a);
      b.read(in.c);
      break;
    case O::GETF:
    case O::ADDRF:
      b.read(in.b);
      b.write(in.a);
      break;
    case O::SLICES:  // x bits 1, 2: lo in R[c], hi in R[c+1]
      b.read(in.b);
      if (in.x & 1) b.read(in.c);
      if (in.x & 2) b.read(uint32_t(in.c) + 1);
      b.write(in.a);
      break;
    case O::NEXTRUNE:
      b.read(in.b);
      b.read(in.c);
      b.write(in.a, 2);
      break;
    case O::MAKESLICE:
      b.read(in.b, 2);
      b.write(in.a);
      break;
    case O::SLICESL:  // x bits 1, 2, 4: lo, hi, max in R[c], R[c+1], R[c+2]
    case O::SLICEARR:
      b.read(in.b);
      for (uint32_t k = 0; k < 3; ++k)
        if (in.x & (1u << k)) b.read(uint32_t(in.c) + k);
      b.write(in.a);
      break;
    case O::APPEND:
      b.read(in.a);
      b.read(in.b, uint32_t(in.x) + 1);
      b.write(in.a);
      break;
    case O::MAKEMAP:
      if (in.x) b.read(in.c);
      b.write(in.a);
      break;
    case O::MAPGET2:
      b.read(in.b);
      b.read(in.c);
      b.write(in.a, 2);
      break;
    // Writes only when it finds an entry: no writes on every path.
    case O::MAPNEXT:
      b.read(in.b);
      b.read(in.c);
      break;
    case O::ASSERT2:
    case O::ASSERTI2:
    case O::RECV2:
      b.read(in.b);
      b.write(in.a, 2);
      break;
    case O::CALL: {
      const FuncProto* callee = program.funcs[in.b | (uint32_t(in.x) << 16)].get();
      b.read(in.a, callee->nparams);
      b.write(in.a, callee->nresults);
      break;
    }
    case O::CALLV:
    case O::CALLI: {
      uint32_t hint = in.op == O::CALLV ? in.c : in.x;
      b.read(in.b);
      if (hint)
        b.read(in.a, hint - 1);
      else
        b.window(in.a);
      break;
    }
    case O::RET: b.read(in.a, in.b); break;
    case O::CLOSURE:
      b.read(uint32_t(in.a) + 1, in.c);
      b.write(in.a);
      break;
    case O::DEFER:
    case O::GO: b.read(in.a, uint32_t(in.b) + 1); break;
    case O::DEFERTO:
      b.read(in.a, uint32_t(in.b) + 1);
      b.read(in.c);
      break;
    // The case records are read, and the chosen one's value and ok written:
    // only R[a] is written on every path.
    case O::SELECT:
      b.read(in.b, uint32_t(in.c) * 3);
      b.write(in.a);
      break;
    case O::Count: break;
  }
  return b.e;
}

bool isSuspendPoint(Opcode op) {
  using O = Opcode;
  switch (op) {
    case O::CONCAT:
    case O::SLICES:
    case O::MAKESLICE:
    case O::SLICESL:
    case O::SLICEARR:
    case O::APPEND:
    case O::APPENDSL:
    case O::COPYSL:
    case O::ZERO:
    case O::COPY:
    case O::NEWBOX:
    case O::MAKEMAP:
    case O::MAPGET:
    case O::MAPGET2:
    case O::MAPSET:
    case O::MAPADDI:
    case O::ASSERT2:
    case O::CALL:
    case O::CALLV:
    case O::CALLI:
    case O::CLOSURE:
    case O::GO:
    case O::MAKECHAN:
    case O::SEND:
    case O::RECV:
    case O::RECV2:
    case O::CLOSE:
    case O::SELECT: return true;
    default: return false;
  }
}

void successors(const Instr* code, uint32_t size, uint32_t pc, std::vector<uint32_t>& out) {
  out.clear();
  const Instr& in = code[pc];
  auto add = [&](int64_t t) {
    if (t >= 0 && t < int64_t(size)) out.push_back(uint32_t(t));
  };
  switch (in.op) {
    case Opcode::RET:
    case Opcode::PANIC:
    case Opcode::HALT: return;
    case Opcode::JMP: add(jumpTarget(in, pc)); return;
    case Opcode::JTAB:
      for (uint32_t k = 0; k <= in.b; ++k) add(int64_t(pc) + 1 + k);
      return;
    case Opcode::MAPNEXT:  // skips the next instruction when it finds an entry
      add(int64_t(pc) + 1);
      add(int64_t(pc) + 2);
      return;
    default:
      add(int64_t(pc) + 1);
      if (isJump(in.op)) add(jumpTarget(in, pc));
  }
}

}  // namespace gol::vm
