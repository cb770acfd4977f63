// Fuzz target: parse, check and compile. A program the checker accepts must
// compile (or be reported as unsupported) into bytecode that the verifier
// accepts: bad bytecode is a compiler bug that would surface as a wrong
// answer or a crash in the VM.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "bytecode/verify.hpp"
#include "lang/compile/compiler.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  gol::fuzz::onLargeStack([&] {
    std::unique_ptr<gol::Program> program = gol::fuzz::checkSource(source);
    if (!program) return;
    gol::Diagnostics diags;
    std::unique_ptr<gol::vm::Program> code = gol::compileProgram(*program, diags);
    if (!code) return;
    std::string err = gol::vm::verifyProgram(*code);
    if (!err.empty()) {
      std::fprintf(stderr, "bad bytecode: %s\n", err.c_str());
      __builtin_trap();
    }
  });
  return 0;
}
