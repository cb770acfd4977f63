// The scheduler: goroutines on one OS thread, a FIFO run queue, park and
// ready, the loop that runs them and the deadlock report. It is the
// interpreter's vm::ExecHooks; the channel hooks are implemented next to
// Go's operations (chan.cpp, select.cpp). Timers live in timers.hpp, the
// sync wait queues in sema.hpp, the I/O poller and the pool for blocking
// calls in netpoll.hpp. Natives that block or use timers go through this
// header.
//
// How a native blocks: call `sched.park(g, reason, detail)` (after arranging
// to be woken: a timer, a wait queue) and return NativeStatus::Block; a
// later `sched.ready(g)` makes it runnable, and it continues after the call
// with whatever the waker stored into its result registers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/chan.hpp"
#include "runtime/netpoll.hpp"
#include "runtime/run.hpp"
#include "runtime/select.hpp"
#include "runtime/sema.hpp"
#include "runtime/sigqueue.hpp"
#include "runtime/timers.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

class Scheduler final : public vm::ExecHooks {
 public:
  Scheduler(vm::Vm& vm, const RunOptions& options);
  ~Scheduler() override;

  // Runs the program's entry function on goroutine 1 until main returns,
  // the program panics or deadlocks. Returns the exit code.
  int run();

  vm::Vm& vm() { return vm_; }
  vm::Goroutine* current() { return current_; }

  // ---- for natives
  void park(vm::Goroutine* g, const char* reason, const char* detail = nullptr);
  void ready(vm::Goroutine* g);
  // runtime.GC: when the collection queued finalizers, starts their
  // goroutines and puts g behind them, so that they run before GC returns
  // (Go's GC blocks its caller while the finalizer goroutine is woken).
  // True when g must block.
  bool yieldToFinalizers(vm::Goroutine* g);
  // The clock: nanoseconds since the Unix epoch (virtual under
  // --virtual-time: it starts at the real time and jumps to due timers).
  int64_t now() const;
  // Timers (see TimerQueue::add).
  uint64_t addTimer(int64_t when, int64_t period, vm::Value fn, vm::Goroutine* wake = nullptr) {
    return timers_.add(when, period, fn, wake);
  }
  bool stopTimer(uint64_t id) { return timers_.stop(id); }      // true if it was pending
  bool resetTimer(uint64_t id, int64_t when, int64_t period) {  // true if it was pending
    return timers_.reset(id, when, period);
  }
  // Semaphore-style wait queues keyed by any address (sync natives):
  // enqueue g and park it, or wake the first waiter (returns null if none).
  void waitOn(const void* key, vm::Goroutine* g, const char* reason) {
    sema_.push(key, g);
    park(g, reason);
  }
  vm::Goroutine* wakeOne(const void* key) {
    vm::Goroutine* g = sema_.pop(key);
    if (g) ready(g);
    return g;
  }
  size_t waiters(const void* key) const { return sema_.waiters(key); }
  uint64_t random() { return rng_.next(); }
  // Uniform in [0, n) (Lemire's multiply-shift; n > 0).
  uint32_t randomN(uint32_t n) { return uint32_t((rng_.next() >> 32) * n >> 32); }

  // ---- for the REPL's session loop (runtime/session.cpp), which runs
  // goroutines a slice at a time between reading entries.
  // The next runnable goroutine, marked running (null when none is).
  vm::Goroutine* popRunnable();
  // After a slice of g: a yielded goroutine goes back to the run queue.
  void sliceDone(vm::Goroutine* g, vm::ExecStatus st);
  bool hasRunnable() const { return runHead_ != nullptr; }
  // Fires due timers; returns nanoseconds until the next pending one, or -1
  // when none is. Under --virtual-time and with `jump`, the clock first
  // jumps to the next timer when nothing is runnable.
  int64_t serviceTimers(bool jump);
  // Every goroutine, what it waits on and where, as in a deadlock report.
  std::string goroutineReport();

  // I/O without stalling the other goroutines (netpoll.hpp).
  Poller& poller() { return poller_; }
  // Signals for os/signal, set up on first use (sigqueue.hpp).
  SigQueue& sigqueue() {
    if (!sigq_) sigq_ = std::make_unique<SigQueue>(*this);
    return *sigq_;
  }

  // ---- for select.cpp
  SelectPool& selectPool() { return selectPool_; }
  // Scratch space for a select of more than 16 cases.
  uint32_t* scratchOrder(uint32_t n) {
    if (order_.size() < n) order_.resize(n);
    return order_.data();
  }

  // ---- vm::ExecHooks (channels: chan.cpp; select: select.cpp)
  vm::Value makeChan(vm::Goroutine* g, uint32_t chanTid, int64_t size, bool unbounded,
                     bool* panicked) override;
  vm::OpStatus send(vm::Goroutine* g, const vm::Value& ch, const vm::Value& v) override;
  vm::OpStatus recv(vm::Goroutine* g, const vm::Value& ch, vm::Value* dst, vm::Value* ok) override;
  vm::OpStatus close(vm::Goroutine* g, const vm::Value& ch) override;
  int64_t chanLen(const vm::Value& ch) override;
  int64_t chanCap(const vm::Value& ch) override;
  vm::OpStatus select(vm::Goroutine* g, vm::Value* cases, uint32_t n, bool hasDefault,
                      vm::Value* chosen) override;
  void spawned(vm::Goroutine* g) override;
  void traceRoots(vm::Tracer& t) override;

 private:
  bool idle();
  int reportDeadlock();

  vm::Vm& vm_;
  RunOptions options_;
  uint64_t spent_ = 0;  // instructions granted so far (options_.maxInstructions)
  // wyrand: one multiply per number. std::mt19937_64 refilled its 312-word
  // state often enough to cost 15 % of select_default.
  struct Rng {
    uint64_t s = 0;
    uint64_t next() {
      s += 0xa0761d6478bd642fULL;
      __uint128_t m = __uint128_t(s) * (s ^ 0xe7037ed1a0b428dbULL);
      return uint64_t(m >> 64) ^ uint64_t(m);
    }
  } rng_;
  vm::Goroutine* current_ = nullptr;
  void startFinalizers();
  vm::Goroutine* mainG_ = nullptr;  // null once it ended by runtime.Goexit
  bool mainGoexited_ = false;
  vm::Goroutine* runHead_ = nullptr;
  vm::Goroutine* runTail_ = nullptr;
  size_t runCount_ = 0;
  TimerQueue timers_;
  int64_t virtualOffset_ = 0;  // added to the real clock under --virtual-time
  int64_t startReal_ = 0;
  SemaTable sema_;
  SelectPool selectPool_;
  Poller poller_;
  std::unique_ptr<SigQueue> sigq_;  // after poller_: it unwatches on destruction
  std::vector<uint32_t> order_;
};

// Registers the natives of runtime/ (time, sync, runtime.Gosched ...).
void registerRuntimeNatives();

// The scheduler running the native's goroutine.
Scheduler& schedulerOf(vm::NativeCtx& ctx);

}  // namespace gol::runtime
