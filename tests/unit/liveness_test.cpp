// The liveness analysis's stack maps (bytecode/liveness.cpp): which
// registers the collector keeps at a function's resume pcs.
#include "bytecode/liveness.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "bytecode/program.hpp"
#include "lang/compile/compiler.hpp"
#include "runtime/run.hpp"

using namespace gol;
using vm::Opcode;

namespace {

std::unique_ptr<vm::Program> compileText(const std::string& text) {
  Diagnostics diags;
  auto file = parseFile("live.gol", text, diags);
  if (!file) return nullptr;
  Program prog;
  PackageSource packages = [](const std::string& p, std::string& out) {
    return runtime::embeddedPackageSource(p, out);
  };
  if (!checkProgram(prog, std::move(file), packages, diags)) return nullptr;
  auto out = compileProgram(prog, diags);
  // The collector makes maps on demand; these tests read every function's.
  if (out) {
    for (auto& f : out->funcs) CHECK(f->stackMapsPending == (!f->isNative && !f->code.empty()));
    computeStackMaps(*out);
  }
  return out;
}

const vm::FuncProto* func(const vm::Program& p, const std::string& name) {
  for (auto& f : p.funcs)
    if (f->name == name) return f.get();
  return nullptr;
}

// The resume pc after the n-th static call of `callee` in f (0-based).
uint32_t afterCall(const vm::Program& p, const vm::FuncProto& f, const std::string& callee,
                   int n = 0) {
  for (uint32_t pc = 0; pc < f.code.size(); ++pc) {
    const vm::Instr& in = f.code[pc];
    if (in.op == Opcode::CALL && p.funcs[in.b | (uint32_t(in.x) << 16)]->name == callee && n-- == 0)
      return pc + 1;
  }
  FAIL("no call of " << callee << " in " << f.name);
  return 0;
}

bool liveAt(const vm::FuncProto& f, uint32_t pc, uint32_t reg) {
  const uint64_t* m = f.stackMaps.at(pc);
  REQUIRE(m);
  return (m[reg >> 6] >> (reg & 63)) & 1;
}

}  // namespace

TEST_CASE("liveness: a parameter is dead after its last read", "[liveness]") {
  auto p = compileText(
      "package main\n\ntype T struct{ n int }\n\n"
      "func use(t *T) {}\nfunc pause() {}\n\n"
      "func f(a, b *T) {\n\tuse(a)\n\tpause()\n\tuse(b)\n\tpause()\n}\n\n"
      "func main() { f(&T{}, &T{}) }\n");
  REQUIRE(p);
  const vm::FuncProto* f = func(*p, "main.f");
  REQUIRE(f);
  REQUIRE(!f->stackMaps.empty());
  uint32_t first = afterCall(*p, *f, "main.pause", 0);
  CHECK_FALSE(liveAt(*f, first, 0));  // a: read for the last time before
  CHECK(liveAt(*f, first, 1));        // b: read after
  uint32_t second = afterCall(*p, *f, "main.pause", 1);
  CHECK_FALSE(liveAt(*f, second, 1));
}

TEST_CASE("liveness: a value read after a loop is live in the whole loop", "[liveness]") {
  auto p = compileText(
      "package main\n\ntype T struct{ n int }\n\nfunc use(t *T) {}\nfunc pause() {}\n\n"
      "func f(a *T, n int) {\n\tfor i := 0; i < n; i++ {\n\t\tpause()\n\t}\n\tuse(a)\n}\n\n"
      "func main() { f(&T{}, 3) }\n");
  REQUIRE(p);
  const vm::FuncProto* f = func(*p, "main.f");
  REQUIRE(f);
  CHECK(liveAt(*f, afterCall(*p, *f, "main.pause"), 0));
  CHECK(liveAt(*f, afterCall(*p, *f, "main.pause"), 1));  // n: the loop's bound
}

TEST_CASE("liveness: results stay live in a function with defers", "[liveness]") {
  auto p = compileText(
      "package main\n\nfunc pause() {}\nfunc cleanup() {}\n\n"
      "func f() (s []int) {\n\tdefer cleanup()\n\ts = make([]int, 3)\n\tpause()\n\t"
      "s = nil\n\tpause()\n\treturn\n}\n\nfunc main() { f() }\n");
  REQUIRE(p);
  const vm::FuncProto* f = func(*p, "main.f");
  REQUIRE(f);
  // s is overwritten before it is read, yet a recovered panic returns it.
  CHECK(liveAt(*f, afterCall(*p, *f, "main.pause", 0), f->resultReg));
}

TEST_CASE("liveness: maps are sorted, inside the code and the frame", "[liveness]") {
  auto p = compileText(
      "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 1)\n\t"
      "go func() { ch <- 1 }()\n\tfmt.Println(<-ch)\n}\n");
  REQUIRE(p);
  size_t withMaps = 0;
  for (auto& f : p->funcs) {
    const vm::StackMaps& m = f->stackMaps;
    if (m.empty()) continue;
    ++withMaps;
    INFO(f->name);
    CHECK(m.words == (f->nregs + 63u) / 64u);
    for (size_t k = 0; k < m.pcs.size(); ++k) {
      CHECK(m.pcs[k] >= 1);
      CHECK(m.pcs[k] <= f->code.size());
      if (k) CHECK(m.pcs[k - 1] < m.pcs[k]);
      const uint64_t* bits = m.bits.data() + size_t(m.mapIndex[k]) * m.words;
      for (uint32_t r = f->nregs; r < m.words * 64; ++r)
        CHECK_FALSE((bits[r >> 6] >> (r & 63)) & 1);
    }
  }
  CHECK(withMaps > 20);  // the program's and fmt's functions
}
