// Running child processes with captured output, a few at a time, each with a
// time limit. Used by the golden-test runner (fork + exec of gol itself) and
// by the REPL (fork + a function, to isolate a run's output and its crashes).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace gol::cli {

struct ChildSpec {
  // Either a program to exec (argv[0] is the path) ...
  std::vector<std::string> argv;
  // ... or, when argv is empty, a function run in the forked child; its
  // result is the child's exit code.
  std::function<int()> body;
  std::string cwd;              // empty: inherit
  bool ownProcessGroup = true;  // so that a timeout kills the whole group
};

struct ChildResult {
  std::string out, err;
  int exitCode = -1;  // when the child exited normally
  int signal = 0;     // when it was killed by a signal (not by us)
  bool timedOut = false;
  bool tooMuchOutput = false;
  std::string startError;  // fork/pipe/exec failure (exec failure: exit 127)
};

struct RunLimits {
  int jobs = 2;                      // children at a time
  double timeoutSeconds = 0;         // per child; 0 = none
  size_t maxOutputBytes = 64 << 20;  // per stream; the child is killed beyond
};

// Runs every spec, at most limits.jobs at once, stdin from /dev/null, stdout
// and stderr captured. `done(i, result)` is called as each child finishes
// (in completion order).
void runChildren(const std::vector<ChildSpec>& specs, const RunLimits& limits,
                 const std::function<void(size_t, ChildResult&&)>& done);

}  // namespace gol::cli
