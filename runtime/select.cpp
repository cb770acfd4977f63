// select, after Go's runtime/select.go for one OS thread.
//
// Go's selectgo makes three passes: (1) poll the cases in a random order
// and take the first ready one; (2) if none is ready, enqueue a sudog on
// every case's channel and park; (3) once woken, dequeue the sudogs of all
// the cases that did not fire. Pass 3 exists because, with many threads,
// the partner that wakes the select only marks it done (g.selectDone) and
// cannot safely touch the other channels.
//
// Here there is no third pass. A partner (chansend, chanrecv, closechan)
// that pops one of the select's records runs alone, so it completes the
// whole select in the same step: selectWon writes the chosen index and the
// received value into the case records and dequeues every other record of
// that select. When the selecting goroutine resumes, nothing is left
// queued in its name, and no later operation can find a stale record; so
// there is no "already won" flag to test either: the losers are gone
// before anyone can see them.
//
// Pass 1 is a uniform choice among the ready cases, as Go's random poll
// order gives; pass 2 enqueues in a random order too, so that a partner
// arriving on a channel that appears in several cases picks among them
// uniformly.
#include "runtime/select.hpp"

#include "runtime/sched.hpp"

namespace gol::runtime {

using vm::Goroutine;
using vm::OpStatus;
using vm::Value;

SelectPool::~SelectPool() {
  for (SudoG* s : allSudogs_) delete s;
  for (SelectState* s : allSelects_) delete s;
}

SudoG* SelectPool::newSudog() {
  if (sudogPool_.empty()) {
    allSudogs_.push_back(new SudoG());
    return allSudogs_.back();
  }
  SudoG* s = sudogPool_.back();
  sudogPool_.pop_back();
  return s;
}

void SelectPool::freeSudog(SudoG* s) {
  *s = SudoG();
  sudogPool_.push_back(s);
}

SelectState* SelectPool::newSelect() {
  if (selectPool_.empty()) {
    allSelects_.push_back(new SelectState());
    return allSelects_.back();
  }
  SelectState* s = selectPool_.back();
  selectPool_.pop_back();
  return s;
}

void SelectPool::freeSelect(SelectState* s) {
  s->sudogs.clear();
  selectPool_.push_back(s);
}

void selectWon(Scheduler& s, SudoG* won, const Value* received, bool ok) {
  SelectState* st = won->sel;
  *st->chosen = Value::ofInt(won->caseIndex);
  if (received) {
    SelectCase c(st->cases, won->caseIndex);
    c.value() = *received;
    c.ok() = Value::ofBool(ok);
  }
  for (SudoG* o : st->sudogs) {
    if (o == won) continue;
    if (o->dst == nullptr)
      o->chan->sendq.remove(o);
    else
      o->chan->recvq.remove(o);
  }
  SelectPool& pool = s.selectPool();
  for (SudoG* o : st->sudogs) pool.freeSudog(o);
  pool.freeSelect(st);
}

OpStatus selectgo(Scheduler& s, Goroutine* g, Value* cases, uint32_t n, bool hasDefault,
                  Value* chosen) {
  // Pass 1: find the ready cases in one pass (no unpredictable branch per
  // case), then draw one. A send on a closed channel counts as ready (it
  // panics when chosen).
  uint32_t small[16];
  uint32_t* ready = small;
  if (n > 16) ready = s.scratchOrder(n);
  uint32_t nready = 0, live = 0;
  for (uint32_t k = 0; k < n; ++k) {
    SelectCase sc(cases, k);
    ChanObj* c = sc.chan();
    if (!c) continue;
    ++live;
    bool ok = sc.isSend() ? c->sendReady() : c->recvReady();
    ready[nready] = k;
    nready += ok;
  }
  if (nready > 0) {
    uint32_t k = ready[nready == 1 ? 0 : s.randomN(nready)];
    SelectCase sc(cases, k);
    ChanObj* c = sc.chan();
    *chosen = Value::ofInt(k);
    if (sc.isSend()) {
      if (c->closed) {
        s.vm().runtimeError(g, "send on closed channel");
        return OpStatus::Panic;
      }
      OpStatus st = chansend(s, g, c, sc.value());
      sc.ok() = Value::ofBool(true);
      return st;
    }
    Value v, ok;
    chanrecv(s, g, c, &v, &ok);
    sc.value() = v;
    sc.ok() = ok;
    return OpStatus::Ok;
  }
  if (hasDefault) {
    *chosen = Value::ofInt(-1);
    return OpStatus::Ok;
  }
  if (live == 0) {
    s.park(g, n == 0 ? "select (no cases)" : "select");
    return OpStatus::Block;
  }
  // Pass 2: enqueue in a random order (a Fisher-Yates shuffle built while
  // listing the non-nil cases).
  uint32_t* order = ready;
  uint32_t m = 0;
  for (uint32_t k = 0; k < n; ++k) {
    if (!SelectCase(cases, k).chan()) continue;
    uint32_t j = s.randomN(m + 1);
    order[m] = order[j];
    order[j] = k;
    ++m;
  }
  SelectPool& pool = s.selectPool();
  SelectState* st = pool.newSelect();
  st->g = g;
  st->cases = cases;
  st->chosen = chosen;
  for (uint32_t x = 0; x < m; ++x) {
    uint32_t k = order[x];
    SelectCase sc(cases, k);
    ChanObj* c = sc.chan();
    SudoG* w = pool.newSudog();
    w->g = g;
    w->sel = st;
    w->caseIndex = k;
    w->chan = c;
    if (sc.isSend()) {
      w->val = sc.value();
      c->sendq.push(w);
    } else {
      w->dst = &sc.value();
      w->okDst = &sc.ok();
      c->recvq.push(w);
    }
    st->sudogs.push_back(w);
  }
  s.park(g, "select");
  return OpStatus::Block;
}

OpStatus Scheduler::select(Goroutine* g, Value* cases, uint32_t n, bool hasDefault, Value* chosen) {
  return selectgo(*this, g, cases, n, hasDefault, chosen);
}

}  // namespace gol::runtime
