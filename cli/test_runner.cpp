#include "cli/test_runner.hpp"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "cli/golden.hpp"
#include "cli/golden_update.hpp"
#include "cli/gotest.hpp"
#include "cli/subprocess.hpp"

namespace fs = std::filesystem;

namespace gol::cli {

namespace {

bool hasGolExtension(const fs::path& p) {
  return p.extension() == ".gol";
}

// Every .gol file under the paths, sorted, without duplicates. Paths that do
// not exist are reported and make the run fail. With `select`, a golden
// program (not a Go-style test file without a golden, which -run selects
// tests in) is kept only when its path relative to the PATH it was found
// under (its file name for a file PATH) matches.
std::vector<std::string> collectPrograms(const std::vector<std::string>& paths, int& errors,
                                         const std::regex* select = nullptr) {
  std::vector<std::string> files;
  auto selected = [&](const fs::path& file, const std::string& relative) {
    if (!select) return true;
    if (isGoTestFile(file.string()) && !fs::exists(fs::path(file).replace_extension(".out")))
      return true;
    return std::regex_search(relative, *select);
  };
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      std::fprintf(stderr, "gol test: %s: no such file or directory\n", p.c_str());
      ++errors;
      continue;
    }
    if (!fs::is_directory(st)) {
      if (selected(p, fs::path(p).filename().string())) files.push_back(p);
      continue;
    }
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && hasGolExtension(it->path()) &&
          selected(it->path(), it->path().lexically_relative(p).string()))
        files.push_back(it->path().string());
    }
    if (ec) {
      std::fprintf(stderr, "gol test: %s: %s\n", p.c_str(), ec.message().c_str());
      ++errors;
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

struct Verdict {
  bool pass = false;
  std::string summary;              // after "FAIL path: "
  std::vector<std::string> detail;  // indented lines
};

Verdict judge(const std::string& program, ChildResult& r) {
  Verdict v;
  fs::path golden = fs::path(program).replace_extension(".out");
  std::string goldenText;
  if (!readWholeFile(golden.string(), goldenText)) {
    v.summary = "no golden file " + golden.filename().string();
    return v;
  }
  if (!r.startError.empty()) {
    v.summary = "could not start: " + r.startError;
    return v;
  }
  std::string error;
  std::optional<Golden> g = parseGolden(goldenText, error);
  if (!g) {
    v.summary = golden.filename().string() + ": " + error;
    return v;
  }
  Outcome actual{r.out, r.err, r.exitCode};
  std::vector<std::string> problems;
  if (r.timedOut) {
    problems.push_back("timed out");
  } else if (r.tooMuchOutput) {
    problems.push_back("too much output");
  } else if (r.signal != 0) {
    problems.push_back(std::string("killed by signal ") + std::to_string(r.signal) + " (" +
                       strsignal(r.signal) + ")");
  }
  if (problems.empty()) {
    problems = compareWithGolden(*g, actual, v.detail);
  } else {
    // Still show how far it got.
    if (actual.stdoutText != g->stdoutText) {
      v.detail.push_back("stdout so far (-want +got):");
      for (auto& l : shortDiff(g->stdoutText, actual.stdoutText)) v.detail.push_back("  " + l);
    }
    std::vector<std::string> err = splitLines(actual.stderrText);
    if (!err.empty()) v.detail.push_back("stderr:");
    for (size_t i = 0; i < err.size() && i < 5; ++i) v.detail.push_back("  " + err[i]);
  }
  if (problems.empty()) {
    v.pass = true;
    return v;
  }
  for (size_t i = 0; i < problems.size(); ++i) v.summary += (i ? "; " : "") + problems[i];
  return v;
}

}  // namespace

// Runs each Go-style test file (a *_test.gol without a golden) as go test
// runs a package: its output, then "ok  \tFILE\t0.01s" or "FAIL\tFILE\t0.01s".
// Real time, so that benchmarks measure something. Returns the failures.
size_t runGoTestFiles(const std::vector<std::string>& files, const TestOptions& options) {
  std::vector<ChildSpec> specs;
  for (const std::string& file : files) {
    fs::path p(file);
    ChildSpec spec;
    spec.argv = {"/proc/self/exe", "run"};
    if (!options.maxHeap.empty()) spec.argv.push_back("--max-heap=" + options.maxHeap);
    spec.argv.push_back(p.filename().string());
    if (options.verbose) spec.argv.push_back("-test.v=true");
    if (!options.run.empty()) spec.argv.push_back("-test.run=" + options.run);
    if (!options.bench.empty()) spec.argv.push_back("-test.bench=" + options.bench);
    spec.cwd = p.has_parent_path() ? p.parent_path().string() : ".";
    specs.push_back(std::move(spec));
  }
  RunLimits limits;
  limits.jobs = 1;  // benchmarks must not share the processor
  limits.timeoutSeconds = std::max(options.timeoutSeconds, options.bench.empty() ? 0.0 : 600.0);
  size_t failed = 0;
  std::vector<std::optional<ChildResult>> results(files.size());
  std::vector<double> seconds(files.size());
  auto start = std::chrono::steady_clock::now();
  runChildren(specs, limits, [&](size_t i, ChildResult&& r) {
    auto now = std::chrono::steady_clock::now();
    seconds[i] = std::chrono::duration<double>(now - start).count();
    start = now;
    std::fwrite(r.out.data(), 1, r.out.size(), stdout);
    std::fflush(stdout);
    std::fwrite(r.err.data(), 1, r.err.size(), stderr);
    std::fflush(stderr);
    bool ok = r.exitCode == 0 && !r.timedOut && r.signal == 0;
    if (r.timedOut) std::printf("panic: test timed out after %gs\n", limits.timeoutSeconds);
    if (!ok && r.exitCode > 0) std::printf("exit status %d\n", r.exitCode);
    std::printf("%s\t%s\t%.3fs\n", ok ? "ok  " : "FAIL", files[i].c_str(), seconds[i]);
    std::fflush(stdout);
    failed += !ok;
  });
  return failed;
}

ChildSpec golRunSpec(const std::string& program, const TestOptions& options) {
  fs::path p(program);
  ChildSpec spec;
  spec.argv = {"/proc/self/exe", "run"};
  if (options.virtualTime) spec.argv.push_back("--virtual-time");
  if (options.seed) spec.argv.push_back("--seed=" + std::to_string(*options.seed));
  if (!options.onPanic.empty()) spec.argv.push_back("--on-panic=" + options.onPanic);
  if (!options.maxHeap.empty()) spec.argv.push_back("--max-heap=" + options.maxHeap);
  spec.argv.push_back(p.filename().string());
  // A Go-style test file's golden is its verbose test output (with
  // virtual time, every duration is 0.00s).
  if (isGoTestFile(program)) spec.argv.push_back("-test.v=true");
  spec.cwd = p.has_parent_path() ? p.parent_path().string() : ".";
  return spec;
}

int runGoldenTests(const TestOptions& options) {
  int errors = 0;
  std::optional<std::regex> select;
  if (!options.run.empty()) {
    try {
      select.emplace(options.run, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      std::fprintf(stderr, "gol test: -run %s: invalid regexp: %s\n", options.run.c_str(),
                   e.what());
      return 2;
    }
  }
  std::vector<std::string> programs =
      collectPrograms(options.paths, errors, select ? &*select : nullptr);
  // A *_test.gol with a golden is a golden program like any other (its
  // test output is what is compared); without one it is a Go-style test.
  std::vector<std::string> goTests;
  std::erase_if(programs, [&](const std::string& file) {
    fs::path golden = fs::path(file).replace_extension(".out");
    if (!isGoTestFile(file) || fs::exists(golden)) return false;
    goTests.push_back(file);
    return true;
  });
  if (options.update || options.updateFromGol) {
    // Only golden programs are rewritten; Go-style test files without a
    // golden judge themselves.
    if (programs.empty() && errors == 0)
      std::fprintf(stderr, "gol test: no golden programs to update\n");
    int code = programs.empty() ? 0 : updateGoldens(programs, options);
    return code != 0 || errors > 0 ? 1 : 0;
  }
  size_t goTestFailures = goTests.empty() ? 0 : runGoTestFiles(goTests, options);
  if (programs.empty() && !goTests.empty()) return goTestFailures > 0 || errors > 0 ? 1 : 0;

  std::vector<ChildSpec> specs;
  for (const std::string& program : programs) specs.push_back(golRunSpec(program, options));

  RunLimits limits;
  limits.jobs = options.jobs;
  limits.timeoutSeconds = options.timeoutSeconds;

  // Results arrive in completion order; print them in file order.
  std::vector<std::optional<Verdict>> verdicts(programs.size());
  size_t printed = 0, passed = 0, failed = 0;
  runChildren(specs, limits, [&](size_t i, ChildResult&& r) {
    verdicts[i] = judge(programs[i], r);
    for (; printed < verdicts.size() && verdicts[printed]; ++printed) {
      const Verdict& v = *verdicts[printed];
      if (v.pass) {
        ++passed;
        if (options.verbose) std::printf("ok   %s\n", programs[printed].c_str());
      } else {
        ++failed;
        std::printf("FAIL %s: %s\n", programs[printed].c_str(), v.summary.c_str());
        for (const std::string& line : v.detail) std::printf("    %s\n", line.c_str());
      }
      verdicts[printed].reset();
      verdicts[printed].emplace();  // keep "done" without holding the text
    }
    std::fflush(stdout);
  });

  if (programs.empty() && errors == 0)
    std::fprintf(stderr, select ? "gol test: no golden program matches -run\n"
                                : "gol test: no .gol files found\n");
  std::printf("%zu passed, %zu failed\n", passed, failed);
  std::fflush(stdout);
  return (failed > 0 || errors > 0 || goTestFailures > 0) ? 1 : 0;
}

}  // namespace gol::cli
