// Running a compiled program: the one entry point the CLI uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bytecode/program.hpp"

namespace gol::runtime {

enum class OnPanic { Exit, Log };

struct RunOptions {
  std::optional<uint64_t> seed;     // --seed N; random when absent
  bool virtualTime = false;         // --virtual-time
  OnPanic onPanic = OnPanic::Exit;  // --on-panic=exit|log
  std::vector<std::string> args;    // os.Args: program path first
  // --max-heap: the live heap may not exceed this many bytes (0: no cap);
  // past it the program ends with Go's "fatal error: runtime: out of
  // memory" (exit 2). GOMEMLIMIT, read as Go reads it, is a soft limit.
  uint64_t maxHeap = 0;
  // For fuzzing: end the run (exit kBudgetExitCode, a message on stderr)
  // after about this many calls and loop back-edges (0: no budget).
  uint64_t maxInstructions = 0;
};

inline constexpr int kBudgetExitCode = 3;

// A memory size as GOMEMLIMIT spells it: a number of bytes with an optional
// unit B, KiB, MiB, GiB or TiB. False when malformed.
bool parseMemorySize(const std::string& text, uint64_t* bytes);

// Binds natives, runs the program's entry function on goroutine 1 and the
// scheduler until main returns, then flushes stdout. Returns the process
// exit code: 0, 2 for an unrecovered panic or a fatal error (deadlock,
// stack overflow), or the code given to os.Exit. Never throws.
int runProgram(vm::Program& program, const RunOptions& options);

// The gol source of an embedded standard package (generated from
// runtime/lib/*.gol by cmake/embed_packages.cmake).
bool embeddedPackageSource(const std::string& path, std::string& out);
// The paths of every embedded standard package ("fmt", "math/rand", ...).
std::vector<std::string> embeddedPackagePaths();

}  // namespace gol::runtime
