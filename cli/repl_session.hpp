// The REPL's front end for one session: check, compile and start entries
// in the live VM, and the commands that inspect the session (:type, :doc,
// :save, completion). No terminal handling here (cli/repl.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/check/session.hpp"
#include "lang/compile/incremental.hpp"
#include "runtime/session.hpp"

namespace gol::cli {

extern const char* const kReplFile;  // the file name in diagnostics and traces

class ReplSession {
 public:
  explicit ReplSession(const runtime::RunOptions& options);
  ~ReplSession();

  runtime::LiveVm& live() { return *live_; }

  // Checks and compiles `entry` and starts it. Returns false after
  // printing diagnostics (nothing of the entry stays).
  bool submit(const std::string& entry);

  // `:type EXPR`: the type, or diagnostics. Returns false on error.
  bool typeOf(const std::string& expr, std::string& out);
  // `:doc pkg.Name`: the declaration and the first sentence of its doc
  // comment, from the package's gol source.
  bool doc(const std::string& what, std::string& out);
  // `:save FILE`: the session as a Go program.
  std::string goProgram() const;
  // Completions of the word `word`, which follows `before` on the line.
  std::vector<std::string> complete(const std::string& before, const std::string& word);

 private:
  void report(const Diagnostics& diags);
  std::string displayEntry(const std::string& entry, const ExprInfo& info);

  runtime::RunOptions options_;
  std::unique_ptr<CheckSession> check_;
  std::unique_ptr<IncrementalCompiler> compiler_;
  std::unique_ptr<runtime::LiveVm> live_;
  // What :save writes: each kept entry's source and what it declared.
  struct Kept {
    std::string source;
    std::vector<std::string> decls;                            // package-level names it declared
    std::vector<std::pair<std::string, std::string>> globals;  // top-level vars: name, type
    bool statements = false;                                   // it has statements (run in main)
  };
  std::vector<Kept> kept_;
};

}  // namespace gol::cli
