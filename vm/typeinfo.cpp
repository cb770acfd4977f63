// Run-time type introspection for native code (see typeinfo.hpp).
#include "vm/typeinfo.hpp"

#include <cstring>

#include "vm/complex.hpp"
#include "vm/heap.hpp"
#include "vm/small_vec.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

bool structTagLookup(std::string_view tag, std::string_view key, std::string* value) {
  // The grammar of reflect.StructTag: space-separated key:"quoted value"
  // pairs; a malformed pair ends the search.
  size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && tag[i] == ' ') ++i;
    size_t start = i;
    while (i < tag.size() && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f) ++i;
    if (i == start || i + 1 >= tag.size() || tag[i] != ':' || tag[i + 1] != '"') return false;
    std::string_view name = tag.substr(start, i - start);
    i += 2;  // past :"
    size_t vstart = i;
    while (i < tag.size() && tag[i] != '"') {
      if (tag[i] == '\\') ++i;
      ++i;
    }
    if (i >= tag.size()) return false;
    std::string_view quoted = tag.substr(vstart, i - vstart);
    ++i;
    if (name != key) continue;
    // Unquote (the escapes Go's strconv.Unquote knows that tags use).
    std::string out;
    for (size_t k = 0; k < quoted.size(); ++k) {
      char c = quoted[k];
      if (c != '\\' || k + 1 == quoted.size()) {
        out += c;
        continue;
      }
      char e = quoted[++k];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        default: out += e; break;
      }
    }
    *value = std::move(out);
    return true;
  }
  return false;
}

TypeInfo::TypeInfo(Vm& vm, Goroutine* g) : vm_(vm), g_(g), prog_(vm.program()) {}

MethodKey TypeInfo::methodKey(std::string_view name, std::string_view sig) const {
  return MethodKey{vm_.nameIdOf(name), sig};
}

const RtMethod* TypeInfo::method(uint32_t tid, const MethodKey& k) const {
  if (k.nameId == UINT32_MAX || tid == 0) return nullptr;
  const RtMethod* m = vm_.findRtMethod(tid, k.nameId);
  if (!m || prog_.signatures[m->sigId] != k.sig) return nullptr;
  return m;
}

const RtMethod* TypeInfo::methodByName(uint32_t tid, std::string_view name) const {
  uint32_t id = vm_.nameIdOf(name);
  if (id == UINT32_MAX || tid == 0) return nullptr;
  return vm_.findRtMethod(tid, id);
}

bool TypeInfo::implements(uint32_t tid, uint32_t ifaceTid) const {
  if (tid == 0) return false;
  for (const RtMethod& want : under(ifaceTid).methods) {
    const RtMethod* m = vm_.findRtMethod(tid, want.nameId);
    if (!m || m->sigId != want.sigId) return false;
  }
  return true;
}

uint32_t TypeInfo::pointerTo(uint32_t tid) const {
  return prog_.types[tid].ptrTo;
}

uint32_t TypeInfo::sliceOf(uint32_t elem) const {
  for (uint32_t t = kFirstDynamicTid; t < prog_.types.size(); ++t)
    if (prog_.types[t].kind == RtKind::Slice && !prog_.types[t].named &&
        prog_.types[t].elem == elem)
      return t;
  return 0;
}

uint32_t TypeInfo::mapOf(uint32_t key, uint32_t elem) const {
  for (uint32_t t = kFirstDynamicTid; t < prog_.types.size(); ++t) {
    const RtType& r = prog_.types[t];
    if (r.kind == RtKind::Map && !r.named && r.key == key && r.elem == elem) return t;
  }
  return 0;
}

bool TypeInfo::call(const RtMethod& m, const Value& recv, uint32_t recvTid, const Value* args,
                    uint32_t nargs, Value* results, uint32_t nresults) {
  FuncProto* fn = prog_.funcs[m.funcIndex].get();
  ClosureObj* c = vm_.heap().newClosure(fn, 0);
  Value fv = Value::ofRef(c);
  g_->pins.push_back(fv);
  SmallVec<Value, 4> in;
  in.resize(nargs + 1);
  in[0] = recv;
  if (prog_.types[recvTid].aggregate) {
    in[0] = vm_.deepCopy(recv);
    in[0].tid = kTidRef;
    g_->pins.push_back(in[0]);
  }
  for (uint32_t k = 0; k < nargs; ++k) in[k + 1] = args[k];
  return vm_.callValue(g_, fv, in.data(), nargs + 1, results, nresults);
}

Value TypeInfo::loadPointee(const Value& ptr, uint32_t ptrTid) const {
  uint32_t elem = under(ptrTid).elem;
  if (prog_.types[elem].aggregate || ptr.aux == kWholeObject) return Value::ofRef(ptr.o);
  return static_cast<ArrayObj*>(ptr.o)->get(ptr.aux);
}

Value TypeInfo::newPointer(uint32_t elemTid) {
  Value p;
  if (prog_.types[elemTid].aggregate) {
    p = Value::ofRef(vm_.newAggregate(elemTid));
    p.aux = kWholeObject;
  } else {
    ArrayObj* box = vm_.heap().newArray(1, ElemKind::V, 0, elemTid);
    p = Value::ofRef(box);
    p.aux = 0;
  }
  g_->pins.push_back(p);
  return p;
}

Value TypeInfo::zero(uint32_t tid) {
  Value v = vm_.zeroValue(tid);
  if (v.o) g_->pins.push_back(v);
  return v;
}

bool TypeInfo::isZero(const Value& v, uint32_t tid) const {
  const RtType& t = under(tid);
  switch (t.kind) {
    case RtKind::Struct: {
      auto* obj = static_cast<ArrayObj*>(v.o);
      for (size_t i = 0; i < t.fields.size(); ++i)
        if (!isZero(obj->get(uint32_t(i)), t.fields[i].tid)) return false;
      return true;
    }
    case RtKind::Array: {
      auto* a = static_cast<ArrayObj*>(v.o);
      for (uint32_t i = 0; a && i < a->len; ++i)
        if (!isZero(a->get(i), t.elem)) return false;
      return true;
    }
    case RtKind::Interface: return v.tid == 0;
    case RtKind::String: return strView(v).empty();
    case RtKind::Complex64:
    case RtKind::Complex128: {
      Complex c = complexOf(v);
      uint64_t re, im;
      std::memcpy(&re, &c.re, 8);
      std::memcpy(&im, &c.im, 8);
      return re == 0 && im == 0;
    }
    default:
      if (t.kind >= RtKind::Bool && t.kind <= RtKind::Float64) return v.u == 0;
      return !v.o;
  }
}

Slot TypeInfo::pointeeSlot(const Value& ptr, uint32_t ptrTid) const {
  auto* o = static_cast<ArrayObj*>(ptr.o);
  if (prog_.types[under(ptrTid).elem].aggregate) return {o, kWholeObject};
  return {o, ptr.aux};
}

Value TypeInfo::addressOf(const Slot& s, uint32_t tid) const {
  Value p;
  if (s.idx == kWholeObject) {
    p = Value::ofRef(s.obj);
    p.aux = kWholeObject;
    return p;
  }
  if (prog_.types[tid].aggregate) {
    p = Value::ofRef(s.obj->values()[s.idx].o);
    p.aux = kWholeObject;
    return p;
  }
  p = Value::ofRef(s.obj);
  p.aux = s.idx;
  return p;
}

}  // namespace gol::vm
