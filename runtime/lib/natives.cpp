#include "runtime/lib/natives.hpp"

namespace gol::lib {

// Defined by each package's .cpp in runtime/lib.
void registerBuiltinNatives();
void registerBytesNatives();
void registerCryptoRandNatives();
void registerHashCoreNatives();
void registerEncodingBinaryNatives();
void registerEncodingLoopNatives();
void registerEncodingJsonNatives();
void registerComplexNatives();
void registerEncodingXmlNatives();
void registerErrorsNatives();
void registerFmtNatives();
void registerFmtScanNatives();
void registerMathNatives();
void registerMathRandNatives();
void registerOsNatives();
void registerOsFileNatives();
void registerRuntimeCallerNatives();
void registerTestingNatives();
void registerRuntimeMemNatives();
void registerRuntimeGorootNatives();
void registerOsExecNatives();
void registerOsSignalNatives();
void registerRegexpNatives();
void registerTemplateNatives();
void registerReflectNatives();
void registerSortNatives();
void registerStrconvNatives();
void registerStringsNatives();
void registerSyncAtomicNatives();
void registerTimeNatives();
void registerUnicodeNatives();
void registerUnsafeNatives();

void registerAllNatives() {
  registerBuiltinNatives();
  registerBytesNatives();
  registerCryptoRandNatives();
  registerHashCoreNatives();
  registerEncodingBinaryNatives();
  registerEncodingLoopNatives();
  registerEncodingJsonNatives();
  registerComplexNatives();
  registerEncodingXmlNatives();
  registerErrorsNatives();
  registerFmtNatives();
  registerFmtScanNatives();
  registerMathNatives();
  registerMathRandNatives();
  registerOsNatives();
  registerOsFileNatives();
  registerRuntimeCallerNatives();
  registerTestingNatives();
  registerRuntimeMemNatives();
  registerRuntimeGorootNatives();
  registerOsExecNatives();
  registerOsSignalNatives();
  registerRegexpNatives();
  registerTemplateNatives();
  registerReflectNatives();
  registerSortNatives();
  registerStrconvNatives();
  registerStringsNatives();
  registerSyncAtomicNatives();
  registerTimeNatives();
  registerUnicodeNatives();
  registerUnsafeNatives();
}

}  // namespace gol::lib
