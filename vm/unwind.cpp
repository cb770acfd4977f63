// Deferred calls, panics and recover: what Go's runtime keeps in panic.go.
//
// A goroutine's deferred calls are one stack (g->defers, their arguments in
// g->deferArgs), each record naming the frame that deferred it. RET runs
// its frame's records, most recent first, before returning; a panic runs
// every record, frame by frame, each in a PanicDefer frame that knows the
// panic. A recover() in such a frame marks the panic recovered; when the
// deferred call returns, the frames above the one that deferred it are
// dropped and that frame returns its current results (recoverRet).
// Panics stack up (g->panics) when a deferred call panics in turn; they are
// all printed if none is recovered.
#include <algorithm>

#include "vm/call.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

// DEFER: records fnAndArgs[0](fnAndArgs[1..nargs]) for the current frame.
void Vm::deferCall(Goroutine* g, const Value* fnAndArgs, uint32_t nargs) {
  DeferRec d;
  d.fn = fnAndArgs[0];
  d.argStart = uint32_t(g->deferArgs.size());
  d.nargs = nargs;
  d.frame = uint32_t(g->frames.size() - 1);
  for (uint32_t k = 0; k < nargs; ++k) g->deferArgs.push_back(fnAndArgs[1 + k]);
  g->defers.push_back(d);
}

// DEFERTO: a deferred call for an older frame (a range-over-func body
// defers for the function that contains the loop, which is below the
// iterator's frames). Its record goes right after that frame's own records
// and its arguments before the deeper frames' arguments, so that each frame
// still finds its records on top when it returns or unwinds.
void Vm::deferCallTo(Goroutine* g, const Value* fnAndArgs, uint32_t nargs, uint32_t frame) {
  if (frame + 1 >= g->frames.size()) {
    deferCall(g, fnAndArgs, nargs);
    return;
  }
  uint32_t at = g->frames[frame + 1].deferMark;
  uint32_t argAt = at < g->defers.size() ? g->defers[at].argStart : uint32_t(g->deferArgs.size());
  DeferRec d;
  d.fn = fnAndArgs[0];
  d.argStart = argAt;
  d.nargs = nargs;
  d.frame = frame;
  // Open a gap of nargs arguments at argAt and of one record at `at`.
  size_t na = g->deferArgs.size();
  g->deferArgs.resize(na + nargs);
  for (size_t k = na; k > argAt; --k) g->deferArgs[k - 1 + nargs] = g->deferArgs[k - 1];
  for (uint32_t k = 0; k < nargs; ++k) g->deferArgs[argAt + k] = fnAndArgs[1 + k];
  for (size_t k = at; k < g->defers.size(); ++k) g->defers[k].argStart += nargs;
  g->defers.push_back(d);
  for (size_t k = g->defers.size() - 1; k > at; --k) g->defers[k] = g->defers[k - 1];
  g->defers[at] = d;
  for (size_t k = frame + 1; k < g->frames.size(); ++k) g->frames[k].deferMark++;
}

// Starts deferred call d with its registers at `at` (or later, in the next
// chunk). A gol function gets a frame of the given kind and the loop runs
// it (Frame); a native runs here and now (NativeDone, Panic or Block).
Vm::Invoked Vm::invokeDeferred(Goroutine* g, const DeferRec& d, Value* at, FrameKind kind,
                               uint32_t panicIdx, uint32_t owner) {
  Value fv = d.fn;
  if (!fv.o) {
    g->deferArgs.resize(d.argStart);
    runtimeError(g, "runtime error: invalid memory address or nil pointer dereference");
    return Invoked::Panic;
  }
  auto* c = static_cast<ClosureObj*>(fv.o);
  FuncProto* p = c->fn;
  uint32_t need = std::max<uint32_t>({p->nregs, d.nargs, p->nparams, p->nresults});
  uint32_t ch;
  Value* nb = roomFor(g, at, need, &ch);
  for (uint32_t k = 0; k < d.nargs; ++k) nb[k] = g->deferArgs[d.argStart + k];
  // The rest may hold stale values the collector has not kept alive: a
  // native's window is marked whole.
  for (uint32_t k = d.nargs; k < need; ++k) nb[k] = Value();
  g->deferArgs.resize(d.argStart);
  if (p->isNative) {
    // Its registers lie above every frame's: the collector must see them.
    g->nativeRegs.push_back({nb, need});
    g->pins.push_back(fv);
    NativeStatus st = callNative(g, p, nb);
    g->pins.pop_back();
    g->nativeRegs.pop_back();
    if (!g->frames.empty()) g->curChunk = g->frames.back().chunk;
    if (st == NativeStatus::Ok) return Invoked::NativeDone;
    if (st == NativeStatus::Block) return Invoked::Block;
    return Invoked::Panic;
  }
  if (!pushFrame(g, p, c, nb, nb, kind, ch)) return Invoked::Overflow;
  g->frames.back().panicIdx = panicIdx;
  g->frames.back().ownerFrame = owner;
  return Invoked::Frame;
}

// RET found a deferred call of its frame: runs the most recent one, with
// its registers above the frame's (at). The caller saved the RET's own pc,
// so the RET runs again when the deferred call is done.
Vm::Flow Vm::runDeferred(Goroutine* g, Value* at) {
  DeferRec d = g->defers.back();
  g->defers.pop_back();
  switch (invokeDeferred(g, d, at, FrameKind::Defer, 0, 0)) {
    case Invoked::Frame:
    case Invoked::NativeDone: return Flow::Resume;
    case Invoked::Panic: return panicFlow(g);
    case Invoked::Block: return Flow::Blocked;
    case Invoked::Overflow: return Flow::Overflow;
  }
  return Flow::Resume;
}

// A pending panic (g->pendingPanic) becomes the goroutine's newest.
void Vm::beginPanic(Goroutine* g) {
  PanicRec p;
  p.value = g->pendingPanic;
  p.startDepth = uint32_t(g->frames.size());
  p.goexit = g->pendingGoexit;
  g->pendingGoexit = false;
  g->pendingPanic = Value();
  g->hasPendingPanic = false;
  g->panics.push_back(p);
}

// Unwinding: runs the deferred calls of a panicking goroutine, most recent
// first, down to stopDepth. raise: a new panic is pending; record it first.
// Returns Resume when a deferred gol function is to run (the loop runs it;
// its RET comes back here through returnFromPanicDefer), Panicked when no
// deferred call is left, Blocked when a deferred native blocked (unwinding
// resumes once it is woken: g->resumePanic), or Overflow.
Vm::Flow Vm::unwind(Goroutine* g, uint32_t stopDepth, bool raise) {
  if (raise) beginPanic(g);
  for (;;) {
    if (g->defers.empty() || g->defers.back().frame < stopDepth) return Flow::Panicked;
    DeferRec d = g->defers.back();
    g->defers.pop_back();
    Value* at = stackTop(g);
    switch (
        invokeDeferred(g, d, at, FrameKind::PanicDefer, uint32_t(g->panics.size() - 1), d.frame)) {
      case Invoked::Frame: return Flow::Resume;
      case Invoked::NativeDone: break;
      case Invoked::Panic:
        if (g->hasPendingPanic) beginPanic(g);
        break;
      case Invoked::Block: g->resumePanic = true; return Flow::Blocked;
      case Invoked::Overflow: return Flow::Overflow;
    }
  }
}

// The RET of a deferred call run by panic number panicIdx, which frame
// `owner` deferred. If it recovered the panic, the frames above owner go,
// with their remaining deferred calls (already run) and the panics they
// started, and owner returns as its RET would (recoverRet). If not, the
// unwinding goes on.
Vm::Flow Vm::returnFromPanicDefer(Goroutine* g, uint32_t panicIdx, uint32_t owner) {
  if (panicIdx >= g->panics.size() || !g->panics[panicIdx].recovered) return Flow::Unwind;
  while (!g->panics.empty() && g->panics.back().startDepth > owner) g->panics.pop_back();
  g->frames.resize(owner + 1);
  while (!g->defers.empty() && g->defers.back().frame > owner) {
    g->deferArgs.resize(g->defers.back().argStart);
    g->defers.pop_back();
  }
  Frame& f = g->frames.back();
  f.pc = recoverRet(f.fn);
  return Flow::Resume;
}

// recover() in frame f: the current panic's value, if f is a deferred call
// that this panic runs (or is called by one through wrappers only) and
// nothing recovered it yet; nil otherwise.
// deferredItself: f is the thunk of `defer recover()`. Run by a panic it is
// no-op; run by its deferring frame's RET it acts as a call made by that
// frame (so a deferred function's `defer recover()` recovers its panic).
Value Vm::recover(Goroutine* g, const Frame& f, bool deferredItself) {
  if (deferredItself) {
    if (f.kind != FrameKind::Defer || g->frames.size() < 2) return Value();
    return recover(g, g->frames[g->frames.size() - 2]);
  }
  // Wrappers between the deferred call and f are not frames of their own
  // (Go skips wrapper frames): f recovers for the deferred wrapper.
  const Frame* d = &f;
  for (size_t k = size_t(d - g->frames.data());
       d->kind == FrameKind::Normal && k > 0 && g->frames[k - 1].fn->wrapper; --k)
    d = &g->frames[k - 1];
  if (d->kind != FrameKind::PanicDefer || g->panics.empty() ||
      d->panicIdx != g->panics.size() - 1 || g->panics.back().recovered || g->panics.back().goexit)
    return Value();
  g->panics.back().recovered = true;
  return g->panics.back().value;
}

// The instruction a frame resumes at after recovering: a RET of its result
// registers (see FuncProto::resultReg), made once per function.
const Instr* Vm::recoverRet(FuncProto* fn) {
  auto it = recoverRets_.find(fn);
  if (it == recoverRets_.end())
    it = recoverRets_
             .emplace(fn, Instr{Opcode::RET, uint8_t(fn->resultsBoxed ? 1 : 0), fn->resultReg,
                                fn->nresults, 0})
             .first;
  return &it->second;
}

}  // namespace gol::vm
