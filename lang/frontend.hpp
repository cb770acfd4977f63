// Entry points of the front end: parse and check a program.
//
// Errors are collected as Diagnostics (Go's format when printed:
// "file:line:col: message"); nothing here throws to the caller.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/types.hpp"

namespace gol {

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string message;      // without the position, e.g. "undefined: x"
  std::string str() const;  // "file:line:col: message"
};

struct Diagnostics {
  std::vector<Diagnostic> list;
  // Go stops after 10 errors and prints "too many errors".
  static constexpr size_t kLimit = 10;
  void add(const std::string& file, Pos pos, std::string message);
  bool any() const { return !list.empty(); }
  bool full() const { return list.size() >= kLimit; }
};

// Parses one source file. On a syntax error, records Go-style diagnostics
// ("syntax error: unexpected newline, expected ...") and returns null.
// `filename` is used in diagnostics only.
std::unique_ptr<File> parseFile(const std::string& filename, const std::string& source,
                                Diagnostics& diags);

// Parses a type written in Go syntax (used for tests and tools).
Expr* parseTypeExpr(File& arena, const std::string& text, Diagnostics& diags);

// Supplies the gol source of a standard package ("strings", "math/rand"):
// returns false when no such package exists. Standard packages are written in
// gol; functions without a body are implemented natively by the runtime.
using PackageSource = std::function<bool(const std::string& path, std::string& source)>;

// A checked program: every package (main last), every type and symbol.
struct Program {
  TypeContext types;
  std::vector<std::unique_ptr<File>> files;
  std::vector<std::unique_ptr<Package>> packages;  // dependencies first, main last
  std::vector<std::unique_ptr<Symbol>> symbols;    // owner of all symbols
  std::vector<std::unique_ptr<FuncInfo>> funcInfos;
  Package* mainPackage = nullptr;
  bool scriptMode = false;
};

// Type-checks `mainFile` and the standard packages it imports (in script
// mode, standard packages are imported on first use of their name). Returns
// false with diagnostics on error (at most Diagnostics::kLimit, as Go).
bool checkProgram(Program& program, std::unique_ptr<File> mainFile, const PackageSource& packages,
                  Diagnostics& diags);

}  // namespace gol
