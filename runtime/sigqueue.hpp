// Signals for os/signal (Go's runtime/sigqueue.go), through the poller.
//
// A signal that a program asks for (signal.Notify) is blocked in every
// thread and read from a signalfd that the poller watches; the watch keeps
// an idle program waiting, as Go does while a signal may come. Received
// signals queue here until os/signal's loop goroutine takes them with
// recv (Go's signal_recv), and that goroutine sends them on the channels.
// No signal handler runs, so nothing here is async-signal-unsafe.
#pragma once

#include <signal.h>

#include <cstdint>
#include <deque>

#include "vm/vm.hpp"

namespace gol::runtime {

class Scheduler;

class SigQueue {
 public:
  explicit SigQueue(Scheduler& s);
  ~SigQueue();
  SigQueue(const SigQueue&) = delete;
  SigQueue& operator=(const SigQueue&) = delete;

  static constexpr int kMaxSig = 65;  // signals are 1..64 on Linux

  // Starts delivering sig to the queue (false: it cannot be caught).
  bool enable(int sig);
  // Gives sig its default action back.
  void disable(int sig);
  // Ignores sig (SIG_IGN, inherited by child processes as in Go).
  void ignore(int sig);
  bool ignored(int sig) const;
  // The next signal into *dst now (true), or parks g until one comes.
  bool recv(vm::Goroutine* g, vm::Value* dst);
  // The signal mask the program started with (restored in children).
  const sigset_t& originalMask() const { return origMask_; }

 private:
  void update();
  void onReadable();

  Scheduler& sched_;
  int fd_ = -1;
  bool watched_ = false;
  sigset_t enabled_;
  sigset_t origMask_;
  bool ignored_[kMaxSig] = {};
  std::deque<int> pending_;
  vm::Goroutine* waiter_ = nullptr;
  vm::Value* waiterDst_ = nullptr;
};

}  // namespace gol::runtime
