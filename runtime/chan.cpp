// Channel operations and select (the scheduler's ExecHooks), after Go's
// chan.go and select.go without the locks.
#include "runtime/chan.hpp"

#include <algorithm>

#include "runtime/sched.hpp"

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

Value Scheduler::makeChan(Goroutine* g, uint32_t chanTid, int64_t size, bool* panicked) {
  if (size > (int64_t(1) << 31)) {
    panicIn(g, "makechan: size out of range");
    *panicked = true;
    return Value();
  }
  auto* c = vm_.heap().make<ChanObj>();
  c->tid = chanTid;
  c->elemTid = vm_.program().types[chanTid].elem;
  c->cap = size < 0 ? -1 : size;
  if (size > 0) c->buf.resize(size_t(size));
  vm_.heap().adjust(int64_t(c->buf.size() * sizeof(Value)));
  return Value::ofRef(c, vm::kTidRef);
}

Value Scheduler::zeroElem(ChanObj* c) {
  return vm_.zeroValue(c->elemTid);
}

void Scheduler::panicIn(Goroutine* g, const char* text) {
  vm_.runtimeError(g, text);
}

// A select's sudog won: take the select's other sudogs off their channels
// and free them all. Returns the selecting goroutine.
static Goroutine* finishSelect(Scheduler& sched, SudoG* won, void (*freeFn)(Scheduler&, SudoG*)) {
  SelectState* st = won->sel;
  for (SudoG* o : st->sudogs) {
    if (o == won) continue;
    if (o->dst == nullptr)
      o->chan->sendq.remove(o);
    else
      o->chan->recvq.remove(o);
  }
  Goroutine* g = st->g;
  for (SudoG* o : st->sudogs) freeFn(sched, o);
  sched.freeSelect(st);
  return g;
}

OpStatus Scheduler::send(Goroutine* g, const Value& chv, const Value& v) {
  auto* c = static_cast<ChanObj*>(chv.o);
  if (!c) {
    park(g, "chan send (nil chan)");
    return OpStatus::Block;
  }
  if (c->closed) {
    panicIn(g, "send on closed channel");
    return OpStatus::Panic;
  }
  if (SudoG* r = c->recvq.pop()) {
    // Hand the value straight to the waiting receiver.
    if (r->sel) {
      SelectState* st = r->sel;
      st->cases[3 * r->caseIndex + 1] = v;
      *st->chosen = Value::ofInt(r->caseIndex);
      st->cases[3 * r->caseIndex + 2] = Value::ofBool(true);
      ready(finishSelect(*this, r, &Scheduler::freeSudogFn));
    } else {
      if (r->dst) *r->dst = v;
      if (r->okDst) *r->okDst = Value::ofBool(true);
      Goroutine* rg = r->g;
      freeSudog(r);
      ready(rg);
    }
    return OpStatus::Ok;
  }
  if (!c->full()) {
    c->pushBack(v);
    return OpStatus::Ok;
  }
  SudoG* s = ownSudog(g);
  s->g = g;
  s->val = v;
  s->chan = c;
  c->sendq.push(s);
  park(g, "chan send");
  return OpStatus::Block;
}

OpStatus Scheduler::recv(Goroutine* g, const Value& chv, Value* dst, Value* ok) {
  auto* c = static_cast<ChanObj*>(chv.o);
  if (!c) {
    park(g, "chan receive (nil chan)");
    return OpStatus::Block;
  }
  if (SudoG* s = c->sendq.pop()) {
    Value got;
    if (c->count > 0) {
      // Full buffer: take its head, the sender's value goes to the tail.
      got = c->popFront();
      c->pushBack(s->val);
    } else {
      got = s->val;
    }
    Goroutine* sg = s->g;
    if (s->sel) {
      SelectState* st = s->sel;
      *st->chosen = Value::ofInt(s->caseIndex);
      st->cases[3 * s->caseIndex + 2] = Value::ofBool(true);
      finishSelect(*this, s, &Scheduler::freeSudogFn);
    } else {
      freeSudog(s);
    }
    if (dst) *dst = got;
    if (ok) *ok = Value::ofBool(true);
    ready(sg);
    return OpStatus::Ok;
  }
  if (c->count > 0) {
    Value v = c->popFront();
    if (dst) *dst = v;
    if (ok) *ok = Value::ofBool(true);
    return OpStatus::Ok;
  }
  if (c->closed) {
    if (dst) *dst = zeroElem(c);
    if (ok) *ok = Value::ofBool(false);
    return OpStatus::Ok;
  }
  SudoG* s = ownSudog(g);
  s->g = g;
  s->dst = dst;
  s->okDst = ok;
  s->chan = c;
  // A receiver with neither slot still needs to be told apart from a
  // sender inside select bookkeeping: give it a scratch slot.
  c->recvq.push(s);
  park(g, "chan receive");
  return OpStatus::Block;
}

OpStatus Scheduler::close(Goroutine* g, const Value& chv) {
  auto* c = static_cast<ChanObj*>(chv.o);
  if (!c) {
    panicIn(g, "close of nil channel");
    return OpStatus::Panic;
  }
  if (c->closed) {
    panicIn(g, "close of closed channel");
    return OpStatus::Panic;
  }
  c->closed = true;
  // Wake every receiver with the zero value, every sender with a panic.
  while (SudoG* r = c->recvq.pop()) {
    Goroutine* rg = r->g;
    if (r->sel) {
      SelectState* st = r->sel;
      st->cases[3 * r->caseIndex + 1] = zeroElem(c);
      *st->chosen = Value::ofInt(r->caseIndex);
      st->cases[3 * r->caseIndex + 2] = Value::ofBool(false);
      finishSelect(*this, r, &Scheduler::freeSudogFn);
    } else {
      if (r->dst) *r->dst = zeroElem(c);
      if (r->okDst) *r->okDst = Value::ofBool(false);
      freeSudog(r);
    }
    ready(rg);
  }
  while (SudoG* s = c->sendq.pop()) {
    Goroutine* sg = s->g;
    if (s->sel) {
      SelectState* st = s->sel;
      *st->chosen = Value::ofInt(s->caseIndex);
      finishSelect(*this, s, &Scheduler::freeSudogFn);
    } else {
      freeSudog(s);
    }
    panicIn(sg, "send on closed channel");
    ready(sg);
  }
  return OpStatus::Ok;
}

int64_t Scheduler::chanLen(const Value& chv) {
  auto* c = static_cast<ChanObj*>(chv.o);
  return c ? int64_t(c->count) : 0;
}

int64_t Scheduler::chanCap(const Value& chv) {
  auto* c = static_cast<ChanObj*>(chv.o);
  return c ? c->cap : 0;
}

OpStatus Scheduler::select(Goroutine* g, Value* cases, uint32_t n, bool hasDefault, Value* chosen) {
  // Go polls the cases in a random order and takes the first ready one,
  // which is a uniform choice among the ready cases: find those in one pass
  // (no unpredictable branch per case), then draw one. A send on a closed
  // channel counts as ready (it panics when chosen).
  uint32_t small[16];
  uint32_t* ready = small;
  if (n > 16) {
    order_.resize(n);
    ready = order_.data();
  }
  uint32_t nready = 0, live = 0;
  for (uint32_t k = 0; k < n; ++k) {
    auto* c = static_cast<ChanObj*>(cases[3 * k].o);
    if (!c) continue;
    ++live;
    bool ok = cases[3 * k + 2].i == 1 ? (c->closed | !c->recvq.empty() | !c->full())
                                      : (!c->sendq.empty() | (c->count > 0) | c->closed);
    ready[nready] = k;
    nready += ok;
  }
  if (nready > 0) {
    uint32_t k = ready[nready == 1 ? 0 : randomN(nready)];
    auto* c = static_cast<ChanObj*>(cases[3 * k].o);
    *chosen = Value::ofInt(k);
    if (cases[3 * k + 2].i == 1) {
      if (c->closed) {
        panicIn(g, "send on closed channel");
        return OpStatus::Panic;
      }
      OpStatus st = send(g, cases[3 * k], cases[3 * k + 1]);
      cases[3 * k + 2] = Value::ofBool(true);
      return st;
    }
    Value v, ok;
    recv(g, cases[3 * k], &v, &ok);
    cases[3 * k + 1] = v;
    cases[3 * k + 2] = ok;
    return OpStatus::Ok;
  }
  if (hasDefault) {
    *chosen = Value::ofInt(-1);
    return OpStatus::Ok;
  }
  if (live == 0) {
    park(g, n == 0 ? "select (no cases)" : "select");
    return OpStatus::Block;
  }
  // Enqueue in a random order, so that a partner picks uniformly among
  // several cases on the same channel.
  uint32_t* order = ready;
  uint32_t m = 0;
  for (uint32_t k = 0; k < n; ++k) {
    if (!cases[3 * k].o) continue;
    uint32_t j = randomN(m + 1);
    order[m] = order[j];
    order[j] = k;
    ++m;
  }
  // Wait on every case.
  SelectState* st = newSelect();
  st->g = g;
  st->cases = cases;
  st->chosen = chosen;
  for (uint32_t x = 0; x < m; ++x) {
    uint32_t k = order[x];
    auto* c = static_cast<ChanObj*>(cases[3 * k].o);
    SudoG* s = newSudog();
    s->g = g;
    s->sel = st;
    s->caseIndex = k;
    s->chan = c;
    if (cases[3 * k + 2].i == 1) {
      s->val = cases[3 * k + 1];
      c->sendq.push(s);
    } else {
      s->dst = &cases[3 * k + 1];
      s->okDst = &cases[3 * k + 2];
      c->recvq.push(s);
    }
    st->sudogs.push_back(s);
  }
  park(g, "select");
  return OpStatus::Block;
}

}  // namespace gol::runtime
