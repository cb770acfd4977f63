#include "bytecode/verify.hpp"

#include <string>
#include <tuple>

namespace gol::vm {

namespace {

std::string problem(const FuncProto& f, size_t pc, const std::string& what) {
  return f.name + " pc " + std::to_string(pc) + " (" + opcodeName(f.code[pc].op) + "): " + what;
}

// Checks one operand of role `role` with value `v`; "" when in range.
std::string checkOperand(const Program& program, const FuncProto& f, size_t pc, Operand role,
                         uint16_t v, char which) {
  const Instr& in = f.code[pc];
  auto outside = [&](const char* what, uint64_t value, uint64_t limit) {
    return problem(f, pc,
                   std::string(1, which) + ": " + what + " " + std::to_string(value) +
                       " outside 0.." + std::to_string(limit == 0 ? 0 : limit - 1));
  };
  switch (role) {
    case Operand::Reg:
      // A call's frame starts at R[a] and may extend past the caller's
      // registers (the VM grows the stack for the callee); the base itself
      // must be inside the frame or just past it.
      if (v > f.nregs || (v == f.nregs && which != 'a')) return outside("register", v, f.nregs);
      return "";
    case Operand::Const:
      if (v >= f.constants.size()) return outside("constant", v, f.constants.size());
      return "";
    case Operand::Global: {
      uint32_t g = v;
      if (which == 'b' && opcodeFormat(in.op).c == Operand::Global)
        g = uint32_t(in.b) | uint32_t(in.c) << 16;
      else if (which == 'c' && opcodeFormat(in.op).b == Operand::Global)
        return "";  // checked with b
      if (g >= program.numGlobals) return outside("global", g, program.numGlobals);
      return "";
    }
    case Operand::Tid:
      if (v >= program.types.size()) return outside("type id", v, program.types.size());
      return "";
    case Operand::Name:
      if (v >= program.names.size()) return outside("name", v, program.names.size());
      return "";
    case Operand::Func: {
      uint32_t idx = v | uint32_t(in.x) << 16;
      if (idx >= program.funcs.size()) return outside("function", idx, program.funcs.size());
      const FuncProto& callee = *program.funcs[idx];
      if (!callee.isNative && callee.code.empty())
        return problem(f, pc, "function " + callee.name + " has no code");
      return "";
    }
    case Operand::Jump16: {
      if (which == 'b') return "";  // checked with c
      int64_t t = jumpTarget(in, pc);
      if (t < 0 || t >= int64_t(f.code.size()))
        return problem(f, pc,
                       "jump target " + std::to_string(t) + " outside 0.." +
                           std::to_string(f.code.size() - 1));
      return "";
    }
    case Operand::None:
    case Operand::Count:
    case Operand::Imm16:
    case Operand::Imm32: return "";
  }
  return "";
}

}  // namespace

std::string verifyFunction(const Program& program, const FuncProto& f) {
  // Natives have no code; neither has a function nothing refers to (the
  // operands that do are checked below).
  if (f.isNative || f.code.empty()) return "";
  if (f.lines.size() != f.code.size()) return f.name + ": line table and code differ in length";
  if (f.nparams > f.nregs || f.nresults > f.nregs)
    return f.name + ": parameters or results beyond the frame";
  for (size_t pc = 0; pc < f.code.size(); ++pc) {
    const Instr& in = f.code[pc];
    if (size_t(in.op) >= size_t(Opcode::Count))
      return f.name + " pc " + std::to_string(pc) + ": unknown opcode";
    OpFormat fmt = opcodeFormat(in.op);
    for (auto [role, v, which] : {std::tuple{fmt.a, in.a, 'a'}, std::tuple{fmt.b, in.b, 'b'},
                                  std::tuple{fmt.c, in.c, 'c'}}) {
      std::string err = checkOperand(program, f, pc, role, v, which);
      if (!err.empty()) return err;
    }
    if (in.op == Opcode::JTAB) {
      // b cases, then the default: b+1 jumps follow.
      if (pc + 1 + size_t(in.b) >= f.code.size())
        return problem(f, pc, "jump table runs past the end of the function");
      for (size_t k = 1; k <= size_t(in.b) + 1; ++k)
        if (f.code[pc + k].op != Opcode::JMP) return problem(f, pc, "jump table entry is not JMP");
    }
  }
  return "";
}

std::string verifyProgram(const Program& program) {
  for (const auto& f : program.funcs) {
    std::string err = verifyFunction(program, *f);
    if (!err.empty()) return err;
  }
  return "";
}

}  // namespace gol::vm
