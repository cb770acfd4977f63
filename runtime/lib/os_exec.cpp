// Natives of os/exec and os.Process: spawning children, their pipes, and
// waiting for them, none of which stalls the other goroutines. Pipes are
// non-blocking on the parent's side and wait through the runtime's poller;
// waitpid, which has no non-blocking form that wakes us, runs on the
// runtime's thread pool (runtime/netpoll.hpp).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <vector>

#include "runtime/lib/fd_wait.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/sched.hpp"

extern char** environ;

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

std::vector<std::string> stringSlice(const Value& v) {
  std::vector<std::string> out;
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s) return out;
  for (uint32_t i = 0; i < s->len; ++i)
    out.emplace_back(vm::strView(s->array->values()[s->off + i]));
  return out;
}

// func checkExec(path string) int: Go's findExecutable: 0, EACCES, or
// minus the errno of stat.
NativeStatus checkExec(NativeCtx&, Value* r) {
  std::string path(vm::strView(r[0]));
  struct stat st;
  int e = 0;
  if (::stat(path.c_str(), &st) < 0)
    e = -errno;  // stat's own error
  else if (S_ISDIR(st.st_mode) || (st.st_mode & 0111) == 0)
    e = EACCES;  // Go's fs.ErrPermission
  r[0] = Value::ofInt(e);
  return NativeStatus::Ok;
}

// func pipe() (r, w, errno int): both ends close-on-exec (the child gets
// its end through dup2), neither non-blocking yet: the parent's end is
// made non-blocking when it is first waited on.
NativeStatus pipeNative(NativeCtx&, Value* r) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) < 0) {
    int e = errno;
    r[0] = Value::ofInt(-1);
    r[1] = Value::ofInt(-1);
    r[2] = Value::ofInt(e);
    return NativeStatus::Ok;
  }
  r[0] = Value::ofInt(fds[0]);
  r[1] = Value::ofInt(fds[1]);
  r[2] = Value::ofInt(0);
  return NativeStatus::Ok;
}

// func devNull(write bool) (fd, errno int)
NativeStatus devNull(NativeCtx&, Value* r) {
  int fd = ::open("/dev/null", (r[0].i ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
  return ok2(r, fd, fd < 0 ? errno : 0);
}

// func closeFd(fd int) int
NativeStatus closeFd(NativeCtx& ctx, Value* r) {
  int fd = int(r[0].i);
  runtime::schedulerOf(ctx).poller().forget(fd);
  r[0] = Value::ofInt(::close(fd) < 0 ? errno : 0);
  return NativeStatus::Ok;
}

void setNonblock(int fd) {
  int fl = ::fcntl(fd, F_GETFL);
  if (fl >= 0 && !(fl & O_NONBLOCK)) ::fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

// func readFd(fd int, b []byte) (n, errno int)
NativeStatus readFd(NativeCtx& ctx, Value* r) {
  int fd = int(r[0].i);
  size_t n;
  uint8_t* p = sliceBytesPtr(r[1], &n);
  setNonblock(fd);
  ssize_t k;
  do k = ::read(fd, p, n);
  while (k < 0 && errno == EINTR);
  if (k < 0 && errno == EAGAIN) return waitReady(ctx, r, fd, runtime::PollMode::Read);
  return ok2(r, k < 0 ? 0 : k, k < 0 ? errno : 0);
}

// func writeFd(fd int, b []byte) (n, errno int). A child that exits
// closes the pipe: the write must fail with EPIPE, not kill the program,
// so SIGPIPE is held back around it and a pending one is discarded.
NativeStatus writeFd(NativeCtx& ctx, Value* r) {
  int fd = int(r[0].i);
  size_t n;
  uint8_t* p = sliceBytesPtr(r[1], &n);
  setNonblock(fd);
  sigset_t pipeSet, old;
  sigemptyset(&pipeSet);
  sigaddset(&pipeSet, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipeSet, &old);
  ssize_t k;
  do k = ::write(fd, p, n);
  while (k < 0 && errno == EINTR);
  int e = k < 0 ? errno : 0;
  if (e == EPIPE && !sigismember(&old, SIGPIPE)) {
    timespec zero{0, 0};
    sigtimedwait(&pipeSet, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (e == EAGAIN) return waitReady(ctx, r, fd, runtime::PollMode::Write);
  return ok2(r, k < 0 ? 0 : k, e);
}

// func spawn(path string, argv, env []string, inherit bool, dir string,
//            in, out, err int) (pid, errno int, chdir bool)
NativeStatus spawn(NativeCtx& ctx, Value* r) {
  std::string path(vm::strView(r[0]));
  std::vector<std::string> argv = stringSlice(r[1]);
  std::vector<std::string> env = stringSlice(r[2]);
  bool inherit = r[3].i != 0;
  std::string dir(vm::strView(r[4]));
  int fds[3] = {int(r[5].i), int(r[6].i), int(r[7].i)};
  auto fail = [&](int e, bool chdir) {
    r[0] = Value::ofInt(0);
    r[1] = Value::ofInt(e);
    r[2] = Value::ofBool(chdir);
    return NativeStatus::Ok;
  };
  // Go checks the directory first, and reports it as chdir's error.
  struct stat st;
  if (!dir.empty() && ::stat(dir.c_str(), &st) < 0) return fail(errno, true);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : env) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  for (int k = 0; k < 3; ++k) posix_spawn_file_actions_adddup2(&fa, fds[k], k);
  if (!dir.empty()) posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The child starts with the signal mask the program started with: the
  // runtime blocks the signals it reads through its signalfd. (Their
  // action stays the default, so nothing else needs resetting; ignored
  // signals stay ignored in the child, as with Go.)
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setsigmask(&attr, &runtime::schedulerOf(ctx).sigqueue().originalMask());
  // What the program printed so far comes before what the child prints.
  ctx.vm.flushStdout();
  pid_t pid;
  int e =
      ::posix_spawn(&pid, path.c_str(), &fa, &attr, cargv.data(), inherit ? environ : cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (e != 0) return fail(e, false);
  runtime::schedulerOf(ctx).poller().childStarted();
  r[0] = Value::ofInt(pid);
  r[1] = Value::ofInt(0);
  r[2] = Value::ofBool(false);
  return NativeStatus::Ok;
}

// func numEnv() int / envAt(i int) string: os.Environ without making a
// []string in C++.
NativeStatus numEnv(NativeCtx&, Value* r) {
  int64_t n = 0;
  for (char** e = environ; *e; ++e) ++n;
  r[0] = Value::ofInt(n);
  return NativeStatus::Ok;
}

NativeStatus envAt(NativeCtx& ctx, Value* r) {
  int64_t i = r[0].i, n = 0;
  for (char** e = environ; *e; ++e, ++n)
    if (n == i) {
      r[0] = ctx.newString(*e);
      return NativeStatus::Ok;
    }
  r[0] = ctx.newString("");
  return NativeStatus::Ok;
}

NativeStatus getwdNative(NativeCtx& ctx, Value* r) {
  char buf[PATH_MAX];
  r[0] = ctx.newString(::getcwd(buf, sizeof buf) ? buf : ".");
  return NativeStatus::Ok;
}

// func waitPid(pid int) (status, errno int), in package os: waitpid runs
// on the runtime's thread pool; the goroutine parks meanwhile.
NativeStatus waitPid(NativeCtx& ctx, Value* r) {
  struct Result {
    int status = 0;
    int err = 0;
  };
  auto res = std::make_shared<Result>();
  pid_t pid = pid_t(r[0].i);
  runtime::Scheduler& sched = runtime::schedulerOf(ctx);
  sched.poller().offload(
      ctx.g, "wait",
      [res, pid] {
        int st = 0;
        pid_t got;
        do got = ::waitpid(pid, &st, 0);
        while (got < 0 && errno == EINTR);
        res->status = st;
        res->err = got < 0 ? errno : 0;
      },
      [res, r, &sched] {
        if (res->err == 0) sched.poller().childReaped();
        ok2(r, res->status, res->err);
      });
  return NativeStatus::Block;
}

}  // namespace

void registerOsExecNatives() {
  static const vm::NativeEntry entries[] = {
      {"os/exec.checkExec", checkExec}, {"os/exec.pipe", pipeNative}, {"os/exec.devNull", devNull},
      {"os/exec.closeFd", closeFd},     {"os/exec.readFd", readFd},   {"os/exec.writeFd", writeFd},
      {"os/exec.spawn", spawn},         {"os/exec.numEnv", numEnv},   {"os/exec.envAt", envAt},
      {"os/exec.getwd", getwdNative},   {"os.waitPid", waitPid},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
