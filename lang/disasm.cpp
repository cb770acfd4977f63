// A readable listing of compiled bytecode (gol disasm).
#include <fmt/format.h>

#include "lang/compiler.hpp"

namespace gol {

namespace {

const char* kOpNames[] = {
#define GOL_OP_NAME(name) #name,
    GOL_OPCODES(GOL_OP_NAME)
#undef GOL_OP_NAME
};

std::string constantText(const vm::Constant& c) {
  switch (c.kind) {
    case vm::Constant::Kind::Int: return fmt::format("{}", c.i);
    case vm::Constant::Kind::Float: return fmt::format("{}", c.f);
    case vm::Constant::Kind::String: {
      std::string s = "\"";
      for (char ch : c.s) {
        if (ch == '\n')
          s += "\\n";
        else if (ch == '"')
          s += "\\\"";
        else
          s += ch;
      }
      return s + "\"";
    }
  }
  return "?";
}

}  // namespace

std::string disassemble(const vm::Program& program) {
  std::string out;
  for (size_t fi = 0; fi < program.funcs.size(); ++fi) {
    const vm::FuncProto& f = *program.funcs[fi];
    out += fmt::format("func #{} {} (params {}, results {}, registers {})", fi, f.name, f.nparams,
                       f.nresults, f.nregs);
    if (f.isNative) {
      out += fmt::format(" native \"{}\"\n", f.nativeName);
      continue;
    }
    out += "\n";
    for (size_t pc = 0; pc < f.code.size(); ++pc) {
      const vm::Instr& in = f.code[pc];
      const char* name = kOpNames[size_t(in.op)];
      std::string line = fmt::format("  {:4}  {:<10} {:5} {:5} {:5}", pc, name, in.a, in.b, in.c);
      if (in.x) line += fmt::format("  x={}", in.x);
      if (in.op == vm::Opcode::LOADK && in.b < f.constants.size())
        line += "  ; " + constantText(f.constants[in.b]);
      if (in.op == vm::Opcode::JMP || in.op == vm::Opcode::JT || in.op == vm::Opcode::JF)
        line += fmt::format("  ; -> {}", int(pc) + 1 + vm::sbc(in));
      if (in.op == vm::Opcode::JLT || in.op == vm::Opcode::JLE || in.op == vm::Opcode::JLTK ||
          in.op == vm::Opcode::JLEK || in.op == vm::Opcode::JGTK || in.op == vm::Opcode::JGEK)
        line += fmt::format("  ; -> {}", int(pc) + 1 + vm::sc(in));
      uint32_t fidx = in.b | (uint32_t(in.x) << 16);
      if ((in.op == vm::Opcode::CALL || in.op == vm::Opcode::CLOSURE) &&
          fidx < program.funcs.size())
        line += "  ; " + program.funcs[fidx]->name;
      if (in.op == vm::Opcode::CALLI && in.c < program.names.size())
        line += "  ; ." + program.names[in.c];
      uint32_t ln = pc < f.lines.size() ? f.lines[pc] : 0;
      out += fmt::format("{:<60} line {}\n", line, ln);
    }
  }
  return out;
}

}  // namespace gol
