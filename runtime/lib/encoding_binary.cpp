// encoding/binary for arrays and structs: gol has no reflect package, so
// these natives walk the run-time type descriptors instead, as Go's
// reflection-based encoder walks reflect.Type. Basic values, pointers to
// them and slices of them are handled in encoding_binary.gol; these take
// what is left: structs and arrays of fixed-size values (bool, intN, uintN,
// floatN; not int, uint, uintptr, strings, pointers...), pointers to them
// and slices of them.
#include <cstdint>
#include <cstring>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::RtType;
using vm::Value;

namespace {

const RtType& under(const NativeCtx& ctx, uint32_t tid) {
  const RtType& t = ctx.type(tid);
  return t.named && t.underlying ? ctx.type(t.underlying) : t;
}

// The encoded size of one value of type tid, or -1 when it is not
// fixed-size. Depth-limited: a fixed-size type cannot be recursive.
int64_t sizeOf(const NativeCtx& ctx, uint32_t tid, int depth = 0) {
  if (depth > 64) return -1;
  const RtType& t = under(ctx, tid);
  switch (t.kind) {
    case RtKind::Bool:
    case RtKind::Int8:
    case RtKind::Uint8: return 1;
    case RtKind::Int16:
    case RtKind::Uint16: return 2;
    case RtKind::Int32:
    case RtKind::Uint32:
    case RtKind::Float32: return 4;
    case RtKind::Int64:
    case RtKind::Uint64:
    case RtKind::Float64: return 8;
    case RtKind::Array: {
      int64_t e = sizeOf(ctx, t.elem, depth + 1);
      return e < 0 ? -1 : e * t.len;
    }
    case RtKind::Struct: {
      int64_t sum = 0;
      for (const auto& f : t.fields) {
        int64_t s = sizeOf(ctx, f.tid, depth + 1);
        if (s < 0) return -1;
        sum += s;
      }
      return sum;
    }
    default: return -1;
  }
}

bool isAggregate(const NativeCtx& ctx, uint32_t tid) {
  RtKind k = under(ctx, tid).kind;
  return k == RtKind::Array || k == RtKind::Struct;
}

// The aggregate object a top-level argument designates, with its type:
// a struct or array value, a pointer to one, or (elements) a slice of them.
struct Target {
  vm::ArrayObj* obj = nullptr;  // one aggregate, or the slice's backing store
  uint32_t tid = 0;             // the aggregate's type
  uint32_t off = 0, count = 1;  // slice: the elements; else one object
  bool slice = false;
};

bool targetOf(const NativeCtx& ctx, const Value& v, bool needPointer, Target* out) {
  if (v.tid == 0) return false;
  const RtType& t = under(ctx, v.tid);
  if (t.kind == RtKind::Slice && isAggregate(ctx, t.elem)) {
    auto* s = static_cast<vm::SliceObj*>(v.o);  // nil: no elements
    *out = {s ? s->array : nullptr, t.elem, s ? s->off : 0, s ? s->len : 0, true};
    return true;
  }
  if (!v.o) return false;
  if (t.kind == RtKind::Pointer && isAggregate(ctx, t.elem)) {
    auto* obj = static_cast<vm::ArrayObj*>(v.o);
    if (v.aux != vm::kWholeObject) obj = static_cast<vm::ArrayObj*>(obj->get(v.aux).o);
    *out = {obj, t.elem, 0, 1, false};
    return obj != nullptr;
  }
  if (!needPointer && isAggregate(ctx, v.tid)) {
    *out = {static_cast<vm::ArrayObj*>(v.o), v.tid, 0, 1, false};
    return true;
  }
  return false;
}

struct Codec {
  const NativeCtx& ctx;
  bool big;
  uint8_t* p;

  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) p[big ? i : n - 1 - i] = uint8_t(v >> (8 * (n - 1 - i)));
    p += n;
  }
  uint64_t get(int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | p[big ? i : n - 1 - i];
    p += n;
    return v;
  }

  // Encodes slot i of container (a basic value, or a sub-aggregate's ref).
  void encode(uint32_t tid, const Value& v, bool blank = false) {
    const RtType& t = under(ctx, tid);
    switch (t.kind) {
      case RtKind::Array:
      case RtKind::Struct: {
        auto* a = static_cast<vm::ArrayObj*>(v.o);
        uint32_t n = t.kind == RtKind::Array ? uint32_t(t.len) : uint32_t(t.fields.size());
        for (uint32_t i = 0; i < n; ++i) {
          bool b = blank || (t.kind == RtKind::Struct && t.fields[i].name == "_");
          encode(t.kind == RtKind::Array ? t.elem : t.fields[i].tid, a ? a->get(i) : Value(), b);
        }
        return;
      }
      case RtKind::Float32: {
        float f = float(v.f);
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        put(blank ? 0 : bits, 4);
        return;
      }
      default: put(blank ? 0 : v.u, int(sizeOf(ctx, tid)));
    }
  }

  // Decodes into slot i of a (basic values are stored, aggregates recurse
  // into their sub-object); blank struct fields are skipped.
  void decode(uint32_t tid, vm::ArrayObj* a, uint32_t i, bool blank = false) {
    const RtType& t = under(ctx, tid);
    switch (t.kind) {
      case RtKind::Array:
      case RtKind::Struct: {
        auto* sub = static_cast<vm::ArrayObj*>(a->get(i).o);
        if (!sub) {  // not expected (sub-objects live with their parent): skip
          p += sizeOf(ctx, tid);
          return;
        }
        decodeWhole(tid, sub, blank);
        return;
      }
      default: break;
    }
    int n = int(sizeOf(ctx, tid));
    uint64_t raw = get(n);
    if (blank) return;
    Value v;
    switch (t.kind) {
      case RtKind::Bool: v = Value::ofBool(raw != 0); break;
      case RtKind::Int8: v = Value::ofInt(int8_t(raw)); break;
      case RtKind::Int16: v = Value::ofInt(int16_t(raw)); break;
      case RtKind::Int32: v = Value::ofInt(int32_t(raw)); break;
      case RtKind::Float32: {
        uint32_t bits = uint32_t(raw);
        float f;
        std::memcpy(&f, &bits, 4);
        v = Value::ofFloat(f);
        break;
      }
      case RtKind::Float64: {
        double d;
        std::memcpy(&d, &raw, 8);
        v = Value::ofFloat(d);
        break;
      }
      default: v = Value::ofInt(int64_t(raw)); break;
    }
    a->set(i, v);
  }

  void decodeWhole(uint32_t tid, vm::ArrayObj* obj, bool blank) {
    const RtType& t = under(ctx, tid);
    uint32_t n = t.kind == RtKind::Array ? uint32_t(t.len) : uint32_t(t.fields.size());
    for (uint32_t i = 0; i < n; ++i) {
      bool b = blank || (t.kind == RtKind::Struct && t.fields[i].name == "_");
      decode(t.kind == RtKind::Array ? t.elem : t.fields[i].tid, obj, i, b);
    }
  }
};

// aggregateSize(data any, forRead bool) int: the encoded size of an
// aggregate argument, or -1 (not an aggregate gol encodes; for a read, not
// a pointer to one or a slice of them).
NativeStatus aggregateSize(NativeCtx& ctx, Value* regs) {
  Target t;
  int64_t size = -1;
  if (targetOf(ctx, regs[0], regs[1].i != 0, &t)) {
    int64_t one = sizeOf(ctx, t.tid);
    if (one >= 0) size = one * t.count;
  }
  regs[0] = Value::ofInt(size);
  return NativeStatus::Ok;
}

// encodeAggregate(buf []byte, big bool, data any): buf holds the size.
NativeStatus encodeAggregate(NativeCtx& ctx, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  Target t;
  if (!s || !targetOf(ctx, regs[2], false, &t)) return NativeStatus::Ok;
  Codec c{ctx, regs[1].i != 0, s->array->bytes() + s->off};
  if (!t.slice) {
    c.encode(t.tid, Value::ofRef(t.obj, t.tid));
    return NativeStatus::Ok;
  }
  for (uint32_t i = 0; i < t.count; ++i) c.encode(t.tid, t.obj->get(t.off + i));
  return NativeStatus::Ok;
}

// decodeAggregate(buf []byte, big bool, data any): data is a pointer to an
// aggregate or a slice of them; buf holds the size.
NativeStatus decodeAggregate(NativeCtx& ctx, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  Target t;
  if (!s || !targetOf(ctx, regs[2], true, &t)) return NativeStatus::Ok;
  Codec c{ctx, regs[1].i != 0, s->array->bytes() + s->off};
  if (!t.slice) {
    c.decodeWhole(t.tid, t.obj, false);
    return NativeStatus::Ok;
  }
  for (uint32_t i = 0; i < t.count; ++i) {
    auto* elem = static_cast<vm::ArrayObj*>(t.obj->get(t.off + i).o);
    if (elem)
      c.decodeWhole(t.tid, elem, false);
    else
      c.p += sizeOf(ctx, t.tid);
  }
  return NativeStatus::Ok;
}

}  // namespace

void registerEncodingBinaryNatives() {
  static const vm::NativeEntry entries[] = {
      {"encoding/binary.aggregateSize", aggregateSize},
      {"encoding/binary.encodeAggregate", encodeAggregate},
      {"encoding/binary.decodeAggregate", decodeAggregate},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
