// The REPL's live VM: one Vm and one Scheduler for the whole session. The
// program grows by an entry at a time (lang/compile/incremental.hpp); each
// entry runs as a goroutine while earlier goroutines, channels and timers
// go on. The caller (cli/repl.cpp) drives it a batch of time slices at a
// time and waits for input or the next timer in between.
#pragma once

#include <csignal>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "bytecode/program.hpp"
#include "runtime/run.hpp"

namespace gol::vm {
class Vm;
struct Goroutine;
}  // namespace gol::vm

namespace gol::runtime {

class Scheduler;

class LiveVm {
 public:
  LiveVm(vm::Program& program, const RunOptions& options);
  ~LiveVm();
  LiveVm(const LiveVm&) = delete;
  LiveVm& operator=(const LiveVm&) = delete;

  // Binds what was appended to the program since function `firstFunc`.
  bool load(size_t firstFunc, std::string* error);

  // Starts function `index` (no parameters) as the entry's goroutine.
  void startEntry(uint32_t index);
  bool entryActive() const { return entry_ != nullptr; }

  enum class Outcome { Running, Done, Failed, Interrupted };
  // Runs up to `slices` time slices. Returns Running while the entry goes
  // on (or there is none), or how it ended: Done, Failed (it panicked or
  // hit a fatal error, already reported on stderr), Interrupted. Panics of
  // other goroutines are reported and end only that goroutine. `beforeOutput`
  // is called before anything is written to stdout or stderr.
  // os.Exit propagates as vm::ExitRequest.
  Outcome run(int slices, void (*beforeOutput)(void*), void* ctx);
  // A flag set by the caller's SIGINT handler: run() returns before the
  // next time slice once it is set, so that the caller can interrupt().
  void stopOn(const volatile std::sig_atomic_t* flag) { stopFlag_ = flag; }
  bool runnable() const;

  // Fires due timers; nanoseconds until the next one or -1. Under virtual
  // time the clock jumps only while an entry runs.
  int64_t serviceTimers();

  // Ctrl-C: the entry's goroutine panics with "interrupted" at its next
  // time slice (now if it is running, when it wakes if it waits), so its
  // defers run; the entry counts as ended at once.
  Outcome interrupt();
  // The entry waits and nothing else can run or fire: Go's deadlock text
  // and the goroutines, then the entry is abandoned as if interrupted.
  void reportDeadlock();

  // `:goroutines`.
  std::string goroutineReport();

  vm::Vm& machine() { return *vm_; }
  std::string_view pendingStdout() const;
  void flushStdout();

 private:
  std::unique_ptr<vm::Vm> vm_;
  std::unique_ptr<Scheduler> sched_;
  vm::Goroutine* entry_ = nullptr;
  const volatile std::sig_atomic_t* stopFlag_ = nullptr;
  uint64_t entryId_ = 0;
  std::set<uint64_t> cancel_;       // goroutines to panic at their next slice
  std::set<uint64_t> interrupted_;  // goroutines whose panic is the interrupt
};

}  // namespace gol::runtime
