// The REPL's compile stage: each checked entry is compiled into new code
// appended to one live vm::Program (functions, run-time types, globals),
// which the VM keeps running; nothing compiled earlier is compiled again.
#pragma once

#include <memory>
#include <unordered_map>
#include <utility>

#include "bytecode/program.hpp"
#include "lang/check/session.hpp"

namespace gol {

class ProgramCompiler;

class IncrementalCompiler {
 public:
  explicit IncrementalCompiler(Program& program);
  ~IncrementalCompiler();
  IncrementalCompiler(const IncrementalCompiler&) = delete;
  IncrementalCompiler& operator=(const IncrementalCompiler&) = delete;

  // The live program; it only grows (a failed entry may leave functions
  // that nothing calls).
  vm::Program& program();

  // Compiles what `entry` added: the packages imported since the last
  // entry, the entry's functions, methods and literals, and its
  // statements. Returns the index of the entry's function, which
  // initialises the new packages and the entry's globals, then runs the
  // statements; -1 with diagnostics when something cannot be compiled.
  int compileEntry(const CheckedEntry& entry, Diagnostics& diags);

 private:
  std::unique_ptr<Diagnostics> diags_;  // ProgramCompiler reports here
  std::unique_ptr<ProgramCompiler> pc_;
  size_t compiledPackages_ = 0;
  // Per package other than main: functions and literals compiled so far.
  std::unordered_map<Package*, std::pair<size_t, size_t>> compiledFuncs_;
};

}  // namespace gol
