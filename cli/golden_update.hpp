// `gol test -update`: rewriting golden .out files from what Go does
// (docs/golden-format.md), the way tests/oracle.sh checks them; from gol's
// own output only when asked to explicitly (-update-from-gol).
#pragma once

#include <string>
#include <vector>

#include "cli/test_runner.hpp"

namespace gol::cli {

// Why Go cannot judge a program, or "" when it can: a script-mode file (no
// package clause) or one marked `// oracle: skip (...)` before its package
// clause (tests/oracle.sh's rule).
std::string whyGoCannotJudge(const std::string& source);

// The stderr lines a golden keeps of a failing run: everything up to the
// first goroutine trace header, that header included only for goroutine 1
// (other goroutines' numbers differ between Go and gol).
std::vector<std::string> goldenStderrPrefix(const std::string& stderrText);

// The text of a .out file for a run, or "" with `error` set when the run
// cannot be written as a golden (output without a final newline before a
// trailer).
std::string composeGolden(const std::string& stdoutText, const std::string& stderrText,
                          int exitCode, std::string& error);

// Rewrites the .out file of each program: from Go when Go can judge it and
// `go` is on PATH, else from gol when options.updateFromGol, else refuses
// (naming the program). One line per program; returns the exit code (0 when
// every program was updated or unchanged, 1 otherwise).
int updateGoldens(const std::vector<std::string>& programs, const TestOptions& options);

}  // namespace gol::cli
