// Fuzz target: the parser alone. Any input must give an AST or positioned
// diagnostics, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  gol::fuzz::onLargeStack([&] {
    gol::Diagnostics diags;
    auto file = gol::parseFile("fuzz.gol", source, diags);
    // Every diagnostic has a position inside the input's lines.
    for (const auto& d : diags.list)
      if (d.pos.line == 0) __builtin_trap();
    (void)file;
  });
  return 0;
}
