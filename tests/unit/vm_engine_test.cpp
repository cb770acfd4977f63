// The sequential engine on hand-assembled programs: calls, loops, panics,
// defers, maps and the collector.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <vector>

#include "tests/unit/vm_helpers.hpp"
#include "vm/map.hpp"

using namespace gol;
using namespace gol::vmtest;
using vm::Opcode;
using O = vm::Opcode;

namespace {

std::vector<int64_t> g_record;

vm::NativeStatus recordNative(vm::NativeCtx&, vm::Value* r) {
  g_record.push_back(r[0].i);
  return vm::NativeStatus::Ok;
}

void registerTestNatives() {
  static const vm::NativeEntry e[] = {{"test.record", &recordNative}};
  vm::registerNatives(e, 1);
}

// fib(n) as the compiler would emit it; the entry stores fib(n) in G[0].
uint32_t addFib(ProgramBuilder& b) {
  uint32_t fib = b.reserve();
  b.define(fib, "main.fib", 1, 1, 4,
           {ins(O::LOADI, 1, 0, 2), ins(O::JLT, 0, 1, 6), ins(O::ADDIK, 2, 0, uint16_t(-1)),
            ins(O::CALL, 2, fib), ins(O::ADDIK, 3, 0, uint16_t(-2)), ins(O::CALL, 3, fib),
            ins(O::ADDI, 0, 2, 3), ins(O::RET, 0, 1), ins(O::RET, 0, 1)});
  return fib;
}

}  // namespace

TEST_CASE("vm: recursive fib", "[vm]") {
  ProgramBuilder b;
  uint32_t fib = addFib(b);
  b.p->numGlobals = 1;
  b.p->entry = b.func(
      "runtime.main", 0, 0, 2,
      {ins(O::LOADI, 0, 0, 25), ins(O::CALL, 0, fib), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 75025);
}

TEST_CASE("vm: fib(32) timing", "[vm][.bench]") {
  ProgramBuilder b;
  uint32_t fib = addFib(b);
  b.p->numGlobals = 1;
  b.p->entry = b.func(
      "runtime.main", 0, 0, 2,
      {ins(O::LOADI, 0, 0, 32), ins(O::CALL, 0, fib), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)});
  auto t0 = std::chrono::steady_clock::now();
  Run r(*b.p);
  double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(r.global(0).i == 2178309);
  std::printf("fib(32): %.1f ms, %.2f ns/call\n", ns / 1e6, ns / 7049155.0);
}

TEST_CASE("vm: counting loop", "[vm]") {
  // s := 0; for i := 0; i < 1000000; i++ { s += i }
  ProgramBuilder b;
  b.p->numGlobals = 1;
  b.p->entry = b.func("runtime.main", 0, 0, 4,
                      {ins(O::LOADI, 0, 0, 0), ins(O::LOADI, 1, 0, 0), ins(O::LOADK, 2, 0),
                       jmp(O::JMP, 0, 2), ins(O::ADDI, 0, 0, 1), ins(O::ADDIK, 1, 1, 1),
                       ins(O::JLT, 1, 2, uint16_t(-3)), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)},
                      {vm::Constant{vm::Constant::Kind::Int, 1000000, 0, ""}});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.global(0).i == 499999500000);
}

TEST_CASE("vm: division by zero is recovered by a deferred closure", "[vm]") {
  registerTestNatives();
  ProgramBuilder b;
  b.p->numGlobals = 1;
  // handler: G[0] = recover()
  uint32_t handler =
      b.func("main.f.func1", 0, 0, 1, {ins(O::RECOVER, 0), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)});
  // f(a, b int) (q int): defer handler(); q = a / b; return q
  uint32_t f = b.func("main.f", 2, 1, 4,
                      {ins(O::CLOSURE, 3, handler, 0), ins(O::DEFER, 3, 0), ins(O::DIVI, 2, 0, 1),
                       ins(O::MOVE, 0, 2), ins(O::RET, 0, 1)});
  b.p->funcs[f]->resultReg = 0;
  b.p->entry = b.func(
      "runtime.main", 0, 0, 3,
      {ins(O::LOADI, 0, 0, 7), ins(O::LOADI, 1, 0, 0), ins(O::CALL, 0, f), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  vm::Value v = r.global(0);
  CHECK(v.tid == vm::kTidRuntimeError);
  CHECK(vm::strView(v) == "runtime error: integer divide by zero");
}

TEST_CASE("vm: deferred calls run last-in first-out", "[vm]") {
  registerTestNatives();
  g_record.clear();
  ProgramBuilder b;
  uint32_t rec = b.native("test.record", 1, 0);
  uint32_t recFn = b.func("rec", 1, 0, 2, {ins(O::CALL, 0, rec), ins(O::RET, 0, 0)});
  b.p->entry = b.func("runtime.main", 0, 0, 4,
                      {ins(O::CLOSURE, 0, recFn, 0), ins(O::LOADI, 1, 0, 1), ins(O::DEFER, 0, 1),
                       ins(O::LOADI, 1, 0, 2), ins(O::DEFER, 0, 1), ins(O::LOADI, 1, 0, 3),
                       ins(O::DEFER, 0, 1), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(g_record == std::vector<int64_t>{3, 2, 1});
}

TEST_CASE("vm: an unrecovered panic exits with 2 after running defers", "[vm]") {
  registerTestNatives();
  g_record.clear();
  ProgramBuilder b;
  uint32_t rec = b.native("test.record", 1, 0);
  uint32_t recFn = b.func("rec", 1, 0, 2, {ins(O::CALL, 0, rec), ins(O::RET, 0, 0)});
  b.p->entry = b.func("runtime.main", 0, 0, 4,
                      {ins(O::CLOSURE, 0, recFn, 0), ins(O::LOADI, 1, 0, 9), ins(O::DEFER, 0, 1),
                       ins(O::LOADK, 2, 0), ins(O::MKIFACE, 2, 2, vm::kTidString), ins(O::PANIC, 2),
                       ins(O::RET, 0, 0)},
                      {kstr("boom")});
  Run r(*b.p);
  CHECK(r.code == 2);
  CHECK(g_record == std::vector<int64_t>{9});
}

TEST_CASE("vm: index out of range text", "[vm]") {
  ProgramBuilder b;
  b.p->numGlobals = 1;
  uint32_t sl = b.type([] {
    vm::RtType t;
    t.kind = vm::RtKind::Slice;
    t.elem = vm::kTidInt;
    t.elemKind = vm::ElemKind::X64;
    t.hasRef = true;
    t.name = "[]int";
    return t;
  }());
  uint32_t handler =
      b.func("h", 0, 0, 1, {ins(O::RECOVER, 0), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)});
  uint32_t f = b.func("f", 0, 0, 6,
                      {ins(O::CLOSURE, 0, handler, 0), ins(O::DEFER, 0, 0), ins(O::LOADI, 1, 0, 3),
                       ins(O::LOADI, 2, 0, 3), ins(O::MAKESLICE, 3, 1, sl, int(vm::ElemKind::X64)),
                       ins(O::LOADI, 4, 0, 5), ins(O::GETSL, 5, 3, 4), ins(O::RET, 0, 0)});
  b.p->entry = b.func("runtime.main", 0, 0, 1, {ins(O::CALL, 0, f), ins(O::RET, 0, 0)});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(vm::strView(r.global(0)) == "runtime error: index out of range [5] with length 3");
}

TEST_CASE("vm: maps insert, find, delete, iterate", "[vm][map]") {
  ProgramBuilder b;
  uint32_t mt = b.mapType(vm::kTidString, vm::kTidInt);
  vm::Vm machine(*b.p, nullptr);
  vm::Heap& h = machine.heap();
  vm::MapObj* m = h.newMap(mt, 0);
  std::vector<vm::Value> keys;
  for (int i = 0; i < 1000; ++i) {
    vm::Value k = vm::Value::ofRef(h.newString("k" + std::to_string(i)), vm::kTidString);
    keys.push_back(k);
    *m->insert(h, k, nullptr) = vm::Value::ofInt(i);
  }
  CHECK(m->size() == 1000);
  vm::Value probe = vm::Value::ofRef(h.newString("k500"), vm::kTidString);
  REQUIRE(m->find(probe));
  CHECK(m->find(probe)->i == 500);
  for (int i = 0; i < 1000; i += 2) CHECK(m->erase(keys[size_t(i)]));
  CHECK(m->size() == 500);
  int64_t n = 0, sum = 0;
  for (int64_t c = m->nextFrom(0); c >= 0; c = m->nextFrom(c + 1)) {
    ++n;
    sum += m->entryAt(c).val.i;
    // Deleting while iterating is allowed.
    m->erase(m->entryAt(c).key);
  }
  CHECK(n == 500);
  CHECK(sum == 250000);
  CHECK(m->size() == 0);
}

TEST_CASE("vm: the collector frees garbage under allocation pressure", "[vm][gc]") {
  // for i := 0; i < 300000; i++ { s = "ab" + "cd" } keeps only one string.
  ProgramBuilder b;
  b.p->numGlobals = 1;
  b.p->entry =
      b.func("runtime.main", 0, 0, 6,
             {ins(O::LOADI, 1, 0, 0), ins(O::LOADK, 2, 0), ins(O::LOADK, 3, 1), ins(O::LOADK, 4, 2),
              jmp(O::JMP, 0, 2), ins(O::CONCAT, 0, 3, 4), ins(O::ADDIK, 1, 1, 1),
              ins(O::JLT, 1, 2, uint16_t(-3)), ins(O::SETG, 0, 0), ins(O::RET, 0, 0)},
             {vm::Constant{vm::Constant::Kind::Int, 300000, 0, ""},
              kstr("ab" + std::string(100, 'x')), kstr("cd")});
  Run r(*b.p);
  REQUIRE(r.code == 0);
  CHECK(r.machine.heap().collections() > 0);
  CHECK(r.machine.heap().bytesLive() < (16 << 20));
  CHECK(vm::strView(r.global(0)).size() == 104);
}

TEST_CASE("vm: heap limits end a program instead of wrapping or exhausting memory", "[vm][gc]") {
  ProgramBuilder b;
  vm::Vm machine(*b.p, nullptr);
  vm::Heap& h = machine.heap();
  // A string object's length is 32 bits wide: a longer one is refused
  // before anything is allocated (it wrapped to a short string).
  CHECK_THROWS_AS(h.newStringUninit(size_t(1) << 32), std::bad_alloc);
  CHECK_THROWS_AS(h.newStringUninit((size_t(1) << 32) + 5), std::bad_alloc);
  // Past the hard limit, after a collection, allocation fails.
  h.setHardLimit(4u << 20);
  CHECK_NOTHROW(h.newStringUninit(1u << 20));
  std::vector<vm::Value> kept;
  CHECK_THROWS_AS(
      [&] {
        for (int i = 0; i < 8; ++i) {
          vm::StringObj* s = h.newStringUninit(1u << 20);
          kept.push_back(vm::Value::ofRef(s, vm::kTidString));
          h.pause();  // nothing here is a root: keep them all live
        }
      }(),
      std::bad_alloc);
}
