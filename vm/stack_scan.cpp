// How the collector reads a goroutine's stack: each frame's registers as
// its function's stack maps say (bytecode/stack_maps.hpp), so that a value
// only a dead register holds is garbage, as in Go. Whatever the maps cannot
// speak for is scanned whole: a frame while its goroutine unwinds a panic
// (a recovery returns the results, deferred calls run on top), a function
// without maps, a pc without one (a goroutine not started yet, a recovered
// frame at its synthetic RET).
//
// A frame suspended in a call at resume pc p (the call is at p-1, its
// window starts at R[a]) leaves the window to its owner: the callee's frame
// when one was pushed right above (it scans its own registers, including
// the arguments), else every register from R[a] is marked, since a native
// may hold them (while it runs, blocks, or calls back into gol): a known
// native's own registers, or, for a callee not known, all of them.
//
// GOL_GCPOISON=1 (for the GC-stress runs): every register a map calls dead
// is overwritten with a pointer that faults when read or marked, so that a
// register the analysis wrongly calls dead fails loudly instead of reading
// an object that may since have been freed and reused.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "bytecode/reg_effects.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

namespace {

bool poisonDeadRegisters() {
  static const bool on = [] {
    const char* e = std::getenv("GOL_GCPOISON");
    return e && *e && *e != '0';
  }();
  return on;
}

Value poisonValue() {
  Value v;
  v.u = 0xDEAD0BAD0DEAD000ull;  // not a canonical address: any use faults
  v.aux = 0xDEADu;
  v.tid = kTidRef;
  return v;
}

}  // namespace

// How many registers from R[a] the callee of a call without a frame above
// it may hold: a native's own (arguments and results); every one when the
// callee is not known here.
uint32_t Vm::nativeWindow(const Instr& call, const Value* base) const {
  const FuncProto* callee = nullptr;
  if (call.op == Opcode::CALL) {
    callee = program_.funcs[call.b | (uint32_t(call.x) << 16)].get();
  } else if (call.op == Opcode::CALLV && call.b < call.a && base[call.b].o) {
    callee = static_cast<const ClosureObj*>(base[call.b].o)->fn;
  }
  return callee && callee->isNative ? callee->nregs : UINT32_MAX;
}

void Vm::traceStack(Goroutine* g, Tracer& t) {
  const bool unwinding = g->hasPendingPanic || g->resumePanic || !g->panics.empty();
  const bool poison = poisonDeadRegisters();
  const size_t nf = g->frames.size();
  for (size_t k = 0; k < nf; ++k) {
    Frame& f = g->frames[k];
    t.markObject(f.closure);
    const FuncProto* fn = f.fn;
    const uint32_t n = fn->nregs;
    const size_t size = fn->code.size();
    const uintptr_t at = reinterpret_cast<uintptr_t>(f.pc);
    const uintptr_t start = reinterpret_cast<uintptr_t>(fn->code.data());
    const uint64_t* live = nullptr;
    size_t p = 0;
    if (!unwinding && !fn->stackMaps.empty() && at > start && at <= start + size * sizeof(Instr)) {
      p = (at - start) / sizeof(Instr);
      live = fn->stackMaps.at(uint32_t(p));
    }
    if (!live) {
      t.markValues(f.base, n);
      continue;
    }
    // Registers [ownedEnd, n) may belong to the frame above (a deferred
    // call's frame starts past this one's registers, a callee's at R[a]):
    // never poisoned from here. [skipFrom, skipTo) is the callee's.
    uint32_t ownedEnd = n, skipFrom = n, skipTo = n, markFrom = n, markTo = n;
    const Instr& prev = fn->code[p - 1];
    if (isCallOp(prev.op)) {
      ownedEnd = prev.a;
      const Frame* above = k + 1 < nf ? &g->frames[k + 1] : nullptr;
      if (above && above->kind == FrameKind::Normal && above->retDest == f.base + prev.a) {
        skipFrom = prev.a;
        skipTo = std::min<uint32_t>(n, prev.a + above->fn->nregs);
      } else {
        markFrom = prev.a;
        markTo = uint32_t(std::min<uint64_t>(n, uint64_t(prev.a) + nativeWindow(prev, f.base)));
      }
    } else if (k + 1 < nf) {
      const Value* b = g->frames[k + 1].base;
      if (b >= f.base && b < f.base + n) ownedEnd = uint32_t(b - f.base);
    }
    for (uint32_t r = 0; r < n; ++r) {
      if (r >= skipFrom && r < skipTo) continue;
      if ((r >= markFrom && r < markTo) || (live[r >> 6] >> (r & 63) & 1))
        t.markValue(f.base[r]);
      else if (poison && r < ownedEnd)
        f.base[r] = poisonValue();
    }
  }
}

}  // namespace gol::vm
