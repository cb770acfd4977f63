// SIGINT while `gol run` runs: the program's buffered stdout is written
// before the process dies of the signal, as it would be had Go written it
// (Go does not buffer os.Stdout).
#pragma once

#include <csignal>

namespace gol::runtime {

// Installs the handler (it only records the signal). The scheduler polls
// interruptPending() between time slices.
void catchInterrupt();
bool interruptPending();
// Restores the default action and raises SIGINT again: the exit status
// says "killed by SIGINT", as without the handler.
[[noreturn]] void dieOfInterrupt();

}  // namespace gol::runtime
