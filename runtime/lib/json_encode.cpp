// encoding/json's encoder (see json_encode.hpp).
#include "runtime/lib/json_encode.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "runtime/lib/json_scan.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/map.hpp"
#include "vm/vm.hpp"

namespace gol::lib::json {

using vm::ArrayObj;
using vm::RtKind;
using vm::SliceObj;
using vm::Value;

namespace {

const char kHex[] = "0123456789abcdef";

// Past this many nested pointers, maps and slices, cycles are looked for
// (Go's startDetectingCyclesAfter).
constexpr int kStartDetectingCycles = 1000;

void appendInt(std::string& out, const Value& v, RtKind k) {
  char buf[24];
  auto r = isUintKind(k) ? std::to_chars(buf, buf + sizeof buf, v.u)
                         : std::to_chars(buf, buf + sizeof buf, v.i);
  out.append(buf, r.ptr);
}

// The value of field f of the struct object obj (following embedded
// pointers); false when an embedded pointer on the way is nil.
bool fieldValue(const vm::TypeInfo& ti, ArrayObj* obj, const Field& f, Value* out, Value* addr,
                bool* addressable) {
  for (size_t k = 0; k + 1 < f.path.size(); ++k) {
    const Field::Step& s = f.path[k];
    Value fv = obj->values()[s.idx];
    if (ti.kind(s.tid) == RtKind::Pointer) {
      if (!fv.o) return false;
      *addressable = true;
    }
    obj = static_cast<ArrayObj*>(fv.o);
  }
  uint32_t idx = f.path.back().idx;
  *out = obj->values()[idx];
  if (*addressable) *addr = ti.addressOf(vm::Slot{obj, idx}, f.tid);
  return true;
}

}  // namespace

void appendQuoted(std::string& out, std::string_view s, bool escapeHTML) {
  out += '"';
  size_t start = 0, i = 0;
  while (i < s.size()) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      bool safe =
          b >= 0x20 && b != '"' && b != '\\' && (!escapeHTML || (b != '<' && b != '>' && b != '&'));
      if (safe) {
        ++i;
        continue;
      }
      out.append(s.substr(start, i - start));
      switch (b) {
        case '\\':
        case '"':
          out += '\\';
          out += char(b);
          break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          out += "\\u00";
          out += kHex[b >> 4];
          out += kHex[b & 0xF];
      }
      start = ++i;
      continue;
    }
    int size = 1;
    int32_t r = decodeRune(s, i, &size);
    if (r == 0xFFFD && size == 1) {
      out.append(s.substr(start, i - start));
      out += "\\ufffd";
      start = i += 1;
      continue;
    }
    if (r == 0x2028 || r == 0x2029) {
      out.append(s.substr(start, i - start));
      out += "\\u202";
      out += kHex[r & 0xF];
      start = i += size_t(size);
      continue;
    }
    i += size_t(size);
  }
  out.append(s.substr(start));
  out += '"';
}

bool isValidNumber(std::string_view s) {
  size_t i = 0, n = s.size();
  if (n == 0) return false;
  if (s[i] == '-') {
    if (++i == n) return false;
  }
  auto digit = [&](size_t k) { return k < n && s[k] >= '0' && s[k] <= '9'; };
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (digit(i)) ++i;
  } else {
    return false;
  }
  if (i + 1 < n && s[i] == '.' && digit(i + 1)) {
    i += 2;
    while (digit(i)) ++i;
  }
  if (i + 1 < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (s[i] == '+' || s[i] == '-') {
      if (++i == n) return false;
    }
    while (digit(i)) ++i;
  }
  return i == n;
}

void appendBase64(std::string& out, std::string_view b) {
  static const char enc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    uint32_t v = uint32_t((unsigned char)b[i]) << 16 | uint32_t((unsigned char)b[i + 1]) << 8 |
                 (unsigned char)b[i + 2];
    out += enc[v >> 18];
    out += enc[(v >> 12) & 63];
    out += enc[(v >> 6) & 63];
    out += enc[v & 63];
  }
  size_t rest = b.size() - i;
  if (rest) {
    uint32_t v = uint32_t((unsigned char)b[i]) << 16;
    if (rest == 2) v |= uint32_t((unsigned char)b[i + 1]) << 8;
    out += enc[v >> 18];
    out += enc[(v >> 12) & 63];
    out += rest == 2 ? enc[(v >> 6) & 63] : '=';
    out += '=';
  }
}

bool Encoder::unsupportedType(uint32_t tid) {
  fail = EncodeFail::UnsupportedType;
  failType = ti_.name(tid);
  return false;
}

void Encoder::writeString(std::string_view s, bool escapeHTML) {
  appendQuoted(out, s, escapeHTML);
}

bool Encoder::enterRef(vm::Object* o, uint32_t tid) {
  if (++refDepth_ > kStartDetectingCycles) {
    if (!seen_.insert(o).second) {
      fail = EncodeFail::UnsupportedValue;
      failText = "encountered a cycle via " + ti_.name(tid);
      return false;
    }
  }
  return true;
}

void Encoder::leaveRef(vm::Object* o) {
  if (refDepth_-- > kStartDetectingCycles) seen_.erase(o);
}

bool Encoder::callMarshaler(const vm::RtMethod& m, const Value& recv, uint32_t recvTid,
                            uint32_t errTid, bool text) {
  Value res[2];
  if (!ti_.call(m, recv, recvTid, nullptr, 0, res, 2)) {
    fail = EncodeFail::Panic;
    return false;
  }
  if (res[1].tid != 0) {
    fail = EncodeFail::Marshaler;
    failType = ti_.name(errTid);
    failText = text ? "MarshalText" : "MarshalJSON";
    failErr = res[1];
    return false;
  }
  std::string_view bytes = byteSliceView(res[0]);
  if (text) {
    writeString(bytes, escapeHTML_);
    return true;
  }
  std::string msg;
  int64_t off = 0;
  size_t mark = out.size();
  if (!compact(out, bytes, escapeHTML_, &msg, &off)) {
    out.resize(mark);
    fail = EncodeFail::MarshalerSyntax;
    failType = ti_.name(errTid);
    failText = msg;
    failOffset = off;
    return false;
  }
  return true;
}

bool Encoder::encode(const Value& v, uint32_t tid, const Value* addr) {
  const vm::RtType& t = ti_.under(tid);
  if (t.kind == RtKind::Interface) {
    if (v.tid == 0) {
      out += "null";
      return true;
    }
    return encode(v, v.tid, nullptr);
  }
  // Marshalers: the value's own methods, or its address's when it has one.
  const Methods& ms = tc_.methods();
  if (ti_.type(tid).named || t.kind == RtKind::Pointer) {
    uint32_t pt = addr && t.kind != RtKind::Pointer ? ti_.pointerTo(tid) : 0;
    for (bool text : {false, true}) {
      const vm::MethodKey& key = text ? ms.marshalText : ms.marshalJSON;
      if (const vm::RtMethod* m = ti_.method(tid, key)) {
        if (t.kind == RtKind::Pointer && !v.o) {
          out += "null";
          return true;
        }
        return callMarshaler(*m, v, tid, tid, text);
      }
      if (pt)
        if (const vm::RtMethod* m = ti_.method(pt, key))
          return callMarshaler(*m, *addr, pt, tid, text);
    }
  }
  switch (t.kind) {
    case RtKind::Bool: out += v.i ? "true" : "false"; return true;
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
    case RtKind::Uintptr: appendInt(out, v, t.kind); return true;
    case RtKind::Float32: return encodeFloat(v.f, 32);
    case RtKind::Float64: return encodeFloat(v.f, 64);
    case RtKind::String: {
      std::string_view s = vm::strView(v);
      if (tid == tc_.numberTid && tid != 0) {
        if (s.empty()) s = "0";
        if (!isValidNumber(s)) {
          fail = EncodeFail::Message;
          failText = "json: invalid number literal " + quoteString(s, false);
          return false;
        }
        out.append(s);
        return true;
      }
      writeString(s, escapeHTML_);
      return true;
    }
    case RtKind::Struct: return encodeStruct(v, tid, addr != nullptr);
    case RtKind::Map: return encodeMap(v, tid);
    case RtKind::Slice: {
      if (!v.o) {
        out += "null";
        return true;
      }
      auto* s = static_cast<SliceObj*>(v.o);
      if (ti_.kind(t.elem) == RtKind::Uint8) {
        uint32_t pe = ti_.pointerTo(t.elem);
        bool custom = ti_.method(t.elem, ms.marshalJSON) || ti_.method(t.elem, ms.marshalText) ||
                      (pe && (ti_.method(pe, ms.marshalJSON) || ti_.method(pe, ms.marshalText)));
        if (!custom) {
          out += '"';
          appendBase64(out, byteSliceView(v));
          out += '"';
          return true;
        }
      }
      if (!enterRef(s->array, tid)) return false;
      bool ok = encodeList(s->array, s->off, s->len, t.elem, true);
      leaveRef(s->array);
      return ok;
    }
    case RtKind::Array: {
      auto* a = static_cast<ArrayObj*>(v.o);
      return encodeList(a, 0, a ? a->len : 0, t.elem, addr != nullptr);
    }
    case RtKind::Pointer: {
      if (!v.o) {
        out += "null";
        return true;
      }
      if (!enterRef(v.o, tid)) return false;
      Value target = ti_.loadPointee(v, tid);
      bool ok = encode(target, t.elem, &v);
      leaveRef(v.o);
      return ok;
    }
    default: return unsupportedType(tid);
  }
}

bool Encoder::encodeFloat(double f, int bits) {
  if (std::isnan(f) || std::isinf(f)) {
    fail = EncodeFail::UnsupportedValue;
    failText = formatFloat(f, 'g', -1, bits);
    return false;
  }
  double a = std::fabs(f);
  char fmt = 'f';
  if (a != 0) {
    if (bits == 64 && (a < 1e-6 || a >= 1e21)) fmt = 'e';
    if (bits == 32 && (float(a) < 1e-6f || float(a) >= 1e21f)) fmt = 'e';
  }
  std::string s = formatFloat(f, fmt, -1, bits);
  if (fmt == 'e') {
    // e-09 -> e-9, as Go's encoder writes it.
    size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
      s[n - 2] = s[n - 1];
      s.pop_back();
    }
  }
  out += s;
  return true;
}

bool Encoder::encodeList(ArrayObj* arr, uint32_t off, uint32_t len, uint32_t elemTid,
                         bool addressable) {
  out += '[';
  bool aggregate = ti_.type(elemTid).aggregate;
  for (uint32_t i = 0; i < len; ++i) {
    if (i) out += ',';
    Value ev = arr->get(off + i);
    Value addr;
    if (addressable) addr = aggregate ? Value::ofRef(ev.o) : ti_.addressOf({arr, off + i}, elemTid);
    if (aggregate && addressable) addr.aux = vm::kWholeObject;
    if (!encode(ev, elemTid, addressable ? &addr : nullptr)) return false;
  }
  out += ']';
  return true;
}

bool Encoder::encodeStruct(const Value& v, uint32_t tid, bool addressable) {
  const StructFields& fs = tc_.fields(tid);
  auto* obj = static_cast<ArrayObj*>(v.o);
  out += '{';
  bool first = true;
  for (const Field& f : fs.list) {
    Value fv, addr;
    bool fieldAddressable = addressable;
    if (!fieldValue(ti_, obj, f, &fv, &addr, &fieldAddressable)) continue;
    if (f.omitEmpty && isEmpty(fv, f.tid)) continue;
    if (f.omitZero && isZero(fv, f.tid)) continue;
    if (fail != EncodeFail::None) return false;
    if (!first) out += ',';
    first = false;
    out += escapeHTML_ ? f.keyEsc : f.keyNonEsc;
    if (f.quoted) {
      // ,string: the scalar's JSON text inside a JSON string.
      uint32_t t = f.tid;
      Value sv = fv;
      if (ti_.kind(t) == RtKind::Pointer) {
        if (!sv.o) {
          out += "null";
          continue;
        }
        sv = ti_.loadPointee(sv, t);
        t = ti_.under(t).elem;
      }
      if (ti_.kind(t) == RtKind::String && t != tc_.numberTid) {
        std::string inner;
        appendQuoted(inner, vm::strView(sv), escapeHTML_);
        appendQuoted(out, inner, false);
        continue;
      }
      out += '"';
      if (!encode(sv, t, nullptr)) return false;
      out += '"';
      continue;
    }
    if (!encode(fv, f.tid, fieldAddressable ? &addr : nullptr)) return false;
  }
  out += '}';
  return true;
}

bool Encoder::encodeMap(const Value& v, uint32_t tid) {
  const vm::RtType& t = ti_.under(tid);
  RtKind kk = ti_.kind(t.key);
  const Methods& ms = tc_.methods();
  const vm::RtMethod* keyText = ti_.method(t.key, ms.marshalText);
  if (kk != RtKind::String && !isIntKind(kk) && !isUintKind(kk) && !keyText)
    return unsupportedType(tid);
  if (!v.o) {
    out += "null";
    return true;
  }
  auto* m = static_cast<vm::MapObj*>(v.o);
  if (!enterRef(m, tid)) return false;
  std::vector<std::pair<std::string, Value>> entries;
  entries.reserve(m->size());
  for (int64_t i = m->nextFrom(0); i >= 0; i = m->nextFrom(i + 1)) {
    vm::MapEntry& e = m->entryAt(i);
    std::string key;
    if (kk == RtKind::String) {
      key = std::string(vm::strView(e.key));
    } else if (keyText) {
      if (!(ti_.kind(t.key) == RtKind::Pointer && !e.key.o)) {
        Value res[2];
        if (!ti_.call(*keyText, e.key, t.key, nullptr, 0, res, 2)) {
          fail = EncodeFail::Panic;
          return false;
        }
        if (res[1].tid != 0) {
          Value msg;
          if (!ti_.call(*ti_.method(res[1].tid, ti_.methodKey("Error", "func() string")), res[1],
                        res[1].tid, nullptr, 0, &msg, 1)) {
            fail = EncodeFail::Panic;
            return false;
          }
          fail = EncodeFail::Message;
          failText = "json: encoding error for type " + quoteString(ti_.name(t.key), false) + ": " +
                     quoteString(vm::strView(msg), false);
          return false;
        }
        key = std::string(byteSliceView(res[0]));
      }
    } else {
      appendInt(key, e.key, kk);
    }
    entries.emplace_back(std::move(key), e.val);
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out += '{';
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ',';
    writeString(entries[i].first, escapeHTML_);
    out += ':';
    if (!encode(entries[i].second, t.elem, nullptr)) return false;
  }
  out += '}';
  leaveRef(m);
  return true;
}

bool Encoder::isEmpty(const Value& v, uint32_t tid) const {
  const vm::RtType& t = ti_.under(tid);
  switch (t.kind) {
    case RtKind::Array: return t.len == 0;
    case RtKind::Map: return !v.o || static_cast<vm::MapObj*>(v.o)->size() == 0;
    case RtKind::Slice: return vm::sliceLen(v) == 0;
    case RtKind::String: return vm::strView(v).empty();
    case RtKind::Bool: return v.i == 0;
    case RtKind::Float32:
    case RtKind::Float64: return v.f == 0;
    case RtKind::Interface: return v.tid == 0;
    case RtKind::Pointer: return !v.o;
    case RtKind::Struct: return false;
    default:
      if (isIntKind(t.kind) || isUintKind(t.kind)) return v.i == 0;
      return !v.o;
  }
}

bool Encoder::isZero(const Value& v, uint32_t tid) {
  const vm::RtType& t = ti_.under(tid);
  if (const vm::RtMethod* m = ti_.method(tid, tc_.methods().isZero)) {
    if (t.kind == RtKind::Pointer && !v.o) return true;
    Value r;
    if (!ti_.call(*m, v, tid, nullptr, 0, &r, 1)) {
      fail = EncodeFail::Panic;
      return false;
    }
    return r.i != 0;
  }
  return ti_.isZero(v, tid);
}

}  // namespace gol::lib::json
