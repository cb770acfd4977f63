// Signals through a signalfd: see sigqueue.hpp.
#include "runtime/sigqueue.hpp"

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "runtime/sched.hpp"

namespace gol::runtime {

SigQueue::SigQueue(Scheduler& s) : sched_(s) {
  sigemptyset(&enabled_);
  pthread_sigmask(SIG_SETMASK, nullptr, &origMask_);
}

SigQueue::~SigQueue() {
  if (fd_ >= 0) {
    if (watched_) sched_.poller().unwatch(fd_);
    ::close(fd_);
  }
  // Whatever was blocked for the signalfd goes back to the program's mask
  // (in-process runs: tests create many schedulers).
  pthread_sigmask(SIG_SETMASK, &origMask_, nullptr);
  for (int sig = 1; sig < kMaxSig; ++sig)
    if (ignored_[sig]) ::signal(sig, SIG_DFL);
}

bool SigQueue::enable(int sig) {
  if (sig <= 0 || sig >= kMaxSig || sig == SIGKILL || sig == SIGSTOP) return false;
  if (ignored_[sig]) {
    ::signal(sig, SIG_DFL);
    ignored_[sig] = false;
  }
  sigaddset(&enabled_, sig);
  update();
  return true;
}

void SigQueue::disable(int sig) {
  if (sig <= 0 || sig >= kMaxSig) return;
  if (ignored_[sig]) {
    ::signal(sig, SIG_DFL);
    ignored_[sig] = false;
  }
  if (!sigismember(&enabled_, sig)) return;
  sigdelset(&enabled_, sig);
  update();
}

void SigQueue::ignore(int sig) {
  if (sig <= 0 || sig >= kMaxSig || sig == SIGKILL || sig == SIGSTOP) return;
  sigdelset(&enabled_, sig);
  update();
  ::signal(sig, SIG_IGN);
  ignored_[sig] = true;
}

bool SigQueue::ignored(int sig) const {
  return sig > 0 && sig < kMaxSig && ignored_[sig];
}

void SigQueue::update() {
  // Block the enabled signals (the pool's threads block all of them) so
  // that they stay pending for the signalfd; unblock what is no longer
  // wanted unless the program started with it blocked.
  sigset_t block = enabled_, unblock;
  sigemptyset(&unblock);
  for (int sig = 1; sig < kMaxSig; ++sig)
    if (!sigismember(&enabled_, sig) && !sigismember(&origMask_, sig)) sigaddset(&unblock, sig);
  pthread_sigmask(SIG_BLOCK, &block, nullptr);
  if (fd_ < 0) {
    fd_ = ::signalfd(-1, &enabled_, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd_ < 0) return;
  } else {
    ::signalfd(fd_, &enabled_, 0);
  }
  pthread_sigmask(SIG_UNBLOCK, &unblock, nullptr);
  // Watched (and keeping the program alive) only while a signal is wanted.
  bool want = !sigisemptyset(&enabled_);
  if (want && !watched_)
    sched_.poller().watch(
        fd_, [this] { onReadable(); }, true);
  if (!want && watched_) sched_.poller().unwatch(fd_);
  watched_ = want;
}

void SigQueue::onReadable() {
  signalfd_siginfo info[8];
  for (;;) {
    ssize_t n = ::read(fd_, info, sizeof info);
    if (n <= 0) break;
    for (size_t k = 0; k < size_t(n) / sizeof info[0]; ++k) {
      int sig = int(info[k].ssi_signo);
      // Go coalesces: a signal already queued and not yet taken is not
      // queued twice.
      bool queued = false;
      for (int p : pending_) queued |= p == sig;
      if (!queued) pending_.push_back(sig);
    }
  }
  if (waiter_ && !pending_.empty()) {
    *waiterDst_ = vm::Value::ofInt(pending_.front());
    pending_.pop_front();
    vm::Goroutine* g = waiter_;
    waiter_ = nullptr;
    sched_.ready(g);
  }
}

bool SigQueue::recv(vm::Goroutine* g, vm::Value* dst) {
  if (!pending_.empty()) {
    *dst = vm::Value::ofInt(pending_.front());
    pending_.pop_front();
    return true;
  }
  waiter_ = g;
  waiterDst_ = dst;
  sched_.park(g, "signal wait");
  return false;
}

}  // namespace gol::runtime
