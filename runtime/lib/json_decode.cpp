// encoding/json's decoder (see json_decode.hpp). The input was validated
// by the scanner first (as Go's Unmarshal does), so this reads it without
// checking the grammar again.
#include "runtime/lib/json_decode.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "runtime/lib/json_encode.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/heap.hpp"
#include "vm/map.hpp"
#include "vm/vm.hpp"

namespace gol::lib::json {

using vm::ArrayObj;
using vm::RtKind;
using vm::Slot;
using vm::Value;

namespace {

int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool parseInt(std::string_view s, int bits, int64_t* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == s.size()) return false;
  unsigned __int128 v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + unsigned(s[i] - '0');
    if (v > (unsigned __int128)1 << 64) return false;
  }
  __int128 sv = neg ? -(__int128)v : (__int128)v;
  __int128 lo = -((__int128)1 << (bits - 1)), hi = ((__int128)1 << (bits - 1)) - 1;
  if (sv < lo || sv > hi) return false;
  *out = int64_t(sv);
  return true;
}

bool parseUint(std::string_view s, int bits, uint64_t* out) {
  if (s.empty()) return false;
  unsigned __int128 v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + unsigned(c - '0');
    if (v > (unsigned __int128)1 << 64) return false;
  }
  unsigned __int128 hi =
      bits == 64 ? (unsigned __int128)UINT64_MAX : ((unsigned __int128)1 << bits) - 1;
  if (v > hi) return false;
  *out = uint64_t(v);
  return true;
}

// strconv.ParseFloat(s, bits) on a valid JSON number: false on overflow.
bool parseFloat(std::string_view s, int bits, double* out) {
  std::string buf(s);
  if (bits == 32) {
    float f = std::strtof(buf.c_str(), nullptr);
    if (std::isinf(f)) return false;
    *out = f;
    return true;
  }
  double d = std::strtod(buf.c_str(), nullptr);
  if (std::isinf(d)) return false;
  *out = d;
  return true;
}

bool base64Decode(std::string_view in, std::string& out, size_t* badAt) {
  auto val = [](unsigned char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  // Go's decoder skips \r and \n; it reports the offset in the input.
  std::vector<std::pair<unsigned char, size_t>> cs;
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i] != '\r' && in[i] != '\n') cs.emplace_back((unsigned char)in[i], i);
  size_t i = 0;
  while (i < cs.size()) {
    int q[4];
    size_t n = 0;
    for (; n < 4; ++n) {
      if (i + n >= cs.size()) {
        *badAt = n == 0 ? cs.back().second + 1 : cs[i + n - 1].second + 1;
        if (n == 0) return true;
        *badAt = in.size();
        return false;
      }
      unsigned char c = cs[i + n].first;
      if (c == '=') break;
      q[n] = val(c);
      if (q[n] < 0) {
        *badAt = cs[i + n].second;
        return false;
      }
    }
    if (n < 4) {
      // Padding: "xx==" or "xxx=" and nothing after.
      if (n < 2) {
        *badAt = cs[i + n].second;
        return false;
      }
      size_t need = 4 - n;
      for (size_t k = 0; k < need; ++k)
        if (i + n + k >= cs.size() || cs[i + n + k].first != '=') {
          *badAt = i + n + k >= cs.size() ? in.size() : cs[i + n + k].second;
          return false;
        }
      if (i + 4 < cs.size()) {
        *badAt = cs[i + 4].second;
        return false;
      }
      uint32_t v = uint32_t(q[0]) << 18 | uint32_t(q[1]) << 12 | (n == 3 ? uint32_t(q[2]) << 6 : 0);
      out += char(v >> 16);
      if (n == 3) out += char((v >> 8) & 0xFF);
      return true;
    }
    uint32_t v = uint32_t(q[0]) << 18 | uint32_t(q[1]) << 12 | uint32_t(q[2]) << 6 | uint32_t(q[3]);
    out += char(v >> 16);
    out += char((v >> 8) & 0xFF);
    out += char(v & 0xFF);
    i += 4;
  }
  return true;
}

// The bare name of a type for UnmarshalTypeError.Struct (reflect's Name()).
std::string bareName(const vm::RtType& t) {
  if (!t.named) return "";
  std::string n = t.name;
  size_t br = n.find('[');
  size_t dot = n.rfind('.', br == std::string::npos ? std::string::npos : br);
  return dot == std::string::npos ? n : n.substr(dot + 1);
}

bool asciiFoldEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x + 32);
    if (y >= 'A' && y <= 'Z') y = char(y + 32);
    if (x != y) return false;
  }
  return true;
}

}  // namespace

void unquoteInto(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\' && i + 1 < s.size()) {
      char e = s[i + 1];
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          auto hex4 = [&](size_t at) {
            int32_t r = 0;
            for (size_t k = 0; k < 4; ++k) r = r * 16 + hexVal(s[at + k]);
            return r;
          };
          int32_t r = hex4(i + 2);
          i += 6;
          if (r >= 0xD800 && r < 0xDC00) {
            if (i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
              int32_t r2 = hex4(i + 2);
              if (r2 >= 0xDC00 && r2 < 0xE000) {
                appendRune(out, 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00));
                i += 6;
                continue;
              }
            }
            appendRune(out, kRuneError);
            continue;
          }
          if (r >= 0xDC00 && r < 0xE000) r = kRuneError;
          appendRune(out, r);
          continue;
        }
        default: out += e; break;
      }
      i += 2;
      continue;
    }
    if (c < 0x80) {
      out += char(c);
      ++i;
      continue;
    }
    int w = 1;
    int32_t r = decodeRune(s, i, &w);
    if (r == kRuneError && w == 1) {
      appendRune(out, kRuneError);
    } else {
      out.append(s.substr(i, size_t(w)));
    }
    i += size_t(w);
  }
}

void Decoder::skipSpace() {
  while (off_ < d_.size()) {
    char c = d_[off_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++off_;
  }
}

void Decoder::skipValue() {
  int depth = 0;
  do {
    char c = d_[off_];
    if (c == '"') {
      ++off_;
      while (d_[off_] != '"') off_ += d_[off_] == '\\' ? 2 : 1;
      ++off_;
    } else if (c == '{' || c == '[') {
      ++depth;
      ++off_;
    } else if (c == '}' || c == ']') {
      --depth;
      ++off_;
    } else if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++off_;
    } else {
      literalText();
    }
  } while (depth > 0);
}

std::string_view Decoder::literalText() {
  size_t start = off_;
  if (d_[off_] == '"') {
    ++off_;
    while (d_[off_] != '"') off_ += d_[off_] == '\\' ? 2 : 1;
    ++off_;
  } else {
    while (off_ < d_.size()) {
      char c = d_[off_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
          c == ':')
        break;
      ++off_;
    }
  }
  return d_.substr(start, off_ - start);
}

std::string_view Decoder::stringLiteral(std::string& scratch) {
  std::string_view lit = literalText();
  std::string_view body = lit.substr(1, lit.size() - 2);
  bool plain = true;
  for (unsigned char c : body)
    if (c == '\\' || c >= 0x80) {
      plain = false;
      break;
    }
  if (plain) return body;
  scratch.clear();
  unquoteInto(scratch, body);
  return scratch;
}

Value Decoder::newString(std::string_view s) {
  if (s.empty()) return Value();
  return Value::ofRef(ti_.vm().heap().newString(s), vm::kTidString);
}

void Decoder::typeError(std::string value, uint32_t tid, int64_t offset) {
  if (fail != DecodeFail::None) return;
  fail = DecodeFail::TypeError;
  failValue = std::move(value);
  failType = ti_.name(tid);
  failOffset = offset;
  if (ctxStruct_ || !fieldStack_.empty()) {
    failStruct = ctxStruct_ ? bareName(ti_.type(ctxStruct_)) : "";
    for (size_t i = 0; i < fieldStack_.size(); ++i) {
      if (i) failField += '.';
      failField.append(fieldStack_[i]);
    }
  }
}

void Decoder::saveMessage(std::string text) {
  if (fail != DecodeFail::None) return;
  fail = DecodeFail::Message;
  failText = std::move(text);
}

bool Decoder::abortMessage(std::string text) {
  fail = DecodeFail::Message;
  failText = std::move(text);
  return false;
}

bool Decoder::callUnmarshal(const vm::RtMethod& m, const Value& recv, uint32_t recvTid,
                            std::string_view arg) {
  Value bytes = ctx_.newByteSlice(arg);
  Value res;
  if (!ti_.call(m, recv, recvTid, &bytes, 1, &res, 1)) {
    fail = DecodeFail::Panic;
    return false;
  }
  if (res.tid != 0) {
    fail = DecodeFail::Err;
    failErr = res;
    return false;
  }
  return true;
}

Decoder::Indirect Decoder::indirect(Slot s, uint32_t tid, bool decodingNull) {
  Indirect r;
  const Methods& ms = tc_.methods();
  RtKind k = ti_.kind(tid);
  // A named value's address may have the methods (v.Addr() in Go).
  if (k != RtKind::Pointer && ti_.type(tid).named) {
    if (uint32_t pt = ti_.pointerTo(tid)) {
      const vm::RtMethod* m = ti_.method(pt, ms.unmarshalJSON);
      const vm::RtMethod* tm = decodingNull || m ? nullptr : ti_.method(pt, ms.unmarshalText);
      if (m || tm) {
        r.json = m;
        r.text = tm;
        r.recv = ti_.addressOf(s, tid);
        r.recvTid = pt;
        return r;
      }
    }
  }
  for (;;) {
    Value v = s.load();
    Value ptr;
    uint32_t ptrTid = 0;
    // The pointer given to Unmarshal is a value, not a settable place.
    bool settable = s.obj != topBox_;
    k = ti_.kind(tid);
    if (k == RtKind::Interface && v.tid != 0) {
      uint32_t dyn = v.tid;
      if (ti_.kind(dyn) == RtKind::Pointer && v.o &&
          (!decodingNull || ti_.kind(ti_.under(dyn).elem) == RtKind::Pointer)) {
        ptr = v;
        ptrTid = dyn;
        settable = false;
      }
    }
    if (!ptrTid) {
      if (k != RtKind::Pointer) break;
      ptr = v;
      ptrTid = tid;
    }
    if (decodingNull && settable) break;
    uint32_t elem = ti_.under(ptrTid).elem;
    if (!ptr.o) {
      ptr = ti_.newPointer(elem);
      s.store(ptr);
    }
    if (const vm::RtMethod* m = ti_.method(ptrTid, ms.unmarshalJSON)) {
      r.json = m;
      r.recv = ptr;
      r.recvTid = ptrTid;
      return r;
    }
    if (!decodingNull)
      if (const vm::RtMethod* m = ti_.method(ptrTid, ms.unmarshalText)) {
        r.text = m;
        r.recv = ptr;
        r.recvTid = ptrTid;
        return r;
      }
    s = ti_.pointeeSlot(ptr, ptrTid);
    tid = elem;
  }
  r.slot = s;
  r.tid = tid;
  return r;
}

bool Decoder::run(const Value& ptr, uint32_t ptrTid) {
  ArrayObj* box = ti_.vm().heap().newArray(1, vm::ElemKind::V, 0, 0);
  box->values()[0] = ptr;
  topBox_ = box;
  skipSpace();
  return value(Slot{box, 0}, ptrTid);
}

bool Decoder::value(Slot s, uint32_t tid) {
  char c = d_[off_];
  if (!s.valid()) {
    skipValue();
    return true;
  }
  if (c == '{') return object(s, tid);
  if (c == '[') return array(s, tid);
  std::string_view item = literalText();
  return literalStore(item, s, tid, false, int64_t(off_));
}

bool Decoder::object(Slot s, uint32_t tid) {
  size_t start = off_;
  Indirect ind = indirect(s, tid, false);
  if (ind.json) {
    skipValue();
    return callUnmarshal(*ind.json, ind.recv, ind.recvTid, d_.substr(start, off_ - start));
  }
  if (ind.text) {
    typeError("object", tid, int64_t(start + 1));
    skipValue();
    return true;
  }
  s = ind.slot;
  tid = ind.tid;
  const vm::RtType& t = ti_.under(tid);
  if (t.kind == RtKind::Interface && t.methods.empty()) {
    s.store(valueInterface());
    return true;
  }
  const StructFields* fields = nullptr;
  vm::MapObj* map = nullptr;
  uint32_t keyTextPtr = 0;
  if (t.kind == RtKind::Map) {
    RtKind kk = ti_.kind(t.key);
    if (kk != RtKind::String && !isIntKind(kk) && !isUintKind(kk)) {
      uint32_t pk = ti_.pointerTo(t.key);
      if (!pk || !ti_.method(pk, tc_.methods().unmarshalText)) {
        typeError("object", tid, int64_t(start + 1));
        skipValue();
        return true;
      }
    }
    if (uint32_t pk = ti_.pointerTo(t.key); pk && ti_.method(pk, tc_.methods().unmarshalText))
      keyTextPtr = pk;
    Value mv = s.load();
    if (!mv.o) {
      mv = Value::ofRef(ti_.vm().heap().newMap(tid, 0));
      s.store(mv);
    }
    map = static_cast<vm::MapObj*>(mv.o);
  } else if (t.kind == RtKind::Struct) {
    fields = &tc_.fields(tid);
  } else {
    typeError("object", tid, int64_t(start + 1));
    skipValue();
    return true;
  }
  ArrayObj* obj = fields ? s.aggregate() : nullptr;
  uint32_t savedStruct = ctxStruct_;
  size_t savedDepth = fieldStack_.size();
  ArrayObj* elemBox = nullptr;
  std::string keyScratch;
  ++off_;
  for (;;) {
    skipSpace();
    if (d_[off_] == '}') {
      ++off_;
      break;
    }
    size_t keyStart = off_;
    std::string_view key = stringLiteral(keyScratch);
    std::string_view keyItem = d_.substr(keyStart, off_ - keyStart);
    Slot sub;
    uint32_t subTid = 0;
    bool destring = false;
    if (map) {
      subTid = t.elem;
      if (!elemBox) elemBox = ti_.vm().heap().newArray(1, vm::ElemKind::V, 0, 0);
      elemBox->values()[0] =
          ti_.type(subTid).aggregate ? vm::aggRef(ti_.vm().newAggregate(subTid)) : Value();
      sub = Slot{elemBox, 0};
    } else {
      const Field* f = nullptr;
      auto it = fields->byName.find(std::string(key));
      if (it != fields->byName.end()) {
        f = &fields->list[it->second];
      } else {
        for (const Field& ff : fields->list)
          if (asciiFoldEqual(ff.name, key)) {
            f = &ff;
            break;
          }
      }
      if (f) {
        ArrayObj* o = obj;
        bool ok = true;
        for (size_t k = 0; k + 1 < f->path.size(); ++k) {
          const Field::Step& st = f->path[k];
          if (ti_.kind(st.tid) == RtKind::Pointer) {
            Value p = o->values()[st.idx];
            if (!p.o) {
              if (!st.exported) {
                saveMessage("json: cannot set embedded pointer to unexported struct: " +
                            ti_.name(ti_.under(st.tid).elem));
                ok = false;
                break;
              }
              p = ti_.newPointer(ti_.under(st.tid).elem);
              o->values()[st.idx] = p;
            }
            o = static_cast<ArrayObj*>(p.o);
          } else {
            o = static_cast<ArrayObj*>(o->values()[st.idx].o);
          }
        }
        if (ok) {
          sub = Slot{o, f->path.back().idx};
          subTid = f->tid;
          destring = f->quoted;
        }
        fieldStack_.push_back(f->name);
        ctxStruct_ = tid;
      } else if (disallowUnknown_) {
        saveMessage("json: unknown field " + quoteString(key, false));
      }
    }
    // Keys are only ever strings: keep the unquoted key before the value
    // reuses the scratch buffer.
    std::string keyCopy = map ? std::string(key) : std::string();
    skipSpace();
    ++off_;  // ':'
    skipSpace();
    if (destring && sub.valid()) {
      char c = d_[off_];
      if (c == 'n') {
        literalText();
        if (!literalStore("null", sub, subTid, false, int64_t(off_))) return false;
      } else if (c == '"') {
        std::string inner;
        std::string_view q = stringLiteral(inner);
        std::string qs(q);
        if (!literalStore(qs, sub, subTid, true, int64_t(off_))) return false;
      } else {
        skipValue();
        saveMessage(
            "json: invalid use of ,string struct tag, trying to unmarshal unquoted value into " +
            ti_.name(subTid));
      }
    } else if (!value(sub, subTid)) {
      return false;
    }
    if (map) {
      Value kv;
      bool haveKey = true;
      RtKind kk = ti_.kind(t.key);
      if (keyTextPtr) {
        ArrayObj* kbox = ti_.vm().heap().newArray(1, vm::ElemKind::V, 0, 0);
        if (!literalStore(keyItem, Slot{kbox, 0}, keyTextPtr, true, int64_t(keyStart + 1)))
          return false;
        Value kp = kbox->values()[0];
        kv = kp.o ? ti_.loadPointee(kp, keyTextPtr) : ti_.zero(t.key);
        if (ti_.type(t.key).aggregate) kv = vm::aggRef(kv.o);
      } else if (kk == RtKind::String) {
        kv = newString(keyCopy);
        if (kv.o) kv.tid = vm::kTidRef;
      } else if (isIntKind(kk)) {
        int64_t n;
        if (!parseInt(keyCopy, kindBits(kk), &n)) {
          typeError("number " + keyCopy, t.key, int64_t(keyStart + 1));
          haveKey = false;
        }
        kv = Value::ofInt(n);
      } else {
        uint64_t n;
        if (!parseUint(keyCopy, kindBits(kk), &n)) {
          typeError("number " + keyCopy, t.key, int64_t(keyStart + 1));
          haveKey = false;
        }
        kv.u = n;
      }
      if (haveKey) {
        bool inserted;
        Value* slot = map->insert(ti_.vm().heap(), kv, &inserted);
        *slot = elemBox->values()[0];
      }
    }
    fieldStack_.resize(savedDepth);
    ctxStruct_ = savedStruct;
    skipSpace();
    if (d_[off_] == ',') {
      ++off_;
      continue;
    }
    ++off_;  // '}'
    break;
  }
  return true;
}

void Decoder::zeroInPlace(Slot s, uint32_t tid) {
  const vm::RtType& t = ti_.under(tid);
  if (!ti_.type(tid).aggregate) {
    s.store(Value());
    return;
  }
  ArrayObj* a = s.aggregate();
  if (t.kind == RtKind::Struct) {
    for (uint32_t i = 0; i < t.fields.size(); ++i) zeroInPlace(Slot{a, i}, t.fields[i].tid);
  } else {
    for (uint32_t i = 0; i < a->len; ++i) zeroInPlace(Slot{a, i}, t.elem);
  }
}

bool Decoder::array(Slot s, uint32_t tid) {
  size_t start = off_;
  Indirect ind = indirect(s, tid, false);
  if (ind.json) {
    skipValue();
    return callUnmarshal(*ind.json, ind.recv, ind.recvTid, d_.substr(start, off_ - start));
  }
  if (ind.text) {
    typeError("array", tid, int64_t(start + 1));
    skipValue();
    return true;
  }
  s = ind.slot;
  tid = ind.tid;
  const vm::RtType& t = ti_.under(tid);
  if (t.kind == RtKind::Interface && t.methods.empty()) {
    s.store(valueInterface());
    return true;
  }
  if (t.kind != RtKind::Slice && t.kind != RtKind::Array) {
    typeError("array", tid, int64_t(start + 1));
    skipValue();
    return true;
  }
  vm::Vm& vm = ti_.vm();
  ArrayObj* arr;
  uint32_t off = 0, len, cap;
  bool own = false;
  if (t.kind == RtKind::Array) {
    arr = s.aggregate();
    len = cap = arr->len;
  } else {
    auto* sl = static_cast<vm::SliceObj*>(s.load().o);
    if (sl) {
      arr = sl->array;
      off = sl->off;
      len = sl->len;
      cap = sl->cap;
    } else {
      arr = nullptr;
      len = cap = 0;
    }
  }
  bool aggregate = ti_.type(t.elem).aggregate;
  uint32_t i = 0;
  ++off_;
  for (;;) {
    skipSpace();
    if (d_[off_] == ']') {
      ++off_;
      break;
    }
    if (t.kind == RtKind::Slice) {
      if (i >= cap) {
        uint32_t ncap = cap + cap / 2;
        if (ncap < 4) ncap = 4;
        ArrayObj* na = vm.heap().newArray(ncap, t.elemKind, 0, t.elem);
        for (uint32_t k = 0; k < len; ++k) {
          Value ev = arr->get(off + k);
          if (aggregate) ev = own ? ev : vm::aggRef(vm.deepCopy(ev).o);
          na->set(k, ev);
        }
        if (aggregate)
          for (uint32_t k = len; k < ncap; ++k)
            na->values()[k] = vm::aggRef(vm.newAggregate(t.elem, true));
        arr = na;
        off = 0;
        cap = ncap;
        own = true;
      }
      if (i >= len) len = i + 1;
    }
    if (i < len) {
      if (!value(Slot{arr, off + i}, t.elem)) return false;
    } else {
      skipValue();
    }
    ++i;
    skipSpace();
    if (d_[off_] == ',') {
      ++off_;
      continue;
    }
    ++off_;  // ']'
    break;
  }
  if (t.kind == RtKind::Array) {
    for (; i < len; ++i) zeroInPlace(Slot{arr, i}, t.elem);
    return true;
  }
  if (i == 0) {
    s.store(ctx_.newSlice(tid, 0));
    return true;
  }
  vm::SliceObj* ns = vm.heap().newSlice(arr, off, i, cap);
  s.store(Value::ofRef(ns));
  return true;
}

Value Decoder::number(std::string_view s, bool* ok) {
  *ok = true;
  if (useNumber_) {
    Value v = newString(s);
    v.tid = tc_.numberTid;
    return v;
  }
  double f;
  if (!parseFloat(s, 64, &f)) {
    typeError("number " + std::string(s), vm::kTidFloat64, int64_t(off_ + 1));
    *ok = false;
    return Value();
  }
  Value v = Value::ofFloat(f);
  v.tid = vm::kTidFloat64;
  return v;
}

Value Decoder::literalInterface() {
  char c = d_[off_];
  if (c == '"') {
    std::string scratch;
    Value v = newString(stringLiteral(scratch));
    v.tid = vm::kTidString;
    return v;
  }
  std::string_view item = literalText();
  if (c == 'n') return Value();
  if (c == 't' || c == 'f') {
    Value v = Value::ofBool(c == 't');
    v.tid = vm::kTidBool;
    return v;
  }
  bool ok;
  return number(item, &ok);
}

Value Decoder::valueInterface() {
  char c = d_[off_];
  vm::Vm& vm = ti_.vm();
  if (c == '[') {
    ++off_;
    std::vector<Value> elems;
    for (;;) {
      skipSpace();
      if (d_[off_] == ']') {
        ++off_;
        break;
      }
      elems.push_back(valueInterface());
      skipSpace();
      if (d_[off_++] == ']') break;
    }
    Value sv = ctx_.newSlice(tc_.anySliceTid, uint32_t(elems.size()));
    auto* sl = static_cast<vm::SliceObj*>(sv.o);
    for (size_t k = 0; k < elems.size(); ++k) sl->array->values()[k] = elems[k];
    sv.tid = tc_.anySliceTid;
    return sv;
  }
  if (c == '{') {
    ++off_;
    vm::MapObj* m = vm.heap().newMap(tc_.anyMapTid, 0);
    std::string scratch;
    for (;;) {
      skipSpace();
      if (d_[off_] == '}') {
        ++off_;
        break;
      }
      Value key = newString(stringLiteral(scratch));
      if (key.o) key.tid = vm::kTidRef;
      skipSpace();
      ++off_;
      skipSpace();
      Value v = valueInterface();
      bool inserted;
      *m->insert(vm.heap(), key, &inserted) = v;
      skipSpace();
      if (d_[off_++] == '}') break;
    }
    return Value::ofRef(m, tc_.anyMapTid);
  }
  return literalInterface();
}

bool Decoder::literalStore(std::string_view item, Slot s, uint32_t tid, bool fromQuoted,
                           int64_t offset) {
  auto invalidUse = [&] {
    return "json: invalid use of ,string struct tag, trying to unmarshal " +
           quoteString(item, false) + " into " + ti_.name(tid);
  };
  if (item.empty()) {
    saveMessage(invalidUse());
    return true;
  }
  bool isNull = item[0] == 'n';
  uint32_t origTid = tid;
  Indirect ind = indirect(s, tid, isNull);
  if (ind.json) return callUnmarshal(*ind.json, ind.recv, ind.recvTid, item);
  if (ind.text) {
    if (item[0] != '"') {
      if (fromQuoted) {
        saveMessage(invalidUse());
        return true;
      }
      const char* val = item[0] == 'n'                       ? "null"
                        : (item[0] == 't' || item[0] == 'f') ? "bool"
                                                             : "number";
      typeError(val, origTid, offset);
      return true;
    }
    std::string text;
    unquoteInto(text, item.substr(1, item.size() - 2));
    return callUnmarshal(*ind.text, ind.recv, ind.recvTid, text);
  }
  s = ind.slot;
  tid = ind.tid;
  const vm::RtType& t = ti_.under(tid);
  RtKind k = t.kind;
  bool emptyIface = k == RtKind::Interface && t.methods.empty();
  char c = item[0];
  if (c == 'n') {
    if (fromQuoted && item != "null") {
      saveMessage(invalidUse());
      return true;
    }
    if (k == RtKind::Interface || k == RtKind::Pointer || k == RtKind::Map || k == RtKind::Slice)
      s.store(Value());
    return true;
  }
  if (c == 't' || c == 'f') {
    bool b = c == 't';
    if (fromQuoted && item != "true" && item != "false") {
      saveMessage(invalidUse());
      return true;
    }
    if (k == RtKind::Bool) {
      s.store(Value::ofBool(b));
    } else if (emptyIface) {
      Value v = Value::ofBool(b);
      v.tid = vm::kTidBool;
      s.store(v);
    } else if (fromQuoted) {
      saveMessage(invalidUse());
    } else {
      typeError("bool", tid, offset);
    }
    return true;
  }
  if (c == '"') {
    std::string scratch;
    std::string_view body = item.substr(1, item.size() - 2);
    std::string_view str = body;
    if (body.find('\\') != std::string_view::npos ||
        std::any_of(body.begin(), body.end(), [](char ch) { return (unsigned char)ch >= 0x80; })) {
      unquoteInto(scratch, body);
      str = scratch;
    }
    if (k == RtKind::Slice && ti_.kind(t.elem) == RtKind::Uint8) {
      std::string bytes;
      size_t bad = 0;
      if (!base64Decode(str, bytes, &bad)) {
        saveMessage("illegal base64 data at input byte " + std::to_string(bad));
        return true;
      }
      Value bs = ctx_.newByteSlice(bytes);
      s.store(bs);
      return true;
    }
    if (k == RtKind::String) {
      if (tid == tc_.numberTid && tid != 0 && !isValidNumber(str))
        return abortMessage("json: invalid number literal, trying to unmarshal " +
                            quoteString(item, false) + " into Number");
      Value v = newString(str);
      if (v.o) v.tid = vm::kTidRef;
      s.store(v);
      return true;
    }
    if (emptyIface) {
      Value v = newString(str);
      v.tid = vm::kTidString;
      s.store(v);
      return true;
    }
    typeError("string", tid, offset);
    return true;
  }
  // A number.
  if (c != '-' && (c < '0' || c > '9')) return abortMessage(invalidUse());
  if (fromQuoted && !isValidNumber(item)) return abortMessage(invalidUse());
  std::string num(item);
  if (k == RtKind::String && tid == tc_.numberTid && tid != 0) {
    Value v = newString(item);
    v.tid = vm::kTidRef;
    s.store(v);
    return true;
  }
  if (emptyIface || k == RtKind::Interface) {
    bool ok;
    Value v = number(item, &ok);
    if (!ok) return true;
    if (!emptyIface) {
      typeError("number", tid, offset);
      return true;
    }
    s.store(v);
    return true;
  }
  if (isIntKind(k)) {
    int64_t n;
    if (!parseInt(item, kindBits(k), &n)) {
      typeError("number " + num, tid, offset);
      return true;
    }
    s.store(Value::ofInt(n));
    return true;
  }
  if (isUintKind(k)) {
    uint64_t n;
    if (!parseUint(item, kindBits(k), &n)) {
      typeError("number " + num, tid, offset);
      return true;
    }
    Value v;
    v.u = n;
    s.store(v);
    return true;
  }
  if (k == RtKind::Float32 || k == RtKind::Float64) {
    double f;
    if (!parseFloat(item, k == RtKind::Float32 ? 32 : 64, &f)) {
      typeError("number " + num, tid, offset);
      return true;
    }
    s.store(Value::ofFloat(f));
    return true;
  }
  if (fromQuoted) return abortMessage(invalidUse());
  typeError("number", tid, offset);
  return true;
}

}  // namespace gol::lib::json
