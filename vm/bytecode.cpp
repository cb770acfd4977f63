// Opcode names for the disassembler and traces.
#include "vm/bytecode.hpp"

#include <cstddef>

namespace gol::vm {

const char* opcodeName(Opcode op) {
  static const char* const kNames[] = {
#define GOL_OP_NAME(name) #name,
      GOL_OPCODES(GOL_OP_NAME)
#undef GOL_OP_NAME
  };
  size_t k = size_t(op);
  return k < sizeof(kNames) / sizeof(kNames[0]) ? kNames[k] : "?";
}

}  // namespace gol::vm
