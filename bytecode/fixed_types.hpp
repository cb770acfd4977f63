// The fixed part of every program's type table: the runtime types whose ids
// are the FixedTid constants of value.hpp, so that the VM and natives name
// them without a lookup. Defined once, here; the compiler and the unit
// tests' program builders start every type table with it.
#pragma once

#include <vector>

#include "bytecode/rttype.hpp"

namespace gol::vm {

// Appends the kFirstDynamicTid fixed types to an empty table. Their method
// sets are left empty: error's `Error() string` and the runtime error's
// native method refer to names and functions of the program being built.
void appendFixedTypes(std::vector<RtType>& types);

}  // namespace gol::vm
