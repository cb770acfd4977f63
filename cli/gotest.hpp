// Go-style test files: `gol run x_test.gol` (and `gol test`, which runs it
// that way) runs the file's Test and Benchmark functions through package
// testing, as a go test binary does.
#pragma once

#include <string>

namespace gol::cli {

bool isGoTestFile(const std::string& path);

// Appends to a *_test.gol source the `main` that calls testing.Main with its
// tests and benchmarks (after the user's code, so positions do not move).
// A test function with the wrong signature is an error: false, with
// Go's text in `error` ("x_test.gol:5:1: wrong signature for TestX, must
// be: func TestX(t *testing.T)"). A file that does not parse, or does not
// import testing, is left alone (the compiler reports what is wrong).
bool appendTestMain(const std::string& filename, std::string& source, std::string& error);

}  // namespace gol::cli
