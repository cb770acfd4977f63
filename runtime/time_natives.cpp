// Natives of package time: the scheduler's clock, sleeping and timers.
//
// Expected Go-side declarations (runtime/lib/time.gol):
//   func Sleep(d Duration)
//   func now() int64          // nanoseconds since the Unix epoch (virtual
//                             // under --virtual-time)
//   func startTimer(when int64, period int64, f func(int64)) int
//   func stopTimer(id int) bool
//   func resetTimer(id int, when int64, period int64) bool
// A timer calls f(firing time) in a new goroutine when it fires (period > 0:
// again every period), so After/NewTimer/Tick/AfterFunc are written in gol:
// f does a non-blocking send of a Time on a buffered channel, as Go's
// sendTime does.
#include "runtime/sched.hpp"
#include "vm/native.hpp"

namespace gol::runtime {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

NativeStatus sleep(NativeCtx& ctx, Value* r) {
  Scheduler& s = schedulerOf(ctx);
  int64_t d = r[0].i;
  s.park(ctx.g, "sleep");
  if (d <= 0)
    s.ready(ctx.g);
  else
    s.addTimer(s.now() + d, 0, Value(), ctx.g);
  return NativeStatus::Block;
}

NativeStatus now(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(schedulerOf(ctx).now());
  return NativeStatus::Ok;
}

NativeStatus startTimer(NativeCtx& ctx, Value* r) {
  Scheduler& s = schedulerOf(ctx);
  uint64_t id = s.addTimer(r[0].i, r[1].i, r[2]);
  r[0] = Value::ofInt(int64_t(id));
  return NativeStatus::Ok;
}

NativeStatus stopTimer(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofBool(schedulerOf(ctx).stopTimer(uint64_t(r[0].i)));
  return NativeStatus::Ok;
}

NativeStatus resetTimer(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofBool(schedulerOf(ctx).resetTimer(uint64_t(r[0].i), r[1].i, r[2].i));
  return NativeStatus::Ok;
}

}  // namespace

void registerSyncNatives();

void registerRuntimeNatives() {
  static const vm::NativeEntry entries[] = {
      {"time.Sleep", &sleep},           {"time.now", &now},
      {"time.startTimer", &startTimer}, {"time.stopTimer", &stopTimer},
      {"time.resetTimer", &resetTimer},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
  registerSyncNatives();
}

}  // namespace gol::runtime
