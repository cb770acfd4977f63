// Blocking without stalling: the I/O poller (Go's netpoll_epoll.go) and the
// thread pool for calls that cannot be made non-blocking.
//
// The interpreter runs every goroutine on one thread, so a goroutine must
// never make a system call that may wait. Three kinds of waiting exist:
//
//  - Descriptors that can be non-blocking (pipes, terminals, sockets,
//    signalfd, eventfd): the native tries the call; on EAGAIN the goroutine
//    waits for readiness with Poller::waitFd (parked, "IO wait"), then
//    retries (as Go's internal/poll does: try, wait, retry). Readiness comes
//    from one epoll instance, registered EPOLLONESHOT per wait so that an
//    idle descriptor costs nothing and no readiness state goes stale.
//  - Calls that cannot be made non-blocking (reading a regular file on a
//    slow disk, waitpid): Poller::offload runs the call on a small pool of
//    worker threads; its completion is queued and an eventfd, watched by
//    the same epoll, tells the scheduler's thread, which runs the
//    completion (storing results into the waiting native's registers) and
//    makes the goroutine ready. Worker threads never touch the VM.
//  - Persistent sources (signal.Notify's signalfd): Poller::watch runs a
//    callback on the scheduler's thread whenever the descriptor is
//    readable; a watch marked keepAlive keeps an idle program waiting
//    instead of reporting a deadlock, as Go does while a signal may come.
//
// The scheduler consults the poller where it used to sleep: with nothing
// runnable it waits in epoll_wait until the next timer (or forever), and
// while goroutines run it polls without waiting every few rounds, so a
// goroutine that counts forever cannot starve one waiting for a pipe.
// Nothing here exists (no epoll descriptor, no thread) until a program
// first needs it: programs that do no such I/O pay one predictable branch
// per scheduling round.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "vm/vm.hpp"

namespace gol::runtime {

class Scheduler;

enum class PollMode : uint8_t { Read, Write };

class Poller {
 public:
  explicit Poller(Scheduler& s) : sched_(s) {}
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  // Parks g until fd is ready for `mode` (or has an error or hang-up: the
  // retried call then reports it). Returns false, with errno set, if epoll
  // refuses fd (EPERM: a regular file, always ready) and leaves g running.
  bool waitFd(vm::Goroutine* g, int fd, PollMode mode);
  // The descriptor is about to be closed: wake its waiters (their retried
  // call fails with EBADF, which the library reports as a closed file).
  void forget(int fd);

  // Runs `work` on a pool thread (no VM access there) and then `done` on
  // the scheduler's thread, which typically stores results into the
  // native's registers; g is made ready after `done`. Parks g with
  // `reason` (a string literal).
  void offload(vm::Goroutine* g, const char* reason, std::function<void()> work,
               std::function<void()> done);

  // Calls onReady on the scheduler's thread while fd is readable.
  void watch(int fd, std::function<void()> onReady, bool keepAlive);
  void unwatch(int fd);

  // Anything registered at all (the scheduler then polls between rounds).
  bool active() const { return active_; }
  // Goroutines wait for descriptors or pool jobs: they will be woken by
  // the outside world in real time.
  bool waiting() const { return fdWaiters_ + jobsInFlight_ > 0; }
  // Child processes started and not yet waited for: they run in real
  // time, so the virtual clock must not jump past them (they do not keep
  // a deadlocked program alive, though: in Go neither does a child).
  void childStarted() { ++children_; }
  void childReaped() { --children_; }
  bool realTime() const { return waiting() || children_ > 0; }
  // An idle program must wait rather than report a deadlock.
  bool keepsAlive() const { return waiting() || keepAlive_ > 0; }

  // Waits up to timeoutNs (-1: without limit, 0: not at all) for events
  // and handles them (readies goroutines, runs completions and watches).
  void poll(int64_t timeoutNs);

 private:
  struct FdWait {
    std::vector<vm::Goroutine*> readers, writers;
    bool registered = false;  // known to epoll (possibly disarmed)
  };
  struct Watch {
    std::function<void()> onReady;
    bool keepAlive;
  };
  struct Pool;
  bool ensureEpoll();
  bool arm(int fd, FdWait& w);
  void drainCompletions();
  void updateActive();

  Scheduler& sched_;
  int epfd_ = -1;
  bool active_ = false;
  size_t fdWaiters_ = 0;
  size_t jobsInFlight_ = 0;
  size_t keepAlive_ = 0;
  size_t children_ = 0;
  std::unordered_map<int, FdWait> fds_;
  std::unordered_map<int, Watch> watches_;
  std::shared_ptr<Pool> pool_;  // shared with the worker threads
};

}  // namespace gol::runtime
