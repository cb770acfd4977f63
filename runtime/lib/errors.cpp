// Natives of package errors: the reflection that Is and As need.
#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::RtType;
using vm::Value;

namespace {

const RtType& shapeOf(const NativeCtx& ctx, uint32_t tid) {
  const RtType& t = ctx.type(tid);
  if (t.named && t.underlying != 0 && t.underlying != tid &&
      (t.kind == RtKind::None || (t.kind == RtKind::Struct && t.fields.empty())))
    return ctx.type(t.underlying);
  return t;
}

// Whether the method set of tid contains every method of interface iface
// (same name and signature).
bool implements(const NativeCtx& ctx, uint32_t tid, uint32_t iface) {
  const auto& have = ctx.type(tid).methods;
  for (const vm::RtMethod& want : shapeOf(ctx, iface).methods) {
    bool found = false;
    for (const vm::RtMethod& m : have)
      if (m.nameId == want.nameId && m.sigId == want.sigId) found = true;
    if (!found) return false;
  }
  return true;
}

NativeStatus isComparable(NativeCtx& ctx, Value* regs) {
  uint32_t tid = regs[0].tid;
  regs[0] = boolValue(tid == 0 || ctx.type(tid).comparable);
  return NativeStatus::Ok;
}

// 0: target is a non-nil pointer to an interface or to an error type;
// 1: it is not a non-nil pointer; 2: it points to some other type.
NativeStatus targetProblem(NativeCtx& ctx, Value* regs) {
  const Value t = regs[0];
  int64_t problem = 1;
  if (t.tid != 0 && t.o != nullptr) {
    const RtType& pt = shapeOf(ctx, t.tid);
    if (pt.kind == RtKind::Pointer) {
      bool ok = shapeOf(ctx, pt.elem).kind == RtKind::Interface ||
                implements(ctx, pt.elem, vm::kTidError);
      problem = ok ? 0 : 2;
    }
  }
  regs[0] = Value::ofInt(problem);
  return NativeStatus::Ok;
}

NativeStatus asTarget(NativeCtx& ctx, Value* regs) {
  const Value err = regs[0];
  const Value target = regs[1];
  regs[0] = boolValue(false);
  if (err.tid == 0 || target.tid == 0 || target.o == nullptr) return NativeStatus::Ok;
  const RtType& pt = shapeOf(ctx, target.tid);
  if (pt.kind != RtKind::Pointer) return NativeStatus::Ok;
  uint32_t want = pt.elem;
  const RtType& wt = shapeOf(ctx, want);
  Value store;
  if (wt.kind == RtKind::Interface) {
    if (!implements(ctx, err.tid, want)) return NativeStatus::Ok;
    store = err;
  } else {
    if (err.tid != want) return NativeStatus::Ok;
    store = err;
    if (!ctx.type(want).hasRef) store.tid = 0;
  }
  auto* obj = static_cast<vm::ArrayObj*>(target.o);
  if (target.aux == vm::kWholeObject || wt.kind == RtKind::Struct || wt.kind == RtKind::Array) {
    // An aggregate error type: copy its fields (one level deep).
    auto* src = static_cast<vm::ArrayObj*>(store.o);
    if (!src || src->len != obj->len || src->elemKind != obj->elemKind) return NativeStatus::Ok;
    for (uint32_t i = 0; i < obj->len; ++i) obj->set(i, src->get(i));
  } else {
    obj->set(target.aux, store);
  }
  regs[0] = boolValue(true);
  return NativeStatus::Ok;
}

}  // namespace

void registerErrorsNatives() {
  static const vm::NativeEntry entries[] = {
      {"errors.isComparable", isComparable},
      {"errors.asTarget", asTarget},
      {"errors.targetProblem", targetProblem},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
