// Aggregates and slices: zero values, deep copies, append, bounds texts.
#include <algorithm>
#include <cstring>
#include <new>
#include <string>

#include "vm/go_sizes.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

ArrayObj* Vm::newAggregate(uint32_t tid, bool inner) {
  const auto& ts = program_.types;
  const RtType& t = underlyingOf(ts, tid);
  if (t.kind == RtKind::Struct) {
    uint32_t n = uint32_t(t.fields.size());
    ArrayObj* a = inner ? heap_.newInnerArray(n, ElemKind::V, tid, 0)
                        : heap_.newArray(n, ElemKind::V, tid, 0);
    for (uint32_t k = 0; k < n; ++k) {
      uint32_t ft = t.fields[k].tid;
      if (ts[ft].aggregate) {
        // Keep `a` reachable while the sub-object is allocated.
        heap_.pause();
        a->values()[k] = aggRef(newAggregate(ft, true));
        heap_.resume();
      }
    }
    return a;
  }
  // An array type.
  uint32_t n = uint32_t(t.len);
  ElemKind ek = t.elemKind;
  ArrayObj* a =
      inner ? heap_.newInnerArray(n, ek, tid, t.elem) : heap_.newArray(n, ek, tid, t.elem);
  if (ek == ElemKind::V && ts[t.elem].aggregate) {
    heap_.pause();
    for (uint32_t k = 0; k < n; ++k) a->values()[k] = aggRef(newAggregate(t.elem, true));
    heap_.resume();
  }
  return a;
}

Value Vm::zeroValue(uint32_t tid) {
  if (tid && tid < program_.types.size() && program_.types[tid].aggregate)
    return aggRef(newAggregate(tid));
  return Value();
}

Value Vm::deepCopy(const Value& v) {
  auto* src = static_cast<ArrayObj*>(v.o);
  if (!src) return v;
  heap_.pause();
  ArrayObj* a = heap_.newInnerArray(src->len, src->elemKind, src->tid, src->elemTid);
  std::memcpy(static_cast<void*>(a + 1), static_cast<const void*>(src + 1),
              size_t(src->len) * elemSize(src->elemKind));
  if (src->elemKind == ElemKind::V && src->tid) {
    const auto& ts = program_.types;
    const RtType& t = underlyingOf(ts, src->tid);
    for (uint32_t k = 0; k < a->len; ++k) {
      uint32_t et = t.kind == RtKind::Struct ? (k < t.fields.size() ? t.fields[k].tid : 0) : t.elem;
      if (et && ts[et].aggregate) {
        Value c = deepCopy(src->values()[k]);
        a->values()[k] = c;
      }
    }
  }
  heap_.resume();
  Value r = v;
  r.o = a;
  r.aux = kWholeObject;
  return r;
}

void Vm::unshareElems(ArrayObj* a, uint32_t from, uint32_t n) {
  if (a->elemKind != ElemKind::V || !a->elemTid || n == 0) return;
  if (!program_.types[a->elemTid].aggregate) return;
  for (uint32_t k = from; k < from + n; ++k) {
    Value c = deepCopy(a->values()[k]);
    a->values()[k] = c;
  }
}

void Vm::copyInto(ArrayObj* dst, ArrayObj* src) {
  if (dst == src) return;
  uint32_t n = std::min(dst->len, src->len);
  const auto& ts = program_.types;
  if (src->elemKind != ElemKind::V || !src->tid) {
    std::memmove(static_cast<void*>(dst + 1), static_cast<const void*>(src + 1),
                 size_t(n) * elemSize(src->elemKind));
    return;
  }
  const RtType& t = underlyingOf(ts, src->tid);
  for (uint32_t k = 0; k < n; ++k) {
    uint32_t et = t.kind == RtKind::Struct ? (k < t.fields.size() ? t.fields[k].tid : 0) : t.elem;
    if (et && ts[et].aggregate) {
      auto* d = static_cast<ArrayObj*>(dst->values()[k].o);
      auto* s = static_cast<ArrayObj*>(src->values()[k].o);
      if (d && s)
        copyInto(d, s);
      else
        dst->values()[k] = src->values()[k];
    } else {
      dst->values()[k] = src->values()[k];
    }
  }
}

void Vm::zeroInto(ArrayObj* a) {
  const auto& ts = program_.types;
  if (a->elemKind != ElemKind::V) {
    std::memset(static_cast<void*>(a->bytes()), 0, size_t(a->len) * elemSize(a->elemKind));
    return;
  }
  const RtType* t = a->tid ? &underlyingOf(ts, a->tid) : nullptr;
  for (uint32_t k = 0; k < a->len; ++k) {
    uint32_t et = 0;
    if (t) et = t->kind == RtKind::Struct ? (k < t->fields.size() ? t->fields[k].tid : 0) : t->elem;
    if (et && ts[et].aggregate && a->values()[k].o)
      zeroInto(static_cast<ArrayObj*>(a->values()[k].o));
    else
      a->values()[k] = Value();
  }
}

void Vm::clearElems(ArrayObj* a, uint32_t off, uint32_t len) {
  const auto& ts = program_.types;
  if (a->elemKind != ElemKind::V) {
    size_t es = elemSize(a->elemKind);
    std::memset(a->bytes() + size_t(off) * es, 0, size_t(len) * es);
    return;
  }
  bool agg = a->elemTid && ts[a->elemTid].aggregate;
  for (uint32_t k = off; k < off + len; ++k) {
    if (agg && a->values()[k].o)
      zeroInto(static_cast<ArrayObj*>(a->values()[k].o));
    else
      a->values()[k] = Value();
  }
}

Value Vm::makeSlice(uint32_t sliceTid, uint32_t len, uint32_t cap) {
  const auto& ts = program_.types;
  const RtType& st = underlyingOf(ts, sliceTid);
  ArrayObj* a = heap_.newArray(cap, st.elemKind, 0, st.elem);
  if (st.elemKind == ElemKind::V && st.elem && ts[st.elem].aggregate) {
    heap_.pause();
    for (uint32_t k = 0; k < cap; ++k) a->values()[k] = aggRef(newAggregate(st.elem, true));
    heap_.resume();
  }
  heap_.pause();
  SliceObj* s = heap_.newSlice(a, 0, len, cap);
  heap_.resume();
  return Value::ofRef(s);
}

Value Vm::elemAddr(ArrayObj* a, uint32_t idx) const {
  const auto& ts = program_.types;
  Value p;
  if (a->elemKind == ElemKind::V && a->elemTid && ts[a->elemTid].aggregate) {
    p = Value::ofRef(a->values()[idx].o);
    p.aux = kWholeObject;
    return p;
  }
  if (a->elemKind == ElemKind::V && a->tid) {
    const RtType& t = underlyingOf(ts, a->tid);
    if (t.kind == RtKind::Array && ts[t.elem].aggregate) {
      p = Value::ofRef(a->values()[idx].o);
      p.aux = kWholeObject;
      return p;
    }
  }
  p = Value::ofRef(a);
  p.aux = idx;
  return p;
}

Value Vm::fieldAddr(ArrayObj* a, uint32_t idx) const {
  const auto& ts = program_.types;
  if (a->tid) {
    const RtType& t = underlyingOf(ts, a->tid);
    uint32_t ft =
        t.kind == RtKind::Struct ? (idx < t.fields.size() ? t.fields[idx].tid : 0) : t.elem;
    if (ft && ts[ft].aggregate) {
      Value p = Value::ofRef(a->values()[idx].o);
      p.aux = kWholeObject;
      return p;
    }
  }
  Value p = Value::ofRef(a);
  p.aux = idx;
  return p;
}

namespace {

uint32_t growCapTo(uint32_t old, uint64_t need, uint64_t es) {
  // An array's length is 31 bits wide in its object: more elements than
  // that are more than gol can hold (Go: out of memory), never a wrapped
  // length.
  if (need > 0x7FFFFFFFu) throw std::bad_alloc();
  // Zero-size elements take no memory: Go's capacity is the length asked.
  if (es == 0) return uint32_t(need);
  uint64_t nc = old;
  uint64_t dbl = nc + nc;
  if (need > dbl) {
    nc = need;
  } else if (old < 256) {
    nc = dbl;
  } else {
    while (nc < need) nc += (nc + 3 * 256) / 4;
  }
  nc = goRoundUpSize(nc * es) / es;
  if (nc > 0x7FFFFFFFu) nc = 0x7FFFFFFFu;
  return uint32_t(nc);
}

}  // namespace

// Go's size of a value of type tid (slice growth follows Go's rounding).
uint64_t Vm::goSize(uint32_t tid) const {
  return goLayout(program_.types, tid).size;
}

// Appends n values; the old slice (s) stays in a register of the caller,
// so it survives a collection triggered here.
Value Vm::appendSlow(uint32_t sliceTid, Value sv, const Value* elems, uint32_t n, bool) {
  auto* s = static_cast<SliceObj*>(sv.o);
  uint32_t len = s ? s->len : 0, cap = s ? s->cap : 0;
  uint64_t need = uint64_t(len) + n;
  const auto& ts = program_.types;
  const RtType& st = underlyingOf(ts, sliceTid);
  ElemKind ek = s ? s->array->elemKind : st.elemKind;
  size_t es = elemSize(ek);
  ArrayObj* a;
  uint32_t off;
  Value elemCopy[4];
  bool small = n <= 4;
  if (small)
    for (uint32_t k = 0; k < n; ++k) elemCopy[k] = elems[k];
  heap_.pause();
  if (need <= cap) {
    a = s->array;
    off = s->off;
  } else {
    uint32_t ncap = growCapTo(cap, need, goSize(st.elem));
    a = heap_.newArray(ncap, ek, 0, s ? s->array->elemTid : st.elem);
    if (len) std::memcpy(a->bytes(), s->array->bytes() + size_t(s->off) * es, size_t(len) * es);
    unshareElems(a, 0, len);
    off = 0;
    cap = ncap;
  }
  for (uint32_t k = 0; k < n; ++k) a->set(off + len + k, small ? elemCopy[k] : elems[k]);
  SliceObj* r = heap_.newSlice(a, off, uint32_t(need), cap);
  heap_.resume();
  return Value::ofRef(r);
}

Value Vm::appendBytes(uint32_t sliceTid, Value sv, Value str) {
  std::string_view b = strView(str);
  auto* s = static_cast<SliceObj*>(sv.o);
  uint32_t len = s ? s->len : 0, cap = s ? s->cap : 0;
  uint64_t need = uint64_t(len) + b.size();
  const RtType& st = underlyingOf(program_.types, sliceTid);
  heap_.pause();
  ArrayObj* a;
  uint32_t off;
  if (need <= cap) {
    a = s->array;
    off = s->off;
  } else {
    uint32_t ncap = growCapTo(cap, need, 1);
    a = heap_.newArray(ncap, ElemKind::U8, 0, st.elem);
    if (len) std::memcpy(a->bytes(), s->array->bytes() + s->off, len);
    off = 0;
    cap = ncap;
  }
  std::memcpy(a->bytes() + off + len, b.data(), b.size());
  SliceObj* r = heap_.newSlice(a, off, uint32_t(need), cap);
  heap_.resume();
  return Value::ofRef(r);
}

Value Vm::appendSlice(uint32_t sliceTid, Value dv, Value srcv) {
  auto* src = static_cast<SliceObj*>(srcv.o);
  auto* s = static_cast<SliceObj*>(dv.o);
  uint32_t len = s ? s->len : 0, cap = s ? s->cap : 0;
  uint32_t n = src->len;
  uint64_t need = uint64_t(len) + n;
  const RtType& st = underlyingOf(program_.types, sliceTid);
  ElemKind ek = src->array->elemKind;
  size_t es = elemSize(ek);
  heap_.pause();
  ArrayObj* a;
  uint32_t off;
  if (need <= cap) {
    a = s->array;
    off = s->off;
  } else {
    uint32_t ncap = growCapTo(cap, need, goSize(st.elem));
    a = heap_.newArray(ncap, ek, 0, s ? s->array->elemTid : st.elem);
    if (len) std::memcpy(a->bytes(), s->array->bytes() + size_t(s->off) * es, size_t(len) * es);
    unshareElems(a, 0, len);
    off = 0;
    cap = ncap;
  }
  std::memmove(a->bytes() + size_t(off + len) * es, src->array->bytes() + size_t(src->off) * es,
               size_t(n) * es);
  unshareElems(a, off + len, n);
  SliceObj* r = heap_.newSlice(a, off, uint32_t(need), cap);
  heap_.resume();
  return Value::ofRef(r);
}

std::string Vm::fmtIndexError(int64_t i, uint64_t n) {
  // Go names no length for a negative index (runtime.boundsError).
  if (i < 0) return "runtime error: index out of range [" + std::to_string(i) + "]";
  return "runtime error: index out of range [" + std::to_string(i) + "] with length " +
         std::to_string(n);
}

std::string Vm::fmtSliceError2(int64_t lo, int64_t hi, int64_t cap, bool hiGiven,
                               const char* what) {
  (void)hiGiven;
  // A negative bound is reported without the length (runtime.boundsError).
  if (hi < 0) return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "]";
  if (hi <= cap && lo < 0)
    return "runtime error: slice bounds out of range [" + std::to_string(lo) + ":]";
  if (hi > cap)
    return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with " + what +
           " " + std::to_string(cap);
  return "runtime error: slice bounds out of range [" + std::to_string(lo) + ":" +
         std::to_string(hi) + "]";
}

}  // namespace gol::vm
