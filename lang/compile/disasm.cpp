// A readable listing of compiled bytecode (gol disasm). Operands are printed
// by the role the opcode's format column gives them, so this file restates
// nothing about the instruction set.
#include <fmt/format.h>

#include "lang/compile/compiler.hpp"

namespace gol {

namespace {

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

// One instruction: "OPCODE  operands" and a comment with what the operands
// name (constants, functions, types, methods).
std::string instrText(const vm::Program& program, const vm::FuncProto& f, size_t pc) {
  using vm::Operand;
  const vm::Instr& in = f.code[pc];
  vm::OpFormat format = vm::opcodeFormat(in.op);
  std::vector<std::string> ops;
  std::vector<std::string> notes;
  auto operand = [&](Operand role, uint16_t v, char which) {
    switch (role) {
      case Operand::None: return;
      case Operand::Reg: ops.push_back(fmt::format("r{}", v)); return;
      case Operand::Const:
        ops.push_back(fmt::format("k{}", v));
        if (v < f.constants.size()) notes.push_back(constantText(f.constants[v]));
        return;
      case Operand::Global:
        // b and c together form one wide global index; print it once.
        if (which == 'c' && format.b == Operand::Global) return;
        if (which == 'b' && format.c == Operand::Global)
          ops.push_back(fmt::format("g{}", uint32_t(in.b) | uint32_t(in.c) << 16));
        else
          ops.push_back(fmt::format("g{}", v));
        return;
      case Operand::Tid:
        ops.push_back(fmt::format("t{}", v));
        if (v < program.types.size() && !program.types[v].name.empty())
          notes.push_back(program.types[v].name);
        return;
      case Operand::Name:
        ops.push_back(fmt::format("n{}", v));
        if (v < program.names.size()) notes.push_back("." + program.names[v]);
        return;
      case Operand::Func: {
        uint32_t idx = v | uint32_t(in.x) << 16;
        ops.push_back(fmt::format("f{}", idx));
        if (idx < program.funcs.size()) notes.push_back(program.funcs[idx]->name);
        return;
      }
      case Operand::Count: ops.push_back(fmt::format("{}", v)); return;
      case Operand::Imm16: ops.push_back(fmt::format("{}", int16_t(v))); return;
      case Operand::Imm32:
        if (which == 'b') ops.push_back(fmt::format("{}", vm::sbc(in)));
        return;
      case Operand::Jump16:
        if (which == 'b') return;  // printed with c
        ops.push_back(fmt::format("-> {}", vm::jumpTarget(in, pc)));
        return;
    }
  };
  operand(format.a, in.a, 'a');
  operand(format.b, in.b, 'b');
  operand(format.c, in.c, 'c');
  // x carries the high bits of a function index (printed with it) or a small
  // mode flag of the opcode.
  if (in.x && format.b != Operand::Func) ops.push_back(fmt::format("x={}", in.x));
  std::string text = fmt::format("{:<10}", vm::opcodeName(in.op));
  for (size_t k = 0; k < ops.size(); ++k) text += (k ? ", " : " ") + ops[k];
  if (!notes.empty()) {
    text = fmt::format("{:<34} ;", text);
    for (const std::string& n : notes) text += " " + n;
  }
  return text;
}

std::string baseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string disassemble(const vm::Program& program, bool all) {
  std::string out;
  for (size_t fi = 0; fi < program.funcs.size(); ++fi) {
    const vm::FuncProto& f = *program.funcs[fi];
    // The entry stub (runtime.main) initialises every package's globals:
    // it belongs to the whole program, not to the main file.
    bool mainFile = f.file == program.mainFile && f.name.rfind("runtime.", 0) != 0;
    if (!all && !mainFile) continue;
    std::string file = baseName(f.file);
    out += fmt::format("func {} #{} ({}:{}; params {}, results {}, registers {})", f.name, fi, file,
                       f.line, f.nparams, f.nresults, f.nregs);
    if (f.isNative) {
      out += fmt::format(" native \"{}\"\n", f.nativeName);
      continue;
    }
    out += "\n";
    for (size_t pc = 0; pc < f.code.size(); ++pc) {
      uint32_t ln = pc < f.lines.size() ? f.lines[pc] : 0;
      out += fmt::format("  {:4}  {:<60} {}:{}\n", pc, instrText(program, f, pc), file, ln);
    }
  }
  return out;
}

}  // namespace gol
