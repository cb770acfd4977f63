// Natives the compiler calls by name for conversions and the builtins
// print/println; they have no gol declaration. (runtime.Error.Error is
// the VM's own.)
#include <cmath>
#include <cstdio>
#include <string>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/complex.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::Value;

namespace {

NativeStatus stringFromRune(NativeCtx& ctx, Value* regs) {
  std::string s;
  int64_t r = regs[0].i;
  appendRune(s, (r < 0 || r > kMaxRune) ? kRuneError : int32_t(r));
  regs[0] = ctx.newString(s);
  return NativeStatus::Ok;
}

NativeStatus bytesToString(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(sliceBytes(regs[0]));
  return NativeStatus::Ok;
}

NativeStatus stringToBytes(NativeCtx& ctx, Value* regs) {
  std::string copy(vm::strView(regs[0]));
  regs[0] = ctx.newByteSlice(copy);
  return NativeStatus::Ok;
}

NativeStatus runesToString(NativeCtx& ctx, Value* regs) {
  std::string s;
  if (auto* sl = static_cast<vm::SliceObj*>(regs[0].o)) {
    for (uint32_t i = 0; i < sl->len; ++i) {
      int64_t r = sl->array->get(sl->off + i).i;
      appendRune(s, (r < 0 || r > kMaxRune) ? kRuneError : int32_t(r));
    }
  }
  regs[0] = ctx.newString(s);
  return NativeStatus::Ok;
}

NativeStatus stringToRunes(NativeCtx& ctx, Value* regs) {
  std::string s(vm::strView(regs[0]));
  uint32_t tid = findSliceTid(ctx, vm::kTidInt32);
  if (tid == 0) return ctx.panicError("internal error: type []rune is not registered");
  Value out = ctx.newSlice(tid, uint32_t(runeCount(s)));
  if (auto* sl = static_cast<vm::SliceObj*>(out.o)) {
    uint32_t k = 0;
    for (size_t i = 0; i < s.size(); ++k) {
      int w;
      int32_t r = decodeRune(s, i, &w);
      sl->array->set(sl->off + k, Value::ofInt(r));
      i += size_t(w);
    }
  }
  regs[0] = out;
  return NativeStatus::Ok;
}

// Go's runtime printfloat: +d.dddddde+ddd.
std::string builtinFloat(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.6e", v);
  std::string s(buf);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  char sign = s[e + 1];
  int exp = std::atoi(s.c_str() + e + 2);
  char ebuf[16];
  std::snprintf(ebuf, sizeof ebuf, "e%c%03d", sign, exp);
  return mant + ebuf;
}

// printArgs(args []any, newline bool): the builtins print and println,
// writing to stderr.
NativeStatus printArgs(NativeCtx& ctx, Value* regs) {
  size_t n;
  const Value* args = anyElems(regs[0], &n);
  bool newline = regs[1].i != 0;
  std::string out;
  for (size_t k = 0; k < n; ++k) {
    if (newline && k > 0) out += ' ';
    const Value& v = args[k];
    if (v.tid == 0) {  // a nil interface: Go's printeface shows its two words
      out += "(0x0,0x0)";
      continue;
    }
    const vm::RtType& t = ctx.type(v.tid);
    RtKind kind = t.kind;
    if (t.named && t.underlying && t.underlying != v.tid) kind = ctx.type(t.underlying).kind;
    switch (kind) {
      case RtKind::Bool: out += v.i ? "true" : "false"; break;
      case RtKind::Int:
      case RtKind::Int8:
      case RtKind::Int16:
      case RtKind::Int32:
      case RtKind::Int64: out += std::to_string(v.i); break;
      case RtKind::Uint:
      case RtKind::Uint8:
      case RtKind::Uint16:
      case RtKind::Uint32:
      case RtKind::Uint64:
      case RtKind::Uintptr: out += std::to_string(v.u); break;
      case RtKind::Float32:
      case RtKind::Float64: out += builtinFloat(v.f); break;
      case RtKind::Complex64:
      case RtKind::Complex128: {
        vm::Complex c = vm::complexOf(v);
        out += "(" + builtinFloat(c.re) + builtinFloat(c.im) + "i)";
        break;
      }
      case RtKind::String: out += vm::strView(v); break;
      case RtKind::Slice: {
        // Go's printslice: [len/cap] and the address of the first element.
        auto* sl = static_cast<vm::SliceObj*>(v.o);
        char buf[64];
        std::snprintf(buf, sizeof buf, "[%u/%u]", sl ? unsigned(sl->len) : 0u,
                      sl ? unsigned(sl->cap) : 0u);
        out += buf;
        std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(v.o));
        out += v.o ? buf : "0x0";
        break;
      }
      default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(v.o));
        out += v.o ? buf : "0x0";
        break;
      }
    }
  }
  if (newline) out += '\n';
  ctx.writeStderr(out);
  return NativeStatus::Ok;
}

// The slice in regs[0] as the array type regs[1] (a tid) asks, or a
// panic with Go's text when it is shorter than the array.
vm::SliceObj* sliceForArray(NativeCtx& ctx, Value* regs, uint32_t* arrayLen, bool* failed) {
  *arrayLen = uint32_t(ctx.type(uint32_t(regs[1].i)).len);
  auto* sl = static_cast<vm::SliceObj*>(regs[0].o);
  uint32_t len = sl ? sl->len : 0;
  *failed = len < *arrayLen;
  if (*failed)
    ctx.panicError("runtime error: cannot convert slice with length " + std::to_string(len) +
                   " to array or pointer to array with length " + std::to_string(*arrayLen));
  return sl;
}

NativeStatus sliceToArray(NativeCtx& ctx, Value* regs) {
  uint32_t n;
  bool failed;
  vm::SliceObj* sl = sliceForArray(ctx, regs, &n, &failed);
  if (failed) return NativeStatus::Panic;
  Value out = ctx.zeroValue(uint32_t(regs[1].i));
  auto* a = static_cast<vm::ArrayObj*>(out.o);
  regs[1] = out;  // keeps it reachable while elements are copied
  // Elements that are arrays or structs are copied by value, as Go does.
  bool aggregates =
      a->elemKind == vm::ElemKind::V &&
      (ctx.type(a->elemTid).kind == RtKind::Struct || ctx.type(a->elemTid).kind == RtKind::Array);
  for (uint32_t i = 0; i < n; ++i) {
    Value v = sl->array->get(sl->off + i);
    a->set(i, aggregates ? ctx.vm.deepCopy(v) : v);
  }
  regs[0] = out;
  return NativeStatus::Ok;
}

// (*[N]T)(s) shares s's elements. An array object is a whole heap object, so
// the pointer can only be s's backing array itself: s must start it and
// span exactly N elements of it (as a slice made with length or capacity N
// does); other views are a documented gap (docs/architecture.md).
NativeStatus sliceToArrayPointer(NativeCtx& ctx, Value* regs) {
  uint32_t n;
  bool failed;
  vm::SliceObj* sl = sliceForArray(ctx, regs, &n, &failed);
  if (failed) return NativeStatus::Panic;
  if (!sl) {
    regs[0] = Value();
    return NativeStatus::Ok;
  }
  if (n == 0) {  // nothing to share: any non-nil pointer will do
    regs[0] = ctx.zeroValue(uint32_t(regs[1].i));
    return NativeStatus::Ok;
  }
  vm::ArrayObj* a = sl->array;
  if (sl->off != 0 || a->len != n)
    return ctx.panicError(
        "gol: converting a slice to an array pointer needs the slice to start its backing array "
        "and span exactly the array's length (not supported: a view into a larger array)");
  a->tid = uint32_t(regs[1].i);  // the backing array is now also an array object
  Value out = Value::ofRef(a, vm::kTidRef);
  out.aux = vm::kWholeObject;
  regs[0] = out;
  return NativeStatus::Ok;
}

}  // namespace

void registerBuiltinNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.stringFromRune", stringFromRune},
      {"runtime.bytesToString", bytesToString},
      {"runtime.stringToBytes", stringToBytes},
      {"runtime.runesToString", runesToString},
      {"runtime.stringToRunes", stringToRunes},
      {"runtime.printArgs", printArgs},
      {"runtime.sliceToArray", sliceToArray},
      {"runtime.sliceToArrayPointer", sliceToArrayPointer},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
