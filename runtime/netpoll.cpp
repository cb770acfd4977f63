// The poller and the blocking-call pool: see netpoll.hpp for the design.
#include "runtime/netpoll.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "runtime/sched.hpp"

namespace gol::runtime {

using vm::Goroutine;

namespace {

// What an epoll event is about: the tag sits above the descriptor.
enum Tag : uint64_t { kFdWait = 0, kWatch = 1, kPool = 2 };
uint64_t tagged(Tag t, int fd) {
  return (uint64_t(t) << 32) | uint32_t(fd);
}

// Enough for waitpid on every child a script starts at once, plus file
// reads; a thread is started only when every existing one is busy.
constexpr size_t kMaxThreads = 64;

}  // namespace

// Shared with the (detached) worker threads, so that a thread still inside
// a call when the program ends never touches freed memory: the process
// exits around it, as Go's does around its blocked threads.
struct Poller::Pool {
  struct Job {
    Goroutine* g;
    std::function<void()> work;
    std::function<void()> done;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Job*> queue;
  std::vector<Job*> finished;
  size_t threads = 0, idle = 0;
  bool stopping = false;
  int efd = -1;  // eventfd: counts finished jobs, watched by epoll

  ~Pool() {
    for (Job* j : queue) delete j;
    for (Job* j : finished) delete j;
    if (efd >= 0) ::close(efd);
  }

  static void worker(std::shared_ptr<Pool> p) {
    std::unique_lock<std::mutex> lk(p->mu);
    for (;;) {
      while (p->queue.empty() && !p->stopping) {
        ++p->idle;
        p->cv.wait(lk);
        --p->idle;
      }
      if (p->stopping) return;
      Job* j = p->queue.front();
      p->queue.pop_front();
      lk.unlock();
      j->work();
      lk.lock();
      p->finished.push_back(j);
      uint64_t one = 1;
      ssize_t r = ::write(p->efd, &one, sizeof one);
      (void)r;  // the counter cannot overflow: the scheduler drains it
    }
  }
};

Poller::~Poller() {
  if (pool_) {
    std::lock_guard<std::mutex> lk(pool_->mu);
    pool_->stopping = true;
    pool_->cv.notify_all();
  }
  if (epfd_ >= 0) ::close(epfd_);
}

bool Poller::ensureEpoll() {
  if (epfd_ >= 0) return true;
  epfd_ = ::epoll_create1(EPOLL_CLOEXEC);
  return epfd_ >= 0;
}

void Poller::updateActive() {
  active_ = fdWaiters_ + jobsInFlight_ > 0 || !watches_.empty();
}

bool Poller::arm(int fd, FdWait& w) {
  epoll_event ev{};
  ev.events = EPOLLONESHOT;
  if (!w.readers.empty()) ev.events |= EPOLLIN | EPOLLRDHUP;
  if (!w.writers.empty()) ev.events |= EPOLLOUT;
  ev.data.u64 = tagged(kFdWait, fd);
  int op = w.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  int r = ::epoll_ctl(epfd_, op, fd, &ev);
  // The descriptor may have been closed and its number reused since it
  // was registered (closing removes it from epoll), or registered by an
  // earlier wait that did not record it.
  if (r < 0 && errno == ENOENT && op == EPOLL_CTL_MOD)
    r = ::epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev);
  if (r < 0 && errno == EEXIST && op == EPOLL_CTL_ADD)
    r = ::epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev);
  if (r < 0) return false;
  w.registered = true;
  return true;
}

bool Poller::waitFd(Goroutine* g, int fd, PollMode mode) {
  if (!ensureEpoll()) return false;
  FdWait& w = fds_[fd];
  auto& list = mode == PollMode::Read ? w.readers : w.writers;
  list.push_back(g);
  if (!arm(fd, w)) {
    int e = errno;
    list.pop_back();
    if (w.readers.empty() && w.writers.empty() && !w.registered) fds_.erase(fd);
    errno = e;
    return false;
  }
  ++fdWaiters_;
  active_ = true;
  sched_.park(g, "IO wait");
  return true;
}

void Poller::forget(int fd) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return;
  for (Goroutine* g : it->second.readers) sched_.ready(g);
  for (Goroutine* g : it->second.writers) sched_.ready(g);
  fdWaiters_ -= it->second.readers.size() + it->second.writers.size();
  if (it->second.registered) ::epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
  fds_.erase(it);
  updateActive();
}

void Poller::watch(int fd, std::function<void()> onReady, bool keepAlive) {
  if (!ensureEpoll()) return;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = tagged(kWatch, fd);
  if (::epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) < 0) return;
  watches_[fd] = Watch{std::move(onReady), keepAlive};
  keepAlive_ += keepAlive;
  active_ = true;
}

void Poller::unwatch(int fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) return;
  ::epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
  keepAlive_ -= it->second.keepAlive;
  watches_.erase(it);
  updateActive();
}

void Poller::offload(Goroutine* g, const char* reason, std::function<void()> work,
                     std::function<void()> done) {
  if (!pool_) {
    auto p = std::make_shared<Pool>();
    p->efd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (!ensureEpoll() || p->efd < 0) throw vm::FatalError{"fatal error: runtime: cannot poll"};
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = tagged(kPool, p->efd);
    ::epoll_ctl(epfd_, EPOLL_CTL_ADD, p->efd, &ev);
    pool_ = std::move(p);
  }
  auto* j = new Pool::Job{g, std::move(work), std::move(done)};
  {
    std::lock_guard<std::mutex> lk(pool_->mu);
    pool_->queue.push_back(j);
    if (pool_->idle == 0 && pool_->threads < kMaxThreads) {
      // Workers block every signal: signal.Notify reads signals through a
      // signalfd, which only works if no thread lets them be delivered.
      sigset_t all, old;
      sigfillset(&all);
      pthread_sigmask(SIG_BLOCK, &all, &old);
      std::thread(&Pool::worker, pool_).detach();
      pthread_sigmask(SIG_SETMASK, &old, nullptr);
      ++pool_->threads;
    }
    pool_->cv.notify_one();
  }
  ++jobsInFlight_;
  active_ = true;
  sched_.park(g, reason);
}

void Poller::drainCompletions() {
  uint64_t n;
  ssize_t r = ::read(pool_->efd, &n, sizeof n);
  (void)r;  // EAGAIN: a previous drain took these already
  std::vector<Pool::Job*> done;
  {
    std::lock_guard<std::mutex> lk(pool_->mu);
    done.swap(pool_->finished);
  }
  for (Pool::Job* j : done) {
    --jobsInFlight_;
    j->done();
    sched_.ready(j->g);
    delete j;
  }
  updateActive();
}

void Poller::poll(int64_t timeoutNs) {
  if (epfd_ < 0) return;
  // epoll_wait counts milliseconds: round up, so that a timer is never
  // found not yet due after the wait.
  int ms = timeoutNs < 0 ? -1 : int(std::min<int64_t>((timeoutNs + 999999) / 1000000, 1 << 30));
  epoll_event evs[64];
  int n = ::epoll_wait(epfd_, evs, 64, ms);
  for (int k = 0; k < n; ++k) {
    auto tag = Tag(evs[k].data.u64 >> 32);
    int fd = int(uint32_t(evs[k].data.u64));
    uint32_t e = evs[k].events;
    if (tag == kPool) {
      drainCompletions();
    } else if (tag == kWatch) {
      auto it = watches_.find(fd);
      if (it == watches_.end()) continue;
      std::function<void()> cb = it->second.onReady;  // it may unwatch itself
      cb();
    } else {
      auto it = fds_.find(fd);
      if (it == fds_.end()) continue;
      FdWait& w = it->second;
      bool bad = e & (EPOLLERR | EPOLLHUP);
      if (bad || (e & (EPOLLIN | EPOLLRDHUP))) {
        for (Goroutine* g : w.readers) sched_.ready(g);
        fdWaiters_ -= w.readers.size();
        w.readers.clear();
      }
      if (bad || (e & EPOLLOUT)) {
        for (Goroutine* g : w.writers) sched_.ready(g);
        fdWaiters_ -= w.writers.size();
        w.writers.clear();
      }
      // One-shot: the rest wait on, re-armed for what they still need.
      if (!w.readers.empty() || !w.writers.empty()) arm(fd, w);
    }
  }
  updateActive();
}

}  // namespace gol::runtime
