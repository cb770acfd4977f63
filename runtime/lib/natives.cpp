#include "runtime/lib/natives.hpp"

namespace gol::lib {

// Defined by each package's .cpp in runtime/lib.
void registerBuiltinNatives();
void registerBytesNatives();
void registerErrorsNatives();
void registerFmtNatives();
void registerFmtScanNatives();
void registerMathNatives();
void registerMathRandNatives();
void registerOsNatives();
void registerOsFileNatives();
void registerRuntimeCallerNatives();
void registerRuntimeMemNatives();
void registerOsExecNatives();
void registerOsSignalNatives();
void registerSortNatives();
void registerStrconvNatives();
void registerStringsNatives();
void registerTimeNatives();
void registerUnicodeNatives();

void registerAllNatives() {
  registerBuiltinNatives();
  registerBytesNatives();
  registerErrorsNatives();
  registerFmtNatives();
  registerFmtScanNatives();
  registerMathNatives();
  registerMathRandNatives();
  registerOsNatives();
  registerOsFileNatives();
  registerRuntimeCallerNatives();
  registerRuntimeMemNatives();
  registerOsExecNatives();
  registerOsSignalNatives();
  registerSortNatives();
  registerStrconvNatives();
  registerStringsNatives();
  registerTimeNatives();
  registerUnicodeNatives();
}

}  // namespace gol::lib
