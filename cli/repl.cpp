// The REPL's loop: one thread runs the VM's goroutines and, between time
// slices, reads the terminal through libedit's callback interface.
//
// Why one thread and not an editor thread: libedit is not thread-safe, and
// the prompt and the line being edited must be redrawn after goroutines
// print. With the callback interface the VM thread owns both: it waits in
// ppoll() on stdin, a self-pipe written by the SIGINT handler, and the next
// timer's deadline (no poll interval), hands each typed character to
// libedit, and while goroutines run it checks stdin without waiting, so
// typing stays live and timers keep firing while the prompt waits.
#include "cli/repl.hpp"

#include <editline/readline.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/pipeline.hpp"
#include "cli/repl_session.hpp"
#include "vm/vm.hpp"

#ifndef GOL_VERSION
#define GOL_VERSION "0.1.0"
#endif

namespace gol::cli {

namespace {

const char kHelp[] =
    "Enter Go statements, declarations and expressions (script mode: no\n"
    "package clause needed; standard packages are imported on first use).\n"
    "An entry continues over several lines while a bracket, string or\n"
    "comment is open or a line ends in an operator or a comma.\n"
    "\n"
    "The session is one live program: each entry runs once, as a goroutine;\n"
    "variables, goroutines, channels and timers persist. An expression's\n"
    "value is printed (strings quoted). Declaring a name again replaces it\n"
    "for later entries. Ctrl-C stops the running entry; Ctrl-D leaves.\n"
    "\n"
    "  :help              this text\n"
    "  :type EXPR         the type of EXPR, without evaluating it\n"
    "  :doc pkg.Name      declaration and summary of a standard package member\n"
    "  :load FILE         run a script file into the session\n"
    "  :save FILE         write the session as a Go program\n"
    "  :goroutines        every goroutine and what it waits on\n"
    "  :reset             forget everything (stops all goroutines)\n"
    "  :quit              leave (also Ctrl-D)\n";

// Whether an entry needs more lines: open brackets, raw strings, block
// comments, or a last token (a binary operator, a comma) after which Go
// inserts no semicolon.
struct Continuation {
  int depth = 0;
  bool inRaw = false;
  bool inBlockComment = false;
  bool trailingOperator = false;

  void scan(const std::string& line) {
    trailingOperator = false;
    char last = 0, beforeLast = 0;
    auto note = [&](char c) {
      if (c == ' ' || c == '\t' || c == '\r') return;
      beforeLast = last;
      last = c;
    };
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (inBlockComment) {
        if (c == '*' && i + 1 < line.size() && line[i + 1] == '/') inBlockComment = false, ++i;
        continue;
      }
      if (inRaw) {
        if (c == '`') inRaw = false, note('`');
        continue;
      }
      if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') break;
      if (c == '/' && i + 1 < line.size() && line[i + 1] == '*') {
        inBlockComment = true, ++i;
        continue;
      }
      if (c == '`') {
        inRaw = true;
        continue;
      }
      if (c == '"' || c == '\'') {
        for (++i; i < line.size() && line[i] != c; ++i)
          if (line[i] == '\\') ++i;
        note(c);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      note(c);
    }
    if (last != 0 && std::string("+-*/%&|^<>=,.!").find(last) != std::string::npos) {
      bool incDec = (last == '+' || last == '-') && beforeLast == last;
      trailingOperator = !incDec;
    }
  }
  bool open() const { return depth > 0 || inRaw || inBlockComment || trailingOperator; }
};

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void writeAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    off += size_t(n);
  }
}

// The SIGINT handler's only channel to the loop.
volatile sig_atomic_t gInterrupted = 0;
int gSigPipe[2] = {-1, -1};
void onSigint(int) {
  gInterrupted = 1;
  char c = 1;
  ssize_t r = ::write(gSigPipe[1], &c, 1);
  (void)r;
}

class Repl;
Repl* gRepl = nullptr;  // libedit's callbacks are plain functions

class Repl {
 public:
  Repl(const runtime::RunOptions& options, bool tty) : options_(options), tty_(tty) {
    newSession();
  }

  int run();

  // libedit callbacks
  void onLine(const char* line);
  void beforeOutput();
  void afterOutput();
  char** complete(const char* text, int start);

 private:
  void newSession();
  void feedLine(const std::string& line);
  void submit(const std::string& entry);
  void command(const std::string& cmd);
  void startPrompt();
  void stopPrompt();
  void hidePrompt();
  void ended(runtime::LiveVm::Outcome o);
  void interrupt();
  void waitForEvents(int64_t timeoutNs);
  bool nextBufferedLine(std::string& line);

  runtime::RunOptions options_;
  bool tty_;
  std::unique_ptr<ReplSession> session_;
  bool prompting_ = false;     // libedit shows a prompt and reads keys
  bool promptHidden_ = false;  // output cleared the prompt's line: redraw it
  bool atLineStart_ = true;    // the last byte written to the terminal was '\n'
  bool inEntry_ = false;       // a continuation is being read
  std::string pending_;        // the entry's lines so far
  Continuation cont_;
  bool quit_ = false;
  int failures_ = 0;
  std::string historyFile_;
  // Non-terminal input: bytes read but not yet taken as lines.
  std::string inBuf_;
  bool eof_ = false;
  std::vector<std::string> completions_;
};

void lineHandler(char* line) {
  gRepl->onLine(line);
  std::free(line);
}

char** attemptedCompletion(const char* text, int start, int) {
  return gRepl->complete(text, start);
}

char** Repl::complete(const char* text, int start) {
  rl_attempted_completion_over = 1;  // no file-name completion
  std::string before(rl_line_buffer, size_t(std::max(0, start)));
  completions_ = session_->complete(before, text);
  if (completions_.empty()) return nullptr;
  // libedit frees the array and its strings: [0] is the common prefix.
  auto** out = static_cast<char**>(std::malloc((completions_.size() + 2) * sizeof(char*)));
  std::string common = completions_[0];
  for (const std::string& c : completions_) {
    size_t k = 0;
    while (k < common.size() && k < c.size() && common[k] == c[k]) ++k;
    common.resize(k);
  }
  out[0] = strdup(common.c_str());
  for (size_t i = 0; i < completions_.size(); ++i) out[i + 1] = strdup(completions_[i].c_str());
  out[completions_.size() + 1] = nullptr;
  if (completions_.size() == 1) {  // a unique match replaces the word
    std::free(out[1]);
    out[1] = nullptr;
  }
  return out;
}

void Repl::startPrompt() {
  if (!tty_) return;
  if (!atLineStart_) {
    writeAll(1, "\n");
    atLineStart_ = true;
  }
  rl_callback_handler_install(inEntry_ ? "...  " : "gol> ", lineHandler);
  prompting_ = true;
}

void Repl::stopPrompt() {
  if (!prompting_) return;
  rl_callback_handler_remove();
  prompting_ = false;
}

// Before anything is written while the prompt is up: clear its line.
void Repl::hidePrompt() {
  if (prompting_ && !promptHidden_) {
    writeAll(1, "\r\033[K");
    promptHidden_ = true;
  }
}

void beforeOutputThunk(void* repl) {
  static_cast<Repl*>(repl)->beforeOutput();
}

// Before the VM writes a panic or a fatal error: clear the prompt's line
// and write what is pending on stdout first.
void Repl::beforeOutput() {
  hidePrompt();
  std::string_view out = session_->live().pendingStdout();
  if (!out.empty()) {
    atLineStart_ = out.back() == '\n';
    session_->live().flushStdout();
  }
}

// Writes what goroutines printed, then redraws the prompt and the line.
void Repl::afterOutput() {
  std::string_view out = session_->live().pendingStdout();
  if (!out.empty()) {
    hidePrompt();
    atLineStart_ = out.back() == '\n';
    session_->live().flushStdout();
  }
  if (promptHidden_) {
    if (!atLineStart_) writeAll(1, "\n");
    atLineStart_ = true;
    promptHidden_ = false;
    rl_forced_update_display();
  }
}

void Repl::newSession() {
  session_ = std::make_unique<ReplSession>(options_);
  session_->live().stopOn(&gInterrupted);  // Ctrl-C is seen between time slices
}

void Repl::onLine(const char* line) {
  // libedit has left its editing mode; the prompt is gone.
  prompting_ = false;
  atLineStart_ = true;
  if (!line) {  // Ctrl-D
    writeAll(1, "\n");
    quit_ = true;
    return;
  }
  feedLine(line);
}

void Repl::feedLine(const std::string& line) {
  if (!inEntry_) {
    std::string t = trim(line);
    if (t.empty()) return;
    if (t[0] == ':') {
      if (tty_) add_history(t.c_str());
      command(t);
      return;
    }
  }
  if (inEntry_)
    pending_ += "\n" + line;
  else
    pending_ = line;
  inEntry_ = true;
  cont_.scan(line);
  if (cont_.open()) return;
  std::string entry = pending_;
  pending_.clear();
  inEntry_ = false;
  cont_ = Continuation();
  if (tty_) add_history(entry.c_str());
  submit(entry);
}

void Repl::submit(const std::string& entry) {
  std::fflush(stdout);
  if (!session_->submit(entry)) ++failures_;
}

void Repl::ended(runtime::LiveVm::Outcome o) {
  using O = runtime::LiveVm::Outcome;
  if (o == O::Failed) ++failures_;
  if (o == O::Interrupted) {
    ++failures_;
    session_->live().flushStdout();
    std::fprintf(stderr, "%sinterrupted\n", tty_ ? "\n" : "");
    std::fflush(stderr);
    atLineStart_ = true;
  }
}

void Repl::interrupt() {
  gInterrupted = 0;
  if (session_->live().entryActive()) {
    auto o = session_->live().interrupt();
    if (o != runtime::LiveVm::Outcome::Running) ended(o);
    return;
  }
  if (prompting_) {
    // Ctrl-C at the prompt or in a continuation: drop what was typed.
    stopPrompt();
    writeAll(1, "^C\n");
    atLineStart_ = true;
    pending_.clear();
    inEntry_ = false;
    cont_ = Continuation();
  }
}

void Repl::command(const std::string& t) {
  std::string name = t, arg;
  size_t sp = t.find_first_of(" \t");
  if (sp != std::string::npos) {
    name = t.substr(0, sp);
    arg = trim(t.substr(sp));
  }
  if (name == ":quit" || name == ":q" || name == ":exit") {
    quit_ = true;
  } else if (name == ":help" || name == ":h" || name == ":?") {
    std::fputs(kHelp, stdout);
  } else if (name == ":type" || name == ":t") {
    std::string out;
    if (session_->typeOf(arg, out)) std::printf("%s\n", out.c_str());
  } else if (name == ":doc") {
    std::string out;
    if (session_->doc(arg, out)) std::fputs(out.c_str(), stdout);
  } else if (name == ":goroutines" || name == ":g") {
    std::string r = session_->live().goroutineReport();
    std::fputs(r.empty() ? "no goroutines\n" : r.c_str() + 1, stdout);
  } else if (name == ":reset") {
    session_.reset();
    newSession();
  } else if (name == ":load") {
    std::string text, error;
    if (arg.empty()) {
      std::fprintf(stderr, "usage: :load FILE\n");
    } else if (!readSource(arg, text, error)) {
      std::fprintf(stderr, "gol: %s\n", error.c_str());
      ++failures_;
    } else {
      submit(text);
    }
  } else if (name == ":save") {
    if (arg.empty()) {
      std::fprintf(stderr, "usage: :save FILE\n");
    } else {
      std::ofstream f(arg);
      f << session_->goProgram();
      if (!f) std::fprintf(stderr, "gol: cannot write %s\n", arg.c_str());
    }
  } else {
    std::fprintf(stderr, "unknown command %s (:help lists them)\n", name.c_str());
  }
  std::fflush(stdout);
  std::fflush(stderr);
}

bool Repl::nextBufferedLine(std::string& line) {
  size_t nl = inBuf_.find('\n');
  if (nl == std::string::npos) {
    if (!eof_ || inBuf_.empty()) return false;
    line = inBuf_;  // a last line without a newline
    inBuf_.clear();
    return true;
  }
  line = inBuf_.substr(0, nl);
  inBuf_.erase(0, nl + 1);
  return true;
}

// Sleeps until input, Ctrl-C or `timeoutNs` (-1: no timeout).
void Repl::waitForEvents(int64_t timeoutNs) {
  pollfd fds[2];
  int n = 0;
  fds[n++] = {gSigPipe[0], POLLIN, 0};
  bool wantInput = tty_ ? prompting_ : (!eof_ && !session_->live().entryActive());
  if (wantInput) fds[n++] = {0, POLLIN, 0};
  timespec ts{}, *tp = nullptr;
  if (timeoutNs >= 0) {
    ts.tv_sec = timeoutNs / 1000000000;
    ts.tv_nsec = timeoutNs % 1000000000;
    tp = &ts;
  }
  std::fflush(stdout);
  int r = ::ppoll(fds, nfds_t(n), tp, nullptr);
  if (r <= 0) return;
  if (fds[0].revents) {
    char buf[64];
    while (::read(gSigPipe[0], buf, sizeof buf) > 0) {
    }
  }
  if (n > 1 && fds[1].revents) {
    if (tty_) {
      rl_callback_read_char();
    } else {
      char buf[1 << 16];
      ssize_t k = ::read(0, buf, sizeof buf);
      if (k > 0)
        inBuf_.append(buf, size_t(k));
      else if (k == 0 || errno != EINTR)
        eof_ = true;
    }
  }
}

int Repl::run() {
  using O = runtime::LiveVm::Outcome;
  gRepl = this;
  if (::pipe2(gSigPipe, O_CLOEXEC | O_NONBLOCK) != 0) return 1;
  struct sigaction sa {
  }, oldSa{};
  sa.sa_handler = onSigint;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, &oldSa);
  if (tty_) {
    rl_readline_name = const_cast<char*>("gol");
    rl_catch_signals = 0;
    rl_attempted_completion_function = attemptedCompletion;
    rl_completion_append_character = 0;  // `strings.ToUpper` is followed by `(`, not a space
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(.,[+-*/%!^:)]}";
    if (const char* home = std::getenv("HOME")) {
      historyFile_ = std::string(home) + "/.gol_history";
      ::read_history(historyFile_.c_str());
    }
    std::printf("gol %s (script mode). :help for help, Ctrl-D to quit.\n", GOL_VERSION);
    std::fflush(stdout);
  }
  int code = 0;
  bool exited = false;
  try {
    while (!quit_) {
      if (gInterrupted) interrupt();
      runtime::LiveVm& live = session_->live();
      if (live.runnable()) {
        O o = live.run(64, beforeOutputThunk, this);
        afterOutput();
        if (o != O::Running) ended(o);
        // Keys typed meanwhile, without waiting.
        if (prompting_ || !tty_) waitForEvents(0);
        continue;
      }
      int64_t wait = live.serviceTimers();
      if (live.runnable()) continue;
      afterOutput();
      if (live.entryActive()) {
        if (wait < 0) {
          live.reportDeadlock();
          ++failures_;
          continue;
        }
      } else if (tty_) {
        if (!prompting_) startPrompt();
      } else {
        std::string line;
        bool took = false;
        while (!live.entryActive() && !quit_ && nextBufferedLine(line)) {
          feedLine(line);
          took = true;
        }
        if (took) continue;
        if (eof_) {
          if (inEntry_) {  // the input ended inside an entry
            inEntry_ = false;
            submit(pending_);
            continue;
          }
          break;
        }
      }
      waitForEvents(wait);
    }
  } catch (const vm::ExitRequest& e) {
    session_->live().flushStdout();
    code = e.code;
    exited = true;
  }
  stopPrompt();
  std::fflush(stdout);
  if (tty_ && !historyFile_.empty()) ::write_history(historyFile_.c_str());
  ::sigaction(SIGINT, &oldSa, nullptr);
  if (exited) return code;  // os.Exit(n)
  return !tty_ && failures_ > 0 ? 1 : 0;
}

}  // namespace

int runRepl(const runtime::RunOptions& options) {
  // libedit's wide-character input needs the locale's character set; Go
  // source is UTF-8, so fall back to C.UTF-8 when the environment says C.
  // Only LC_CTYPE: number formatting must not follow the locale.
  std::setlocale(LC_CTYPE, "");
  if (MB_CUR_MAX == 1) std::setlocale(LC_CTYPE, "C.UTF-8");
  bool tty = ::isatty(0) && ::isatty(1);
  Repl repl(options, tty);
  return repl.run();
}

}  // namespace gol::cli
