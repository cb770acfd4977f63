// The scheduler loop, timers, wait queues and deadlock reports.
#include "runtime/sched.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <thread>

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

Scheduler::Scheduler(vm::Vm& vm, const RunOptions& options) : vm_(vm), options_(options) {
  uint64_t seed = options.seed ? *options.seed : std::random_device{}() * 0x9E3779B97F4A7C15ULL;
  rng_.s = seed;
  startReal_ = wallNanos();
  g_monoStart = monoNanos();
  vm_.setHooks(this);
}

Scheduler::~Scheduler() {
  for (SudoG* s : allSudogs_) delete s;
  for (SelectState* s : allSelects_) delete s;
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

SudoG* Scheduler::newSudog() {
  if (sudogPool_.empty()) {
    allSudogs_.push_back(new SudoG());
    return allSudogs_.back();
  }
  SudoG* s = sudogPool_.back();
  sudogPool_.pop_back();
  return s;
}

SelectState* Scheduler::newSelect() {
  if (selectPool_.empty()) {
    allSelects_.push_back(new SelectState());
    return allSelects_.back();
  }
  SelectState* s = selectPool_.back();
  selectPool_.pop_back();
  return s;
}

void Scheduler::freeSelect(SelectState* s) {
  s->sudogs.clear();
  selectPool_.push_back(s);
}

void Scheduler::freeSudog(SudoG* s) {
  if (reinterpret_cast<unsigned char*>(s) == s->g->rtWait) return;  // g's own
  *s = SudoG();
  sudogPool_.push_back(s);
}

// ---- timers

uint64_t Scheduler::addTimer(int64_t when, int64_t period, Value fn, Goroutine* wake) {
  auto t = std::make_unique<Timer>();
  t->id = nextTimerId_++;
  t->when = when;
  t->period = period;
  t->seq = timerSeq_++;
  t->fn = fn;
  t->wake = wake;
  t->active = true;
  timerHeap_.push_back(t.get());
  std::push_heap(timerHeap_.begin(), timerHeap_.end(), TimerCmp());
  uint64_t id = t->id;
  timers_.emplace(id, std::move(t));
  return id;
}

bool Scheduler::stopTimer(uint64_t id) {
  auto it = timers_.find(id);
  if (it == timers_.end() || !it->second->active) return false;
  it->second->active = false;  // left in the heap, dropped when it surfaces
  return true;
}

bool Scheduler::resetTimer(uint64_t id, int64_t when, int64_t period) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return false;
  Timer* old = it->second.get();
  bool was = old->active;
  old->active = false;
  Value fn = old->fn;
  Goroutine* wake = old->wake;
  // A fresh record with the same id; the stale one is dropped from the heap.
  auto t = std::make_unique<Timer>();
  t->id = id;
  t->when = when;
  t->period = period;
  t->seq = timerSeq_++;
  t->fn = fn;
  t->wake = wake;
  t->active = true;
  timerHeap_.push_back(t.get());
  std::push_heap(timerHeap_.begin(), timerHeap_.end(), TimerCmp());
  orphans_.push_back(std::move(it->second));
  it->second = std::move(t);
  return was;
}

void Scheduler::dropInactiveTop() {
  while (!timerHeap_.empty() && !timerHeap_.front()->active) {
    Timer* t = timerHeap_.front();
    std::pop_heap(timerHeap_.begin(), timerHeap_.end(), TimerCmp());
    timerHeap_.pop_back();
    auto it = timers_.find(t->id);
    if (it != timers_.end() && it->second.get() == t) timers_.erase(it);
    orphans_.erase(std::remove_if(orphans_.begin(), orphans_.end(),
                                  [t](const std::unique_ptr<Timer>& p) { return p.get() == t; }),
                   orphans_.end());
  }
}

bool Scheduler::hasActiveTimers() {
  dropInactiveTop();
  return !timerHeap_.empty();
}

void Scheduler::fireTimers() {
  int64_t t0 = now();
  for (;;) {
    dropInactiveTop();
    if (timerHeap_.empty() || timerHeap_.front()->when > t0) return;
    Timer* t = timerHeap_.front();
    std::pop_heap(timerHeap_.begin(), timerHeap_.end(), TimerCmp());
    timerHeap_.pop_back();
    int64_t firedAt = t->when;
    if (t->wake) {
      Goroutine* w = t->wake;
      t->wake = nullptr;
      ready(w);
    }
    if (t->fn.o) {
      Value arg = Value::ofInt(firedAt);
      Goroutine* ng = vm_.newGoroutine(t->fn, &arg, 1);
      ready(ng);
    }
    if (t->period > 0) {
      t->when += t->period;
      if (t->when <= t0 && !options_.virtualTime) t->when = t0 + t->period;
      t->seq = timerSeq_++;
      timerHeap_.push_back(t);
      std::push_heap(timerHeap_.begin(), timerHeap_.end(), TimerCmp());
    } else {
      t->active = false;
      auto it = timers_.find(t->id);
      if (it != timers_.end() && it->second.get() == t) timers_.erase(it);
    }
  }
}

// ---- wait queues for sync natives

void Scheduler::waitOn(const void* key, Goroutine* g, const char* reason) {
  waitQueues_[key].push_back(g);
  park(g, reason);
}

Goroutine* Scheduler::wakeOne(const void* key) {
  auto it = waitQueues_.find(key);
  if (it == waitQueues_.end()) return nullptr;
  Goroutine* g = it->second.front();
  it->second.pop_front();
  if (it->second.empty()) waitQueues_.erase(it);
  ready(g);
  return g;
}

size_t Scheduler::waiters(const void* key) const {
  auto it = waitQueues_.find(key);
  return it == waitQueues_.end() ? 0 : it->second.size();
}

void Scheduler::traceRoots(vm::Tracer& t) {
  for (Timer* tm : timerHeap_) t.markValue(tm->fn);
}

// ---- the loop

int Scheduler::reportDeadlock() {
  vm_.flushStdout();
  std::string msg = "fatal error: all goroutines are asleep - deadlock!\n";
  std::vector<Goroutine*> gs(vm_.goroutines().begin(), vm_.goroutines().end());
  std::sort(gs.begin(), gs.end(), [](Goroutine* a, Goroutine* b) { return a->id < b->id; });
  for (Goroutine* g : gs) {
    msg += "\n";
    msg += vm_.traceback(g, g->waitReason && *g->waitReason ? g->waitReason : "waiting");
    if (g->waitDetail && *g->waitDetail) msg += std::string("\twaiting on ") + g->waitDetail + "\n";
  }
  std::fwrite(msg.data(), 1, msg.size(), stderr);
  std::fflush(stderr);
  return 2;
}

int Scheduler::run() {
  mainG_ = vm_.newMainGoroutine();
  ready(mainG_);
  uint64_t rounds = 0;
  for (;;) {
    if (!runHead_) {
      if (!hasActiveTimers()) return reportDeadlock();
      int64_t next = timerHeap_.front()->when;
      if (options_.virtualTime) {
        int64_t cur = now();
        if (next > cur) virtualOffset_ += next - cur;
      } else {
        int64_t wait = next - now();
        if (wait > 0) {
          vm_.flushStdout();
          std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
        }
      }
      fireTimers();
      continue;
    }
    if (!timerHeap_.empty() && (++rounds & 15) == 0 && !options_.virtualTime) fireTimers();
    Goroutine* g = runHead_;
    runHead_ = g->schedNext;
    if (!runHead_) runTail_ = nullptr;
    --runCount_;
    g->schedNext = nullptr;
    g->status = vm::GStatus::Running;
    current_ = g;
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
