// Natives of package sync (and runtime.Gosched/NumGoroutine).
//
// Expected Go-side declarations (runtime/lib/sync.gol), methods without a
// body on pointer receivers; the natives keep their state in the structs'
// first fields, which must be ints:
//   type Mutex struct { state int }             Lock, Unlock, TryLock
//   type RWMutex struct { w int; r int }         Lock, Unlock, RLock, RUnlock
//   type WaitGroup struct { n int }              Add(delta int), Done, Wait
// and, for anything else built on semaphores:
//   func runtime_Semacquire(addr *int32)   // waits while *addr == 0, then decrements
//   func runtime_Semrelease(addr *int32)   // wakes one waiter, or increments
#include <string>

#include "runtime/sched.hpp"
#include "vm/native.hpp"

namespace gol::runtime {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

vm::ArrayObj* obj(const Value& p) {
  return static_cast<vm::ArrayObj*>(p.o);
}
int64_t& field(vm::ArrayObj* a, uint32_t k) {
  return a->values()[k].i;
}
const void* readerKey(vm::ArrayObj* a) {
  return reinterpret_cast<const char*>(a) + 1;
}

NativeStatus nilRecv(NativeCtx& ctx) {
  return ctx.panicError("runtime error: invalid memory address or nil pointer dereference");
}

NativeStatus mutexLock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  if (field(m, 0) == 0) {
    field(m, 0) = 1;
    return NativeStatus::Ok;
  }
  schedulerOf(ctx).waitOn(m, ctx.g, "sync.Mutex.Lock");
  return NativeStatus::Block;
}

NativeStatus mutexTryLock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  bool ok = field(m, 0) == 0;
  if (ok) field(m, 0) = 1;
  r[0] = Value::ofBool(ok);
  return NativeStatus::Ok;
}

NativeStatus mutexUnlock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  if (field(m, 0) == 0) throw vm::FatalError{"fatal error: sync: unlock of unlocked mutex"};
  // Hand the lock to the first waiter, if any.
  if (!schedulerOf(ctx).wakeOne(m)) field(m, 0) = 0;
  return NativeStatus::Ok;
}

NativeStatus rwLock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  if (field(m, 0) == 0 && field(m, 1) == 0) {
    field(m, 0) = 1;
    return NativeStatus::Ok;
  }
  schedulerOf(ctx).waitOn(m, ctx.g, "sync.RWMutex.Lock");
  return NativeStatus::Block;
}

NativeStatus rwRLock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  Scheduler& s = schedulerOf(ctx);
  if (field(m, 0) == 0 && s.waiters(m) == 0) {
    ++field(m, 1);
    return NativeStatus::Ok;
  }
  s.waitOn(readerKey(m), ctx.g, "sync.RWMutex.RLock");
  return NativeStatus::Block;
}

NativeStatus rwRUnlock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  if (field(m, 1) <= 0) throw vm::FatalError{"fatal error: sync: RUnlock of unlocked RWMutex"};
  if (--field(m, 1) == 0 && schedulerOf(ctx).wakeOne(m)) field(m, 0) = 1;
  return NativeStatus::Ok;
}

NativeStatus rwUnlock(NativeCtx& ctx, Value* r) {
  auto* m = obj(r[0]);
  if (!m) return nilRecv(ctx);
  if (field(m, 0) == 0) throw vm::FatalError{"fatal error: sync: Unlock of unlocked RWMutex"};
  field(m, 0) = 0;
  Scheduler& s = schedulerOf(ctx);
  while (s.wakeOne(readerKey(m))) ++field(m, 1);
  if (field(m, 1) == 0 && s.wakeOne(m)) field(m, 0) = 1;
  return NativeStatus::Ok;
}

NativeStatus wgAddDelta(NativeCtx& ctx, vm::ArrayObj* w, int64_t delta) {
  int64_t& n = field(w, 0);
  n += delta;
  if (n < 0) return ctx.panicError("sync: negative WaitGroup counter");
  if (n == 0) {
    Scheduler& s = schedulerOf(ctx);
    while (s.wakeOne(w)) {
    }
  }
  return NativeStatus::Ok;
}

NativeStatus wgAdd(NativeCtx& ctx, Value* r) {
  auto* w = obj(r[0]);
  if (!w) return nilRecv(ctx);
  return wgAddDelta(ctx, w, r[1].i);
}

NativeStatus wgDone(NativeCtx& ctx, Value* r) {
  auto* w = obj(r[0]);
  if (!w) return nilRecv(ctx);
  return wgAddDelta(ctx, w, -1);
}

NativeStatus wgWait(NativeCtx& ctx, Value* r) {
  auto* w = obj(r[0]);
  if (!w) return nilRecv(ctx);
  if (field(w, 0) == 0) return NativeStatus::Ok;
  schedulerOf(ctx).waitOn(w, ctx.g, "sync.WaitGroup.Wait");
  return NativeStatus::Block;
}

const void* elemKey(const Value& p) {
  auto* a = static_cast<vm::ArrayObj*>(p.o);
  if (p.aux == vm::kWholeObject) return a;
  return a->bytes() + size_t(p.aux) * vm::elemSize(a->elemKind);
}

NativeStatus semAcquire(NativeCtx& ctx, Value* r) {
  Value p = r[0];
  if (!p.o) return nilRecv(ctx);
  auto* a = static_cast<vm::ArrayObj*>(p.o);
  uint32_t k = p.aux == vm::kWholeObject ? 0 : p.aux;
  int64_t v = a->get(k).i;
  if (v > 0) {
    a->set(k, Value::ofInt(v - 1));
    return NativeStatus::Ok;
  }
  schedulerOf(ctx).waitOn(elemKey(p), ctx.g, "semacquire");
  return NativeStatus::Block;
}

NativeStatus semRelease(NativeCtx& ctx, Value* r) {
  Value p = r[0];
  if (!p.o) return nilRecv(ctx);
  if (schedulerOf(ctx).wakeOne(elemKey(p))) return NativeStatus::Ok;
  auto* a = static_cast<vm::ArrayObj*>(p.o);
  uint32_t k = p.aux == vm::kWholeObject ? 0 : p.aux;
  a->set(k, Value::ofInt(a->get(k).i + 1));
  return NativeStatus::Ok;
}

NativeStatus gosched(NativeCtx& ctx, Value*) {
  Scheduler& s = schedulerOf(ctx);
  s.park(ctx.g, "sleep");
  s.ready(ctx.g);
  return NativeStatus::Block;
}

NativeStatus goexit(NativeCtx& ctx, Value*) {
  return ctx.goexit();
}

NativeStatus numGoroutine(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(int64_t(ctx.vm.goroutines().size()));
  return NativeStatus::Ok;
}

}  // namespace

void registerSyncNatives() {
  static const vm::NativeEntry entries[] = {
      {"sync.(*Mutex).Lock", &mutexLock},
      {"sync.(*Mutex).TryLock", &mutexTryLock},
      {"sync.(*Mutex).Unlock", &mutexUnlock},
      {"sync.(*RWMutex).Lock", &rwLock},
      {"sync.(*RWMutex).Unlock", &rwUnlock},
      {"sync.(*RWMutex).RLock", &rwRLock},
      {"sync.(*RWMutex).RUnlock", &rwRUnlock},
      {"sync.(*WaitGroup).Add", &wgAdd},
      {"sync.(*WaitGroup).Done", &wgDone},
      {"sync.(*WaitGroup).Wait", &wgWait},
      {"sync.runtime_Semacquire", &semAcquire},
      {"sync.runtime_Semrelease", &semRelease},
      {"runtime.Gosched", &gosched},
      {"runtime.NumGoroutine", &numGoroutine},
      {"runtime.Goexit", &goexit},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::runtime
