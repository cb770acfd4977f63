// The timer queue (Go's runtime/time.go, for one thread): a min-heap by
// firing time, then by creation order, so that timers due at the same
// instant fire in the order they were set (deterministic under
// --virtual-time). Stopped and reset timers are marked inactive and left
// in the heap until they surface: stopping costs no heap surgery.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "vm/vm.hpp"

namespace gol::runtime {

class Scheduler;

class TimerQueue {
 public:
  // When a timer fires, `fn` (a gol func(int64), or nil) is started as a
  // new goroutine with the firing time as argument, and the goroutine
  // `wake` (if any) is made ready. period > 0 re-arms it. Returns its id.
  uint64_t add(int64_t when, int64_t period, vm::Value fn, vm::Goroutine* wake);
  bool stop(uint64_t id);                                 // true if it was pending
  bool reset(uint64_t id, int64_t when, int64_t period);  // true if it was pending

  // Cheap test for the scheduler's loop: false means no timer at all;
  // true may still mean only stopped ones.
  bool maybePending() const { return !heap_.empty(); }
  // True if an active timer is pending (drops stopped ones on the way).
  bool pending();
  // The firing time of the earliest active timer (after pending()).
  int64_t nextWhen() const { return heap_.front()->when; }
  // Fires every active timer due at `now`, oldest first. Under virtual
  // time a periodic timer keeps its phase even when late (the clock only
  // jumps); under the real clock a late ticker skips the missed ticks.
  void fire(Scheduler& s, int64_t now, bool virtualTime);
  // Timer functions are GC roots.
  void trace(vm::Tracer& t);

 private:
  struct Timer {
    uint64_t id;
    int64_t when;
    int64_t period;
    uint64_t seq;
    vm::Value fn;
    vm::Goroutine* wake;
    bool active;
  };
  struct Later {
    bool operator()(const Timer* a, const Timer* b) const {
      return a->when != b->when ? a->when > b->when : a->seq > b->seq;
    }
  };
  void push(Timer* t);
  void dropInactiveTop();

  std::vector<Timer*> heap_;
  std::unordered_map<uint64_t, std::unique_ptr<Timer>> byId_;
  // Records replaced by reset() that may still sit in the heap.
  std::vector<std::unique_ptr<Timer>> orphans_;
  uint64_t nextId_ = 1;
  uint64_t seq_ = 0;
};

}  // namespace gol::runtime
