// The engine: goroutine state (register stacks, frames, defers, panics) and
// the interpreter that runs one goroutine until it finishes, blocks, is
// preempted or panics. Scheduling policy, channels and timers belong to the
// runtime, reached through ExecHooks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bytecode/program.hpp"
#include "bytecode/value.hpp"
#include "vm/heap.hpp"
#include "vm/native.hpp"
#include "vm/small_vec.hpp"

namespace gol::vm {

// Thrown by NativeCtx::exit (os.Exit) and caught by the runtime's entry
// point after flushing.
struct ExitRequest {
  int code;
};
// Thrown where a fatal error cannot be returned as a status (inside a
// callback from native code); the runtime prints it and exits with 2.
struct FatalError {
  std::string message;
};

enum class FrameKind : uint8_t {
  Normal,
  Entry,       // the goroutine's first frame: returning ends the goroutine
  Boundary,    // called from native code: returning goes back to C++
  Defer,       // a deferred call run by RET
  PanicDefer,  // a deferred call run by a panic
};

struct Frame {
  const Instr* pc;  // next instruction
  Value* base;      // R[0]
  FuncProto* fn;
  ClosureObj* closure;
  Value* retDest;       // where RET stores results: the caller's R[a], else its own base
  uint32_t deferMark;   // defers at index >= deferMark belong to this frame
  uint32_t panicIdx;    // PanicDefer: the panic that runs it
  uint32_t ownerFrame;  // PanicDefer: the frame whose defer this is
  uint32_t chunk;       // stack chunk holding base
  FrameKind kind;
};

struct DeferRec {
  Value fn;
  uint32_t argStart;  // into Goroutine::deferArgs
  uint32_t nargs;
  uint32_t frame;  // index of the owning frame
};

struct PanicRec {
  Value value;
  uint32_t startDepth;  // frames.size() when it started
  bool recovered = false;
  bool goexit = false;  // runtime.Goexit: runs the deferred calls, is not recoverable
};

struct StackChunk {
  Value* mem;
  size_t cap;
};

enum class GStatus : uint8_t { Runnable, Running, Waiting, Dead };

// The registers of a native call in progress that lie outside any frame's
// (first: where they start, second: how many), for the collector and for
// stackTop. Named as a pair's members so that `auto& [p, n]` reads them.
struct NativeWindow {
  Value* first;
  uint32_t second;
};

// Goroutines live in blocks of Vm's goroutine slab: this header, then
// (small goroutines) the first stack chunk inline.
struct Goroutine {
  uint64_t id = 0;
  SmallVec<StackChunk, 1> chunks;  // chunks[0] may be inline (chunk0Inline)
  SmallVec<Frame, 1> frames;
  uint32_t curChunk = 0;
  uint8_t blockClass = 0;  // the slab size class of this goroutine's block
  bool chunk0Inline = false;
  bool hasPendingPanic = false;
  bool resumePanic = false;    // blocked inside a panic's deferred native
  bool pendingGoexit = false;  // the pending "panic" is runtime.Goexit
  PodVec<DeferRec> defers;
  PodVec<Value> deferArgs;
  PodVec<PanicRec> panics;
  // Values a running native keeps alive (results of NativeCtx allocations).
  PodVec<Value> pins;
  // Register windows of natives in progress (outside any frame's registers).
  PodVec<NativeWindow> nativeRegs;
  Value pendingPanic;        // set by a native or hook that reports Panic
  bool entryNative = false;  // started on a native function: no frames
  bool entryNativeBlocked = false;

  // Scheduling state, owned by the runtime.
  GStatus status = GStatus::Runnable;
  const char* waitReason = "";       // Go's wait reason: "chan receive", ...
  const char* waitDetail = nullptr;  // what it waits on, for deadlock reports
  Goroutine* schedNext = nullptr;
  uint32_t allIndex = 0;  // position in Vm's list of goroutines
  // The runtime's own record for this goroutine's one plain channel wait
  // (a sudog), so that a blocking send or receive allocates nothing.
  alignas(8) unsigned char rtWait[80];

  Value* chunkEnd() const { return chunks[curChunk].mem + chunks[curChunk].cap; }
};

enum class OpStatus : uint8_t { Ok, Block, Panic };

// What the interpreter asks of the runtime. Channel operations receive
// the channel Value (nil: o == nullptr). They return Ok when done, Block
// when the goroutine must wait (the runtime stores the results into the
// given slots, which stay valid, and makes it runnable again), or Panic
// after setting g->pendingPanic (Vm::runtimeError).
class ExecHooks {
 public:
  virtual ~ExecHooks() = default;
  // unbounded: gol's extension (a constant negative size); otherwise a
  // negative or oversized `size` panics as in Go.
  virtual Value makeChan(Goroutine* g, uint32_t chanTid, int64_t size, bool unbounded,
                         bool* panicked) = 0;
  virtual OpStatus send(Goroutine* g, const Value& ch, const Value& v) = 0;
  virtual OpStatus recv(Goroutine* g, const Value& ch, Value* dst, Value* ok) = 0;
  virtual OpStatus close(Goroutine* g, const Value& ch) = 0;
  virtual int64_t chanLen(const Value& ch) = 0;
  virtual int64_t chanCap(const Value& ch) = 0;
  // Cases as described at the SELECT opcode; *chosen receives the index.
  virtual OpStatus select(Goroutine* g, Value* cases, uint32_t n, bool hasDefault,
                          Value* chosen) = 0;
  // A new goroutine was created by GO and is ready to run.
  virtual void spawned(Goroutine* g) = 0;
  // GC roots the runtime holds (timers ...).
  virtual void traceRoots(Tracer&) {}
};

enum class ExecStatus : uint8_t {
  Finished,  // the goroutine's entry function (a nested run: its bottom frame) returned
  Blocked,   // waiting; the runtime will make it runnable
  Yielded,   // instruction budget used up
  Panicked,  // unrecovered panic: g->panics holds the chain
  Fatal,     // fatal error (stack overflow): Vm::fatalMessage
};

// A reference to a whole aggregate object: usable both as the struct/array
// value and as a pointer to it.
inline Value aggRef(Object* o) {
  Value v = Value::ofRef(o, kTidRef);
  if (o) v.aux = kWholeObject;
  return v;
}

class Vm : public RootSource, public AllocStackSource {
 public:
  Vm(Program& program, ExecHooks* hooks);
  ~Vm() override;
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  // Binds natives and materialises constants. Returns false with a message
  // naming the first native that is not registered.
  bool load(std::string* error);
  // The REPL appends to the program while it runs: binds and materialises
  // functions [firstFunc, end), grows the globals, and forgets cached
  // interface checks (method tables may have changed).
  bool loadAppended(size_t firstFunc, std::string* error);

  Program& program() { return program_; }
  Heap& heap() { return heap_; }
  ExecHooks* hooks() { return hooks_; }
  void setHooks(ExecHooks* h) { hooks_ = h; }

  // Goroutines. newGoroutine prepares a call of func value `fn`; the
  // entry goroutine calls a FuncProto directly.
  Goroutine* newGoroutine(const Value& fn, const Value* args, uint32_t nargs);
  Goroutine* newMainGoroutine();
  void freeGoroutine(Goroutine* g);
  const std::vector<Goroutine*>& goroutines() const { return all_; }

  // Runs g for about `budget` instructions-worth of calls and back-edges.
  ExecStatus execute(Goroutine* g, int64_t budget);

  // Builds the runtime-error panic value (tid kTidRuntimeError).
  Value runtimeErrorValue(std::string_view text);
  // Sets g's pending panic to a runtime error; returns OpStatus::Panic.
  OpStatus runtimeError(Goroutine* g, std::string_view text);

  // Reports (stderr) an unrecovered panic of g: `panic: ...`, then its
  // trace. Flushes stdout first. Throws what panicValueText throws.
  void printPanic(Goroutine* g);
  // The goroutine's unwinding was runtime.Goexit's, not a panic's: it
  // ends without a report.
  static bool endedByGoexit(const Goroutine* g) {
    return !g->panics.empty() && g->panics.back().goexit;
  }
  // `goroutine N [reason]:` and the frames, for traces.
  std::string traceback(Goroutine* g, const char* state);
  std::string fatalMessage;

  // Formats a panic value as Go's printpanicval does (calls Error/String).
  // Calls gol code, which may throw ExitRequest (os.Exit) or FatalError
  // (the method panicked: Go's "panic while printing panic value").
  std::string panicValueText(Goroutine* g, Value v);
  std::string nestedPanicText(const Value& v) const;

  // Output.
  void writeStdout(std::string_view s);
  void flushStdout();
  std::string_view pendingStdout() const { return out_; }  // not yet written
  // Line buffering (on by default when stdout is a terminal); the REPL
  // turns it off and writes the output itself, around its prompt.
  void setStdoutLineBuffered(bool on) { stdoutIsTty_ = on; }
  std::vector<std::string> args;

  // Calls a func value from C++ on goroutine g (NativeCtx::call).
  bool callValue(Goroutine* g, const Value& fn, const Value* args, uint32_t nargs, Value* results,
                 uint32_t nresults);
  // Finds method `nameId` of dynamic type tid; returns the function or null.
  FuncProto* findMethod(uint32_t tid, uint32_t nameId) const;
  // The same, when the method also has signature `sig` ("func() string"):
  // what a native means by "v implements Stringer".
  FuncProto* findMethod(uint32_t tid, std::string_view name, std::string_view sig) const;
  const RtMethod* findRtMethod(uint32_t tid, uint32_t nameId) const;
  uint32_t nameIdOf(std::string_view name) const;
  // Functions made while the program runs (reflect's method-value and
  // MakeFunc trampolines), kept as long as the VM under a key their maker
  // chooses: madeFunc gives null for a key not made yet.
  FuncProto* madeFunc(const std::string& key) const;
  FuncProto* addMadeFunc(const std::string& key, std::unique_ptr<FuncProto> fn);

  // Value helpers (value_ops.cpp).
  Value zeroValue(uint32_t tid);
  Value deepCopy(const Value& v);
  // Elements [from, from+n) of a, just copied from another array: when they
  // are structs or arrays (heap objects with value semantics), each gets
  // its own copy so the two arrays do not share them.
  void unshareElems(ArrayObj* a, uint32_t from, uint32_t n);
  void copyInto(ArrayObj* dst, ArrayObj* src);
  // A new zero struct or array; inner: part of another value or a value
  // Go would not allocate on its own (left out of the heap profile).
  ArrayObj* newAggregate(uint32_t tid, bool inner = false);

  // RootSource
  void traceRoots(Tracer& t) override;
  // AllocStackSource: the frames of the goroutine running now.
  uint32_t allocStack(ProfileFrame* out, uint32_t max) override;
  // g's frames, by their stack maps (stack_scan.cpp).
  void traceStack(Goroutine* g, Tracer& t);
  uint32_t nativeWindow(const Instr& call, const Value* base) const;
  // GOL_GCPOISON is set: collections poison dead registers and come at
  // least every 64 KB of allocation (stack_scan.cpp).
  static bool gcPoison();

  // Go ends a goroutine whose stack passes 1 GB. A gol goroutine's stack is
  // its frames plus its register chunks: the frame count is capped so that
  // the frames alone stay within that, and a new register chunk is refused
  // when frames and registers together would pass it (enterCallSlow).
  static constexpr size_t kGoStackLimitBytes = 1000000000;
  uint32_t maxFrames = kGoStackLimitBytes / sizeof(Frame);

 private:
  friend struct NativeCtx;

  // Where the interpreter loop goes after a call, return or unwinding step
  // that left the current frame (the loop's one switch over this, `follow`).
  enum class Flow : uint8_t {
    Resume,    // run g->frames.back() from its saved pc
    Finished,  // the bottom frame of this run returned
    Blocked,   // parked: the runtime makes the goroutine runnable again
    Raise,     // g->pendingPanic holds a new panic: record it, then unwind
    Unwind,    // a panic is under way: run the next deferred call
    Panicked,  // no deferred call of this run is left: the panic escapes
    Overflow,  // the frame limit was reached: fatal stack overflow
  };
  // What starting a deferred call did.
  enum class Invoked : uint8_t { Frame, NativeDone, Panic, Block, Overflow };

  // The loop (interp.cpp). A nested run (callValue) stops at stopDepth: it
  // returns when the frame at that depth returns, and its unwinding runs no
  // deferred call of the frames below.
  ExecStatus executeRunning(Goroutine* g, int64_t budget);
  ExecStatus run(Goroutine* g, int64_t budget, uint32_t stopDepth);

  // Calls and returns. The hot paths are inline in call.hpp, for the loop;
  // the rest is in call.cpp.
  Frame* enterCall(Goroutine* g, FuncProto* fn, ClosureObj* c, Value* args, const Value* stackEnd);
  bool stackBytesExceeded(const Goroutine* g) const;
  Frame* enterCallSlow(Goroutine* g, FuncProto* fn, ClosureObj* c, Value* args);
  NativeStatus callNative(Goroutine* g, FuncProto* fn, Value* regs);
  Flow returnSpecial(Goroutine* g);
  static Flow panicFlow(const Goroutine* g);
  Value* roomFor(Goroutine* g, Value* at, uint32_t n, uint32_t* chunk);
  Value* stackTop(Goroutine* g);
  bool pushFrame(Goroutine* g, FuncProto* fn, ClosureObj* c, Value* base, Value* retDest,
                 FrameKind kind, uint32_t chunk);
  static const char* const kStackOverflow;

  // Deferred calls, panics and recovery (unwind.cpp).
  void deferCall(Goroutine* g, const Value* fnAndArgs, uint32_t nargs);
  void deferCallTo(Goroutine* g, const Value* fnAndArgs, uint32_t nargs, uint32_t frame);
  Flow runDeferred(Goroutine* g, Value* at);
  void beginPanic(Goroutine* g);
  Flow unwind(Goroutine* g, uint32_t stopDepth, bool raise);
  Flow returnFromPanicDefer(Goroutine* g, uint32_t panicIdx, uint32_t owner);
  Value recover(Goroutine* g, const Frame& f, bool deferredItself = false);
  Invoked invokeDeferred(Goroutine* g, const DeferRec& d, Value* at, FrameKind kind,
                         uint32_t panicIdx, uint32_t owner);
  const Instr* recoverRet(FuncProto* fn);

  bool implements(uint32_t tid, uint32_t ifaceTid);
  const RtMethod* missingMethod(uint32_t tid, uint32_t ifaceTid) const;
  std::string assertError(uint32_t have, uint32_t want, uint32_t from = kTidAny) const;
  std::string assertIfaceError(uint32_t have, uint32_t iface) const;
  bool keyHashable(MapObj* m, const Value& key, std::string* err) const;

  // Slices (value_ops.cpp).
  Value makeSlice(uint32_t sliceTid, uint32_t len, uint32_t cap);
  Value elemAddr(ArrayObj* a, uint32_t idx) const;
  Value fieldAddr(ArrayObj* a, uint32_t idx) const;
  Value appendSlow(uint32_t sliceTid, Value s, const Value* elems, uint32_t n, bool);
  Value appendBytes(uint32_t sliceTid, Value s, Value str);
  Value appendSlice(uint32_t sliceTid, Value dst, Value src);
  void clearElems(ArrayObj* a, uint32_t off, uint32_t len);
  void zeroInto(ArrayObj* a);
  uint64_t goSize(uint32_t tid) const;
  static std::string fmtIndexError(int64_t i, uint64_t n);
  static std::string fmtSliceError2(int64_t lo, int64_t hi, int64_t cap, bool hiGiven,
                                    const char* what);
  std::unordered_map<const FuncProto*, Instr> recoverRets_;
  std::unordered_map<std::string, std::unique_ptr<FuncProto>> madeFuncs_;
  std::unordered_map<uint64_t, bool> implCache_;

  Program& program_;
  Heap heap_;
  ExecHooks* hooks_;
  Goroutine* allocGoroutine(size_t firstChunk);
  void releaseGoroutine(Goroutine* g);
  void* slabAlloc(uint32_t cls);
  std::vector<Goroutine*> all_;
  Goroutine* running_ = nullptr;  // the goroutine execute() runs
  // The goroutine slab: size-class free lists over big mmap'd regions
  // (huge pages where the kernel allows), never returned before exit.
  static constexpr uint32_t kGClasses = 6;
  void* gFree_[kGClasses] = {};
  char* gBump_ = nullptr;
  char* gBumpEnd_ = nullptr;
  std::vector<std::pair<void*, size_t>> gRegions_;
  std::vector<Value> globals_;
  uint64_t nextId_ = 1;
  std::string out_;
  bool stdoutIsTty_ = false;  // line-buffered then
  std::string errText_;       // the interpreter's pending runtime-error text

 public:
  std::vector<Value>& globals() { return globals_; }
};

}  // namespace gol::vm
