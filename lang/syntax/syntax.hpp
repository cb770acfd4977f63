// The syntax stage: parse source into an AST, with Go's diagnostics.
//
// Errors are collected as Diagnostics (Go's format when printed:
// "file:line:col: message"); nothing here throws to the caller.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/syntax/ast.hpp"

namespace gol {

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string message;      // without the position, e.g. "undefined: x"
  std::string str() const;  // "file:line:col: message"
};

struct Diagnostics {
  std::vector<Diagnostic> list;
  // Go stops after 10 errors and prints "too many errors"; its -e flag
  // (`gol check -e`) lifts the limit.
  static constexpr size_t kLimit = 10;
  size_t limit = kLimit;
  void add(const std::string& file, Pos pos, std::string message);
  bool any() const { return !list.empty(); }
  bool full() const { return list.size() >= limit; }
};

// Parses one source file. On a syntax error, records Go-style diagnostics
// ("syntax error: unexpected newline, expected ...") and returns null.
// `filename` is used in diagnostics only.
std::unique_ptr<File> parseFile(const std::string& filename, const std::string& source,
                                Diagnostics& diags);

// Parses a type written in Go syntax (used for tests and tools).
Expr* parseTypeExpr(File& arena, const std::string& text, Diagnostics& diags);

}  // namespace gol
