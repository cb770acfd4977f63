// Channel send, receive and close, after Go's runtime/chan.go without the
// locks: one OS thread runs every goroutine, so an operation runs from
// start to end without interleaving, and a partner is completed by the
// goroutine that finds it, in the same step.
//
// Invariants (checked by tests/semantics; each operation keeps them):
//  - At least one of sendq and recvq is empty, except when one goroutine's
//    select waits both to send on and to receive from the same unbuffered
//    channel: its records then sit in both queues (they cannot match each
//    other, since records are only matched by an arriving operation).
//  - count > 0 implies recvq is empty: a receiver waits only on an empty
//    buffer, and a sender hands its value to a waiting receiver directly.
//  - count < cap (and any unbounded channel) implies sendq is empty: a
//    sender waits only on a full buffer.
//  - closed implies both queues are empty: close wakes every waiter, and a
//    closed channel is ready for every later operation (receive gets the
//    buffer, then zero values; send panics), so nobody enqueues again.
//  - A received value comes out in send order: from a full buffer with
//    senders waiting, the receiver takes the head and the first sender's
//    value goes to the tail.
//  - A sudog is in at most one queue. A plain send or receive uses the
//    record inside its goroutine (Goroutine::rtWait: no allocation per
//    blocking operation); a select's records are pooled by select.cpp, and
//    either all of them are queued or none (see select.cpp's header).
//  - Every value a channel holds (buffer, waiting senders' values) is
//    reached by the collector through ChanObj::trace; a waiting receiver's
//    destination is a register of its own parked goroutine, which stays put
//    while it waits.
#include "runtime/chan.hpp"

#include <algorithm>

#include "runtime/sched.hpp"
#include "runtime/select.hpp"

namespace gol::runtime {

using vm::Goroutine;
using vm::OpStatus;
using vm::Value;

void WaitQ::push(SudoG* s) {
  s->next = nullptr;
  s->prev = tail;
  if (tail)
    tail->next = s;
  else
    head = s;
  tail = s;
}

void WaitQ::remove(SudoG* s) {
  if (s->prev)
    s->prev->next = s->next;
  else
    head = s->next;
  if (s->next)
    s->next->prev = s->prev;
  else
    tail = s->prev;
  s->prev = s->next = nullptr;
}

SudoG* WaitQ::pop() {
  SudoG* s = head;
  if (s) remove(s);
  return s;
}

void ChanObj::trace(vm::Tracer& t) {
  size_t idx = head;
  for (size_t k = 0; k < count; ++k) {
    t.markValue(buf[idx]);
    if (++idx == buf.size()) idx = 0;
  }
  for (SudoG* s = sendq.head; s; s = s->next) t.markValue(s->val);
}

void ChanObj::pushBack(const Value& v) {
  if (count == buf.size()) {
    // Grow (unbounded channels only; bounded ones are sized at make).
    std::vector<Value> nb(std::max<size_t>(8, buf.size() * 2));
    size_t idx = head;
    for (size_t k = 0; k < count; ++k) {
      nb[k] = buf[idx];
      if (++idx == buf.size()) idx = 0;
    }
    buf.swap(nb);
    head = 0;
  }
  // No `%` on the hot path: a 64-bit division costs more than the rest.
  size_t idx = head + count;
  if (idx >= buf.size()) idx -= buf.size();
  buf[idx] = v;
  ++count;
}

Value ChanObj::popFront() {
  Value v = buf[head];
  buf[head] = Value();
  if (++head == buf.size()) head = 0;
  --count;
  return v;
}

namespace {

// The goroutine's own record, for a plain (non-select) wait.
SudoG* ownSudog(Goroutine* g) {
  return new (g->rtWait) SudoG();
}

Value zeroElem(Scheduler& s, ChanObj* c) {
  return s.vm().zeroValue(c->elemTid);
}

}  // namespace

OpStatus chansend(Scheduler& s, Goroutine* g, ChanObj* c, const Value& v) {
  if (!c) {
    s.park(g, "chan send (nil chan)");
    return OpStatus::Block;
  }
  if (c->closed) {
    s.vm().runtimeError(g, "send on closed channel");
    return OpStatus::Panic;
  }
  if (SudoG* r = c->recvq.pop()) {
    // Hand the value straight to the waiting receiver.
    Goroutine* rg = r->g;
    if (r->sel) {
      selectWon(s, r, &v, true);
    } else {
      if (r->dst) *r->dst = v;
      if (r->okDst) *r->okDst = Value::ofBool(true);
    }
    s.ready(rg);
    return OpStatus::Ok;
  }
  if (!c->full()) {
    c->pushBack(v);
    return OpStatus::Ok;
  }
  SudoG* w = ownSudog(g);
  w->g = g;
  w->val = v;
  w->chan = c;
  c->sendq.push(w);
  s.park(g, "chan send");
  return OpStatus::Block;
}

OpStatus chanrecv(Scheduler& s, Goroutine* g, ChanObj* c, Value* dst, Value* ok) {
  if (!c) {
    s.park(g, "chan receive (nil chan)");
    return OpStatus::Block;
  }
  if (SudoG* w = c->sendq.pop()) {
    Value got;
    if (c->count > 0) {
      // Full buffer: take its head, the sender's value goes to the tail.
      got = c->popFront();
      c->pushBack(w->val);
    } else {
      got = w->val;
    }
    Goroutine* sg = w->g;
    if (w->sel) selectWon(s, w, nullptr, true);
    if (dst) *dst = got;
    if (ok) *ok = Value::ofBool(true);
    s.ready(sg);
    return OpStatus::Ok;
  }
  if (c->count > 0) {
    Value v = c->popFront();
    if (dst) *dst = v;
    if (ok) *ok = Value::ofBool(true);
    return OpStatus::Ok;
  }
  if (c->closed) {
    if (dst) *dst = zeroElem(s, c);
    if (ok) *ok = Value::ofBool(false);
    return OpStatus::Ok;
  }
  SudoG* w = ownSudog(g);
  w->g = g;
  w->dst = dst;
  w->okDst = ok;
  w->chan = c;
  c->recvq.push(w);
  s.park(g, "chan receive");
  return OpStatus::Block;
}

OpStatus closechan(Scheduler& s, Goroutine* g, ChanObj* c) {
  if (!c) {
    s.vm().runtimeError(g, "close of nil channel");
    return OpStatus::Panic;
  }
  if (c->closed) {
    s.vm().runtimeError(g, "close of closed channel");
    return OpStatus::Panic;
  }
  c->closed = true;
  // Wake every receiver with the zero value, every sender with a panic.
  while (SudoG* r = c->recvq.pop()) {
    Goroutine* rg = r->g;
    Value zero = zeroElem(s, c);
    if (r->sel) {
      selectWon(s, r, &zero, false);
    } else {
      if (r->dst) *r->dst = zero;
      if (r->okDst) *r->okDst = Value::ofBool(false);
    }
    s.ready(rg);
  }
  while (SudoG* w = c->sendq.pop()) {
    Goroutine* sg = w->g;
    if (w->sel) selectWon(s, w, nullptr, false);
    s.vm().runtimeError(sg, "send on closed channel");
    s.ready(sg);
  }
  return OpStatus::Ok;
}

// ---- the interpreter's channel hooks

Value Scheduler::makeChan(Goroutine* g, uint32_t chanTid, int64_t size, bool unbounded,
                          bool* panicked) {
  // Go panics for a negative size and for a buffer past its allocation
  // limit; gol's buffer is a vector of Values, capped at 2^31 elements.
  if (!unbounded && (size < 0 || size > (int64_t(1) << 31))) {
    vm_.runtimeError(g, "makechan: size out of range");
    *panicked = true;
    return Value();
  }
  auto* c = vm_.heap().make<ChanObj>();
  c->tid = chanTid;
  c->elemTid = vm_.program().types[chanTid].elem;
  c->cap = unbounded ? -1 : size;
  if (size > 0) c->buf.resize(size_t(size));
  vm_.heap().adjust(int64_t(c->buf.size() * sizeof(Value)));
  return Value::ofRef(c, vm::kTidRef);
}

OpStatus Scheduler::send(Goroutine* g, const Value& ch, const Value& v) {
  return chansend(*this, g, static_cast<ChanObj*>(ch.o), v);
}

OpStatus Scheduler::recv(Goroutine* g, const Value& ch, Value* dst, Value* ok) {
  return chanrecv(*this, g, static_cast<ChanObj*>(ch.o), dst, ok);
}

OpStatus Scheduler::close(Goroutine* g, const Value& ch) {
  return closechan(*this, g, static_cast<ChanObj*>(ch.o));
}

int64_t Scheduler::chanLen(const Value& ch) {
  auto* c = static_cast<ChanObj*>(ch.o);
  return c ? int64_t(c->count) : 0;
}

int64_t Scheduler::chanCap(const Value& ch) {
  auto* c = static_cast<ChanObj*>(ch.o);
  return c ? c->cap : 0;
}

}  // namespace gol::runtime
