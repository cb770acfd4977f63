#include "cli/golden_update.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "cli/golden.hpp"
#include "cli/gotest.hpp"
#include "cli/subprocess.hpp"

namespace fs = std::filesystem;

namespace gol::cli {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The `go` command on PATH, or "".
std::string findGo() {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/go";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

ChildResult runOne(const ChildSpec& spec, double timeoutSeconds) {
  ChildResult out;
  RunLimits limits;
  limits.jobs = 1;
  limits.timeoutSeconds = timeoutSeconds;
  runChildren({spec}, limits, [&](size_t, ChildResult&& r) { out = std::move(r); });
  return out;
}

// Why a finished child gives no usable result, or "".
std::string abnormal(const ChildResult& r) {
  if (!r.startError.empty()) return "could not start: " + r.startError;
  if (r.timedOut) return "timed out";
  if (r.tooMuchOutput) return "too much output";
  if (r.signal) return "killed by signal " + std::to_string(r.signal);
  return "";
}

// Replaces `from` by `to` where it starts a line after optional spaces.
std::string rewriteLineStarts(const std::string& text, const std::string& from,
                              const std::string& to) {
  std::string out;
  for (const std::string& line : splitLines(text)) {
    size_t b = line.find_first_not_of(' ');
    if (b != std::string::npos && line.compare(b, from.size(), from) == 0)
      out += line.substr(0, b) + to + line.substr(b + from.size());
    else
      out += line;
    out += '\n';
  }
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

// One program's update: where its new golden comes from and what happened.
struct Update {
  std::string program;
  std::string goFile;    // NAME.go (or NAME_test.go) in `work`
  std::string work;      // its module directory, for Go
  std::string binary;    // built by Go
  std::string goCannot;  // why Go cannot judge it ("" when it can)
  std::string text;      // the new golden
  std::string refused;   // why it was not updated
  bool fromGol = false;
};

}  // namespace

std::string whyGoCannotJudge(const std::string& source) {
  bool skip = false;
  size_t i = 0;
  if (startsWith(source, "\xef\xbb\xbf")) i = 3;
  while (i < source.size()) {
    char c = source[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      ++i;
    } else if (source.compare(i, 2, "//") == 0) {
      size_t e = source.find('\n', i);
      std::string comment = source.substr(i + 2, e == std::string::npos ? e : e - i - 2);
      size_t b = comment.find_first_not_of(" \t");
      if (b != std::string::npos && startsWith(comment.substr(b), "oracle:")) {
        std::string rest = comment.substr(b + 7);
        if (startsWith(rest.substr(std::min(rest.size(), rest.find_first_not_of(" \t"))), "skip"))
          skip = true;
      }
      if (e == std::string::npos) break;
      i = e + 1;
    } else if (source.compare(i, 2, "/*") == 0) {
      size_t e = source.find("*/", i + 2);
      if (e == std::string::npos) break;
      i = e + 2;
    } else {
      bool package = source.compare(i, 7, "package") == 0 &&
                     (i + 7 == source.size() || std::strchr(" \t/;\r\n", source[i + 7]));
      if (!package) return "script mode";
      return skip ? "marked // oracle: skip" : "";
    }
  }
  return "script mode";
}

std::vector<std::string> goldenStderrPrefix(const std::string& stderrText) {
  std::vector<std::string> out;
  for (const std::string& line : splitLines(stderrText)) {
    if (startsWith(line, "goroutine ") && !line.empty() && line.back() == ':') {
      if (startsWith(line, "goroutine 1 [")) out.push_back(line);
      break;
    }
    out.push_back(line);
  }
  return out;
}

std::string composeGolden(const std::string& stdoutText, const std::string& stderrText,
                          int exitCode, std::string& error) {
  if (exitCode == 0) return stdoutText;
  if (!stdoutText.empty() && stdoutText.back() != '\n') {
    error = "its output does not end in a newline and it exits " + std::to_string(exitCode) +
            " (a golden cannot say that, docs/golden-format.md)";
    return "";
  }
  std::string text = stdoutText;
  std::vector<std::string> err = goldenStderrPrefix(stderrText);
  if (!err.empty()) {
    text += "#### stderr\n";
    for (const std::string& l : err) text += l + "\n";
  }
  text += "#### exit " + std::to_string(exitCode) + "\n";
  return text;
}

int updateGoldens(const std::vector<std::string>& programs, const TestOptions& options) {
  std::vector<Update> updates(programs.size());
  std::string go = findGo();
  std::string work;
  std::string goVersion;

  // Which programs Go judges; the others come from gol or are refused.
  bool anyForGo = false;
  for (size_t i = 0; i < programs.size(); ++i) {
    Update& u = updates[i];
    u.program = programs[i];
    std::string source;
    if (!readWholeFile(u.program, source)) {
      u.refused = "cannot read it";
      continue;
    }
    u.goCannot = whyGoCannotJudge(source);
    if (u.goCannot.empty() && go.empty()) u.goCannot = "go is not on PATH";
    if (!u.goCannot.empty() && !options.updateFromGol)
      u.refused = u.goCannot +
                  ", so Go cannot judge it; not updated (-update-from-gol writes "
                  "gol's own output instead)";
    u.fromGol = !u.goCannot.empty() && options.updateFromGol;
    anyForGo |= u.goCannot.empty();
  }

  if (anyForGo) {
    // As tests/oracle.sh: a module per program whose language version is
    // the toolchain's, local toolchain, no cgo.
    ::setenv("GOFLAGS", "", 1);
    ::setenv("GO111MODULE", "on", 1);
    ::setenv("GOTOOLCHAIN", "local", 1);
    ::setenv("CGO_ENABLED", "0", 1);
    if (!std::getenv("GOCACHE") && !std::getenv("HOME") && !std::getenv("XDG_CACHE_HOME"))
      ::setenv("GOCACHE", (fs::temp_directory_path() / "gol-oracle-gocache").c_str(), 1);
    ChildSpec env;
    env.argv = {go, "env", "GOVERSION"};
    ChildResult r = runOne(env, 60);
    std::string v = r.out;
    if (startsWith(v, "go")) v = v.substr(2);
    size_t dot = v.find('.');
    size_t end = dot == std::string::npos ? 0 : v.find_first_not_of("0123456789", dot + 1);
    goVersion = dot == std::string::npos ? "" : v.substr(0, end);
    std::string tmpl = (fs::temp_directory_path() / "gol-update.XXXXXX").string();
    if (goVersion.empty() || !::mkdtemp(tmpl.data())) {
      std::string why = goVersion.empty() ? "`go env GOVERSION` failed" : "no temporary directory";
      for (Update& u : updates)
        if (u.goCannot.empty()) u.refused = why;
    } else {
      work = tmpl;
    }
  }

  // Go: build each program in its own module, then run it from its own
  // directory (not `go run`, which turns every exit code into 1).
  std::vector<ChildSpec> builds;
  std::vector<size_t> built;
  for (size_t i = 0; i < updates.size(); ++i) {
    Update& u = updates[i];
    if (!u.goCannot.empty() || !u.refused.empty()) continue;
    fs::path src(u.program);
    u.work = work + "/p" + std::to_string(i);
    u.binary = u.work + "/prog";
    std::string name = src.stem().string();
    u.goFile = name + ".go";
    std::error_code ec;
    fs::create_directories(u.work, ec);
    std::string source;
    readWholeFile(u.program, source);
    // //go:embed patterns name files beside the source: bring them along.
    if (source.find("//go:embed") != std::string::npos)
      fs::copy(src.has_parent_path() ? src.parent_path() : fs::path("."), u.work,
               fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    std::ofstream(u.work + "/" + u.goFile, std::ios::binary) << source;
    std::ofstream(u.work + "/go.mod") << "module golupdate\n\ngo " << goVersion << "\n";
    ChildSpec spec;
    if (isGoTestFile(u.program))
      spec.argv = {go, "test", "-c", "-o", u.binary, "."};
    else
      spec.argv = {go, "build", "-o", u.binary, "."};
    spec.cwd = u.work;
    builds.push_back(std::move(spec));
    built.push_back(i);
  }
  RunLimits buildLimits;
  buildLimits.jobs = options.jobs;
  buildLimits.timeoutSeconds = 300;
  std::vector<ChildSpec> runs;
  std::vector<size_t> ran;
  runChildren(builds, buildLimits, [&](size_t k, ChildResult&& r) {
    Update& u = updates[built[k]];
    fs::path src(u.program);
    if (std::string why = abnormal(r); !why.empty()) {
      u.refused = "go build " + why;
      return;
    }
    if (r.exitCode != 0) {
      // A compile error is a golden too: Go's messages, named as gol names
      // the file, exit 1. Anything else is Go failing, not the program.
      std::string messages;
      bool compileError = false;
      for (const std::string& line : splitLines(r.err)) {
        if (startsWith(line, "# ")) continue;
        if (startsWith(line, "./" + u.goFile + ":")) compileError = true;
        messages += line + "\n";
      }
      if (!compileError) {
        std::vector<std::string> lines = splitLines(r.err);
        u.refused = "go build failed: " + (lines.empty() ? std::string("?") : lines.back());
        return;
      }
      messages = rewriteLineStarts(messages, "./" + u.goFile + ":", src.filename().string() + ":");
      std::string error;
      u.text = composeGolden("", messages, 1, error);
      return;
    }
    ChildSpec spec;
    spec.argv = {u.binary};
    if (isGoTestFile(u.program)) spec.argv.push_back("-test.v=true");
    spec.cwd = src.has_parent_path() ? src.parent_path().string() : ".";
    runs.push_back(std::move(spec));
    ran.push_back(built[k]);
  });
  RunLimits runLimits;
  runLimits.jobs = options.jobs;
  runLimits.timeoutSeconds = std::max(options.timeoutSeconds, 60.0);  // Go sleeps in real time
  runChildren(runs, runLimits, [&](size_t k, ChildResult&& r) {
    Update& u = updates[ran[k]];
    if (std::string why = abnormal(r); !why.empty()) {
      u.refused = "under Go it " + why;
      return;
    }
    std::string out = r.out;
    // Test logs name the file: NAME.go under Go, NAME.gol under gol.
    if (isGoTestFile(u.program))
      out = rewriteLineStarts(out, u.goFile + ":", fs::path(u.program).filename().string() + ":");
    std::string error;
    u.text = composeGolden(out, r.err, r.exitCode, error);
    if (!error.empty()) u.refused = "under Go " + error;
  });

  // gol itself, where that was asked for.
  std::vector<ChildSpec> golRuns;
  std::vector<size_t> golRan;
  for (size_t i = 0; i < updates.size(); ++i) {
    if (!updates[i].fromGol || !updates[i].refused.empty()) continue;
    golRuns.push_back(golRunSpec(updates[i].program, options));
    golRan.push_back(i);
  }
  RunLimits golLimits;
  golLimits.jobs = options.jobs;
  golLimits.timeoutSeconds = options.timeoutSeconds;
  runChildren(golRuns, golLimits, [&](size_t k, ChildResult&& r) {
    Update& u = updates[golRan[k]];
    if (std::string why = abnormal(r); !why.empty()) {
      u.refused = "under gol it " + why;
      return;
    }
    std::string error;
    u.text = composeGolden(r.out, r.err, r.exitCode, error);
    if (!error.empty()) u.refused = "under gol " + error;
  });
  if (!work.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }

  size_t updated = 0, unchanged = 0, refused = 0;
  for (const Update& u : updates) {
    fs::path golden = fs::path(u.program).replace_extension(".out");
    if (!u.refused.empty()) {
      ++refused;
      std::printf("refused   %s: %s\n", u.program.c_str(), u.refused.c_str());
      continue;
    }
    std::string old;
    bool had = readWholeFile(golden.string(), old);
    std::string from = u.fromGol ? "from gol's own output (" + u.goCannot + ")" : "from go";
    if (had && old == u.text) {
      ++unchanged;
      std::printf("unchanged %s %s\n", golden.c_str(), from.c_str());
      continue;
    }
    std::ofstream f(golden, std::ios::binary | std::ios::trunc);
    f << u.text;
    f.close();
    if (!f) {
      ++refused;
      std::printf("refused   %s: cannot write %s\n", u.program.c_str(), golden.c_str());
      continue;
    }
    ++updated;
    std::printf("%s %s %s\n", had ? "updated  " : "created  ", golden.c_str(), from.c_str());
  }
  std::printf("%zu updated, %zu unchanged, %zu refused\n", updated, unchanged, refused);
  std::fflush(stdout);
  return refused > 0 ? 1 : 0;
}

}  // namespace gol::cli
