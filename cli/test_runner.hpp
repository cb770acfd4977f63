// `gol test`: runs .gol programs and compares them with their golden .out
// files (docs/golden-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/subprocess.hpp"

namespace gol::cli {

struct TestOptions {
  std::vector<std::string> paths;  // files or directories (searched recursively)
  std::optional<uint64_t> seed;
  bool virtualTime = true;
  std::string onPanic;  // passed through when set
  bool verbose = false;
  int jobs = 2;
  double timeoutSeconds = 10;
  std::string maxHeap = "1GiB";  // each program's --max-heap
  std::string run, bench;        // Go-style tests: -run and -bench patterns; -run also
                                 // selects golden programs by path
  bool update = false;           // rewrite the goldens (cli/golden_update.hpp)
  bool updateFromGol = false;    // ... from gol's output where Go cannot judge
};

// How `gol test` runs one golden program (a `gol run` child in its directory).
ChildSpec golRunSpec(const std::string& program, const TestOptions& options);

// Go-style test files (*_test.gol without a golden .out, cli/gotest.hpp)
// are run as go test runs a package, with their own output.
// Prints one line per failing program (every program with `verbose`) and
// "N passed, N failed"; returns the exit code: 0 when all passed, else 1.
int runGoldenTests(const TestOptions& options);

}  // namespace gol::cli
