// Natives of packages os and syscall that touch the file system, the
// environment and the process: thin wrappers over POSIX calls that return
// the errno (0 on success) beside their result. os.gol turns a non-zero
// errno into Go's error values (*fs.PathError holding a syscall.Errno), so
// every error text is built in one place, in gol.
//
// A read from a pipe or a terminal parks the goroutine until the runtime's
// poller sees data (readFd); the other calls run on the interpreter's
// thread, which is harmless for regular files (the kernel never makes them
// wait long). Writes to a full pipe still block (see "poller:" below).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "runtime/lib/fd_wait.hpp"
#include "runtime/lib/native_util.hpp"

extern char** environ;

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::strView;
using vm::Value;

namespace {

std::string str(const Value& v) {
  return std::string(strView(v));
}

NativeStatus okErr(Value* regs, int rc) {
  regs[0] = Value::ofInt(rc < 0 ? errno : 0);
  return NativeStatus::Ok;
}

// func openFile(name string, flag int, perm uint32) (fd int, errno int)
NativeStatus openFile(NativeCtx&, Value* regs) {
  std::string name = str(regs[0]);
  int fd;
  do fd = ::open(name.c_str(), int(regs[1].i) | O_CLOEXEC, mode_t(regs[2].i));
  while (fd < 0 && errno == EINTR);
  return ok2(regs, fd, fd < 0 ? errno : 0);
}

// func readFd(fd int, b []byte) (n int, errno int)
NativeStatus readFd(NativeCtx& ctx, Value* regs) {
  size_t n;
  uint8_t* p = sliceBytesPtr(regs[1], &n);
  int fd = int(regs[0].i);
  // A prompt written to stdout must be visible before the program waits
  // for the answer (stdout is buffered by the VM).
  if (fd == 0) ctx.flushStdout();
  // A pipe or terminal with nothing to read parks the goroutine until the
  // poller sees data (os.gol retries on EAGAIN); the descriptor stays in
  // blocking mode, as it may be shared with other processes (a terminal).
  if (!readable(fd)) return waitReady(ctx, regs, fd, runtime::PollMode::Read);
  ssize_t r;
  do r = ::read(fd, p, n);
  while (r < 0 && errno == EINTR);
  return ok2(regs, r < 0 ? 0 : r, r < 0 ? errno : 0);
}

// func preadFd(fd int, b []byte, off int64) (n int, errno int)
NativeStatus preadFd(NativeCtx&, Value* regs) {
  size_t n;
  uint8_t* p = sliceBytesPtr(regs[1], &n);
  ssize_t r;
  do r = ::pread(int(regs[0].i), p, n, off_t(regs[2].i));
  while (r < 0 && errno == EINTR);
  return ok2(regs, r < 0 ? 0 : r, r < 0 ? errno : 0);
}

// Writes all of p (write(2) may write less to a pipe). Returns the bytes
// written and the errno of the call that failed.
void writeAll(int fd, const uint8_t* p, size_t n, int64_t* written, int* err, int64_t off) {
  *written = 0;
  *err = 0;
  while (size_t(*written) < n) {
    ssize_t r = off < 0 ? ::write(fd, p + *written, n - size_t(*written))
                        : ::pwrite(fd, p + *written, n - size_t(*written), off + *written);
    if (r < 0) {
      if (errno == EINTR) continue;
      // poller: EAGAIN on a non-blocking pipe should park until writable.
      *err = errno;
      return;
    }
    *written += r;
  }
}

// func writeBytes(fd int, b []byte) (n int, errno int)
NativeStatus writeBytes(NativeCtx& ctx, Value* regs) {
  size_t n;
  uint8_t* p = sliceBytesPtr(regs[1], &n);
  int fd = int(regs[0].i);
  // The standard streams go through the VM, which keeps stdout and stderr
  // in order (stdout is buffered and flushed before stderr is written).
  if (fd == 1 || fd == 2) {
    std::string_view s(reinterpret_cast<const char*>(p), n);
    if (fd == 1)
      ctx.writeStdout(s);
    else
      ctx.writeStderr(s);
    return ok2(regs, int64_t(n), 0);
  }
  int64_t w;
  int err;
  writeAll(fd, p, n, &w, &err, -1);
  return ok2(regs, w, err);
}

// func writeString(fd int, s string) (n int, errno int)
NativeStatus writeString(NativeCtx& ctx, Value* regs) {
  std::string_view s = strView(regs[1]);
  int fd = int(regs[0].i);
  if (fd == 1 || fd == 2) {
    if (fd == 1)
      ctx.writeStdout(s);
    else
      ctx.writeStderr(s);
    return ok2(regs, int64_t(s.size()), 0);
  }
  int64_t w;
  int err;
  writeAll(fd, reinterpret_cast<const uint8_t*>(s.data()), s.size(), &w, &err, -1);
  return ok2(regs, w, err);
}

// func pwriteFd(fd int, b []byte, off int64) (n int, errno int)
NativeStatus pwriteFd(NativeCtx&, Value* regs) {
  size_t n;
  uint8_t* p = sliceBytesPtr(regs[1], &n);
  int64_t w;
  int err;
  writeAll(int(regs[0].i), p, n, &w, &err, regs[2].i);
  return ok2(regs, w, err);
}

// func seekFd(fd int, off int64, whence int) (int64, errno int)
NativeStatus seekFd(NativeCtx&, Value* regs) {
  off_t r = ::lseek(int(regs[0].i), off_t(regs[1].i), int(regs[2].i));
  return ok2(regs, r < 0 ? 0 : r, r < 0 ? errno : 0);
}

NativeStatus closeFd(NativeCtx& ctx, Value* regs) {
  int fd = int(regs[0].i);
  runtime::schedulerOf(ctx).poller().forget(fd);  // wakes a reader parked on it
  return okErr(regs, ::close(fd));
}

NativeStatus fsyncFd(NativeCtx&, Value* regs) {
  return okErr(regs, ::fsync(int(regs[0].i)));
}

NativeStatus ftruncateFd(NativeCtx&, Value* regs) {
  return okErr(regs, ::ftruncate(int(regs[0].i), off_t(regs[1].i)));
}

NativeStatus fchmodFd(NativeCtx&, Value* regs) {
  return okErr(regs, ::fchmod(int(regs[0].i), mode_t(regs[1].i)));
}

NativeStatus fchdirFd(NativeCtx&, Value* regs) {
  return okErr(regs, ::fchdir(int(regs[0].i)));
}

// Stat results: size, raw st_mode, mtime seconds and nanoseconds, errno.
NativeStatus statResult(Value* regs, int rc, const struct stat& st) {
  if (rc < 0) {
    for (int i = 0; i < 4; ++i) regs[i] = Value::ofInt(0);
    regs[4] = Value::ofInt(errno);
    return NativeStatus::Ok;
  }
  regs[0] = Value::ofInt(st.st_size);
  regs[1] = Value::ofInt(st.st_mode);
  regs[2] = Value::ofInt(st.st_mtim.tv_sec);
  regs[3] = Value::ofInt(st.st_mtim.tv_nsec);
  regs[4] = Value::ofInt(0);
  return NativeStatus::Ok;
}

// func statPath(name string, follow bool) (size int64, mode uint32, sec, nsec int64, errno int)
NativeStatus statPath(NativeCtx&, Value* regs) {
  std::string name = str(regs[0]);
  struct stat st {};
  int rc = regs[1].i ? ::stat(name.c_str(), &st) : ::lstat(name.c_str(), &st);
  return statResult(regs, rc, st);
}

// func fstatFd(fd int) (size int64, mode uint32, sec, nsec int64, errno int)
NativeStatus fstatFd(NativeCtx&, Value* regs) {
  struct stat st {};
  int rc = ::fstat(int(regs[0].i), &st);
  return statResult(regs, rc, st);
}

// func readDirFd(fd int) (entries string, errno int): every entry but . and
// .., each as one d_type letter (d directory, l symlink, p pipe, s socket,
// c char device, b block device, f regular, ? unknown), the name and a NUL,
// in the directory's own order (Go's File.ReadDir does not sort).
NativeStatus readDirFd(NativeCtx& ctx, Value* regs) {
  int fd = ::dup(int(regs[0].i));
  if (fd < 0) return ok2(regs, 0, errno);
  DIR* d = ::fdopendir(fd);
  if (!d) {
    int e = errno;
    ::close(fd);
    return ok2(regs, 0, e);
  }
  ::rewinddir(d);
  std::string out;
  errno = 0;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    char t = '?';
    switch (e->d_type) {
      case DT_DIR: t = 'd'; break;
      case DT_LNK: t = 'l'; break;
      case DT_FIFO: t = 'p'; break;
      case DT_SOCK: t = 's'; break;
      case DT_CHR: t = 'c'; break;
      case DT_BLK: t = 'b'; break;
      case DT_REG: t = 'f'; break;
      default: break;
    }
    out += t;
    out += name;
    out += '\0';
  }
  int err = errno;
  ::closedir(d);
  regs[0] = ctx.newString(out);
  regs[1] = Value::ofInt(err);
  return NativeStatus::Ok;
}

// Path operations: func name(path string, ...) (errno int).
NativeStatus unlinkPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::unlink(str(regs[0]).c_str()));
}
NativeStatus rmdirPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::rmdir(str(regs[0]).c_str()));
}
NativeStatus mkdirPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::mkdir(str(regs[0]).c_str(), mode_t(regs[1].i)));
}
NativeStatus chmodPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::chmod(str(regs[0]).c_str(), mode_t(regs[1].i)));
}
NativeStatus chdirPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::chdir(str(regs[0]).c_str()));
}
NativeStatus renamePath(NativeCtx&, Value* regs) {
  return okErr(regs, ::rename(str(regs[0]).c_str(), str(regs[1]).c_str()));
}
NativeStatus symlinkPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::symlink(str(regs[0]).c_str(), str(regs[1]).c_str()));
}
NativeStatus linkPath(NativeCtx&, Value* regs) {
  return okErr(regs, ::link(str(regs[0]).c_str(), str(regs[1]).c_str()));
}
NativeStatus truncatePath(NativeCtx&, Value* regs) {
  return okErr(regs, ::truncate(str(regs[0]).c_str(), off_t(regs[1].i)));
}

// func chownPath(name string, uid, gid int, follow bool) (errno int)
NativeStatus chownPath(NativeCtx&, Value* regs) {
  std::string name = str(regs[0]);
  uid_t uid = uid_t(regs[1].i);
  gid_t gid = gid_t(regs[2].i);
  return okErr(regs,
               regs[3].i ? ::chown(name.c_str(), uid, gid) : ::lchown(name.c_str(), uid, gid));
}

NativeStatus fchownFd(NativeCtx&, Value* regs) {
  return okErr(regs, ::fchown(int(regs[0].i), uid_t(regs[1].i), gid_t(regs[2].i)));
}

// func utimesPath(name string, asec, ansec, msec, mnsec int64) (errno int);
// a negative nanosecond count leaves that time unchanged (Go's zero Time).
NativeStatus utimesPath(NativeCtx&, Value* regs) {
  std::string name = str(regs[0]);
  struct timespec ts[2];
  for (int i = 0; i < 2; ++i) {
    ts[i].tv_sec = time_t(regs[1 + 2 * i].i);
    ts[i].tv_nsec = regs[2 + 2 * i].i < 0 ? UTIME_OMIT : long(regs[2 + 2 * i].i);
  }
  return okErr(regs, ::utimensat(AT_FDCWD, name.c_str(), ts, 0));
}

// func pipeFds() (r, w int, errno int)
NativeStatus pipeFds(NativeCtx&, Value* regs) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) < 0) {
    regs[0] = regs[1] = Value::ofInt(-1);
    regs[2] = Value::ofInt(errno);
    return NativeStatus::Ok;
  }
  regs[0] = Value::ofInt(fds[0]);
  regs[1] = Value::ofInt(fds[1]);
  regs[2] = Value::ofInt(0);
  return NativeStatus::Ok;
}

// func readlinkPath(name string) (string, errno int)
NativeStatus readlinkPath(NativeCtx& ctx, Value* regs) {
  std::string name = str(regs[0]);
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(name.c_str(), buf.data(), buf.size());
    if (n < 0) return ok2(regs, 0, errno);
    if (size_t(n) < buf.size()) {
      buf.resize(size_t(n));
      break;
    }
    buf.resize(buf.size() * 2);
  }
  regs[0] = ctx.newString(buf);
  regs[1] = Value::ofInt(0);
  return NativeStatus::Ok;
}

// func getwd() (string, errno int)
NativeStatus getwd(NativeCtx& ctx, Value* regs) {
  std::string buf(4096, '\0');
  if (!::getcwd(buf.data(), buf.size())) return ok2(regs, 0, errno);
  buf.resize(std::strlen(buf.c_str()));
  regs[0] = ctx.newString(buf);
  regs[1] = Value::ofInt(0);
  return NativeStatus::Ok;
}

// func hostname() (string, errno int)
NativeStatus hostname(NativeCtx& ctx, Value* regs) {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) < 0) return ok2(regs, 0, errno);
  regs[0] = ctx.newString(buf);
  regs[1] = Value::ofInt(0);
  return NativeStatus::Ok;
}

NativeStatus getpid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getpid());
  return NativeStatus::Ok;
}
NativeStatus getppid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getppid());
  return NativeStatus::Ok;
}
NativeStatus getuid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getuid());
  return NativeStatus::Ok;
}
NativeStatus getgid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getgid());
  return NativeStatus::Ok;
}
NativeStatus geteuid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::geteuid());
  return NativeStatus::Ok;
}
NativeStatus getegid(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getegid());
  return NativeStatus::Ok;
}
NativeStatus getpagesize(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::getpagesize());
  return NativeStatus::Ok;
}

// func executable() (string, errno int)
NativeStatus executable(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString("/proc/self/exe");
  return readlinkPath(ctx, regs);
}

// func lookupEnv(key string) (string, bool)
NativeStatus lookupEnv(NativeCtx& ctx, Value* regs) {
  const char* v = std::getenv(str(regs[0]).c_str());
  regs[0] = v ? ctx.newString(v) : Value();
  regs[1] = Value::ofBool(v != nullptr);
  return NativeStatus::Ok;
}

// func setenv(key, value string) (errno int)
NativeStatus setenv(NativeCtx&, Value* regs) {
  return okErr(regs, ::setenv(str(regs[0]).c_str(), str(regs[1]).c_str(), 1));
}

// func unsetenv(key string) (errno int)
NativeStatus unsetenv(NativeCtx&, Value* regs) {
  return okErr(regs, ::unsetenv(str(regs[0]).c_str()));
}

NativeStatus clearenv(NativeCtx&, Value*) {
  ::clearenv();
  return NativeStatus::Ok;
}

// func environ() string: "k=v" entries, each ended by a NUL.
NativeStatus environNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  for (char** e = environ; e && *e; ++e) {
    out += *e;
    out += '\0';
  }
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

// func randomUint32() uint32: names of temporary files.
NativeStatus randomUint32(NativeCtx&, Value* regs) {
  static std::mt19937 gen{std::random_device{}()};
  regs[0] = Value::ofInt(int64_t(uint32_t(gen())));
  return NativeStatus::Ok;
}

NativeStatus umask(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(::umask(mode_t(regs[0].i)));
  return NativeStatus::Ok;
}

// func errstr(errno int) string: Go's text of an errno, which is the C
// library's with a lower-case first letter ("no such file or directory").
NativeStatus errstr(NativeCtx& ctx, Value* regs) {
  int e = int(regs[0].i);
  std::string s = std::strerror(e);
  if (s.rfind("Unknown error", 0) == 0) s = "errno " + std::to_string(e);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
    s[0] = char(s[0] - 'A' + 'a');
  regs[0] = ctx.newString(s);
  return NativeStatus::Ok;
}

}  // namespace

void registerOsFileNatives() {
  static const vm::NativeEntry entries[] = {
      {"os.openFile", openFile},
      {"os.readFd", readFd},
      {"os.preadFd", preadFd},
      {"os.writeBytes", writeBytes},
      {"os.writeString", writeString},
      {"os.pwriteFd", pwriteFd},
      {"os.seekFd", seekFd},
      {"os.closeFd", closeFd},
      {"os.fsyncFd", fsyncFd},
      {"os.ftruncateFd", ftruncateFd},
      {"os.fchmodFd", fchmodFd},
      {"os.fchdirFd", fchdirFd},
      {"os.statPath", statPath},
      {"os.fstatFd", fstatFd},
      {"os.readDirFd", readDirFd},
      {"os.unlinkPath", unlinkPath},
      {"os.rmdirPath", rmdirPath},
      {"os.mkdirPath", mkdirPath},
      {"os.chmodPath", chmodPath},
      {"os.chdirPath", chdirPath},
      {"os.renamePath", renamePath},
      {"os.symlinkPath", symlinkPath},
      {"os.linkPath", linkPath},
      {"os.truncatePath", truncatePath},
      {"os.readlinkPath", readlinkPath},
      {"os.chownPath", chownPath},
      {"os.fchownFd", fchownFd},
      {"os.utimesPath", utimesPath},
      {"os.pipeFds", pipeFds},
      {"os.getwd", getwd},
      {"os.hostname", hostname},
      {"os.Getpid", getpid},
      {"os.Getppid", getppid},
      {"os.Getuid", getuid},
      {"os.Getgid", getgid},
      {"os.Geteuid", geteuid},
      {"os.Getegid", getegid},
      {"os.Getpagesize", getpagesize},
      {"os.executable", executable},
      {"os.lookupEnv", lookupEnv},
      {"os.setenv", setenv},
      {"os.unsetenv", unsetenv},
      {"os.Clearenv", clearenv},
      {"os.environ", environNative},
      {"os.randomUint32", randomUint32},
      {"os.umask", umask},
      {"syscall.errstr", errstr},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
