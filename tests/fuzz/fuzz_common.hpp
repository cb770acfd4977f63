// Shared by the fuzz targets: running the recursive front end on a thread
// with a large stack (as the gol command does), and the standard packages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "lang/check/check.hpp"

namespace gol::fuzz {

// Runs `fn` on a thread with a 1 GB stack reservation: the parser and the
// checker recurse once per nesting level, and a fuzzer finds deep nesting
// quickly.
void onLargeStack(const std::function<void()>& fn);

// The embedded standard packages, as the command line supplies them.
PackageSource standardPackages();

// Parses and checks `source`; null when it has errors (reported ones: a
// crash or a hang is what the fuzzer looks for).
std::unique_ptr<Program> checkSource(const std::string& source);

}  // namespace gol::fuzz
