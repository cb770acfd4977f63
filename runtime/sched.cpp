// The scheduler: run queue, park/ready, the loop and the deadlock report.
#include "runtime/sched.hpp"

#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <random>
#include <thread>

#include "runtime/interrupt.hpp"

namespace gol::runtime {

using vm::ExecStatus;
using vm::Goroutine;
using vm::Value;

namespace {
constexpr int64_t kBudget = 4000;  // calls + back-edges per time slice

int64_t monoNanos() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
int64_t wallNanos() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
int64_t g_monoStart = 0;
}  // namespace

Scheduler::Scheduler(vm::Vm& vm, const RunOptions& options)
    : vm_(vm), options_(options), poller_(*this) {
  uint64_t seed = options.seed ? *options.seed : std::random_device{}() * 0x9E3779B97F4A7C15ULL;
  rng_.s = seed;
  startReal_ = wallNanos();
  g_monoStart = monoNanos();
  vm_.setHooks(this);
}

Scheduler::~Scheduler() {
  vm_.setHooks(nullptr);
}

int64_t Scheduler::now() const {
  if (options_.virtualTime) return startReal_ + virtualOffset_;
  return startReal_ + (monoNanos() - g_monoStart);
}

void Scheduler::park(Goroutine* g, const char* reason, const char* detail) {
  g->status = vm::GStatus::Waiting;
  g->waitReason = reason;
  g->waitDetail = detail;
}

void Scheduler::ready(Goroutine* g) {
  g->status = vm::GStatus::Runnable;
  g->schedNext = nullptr;
  if (runTail_)
    runTail_->schedNext = g;
  else
    runHead_ = g;
  runTail_ = g;
  ++runCount_;
}

void Scheduler::spawned(Goroutine* g) {
  ready(g);
}

void Scheduler::traceRoots(vm::Tracer& t) {
  timers_.trace(t);
}

// ---- the loop

int Scheduler::reportDeadlock() {
  vm_.flushStdout();
  std::string msg =
      mainGoexited_ && vm_.goroutines().empty()
          ? "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n"
          : "fatal error: all goroutines are asleep - deadlock!\n" + goroutineReport();
  std::fwrite(msg.data(), 1, msg.size(), stderr);
  std::fflush(stderr);
  return 2;
}

std::string Scheduler::goroutineReport() {
  std::string msg;
  std::vector<Goroutine*> gs(vm_.goroutines().begin(), vm_.goroutines().end());
  std::sort(gs.begin(), gs.end(), [](Goroutine* a, Goroutine* b) { return a->id < b->id; });
  for (Goroutine* g : gs) {
    msg += "\n";
    if (g->status != vm::GStatus::Waiting) {
      msg += vm_.traceback(g, g->status == vm::GStatus::Running ? "running" : "runnable");
      continue;
    }
    msg += vm_.traceback(g, g->waitReason && *g->waitReason ? g->waitReason : "waiting");
    if (g->waitDetail && *g->waitDetail) msg += std::string("\twaiting on ") + g->waitDetail + "\n";
  }
  return msg;
}

// Nothing is runnable: wait for the next timer or for I/O, whichever
// comes first. Returns false when nothing can ever happen (a deadlock).
//
// Under --virtual-time the clock jumps to the next timer, but only while no
// goroutine waits for I/O or a pool job and no child process runs: those
// proceed in real time, so meanwhile the virtual clock advances by the
// real time waited, and a timer set for after a child process ends fires
// after it, as with Go.
bool Scheduler::idle() {
  bool timers = timers_.pending();
  if (!timers && !poller_.keepsAlive()) return false;
  int64_t timeout = -1;
  if (timers) {
    int64_t next = timers_.nextWhen();
    if (options_.virtualTime && !poller_.realTime()) {
      int64_t cur = now();
      if (next > cur) virtualOffset_ += next - cur;
      if (poller_.active()) poller_.poll(0);
      timers_.fire(*this, now(), options_.virtualTime);
      return true;
    }
    timeout = std::max<int64_t>(0, next - now());
  }
  if (timeout != 0) vm_.flushStdout();
  int64_t t0 = monoNanos();
  if (poller_.active())
    poller_.poll(timeout);
  else if (timeout > 0) {
    // nanosleep returns early on SIGINT, which must end the program now.
    timespec ts{time_t(timeout / 1000000000), long(timeout % 1000000000)};
    while (::nanosleep(&ts, &ts) != 0 && errno == EINTR)
      if (interruptPending()) dieOfInterrupt();
  }
  if (options_.virtualTime) virtualOffset_ += monoNanos() - t0;
  if (timers) timers_.fire(*this, now(), options_.virtualTime);
  return true;
}

// Finalizers the collector queued (runtime.SetFinalizer) each run on a
// goroutine of their own. The heap is paused meanwhile: the queued values
// are rooted nowhere until their goroutine holds them.
void Scheduler::startFinalizers() {
  vm::Heap& h = vm_.heap();
  h.pause();
  for (vm::Heap::Finalizer& f : h.takeReadyFinalizers()) ready(vm_.newGoroutine(f.fn, &f.ptr, 1));
  h.resume();
}

bool Scheduler::yieldToFinalizers(Goroutine* g) {
  if (!vm_.heap().finalizersReady()) return false;
  // A native called back from a native cannot block.
  for (const vm::Frame& f : g->frames)
    if (f.kind == vm::FrameKind::Boundary) return false;
  startFinalizers();
  park(g, "GC");
  ready(g);
  return true;
}

int Scheduler::run() {
  mainG_ = vm_.newMainGoroutine();
  ready(mainG_);
  uint64_t rounds = 0;
  for (;;) {
    if (interruptPending()) [[unlikely]] {  // Ctrl-C: what was printed is not lost
      vm_.flushStdout();
      dieOfInterrupt();
    }
    if (!runHead_) {
      if (vm_.heap().finalizersReady()) {
        startFinalizers();
        continue;
      }
      if (!idle()) return reportDeadlock();
      continue;
    }
    // Between rounds, every 16th: due timers (real clock) and I/O that
    // completed, so that busy goroutines cannot starve waiting ones.
    if ((++rounds & 15) == 0) [[unlikely]] {
      if (timers_.maybePending() && !options_.virtualTime)
        timers_.fire(*this, now(), options_.virtualTime);
      if (poller_.active()) poller_.poll(0);
      if (vm_.heap().finalizersReady()) startFinalizers();
    }
    Goroutine* g = runHead_;
    runHead_ = g->schedNext;
    if (!runHead_) runTail_ = nullptr;
    --runCount_;
    g->schedNext = nullptr;
    g->status = vm::GStatus::Running;
    current_ = g;
    if (options_.maxInstructions != 0) [[unlikely]] {
      if (spent_ > options_.maxInstructions) {
        vm_.flushStdout();
        std::fprintf(stderr, "gol: instruction budget (%llu) exhausted\n",
                     static_cast<unsigned long long>(options_.maxInstructions));
        return kBudgetExitCode;
      }
      spent_ += kBudget;
    }
    ExecStatus st = vm_.execute(g, kBudget);
    current_ = nullptr;
    switch (st) {
      case ExecStatus::Finished:
        if (g == mainG_) {
          vm_.flushStdout();
          return 0;
        }
        vm_.freeGoroutine(g);
        break;
      case ExecStatus::Yielded: ready(g); break;
      case ExecStatus::Blocked:
        // A waker may already have made it runnable (a hand-off inside the
        // same operation never blocks, so this is rare); otherwise wait.
        break;
      case ExecStatus::Panicked:
        if (vm::Vm::endedByGoexit(g)) {
          // The main goroutine's Goexit leaves the program to the others
          // (reportDeadlock says so when none is left).
          if (g == mainG_) {
            mainG_ = nullptr;
            mainGoexited_ = true;
          }
          vm_.freeGoroutine(g);
          break;
        }
        vm_.printPanic(g);
        if (options_.onPanic == OnPanic::Log && g != mainG_) {
          vm_.freeGoroutine(g);
          break;
        }
        return 2;
      case ExecStatus::Fatal: {
        vm_.flushStdout();
        std::string msg = vm_.fatalMessage + "\n\n" + vm_.traceback(g, "running");
        std::fwrite(msg.data(), 1, msg.size(), stderr);
        std::fflush(stderr);
        return 2;
      }
    }
  }
}

Scheduler& schedulerOf(vm::NativeCtx& ctx) {
  return *static_cast<Scheduler*>(ctx.vm.hooks());
}

}  // namespace gol::runtime
