// The interactive REPL (`gol`, `gol repl`): script-mode input, one entry at
// a time, each run once in one live VM (cli/repl_session.hpp) while the
// session's other goroutines and timers go on.
#pragma once

#include "runtime/run.hpp"

namespace gol::cli {

// Reads from the terminal with line editing (libedit), or plainly from a
// non-terminal stdin. Returns the exit code: os.Exit's; for non-terminal
// input 1 when an entry failed; else 0.
int runRepl(const runtime::RunOptions& options);

}  // namespace gol::cli
