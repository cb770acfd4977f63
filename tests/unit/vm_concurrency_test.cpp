// Goroutines, channels, select and deadlock detection on hand-assembled
// programs.
#include <catch2/catch.hpp>

#include "tests/unit/vm_helpers.hpp"

using namespace gol;
using namespace gol::vmtest;
using O = vm::Opcode;

TEST_CASE("chan: hand-off between two goroutines", "[chan]") {
  // worker(c): for i := 1; i <= 100; i++ { c <- i }
  // main: c := make(chan int); go worker(c); sum 100 receives into G[0].
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->numGlobals = 1;
  uint32_t worker = b.func(
      "main.worker", 1, 0, 3,
      {ins(O::LOADI, 1, 0, 1), ins(O::LOADI, 2, 0, 100), jmp(O::JMP, 0, 2), ins(O::SEND, 0, 1),
       ins(O::ADDIK, 1, 1, 1), ins(O::JLE, 1, 2, uint16_t(-3)), ins(O::RET, 0, 0)});
  b.p->entry =
      b.func("runtime.main", 0, 0, 8,
             {ins(O::LOADI, 1, 0, 0), ins(O::MAKECHAN, 0, 1, ct), ins(O::CLOSURE, 2, worker, 0),
              ins(O::MOVE, 3, 0), ins(O::GO, 2, 1), ins(O::LOADI, 4, 0, 0), ins(O::LOADI, 5, 0, 0),
              ins(O::LOADI, 6, 0, 100), jmp(O::JMP, 0, 3), ins(O::RECV, 7, 0),
              ins(O::ADDI, 4, 4, 7), ins(O::ADDIK, 5, 5, 1), ins(O::JLT, 5, 6, uint16_t(-4)),
              ins(O::SETG, 4, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 5050);
}

TEST_CASE("chan: receive after close drains the buffer, then zero/false", "[chan]") {
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->numGlobals = 4;
  b.p->entry = b.func("runtime.main", 0, 0, 6,
                      {ins(O::LOADI, 1, 0, 2), ins(O::MAKECHAN, 0, 1, ct), ins(O::LOADI, 2, 0, 7),
                       ins(O::SEND, 0, 2), ins(O::CLOSE, 0), ins(O::RECV2, 3, 0),
                       ins(O::SETG, 3, 0), ins(O::SETG, 4, 1), ins(O::RECV2, 3, 0),
                       ins(O::SETG, 3, 2), ins(O::SETG, 4, 3), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 7);
  CHECK(r.global(1).i == 1);
  CHECK(r.global(2).i == 0);
  CHECK(r.global(3).i == 0);
}

TEST_CASE("select: random choice among ready cases is fair", "[chan][select]") {
  // Two buffered channels that always hold a value; 10,000 selects count
  // how often case 0 wins (G[0]).
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->numGlobals = 1;
  // regs: 0 c0, 1 c1, 2 count0, 3 i, 4 n, 5 chosen, 6..11 cases, 12 tmp
  b.p->entry = b.func("runtime.main", 0, 0, 14,
                      {/*0*/ ins(O::LOADI, 12, 0, 1),
                       ins(O::MAKECHAN, 0, 12, ct),
                       ins(O::MAKECHAN, 1, 12, ct),
                       /*3*/ ins(O::SEND, 0, 12),
                       ins(O::SEND, 1, 12),
                       ins(O::LOADI, 2, 0, 0),
                       /*6*/ ins(O::LOADI, 3, 0, 0),
                       ins(O::LOADI, 4, 0, 10000),
                       /*8 loop*/ ins(O::MOVE, 6, 0),
                       ins(O::LOADI, 8, 0, 0),
                       ins(O::MOVE, 9, 1),
                       /*11*/ ins(O::LOADI, 11, 0, 0),
                       ins(O::SELECT, 5, 6, 2),
                       /*13*/ ins(O::LOADI, 13, 0, 0),
                       ins(O::EQI, 13, 5, 13),
                       ins(O::JF, 13, 0, 1),
                       /*16*/ ins(O::ADDIK, 2, 2, 1),
                       /*17 refill the drained channel */ ins(O::JF, 13, 0, 2),
                       ins(O::SEND, 0, 12),
                       jmp(O::JMP, 0, 1),
                       ins(O::SEND, 1, 12),
                       /*21*/ ins(O::ADDIK, 3, 3, 1),
                       ins(O::JLT, 3, 4, uint16_t(-15)),
                       /*23*/ ins(O::SETG, 2, 0),
                       ins(O::RET, 0, 0)});
  Run r(*b.p, 42);
  REQUIRE(r.code == 0);
  int64_t n0 = r.global(0).i;
  CHECK(n0 >= 4500);
  CHECK(n0 <= 5500);
}

TEST_CASE("select: default when nothing is ready", "[chan][select]") {
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->numGlobals = 1;
  b.p->entry = b.func("runtime.main", 0, 0, 6,
                      {ins(O::LOADI, 1, 0, 0), ins(O::MAKECHAN, 2, 1, ct), ins(O::LOADI, 4, 0, 0),
                       ins(O::SELECT, 0, 2, 1, 1), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == -1);
}

TEST_CASE("deadlock: main blocked with nothing runnable exits 2", "[chan]") {
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->entry = b.func(
      "runtime.main", 0, 0, 3,
      {ins(O::LOADI, 1, 0, 0), ins(O::MAKECHAN, 0, 1, ct), ins(O::RECV, 2, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  CHECK(r.code == 2);
}

TEST_CASE("unbounded channel: sends never block", "[chan]") {
  ProgramBuilder b;
  uint32_t ct = b.chanType(vm::kTidInt);
  b.p->numGlobals = 1;
  // c := make(chan int, -1); for i < 5000 { c <- i }; G[0] = len(c)
  b.p->entry = b.func(
      "runtime.main", 0, 0, 5,
      {ins(O::LOADI, 1, 0, uint16_t(-1)), ins(O::LOADI, 1, 0xFFFF, 0xFFFF),
       ins(O::MAKECHAN, 0, 1, ct, /*unbounded*/ 1), ins(O::LOADI, 2, 0, 0),
       ins(O::LOADI, 3, 0, 5000), jmp(O::JMP, 0, 2), ins(O::SEND, 0, 2), ins(O::ADDIK, 2, 2, 1),
       ins(O::JLT, 2, 3, uint16_t(-3)), ins(O::LENC, 4, 0), ins(O::SETG, 4, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 5000);
}

TEST_CASE("preemption: a spinning goroutine does not starve main", "[sched]") {
  // go func() { for {} }(); then main finishes.
  ProgramBuilder b;
  b.p->numGlobals = 1;
  uint32_t spin = b.func("main.spin", 0, 0, 1, {jmp(O::JMP, 0, -1), ins(O::RET, 0, 0)});
  uint32_t gosched = b.native("runtime.Gosched", 0, 0);
  b.p->entry = b.func("runtime.main", 0, 0, 3,
                      {ins(O::CLOSURE, 0, spin, 0), ins(O::GO, 0, 0), ins(O::CALL, 1, gosched),
                       ins(O::LOADI, 2, 0, 1), ins(O::SETG, 2, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 1);
}
