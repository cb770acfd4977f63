#include "runtime/lib/natives.hpp"

namespace gol::lib {

// Defined by each package's .cpp in runtime/lib.
void registerBuiltinNatives();
void registerErrorsNatives();
void registerFmtNatives();
void registerFmtScanNatives();
void registerMathNatives();
void registerMathRandNatives();
void registerOsNatives();
void registerRuntimeCallerNatives();
void registerSortNatives();
void registerStrconvNatives();
void registerStringsNatives();
void registerTimeNatives();
void registerUnicodeNatives();

void registerAllNatives() {
  registerBuiltinNatives();
  registerErrorsNatives();
  registerFmtNatives();
  registerFmtScanNatives();
  registerMathNatives();
  registerMathRandNatives();
  registerOsNatives();
  registerRuntimeCallerNatives();
  registerSortNatives();
  registerStrconvNatives();
  registerStringsNatives();
  registerTimeNatives();
  registerUnicodeNatives();
}

}  // namespace gol::lib
