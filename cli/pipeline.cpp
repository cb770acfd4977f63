#include "cli/pipeline.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include "lang/compile/compiler.hpp"
#include "lang/syntax/embed.hpp"

namespace gol::cli {

namespace {

// Go prints OS errors in lower case ("no such file or directory").
std::string osError(int err) {
  std::string s = std::strerror(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z')))
    s[0] = char(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

bool readSource(const std::string& path, std::string& text, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "open " + path + ": " + osError(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "read " + path + ": is a directory";
    return false;
  }
  text.clear();
  if (st.st_size > 0) text.reserve(size_t(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "read " + path + ": " + osError(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    text.append(buf, size_t(n));
  }
  ::close(fd);
  if (text.size() >= 2 && text[0] == '#' && text[1] == '!') {
    text[0] = '/';
    text[1] = '/';
  }
  return true;
}

bool buildProgram(const std::string& filename, const std::string& source, Stage stage,
                  Compilation& out) {
  std::unique_ptr<File> file = parseFile(filename, source, out.diags);
  if (!file || out.diags.any()) return false;
  size_t slash = filename.rfind('/');
  std::string dir = slash == std::string::npos ? "." : filename.substr(0, slash + 1);
  if (!resolveEmbeds(*file, source, dir, out.diags)) return false;
  PackageSource packages = [](const std::string& path, std::string& src) {
    return runtime::embeddedPackageSource(path, src);
  };
  if (!checkProgram(out.program, std::move(file), packages, out.diags) || out.diags.any())
    return false;
  if (stage == Stage::Check) return true;
  out.code = compileProgram(out.program, out.diags);
  return out.code != nullptr && !out.diags.any();
}

std::vector<std::string> diagnosticLines(const Diagnostics& diags) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : diags.list) lines.push_back(d.str());
  if (diags.full() && diags.list.back().message != "too many errors") {
    Diagnostic last = diags.list.back();
    last.message = "too many errors";
    lines.push_back(last.str());
  }
  return lines;
}

void printDiagnostics(const Diagnostics& diags) {
  std::fflush(stdout);
  std::cout.flush();
  for (const std::string& line : diagnosticLines(diags)) {
    std::fputs(line.c_str(), stderr);
    std::fputc('\n', stderr);
  }
  std::fflush(stderr);
}

int compileAndRun(const std::string& filename, const std::string& source,
                  const runtime::RunOptions& options) {
  auto c = std::make_unique<Compilation>();
  if (!buildProgram(filename, source, Stage::Compile, *c)) {
    printDiagnostics(c->diags);
    return 1;
  }
  int code = runtime::runProgram(*c->code, options);
  std::cout.flush();
  std::fflush(stdout);
  return code;
}

namespace {

struct ThreadCall {
  const std::function<int()>* fn;
  int result = 0;
  std::exception_ptr error;
  sigset_t mask;  // the program's signal mask, restored on the new thread
};

void* threadMain(void* arg) {
  auto* call = static_cast<ThreadCall*>(arg);
  pthread_sigmask(SIG_SETMASK, &call->mask, nullptr);
  try {
    call->result = (*call->fn)();
  } catch (...) {
    call->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

int runOnLargeStack(const std::function<int()>& fn) {
  ThreadCall call{&fn, 0, nullptr, {}};
  // The waiting thread blocks every signal, so that a signal sent to the
  // process reaches the interpreter's thread: os/signal reads the ones a
  // program asks for from a signalfd, which needs them blocked in every
  // thread, and the others keep their default action there.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &call.mask);
  struct RestoreMask {
    sigset_t* mask;
    ~RestoreMask() { pthread_sigmask(SIG_SETMASK, mask, nullptr); }
  } restore{&call.mask};
  for (size_t size : {size_t(1) << 30, size_t(256) << 20, size_t(64) << 20}) {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) break;
    pthread_t thread;
    bool started = pthread_attr_setstacksize(&attr, size) == 0 &&
                   pthread_create(&thread, &attr, threadMain, &call) == 0;
    pthread_attr_destroy(&attr);
    if (!started) continue;
    // SIGINT must reach the thread that runs the program (its handler
    // interrupts that thread's sleeps), not this one, waiting in join.
    sigset_t intSet, oldSet;
    sigemptyset(&intSet);
    sigaddset(&intSet, SIGINT);
    pthread_sigmask(SIG_BLOCK, &intSet, &oldSet);
    pthread_join(thread, nullptr);
    pthread_sigmask(SIG_SETMASK, &oldSet, nullptr);
    if (call.error) std::rethrow_exception(call.error);
    return call.result;
  }
  // No thread could be made: the caller's stack will have to do.
  pthread_sigmask(SIG_SETMASK, &call.mask, nullptr);
  return fn();
}

}  // namespace gol::cli
