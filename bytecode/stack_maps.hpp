// A function's stack maps: which registers are live at each point where its
// frame can be suspended while the collector runs. The collector has them
// computed on first need (bytecode/liveness.cpp) and reads them (vm/stack_scan.cpp),
// so that an object referenced only from a dead register is collected while
// the function still runs, as in Go.
//
// A map is keyed by a resume pc: the pc a suspended frame has saved. That is
// the instruction after one that can collect or park (a call, an allocation,
// a channel operation: the interpreter saves its pc before each), the target
// of a backward jump (where a preempted goroutine waits) or a RET (where the
// frame waits while its deferred calls run). The map at resume pc p holds the
// registers live on entry to p, the registers the instruction at p-1 reads
// or writes (it may still be executing: a native, a blocked receive), except
// a call's frame window, and the result registers of a function with
// defers (a recovered panic returns them). A pc without a map, or a frame
// without maps, is scanned whole.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gol::vm {

struct StackMaps {
  std::vector<uint32_t> pcs;       // resume pcs, ascending
  std::vector<uint32_t> mapIndex;  // per pc: which map (maps are shared)
  std::vector<uint64_t> bits;      // the maps, `words` 64-bit words each
  uint32_t words = 0;

  bool empty() const { return pcs.empty(); }
  // The live-register bitmap at resume pc `pc`, or null when there is none.
  const uint64_t* at(uint32_t pc) const {
    auto it = std::lower_bound(pcs.begin(), pcs.end(), pc);
    if (it == pcs.end() || *it != pc) return nullptr;
    return bits.data() + size_t(mapIndex[size_t(it - pcs.begin())]) * words;
  }
};

}  // namespace gol::vm
