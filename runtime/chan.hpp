// Channels after Go's chan.go, for one OS thread: a ring buffer and FIFO
// queues of waiting goroutines (sudog records), direct hand-off to a
// waiting partner, close waking everyone.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/heap.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

struct SelectState;

// One goroutine waiting on one channel (a select has one per case).
struct SudoG {
  vm::Goroutine* g = nullptr;
  vm::Value val;               // a sender's value
  vm::Value* dst = nullptr;    // a receiver's destination (may be null)
  vm::Value* okDst = nullptr;  // a receiver's ok flag (may be null)
  SelectState* sel = nullptr;  // set when part of a select
  uint32_t caseIndex = 0;
  struct ChanObj* chan = nullptr;
  SudoG* prev = nullptr;
  SudoG* next = nullptr;
};

static_assert(sizeof(SudoG) <= sizeof(vm::Goroutine::rtWait));

struct WaitQ {
  SudoG* head = nullptr;
  SudoG* tail = nullptr;
  void push(SudoG* s);
  void remove(SudoG* s);
  SudoG* pop();
  bool empty() const { return head == nullptr; }
};

struct SelectState {
  vm::Goroutine* g = nullptr;
  vm::Value* cases = nullptr;  // the SELECT instruction's case registers
  vm::Value* chosen = nullptr;
  std::vector<SudoG*> sudogs;
};

struct ChanObj final : vm::Object {
  uint32_t tid = 0;  // the channel type
  uint32_t elemTid = 0;
  int64_t cap = 0;  // -1: unbounded
  bool closed = false;
  // Ring buffer.
  std::vector<vm::Value> buf;
  size_t head = 0;
  size_t count = 0;
  WaitQ recvq, sendq;

  ChanObj() : vm::Object(vm::ObjKind::Other) {}
  void trace(vm::Tracer& t) override;
  void pushBack(const vm::Value& v);
  vm::Value popFront();
  bool full() const { return cap >= 0 && int64_t(count) >= cap; }
};

}  // namespace gol::runtime
