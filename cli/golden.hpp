// Golden files (docs/golden-format.md): parsing NAME.out and comparing a
// program's actual result with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gol::cli {

struct Golden {
  std::string stdoutText;                 // byte for byte
  std::vector<std::string> stderrPrefix;  // lines the actual stderr must begin with
  int exitCode = 0;
};

// Reads a whole file byte for byte (a golden file, or the program beside
// it); false when it cannot be opened.
bool readWholeFile(const std::string& path, std::string& out);

// Parses the text of a .out file. On a malformed trailer returns nullopt and
// sets `error`.
std::optional<Golden> parseGolden(const std::string& text, std::string& error);

struct Outcome {
  std::string stdoutText;
  std::string stderrText;
  int exitCode = 0;
};

// Compares; returns the problems found (empty: pass), each a short phrase
// ("stdout differs", "exit 2, want 0"), and appends explanatory lines
// (diffs, the start of stderr) to `detail`.
std::vector<std::string> compareWithGolden(const Golden& golden, const Outcome& actual,
                                           std::vector<std::string>& detail);

// A short unified-style diff of two texts split into lines: at most
// `maxChanged` changed lines, with a little context, each line prefixed by
// ' ', '-' (expected) or '+' (actual).
std::vector<std::string> shortDiff(const std::string& expected, const std::string& actual,
                                   size_t maxChanged = 10);

// Splits text into lines without their '\n'; a final line without '\n' is
// kept (and marked by `lastHasNewline` when the caller cares).
std::vector<std::string> splitLines(const std::string& text, bool* lastHasNewline = nullptr);

}  // namespace gol::cli
