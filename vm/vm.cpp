// The Vm: loading, goroutines (their slab, their first frame), running one
// (execute), interface checks, output and GC roots. The loop is in
// interp.cpp, calls and returns in call.cpp, defers and panics in unwind.cpp.
#include "vm/vm.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vm/map.hpp"

namespace gol::vm {

namespace {
constexpr size_t kMainChunk = 1 << 14;  // the main goroutine starts roomy
// Goroutine slab classes: the first stack chunk inline, sized to the entry
// function's registers (a parked goroutine is a header, one frame and a
// few registers: ~500 bytes), and a last class whose chunk is malloc'd.
constexpr uint32_t kInlineCaps[] = {4, 8, 16, 32, 64, 0};
constexpr size_t kGHeader = (sizeof(Goroutine) + 15) & ~size_t(15);
constexpr size_t blockBytes(uint32_t cls) {
  return kGHeader + kInlineCaps[cls] * sizeof(Value);
}
constexpr size_t kFirstRegion = size_t(1) << 20;
constexpr size_t kMaxRegion = size_t(64) << 20;
}  // namespace

Vm::Vm(Program& program, ExecHooks* hooks)
    : program_(program), heap_(program.types), hooks_(hooks) {
  globals_.resize(program.numGlobals);
  heap_.addRoots(this);
  heap_.profile().setStackSource(this);
  if (gcPoison()) heap_.setCollectEvery(64u << 10);
  stdoutIsTty_ = ::isatty(1) == 1;
}

Vm::~Vm() {
  for (Goroutine* g : all_) releaseGoroutine(g);
  for (auto& [p, n] : gRegions_) munmap(p, n);
}

bool Vm::load(std::string* error) {
  return loadAppended(0, error);
}

bool Vm::loadAppended(size_t firstFunc, std::string* error) {
  globals_.resize(program_.numGlobals);
  implCache_.clear();
  for (size_t fi = firstFunc; fi < program_.funcs.size(); ++fi) {
    FuncProto* f = program_.funcs[fi].get();
    f->closure0 = Value{};  // a closure of an earlier Vm's heap is gone
    if (f->isNative) {
      f->native = findNative(f->nativeName);
      if (!f->native) {
        if (error) *error = "gol: native function " + f->nativeName + " is not implemented";
        return false;
      }
      continue;
    }
    f->k.clear();
    f->k.reserve(f->constants.size());
    for (const Constant& c : f->constants) {
      switch (c.kind) {
        case Constant::Kind::Int: f->k.push_back(Value::ofInt(c.i)); break;
        case Constant::Kind::Float: f->k.push_back(Value::ofFloat(c.f)); break;
        case Constant::Kind::String:
          f->k.push_back(c.s.empty() ? Value() : Value::ofRef(heap_.newString(c.s), kTidString));
          break;
      }
    }
    if (f->code.empty()) {
      // A function must end in RET; be forgiving with empty bodies.
      f->code.push_back(Instr{Opcode::RET, 0, 0, 0, 0});
      f->lines.push_back(f->line);
    }
  }
  // The closures that capture nothing exist before the program runs, as
  // Go's static closures live in the data segment: making one allocates
  // nothing (runtime.MemStats.Mallocs does not move).
  auto& funcs = program_.funcs;
  for (size_t fi = firstFunc; fi < funcs.size(); ++fi) {
    for (const Instr& in : funcs[fi]->code) {
      if (in.op != Opcode::CLOSURE || in.c != 0) continue;
      FuncProto* target = funcs[in.b | (uint32_t(in.x) << 16)].get();
      if (!target->closure0.o) target->closure0 = Value::ofRef(heap_.newClosure(target, 0));
    }
  }
  return true;
}

// ---- goroutines and stacks

void* Vm::slabAlloc(uint32_t cls) {
  if (void* p = gFree_[cls]) {
    gFree_[cls] = *static_cast<void**>(p);
    return p;
  }
  size_t bytes = blockBytes(cls);
  if (size_t(gBumpEnd_ - gBump_) < bytes) {
    // A new region, twice the last (the first small, so that a program
    // with a few goroutines touches little memory). The kernel zeroes it
    // lazily; huge pages cut the page faults of a million goroutines.
    size_t size =
        gRegions_.empty() ? kFirstRegion : std::min(kMaxRegion, gRegions_.back().second * 2);
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (size >= (size_t(4) << 20)) madvise(p, size, MADV_HUGEPAGE);
#endif
    gRegions_.push_back({p, size});
    gBump_ = static_cast<char*>(p);
    gBumpEnd_ = gBump_ + size;
  }
  void* p = gBump_;
  gBump_ += bytes;
  return p;
}

Goroutine* Vm::allocGoroutine(size_t firstChunk) {
  static_assert(std::size(kInlineCaps) == kGClasses);
  uint32_t cls = 0;
  while (kInlineCaps[cls] != 0 && kInlineCaps[cls] < firstChunk) ++cls;
  void* mem = slabAlloc(cls);
  auto* g = new (mem) Goroutine();
  g->blockClass = uint8_t(cls);
  StackChunk c;
  if (kInlineCaps[cls] != 0) {
    c.cap = kInlineCaps[cls];
    c.mem = reinterpret_cast<Value*>(static_cast<char*>(mem) + kGHeader);
    std::memset(static_cast<void*>(c.mem), 0, c.cap * sizeof(Value));
    g->chunk0Inline = true;
  } else {
    c.cap = firstChunk;
    c.mem = static_cast<Value*>(std::calloc(c.cap, sizeof(Value)));
    if (!c.mem) {
      g->~Goroutine();
      *static_cast<void**>(mem) = gFree_[cls];
      gFree_[cls] = mem;
      throw std::bad_alloc();
    }
  }
  g->chunks.push_back(c);
  g->id = nextId_++;
  g->curChunk = 0;
  g->status = GStatus::Runnable;
  g->allIndex = uint32_t(all_.size());
  all_.push_back(g);
  return g;
}

// Frees g's malloc'd chunks and puts its block on the free list.
void Vm::releaseGoroutine(Goroutine* g) {
  for (size_t k = g->chunk0Inline ? 1 : 0; k < g->chunks.size(); ++k) std::free(g->chunks[k].mem);
  uint32_t cls = g->blockClass;
  g->~Goroutine();
  *reinterpret_cast<void**>(g) = gFree_[cls];
  gFree_[cls] = g;
}

void Vm::freeGoroutine(Goroutine* g) {
  Goroutine* last = all_.back();
  all_[g->allIndex] = last;
  last->allIndex = g->allIndex;
  all_.pop_back();
  g->status = GStatus::Dead;
  releaseGoroutine(g);
}

Goroutine* Vm::newMainGoroutine() {
  Goroutine* g = allocGoroutine(kMainChunk);
  FuncProto* p = program_.funcs[program_.entry].get();
  uint32_t ch;
  Value* b = roomFor(g, g->chunks[0].mem, p->nregs, &ch);
  pushFrame(g, p, nullptr, b, b, FrameKind::Entry, ch);
  return g;
}

Goroutine* Vm::newGoroutine(const Value& fn, const Value* args, uint32_t nargs) {
  auto* c = static_cast<ClosureObj*>(fn.o);
  FuncProto* p = c->fn;
  uint32_t need = std::max<uint32_t>({p->nregs, nargs, p->nparams, p->nresults});
  Goroutine* g = allocGoroutine(need);
  uint32_t ch;
  Value* b = roomFor(g, g->chunks[0].mem, need, &ch);
  for (uint32_t k = 0; k < nargs; ++k) b[k] = args[k];
  if (p->isNative) {
    g->entryNative = true;
    g->pins.push_back(fn);
    g->nativeRegs.push_back({b, need});
  } else {
    pushFrame(g, p, c, b, b, FrameKind::Entry, ch);
  }
  return g;
}

uint32_t Vm::allocStack(ProfileFrame* out, uint32_t max) {
  const Goroutine* g = running_;
  if (!g || g->frames.size() == 0) return 0;
  uint32_t n = 0;
  for (size_t k = g->frames.size(); k-- > 0 && n < max;) {
    const Frame& f = g->frames[k];
    out[n++] = {f.fn, uint32_t(f.pc - f.fn->code.data())};
  }
  if (n < max) out[n++] = {nullptr, 0};  // Go's runtime.goexit
  return n;
}

ExecStatus Vm::execute(Goroutine* g, int64_t budget) {
  running_ = g;
  ExecStatus st = executeRunning(g, budget);
  running_ = nullptr;
  return st;
}

ExecStatus Vm::executeRunning(Goroutine* g, int64_t budget) {
  if (g->entryNative) {
    if (g->resumePanic || g->hasPendingPanic) return ExecStatus::Panicked;
    if (g->entryNativeBlocked) {
      g->entryNativeBlocked = false;
      return ExecStatus::Finished;  // resumed after blocking in the native
    }
    auto* c = static_cast<ClosureObj*>(g->pins[0].o);
    Value* regs = g->nativeRegs[0].first;
    NativeCtx ctx{*this, g};
    NativeStatus st = c->fn->native(ctx, regs);
    if (st == NativeStatus::Ok) return ExecStatus::Finished;
    if (st == NativeStatus::Block) {
      g->entryNativeBlocked = true;
      return ExecStatus::Blocked;
    }
    if (g->hasPendingPanic) beginPanic(g);
    return ExecStatus::Panicked;
  }
  return run(g, budget, 0);
}

// ---- interfaces and methods

const RtMethod* Vm::findRtMethod(uint32_t tid, uint32_t nameId) const {
  const auto& ms = program_.types[tid].methods;
  size_t lo = 0, hi = ms.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ms[mid].nameId < nameId)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < ms.size() && ms[lo].nameId == nameId) return &ms[lo];
  return nullptr;
}

FuncProto* Vm::findMethod(uint32_t tid, uint32_t nameId) const {
  const RtMethod* m = findRtMethod(tid, nameId);
  return m ? program_.funcs[m->funcIndex].get() : nullptr;
}

FuncProto* Vm::findMethod(uint32_t tid, std::string_view name, std::string_view sig) const {
  uint32_t id = nameIdOf(name);
  if (id == UINT32_MAX) return nullptr;
  const RtMethod* m = findRtMethod(tid, id);
  if (!m || program_.signatures[m->sigId] != sig) return nullptr;
  return program_.funcs[m->funcIndex].get();
}

FuncProto* Vm::madeFunc(const std::string& key) const {
  auto it = madeFuncs_.find(key);
  return it == madeFuncs_.end() ? nullptr : it->second.get();
}

FuncProto* Vm::addMadeFunc(const std::string& key, std::unique_ptr<FuncProto> fn) {
  return (madeFuncs_[key] = std::move(fn)).get();
}

uint32_t Vm::nameIdOf(std::string_view name) const {
  for (size_t k = 0; k < program_.names.size(); ++k)
    if (program_.names[k] == name) return uint32_t(k);
  return UINT32_MAX;
}

// The first method of the interface (in Go's order, by name) that tid lacks
// or has with another signature; null if tid implements the interface.
const RtMethod* Vm::missingMethod(uint32_t tid, uint32_t ifaceTid) const {
  const RtMethod* missing = nullptr;
  for (const RtMethod& want : program_.types[ifaceTid].methods) {
    const RtMethod* have = findRtMethod(tid, want.nameId);
    if (have && have->sigId == want.sigId) continue;
    if (!missing || program_.names[want.nameId] < program_.names[missing->nameId]) missing = &want;
  }
  return missing;
}

bool Vm::implements(uint32_t tid, uint32_t ifaceTid) {
  uint64_t key = (uint64_t(tid) << 32) | ifaceTid;
  auto it = implCache_.find(key);
  if (it != implCache_.end()) return it->second;
  bool ok = missingMethod(tid, ifaceTid) == nullptr;
  implCache_.emplace(key, ok);
  return ok;
}

std::string Vm::assertError(uint32_t have, uint32_t want, uint32_t from) const {
  const auto& ts = program_.types;
  std::string fromName = from == kTidAny ? std::string("interface {}") : ts[from].name;
  return "interface conversion: " + fromName + " is " +
         (have ? ts[have].name : std::string("nil")) + ", not " + ts[want].name;
}

std::string Vm::assertIfaceError(uint32_t have, uint32_t iface) const {
  const auto& ts = program_.types;
  if (have == 0) return "interface conversion: interface is nil, not " + ts[iface].name;
  const RtMethod* m = missingMethod(have, iface);
  std::string missing = m ? program_.names[m->nameId] : std::string();
  return "interface conversion: " + ts[have].name + " is not " + ts[iface].name +
         ": missing method " + missing;
}

namespace {

// The dynamic type of the first interface inside v (of static type tid)
// that holds an uncomparable value, or 0: a struct or array key may hide a
// slice in an interface field (Go: "hash of unhashable type []int").
uint32_t unhashableInside(const std::vector<RtType>& ts, uint32_t tid, const Value& v, int depth) {
  if (tid == 0 || tid >= ts.size() || depth > 64) return 0;
  const RtType& t =
      ts[tid].underlying && ts[tid].underlying < ts.size() ? ts[ts[tid].underlying] : ts[tid];
  switch (t.kind) {
    case RtKind::Interface:
      if (v.tid == 0) return 0;
      if (!ts[v.tid].comparable) return v.tid;
      return unhashableInside(ts, v.tid, v, depth + 1);
    case RtKind::Struct: {
      auto* a = static_cast<ArrayObj*>(v.o);
      if (!a) return 0;
      for (size_t i = 0; i < t.fields.size() && i < a->len; ++i)
        if (uint32_t bad = unhashableInside(ts, t.fields[i].tid, a->values()[i], depth + 1))
          return bad;
      return 0;
    }
    case RtKind::Array: {
      auto* a = static_cast<ArrayObj*>(v.o);
      if (!a) return 0;
      for (uint32_t i = 0; i < a->len; ++i)
        if (uint32_t bad = unhashableInside(ts, t.elem, a->get(i), depth + 1)) return bad;
      return 0;
    }
    default: return 0;
  }
}

}  // namespace

bool Vm::keyHashable(MapObj* m, const Value& key, std::string* err) const {
  const auto& ts = program_.types;
  uint32_t bad = unhashableInside(ts, m->keyTid, key, 0);
  if (bad == 0) return true;
  *err = "runtime error: hash of unhashable type " + ts[bad].name;
  return false;
}

// ---- panics

std::string_view runtimeErrorTypeName(std::string_view text) {
  auto startsWith = [&](std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
  };
  if (startsWith("runtime error: index out of range") ||
      startsWith("runtime error: slice bounds out of range") ||
      startsWith("runtime error: cannot convert slice"))
    return "runtime.boundsError";
  // errorString's Error() adds the "runtime error: " prefix; plainError's
  // text is shown as it is.
  if (startsWith("runtime error: ")) return "runtime.errorString";
  if (startsWith("interface conversion: ")) return "*runtime.TypeAssertionError";
  if (text == "panic called with nil argument") return "*runtime.PanicNilError";
  return "runtime.plainError";
}

Value Vm::runtimeErrorValue(std::string_view text) {
  uint32_t assertTid = program_.typeAssertionErrorTid;
  if (assertTid && text.substr(0, 22) == "interface conversion: ") {
    // A *runtime.TypeAssertionError whose one field is the message.
    ArrayObj* e = newAggregate(program_.types[assertTid].elem);
    heap_.pause();  // keep e while the message is allocated
    e->values()[0] = Value::ofRef(heap_.newString(text), kTidString);
    heap_.resume();
    return Value::ofRef(e, assertTid);
  }
  StringObj* s = heap_.newString(text);
  return Value::ofRef(s, kTidRuntimeError);
}

OpStatus Vm::runtimeError(Goroutine* g, std::string_view text) {
  g->pendingPanic = runtimeErrorValue(text);
  g->hasPendingPanic = true;
  return OpStatus::Panic;
}

// ---- output

void Vm::writeStdout(std::string_view s) {
  out_.append(s);
  // On a terminal, as C's stdio: a finished line is shown at once.
  if (out_.size() > (1u << 20) || (stdoutIsTty_ && s.find('\n') != std::string_view::npos))
    flushStdout();
}

void Vm::flushStdout() {
  size_t off = 0;
  while (off < out_.size()) {
    ssize_t n = ::write(1, out_.data() + off, out_.size() - off);
    if (n <= 0) break;
    off += size_t(n);
  }
  out_.clear();
}

// ---- GC roots

void Vm::traceRoots(Tracer& t) {
  t.markValues(globals_.data(), globals_.size());
  for (auto& f : program_.funcs) {
    t.markValues(f->k.data(), f->k.size());
    t.markValue(f->closure0);
  }
  for (Goroutine* g : all_) {
    traceStack(g, t);
    for (const DeferRec& d : g->defers) t.markValue(d.fn);
    t.markValues(g->deferArgs.data(), g->deferArgs.size());
    for (const PanicRec& p : g->panics) t.markValue(p.value);
    t.markValues(g->pins.data(), g->pins.size());
    for (auto& [p, n] : g->nativeRegs) t.markValues(p, n);
    t.markValue(g->pendingPanic);
  }
  if (hooks_) hooks_->traceRoots(t);
}

}  // namespace gol::vm
