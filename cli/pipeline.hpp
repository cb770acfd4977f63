// The path from a source file to a finished run, shared by `gol run`,
// `gol check`, `gol disasm`, the REPL and (through `gol run`) the test runner.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "bytecode/program.hpp"
#include "lang/check/check.hpp"
#include "runtime/run.hpp"

namespace gol::cli {

// Reads a whole source file. On failure returns false and sets `error` to a
// Go-style message without the "gol: " prefix ("open x.gol: no such file or
// directory", "read adir: is a directory"). A leading "#!" line is turned
// into a comment (same length, so positions stay right) for scripts.
bool readSource(const std::string& path, std::string& text, std::string& error);

// How far the front end goes.
enum class Stage { Check, Compile };

// Everything a compilation produces. The checked program stays alive as long
// as the bytecode, which may refer to it.
struct Compilation {
  Program program;
  std::unique_ptr<vm::Program> code;  // set when Stage::Compile succeeded
  Diagnostics diags;
};

// Parses, checks and (for Stage::Compile) compiles `source`. Returns false
// with diagnostics in `out.diags` on any error. `filename` is the name used
// in diagnostics. Runs on the caller's stack: wrap in runOnLargeStack.
bool buildProgram(const std::string& filename, const std::string& source, Stage stage,
                  Compilation& out);

// Prints "file:line:col: message" per diagnostic to stderr, then Go's
// "too many errors" line when the checker stopped at Diagnostics::kLimit.
void printDiagnostics(const Diagnostics& diags);

// The lines printDiagnostics would print, without their newlines.
std::vector<std::string> diagnosticLines(const Diagnostics& diags);

// Compiles and runs `source`; prints diagnostics and returns the process
// exit code (1 for compile errors). Runs on the caller's stack.
int compileAndRun(const std::string& filename, const std::string& source,
                  const runtime::RunOptions& options);

// Runs `fn` on a thread with a 1 GB stack (reserved, not committed) so that
// deeply nested source cannot overflow the C++ stack in the recursive front
// end; falls back to smaller stacks, then to the caller's thread. Exceptions
// thrown by `fn` are rethrown here. Returns fn's result.
int runOnLargeStack(const std::function<int()>& fn);

}  // namespace gol::cli
