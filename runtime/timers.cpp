// The timer queue: see timers.hpp.
#include "runtime/timers.hpp"

#include <algorithm>

#include "runtime/sched.hpp"

namespace gol::runtime {

using vm::Goroutine;
using vm::Value;

void TimerQueue::push(Timer* t) {
  t->seq = seq_++;
  heap_.push_back(t);
  std::push_heap(heap_.begin(), heap_.end(), Later());
}

uint64_t TimerQueue::add(int64_t when, int64_t period, Value fn, Goroutine* wake) {
  auto t = std::make_unique<Timer>();
  t->id = nextId_++;
  t->when = when;
  t->period = period;
  t->fn = fn;
  t->wake = wake;
  t->active = true;
  push(t.get());
  uint64_t id = t->id;
  byId_.emplace(id, std::move(t));
  return id;
}

bool TimerQueue::stop(uint64_t id) {
  auto it = byId_.find(id);
  if (it == byId_.end() || !it->second->active) return false;
  it->second->active = false;  // left in the heap, dropped when it surfaces
  return true;
}

bool TimerQueue::reset(uint64_t id, int64_t when, int64_t period) {
  auto it = byId_.find(id);
  if (it == byId_.end()) return false;
  Timer* old = it->second.get();
  bool was = old->active;
  old->active = false;
  // A fresh record with the same id; the stale one is dropped from the heap
  // when it surfaces (a heap cannot move an element cheaply).
  auto t = std::make_unique<Timer>();
  t->id = id;
  t->when = when;
  t->period = period;
  t->fn = old->fn;
  t->wake = old->wake;
  t->active = true;
  push(t.get());
  orphans_.push_back(std::move(it->second));
  it->second = std::move(t);
  return was;
}

void TimerQueue::dropInactiveTop() {
  while (!heap_.empty() && !heap_.front()->active) {
    Timer* t = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), Later());
    heap_.pop_back();
    auto it = byId_.find(t->id);
    if (it != byId_.end() && it->second.get() == t) byId_.erase(it);
    orphans_.erase(std::remove_if(orphans_.begin(), orphans_.end(),
                                  [t](const std::unique_ptr<Timer>& p) { return p.get() == t; }),
                   orphans_.end());
  }
}

bool TimerQueue::pending() {
  dropInactiveTop();
  return !heap_.empty();
}

void TimerQueue::fire(Scheduler& s, int64_t now, bool virtualTime) {
  for (;;) {
    dropInactiveTop();
    if (heap_.empty() || heap_.front()->when > now) return;
    Timer* t = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), Later());
    heap_.pop_back();
    int64_t firedAt = t->when;
    if (t->wake) {
      Goroutine* w = t->wake;
      t->wake = nullptr;
      s.ready(w);
    }
    if (t->fn.o) {
      Value arg = Value::ofInt(firedAt);
      s.ready(s.vm().newGoroutine(t->fn, &arg, 1));
    }
    if (t->period > 0) {
      t->when += t->period;
      if (t->when <= now && !virtualTime) t->when = now + t->period;
      push(t);
    } else {
      t->active = false;
      auto it = byId_.find(t->id);
      if (it != byId_.end() && it->second.get() == t) byId_.erase(it);
    }
  }
}

void TimerQueue::trace(vm::Tracer& t) {
  for (Timer* tm : heap_) t.markValue(tm->fn);
}

}  // namespace gol::runtime
