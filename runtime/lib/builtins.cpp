// Natives the compiler calls by name for conversions and the builtins
// print/println; they have no gol declaration. (runtime.Error.Error is
// the VM's own.)
#include <cmath>
#include <cstdio>
#include <string>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"

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
    if (v.tid == 0) {
      out += "nil";
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

}  // namespace

void registerBuiltinNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.stringFromRune", stringFromRune}, {"runtime.bytesToString", bytesToString},
      {"runtime.stringToBytes", stringToBytes},   {"runtime.runesToString", runesToString},
      {"runtime.stringToRunes", stringToRunes},   {"runtime.printArgs", printArgs},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
