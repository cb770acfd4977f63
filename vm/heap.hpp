// The garbage-collected heap: allocation of every object kind of object.hpp
// and a precise mark-sweep collector.
//
// Objects are individually allocated blocks (header and flexible payload in
// one block) linked into one list. A collection marks from the roots that the
// registered RootSource reports, then sweeps the list. Collections happen
// only inside allocation calls, when the bytes allocated since the last
// collection exceed a threshold that grows with the live heap.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string_view>
#include <utility>
#include <vector>

#include "bytecode/rttype.hpp"
#include "bytecode/value.hpp"
#include "vm/go_sizes.hpp"
#include "vm/mem_profile.hpp"
#include "vm/object.hpp"

namespace gol::vm {

struct MapObj;

// Marks objects reachable from what it is given.
class Tracer {
 public:
  explicit Tracer(const std::vector<RtType>& types) : types_(types) {}
  void markObject(Object* o) {
    if (o && !o->marked) {
      o->marked = true;
      stack_.push_back(o);
    }
  }
  // A Value is a reference iff its tid says so.
  void markValue(const Value& v) {
    if (v.o && isRefTid(v.tid)) markObject(v.o);
  }
  void markValues(const Value* v, size_t n) {
    for (size_t i = 0; i < n; ++i) markValue(v[i]);
  }
  bool isRefTid(uint32_t tid) const {
    return tid == kTidRef || (tid != 0 && tid < types_.size() && types_[tid].hasRef);
  }
  void drain() {
    while (!stack_.empty()) {
      Object* o = stack_.back();
      stack_.pop_back();
      o->trace(*this);
    }
  }

 private:
  const std::vector<RtType>& types_;
  std::vector<Object*> stack_;
};

// Whoever holds references outside the heap (the VM: goroutine stacks,
// globals, constants; the runtime: timers) reports them here.
class RootSource {
 public:
  virtual ~RootSource() = default;
  virtual void traceRoots(Tracer& t) = 0;
};

class Heap {
 public:
  explicit Heap(const std::vector<RtType>& types) : types_(types) {}
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  void addRoots(RootSource* r) { roots_.push_back(r); }
  void removeRoots(RootSource* r);

  // Allocation. Every call may collect first.
  StringObj* newString(std::string_view s);
  StringObj* newStringUninit(size_t len);  // caller fills data()
  ArrayObj* newArray(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid);
  // The same for what Go would not allocate on its own (a struct's struct
  // fields, copies of values, complex numbers): left out of the heap profile.
  ArrayObj* newInnerArray(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid);
  SliceObj* newSlice(ArrayObj* a, uint32_t off, uint32_t len, uint32_t cap);
  ClosureObj* newClosure(FuncProto* fn, uint32_t ncaptured);
  MapObj* newMap(uint32_t mapTid, uint32_t hint);
  // A runtime-defined object (runtime/: channels, timers ...). `T` derives
  // from Object with kind Other.
  template <class T, class... A>
  T* make(A&&... args) {
    maybeCollect(sizeof(T));
    void* mem = rawAlloc(sizeof(T));
    T* o = new (mem) T(std::forward<A>(args)...);
    link(o, sizeof(T));
    return o;
  }

  // Objects that manage their own storage report its growth and shrinkage.
  // (Growth past the hard limit is caught by the next allocation.)
  void adjust(int64_t delta) {
    bytesLive_ += delta;
    if (delta > 0) allocatedSince_ += size_t(delta);
  }

  // Limits (0: none). Past the hard limit (--max-heap) even after a
  // collection, an allocation throws std::bad_alloc, which ends the program
  // with Go's "fatal error: runtime: out of memory". The soft limit
  // (GOMEMLIMIT) only makes collections more frequent as the live heap
  // nears it, as Go's does.
  void setHardLimit(size_t bytes) { hardLimit_ = bytes; }
  void setSoftLimit(size_t bytes) { softLimit_ = bytes; }
  // Collect after at most this many bytes were allocated (a debugging aid:
  // GOL_GCPOISON sets it small, see vm/stack_scan.cpp).
  void setCollectEvery(size_t bytes) {
    collectEvery_ = bytes;
    threshold_ = std::min(threshold_, bytes);
  }

  void collect();
  // Prevents collections while > 0 (used where raw pointers are juggled).
  void pause() { ++paused_; }
  void resume() { --paused_; }

  // runtime.SetFinalizer: when a collection finds `obj` unreachable it
  // keeps it (and what it reaches) alive once more and queues fn(ptr) for
  // the runtime to run on a goroutine of its own (takeReadyFinalizers).
  // fn with a null payload removes obj's finalizer.
  struct Finalizer {
    Object* obj;
    Value ptr;  // the pointer as an interface value: its tid is the pointer type
    Value fn;
  };
  void setFinalizer(Object* obj, const Value& ptr, const Value& fn);
  bool finalizersReady() const { return !readyFinalizers_.empty(); }
  std::vector<Finalizer> takeReadyFinalizers() { return std::move(readyFinalizers_); }

  // runtime.MemProfile's sampling and records.
  MemProfile& profile() { return profile_; }

  size_t bytesLive() const { return bytesLive_; }
  uint64_t collections() const { return collections_; }
  size_t objectCount() const { return count_; }
  // Since the start (runtime.MemStats' TotalAlloc and Mallocs).
  uint64_t totalBytes() const { return totalBytes_; }
  uint64_t totalObjects() const { return totalObjects_; }
  size_t nextCollection() const { return threshold_; }
  const std::vector<RtType>& types() const { return types_; }

 private:
  // The heap profile's fast path: Go's allocator counts every allocation
  // down from the next sampling point (malloc.go's nextSample), in Go's
  // sizes: `size` the block Go would hand out, tiny when Go's tiny
  // allocator would pack the object with others.
  void noteAlloc(Object* o, uint64_t size, bool tiny) {
    if ((profile_.countdown -= int64_t(size)) <= 0) [[unlikely]]
      profile_.sample(o, size, tiny);
  }
  // What the profile counts for an object of `bytes`: Go's block size,
  // shifted left, with the low bit set when Go's tiny allocator would take
  // the object (the size is then `bytes` itself).
  static uint64_t goAllocOf(uint64_t bytes, bool hasPointers) {
    if (!hasPointers && bytes < kGoTinySize) return bytes << 1 | 1;
    return goRoundUpSize(bytes) << 1;
  }
  void noteAllocOf(Object* o, uint64_t goAlloc) { noteAlloc(o, goAlloc >> 1, goAlloc & 1); }
  // goAllocOf for one value of type tid, cached by tid.
  uint64_t typeAllocOf(uint32_t tid) {
    if (tid < typeAllocs_.size()) [[likely]]
      return typeAllocs_[tid];
    return computeTypeAllocs(tid);
  }
  uint64_t computeTypeAllocs(uint32_t tid);
  template <bool kProfiled>
  ArrayObj* arrayOf(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid);

  void maybeCollect(size_t bytes) {
    allocatedSince_ += bytes;
    if (allocatedSince_ > threshold_ && paused_ == 0) collect();
    if (hardLimit_ != 0 && size_t(bytesLive_) + bytes > hardLimit_) [[unlikely]]
      overLimit(bytes);
  }
  void overLimit(size_t bytes);
  // Objects up to kSmallMax bytes come from per-size-class free lists
  // carved out of large chunks: malloc/free per object dominated the
  // allocation-heavy benchmarks.
  static constexpr size_t kSmallMax = 512;
  static size_t sizeClassOf(size_t bytes) { return bytes <= kSmallMax ? (bytes + 15) >> 4 : 0; }
  void link(Object* o, size_t bytes) {
    o->sizeClass = uint8_t(sizeClassOf(bytes));
    o->gcNext = head_;
    head_ = o;
    bytesLive_ += int64_t(bytes);
    ++count_;
    totalBytes_ += bytes;
    ++totalObjects_;
  }
  void* rawAlloc(size_t bytes);
  // rawAlloc's body, inlined into the array allocation that dominates
  // allocation-heavy programs.
  [[gnu::always_inline]] inline void* allocBlock(size_t bytes);
  void freeObject(Object* o);

  void* freeLists_[kSmallMax / 16 + 1] = {};
  char* chunkCur_ = nullptr;
  char* chunkEnd_ = nullptr;
  std::vector<void*> chunks_;
  const std::vector<RtType>& types_;
  std::vector<RootSource*> roots_;
  std::vector<Finalizer> finalizers_;
  std::vector<Finalizer> readyFinalizers_;
  MemProfile profile_;
  std::vector<uint64_t> typeAllocs_;  // goAllocOf by tid
  std::vector<GoLayout> layouts_;     // by tid
  Object* head_ = nullptr;
  int64_t bytesLive_ = 0;
  size_t allocatedSince_ = 0;
  size_t threshold_ = 8u << 20;
  size_t hardLimit_ = 0;
  size_t softLimit_ = 0;
  size_t collectEvery_ = 0;  // 0: no such bound
  size_t count_ = 0;
  uint64_t collections_ = 0;
  uint64_t totalBytes_ = 0;
  uint64_t totalObjects_ = 0;
  int paused_ = 0;
};

}  // namespace gol::vm
