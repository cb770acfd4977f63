// The check stage: type-check a parsed program and the standard packages it
// imports, with Go's error texts. Its result, a checked Program, is what the
// compile stage reads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lang/check/types.hpp"
#include "lang/syntax/syntax.hpp"

namespace gol {

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
