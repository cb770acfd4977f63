// Registration of the standard packages' native functions.
#pragma once

namespace gol::lib {

// Registers every native of runtime/lib with vm::registerNatives. Call once
// before loading a program (repeated calls are harmless).
void registerAllNatives();

}  // namespace gol::lib
