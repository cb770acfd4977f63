// The hot paths of calls and returns, inline for the interpreter loop
// (interp.cpp) and the deferred-call and callback paths. Everything rarer
// (stack growth, the frame kinds other than a plain call) is out of line in
// call.cpp. They are forced inline because they were the loop's own code:
// every gol call and return runs them, and run() is large enough that the
// compiler's inlining budget for it is not to be relied on.
#pragma once

#include "vm/vm.hpp"

namespace gol::vm {

// Enters gol function fn, whose arguments the caller left at args (its own
// registers R[a..]): the callee's frame starts there, so arguments are not
// copied. Returns the new frame, or null on stack overflow. When fn's
// registers do not fit before stackEnd the frame moves to the next stack
// chunk (then frame->base != args, and the caller reloads its stack end).
[[gnu::always_inline]] inline Frame* Vm::enterCall(Goroutine* g, FuncProto* fn, ClosureObj* c,
                                                   Value* args, const Value* stackEnd) {
  if (args + fn->nregs > stackEnd || g->frames.size() >= maxFrames) [[unlikely]]
    return enterCallSlow(g, fn, c, args);
  for (Value* p = args + fn->nparams; p < args + fn->nregs; ++p) *p = Value();
  g->frames.push_back(Frame{fn->code.data(), args, fn, c, args, uint32_t(g->defers.size()), 0, 0,
                            g->curChunk, FrameKind::Normal});
  return &g->frames.back();
}

// Calls native fn on the registers at regs. Values the native pinned die
// with the call. The native may call back into gol (NativeCtx::call), which
// may move g->frames: the caller re-reads its frame pointer.
[[gnu::always_inline]] inline NativeStatus Vm::callNative(Goroutine* g, FuncProto* fn,
                                                          Value* regs) {
  size_t pinMark = g->pins.size();
  NativeCtx ctx{*this, g};
  NativeStatus st = fn->native(ctx, regs);
  g->pins.resize(pinMark);
  return st;
}

// RET's copy of n results from src to the caller's dst. Boxed results
// (named results captured by a closure) live in boxes: their contents go.
[[gnu::always_inline]] inline void storeResults(const Instr& ret, const Value* src, Value* dst) {
  uint32_t n = ret.b;
  if (ret.x == 1) {
    for (uint32_t k = 0; k < n; ++k) {
      auto* box = static_cast<ArrayObj*>(src[k].o);
      dst[k] = box ? box->values()[0] : Value();
    }
  } else if (dst != src) {
    for (uint32_t k = 0; k < n; ++k) dst[k] = src[k];
  }
}

// A native or a deferred call reported a panic: either a new one (pending)
// or one already under way, when a gol callback it made panicked and the
// nested run handed the unwinding back to this one.
inline Vm::Flow Vm::panicFlow(const Goroutine* g) {
  return g->hasPendingPanic ? Flow::Raise : Flow::Unwind;
}

}  // namespace gol::vm
