// The poller and the blocking-call pool, driven directly: a goroutine
// record parks on a descriptor or a pool job and is made ready by poll().
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "tests/unit/vm_helpers.hpp"

using namespace gol;

namespace {

struct Fixture {
  vmtest::ProgramBuilder pb;
  vm::Vm machine{*pb.p, nullptr};
  runtime::RunOptions options;
  runtime::Scheduler sched{machine, options};
  vm::Goroutine g;
  runtime::Poller& poller() { return sched.poller(); }
};

}  // namespace

TEST_CASE("poller: a regular file is refused, the goroutine keeps running", "[netpoll]") {
  Fixture f;
  char path[] = "/tmp/gol-netpoll-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  unlink(path);
  errno = 0;
  CHECK_FALSE(f.poller().waitFd(&f.g, fd, runtime::PollMode::Read));
  CHECK(errno == EPERM);
  CHECK(f.g.status != vm::GStatus::Waiting);
  CHECK_FALSE(f.poller().waiting());
  close(fd);
}

TEST_CASE("poller: a pipe reader parks until data comes", "[netpoll]") {
  Fixture f;
  int p[2];
  REQUIRE(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0);
  REQUIRE(f.poller().waitFd(&f.g, p[0], runtime::PollMode::Read));
  CHECK(f.g.status == vm::GStatus::Waiting);
  CHECK(std::string(f.g.waitReason) == "IO wait");
  CHECK(f.poller().waiting());
  CHECK(f.poller().keepsAlive());
  f.poller().poll(0);
  CHECK(f.g.status == vm::GStatus::Waiting);  // nothing to read yet
  REQUIRE(write(p[1], "x", 1) == 1);
  f.poller().poll(1000000000);
  CHECK(f.g.status == vm::GStatus::Runnable);
  CHECK_FALSE(f.poller().waiting());
  CHECK_FALSE(f.poller().active());
  // The registration is one-shot: waiting again re-arms it.
  char c;
  REQUIRE(read(p[0], &c, 1) == 1);
  REQUIRE(f.poller().waitFd(&f.g, p[0], runtime::PollMode::Read));
  close(p[1]);  // hang-up wakes the reader too (its read then sees EOF)
  f.poller().poll(1000000000);
  CHECK(f.g.status == vm::GStatus::Runnable);
  close(p[0]);
}

TEST_CASE("poller: forget wakes the waiters of a descriptor being closed", "[netpoll]") {
  Fixture f;
  int p[2];
  REQUIRE(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0);
  REQUIRE(f.poller().waitFd(&f.g, p[0], runtime::PollMode::Read));
  f.poller().forget(p[0]);
  CHECK(f.g.status == vm::GStatus::Runnable);
  CHECK_FALSE(f.poller().waiting());
  close(p[0]);
  close(p[1]);
}

TEST_CASE("poller: a pool job runs off-thread, its completion on the caller's", "[netpoll]") {
  Fixture f;
  int worked = 0, done = 0;
  f.poller().offload(
      &f.g, "test job", [&] { worked = 42; }, [&] { done = worked + 1; });
  CHECK(f.g.status == vm::GStatus::Waiting);
  CHECK(f.poller().waiting());
  for (int k = 0; k < 100 && f.g.status == vm::GStatus::Waiting; ++k) f.poller().poll(100000000);
  CHECK(f.g.status == vm::GStatus::Runnable);
  CHECK(done == 43);
  CHECK_FALSE(f.poller().waiting());
}
