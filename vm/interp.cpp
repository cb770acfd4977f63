// The interpreter loop: computed-goto dispatch over the opcodes of
// bytecode.hpp. One invocation runs one goroutine until its entry frame
// returns, it blocks, its budget runs out, or a panic is not recovered.
// Calls push frames (never recurse on the C++ stack) except when native code
// calls back into gol (Vm::callValue), which runs a nested loop.
//
// As Lua keeps lvm.c apart from ldo.c, the loop holds the opcodes and the
// hot halves of call and return (call.hpp); what changes frames in rarer
// ways is in functions of its own: stack growth and special returns in
// call.cpp, deferred calls, panics and recover in unwind.cpp. Those report
// a Flow, and the loop follows it at one place (`follow`).
#include <cmath>
#include <cstring>
#include <string>

#include "vm/call.hpp"
#include "vm/map.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

namespace {

inline int32_t decodeRuneAt(const uint8_t* s, size_t n, size_t i, int* w) {
  uint8_t c = s[i];
  if (c < 0x80) {
    *w = 1;
    return c;
  }
  auto cont = [&](size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    *w = 2;
    return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    uint8_t c1 = s[i + 1];
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
      *w = 1;
      return 0xFFFD;
    }
    *w = 3;
    return ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (s[i + 2] & 0x3F);
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    uint8_t c1 = s[i + 1];
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
      *w = 1;
      return 0xFFFD;
    }
    *w = 4;
    return ((c & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
  }
  *w = 1;
  return 0xFFFD;
}

inline int64_t f2i(double d) {
  if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) return INT64_MIN;
  return int64_t(d);
}
inline uint64_t f2u(double d) {
  if (std::isnan(d) || d < 0) return d < 0 && d > -9223372036854775808.0 ? uint64_t(int64_t(d)) : 0;
  if (d >= 18446744073709551616.0) return 0x8000000000000000ULL;
  return uint64_t(d);
}

// Go's integer division, remainder and shifts, shared by the register and
// constant-operand opcodes. The divisor is non-zero (checked by the caller);
// MinInt64 / -1 wraps as Go specifies; shift counts >= 64 shift everything out.
inline int64_t goDiv(const Value& x, int64_t d) {
  return d == -1 ? int64_t(0 - x.u) : x.i / d;
}
inline int64_t goRem(const Value& x, int64_t d) {
  return d == -1 ? 0 : x.i % d;
}
inline int64_t goShl(const Value& x, uint64_t n) {
  return n >= 64 ? 0 : int64_t(x.u << n);
}
inline int64_t goSar(const Value& x, uint64_t n) {
  return x.i >> (n >= 64 ? 63 : n);
}
inline int64_t goShr(const Value& x, uint64_t n) {
  return n >= 64 ? 0 : int64_t(x.u >> n);
}

inline Value strValue(StringObj* s) {
  return s ? Value::ofRef(s, kTidString) : Value();
}

}  // namespace

ExecStatus Vm::run(Goroutine* g, int64_t budget, uint32_t stopDepth) {
  static void* const kLabels[] = {
#define GOL_OP_LABEL(name, format) &&op_##name,
      GOL_OPCODES(GOL_OP_LABEL)
#undef GOL_OP_LABEL
  };
  const std::vector<RtType>& types = program_.types;
  auto& funcs = program_.funcs;
  Value* G = globals_.data();

  Frame* fr;
  const Instr* pc;
  const Instr* i;
  Value* base;
  const Value* K;
  Value* stackEnd = nullptr;  // end of the current stack chunk
  FuncProto* callee;
  ClosureObj* calleeClosure;
  Value* calleeBase;
  Flow flow;

  // Takes up g's top frame (a call, a return, a deferred call or a recovery
  // changed the frames).
#define LOAD_FRAME()          \
  do {                        \
    fr = &g->frames.back();   \
    pc = fr->pc;              \
    base = fr->base;          \
    K = fr->fn->k.data();     \
    g->curChunk = fr->chunk;  \
    stackEnd = g->chunkEnd(); \
  } while (0)
  // The pc lives in a register; the frame's copy is read by whatever runs
  // outside the loop. SAVE before anything that can panic (the unwinder
  // and the traceback read the line; RT_ERROR saves by itself), call (the
  // callee returns there), block or yield (the goroutine resumes there).
  // The allocating opcodes save it too, although the collector reads only
  // registers: one store keeps the rule "every exit sees a current pc".
#define SAVE() (fr->pc = pc)
#define NEXT()                    \
  do {                            \
    i = pc++;                     \
    goto* kLabels[size_t(i->op)]; \
  } while (0)
  // Preemption: every backward jump and every call spends one unit of the
  // budget; at zero the goroutine yields, so that `for {}` cannot starve
  // the others. Forward jumps are free (they cannot loop).
#define SPEND_BUDGET()                     \
  do {                                     \
    if (--budget <= 0) goto out_of_budget; \
  } while (0)
  // Every conditional and unconditional jump: off counts from the next
  // instruction.
#define JUMP(off)                 \
  do {                            \
    int32_t off_ = (off);         \
    pc += off_;                   \
    if (off_ < 0) SPEND_BUDGET(); \
  } while (0)
  // Leaves the instruction stream for the step a helper reported.
#define FOLLOW(f) \
  do {            \
    flow = (f);   \
    goto follow;  \
  } while (0)
#define RA base[i->a]
#define RB base[i->b]
#define RC base[i->c]
#define RT_ERROR(text)  \
  do {                  \
    errText_ = (text);  \
    goto runtime_error; \
  } while (0)
#define NIL_DEREF() RT_ERROR("runtime error: invalid memory address or nil pointer dereference")

  if (g->resumePanic) {  // a deferred native blocked during unwinding
    g->resumePanic = false;
    FOLLOW(Flow::Unwind);
  }
  LOAD_FRAME();
  if (g->hasPendingPanic) FOLLOW(Flow::Raise);  // woken with a panic (send on closed)
  NEXT();

  // ---- moves, constants, globals
op_NOP:
  NEXT();
op_MOVE:
  RA = RB;
  NEXT();
op_LOADK:
  RA = K[i->b];
  NEXT();
op_LOADI:
  RA = Value::ofInt(sbc(*i));
  NEXT();
op_LOADNIL:
  for (uint32_t k = 0; k <= i->b; ++k) base[i->a + k] = Value();
  NEXT();
op_GETG:
  RA = G[i->b];
  NEXT();
op_SETG:
  G[i->b] = RA;
  NEXT();

  // ---- integers (wrapping, as Go's)
op_ADDI:
  RA = Value::ofInt(int64_t(RB.u + RC.u));
  NEXT();
op_SUBI:
  RA = Value::ofInt(int64_t(RB.u - RC.u));
  NEXT();
op_MULI:
  RA = Value::ofInt(int64_t(RB.u * RC.u));
  NEXT();
op_DIVI : {
  int64_t d = RC.i;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(goDiv(RB, d));
  NEXT();
}
op_REMI : {
  int64_t d = RC.i;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(goRem(RB, d));
  NEXT();
}
op_DIVU : {
  uint64_t d = RC.u;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(int64_t(RB.u / d));
  NEXT();
}
op_REMU : {
  uint64_t d = RC.u;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(int64_t(RB.u % d));
  NEXT();
}
op_ANDI:
  RA = Value::ofInt(RB.i & RC.i);
  NEXT();
op_ORI:
  RA = Value::ofInt(RB.i | RC.i);
  NEXT();
op_XORI:
  RA = Value::ofInt(RB.i ^ RC.i);
  NEXT();
op_ANDNOTI:
  RA = Value::ofInt(RB.i & ~RC.i);
  NEXT();
op_SHLI : {
  int64_t n = RC.i;
  if (n < 0) [[unlikely]] {
    if (!i->x) RT_ERROR("runtime error: negative shift amount");
    n = 64;  // an unsigned count >= 2^63
  }
  RA = Value::ofInt(goShl(RB, uint64_t(n)));
  NEXT();
}
op_SHRI : {
  int64_t n = RC.i;
  if (n < 0) [[unlikely]] {
    if (!i->x) RT_ERROR("runtime error: negative shift amount");
    n = 64;  // an unsigned count >= 2^63
  }
  RA = Value::ofInt(goSar(RB, uint64_t(n)));
  NEXT();
}
op_SHRU : {
  int64_t n = RC.i;
  if (n < 0) [[unlikely]] {
    if (!i->x) RT_ERROR("runtime error: negative shift amount");
    n = 64;  // an unsigned count >= 2^63
  }
  RA = Value::ofInt(goShr(RB, uint64_t(n)));
  NEXT();
}
#define KC K[i->c]

  // ---- a constant operand K[c] (or sc) instead of a register
op_ADDK:
  RA = Value::ofInt(int64_t(RB.u + KC.u));
  NEXT();
op_SUBK:
  RA = Value::ofInt(int64_t(RB.u - KC.u));
  NEXT();
op_MULK:
  RA = Value::ofInt(int64_t(RB.u * KC.u));
  NEXT();
op_DIVK : {
  int64_t d = KC.i;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(goDiv(RB, d));
  NEXT();
}
op_REMK : {
  int64_t d = KC.i;
  if (d == 0) RT_ERROR("runtime error: integer divide by zero");
  RA = Value::ofInt(goRem(RB, d));
  NEXT();
}
op_ANDK:
  RA = Value::ofInt(RB.i & KC.i);
  NEXT();
op_SHLK:
  RA = Value::ofInt(goShl(RB, KC.u));
  NEXT();
op_SHRK:
  RA = Value::ofInt(goSar(RB, KC.u));
  NEXT();
op_SHRUK:
  RA = Value::ofInt(goShr(RB, KC.u));
  NEXT();
op_ADDFK:
  RA = Value::ofFloat(RB.f + KC.f);
  NEXT();
op_SUBFK:
  RA = Value::ofFloat(RB.f - KC.f);
  NEXT();
op_MULFK:
  RA = Value::ofFloat(RB.f * KC.f);
  NEXT();
op_DIVFK:
  RA = Value::ofFloat(RB.f / KC.f);
  NEXT();
#undef KC
op_JLTK:
  if (RA.i < K[i->b].i) JUMP(sc(*i));
  NEXT();
op_JLEK:
  if (RA.i <= K[i->b].i) JUMP(sc(*i));
  NEXT();
op_JGTK:
  if (RA.i > K[i->b].i) JUMP(sc(*i));
  NEXT();
op_JGEK:
  if (RA.i >= K[i->b].i) JUMP(sc(*i));
  NEXT();
op_ADDIK:
  RA = Value::ofInt(int64_t(RB.u + uint64_t(int64_t(sc(*i)))));
  NEXT();
op_NEGI:
  RA = Value::ofInt(int64_t(0 - RB.u));
  NEXT();
op_NOTI:
  RA = Value::ofInt(~RB.i);
  NEXT();
op_TRUNC : {
  int64_t v = RB.i;
  switch (ElemKind(i->x)) {
    case ElemKind::I8: v = int8_t(v); break;
    case ElemKind::U8: v = uint8_t(v); break;
    case ElemKind::I16: v = int16_t(v); break;
    case ElemKind::U16: v = uint16_t(v); break;
    case ElemKind::I32: v = int32_t(v); break;
    case ElemKind::U32: v = uint32_t(v); break;
    default: break;
  }
  RA = Value::ofInt(v);
  NEXT();
}

  // ---- floats
op_ADDF:
  RA = Value::ofFloat(RB.f + RC.f);
  NEXT();
op_SUBF:
  RA = Value::ofFloat(RB.f - RC.f);
  NEXT();
op_MULF:
  RA = Value::ofFloat(RB.f * RC.f);
  NEXT();
op_DIVF:
  RA = Value::ofFloat(RB.f / RC.f);
  NEXT();
op_NEGF:
  RA = Value::ofFloat(-RB.f);
  NEXT();
op_ROUNDF32:
  RA = Value::ofFloat(double(float(RB.f)));
  NEXT();

  // ---- comparisons
op_EQI:
  RA = Value::ofBool(RB.i == RC.i);
  NEXT();
op_NEI:
  RA = Value::ofBool(RB.i != RC.i);
  NEXT();
op_LTI:
  RA = Value::ofBool(RB.i < RC.i);
  NEXT();
op_LEI:
  RA = Value::ofBool(RB.i <= RC.i);
  NEXT();
op_LTU:
  RA = Value::ofBool(RB.u < RC.u);
  NEXT();
op_LEU:
  RA = Value::ofBool(RB.u <= RC.u);
  NEXT();
op_EQF:
  RA = Value::ofBool(RB.f == RC.f);
  NEXT();
op_NEF:
  RA = Value::ofBool(RB.f != RC.f);
  NEXT();
op_LTF:
  RA = Value::ofBool(RB.f < RC.f);
  NEXT();
op_LEF:
  RA = Value::ofBool(RB.f <= RC.f);
  NEXT();
op_EQS:
  RA = Value::ofBool(RB.o == RC.o || strView(RB) == strView(RC));
  NEXT();
op_NES:
  RA = Value::ofBool(!(RB.o == RC.o || strView(RB) == strView(RC)));
  NEXT();
op_LTS:
  RA = Value::ofBool(strView(RB) < strView(RC));
  NEXT();
op_LES:
  RA = Value::ofBool(strView(RB) <= strView(RC));
  NEXT();
op_EQP:
  RA = Value::ofBool(RB.o == RC.o && (RB.o == nullptr || RB.aux == RC.aux));
  NEXT();
op_NEP:
  RA = Value::ofBool(!(RB.o == RC.o && (RB.o == nullptr || RB.aux == RC.aux)));
  NEXT();
op_EQIFACE:
op_NEIFACE : {
  uint32_t bad = 0;
  bool eq = equalByType(types, kTidAny, RB, RC, &bad);
  if (bad) RT_ERROR("runtime error: comparing uncomparable type " + types[bad].name);
  RA = Value::ofBool(i->op == Opcode::EQIFACE ? eq : !eq);
  NEXT();
}
op_EQAGG:
op_NEAGG : {
  uint32_t bad = 0;
  auto* x = static_cast<ArrayObj*>(RB.o);
  bool eq = x ? equalByType(types, x->tid, RB, RC, &bad) : RC.o == nullptr;
  if (bad) RT_ERROR("runtime error: comparing uncomparable type " + types[bad].name);
  RA = Value::ofBool(i->op == Opcode::EQAGG ? eq : !eq);
  NEXT();
}
op_NOT:
  RA = Value::ofBool(RB.i == 0);
  NEXT();

  // ---- jumps and conversions
op_JMP:
  JUMP(sbc(*i));
  NEXT();
op_JT:
  if (RA.i) JUMP(sbc(*i));
  NEXT();
op_JF:
  if (!RA.i) JUMP(sbc(*i));
  NEXT();
op_JLT:
  if (RA.i < RB.i) JUMP(sc(*i));
  NEXT();
op_JLE:
  if (RA.i <= RB.i) JUMP(sc(*i));
  NEXT();
op_I2F:
  RA = Value::ofFloat(double(RB.i));
  NEXT();
op_U2F:
  RA = Value::ofFloat(double(RB.u));
  NEXT();
op_F2I:
  RA = Value::ofInt(f2i(RB.f));
  NEXT();
op_F2U:
  RA = Value::ofInt(int64_t(f2u(RB.f)));
  NEXT();

  // ---- strings
op_CONCAT : {
  auto* x = static_cast<StringObj*>(RB.o);
  auto* y = static_cast<StringObj*>(RC.o);
  uint32_t lx = x ? x->len : 0, ly = y ? y->len : 0;
  if (ly == 0) {
    RA = strValue(lx ? x : nullptr);
  } else if (lx == 0) {
    RA = strValue(y);
  } else {
    SAVE();
    StringObj* s = heap_.newStringUninit(size_t(lx) + ly);
    std::memcpy(s->data(), x->data(), lx);
    std::memcpy(s->data() + lx, y->data(), ly);
    RA = strValue(s);
  }
  NEXT();
}
op_LENS:
  RA = Value::ofInt(RB.o ? static_cast<StringObj*>(RB.o)->len : 0);
  NEXT();
op_INDEXS : {
  auto* s = static_cast<StringObj*>(RB.o);
  uint64_t n = s ? s->len : 0;
  uint64_t k = RC.u;
  if (k >= n) RT_ERROR(fmtIndexError(RC.i, n));
  RA = Value::ofInt(uint8_t(s->data()[k]));
  NEXT();
}
op_SLICES : {
  auto* s = static_cast<StringObj*>(RB.o);
  int64_t n = s ? s->len : 0;
  int64_t lo = (i->x & 1) ? base[i->c].i : 0;
  int64_t hi = (i->x & 2) ? base[i->c + 1].i : n;
  if (hi < 0 || hi > n) RT_ERROR(fmtSliceError2(lo, hi, n, (i->x & 2) != 0, "length"));
  if (lo < 0 || lo > hi) RT_ERROR(fmtSliceError2(lo, hi, n, (i->x & 2) != 0, "length"));
  if (lo == 0 && hi == n) {
    RA = strValue(s);
  } else if (lo == hi) {
    RA = Value();
  } else {
    SAVE();
    StringObj* r = heap_.newStringUninit(size_t(hi - lo));
    s = static_cast<StringObj*>(RB.o);
    std::memcpy(r->data(), s->data() + lo, size_t(hi - lo));
    RA = strValue(r);
  }
  NEXT();
}
op_NEXTRUNE : {
  auto* s = static_cast<StringObj*>(RB.o);
  size_t n = s ? s->len : 0;
  size_t k = size_t(RC.i);
  int w = 0;
  int32_t r = k < n ? decodeRuneAt(reinterpret_cast<const uint8_t*>(s->data()), n, k, &w) : 0xFFFD;
  RA = Value::ofInt(r);
  base[i->a + 1] = Value::ofInt(w);
  NEXT();
}

  // ---- slices and arrays
op_MAKESLICE : {
  int64_t len = RB.i, cap = base[i->b + 1].i;
  if (len < 0 || len > 0x7FFFFFFF) RT_ERROR("runtime error: makeslice: len out of range");
  if (cap < len || cap > 0x7FFFFFFF) RT_ERROR("runtime error: makeslice: cap out of range");
  SAVE();
  RA = makeSlice(i->c, uint32_t(len), uint32_t(cap));
  NEXT();
}
op_LENSL:
  RA = Value::ofInt(RB.o ? static_cast<SliceObj*>(RB.o)->len : 0);
  NEXT();
op_CAPSL:
  RA = Value::ofInt(RB.o ? static_cast<SliceObj*>(RB.o)->cap : 0);
  NEXT();
op_GETSL : {
  auto* s = static_cast<SliceObj*>(RB.o);
  uint64_t k = RC.u;
  uint64_t n = s ? s->len : 0;
  if (k >= n) RT_ERROR(fmtIndexError(RC.i, n));
  ArrayObj* a = s->array;
  if (a->elemKind == ElemKind::V)
    RA = a->values()[s->off + k];
  else
    RA = a->get(uint32_t(s->off + k));
  NEXT();
}
op_SETSL : {
  auto* s = static_cast<SliceObj*>(RA.o);
  uint64_t k = RB.u;
  uint64_t n = s ? s->len : 0;
  if (k >= n) RT_ERROR(fmtIndexError(RB.i, n));
  ArrayObj* a = s->array;
  if (a->elemKind == ElemKind::V)
    a->values()[s->off + k] = RC;
  else
    a->set(uint32_t(s->off + k), RC);
  NEXT();
}
op_ADDRSL : {
  auto* s = static_cast<SliceObj*>(RB.o);
  uint64_t k = RC.u;
  uint64_t n = s ? s->len : 0;
  if (k >= n) RT_ERROR(fmtIndexError(RC.i, n));
  RA = elemAddr(s->array, uint32_t(s->off + k));
  NEXT();
}
op_GETARR : {
  auto* a = static_cast<ArrayObj*>(RB.o);
  if (!a) NIL_DEREF();
  uint64_t k = RC.u;
  if (k >= a->len) RT_ERROR(fmtIndexError(RC.i, a->len));
  RA = a->get(uint32_t(k));
  NEXT();
}
op_SETARR : {
  auto* a = static_cast<ArrayObj*>(RA.o);
  if (!a) NIL_DEREF();
  uint64_t k = RB.u;
  if (k >= a->len) RT_ERROR(fmtIndexError(RB.i, a->len));
  a->set(uint32_t(k), RC);
  NEXT();
}
op_ADDRARR : {
  auto* a = static_cast<ArrayObj*>(RB.o);
  if (!a) NIL_DEREF();
  uint64_t k = RC.u;
  if (k >= a->len) RT_ERROR(fmtIndexError(RC.i, a->len));
  RA = elemAddr(a, uint32_t(k));
  NEXT();
}
op_SLICESL:
op_SLICEARR : {
  bool isArr = i->op == Opcode::SLICEARR;
  ArrayObj* arr;
  int64_t off, len, cap;
  if (isArr) {
    arr = static_cast<ArrayObj*>(RB.o);
    if (!arr) NIL_DEREF();
    off = 0;
    len = cap = arr->len;
  } else {
    auto* s = static_cast<SliceObj*>(RB.o);
    arr = s ? s->array : nullptr;
    off = s ? s->off : 0;
    len = s ? s->len : 0;
    cap = s ? s->cap : 0;
  }
  int64_t lo = (i->x & 1) ? base[i->c].i : 0;
  int64_t hi = (i->x & 2) ? base[i->c + 1].i : len;
  int64_t mx = (i->x & 4) ? base[i->c + 2].i : cap;
  const char* what = isArr ? "length" : "capacity";
  if (i->x & 4) {
    // A negative bound is reported without the bound it failed against.
    if (mx < 0) RT_ERROR("runtime error: slice bounds out of range [::" + std::to_string(mx) + "]");
    if (mx <= cap && hi < 0)
      RT_ERROR("runtime error: slice bounds out of range [:" + std::to_string(hi) + ":]");
    if (mx <= cap && hi <= mx && lo < 0)
      RT_ERROR("runtime error: slice bounds out of range [" + std::to_string(lo) + "::]");
    if (mx > cap)
      RT_ERROR("runtime error: slice bounds out of range [::" + std::to_string(mx) + "] with " +
               what + " " + std::to_string(cap));
    if (hi < 0 || hi > mx)
      RT_ERROR("runtime error: slice bounds out of range [:" + std::to_string(hi) + ":" +
               std::to_string(mx) + "]");
    if (lo < 0 || lo > hi)
      RT_ERROR("runtime error: slice bounds out of range [" + std::to_string(lo) + ":" +
               std::to_string(hi) + ":]");
  } else {
    if (hi < 0 || hi > cap) RT_ERROR(fmtSliceError2(lo, hi, cap, (i->x & 2) != 0, what));
    if (lo < 0 || lo > hi) RT_ERROR(fmtSliceError2(lo, hi, cap, (i->x & 2) != 0, what));
  }
  if (!arr) {
    RA = Value();
  } else {
    SAVE();
    SliceObj* r = heap_.newSlice(arr, uint32_t(off + lo), uint32_t(hi - lo), uint32_t(mx - lo));
    RA = Value::ofRef(r);
  }
  NEXT();
}
op_APPEND : {
  auto* s = static_cast<SliceObj*>(RA.o);
  SAVE();
  if (i->x) [[unlikely]] {
    RA = appendSlow(i->c, RA, &RB, uint32_t(i->x) + 1, false);
  } else if (s && s->len < s->cap) {
    ArrayObj* a = s->array;
    if (a->elemKind == ElemKind::V)
      a->values()[s->off + s->len] = RB;
    else
      a->set(s->off + s->len, RB);
    SliceObj* r = heap_.newSlice(a, s->off, s->len + 1, s->cap);
    RA = Value::ofRef(r);
  } else {
    RA = appendSlow(i->c, RA, &RB, 1, false);
  }
  NEXT();
}
op_APPENDSL : {
  SAVE();
  if (i->x == 1) {
    std::string_view sv = strView(RB);
    if (!sv.empty()) RA = appendBytes(i->c, RA, RB);
  } else {
    auto* src = static_cast<SliceObj*>(RB.o);
    if (src && src->len) RA = appendSlice(i->c, RA, RB);
  }
  NEXT();
}
op_COPYSL : {
  auto* d = static_cast<SliceObj*>(RB.o);
  int64_t n = 0;
  if (d) {
    if (i->x == 1) {
      std::string_view sv = strView(RC);
      n = std::min<int64_t>(d->len, int64_t(sv.size()));
      // "" has no bytes at all (a null pointer): memmove must not see it.
      if (n > 0) std::memmove(d->array->bytes() + d->off, sv.data(), size_t(n));
    } else if (auto* s = static_cast<SliceObj*>(RC.o)) {
      n = std::min(d->len, s->len);
      size_t es = elemSize(d->array->elemKind);
      std::memmove(d->array->bytes() + d->off * es, s->array->bytes() + s->off * es,
                   size_t(n) * es);
      SAVE();
      unshareElems(d->array, d->off, uint32_t(n));  // structs are copied, not shared
    }
  }
  RA = Value::ofInt(n);
  NEXT();
}
op_CLEARSL : {
  if (auto* s = static_cast<SliceObj*>(RA.o)) clearElems(s->array, s->off, s->len);
  NEXT();
}

  // ---- structs, arrays, boxes, pointers
op_ZERO:
  SAVE();
  RA = aggRef(newAggregate(i->b));
  NEXT();
op_COPY:
  SAVE();
  RA = deepCopy(RB);
  NEXT();
op_COPYINTO : {
  auto* d = static_cast<ArrayObj*>(RA.o);
  auto* s = static_cast<ArrayObj*>(RB.o);
  if (!d || !s) NIL_DEREF();
  copyInto(d, s);
  NEXT();
}
op_GETF : {
  auto* a = static_cast<ArrayObj*>(RB.o);
  if (!a) NIL_DEREF();
  RA = a->values()[i->c];
  NEXT();
}
op_SETF : {
  auto* a = static_cast<ArrayObj*>(RA.o);
  if (!a) NIL_DEREF();
  a->values()[i->b] = RC;
  NEXT();
}
op_ADDRF : {
  auto* a = static_cast<ArrayObj*>(RB.o);
  if (!a) NIL_DEREF();
  RA = fieldAddr(a, i->c);
  NEXT();
}
op_NEWBOX : {
  SAVE();
  ArrayObj* box = heap_.newArray(1, ElemKind::V, 0, i->c);
  box->values()[0] = RB;
  Value p = Value::ofRef(box);
  p.aux = 0;
  RA = p;
  NEXT();
}
op_LOADPTR : {
  Value p = RB;
  if (!p.o) NIL_DEREF();
  if (p.aux == kWholeObject) {
    RA = aggRef(p.o);
  } else {
    auto* a = static_cast<ArrayObj*>(p.o);
    RA = a->elemKind == ElemKind::V ? a->values()[p.aux] : a->get(p.aux);
  }
  NEXT();
}
op_STOREPTR : {
  Value p = RA;
  if (!p.o) NIL_DEREF();
  auto* a = static_cast<ArrayObj*>(p.o);
  if (p.aux == kWholeObject) {
    auto* src = static_cast<ArrayObj*>(RB.o);
    if (src) copyInto(a, src);
  } else if (a->elemKind == ElemKind::V) {
    a->values()[p.aux] = RB;
  } else {
    a->set(p.aux, RB);
  }
  NEXT();
}
op_GETUP:
  RA = fr->closure->captured()[i->b];
  NEXT();
op_GETUPV:
  RA = static_cast<ArrayObj*>(fr->closure->captured()[i->b].o)->values()[0];
  NEXT();
op_SETUPV:
  static_cast<ArrayObj*>(fr->closure->captured()[i->b].o)->values()[0] = RA;
  NEXT();

  // ---- maps
op_MAKEMAP : {
  SAVE();
  int64_t hint = i->x ? RC.i : 0;
  if (hint < 0) hint = 0;
  RA = Value::ofRef(heap_.newMap(i->b, uint32_t(std::min<int64_t>(hint, 1 << 24))));
  NEXT();
}
op_LENM:
  RA = Value::ofInt(RB.o ? static_cast<MapObj*>(RB.o)->size() : 0);
  NEXT();
op_MAPGET:
op_MAPGET2 : {
  auto* m = static_cast<MapObj*>(RB.o);
  Value* slot = nullptr;
  if (m) {
    if (m->mode == KeyMode::Generic && !keyHashable(m, RC, &errText_)) goto runtime_error;
    slot = m->find(RC);
  }
  bool two = i->op == Opcode::MAPGET2;
  if (slot) {
    RA = *slot;
  } else {
    // A nil map has no type here: for struct and array elements the
    // compiler makes the zero value itself (FuncCompiler::mapGet).
    uint32_t vt = m ? m->valTid : 0;
    if (vt && types[vt].aggregate) {
      SAVE();
      RA = aggRef(newAggregate(vt, true));
    } else {
      RA = Value();
    }
  }
  if (two) base[i->a + 1] = Value::ofBool(slot != nullptr);
  NEXT();
}
op_MAPSET : {
  auto* m = static_cast<MapObj*>(RA.o);
  if (!m) RT_ERROR("assignment to entry in nil map");
  if (m->mode == KeyMode::Generic && !keyHashable(m, RB, &errText_)) goto runtime_error;
  SAVE();
  Value* slot = m->insert(heap_, RB, nullptr);
  *slot = RC;
  NEXT();
}
op_MAPADDI : {
  auto* m = static_cast<MapObj*>(RA.o);
  if (!m) RT_ERROR("assignment to entry in nil map");
  if (m->mode == KeyMode::Generic && !keyHashable(m, RB, &errText_)) goto runtime_error;
  SAVE();
  Value* slot = m->insert(heap_, RB, nullptr);
  *slot = Value::ofInt(int64_t(slot->u + uint64_t(int64_t(sc(*i)))));
  NEXT();
}
op_MAPDEL : {
  auto* m = static_cast<MapObj*>(RA.o);
  if (m) {
    if (m->mode == KeyMode::Generic && !keyHashable(m, RB, &errText_)) goto runtime_error;
    m->erase(RB);
  }
  NEXT();
}
op_MAPNEXT : {
  auto* m = static_cast<MapObj*>(RB.o);
  if (m) {
    int64_t idx = m->nextFrom(RC.i);
    if (idx >= 0) {
      MapEntry& e = m->entryAt(idx);
      Value k = e.key, v = e.val;
      RC = Value::ofInt(idx + 1);
      RA = k;
      base[i->a + 1] = v;
      ++pc;
    }
  }
  NEXT();
}
op_CLEARM:
  if (auto* m = static_cast<MapObj*>(RA.o)) m->clear(heap_);
  NEXT();

  // ---- interfaces
op_MKIFACE : {
  Value v = RB;
  v.tid = i->c;
  RA = v;
  NEXT();
}
op_ASSERT : {
  Value v = RB;
  if (v.tid != i->c) {
    const Instr* from = i + 1;  // see FuncCompiler::typeAssert
    RT_ERROR(assertError(v.tid, i->c,
                         from->op == Opcode::NOP && from->x == 1 ? from->c : uint32_t(kTidAny)));
  }
  RA = v;
  NEXT();
}
op_ASSERT2 : {
  Value v = RB;
  if (v.tid == i->c) {
    RA = v;
    base[i->a + 1] = Value::ofBool(true);
  } else {
    if (types[i->c].aggregate) {
      SAVE();
      RA = aggRef(newAggregate(i->c, true));
    } else {
      RA = Value();
    }
    base[i->a + 1] = Value::ofBool(false);
  }
  NEXT();
}
op_ASSERTI : {
  Value v = RB;
  if (v.tid == 0 || !implements(v.tid, i->c)) RT_ERROR(assertIfaceError(v.tid, i->c));
  RA = v;
  NEXT();
}
op_ASSERTI2 : {
  Value v = RB;
  bool ok = v.tid != 0 && implements(v.tid, i->c);
  RA = ok ? v : Value();
  base[i->a + 1] = Value::ofBool(ok);
  NEXT();
}
op_TYPEIS:
  RA = Value::ofBool(RB.tid == i->c);
  NEXT();
op_IMPLEMENTS:
  RA = Value::ofBool(RB.tid != 0 && implements(RB.tid, i->c));
  NEXT();
op_IFACEDATA:
  RA = RB;
  NEXT();

  // ---- calls
op_CALL:
  callee = funcs[i->b | (uint32_t(i->x) << 16)].get();
  calleeClosure = nullptr;
  goto call;
op_CALLV : {
  Value fv = RB;
  if (!fv.o) NIL_DEREF();
  calleeClosure = static_cast<ClosureObj*>(fv.o);
  callee = calleeClosure->fn;
  goto call;
}
op_CALLI : {
  Value iv = RB;
  if (iv.tid == 0) NIL_DEREF();
  callee = findMethod(iv.tid, i->c);
  if (!callee)
    RT_ERROR("gol: method " + program_.names[i->c] + " missing on " + types[iv.tid].name);
  calleeClosure = nullptr;
  if (types[iv.tid].aggregate) {
    SAVE();
    iv = deepCopy(iv);
    iv.tid = RB.tid;
  }
  RA = iv;
  goto call;
}
call:
  SAVE();
  calleeBase = base + i->a;
  if (callee->isNative) {
    NativeStatus st = callNative(g, callee, calleeBase);
    fr = &g->frames.back();  // a callback into gol may have moved the frames
    if (st == NativeStatus::Ok) NEXT();
    if (st == NativeStatus::Block) return ExecStatus::Blocked;
    FOLLOW(panicFlow(g));
  }
  fr = enterCall(g, callee, calleeClosure, calleeBase, stackEnd);
  if (!fr) [[unlikely]]
    FOLLOW(Flow::Overflow);
  if (fr->base != calleeBase) [[unlikely]]
    stackEnd = g->chunkEnd();  // the frame starts the next stack chunk
  pc = fr->pc;
  base = fr->base;
  K = callee->k.data();
  SPEND_BUDGET();
  NEXT();

op_RET:
  if (g->defers.size() > fr->deferMark) [[unlikely]] {
    fr->pc = i;  // this RET runs again after the deferred call
    FOLLOW(runDeferred(g, base + fr->fn->nregs));
  }
  storeResults(*i, base + i->a, fr->retDest);
  if (fr->kind != FrameKind::Normal) [[unlikely]]
    FOLLOW(returnSpecial(g));
  g->frames.pop_back();
  fr = &g->frames.back();
  pc = fr->pc;
  base = fr->base;
  K = fr->fn->k.data();
  if (fr->chunk != g->curChunk) [[unlikely]] {
    g->curChunk = fr->chunk;
    stackEnd = g->chunkEnd();
  }
  NEXT();

  // ---- closures, defer, go, panic
op_CLOSURE : {
  FuncProto* cfn = funcs[i->b | (uint32_t(i->x) << 16)].get();
  if (i->c == 0 && cfn->closure0.o) {
    RA = cfn->closure0;
    NEXT();
  }
  SAVE();
  ClosureObj* c = heap_.newClosure(cfn, i->c);
  if (i->c == 0) cfn->closure0 = Value::ofRef(c);
  std::memcpy(static_cast<void*>(c->captured()), base + i->a + 1, sizeof(Value) * i->c);
  RA = Value::ofRef(c);
  NEXT();
}
op_DEFER:
  deferCall(g, &RA, i->b);
  NEXT();
op_DEFERTO:
  deferCallTo(g, &RA, i->b, uint32_t(base[i->c].i));
  NEXT();
op_FRAMEIDX:
  RA = Value::ofInt(int64_t(g->frames.size() - 1));
  NEXT();
op_GO : {
  Value fv = RA;
  if (!fv.o) RT_ERROR("go of nil func value");
  SAVE();
  Goroutine* ng = newGoroutine(fv, base + i->a + 1, i->b);
  hooks_->spawned(ng);
  NEXT();
}
op_PANIC:
  SAVE();
  // Since Go 1.21 panic(nil) panics with a run-time error (gol keeps its
  // text, not the *runtime.PanicNilError type).
  g->pendingPanic = RA.tid ? RA : runtimeErrorValue("panic called with nil argument");
  g->hasPendingPanic = true;
  FOLLOW(Flow::Raise);
op_RECOVER:
  RA = recover(g, *fr, i->b != 0);
  NEXT();

  // ---- channels
op_MAKECHAN : {
  SAVE();
  bool panicked = false;
  Value ch = hooks_->makeChan(g, i->c, RB.i, i->x != 0, &panicked);
  if (panicked) FOLLOW(Flow::Raise);
  RA = ch;
  NEXT();
}
op_SEND : {
  SAVE();
  OpStatus st = hooks_->send(g, RA, RB);
  if (st == OpStatus::Ok) NEXT();
  if (st == OpStatus::Block) return ExecStatus::Blocked;
  FOLLOW(Flow::Raise);
}
op_RECV:
op_RECV2 : {
  SAVE();
  OpStatus st = hooks_->recv(g, RB, &RA, i->op == Opcode::RECV2 ? &base[i->a + 1] : nullptr);
  if (st == OpStatus::Ok) NEXT();
  if (st == OpStatus::Block) return ExecStatus::Blocked;
  FOLLOW(Flow::Raise);
}
op_CLOSE : {
  SAVE();
  OpStatus st = hooks_->close(g, RA);
  if (st == OpStatus::Ok) NEXT();
  FOLLOW(Flow::Raise);
}
op_LENC:
  RA = Value::ofInt(hooks_->chanLen(RB));
  NEXT();
op_CAPC:
  RA = Value::ofInt(hooks_->chanCap(RB));
  NEXT();
op_SELECT : {
  SAVE();
  OpStatus st = hooks_->select(g, base + i->b, i->c, i->x == 1, &RA);
  if (st == OpStatus::Ok) NEXT();
  if (st == OpStatus::Block) return ExecStatus::Blocked;
  FOLLOW(Flow::Raise);
}

  // ---- jump tables, wide globals, the end of the entry stub
op_JTAB : {  // forward only: no budget spent
  uint64_t k = uint64_t(RA.i);
  pc += k < i->b ? k : i->b;
  NEXT();
}
op_GETGX:
  RA = G[uint32_t(i->b) | (uint32_t(i->c) << 16)];
  NEXT();
op_SETGX:
  G[uint32_t(i->b) | (uint32_t(i->c) << 16)] = RA;
  NEXT();
op_HALT:
  SAVE();
  return ExecStatus::Finished;

  // ---- leaving the loop
out_of_budget:
  SAVE();
  return ExecStatus::Yielded;

runtime_error:
  SAVE();
  runtimeError(g, errText_);
  FOLLOW(Flow::Raise);

follow:
  switch (flow) {
    case Flow::Resume: LOAD_FRAME(); NEXT();
    case Flow::Raise: FOLLOW(unwind(g, stopDepth, true));
    case Flow::Unwind: FOLLOW(unwind(g, stopDepth, false));
    case Flow::Finished: return ExecStatus::Finished;
    case Flow::Blocked: return ExecStatus::Blocked;
    case Flow::Panicked: return ExecStatus::Panicked;
    case Flow::Overflow: fatalMessage = kStackOverflow; return ExecStatus::Fatal;
  }
  return ExecStatus::Fatal;

#undef LOAD_FRAME
#undef SAVE
#undef NEXT
#undef RA
#undef RB
#undef RC
#undef RT_ERROR
#undef SPEND_BUDGET
#undef JUMP
#undef FOLLOW
#undef NIL_DEREF
}

}  // namespace gol::vm
