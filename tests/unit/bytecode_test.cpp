// The bytecode library: the format column, jump encoding, and the verifier
// run over every program the compiler produces for the examples and the
// semantics tests.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "bytecode/opcodes.hpp"
#include "bytecode/verify.hpp"
#include "lang/compile/compiler.hpp"
#include "runtime/run.hpp"

using namespace gol;
using vm::Opcode;
using vm::Operand;

namespace {

bool validOperand(Operand o) {
  switch (o) {
    case Operand::None:
    case Operand::Reg:
    case Operand::Const:
    case Operand::Global:
    case Operand::Tid:
    case Operand::Name:
    case Operand::Func:
    case Operand::Count:
    case Operand::Imm16:
    case Operand::Imm32:
    case Operand::Jump16: return true;
  }
  return false;
}

// Compiles a program; returns null when it does not compile (error goldens).
std::unique_ptr<vm::Program> compileSource(const std::string& path, const std::string& text) {
  Diagnostics diags;
  auto file = parseFile(path, text, diags);
  if (!file) return nullptr;
  Program prog;
  PackageSource packages = [](const std::string& p, std::string& out) {
    return runtime::embeddedPackageSource(p, out);
  };
  if (!checkProgram(prog, std::move(file), packages, diags)) return nullptr;
  return compileProgram(prog, diags);
}

std::unique_ptr<vm::Program> compile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return compileSource(path, text.str());
}

}  // namespace

TEST_CASE("bytecode: every opcode has a well-formed format", "[bytecode]") {
  for (size_t k = 0; k < size_t(Opcode::Count); ++k) {
    Opcode op = Opcode(k);
    vm::OpFormat f = vm::opcodeFormat(op);
    INFO(vm::opcodeName(op));
    CHECK(validOperand(f.a));
    CHECK(validOperand(f.b));
    CHECK(validOperand(f.c));
    // Wide operands occupy b and c together.
    CHECK((f.b == Operand::Imm32) == (f.c == Operand::Imm32));
    if (f.b == Operand::Jump16) CHECK(f.c == Operand::Jump16);
    CHECK(f.c != Operand::Func);
  }
  CHECK(vm::isJump(Opcode::JMP));
  CHECK(vm::isJump(Opcode::JLTK));
  CHECK_FALSE(vm::isJump(Opcode::JTAB));
  CHECK_FALSE(vm::isJump(Opcode::ADDI));
}

TEST_CASE("bytecode: jump targets round-trip and refuse what does not fit", "[bytecode]") {
  vm::Instr jmp{Opcode::JMP, 0, 0, 0, 0};
  REQUIRE(vm::setJumpTarget(jmp, 100, 5));
  CHECK(vm::jumpTarget(jmp, 100) == 5);
  REQUIRE(vm::setJumpTarget(jmp, 0, 1'000'000));
  CHECK(vm::jumpTarget(jmp, 0) == 1'000'000);

  vm::Instr jlt{Opcode::JLT, 0, 1, 2, 0};
  REQUIRE(vm::setJumpTarget(jlt, 10, 3));
  CHECK(vm::jumpTarget(jlt, 10) == 3);
  CHECK(jlt.a == 1);
  CHECK(jlt.b == 2);  // the compared registers are kept
  CHECK_FALSE(vm::setJumpTarget(jlt, 0, 40000));

  vm::Instr add{Opcode::ADDI, 0, 1, 2, 3};
  CHECK(vm::jumpTarget(add, 0) == -1);
  CHECK_FALSE(vm::setJumpTarget(add, 0, 1));
}

TEST_CASE("bytecode: the verifier catches what it is for", "[bytecode]") {
  vm::Program p;
  auto f = std::make_unique<vm::FuncProto>();
  f->name = "main.f";
  f->nregs = 2;
  f->code = {{Opcode::MOVE, 0, 0, 1, 0}, {Opcode::RET, 0, 0, 0, 0}};
  f->lines = {1, 1};
  p.funcs.push_back(std::move(f));
  CHECK(vm::verifyProgram(p).empty());

  p.funcs[0]->code[0].b = 7;  // register past the frame
  CHECK(vm::verifyProgram(p).find("register 7") != std::string::npos);
  p.funcs[0]->code[0] = {Opcode::LOADK, 0, 0, 0, 0};  // no constants
  CHECK(vm::verifyProgram(p).find("constant 0") != std::string::npos);
  p.funcs[0]->code[0] = {Opcode::JMP, 0, 0, 0, 9};
  CHECK(vm::verifyProgram(p).find("jump target 10") != std::string::npos);
  p.funcs[0]->code[0] = {Opcode::CALL, 0, 0, 3, 0};
  CHECK(vm::verifyProgram(p).find("function 3") != std::string::npos);
}

TEST_CASE("bytecode: every compiled example verifies", "[bytecode]") {
  namespace fs = std::filesystem;
  int compiled = 0;
  for (const char* dir : {"examples", "tests/semantics", "runtime/lib/testdata"}) {
    fs::path root = fs::path(GOL_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.path().extension() != ".gol") continue;
      auto prog = compile(e.path().string());
      if (!prog) continue;  // compile-error goldens
      INFO(e.path().string());
      CHECK(vm::verifyProgram(*prog) == "");
      ++compiled;
    }
  }
  CHECK(compiled > 50);
}

TEST_CASE("disasm: the main file's functions, operands by their format", "[bytecode]") {
  const char* fib =
      "package main\n\nimport \"fmt\"\n\nfunc fib(n int) int {\n\tif n < 2 {\n"
      "\t\treturn n\n\t}\n\treturn fib(n-1) + fib(n-2)\n}\n\n"
      "func main() { fmt.Println(fib(20)) }\n";
  auto prog = compileSource("fib.gol", fib);
  REQUIRE(prog);
  std::string listing = disassemble(*prog);
  size_t lines = size_t(std::count(listing.begin(), listing.end(), '\n'));
  CHECK(lines < 80);
  CHECK(listing.find("func main.fib #") != std::string::npos);
  CHECK(listing.find("func main.main #") != std::string::npos);
  CHECK(listing.find("func fmt.") == std::string::npos);              // not the packages'
  CHECK(listing.find("runtime.main") == std::string::npos);           // nor the entry stub
  CHECK(listing.find("ADDIK      r4, r0, -1") != std::string::npos);  // signed immediate
  CHECK(listing.find("; main.fib") != std::string::npos);             // the callee named
  CHECK(listing.find("fib.gol:9") != std::string::npos);              // file:line
  CHECK(listing.find("-> ") != std::string::npos);                    // a jump target
  std::string all = disassemble(*prog, true);
  CHECK(all.find("func fmt.Println") != std::string::npos);
}
