// Calls and returns outside the loop's hot paths (those are in call.hpp):
// goroutine stacks and their growth, frames, returns from the frames that
// end a run or belong to a deferred call, and calls from native code into
// gol (a nested run of the loop).
#include "vm/call.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "vm/stack_guard.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

namespace {
constexpr size_t kMaxChunk = 1 << 20;
}  // namespace

// Go's message when a goroutine passes the stack limit (kGoStackLimitBytes).
const char* const Vm::kStackOverflow = kStackOverflowText;

// ---- stacks

// A goroutine's registers live in chunks; a frame lies within one chunk.
// Returns where n registers starting at `at` fit: `at` itself, or the start
// of the next chunk (made, or remade bigger, as needed), which becomes the
// current one. Chunks beyond the current one are kept for reuse.
Value* Vm::roomFor(Goroutine* g, Value* at, uint32_t n, uint32_t* chunk) {
  StackChunk& cur = g->chunks[g->curChunk];
  if (at >= cur.mem && at + n <= cur.mem + cur.cap) {
    *chunk = g->curChunk;
    return at;
  }
  uint32_t next = g->curChunk + 1;
  if (next < g->chunks.size() && g->chunks[next].cap < n) {
    for (size_t k = next; k < g->chunks.size(); ++k) std::free(g->chunks[k].mem);
    g->chunks.resize(next);
  }
  if (next >= g->chunks.size()) {
    StackChunk c;
    c.cap =
        std::max<size_t>(size_t(n) + 16, std::min(std::max<size_t>(cur.cap * 2, 32), kMaxChunk));
    c.mem = static_cast<Value*>(std::calloc(c.cap, sizeof(Value)));
    if (!c.mem) throw std::bad_alloc();
    g->chunks.push_back(c);
  }
  g->curChunk = next;
  *chunk = next;
  return g->chunks[next].mem;
}

// True when the goroutine's frames and register chunks up to the current
// one together pass Go's 1 GB stack limit. Only the slow path of a call asks
// (a full chunk or the frame cap), so the sum over the chunks is cheap.
bool Vm::stackBytesExceeded(const Goroutine* g) const {
  size_t bytes = g->frames.size() * sizeof(Frame);
  for (uint32_t k = 0; k <= g->curChunk; ++k) bytes += g->chunks[k].cap * sizeof(Value);
  return bytes >= kGoStackLimitBytes;
}

// The first register of the current chunk that no frame and no native in
// progress uses: where a call that is not made from a frame's registers (a
// deferred call, a callback from native code) puts its own.
Value* Vm::stackTop(Goroutine* g) {
  const StackChunk& c = g->chunks[g->curChunk];
  Value* top = c.mem;
  auto inChunk = [&](Value* p) { return p >= c.mem && p <= c.mem + c.cap; };
  if (!g->frames.empty()) {
    const Frame& f = g->frames.back();
    Value* e = f.base + f.fn->nregs;
    if (inChunk(f.base)) top = std::max(top, e);
  }
  for (auto& [p, n] : g->nativeRegs)
    if (inChunk(p)) top = std::max(top, p + n);
  return top;
}

// ---- frames

bool Vm::pushFrame(Goroutine* g, FuncProto* fn, ClosureObj* c, Value* base, Value* retDest,
                   FrameKind kind, uint32_t chunk) {
  if (g->frames.size() >= maxFrames) return false;
  for (Value* p = base + fn->nparams; p < base + fn->nregs; ++p) *p = Value();
  g->frames.push_back(
      Frame{fn->code.data(), base, fn, c, retDest, uint32_t(g->defers.size()), 0, 0, chunk, kind});
  g->curChunk = chunk;
  return true;
}

// enterCall when the frame limit is reached (null) or fn's registers do not
// fit in the current chunk: the frame starts the next chunk, the arguments
// are copied there, and the results come back to the caller's registers.
Frame* Vm::enterCallSlow(Goroutine* g, FuncProto* fn, ClosureObj* c, Value* args) {
  if (g->frames.size() >= maxFrames || stackBytesExceeded(g)) return nullptr;
  uint32_t ch;
  Value* nb = roomFor(g, args, fn->nregs, &ch);
  std::memcpy(static_cast<void*>(nb), args, sizeof(Value) * fn->nparams);
  pushFrame(g, fn, c, nb, args, FrameKind::Normal, ch);
  return &g->frames.back();
}

// ---- returns

// RET of a frame that is not an ordinary call (results already stored):
// pops it and says where the loop goes.
Vm::Flow Vm::returnSpecial(Goroutine* g) {
  Frame f = g->frames.back();
  g->frames.pop_back();
  switch (f.kind) {
    case FrameKind::Normal:
    case FrameKind::Defer: return Flow::Resume;  // a Defer's caller is a RET: it runs again
    case FrameKind::Entry: return Flow::Finished;
    case FrameKind::Boundary:
      if (!g->frames.empty()) g->curChunk = g->frames.back().chunk;
      return Flow::Finished;
    case FrameKind::PanicDefer: return returnFromPanicDefer(g, f.panicIdx, f.ownerFrame);
  }
  return Flow::Resume;
}

// ---- calls from native code

bool Vm::callValue(Goroutine* g, const Value& fn, const Value* args, uint32_t nargs, Value* results,
                   uint32_t nresults) {
  if (!fn.o) {
    runtimeError(g, "runtime error: invalid memory address or nil pointer dereference");
    return false;
  }
  // Each call from native code nests a C++ activation (this function, the
  // native's, the loop's): Go's stack limit applies to them too.
  checkNativeStack();
  auto* c = static_cast<ClosureObj*>(fn.o);
  FuncProto* p = c->fn;
  uint32_t need = std::max<uint32_t>({p->nregs, nargs, nresults, p->nparams, p->nresults});
  uint32_t savedChunk = g->curChunk;
  uint32_t ch;
  Value* nb = roomFor(g, stackTop(g), need, &ch);
  for (uint32_t k = 0; k < nargs; ++k) nb[k] = args[k];
  // The rest may hold stale values the collector has not kept alive: a
  // native's window is marked whole.
  for (uint32_t k = nargs; k < need; ++k) nb[k] = Value();
  if (p->isNative) {
    g->nativeRegs.push_back({nb, need});
    NativeStatus st = callNative(g, p, nb);
    g->nativeRegs.pop_back();
    g->curChunk = savedChunk;
    if (st == NativeStatus::Ok) {
      for (uint32_t k = 0; k < nresults; ++k) {
        results[k] = nb[k];
        g->pins.push_back(nb[k]);
      }
      return true;
    }
    if (st == NativeStatus::Block)
      throw FatalError{"fatal error: a native callback tried to block"};
    return false;
  }
  uint32_t stopDepth = uint32_t(g->frames.size());
  if (!pushFrame(g, p, c, nb, nb, FrameKind::Boundary, ch)) throw FatalError{kStackOverflow};
  ExecStatus s;
  do {
    s = run(g, int64_t(1) << 60, stopDepth);
  } while (s == ExecStatus::Yielded);
  g->curChunk = savedChunk;
  switch (s) {
    case ExecStatus::Finished:
      for (uint32_t k = 0; k < nresults; ++k) {
        results[k] = nb[k];
        g->pins.push_back(nb[k]);
      }
      return true;
    case ExecStatus::Panicked: g->frames.resize(stopDepth); return false;
    case ExecStatus::Blocked: throw FatalError{"fatal error: a native callback tried to block"};
    case ExecStatus::Fatal: throw FatalError{fatalMessage};
    default: return false;
  }
}

}  // namespace gol::vm
