// The natives the compiler calls for conversions out of unsafe.Pointer.
// An unsafe.Pointer made from a *T carries T's pointer type id (the
// compiler stamps it, as for an interface value), so converting it to *U
// can check here that T and U are stored alike: the run-time mirror of
// sameRepresentation in lang/check/checker_unsafe.cpp, which checks the
// conversions whose source pointer is in sight at compile time.
#include "runtime/lib/native_util.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::RtType;
using vm::Value;

namespace {

bool isWord64(RtKind k) {
  return k == RtKind::Int || k == RtKind::Int64 || k == RtKind::Uint || k == RtKind::Uint64 ||
         k == RtKind::Uintptr || k == RtKind::Float64;
}

bool pointerLike(RtKind k) {
  return k == RtKind::Pointer || k == RtKind::UnsafePointer;
}

bool sameRepresentation(const NativeCtx& ctx, uint32_t a, uint32_t b) {
  const RtType& ta = ctx.type(ctx.type(a).underlying);
  const RtType& tb = ctx.type(ctx.type(b).underlying);
  if (ctx.type(a).underlying == ctx.type(b).underlying) return true;
  if (isWord64(ta.kind) && isWord64(tb.kind)) return true;
  if (pointerLike(ta.kind) && pointerLike(tb.kind)) return true;
  if (ta.kind != tb.kind) return false;
  switch (ta.kind) {
    case RtKind::Array: return ta.len == tb.len && sameRepresentation(ctx, ta.elem, tb.elem);
    case RtKind::Slice: return sameRepresentation(ctx, ta.elem, tb.elem);
    case RtKind::Struct:
      if (ta.fields.size() != tb.fields.size()) return false;
      for (size_t i = 0; i < ta.fields.size(); i++)
        if (!sameRepresentation(ctx, ta.fields[i].tid, tb.fields[i].tid)) return false;
      return true;
    default:
      return ta.kind <= RtKind::String || ta.kind == RtKind::Complex64 ||
             ta.kind == RtKind::Complex128;
  }
}

// unsafePointerTo(p unsafe.Pointer, ptrTid) *T
NativeStatus unsafePointerTo(NativeCtx& ctx, Value* regs) {
  Value p = regs[0];
  uint32_t want = uint32_t(regs[1].i);
  if (!p.o) {
    regs[0] = Value();
    return NativeStatus::Ok;
  }
  const RtType& from = ctx.type(p.tid);
  const RtType& to = ctx.type(want);
  if (from.kind != RtKind::Pointer)
    return ctx.panicError("gol: cannot convert this unsafe.Pointer to " + to.name +
                          ": it was not made from a typed pointer (it passed through an "
                          "interface value), so gol cannot tell what it points to");
  if (!sameRepresentation(ctx, from.elem, to.elem))
    return ctx.panicError("gol: cannot convert an unsafe.Pointer made from " + from.name + " to " +
                          to.name + ": gol does not support it, because " +
                          ctx.type(from.elem).name + " and " + ctx.type(to.elem).name +
                          " are stored differently in gol");
  p.tid = want;
  regs[0] = p;
  return NativeStatus::Ok;
}

// unsafePointerAddress(p unsafe.Pointer) uintptr: a number that identifies
// what p points to (equal pointers give equal numbers); it cannot be
// turned back into a pointer.
NativeStatus unsafePointerAddress(NativeCtx&, Value* regs) {
  Value p = regs[0];
  uint64_t addr = uint64_t(reinterpret_cast<uintptr_t>(p.o));
  if (p.o && p.aux != vm::kWholeObject) addr += uint64_t(p.aux) * sizeof(Value);
  regs[0] = Value::ofInt(int64_t(addr));
  return NativeStatus::Ok;
}

}  // namespace

void registerUnsafeNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.unsafePointerTo", unsafePointerTo},
      {"runtime.unsafePointerAddress", unsafePointerAddress},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
