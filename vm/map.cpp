// Go maps: see map.hpp.
#include "vm/map.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "vm/complex.hpp"
#include "vm/heap.hpp"

namespace gol::vm {

namespace {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline const RtType& under(const std::vector<RtType>& types, uint32_t tid) {
  const RtType& t = types[tid];
  return (t.underlying && t.underlying < types.size()) ? types[t.underlying] : t;
}

bool isIntLike(RtKind k) {
  switch (k) {
    case RtKind::Bool:
    case RtKind::Int:
    case RtKind::Int8:
    case RtKind::Int16:
    case RtKind::Int32:
    case RtKind::Int64:
    case RtKind::Uint:
    case RtKind::Uint8:
    case RtKind::Uint16:
    case RtKind::Uint32:
    case RtKind::Uint64:
    case RtKind::Uintptr: return true;
    default: return false;
  }
}

}  // namespace

uint64_t hashString(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t(n) * 0xbf58476d1ce4e5b9ULL);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94d049bb133111ebULL;
  }
  return mix64(h);
}

uint64_t hashByType(const std::vector<RtType>& types, uint32_t tid, const Value& v) {
  const RtType& t = under(types, tid);
  switch (t.kind) {
    case RtKind::Complex64:
    case RtKind::Complex128: {
      // Each part hashes as a float key (±0 alike, NaN never equal).
      Complex c = complexOf(v);
      uint32_t f64 = kTidFloat64;
      return mix64(hashByType(types, f64, Value::ofFloat(c.re)) * 31 +
                   hashByType(types, f64, Value::ofFloat(c.im)));
    }
    case RtKind::Float32:
    case RtKind::Float64: {
      double d = v.f;
      if (d == 0) d = 0;  // +0 and -0 are equal keys
      if (d != d) {
        // NaN equals no key, not even itself: every insertion is a new
        // entry, and giving them one hash would chain them all in one
        // bucket (quadratic). Go hashes NaN randomly; distinct values from
        // a sequence do as well (only the interpreter's thread hashes).
        static uint64_t nanSequence = 0;
        return mix64(++nanSequence * 0x9E3779B97F4A7C15ULL);
      }
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return mix64(bits);
    }
    case RtKind::String: {
      std::string_view s = strView(v);
      return hashString(s.data(), s.size());
    }
    case RtKind::Interface:
      if (v.tid == 0) return 0x1234567;
      return mix64(v.tid) ^ hashByType(types, v.tid, v);
    case RtKind::Pointer:
    case RtKind::Chan:
    case RtKind::UnsafePointer:
    case RtKind::Func:
    case RtKind::Map:
    case RtKind::Slice: return mix64(reinterpret_cast<uintptr_t>(v.o) ^ (uint64_t(v.aux) << 48));
    case RtKind::Struct: {
      auto* a = static_cast<ArrayObj*>(v.o);
      uint64_t h = 0xabcdef;
      if (!a) return h;
      for (size_t i = 0; i < t.fields.size() && i < a->len; ++i)
        h = mix64(h ^ hashByType(types, t.fields[i].tid, a->values()[i]));
      return h;
    }
    case RtKind::Array: {
      auto* a = static_cast<ArrayObj*>(v.o);
      uint64_t h = 0xfedcba;
      if (!a) return h;
      for (uint32_t i = 0; i < a->len; ++i) h = mix64(h ^ hashByType(types, t.elem, a->get(i)));
      return h;
    }
    default: return mix64(v.u);
  }
}

bool equalByType(const std::vector<RtType>& types, uint32_t tid, const Value& a, const Value& b,
                 uint32_t* uncomparable) {
  const RtType& t = under(types, tid);
  switch (t.kind) {
    case RtKind::Float32:
    case RtKind::Float64: return a.f == b.f;
    case RtKind::Complex64:
    case RtKind::Complex128: {
      Complex x = complexOf(a), y = complexOf(b);
      return x.re == y.re && x.im == y.im;
    }
    case RtKind::String: return strView(a) == strView(b);
    case RtKind::Interface:
      if (a.tid != b.tid) return false;
      if (a.tid == 0) return true;
      if (!types[a.tid].comparable) {
        if (uncomparable) *uncomparable = a.tid;
        return false;
      }
      return equalByType(types, a.tid, a, b, uncomparable);
    case RtKind::Pointer:
    case RtKind::Chan:
    case RtKind::UnsafePointer:
    case RtKind::Func:
    case RtKind::Map:
    case RtKind::Slice: return a.o == b.o && (a.o == nullptr || a.aux == b.aux);
    case RtKind::Struct: {
      // No identity shortcut: x == x is false with a NaN field and panics
      // with an uncomparable value in an interface field, as in Go.
      auto* x = static_cast<ArrayObj*>(a.o);
      auto* y = static_cast<ArrayObj*>(b.o);
      if (!x || !y) return x == y;
      for (size_t i = 0; i < t.fields.size() && i < x->len; ++i)
        if (!equalByType(types, t.fields[i].tid, x->values()[i], y->values()[i], uncomparable))
          return false;
      return true;
    }
    case RtKind::Array: {
      auto* x = static_cast<ArrayObj*>(a.o);
      auto* y = static_cast<ArrayObj*>(b.o);
      if (!x || !y) return x == y;
      for (uint32_t i = 0; i < x->len; ++i)
        if (!equalByType(types, t.elem, x->get(i), y->get(i), uncomparable)) return false;
      return true;
    }
    default: return a.i == b.i;
  }
}

MapObj::~MapObj() {
  std::free(index_);
}

void MapObj::init(Heap& heap, uint32_t mapTid, const std::vector<RtType>& ts, uint32_t hint) {
  tid = mapTid;
  types = &ts;
  const RtType& mt = under(ts, mapTid);
  keyTid = mt.key;
  valTid = mt.elem;
  RtKind kk = under(ts, keyTid).kind;
  if (isIntLike(kk))
    mode = KeyMode::Int;
  else if (kk == RtKind::String)
    mode = KeyMode::String;
  else if (kk == RtKind::Float32 || kk == RtKind::Float64)
    mode = KeyMode::Float;
  else
    mode = KeyMode::Generic;
  if (hint > 0) {
    size_t cap = 8;
    while (cap * 3 / 4 < hint) cap *= 2;
    rehash(heap, cap);
  }
}

void MapObj::trace(Tracer& t) {
  for (const MapEntry& e : entries_) {
    if (!e.live) continue;
    t.markValue(e.key);
    t.markValue(e.val);
  }
}

size_t MapObj::storageBytes() const {
  return entries_.capacity() * sizeof(MapEntry) + (mask_ ? (mask_ + 1) * sizeof(int32_t) : 0);
}

uint64_t MapObj::hashKey(const Value& k) const {
  switch (mode) {
    case KeyMode::Int: return mix64(k.u);
    case KeyMode::String: {
      // Strings are immutable: their hash is computed once and cached.
      auto* s = static_cast<StringObj*>(k.o);
      if (!s) return hashString("", 0);
      if (s->hash == 0) s->hash = uint32_t(hashString(s->data(), s->len)) | 1u;
      return mix64(s->hash);
    }
    default: return hashByType(*types, keyTid, k);
  }
}

bool MapObj::keyEq(const Value& a, const Value& b) const {
  switch (mode) {
    case KeyMode::Int: return a.i == b.i;
    case KeyMode::String: {
      auto* x = static_cast<StringObj*>(a.o);
      auto* y = static_cast<StringObj*>(b.o);
      if (x == y) return true;
      uint32_t lx = x ? x->len : 0, ly = y ? y->len : 0;
      if (lx != ly) return false;
      return lx == 0 || std::memcmp(x->data(), y->data(), lx) == 0;
    }
    case KeyMode::Float: return a.f == b.f;
    default: return equalByType(*types, keyTid, a, b, nullptr);
  }
}

Value* MapObj::find(const Value& key) {
  if (count_ == 0) return nullptr;
  uint64_t h = hashKey(key);
  uint32_t i = uint32_t(h) & mask_;
  for (;;) {
    int32_t s = index_[i];
    if (s == -1) return nullptr;
    if (s >= 0) {
      MapEntry& e = entries_[size_t(s)];
      if (e.hash == h && keyEq(e.key, key)) return &e.val;
    }
    i = (i + 1) & mask_;
  }
}

Value* MapObj::insert(Heap& heap, const Value& key, bool* inserted) {
  uint64_t h = hashKey(key);
  if (mask_) {
    uint32_t i = uint32_t(h) & mask_;
    int32_t firstDeleted = -1;
    for (;;) {
      int32_t s = index_[i];
      if (s == -1) break;
      if (s == -2) {
        if (firstDeleted < 0) firstDeleted = int32_t(i);
      } else {
        MapEntry& e = entries_[size_t(s)];
        if (e.hash == h && keyEq(e.key, key)) {
          if (inserted) *inserted = false;
          return &e.val;
        }
      }
      i = (i + 1) & mask_;
    }
    // Not present: reuse a deleted slot if the probe met one.
    if (firstDeleted >= 0 || (used_ + 1) * 4 <= (mask_ + 1) * 3) {
      if (firstDeleted >= 0)
        i = uint32_t(firstDeleted);
      else
        ++used_;
      size_t before = entries_.capacity();
      entries_.push_back(MapEntry{key, Value(), h, true});
      if (entries_.capacity() != before)
        heap.adjust(int64_t((entries_.capacity() - before) * sizeof(MapEntry)));
      index_[i] = int32_t(entries_.size() - 1);
      ++count_;
      if (inserted) *inserted = true;
      return &entries_.back().val;
    }
  }
  size_t cap = 8;
  while (cap * 3 / 4 < size_t(count_) + 1) cap *= 2;
  if (cap * 3 / 4 < size_t(count_) * 2) cap *= 2;  // leave room to grow
  rehash(heap, cap);
  return insert(heap, key, inserted);
}

void MapObj::rehash(Heap& heap, size_t newCap) {
  int64_t before = int64_t(storageBytes());
  // Squeeze out holes left by deletions.
  if (count_ != entries_.size()) {
    size_t j = 0;
    for (size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].live) entries_[j++] = entries_[i];
    entries_.resize(j);
  }
  liveFrom_ = 0;
  std::free(index_);
  index_ = static_cast<int32_t*>(std::malloc(newCap * sizeof(int32_t)));
  std::memset(index_, 0xFF, newCap * sizeof(int32_t));
  mask_ = uint32_t(newCap - 1);
  used_ = uint32_t(entries_.size());
  if (entries_.capacity() < newCap * 3 / 4) entries_.reserve(newCap * 3 / 4);
  for (size_t k = 0; k < entries_.size(); ++k) {
    uint32_t i = uint32_t(entries_[k].hash) & mask_;
    while (index_[i] != -1) i = (i + 1) & mask_;
    index_[i] = int32_t(k);
  }
  heap.adjust(int64_t(storageBytes()) - before);
}

bool MapObj::erase(const Value& key) {
  if (count_ == 0) return false;
  uint64_t h = hashKey(key);
  uint32_t i = uint32_t(h) & mask_;
  for (;;) {
    int32_t s = index_[i];
    if (s == -1) return false;
    if (s >= 0) {
      MapEntry& e = entries_[size_t(s)];
      if (e.hash == h && keyEq(e.key, key)) {
        e.live = false;
        e.key = Value();
        e.val = Value();
        index_[i] = -2;
        --count_;
        if (count_ == 0) {
          // Nothing live: start over (keeps long-lived queues compact).
          entries_.clear();
          std::memset(index_, 0xFF, (mask_ + 1) * sizeof(int32_t));
          used_ = 0;
          liveFrom_ = 0;
        }
        return true;
      }
    }
    i = (i + 1) & mask_;
  }
}

void MapObj::clear(Heap& heap) {
  int64_t before = int64_t(storageBytes());
  entries_.clear();
  entries_.shrink_to_fit();
  liveFrom_ = 0;
  std::free(index_);
  index_ = nullptr;
  mask_ = 0;
  count_ = 0;
  used_ = 0;
  heap.adjust(int64_t(storageBytes()) - before);
}

int64_t MapObj::nextFrom(int64_t cursor) const {
  size_t start = size_t(cursor < 0 ? 0 : cursor);
  bool fromFront = start <= liveFrom_;
  if (fromFront) start = liveFrom_;
  for (size_t i = start; i < entries_.size(); ++i) {
    if (entries_[i].live) {
      if (fromFront) liveFrom_ = i;
      return int64_t(i);
    }
  }
  if (fromFront) liveFrom_ = entries_.size();
  return -1;
}

}  // namespace gol::vm
