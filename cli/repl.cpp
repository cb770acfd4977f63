#include "cli/repl.hpp"

#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cli/pipeline.hpp"
#include "cli/subprocess.hpp"

#ifndef GOL_VERSION
#define GOL_VERSION "0.1.0"
#endif

namespace gol::cli {

namespace {

const char* const kReplName = "repl";  // the file name in diagnostics and os.Args[0]

const char kHelp[] =
    "Enter Go statements and declarations (script mode: no package clause;\n"
    "standard packages are imported on first use). An entry continues over\n"
    "several lines while a bracket, string or comment is open. An entry that\n"
    "is only an expression prints its value.\n"
    "\n"
    "After every entry the whole session is checked and run again from the\n"
    "start, and only the output beyond the previous run's is shown: side\n"
    "effects of earlier entries (sleeps, output to stderr) repeat. An entry\n"
    "that does not compile, panics or exits is reported and discarded.\n"
    "\n"
    "  :help     this text\n"
    "  :script   print the session so far\n"
    "  :reset    forget the session\n"
    "  :quit     leave (also Ctrl-D)\n";

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
    if (std::string("+-*/%&|^<>=,.!").find(last) != std::string::npos && last != 0) {
      bool incDec = (last == '+' || last == '-') && beforeLast == last;
      trailingOperator = !incDec;
    }
  }
  bool open() const { return depth > 0 || inRaw || inBlockComment || trailingOperator; }
};

volatile sig_atomic_t interrupted = 0;  // Ctrl-C at the prompt

class LineReader {
 public:
  LineReader() : tty_(::isatty(0) && ::isatty(1)) {
    if (!tty_) return;
    if (const char* home = std::getenv("HOME")) {
      historyFile_ = std::string(home) + "/.gol_history";
      ::read_history(historyFile_.c_str());
    }
  }
  ~LineReader() {
    if (tty_ && !historyFile_.empty()) ::write_history(historyFile_.c_str());
  }
  bool interactive() const { return tty_; }

  // False at end of input. Ctrl-C at the prompt drops the line being typed.
  bool read(const char* prompt, std::string& line) {
    if (!tty_) return static_cast<bool>(std::getline(std::cin, line));
    interrupted = 0;
    struct sigaction onInt {
    }, old{};
    onInt.sa_handler = [](int) { interrupted = 1; };
    ::sigaction(SIGINT, &onInt, &old);
    char* raw = ::readline(prompt);
    ::sigaction(SIGINT, &old, nullptr);
    if (!raw && interrupted) {
      line.clear();
      std::printf("\n");
      return true;
    }
    if (!raw) return false;
    line = raw;
    std::free(raw);
    return true;
  }
  void remember(const std::string& entry) {
    if (tty_ && !entry.empty()) ::add_history(entry.c_str());
  }

 private:
  bool tty_;
  std::string historyFile_;
};

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

size_t countLines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class Session {
 public:
  explicit Session(runtime::RunOptions options) : options_(std::move(options)) {
    // One seed for the session, so that re-runs replay the same choices.
    if (!options_.seed) options_.seed = std::random_device{}();
    options_.args = {kReplName};
  }

  void reset() {
    script_.clear();
    shownOut_ = shownErr_ = 0;
  }
  const std::string& script() const { return script_; }

  void submit(const std::string& entry) {
    std::string candidate = script_ + entry + "\n";
    auto c = std::make_unique<Compilation>();
    if (compile(candidate, *c)) {
      if (execute(*c, true)) script_ = candidate;
      return;
    }
    // An expression alone: print its value without keeping the entry.
    if (entry.find('\n') == std::string::npos) {
      auto e = std::make_unique<Compilation>();
      if (compile(script_ + "fmt.Println(" + entry + ")\n", *e)) {
        execute(*e, false);
        return;
      }
    }
    reportDiagnostics(c->diags, countLines(script_) + 1);
  }

 private:
  runtime::RunOptions options_;
  std::string script_;
  size_t shownOut_ = 0, shownErr_ = 0;

  bool compile(const std::string& source, Compilation& c) {
    return runOnLargeStack(
               [&] { return buildProgram(kReplName, source, Stage::Compile, c) ? 1 : 0; }) == 1;
  }

  // Diagnostics inside the entry are numbered from its first line.
  void reportDiagnostics(const Diagnostics& diags, size_t entryLine) {
    for (std::string line : diagnosticLines(diags)) {
      std::string prefix = std::string(kReplName) + ":";
      if (line.compare(0, prefix.size(), prefix) == 0) {
        size_t colon = line.find(':', prefix.size());
        std::string num = line.substr(prefix.size(), colon - prefix.size());
        if (colon != std::string::npos && !num.empty() &&
            num.find_first_not_of("0123456789") == std::string::npos) {
          size_t n = std::stoul(num);
          if (n >= entryLine)
            line = prefix + std::to_string(n - entryLine + 1) + line.substr(colon);
        }
      }
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }

  // Runs the compiled session in a child process (its crashes, os.Exit and
  // leftovers stay there) and shows the output beyond what was shown.
  // Returns whether the run succeeded.
  bool execute(Compilation& c, bool keep) {
    ChildSpec spec;
    spec.ownProcessGroup = false;  // Ctrl-C reaches the child
    vm::Program* code = c.code.get();
    runtime::RunOptions options = options_;
    spec.body = [code, options] { return runtime::runProgram(*code, options); };
    ChildResult result;
    struct sigaction ignore {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGINT, &ignore, &old);
    runChildren({spec}, RunLimits{}, [&](size_t, ChildResult&& r) { result = std::move(r); });
    ::sigaction(SIGINT, &old, nullptr);

    auto show = [](const std::string& text, size_t from, std::FILE* to) {
      if (text.size() > from) std::fwrite(text.data() + from, 1, text.size() - from, to);
      std::fflush(to);
    };
    show(result.out, shownOut_, stdout);
    show(result.err, shownErr_, stderr);
    bool ok = result.startError.empty() && result.signal == 0 && result.exitCode == 0;
    if (!result.out.empty() && result.out.back() != '\n' && result.out.size() > shownOut_)
      std::fputc('\n', stdout);  // keep the prompt on its own line
    if (!result.startError.empty())
      std::fprintf(stderr, "gol: %s\n", result.startError.c_str());
    else if (result.signal == SIGINT)
      std::fprintf(stderr, "interrupted; entry discarded\n");
    else if (result.signal != 0)
      std::fprintf(stderr, "killed by signal %d; entry discarded\n", result.signal);
    else if (result.exitCode != 0)
      std::fprintf(stderr, "exit status %d; entry discarded\n", result.exitCode);
    if (ok && keep) {
      shownOut_ = result.out.size();
      shownErr_ = result.err.size();
    }
    return ok;
  }
};

}  // namespace

int runRepl(const runtime::RunOptions& options) {
  LineReader reader;
  Session session(options);
  if (reader.interactive())
    std::printf("gol %s (script mode). :help for help, Ctrl-D to quit.\n", GOL_VERSION);

  for (;;) {
    std::string line;
    if (!reader.read("gol> ", line)) break;
    std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == ':') {
      reader.remember(t);
      if (t == ":quit" || t == ":q" || t == ":exit") break;
      if (t == ":help" || t == ":h" || t == ":?") {
        std::fputs(kHelp, stdout);
      } else if (t == ":reset") {
        session.reset();
      } else if (t == ":script") {
        std::fputs(session.script().c_str(), stdout);
      } else {
        std::fprintf(stderr, "unknown command %s (:help lists them)\n", t.c_str());
      }
      continue;
    }
    std::string entry = line;
    Continuation cont;
    cont.scan(line);
    bool cancelled = false;
    while (cont.open()) {
      if (!reader.read("...  ", line)) {
        cancelled = true;
        break;
      }
      entry += "\n" + line;
      cont.scan(line);
    }
    reader.remember(entry);
    if (cancelled && reader.interactive()) {
      std::printf("\n");  // Ctrl-D inside an entry drops the entry
      continue;
    }
    session.submit(entry);
    if (cancelled) break;
  }
  if (reader.interactive()) std::printf("\n");
  return 0;
}

}  // namespace gol::cli
