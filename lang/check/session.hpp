// The check stage of a REPL session: one checked Program that grows by one
// script-mode entry at a time. Each entry is checked against the session
// scope (everything earlier entries declared); on success its declarations
// are bound there, replacing earlier bindings of the same names, and its
// top-level variables become package-level variables so that later entries
// (and goroutines still running) share them.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "lang/check/check.hpp"

namespace gol {

struct CheckContext;

struct Scope;

// What one checked entry adds to the program, for the compiler.
struct CheckedEntry {
  File* file = nullptr;
  FuncInfo* script = nullptr;    // the entry's statements as a function body
  size_t firstFunc = 0;          // main package's funcs[firstFunc..) are new
  size_t firstLit = 0;           // main package's funcLits[firstLit..) are new
  std::vector<Symbol*> globals;  // top-level variables the entry declares
  // Named types of earlier entries that gained or replaced methods: their
  // run-time method tables must be rebuilt.
  std::vector<const Type*> methodsChanged;
};

// What an expression entry denotes, without running it.
struct ExprInfo {
  Mode mode = Mode::Invalid;
  const Type* type = nullptr;  // a Tuple for a call with several results
  std::string callee;          // a call of a declared function: "fmt.Println"
};

class CheckSession {
 public:
  explicit CheckSession(PackageSource packages);
  ~CheckSession();
  CheckSession(const CheckSession&) = delete;
  CheckSession& operator=(const CheckSession&) = delete;

  Program& program() { return program_; }
  Package* mainPackage() { return main_; }

  // Parses and checks one entry; on failure nothing of it stays bound.
  bool checkEntry(const std::string& filename, const std::string& source, CheckedEntry& out,
                  Diagnostics& diags);

  // If `source` is a single expression statement, checks it in the session
  // scope and returns true with its mode and type (diagnostics when it does
  // not check). Nothing is bound and nothing runs.
  bool exprInfo(const std::string& filename, const std::string& source, ExprInfo& out,
                Diagnostics& diags);

  // Go's spelling of t as the session's code sees it (main's types unqualified).
  std::string typeString(const Type* t) const;

  // The standard package `path`, imported into the program if it is not
  // yet (completion of `pkg.` before its first use); null if none.
  Package* importPackage(const std::string& path);

  // Names bound in the session (for completion), and what one denotes.
  std::vector<std::string> names() const;
  Symbol* lookup(const std::string& name) const;

 private:
  struct Saved;
  Saved snapshot() const;
  void rollback(const Saved& s);
  void promoteTopLevelVars(File* f, FuncInfo* script, size_t firstLit, CheckedEntry& out);

  std::vector<Diagnostic>& freshErrs();

  Program program_;
  PackageSource packages_;
  // Generic instances and the checkers of imported packages live as long as
  // the session (a later entry may instantiate slices.Sort again); so do the
  // diagnostics buffer and import set those checkers hold references to.
  std::unique_ptr<CheckContext> generics_;
  std::vector<Diagnostic> errs_;
  std::set<std::string> importing_;
  std::unique_ptr<Package> mainOwner_;
  Package* main_ = nullptr;
  Scope* universe_ = nullptr;
  std::unique_ptr<Scope> session_;
  std::vector<std::unique_ptr<File>> files_;  // every entry's AST: symbols point into them
  std::vector<Type*> methodTypes_;            // the session's named types, whose methods may change
};

}  // namespace gol
