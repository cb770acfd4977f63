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
};

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
