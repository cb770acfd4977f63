// Channels after Go's chan.go, for one OS thread: a ring buffer and FIFO
// queues of waiting goroutines (sudog records), direct hand-off to a
// waiting partner, close waking everyone. The invariants are stated at the
// top of chan.cpp; select's side is in select.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "vm/heap.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

class Scheduler;
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
  // What select's first pass asks: would a send / a receive proceed now?
  // (A send on a closed channel counts: it proceeds to its panic.)
  bool sendReady() const { return closed || !recvq.empty() || !full(); }
  bool recvReady() const { return !sendq.empty() || count > 0 || closed; }
};

// The operations, as Go's chansend, chanrecv and closechan; `c` may be nil
// (blocks forever, or panics for close). Each returns Ok when done, Block
// after parking g (a partner will complete it and make it ready), or Panic
// after setting g's pending panic. The Scheduler's vm::ExecHooks forward
// to these; select calls chansend/chanrecv for a case it found ready.
vm::OpStatus chansend(Scheduler& s, vm::Goroutine* g, ChanObj* c, const vm::Value& v);
vm::OpStatus chanrecv(Scheduler& s, vm::Goroutine* g, ChanObj* c, vm::Value* dst, vm::Value* ok);
vm::OpStatus closechan(Scheduler& s, vm::Goroutine* g, ChanObj* c);

}  // namespace gol::runtime
