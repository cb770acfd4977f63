// Fuzz target: whole runs. A program the checker accepts is compiled and
// run under an instruction budget, a heap cap and virtual time, so that a
// runaway input ends quickly and cleanly (budget: exit 3; heap: Go's
// out-of-memory fatal error). A run may panic, deadlock or overflow its
// stack (Go's outcomes, all fine); a finding is a crash, a sanitizer report
// or a hang.
//
// Programs that import packages reaching outside the process (os, os/exec,
// os/signal, syscall, net) are skipped: a mutated input must not delete
// files or send signals to the fuzzer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lang/compile/compiler.hpp"
#include "runtime/run.hpp"
#include "tests/fuzz/fuzz_common.hpp"

namespace {

bool reachesOutside(const std::string& source) {
  for (const char* pkg : {"\"os", "\"syscall", "\"net", "`os", "`syscall", "`net"})
    if (source.find(pkg) != std::string::npos) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  if (reachesOutside(source)) return 0;
  gol::fuzz::onLargeStack([&] {
    std::unique_ptr<gol::Program> program = gol::fuzz::checkSource(source);
    if (!program) return;
    gol::Diagnostics diags;
    std::unique_ptr<gol::vm::Program> code = gol::compileProgram(*program, diags);
    if (!code) return;
    gol::runtime::RunOptions options;
    options.seed = 1;
    options.virtualTime = true;
    options.maxHeap = uint64_t(256) << 20;
    options.maxInstructions = 20'000'000;
    options.args.push_back("fuzz.gol");
    gol::runtime::runProgram(*code, options);
  });
  return 0;
}
