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
// GOL_GCPOISON=1 (a debugging aid, in every build): every register a map
// calls dead is overwritten with a pointer that faults when read or marked,
// so that a register the analysis wrongly calls dead fails loudly instead of
// reading an object that may since have been freed and reused; and the heap
// collects at least every 64 KB of allocation, so that this happens often.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "bytecode/liveness.hpp"
#include "bytecode/reg_effects.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

namespace {

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

bool Vm::gcPoison() {
  static const bool on = [] {
    const char* e = std::getenv("GOL_GCPOISON");
    return e && *e && *e != '0';
  }();
  return on;
}

void Vm::traceStack(Goroutine* g, Tracer& t) {
  const bool unwinding = g->hasPendingPanic || g->resumePanic || !g->panics.empty();
  const bool poison = gcPoison();
  const Value dead = poison ? poisonValue() : Value();
  // A register may still hold what an earlier collection left in it when
  // it is marked for another reason (an instruction in progress will write
  // it; a frame without maps reaches into its callee's registers).
  auto mark = [&](const Value& v) {
    if (!(poison && v.u == dead.u)) t.markValue(v);
  };
  const size_t nf = g->frames.size();
  // Registers other code owns: the frames above a frame in its stack chunk
  // (one interval, [coveredFrom, coveredTo): each starts inside the one
  // below or right after it) and natives' register windows.
  const Value* coveredFrom = nullptr;
  const Value* coveredTo = nullptr;
  auto owned = [&](const Value* slot) {
    if (slot >= coveredFrom && slot < coveredTo) return false;
    for (auto& [w, len] : g->nativeRegs)
      if (slot >= w && slot < w + len) return false;
    return true;
  };
  for (size_t k = nf; k-- > 0;) {
    Frame& f = g->frames[k];
    if (k + 1 < nf) {
      const Frame& above = g->frames[k + 1];
      if (above.chunk != f.chunk) {
        coveredFrom = coveredTo = nullptr;
      } else {
        coveredFrom = above.base;
        coveredTo = std::max<const Value*>(coveredTo, above.base + above.fn->nregs);
      }
    }
    t.markObject(f.closure);
    const FuncProto* fn = f.fn;
    const uint32_t n = fn->nregs;
    const size_t size = fn->code.size();
    const uintptr_t at = reinterpret_cast<uintptr_t>(f.pc);
    const uintptr_t start = reinterpret_cast<uintptr_t>(fn->code.data());
    const uint64_t* live = nullptr;
    size_t p = 0;
    // The maps are made here on first need (the one place that reads them).
    if (!unwinding && at > start && at <= start + size * sizeof(Instr) &&
        ensureStackMaps(program_, *const_cast<FuncProto*>(fn))) {
      p = (at - start) / sizeof(Instr);
      live = fn->stackMaps.at(uint32_t(p));
    }
    if (!live) {
      for (uint32_t r = 0; r < n; ++r) mark(f.base[r]);
      continue;
    }
    // [skipFrom, skipTo): the callee frame's registers; [markFrom, markTo):
    // a native's, marked whole.
    uint32_t skipFrom = n, skipTo = n, markFrom = n, markTo = n;
    const Instr& prev = fn->code[p - 1];
    if (isCallOp(prev.op)) {
      const Frame* above = k + 1 < nf ? &g->frames[k + 1] : nullptr;
      if (above && above->kind == FrameKind::Normal && above->retDest == f.base + prev.a) {
        skipFrom = prev.a;
        skipTo = std::min<uint32_t>(n, prev.a + above->fn->nregs);
      } else {
        markFrom = prev.a;
        markTo = uint32_t(std::min<uint64_t>(n, uint64_t(prev.a) + nativeWindow(prev, f.base)));
      }
    }
    // A register the map calls dead is cleared (or poisoned), not just left
    // unmarked: its object may be freed now, and a later collection that
    // marks the register (the window of a native called later, a result
    // slot a blocked receive will fill) must not find a dangling pointer.
    for (uint32_t r = 0; r < n; ++r) {
      if (r >= skipFrom && r < skipTo) continue;
      if ((r >= markFrom && r < markTo) || (live[r >> 6] >> (r & 63) & 1))
        mark(f.base[r]);
      else if (owned(f.base + r))
        f.base[r] = dead;
    }
  }
}

}  // namespace gol::vm
