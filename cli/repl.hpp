// The interactive REPL (`gol`, `gol repl`): script-mode input, one entry at
// a time. First version: the whole session is re-checked and re-run after
// every entry, and only the output beyond the previous run's is shown.
#pragma once

#include "runtime/run.hpp"

namespace gol::cli {

// Reads from the terminal with line editing (libedit), or plainly from a
// non-terminal stdin. Returns the exit code (0).
int runRepl(const runtime::RunOptions& options);

}  // namespace gol::cli
