#include "cli/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace gol::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  size_t index;
  pid_t pid = -1;
  int fds[2] = {-1, -1};  // stdout, stderr read ends
  bool exited = false;
  int status = 0;
  bool group = true;
  Clock::time_point deadline;
  ChildResult result;
};

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// In the child after fork: only async-signal-safe calls until exec, except in
// the `body` case, where the child is a copy of a single-threaded gol.
[[noreturn]] void childMain(const ChildSpec& spec, int outW, int errW) {
  if (spec.ownProcessGroup) ::setpgid(0, 0);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGPIPE, SIG_DFL);
  int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) {
    ::dup2(devnull, 0);
    ::close(devnull);
  }
  ::dup2(outW, 1);
  ::dup2(errW, 2);
  if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) {
    const char msg[] = "gol: cannot change to the program's directory\n";
    ssize_t ignored = ::write(2, msg, sizeof msg - 1);
    (void)ignored;
    ::_exit(127);
  }
  if (spec.argv.empty()) {
    int code = 70;
    try {
      code = spec.body();
    } catch (...) {
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(code);
  }
  std::vector<char*> argv;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  const char msg[] = "gol: cannot execute the child process\n";
  ssize_t ignored = ::write(2, msg, sizeof msg - 1);
  (void)ignored;
  ::_exit(127);
}

bool start(const ChildSpec& spec, Running& r) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    r.result.startError = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    r.result.startError = std::string("pipe: ") + std::strerror(errno);
    ::close(out[0]), ::close(out[1]);
    return false;
  }
  std::cout.flush();
  std::fflush(nullptr);  // or the child would flush our buffered output again
  pid_t pid = ::fork();
  if (pid < 0) {
    r.result.startError = std::string("fork: ") + std::strerror(errno);
    for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
    return false;
  }
  if (pid == 0) childMain(spec, out[1], err[1]);
  if (spec.ownProcessGroup) ::setpgid(pid, pid);  // no race with the child's own call
  ::close(out[1]);
  ::close(err[1]);
  r.pid = pid;
  r.group = spec.ownProcessGroup;
  r.fds[0] = out[0];
  r.fds[1] = err[0];
  return true;
}

void kill(Running& r) {
  if (r.exited) return;
  if (r.group) ::kill(-r.pid, SIGKILL);
  ::kill(r.pid, SIGKILL);
}

void finish(Running& r) {
  closeFd(r.fds[0]);
  closeFd(r.fds[1]);
  if (!r.exited) {
    while (::waitpid(r.pid, &r.status, 0) < 0 && errno == EINTR) {
    }
    r.exited = true;
  }
  if (WIFEXITED(r.status)) {
    r.result.exitCode = WEXITSTATUS(r.status);
  } else if (WIFSIGNALED(r.status) && !r.result.timedOut && !r.result.tooMuchOutput) {
    r.result.signal = WTERMSIG(r.status);
  }
}

}  // namespace

void runChildren(const std::vector<ChildSpec>& specs, const RunLimits& limits,
                 const std::function<void(size_t, ChildResult&&)>& done) {
  std::vector<Running> running;
  size_t next = 0;
  const size_t jobs = limits.jobs < 1 ? 1 : size_t(limits.jobs);
  auto timeout = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(limits.timeoutSeconds));

  while (next < specs.size() || !running.empty()) {
    while (running.size() < jobs && next < specs.size()) {
      Running r;
      r.index = next;
      r.deadline = Clock::now() + timeout;
      if (!start(specs[next], r)) {
        done(next++, std::move(r.result));
        continue;
      }
      ++next;
      running.push_back(std::move(r));
    }
    if (running.empty()) continue;

    std::vector<pollfd> pfds;
    std::vector<std::pair<size_t, int>> owners;  // (running index, stream)
    for (size_t i = 0; i < running.size(); ++i)
      for (int s = 0; s < 2; ++s)
        if (running[i].fds[s] >= 0) {
          pfds.push_back({running[i].fds[s], POLLIN, 0});
          owners.push_back({i, s});
        }
    int waitMs = 100;  // also how often exited-but-open children are noticed
    if (limits.timeoutSeconds > 0) {
      for (const Running& r : running) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(r.deadline - Clock::now());
        waitMs = std::max(0, std::min<int>(waitMs, int(left.count()) + 1));
      }
    }
    int n = ::poll(pfds.data(), pfds.size(), waitMs);
    if (n < 0 && errno != EINTR) break;
    for (size_t k = 0; n > 0 && k < pfds.size(); ++k) {
      if (!(pfds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Running& r = running[owners[k].first];
      int& fd = r.fds[owners[k].second];
      std::string& sink = owners[k].second == 0 ? r.result.out : r.result.err;
      char buf[1 << 16];
      ssize_t got = ::read(fd, buf, sizeof buf);
      if (got > 0) {
        sink.append(buf, size_t(got));
        if (sink.size() > limits.maxOutputBytes) {
          r.result.tooMuchOutput = true;
          kill(r);
          closeFd(r.fds[0]);
          closeFd(r.fds[1]);
        }
      } else if (got == 0 || errno != EINTR) {
        closeFd(fd);
      }
    }

    auto now = Clock::now();
    for (size_t i = 0; i < running.size();) {
      Running& r = running[i];
      if (!r.exited && ::waitpid(r.pid, &r.status, WNOHANG) == r.pid) r.exited = true;
      if (limits.timeoutSeconds > 0 && now >= r.deadline && !r.exited) {
        r.result.timedOut = true;
        kill(r);
      }
      bool streamsDone = r.fds[0] < 0 && r.fds[1] < 0;
      // A child that exited may have left a grandchild holding the pipes;
      // do not wait for them beyond the deadline.
      if ((streamsDone && (r.exited || r.result.timedOut || r.result.tooMuchOutput)) ||
          (r.exited && limits.timeoutSeconds > 0 && now >= r.deadline)) {
        if (r.result.timedOut || r.result.tooMuchOutput) kill(r);
        finish(r);
        size_t index = r.index;
        ChildResult result = std::move(r.result);
        running.erase(running.begin() + long(i));
        done(index, std::move(result));
        continue;
      }
      ++i;
    }
  }
}

}  // namespace gol::cli
