// The heap and the mark-sweep collector: see heap.hpp.
#include "vm/heap.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/map.hpp"

namespace gol::vm {

void ArrayObj::trace(Tracer& t) {
  if (elemKind != ElemKind::V) return;
  Value* v = values();
  for (uint32_t i = 0; i < len; ++i) t.markValue(v[i]);
}

void SliceObj::trace(Tracer& t) {
  t.markObject(array);
}

void ClosureObj::trace(Tracer& t) {
  // Captured variables are boxes or values; their tids tell which.
  t.markValues(captured(), ncaptured);
}

namespace {

// Go's map header (runtime.hmap), what make(map) allocates first; the
// profile leaves out Go's bucket arrays, which gol's maps do not have.
constexpr uint64_t kGoMapHeaderBytes = 48;

size_t objectBytes(Object* o) {
  switch (o->kind) {
    case ObjKind::String: return sizeof(StringObj) + static_cast<StringObj*>(o)->len;
    case ObjKind::Array: {
      auto* a = static_cast<ArrayObj*>(o);
      return sizeof(ArrayObj) + size_t(a->len) * elemSize(a->elemKind);
    }
    case ObjKind::Slice: return sizeof(SliceObj);
    case ObjKind::Closure:
      return sizeof(ClosureObj) + static_cast<ClosureObj*>(o)->ncaptured * sizeof(Value);
    case ObjKind::Map: return sizeof(MapObj) + static_cast<MapObj*>(o)->storageBytes();
    case ObjKind::Other: return 64;
  }
  return 0;
}

// Under AddressSanitizer every object is its own malloc block, freed with
// free(): recycling through the free lists would hand a dead object's memory
// straight to the next allocation and hide use-after-free from ASan's
// quarantine. Sanitizer builds also honour GOL_GCSTRESS=N: collect before
// every N-th allocation, to catch values the collector cannot see as roots.
// GCC defines __SANITIZE_ADDRESS__; clang only answers
// __has_feature(address_sanitizer).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GOL_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(GOL_ASAN)
constexpr bool kPlainMalloc = true;
uint64_t gcStressEvery() {
  static const uint64_t n = [] {
    const char* e = std::getenv("GOL_GCSTRESS");
    return e ? std::strtoull(e, nullptr, 10) : 0;
  }();
  return n;
}
#else
constexpr bool kPlainMalloc = false;
constexpr uint64_t gcStressEvery() {
  return 0;
}
#endif

}  // namespace

Heap::~Heap() {
  Object* o = head_;
  while (o) {
    Object* next = o->gcNext;
    freeObject(o);
    o = next;
  }
  for (void* c : chunks_) std::free(c);
}

void Heap::removeRoots(RootSource* r) {
  roots_.erase(std::remove(roots_.begin(), roots_.end(), r), roots_.end());
}

void* Heap::rawAlloc(size_t bytes) {
  return allocBlock(bytes);
}

void* Heap::allocBlock(size_t bytes) {
  if (uint64_t every = gcStressEvery()) {
    static uint64_t allocs = 0;
    if (++allocs % every == 0 && paused_ == 0) collect();
  }
  size_t cls = sizeClassOf(bytes);
  if (cls == 0 || kPlainMalloc) {
    void* p = std::malloc(bytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  if (void* p = freeLists_[cls]) {
    freeLists_[cls] = *static_cast<void**>(p);
    return p;
  }
  size_t size = cls << 4;
  if (size_t(chunkEnd_ - chunkCur_) < size) {
    constexpr size_t kChunk = 256 << 10;
    chunkCur_ = static_cast<char*>(std::malloc(kChunk));
    if (!chunkCur_) throw std::bad_alloc();
    chunkEnd_ = chunkCur_ + kChunk;
    chunks_.push_back(chunkCur_);
  }
  void* p = chunkCur_;
  chunkCur_ += size;
  return p;
}

void Heap::freeObject(Object* o) {
  size_t cls = o->sizeClass;
  o->~Object();
  if (cls == 0 || kPlainMalloc) {
    std::free(o);
    return;
  }
  *reinterpret_cast<void**>(o) = freeLists_[cls];
  freeLists_[cls] = o;
}

void Heap::overLimit(size_t bytes) {
  if (paused_ == 0) collect();
  if (size_t(bytesLive_) + bytes > hardLimit_) throw std::bad_alloc();
}

StringObj* Heap::newStringUninit(size_t len) {
  // A string's length is 32 bits wide in its object: a longer one is more
  // than gol can hold, which Go would report as running out of memory.
  if (len > UINT32_MAX) throw std::bad_alloc();
  size_t bytes = sizeof(StringObj) + len;
  maybeCollect(bytes);
  auto* s = new (rawAlloc(bytes)) StringObj();
  s->len = uint32_t(len);
  link(s, bytes);
  noteAllocOf(s, goAllocOf(len, false));
  return s;
}

StringObj* Heap::newString(std::string_view sv) {
  StringObj* s = newStringUninit(sv.size());
  if (!sv.empty()) std::memcpy(s->data(), sv.data(), sv.size());
  return s;
}

// Computes the layouts of every type known so far (the program may add
// types as it runs: the REPL, reflect).
uint64_t Heap::computeTypeAllocs(uint32_t tid) {
  size_t n = std::max<size_t>(types_.size(), tid + 1);
  for (size_t t = layouts_.size(); t < n; ++t) {
    layouts_.push_back(goLayout(types_, uint32_t(t)));
    typeAllocs_.push_back(goAllocOf(layouts_[t].size, layouts_[t].hasPointers));
  }
  return typeAllocs_[tid];
}

template <bool kProfiled>
ArrayObj* Heap::arrayOf(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid) {
  size_t payload = size_t(len) * elemSize(kind);
  size_t bytes = sizeof(ArrayObj) + payload;
  maybeCollect(bytes);
  auto* a = new (allocBlock(bytes)) ArrayObj();
  a->len = len;
  a->tid = tid;
  a->elemTid = elemTid;
  a->elemKind = kind;
  std::memset(static_cast<void*>(a + 1), 0, payload);
  link(a, bytes);
  if constexpr (kProfiled) {
    if (tid != 0) {  // a struct or array value
      noteAllocOf(a, typeAllocOf(tid));
    } else if (len == 1) {  // a box (elemTid: the variable's type)
      noteAllocOf(a, typeAllocOf(elemTid));
    } else if (kind != ElemKind::V) {  // packed scalars: Go's element sizes
      noteAllocOf(a, goAllocOf(payload, false));
    } else {  // a slice's backing array
      typeAllocOf(elemTid);
      const GoLayout& l = layouts_[elemTid];
      noteAllocOf(a, goAllocOf(uint64_t(len) * l.size, l.hasPointers));
    }
  }
  return a;
}

ArrayObj* Heap::newArray(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid) {
  return arrayOf<true>(len, kind, tid, elemTid);
}

ArrayObj* Heap::newInnerArray(uint32_t len, ElemKind kind, uint32_t tid, uint32_t elemTid) {
  return arrayOf<false>(len, kind, tid, elemTid);
}

SliceObj* Heap::newSlice(ArrayObj* arr, uint32_t off, uint32_t len, uint32_t cap) {
  maybeCollect(sizeof(SliceObj));
  auto* s = new (rawAlloc(sizeof(SliceObj))) SliceObj();
  s->array = arr;
  s->off = off;
  s->len = len;
  s->cap = cap;
  link(s, sizeof(SliceObj));
  return s;
}

ClosureObj* Heap::newClosure(FuncProto* fn, uint32_t n) {
  size_t bytes = sizeof(ClosureObj) + n * sizeof(Value);
  maybeCollect(bytes);
  auto* c = new (rawAlloc(bytes)) ClosureObj();
  c->fn = fn;
  c->ncaptured = n;
  for (uint32_t i = 0; i < n; ++i) new (&c->captured()[i]) Value();
  link(c, bytes);
  // Go's closure object: the code pointer, then the captured variables.
  if (n != 0) noteAlloc(c, goRoundUpSize(8 + 8 * uint64_t(n)), false);
  return c;
}

MapObj* Heap::newMap(uint32_t mapTid, uint32_t hint) {
  maybeCollect(sizeof(MapObj));
  auto* m = new (rawAlloc(sizeof(MapObj))) MapObj();
  link(m, sizeof(MapObj));
  noteAlloc(m, kGoMapHeaderBytes, false);
  m->init(*this, mapTid, types_, hint);
  return m;
}

void Heap::setFinalizer(Object* obj, const Value& ptr, const Value& fn) {
  // The flag spares a search of the list for an object that has no
  // finalizer yet (programs set them on many objects).
  if (obj->hasFinalizer) {
    for (size_t i = 0; i < finalizers_.size(); i++)
      if (finalizers_[i].obj == obj) {
        finalizers_.erase(finalizers_.begin() + ptrdiff_t(i));
        break;
      }
  }
  obj->hasFinalizer = fn.o != nullptr;
  if (fn.o) finalizers_.push_back({obj, ptr, fn});
}

void Heap::collect() {
  if (paused_) return;
  ++collections_;
  Tracer t(types_);
  for (RootSource* r : roots_) r->traceRoots(t);
  for (const Finalizer& f : finalizers_) t.markValue(f.fn);
  for (const Finalizer& f : readyFinalizers_) {
    t.markValue(f.fn);
    t.markValue(f.ptr);
  }
  t.drain();
  if (!finalizers_.empty()) {
    // Unreachable objects with a finalizer live on until it has run. As in
    // Go, what such an object reaches is not finalized in the same cycle
    // (a finalizer may still use it): mark from their fields first.
    std::vector<Object*> unreachable;
    for (const Finalizer& f : finalizers_)
      if (!f.obj->marked) unreachable.push_back(f.obj);
    for (Object* o : unreachable) o->trace(t);
    t.drain();
    size_t kept = 0;
    for (const Finalizer& f : finalizers_) {
      if (f.obj->marked) {
        finalizers_[kept++] = f;
      } else {
        f.obj->hasFinalizer = false;
        readyFinalizers_.push_back(f);
      }
    }
    finalizers_.resize(kept);
    for (const Finalizer& f : readyFinalizers_) t.markValue(f.ptr);
    t.drain();
  }
  Object** link = &head_;
  int64_t live = 0;
  size_t count = 0;
  while (Object* o = *link) {
    if (o->marked) {
      o->marked = false;
      live += int64_t(objectBytes(o));
      ++count;
      link = &o->gcNext;
    } else {
      *link = o->gcNext;
      if (o->profileBlock != 0) [[unlikely]]
        profile_.freed(o);
      freeObject(o);
    }
  }
  profile_.published();
  bytesLive_ = live;
  count_ = count;
  allocatedSince_ = 0;
  threshold_ = std::max<size_t>(8u << 20, size_t(live));
  if (collectEvery_ != 0) threshold_ = std::min(threshold_, collectEvery_);
  // Near the soft limit, collect once the heap could reach it.
  if (softLimit_ != 0)
    threshold_ = std::min(
        threshold_,
        std::max<size_t>(1u << 20, softLimit_ > size_t(live) ? softLimit_ - size_t(live) : 0));
}

}  // namespace gol::vm
