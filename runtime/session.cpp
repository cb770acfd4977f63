// The REPL's live VM and the scheduler entry points its loop uses.
#include "runtime/session.hpp"

#include <algorithm>
#include <cstdio>

#include "runtime/lib/natives.hpp"
#include "runtime/sched.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

// ---- Scheduler: the pieces of Scheduler::run that the session loop
// interleaves with reading input.

vm::Goroutine* Scheduler::popRunnable() {
  vm::Goroutine* g = runHead_;
  if (!g) return nullptr;
  runHead_ = g->schedNext;
  if (!runHead_) runTail_ = nullptr;
  --runCount_;
  g->schedNext = nullptr;
  g->status = vm::GStatus::Running;
  current_ = g;
  return g;
}

void Scheduler::sliceDone(vm::Goroutine* g, vm::ExecStatus st) {
  current_ = nullptr;
  if (st == vm::ExecStatus::Yielded) ready(g);
}

int64_t Scheduler::serviceTimers(bool jump) {
  // I/O waits (netpoll.hpp) complete here too. The REPL's own ppoll does
  // not watch the poller's epoll descriptor yet, so while goroutines wait
  // on I/O the loop comes back every 10 ms (and never calls that a deadlock).
  constexpr int64_t kIoRecheck = 10000000;
  int64_t io = -1;
  if (poller_.active()) {
    poller_.poll(0);
    io = kIoRecheck;
  }
  if (!timers_.pending()) return io;
  if (options_.virtualTime) {
    if (!jump) return io;  // the simulated clock stands still at the prompt
    if (!runHead_) {
      int64_t next = timers_.nextWhen(), cur = now();
      if (next > cur) virtualOffset_ += next - cur;
    }
    timers_.fire(*this, now(), true);
    return timers_.pending() ? 0 : io;
  }
  timers_.fire(*this, now(), false);
  if (!timers_.pending()) return io;
  int64_t wait = std::max<int64_t>(0, timers_.nextWhen() - now());
  return io >= 0 ? std::min(wait, io) : wait;
}

// ---- LiveVm

LiveVm::LiveVm(vm::Program& program, const RunOptions& options) {
  lib::registerAllNatives();
  registerRuntimeNatives();
  vm_ = std::make_unique<vm::Vm>(program, nullptr);
  vm_->args = options.args;
  vm_->setStdoutLineBuffered(false);  // the REPL writes output around its prompt
  sched_ = std::make_unique<Scheduler>(*vm_, options);
}

LiveVm::~LiveVm() {
  sched_.reset();
  vm_.reset();
}

bool LiveVm::load(size_t firstFunc, std::string* error) {
  return vm_->loadAppended(firstFunc, error);
}

void LiveVm::startEntry(uint32_t index) {
  vm_->program().entry = index;
  entry_ = vm_->newMainGoroutine();
  entryId_ = entry_->id;
  sched_->ready(entry_);
}

bool LiveVm::runnable() const {
  return sched_->hasRunnable();
}

int64_t LiveVm::serviceTimers() {
  return sched_->serviceTimers(entry_ != nullptr);
}

std::string_view LiveVm::pendingStdout() const {
  return vm_->pendingStdout();
}

void LiveVm::flushStdout() {
  vm_->flushStdout();
}

LiveVm::Outcome LiveVm::run(int slices, void (*beforeOutput)(void*), void* ctx) {
  constexpr int64_t kBudget = 4000;  // as Scheduler::run's slices
  Outcome outcome = Outcome::Running;
  for (int n = 0; n < slices; ++n) {
    if ((n & 15) == 15) sched_->serviceTimers(false);
    if (stopFlag_ && *stopFlag_) break;
    vm::Goroutine* g = sched_->popRunnable();
    if (!g) break;
    if (cancel_.erase(g->id)) {
      // Ctrl-C reaches the entry here: an ordinary panic, so defers run.
      g->pendingPanic = vm_->runtimeErrorValue("interrupted");
      g->hasPendingPanic = true;
      interrupted_.insert(g->id);
    }
    vm::ExecStatus st;
    try {
      st = vm_->execute(g, kBudget);
    } catch (const vm::FatalError& e) {
      // Raised inside a native's callback: the goroutine cannot go on.
      sched_->sliceDone(g, vm::ExecStatus::Blocked);
      beforeOutput(ctx);
      vm_->flushStdout();
      std::fprintf(stderr, "%s\n", e.message.c_str());
      std::fflush(stderr);
      if (g == entry_) {
        entry_ = nullptr;
        return Outcome::Failed;
      }
      continue;
    }
    sched_->sliceDone(g, st);
    bool isEntry = g == entry_;
    switch (st) {
      case vm::ExecStatus::Yielded:
      case vm::ExecStatus::Blocked: break;
      case vm::ExecStatus::Finished:
        interrupted_.erase(g->id);
        vm_->freeGoroutine(g);
        if (isEntry) outcome = Outcome::Done;
        break;
      case vm::ExecStatus::Panicked:
        if (interrupted_.erase(g->id)) {
          if (isEntry) outcome = Outcome::Interrupted;
        } else {
          beforeOutput(ctx);
          try {
            vm_->printPanic(g);
          } catch (const vm::FatalError& e) {  // the value's Error method panicked
            std::fprintf(stderr, "%s\n", e.message.c_str());
            std::fflush(stderr);
          }
          if (isEntry) outcome = Outcome::Failed;
        }
        vm_->freeGoroutine(g);
        break;
      case vm::ExecStatus::Fatal: {
        beforeOutput(ctx);
        vm_->flushStdout();
        std::string msg = vm_->fatalMessage + "\n\n" + vm_->traceback(g, "running");
        std::fwrite(msg.data(), 1, msg.size(), stderr);
        std::fflush(stderr);
        vm_->freeGoroutine(g);
        if (isEntry) outcome = Outcome::Failed;
        break;
      }
    }
    if (isEntry && outcome != Outcome::Running) {
      entry_ = nullptr;
      return outcome;
    }
  }
  return outcome;
}

LiveVm::Outcome LiveVm::interrupt() {
  if (!entry_) return Outcome::Running;
  cancel_.insert(entryId_);
  if (entry_->status == vm::GStatus::Waiting) {
    // It panics when it wakes, if ever; the prompt need not wait for that.
    entry_ = nullptr;
    return Outcome::Interrupted;
  }
  return Outcome::Running;  // ends at its next slice
}

void LiveVm::reportDeadlock() {
  vm_->flushStdout();
  std::string msg = "fatal error: all goroutines are asleep - deadlock!\n" + goroutineReport();
  std::fwrite(msg.data(), 1, msg.size(), stderr);
  std::fflush(stderr);
  if (entry_) {
    cancel_.insert(entryId_);
    entry_ = nullptr;
  }
}

std::string LiveVm::goroutineReport() {
  return sched_->goroutineReport();
}

}  // namespace gol::runtime
