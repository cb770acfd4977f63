// runtime's view of the collector (GC, ReadMemStats' figures, the heap
// profile) and of the calling goroutine's stack (Stack).
#include "runtime/lib/func_pc.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/sched.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// GC(): a full collection now, as Go's runtime.GC blocks until one is done;
// the finalizers it queued run before it returns.
NativeStatus gc(NativeCtx& ctx, Value*) {
  ctx.vm.heap().collect();
  if (!ctx.g->entryNative && runtime::schedulerOf(ctx).yieldToFinalizers(ctx.g))
    return NativeStatus::Block;
  return NativeStatus::Ok;
}

// memStats() (live, total, mallocs, objects, numGC, nextGC uint64): the
// heap's real figures; ReadMemStats (runtime.gol) spreads them over Go's
// fields.
NativeStatus memStats(NativeCtx& ctx, Value* regs) {
  const vm::Heap& h = ctx.vm.heap();
  regs[0] = Value::ofInt(int64_t(h.bytesLive()));
  regs[1] = Value::ofInt(int64_t(h.totalBytes()));
  regs[2] = Value::ofInt(int64_t(h.totalObjects()));
  regs[3] = Value::ofInt(int64_t(h.objectCount()));
  regs[4] = Value::ofInt(int64_t(h.collections()));
  regs[5] = Value::ofInt(int64_t(h.nextCollection()));
  return NativeStatus::Ok;
}

// stackText() string: the calling goroutine's trace as a panic prints it,
// without runtime.Stack's own frame (Go's starts at Stack's caller).
NativeStatus stackText(NativeCtx& ctx, Value* regs) {
  std::string t = ctx.vm.traceback(ctx.g, "running");
  size_t first = t.find('\n') + 1;
  while (t.compare(first, 8, "runtime.") == 0) {
    size_t end = t.find('\n', t.find('\n', first) + 1);
    if (end == std::string::npos) break;
    t.erase(first, end + 1 - first);
  }
  regs[0] = ctx.newString(t);
  return NativeStatus::Ok;
}

// SetFinalizer(obj any, finalizer any): obj must point to an object;
// the heap queues finalizer(obj) when a collection finds it unreachable.
NativeStatus setFinalizer(NativeCtx& ctx, Value* regs) {
  Value obj = regs[0], fn = regs[1];
  if (obj.tid == 0) return ctx.panicError("runtime.SetFinalizer: first argument is nil");
  const vm::RtType& t = ctx.type(obj.tid);
  if (t.kind != vm::RtKind::Pointer)
    return ctx.panicError("runtime.SetFinalizer: first argument is " + t.name + ", not pointer");
  if (fn.tid != 0 && ctx.type(fn.tid).kind != vm::RtKind::Func)
    return ctx.panicError("runtime.SetFinalizer: second argument is " + ctx.type(fn.tid).name +
                          ", not a function");
  if (!obj.o) return ctx.panicError("runtime.SetFinalizer: pointer not in allocated block");
  ctx.vm.heap().setFinalizer(obj.o, obj, fn);
  return NativeStatus::Ok;
}

// setMemProfileRate(rate int): the program assigned runtime.MemProfileRate
// (the compiler adds the call, lang/compile/compile_func.cpp).
NativeStatus setMemProfileRate(NativeCtx& ctx, Value* regs) {
  ctx.vm.heap().profile().setRate(regs[0].i);
  return NativeStatus::Ok;
}

// MemProfile(p []MemProfileRecord, inuseZero bool) (n int, ok bool): the
// profile's records written into p's structs, stacks as gol's pcs.
NativeStatus memProfile(NativeCtx& ctx, Value* regs) {
  auto* p = static_cast<vm::SliceObj*>(regs[0].o);
  bool inuseZero = regs[1].i != 0;
  std::vector<const vm::MemProfile::Record*> records = ctx.vm.heap().profile().records(inuseZero);
  size_t n = records.size();
  bool ok = n <= (p ? p->len : 0);
  for (size_t i = 0; ok && i < n; ++i) {
    const vm::MemProfile::Record& r = *records[i];
    auto* rec = static_cast<vm::ArrayObj*>(p->array->values()[p->off + i].o);
    Value* f = rec->values();
    f[0] = Value::ofInt(r.visible.allocBytes);
    f[1] = Value::ofInt(r.visible.freeBytes);
    f[2] = Value::ofInt(r.visible.allocs);
    f[3] = Value::ofInt(r.visible.frees);
    auto* stack = static_cast<vm::ArrayObj*>(f[4].o);
    for (uint32_t k = 0; k < stack->len; ++k) {
      uint64_t pc = 0;
      if (k < r.stack.size()) {
        const vm::ProfileFrame& fr = r.stack[k];
        pc = fr.fn ? funcEntryPc(ctx.program(), fr.fn) | fr.pcIndex : goexitPc(ctx.program());
      }
      stack->set(k, Value::ofInt(int64_t(pc)));
    }
  }
  regs[0] = Value::ofInt(int64_t(n));
  regs[1] = Value::ofBool(ok);
  return NativeStatus::Ok;
}

// runtime/debug.setSoftLimit(limit int64): debug.SetMemoryLimit's limit
// for the collector (math.MaxInt64: none).
NativeStatus setSoftLimit(NativeCtx& ctx, Value* regs) {
  int64_t limit = regs[0].i;
  ctx.vm.heap().setSoftLimit(limit == INT64_MAX ? 0 : size_t(limit));
  return NativeStatus::Ok;
}

}  // namespace

void registerRuntimeMemNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.GC", gc},
      {"runtime.MemProfile", memProfile},
      {"runtime.setMemProfileRate", setMemProfileRate},
      {"runtime.SetFinalizer", setFinalizer},
      {"runtime/debug.setSoftLimit", setSoftLimit},
      {"runtime.memStats", memStats},
      {"runtime.stackText", stackText},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
