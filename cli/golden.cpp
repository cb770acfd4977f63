#include "cli/golden.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace gol::cli {

bool readWholeFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::vector<std::string> splitLines(const std::string& text, bool* lastHasNewline) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      if (lastHasNewline) *lastHasNewline = false;
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lastHasNewline) *lastHasNewline = true;
  return lines;
}

namespace {

// "#### exit N" with an optionally negative decimal N.
bool parseExitLine(const std::string& line, int& code) {
  static const std::string prefix = "#### exit ";
  if (line.compare(0, prefix.size(), prefix) != 0) return false;
  std::string num = line.substr(prefix.size());
  size_t i = (!num.empty() && num[0] == '-') ? 1 : 0;
  if (i == num.size() || num.size() - i > 9) return false;
  for (size_t j = i; j < num.size(); ++j)
    if (num[j] < '0' || num[j] > '9') return false;
  code = std::stoi(num);
  return true;
}

// Makes control characters visible in diff lines; tabs stay tabs.
std::string visible(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out;
}

// A diff line: its marker, then the line made visible. (Built by appending:
// `" " + str` trips GCC 12's false -Wrestrict positive, bug 105329.)
std::string diffLine(char marker, const std::string& line) {
  std::string out(1, marker);
  out += visible(line);
  return out;
}

}  // namespace

std::optional<Golden> parseGolden(const std::string& text, std::string& error) {
  Golden g;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(pos, end - pos);
    int code = 0;
    if (line == "#### stderr" || parseExitLine(line, code)) break;
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  g.stdoutText = text.substr(0, pos);
  if (pos == text.size()) return g;

  std::vector<std::string> trailer = splitLines(text.substr(pos));
  size_t i = 0;
  if (trailer[0] == "#### stderr") {
    for (i = 1; i < trailer.size(); ++i) {
      int code = 0;
      if (parseExitLine(trailer[i], code)) break;
      g.stderrPrefix.push_back(trailer[i]);
    }
  }
  if (i == trailer.size() || !parseExitLine(trailer[i], g.exitCode)) {
    error = "golden has '#### stderr' but no '#### exit N' line";
    return std::nullopt;
  }
  for (size_t j = i + 1; j < trailer.size(); ++j) {
    if (!trailer[j].empty()) {
      error = "golden has text after its '#### exit N' line";
      return std::nullopt;
    }
  }
  return g;
}

std::vector<std::string> shortDiff(const std::string& expected, const std::string& actual,
                                   size_t maxChanged) {
  bool expNl = true, actNl = true;
  std::vector<std::string> a = splitLines(expected, &expNl);
  std::vector<std::string> b = splitLines(actual, &actNl);
  // A missing final newline is a difference of its own; show it on the line.
  if (!a.empty() && !expNl) a.back() += "\\ (no newline at end)";
  if (!b.empty() && !actNl) b.back() += "\\ (no newline at end)";

  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;

  // Edit script for the middle: LCS when it is small enough, otherwise all
  // of the expected lines removed and all of the actual ones added.
  struct Edit {
    char op;
    const std::string* line;
  };
  std::vector<Edit> edits;
  if (n > 0 && m > 0 && n * m <= 4'000'000) {
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) =
            a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        edits.push_back({' ', &a[pre + i]});
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        edits.push_back({'-', &a[pre + i++]});
      } else {
        edits.push_back({'+', &b[pre + j++]});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) edits.push_back({'-', &a[pre + i]});
    for (size_t j = 0; j < m; ++j) edits.push_back({'+', &b[pre + j]});
  }

  std::vector<std::string> out;
  const size_t context = 2;
  out.push_back("@@ line " + std::to_string(pre + 1) + " @@");
  for (size_t k = pre > context ? pre - context : 0; k < pre; ++k)
    out.push_back(diffLine(' ', a[k]));
  size_t changed = 0, sinceChange = 0;
  for (const Edit& e : edits) {
    if (e.op == ' ') {
      if (++sinceChange <= context) out.push_back(diffLine(' ', *e.line));
      continue;
    }
    if (changed == maxChanged) {
      out.push_back("...");
      return out;
    }
    sinceChange = 0;
    ++changed;
    out.push_back(diffLine(e.op, *e.line));
  }
  for (size_t k = 0; k < std::min(context, suf); ++k)
    out.push_back(diffLine(' ', a[a.size() - suf + k]));
  return out;
}

std::vector<std::string> compareWithGolden(const Golden& golden, const Outcome& actual,
                                           std::vector<std::string>& detail) {
  std::vector<std::string> problems;
  if (actual.exitCode != golden.exitCode)
    problems.push_back("exit " + std::to_string(actual.exitCode) + ", want " +
                       std::to_string(golden.exitCode));
  bool stdoutDiffers = actual.stdoutText != golden.stdoutText;
  if (stdoutDiffers) problems.push_back("stdout differs");

  std::vector<std::string> errLines = splitLines(actual.stderrText);
  bool stderrDiffers = false;
  for (size_t i = 0; i < golden.stderrPrefix.size(); ++i) {
    if (i >= errLines.size() || errLines[i] != golden.stderrPrefix[i]) {
      stderrDiffers = true;
      break;
    }
  }
  if (stderrDiffers) problems.push_back("stderr prefix differs");

  if (stdoutDiffers) {
    detail.push_back("stdout (-want +got):");
    for (auto& l : shortDiff(golden.stdoutText, actual.stdoutText))
      detail.push_back(diffLine(' ', l));
  }
  if (stderrDiffers) {
    std::string want, got;
    for (auto& l : golden.stderrPrefix) want += l + "\n";
    for (size_t i = 0; i < golden.stderrPrefix.size() && i < errLines.size(); ++i)
      got += errLines[i] + "\n";
    detail.push_back("stderr prefix (-want +got):");
    for (auto& l : shortDiff(want, got)) detail.push_back(diffLine(' ', l));
  } else if (!problems.empty() && !actual.stderrText.empty()) {
    // The exit code or stdout is wrong: the start of stderr usually says why.
    detail.push_back("stderr:");
    for (size_t i = 0; i < errLines.size() && i < 5; ++i)
      detail.push_back(diffLine(' ', errLines[i]));
  }
  return problems;
}

}  // namespace gol::cli
