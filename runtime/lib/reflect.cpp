// Natives of package reflect over the run-time type descriptors (see
// reflect.gol for the Value representation: a type id, the value or a hidden
// pointer to its place, and flags): types, values and places.
// Values come in two forms, slot and stamped (reflect_forms.hpp). Functions
// made at run time, method values, calls, channels and select are in
// reflect_func.cpp.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <tuple>

#include "runtime/lib/func_pc.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/reflect_forms.hpp"
#include "runtime/lib/reflect_value.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/complex.hpp"
#include "vm/heap.hpp"
#include "vm/map.hpp"
#include "vm/typeinfo.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::ArrayObj;
using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::RtType;
using vm::SliceObj;
using vm::Value;

using namespace reflect_forms;

namespace {

const vm::Program& prog(NativeCtx& ctx) {
  return ctx.program();
}

// Go's reflect.Kind numbers of the descriptors' kinds.
int64_t goKind(RtKind k) {
  switch (k) {
    case RtKind::None: return 0;
    case RtKind::Bool: return 1;
    case RtKind::Int: return 2;
    case RtKind::Int8: return 3;
    case RtKind::Int16: return 4;
    case RtKind::Int32: return 5;
    case RtKind::Int64: return 6;
    case RtKind::Uint: return 7;
    case RtKind::Uint8: return 8;
    case RtKind::Uint16: return 9;
    case RtKind::Uint32: return 10;
    case RtKind::Uint64: return 11;
    case RtKind::Uintptr: return 12;
    case RtKind::Float32: return 13;
    case RtKind::Float64: return 14;
    case RtKind::Complex64: return 15;
    case RtKind::Complex128: return 16;
    case RtKind::Array: return 17;
    case RtKind::Chan: return 18;
    case RtKind::Func: return 19;
    case RtKind::Interface: return 20;
    case RtKind::Map: return 21;
    case RtKind::Pointer: return 22;
    case RtKind::Slice: return 23;
    case RtKind::String: return 24;
    case RtKind::Struct: return 25;
    case RtKind::UnsafePointer: return 26;
  }
  return 0;
}

bool isNumeric(RtKind k) {
  return k >= RtKind::Int && k <= RtKind::Float64;
}

// ---------------------------------------------------------------- places

vm::Slot placeOf(const Value& val) {
  return vm::Slot{static_cast<ArrayObj*>(val.o), val.aux};
}

// The value of (typ, val, flag) in slot form.
Value rawOf(const Value& val, int64_t flag) {
  if (flag & kFlagIndir) return placeOf(val).load();
  return val;
}

// The place of an element or field in slot `idx` of obj whose type is tid:
// aggregates are addressed as their whole object.
Value placeValue(NativeCtx& ctx, ArrayObj* obj, uint32_t idx, uint32_t tid) {
  Value p;
  if (typeAt(ctx, tid).aggregate) {
    p = Value::ofRef(obj->values()[idx].o);
    p.aux = vm::kWholeObject;
  } else {
    p = Value::ofRef(obj);
    p.aux = idx;
  }
  return p;
}

int64_t signExtend(int64_t x, int bits) {
  if (bits >= 64) return x;
  return int64_t(uint64_t(x) << (64 - bits)) >> (64 - bits);
}
uint64_t zeroExtend(uint64_t x, int bits) {
  if (bits >= 64) return x;
  return x & ((uint64_t(1) << bits) - 1);
}

// ---------------------------------------------------------------- sizes

struct Layout {
  int64_t size = 0, align = 1;
};

Layout layoutOf(NativeCtx& ctx, uint32_t tid);

// The offsets of a struct's fields, as gc lays them out on amd64.
std::vector<int64_t> fieldOffsets(NativeCtx& ctx, const RtType& t, Layout* whole) {
  std::vector<int64_t> offs;
  int64_t off = 0, align = 1;
  int64_t lastSize = -1;
  for (const vm::RtField& f : t.fields) {
    Layout l = layoutOf(ctx, f.tid);
    off = (off + l.align - 1) / l.align * l.align;
    offs.push_back(off);
    off += l.size;
    align = std::max(align, l.align);
    lastSize = l.size;
  }
  // A struct ending in a zero-size field gets a byte of padding, so that
  // the field's address does not point past the struct.
  if (lastSize == 0 && off > 0) ++off;
  off = (off + align - 1) / align * align;
  if (whole) *whole = Layout{off, align};
  return offs;
}

Layout layoutOf(NativeCtx& ctx, uint32_t tid) {
  const RtType& t = under(ctx, tid);
  switch (t.kind) {
    case RtKind::Bool:
    case RtKind::Int8:
    case RtKind::Uint8: return {1, 1};
    case RtKind::Int16:
    case RtKind::Uint16: return {2, 2};
    case RtKind::Int32:
    case RtKind::Uint32:
    case RtKind::Float32: return {4, 4};
    case RtKind::Complex64: return {8, 4};
    case RtKind::Complex128: return {16, 8};
    case RtKind::String:
    case RtKind::Interface: return {16, 8};
    case RtKind::Slice: return {24, 8};
    case RtKind::Array: {
      Layout e = layoutOf(ctx, t.elem);
      return {e.size * t.len, e.align};
    }
    case RtKind::Struct: {
      Layout l;
      fieldOffsets(ctx, t, &l);
      return l;
    }
    default: return {8, 8};
  }
}

// ---------------------------------------------------------------- methods

// The methods reflect lists for tid: an interface's all, a concrete type's
// exported ones; sorted by name.
std::vector<const vm::RtMethod*> listedMethods(NativeCtx& ctx, int64_t tid) {
  const RtType& t = typeAt(ctx, tid);
  bool iface = kindOf(ctx, tid) == RtKind::Interface;
  const RtType& holder = iface ? under(ctx, tid) : t;
  std::vector<const vm::RtMethod*> out;
  for (const vm::RtMethod& m : holder.methods) {
    const std::string& name = ctx.name(m.nameId);
    if (!iface && !(name[0] >= 'A' && name[0] <= 'Z')) continue;
    out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [&](const vm::RtMethod* a, const vm::RtMethod* b) {
    return ctx.name(a->nameId) < ctx.name(b->nameId);
  });
  return out;
}

bool implements(NativeCtx& ctx, int64_t t, int64_t iface) {
  const RtType& it = under(ctx, iface);
  const RtType& holder = kindOf(ctx, t) == RtKind::Interface ? under(ctx, t) : typeAt(ctx, t);
  for (const vm::RtMethod& want : it.methods) {
    auto found = std::find_if(holder.methods.begin(), holder.methods.end(),
                              [&](const vm::RtMethod& m) { return m.nameId == want.nameId; });
    if (found == holder.methods.end() || found->sigId != want.sigId) return false;
  }
  return true;
}

bool assignable(NativeCtx& ctx, int64_t t, int64_t u) {
  if (t == u) return true;
  if (kindOf(ctx, u) == RtKind::Interface) return implements(ctx, t, u);
  const RtType& a = typeAt(ctx, t);
  const RtType& b = typeAt(ctx, u);
  if (a.named && b.named) return false;
  if (a.underlying == b.underlying) return true;
  // A bidirectional channel is assignable to a directional one of that element.
  const RtType& ua = under(ctx, t);
  const RtType& ub = under(ctx, u);
  return ua.kind == RtKind::Chan && ub.kind == RtKind::Chan && ua.dir == vm::RtChanDir::Both &&
         ua.elem == ub.elem;
}

bool convertible(NativeCtx& ctx, int64_t t, int64_t u) {
  if (assignable(ctx, t, u)) return true;
  const RtType& a = under(ctx, t);
  const RtType& b = under(ctx, u);
  if (typeAt(ctx, t).underlying == typeAt(ctx, u).underlying) return true;
  if (a.kind == RtKind::Pointer && b.kind == RtKind::Pointer && !typeAt(ctx, t).named &&
      !typeAt(ctx, u).named && under(ctx, a.elem).kind != RtKind::None &&
      typeAt(ctx, a.elem).underlying == typeAt(ctx, b.elem).underlying)
    return true;
  bool an = isNumeric(a.kind), bn = isNumeric(b.kind);
  if (an && bn) return true;
  bool ac = a.kind == RtKind::Complex64 || a.kind == RtKind::Complex128;
  bool bc = b.kind == RtKind::Complex64 || b.kind == RtKind::Complex128;
  if (ac && bc) return true;
  auto bytesOrRunes = [&](const RtType& s) {
    if (s.kind != RtKind::Slice) return false;
    RtKind e = kindOf(ctx, s.elem);
    return e == RtKind::Uint8 || e == RtKind::Int32;
  };
  if (b.kind == RtKind::String &&
      (bytesOrRunes(a) || (a.kind >= RtKind::Int && a.kind <= RtKind::Uintptr)))
    return true;
  if (a.kind == RtKind::String && bytesOrRunes(b)) return true;
  return false;
}

// ---------------------------------------------------------------- type natives

NativeStatus typeIdOf(NativeCtx&, Value* r) {
  r[0] = Value::ofInt(r[0].tid);
  return NativeStatus::Ok;
}

NativeStatus typeKind(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(goKind(kindOf(ctx, r[0].i)));
  return NativeStatus::Ok;
}

NativeStatus typeString(NativeCtx& ctx, Value* r) {
  r[0] = ctx.newString(typeAt(ctx, r[0].i).name);
  return NativeStatus::Ok;
}

// Predeclared types have names but no package (complex64 and complex128
// have no fixed id).
bool predeclared(NativeCtx& ctx, int64_t tid) {
  if ((tid >= vm::kTidBool && tid <= vm::kTidString) || tid == vm::kTidError) return true;
  const std::string& n = typeAt(ctx, tid).name;
  return n == "complex64" || n == "complex128";
}

NativeStatus typeName(NativeCtx& ctx, Value* r) {
  const RtType& t = typeAt(ctx, r[0].i);
  std::string name;
  if (predeclared(ctx, r[0].i)) {
    name = t.name;
  } else if (t.named) {
    size_t dot = t.name.find('.');
    size_t bracket = t.name.find('[');
    name = dot != std::string::npos && dot < bracket ? t.name.substr(dot + 1) : t.name;
  }
  r[0] = ctx.newString(name);
  return NativeStatus::Ok;
}

NativeStatus typePkgPath(NativeCtx& ctx, Value* r) {
  const RtType& t = typeAt(ctx, r[0].i);
  r[0] = ctx.newString(t.named && !predeclared(ctx, r[0].i) ? t.pkgPath : std::string());
  return NativeStatus::Ok;
}

NativeStatus typeElem(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(under(ctx, r[0].i).elem);
  return NativeStatus::Ok;
}

NativeStatus typeKey(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(under(ctx, r[0].i).key);
  return NativeStatus::Ok;
}

NativeStatus typeLen(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(under(ctx, r[0].i).len);
  return NativeStatus::Ok;
}

NativeStatus typeChanDir(NativeCtx& ctx, Value* r) {
  vm::RtChanDir d = under(ctx, r[0].i).dir;
  r[0] = Value::ofInt(d == vm::RtChanDir::Send ? 2 : d == vm::RtChanDir::Recv ? 1 : 3);
  return NativeStatus::Ok;
}

NativeStatus typeNumField(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(int64_t(under(ctx, r[0].i).fields.size()));
  return NativeStatus::Ok;
}

// typeField(t, i int) (name, pkgPath string, typ int, tag string, offset int, embedded bool)
NativeStatus typeField(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  const RtType& t = under(ctx, tid);
  const vm::RtField& f = t.fields[size_t(r[1].i)];
  std::vector<int64_t> offs = fieldOffsets(ctx, t, nullptr);
  const RtType& named = typeAt(ctx, tid);
  std::string pkg;
  if (!f.exported) pkg = named.named && !named.pkgPath.empty() ? named.pkgPath : "main";
  HeapPause pause(ctx.vm.heap());
  r[0] = ctx.newString(f.name);
  r[1] = ctx.newString(pkg);
  r[2] = Value::ofInt(f.tid);
  r[3] = ctx.newString(f.tag);
  r[4] = Value::ofInt(offs[size_t(&f - t.fields.data())]);
  r[5] = boolValue(f.embedded);
  return NativeStatus::Ok;
}

NativeStatus typeNumMethod(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(int64_t(listedMethods(ctx, r[0].i).size()));
  return NativeStatus::Ok;
}

// typeMethod(t, i int) (name string, typ, valueTyp int): typ has the
// receiver first (concrete types), valueTyp not.
NativeStatus typeMethod(NativeCtx& ctx, Value* r) {
  auto ms = listedMethods(ctx, r[0].i);
  const vm::RtMethod* m = ms[size_t(r[1].i)];
  bool iface = kindOf(ctx, r[0].i) == RtKind::Interface;
  r[0] = ctx.newString(ctx.name(m->nameId));
  r[1] = Value::ofInt(iface ? m->typeTid : m->recvTypeTid);
  r[2] = Value::ofInt(m->typeTid);
  return NativeStatus::Ok;
}

NativeStatus typeMethodIndex(NativeCtx& ctx, Value* r) {
  auto ms = listedMethods(ctx, r[0].i);
  std::string_view name = vm::strView(r[1]);
  int64_t idx = -1;
  for (size_t i = 0; i < ms.size(); ++i)
    if (ctx.name(ms[i]->nameId) == name) idx = int64_t(i);
  r[0] = Value::ofInt(idx);
  return NativeStatus::Ok;
}

NativeStatus typeNumIn(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(int64_t(under(ctx, r[0].i).params.size()));
  return NativeStatus::Ok;
}

NativeStatus typeIn(NativeCtx& ctx, Value* r) {
  const auto& ps = under(ctx, r[0].i).params;
  r[0] = Value::ofInt(size_t(r[1].i) < ps.size() ? ps[size_t(r[1].i)] : 0);
  return NativeStatus::Ok;
}

NativeStatus typeNumOut(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(int64_t(under(ctx, r[0].i).results.size()));
  return NativeStatus::Ok;
}

NativeStatus typeOut(NativeCtx& ctx, Value* r) {
  const auto& rs = under(ctx, r[0].i).results;
  r[0] = Value::ofInt(size_t(r[1].i) < rs.size() ? rs[size_t(r[1].i)] : 0);
  return NativeStatus::Ok;
}

NativeStatus typeVariadic(NativeCtx& ctx, Value* r) {
  r[0] = boolValue(under(ctx, r[0].i).variadic);
  return NativeStatus::Ok;
}

NativeStatus typeComparable(NativeCtx& ctx, Value* r) {
  r[0] = boolValue(typeAt(ctx, r[0].i).comparable);
  return NativeStatus::Ok;
}

NativeStatus typeImplements(NativeCtx& ctx, Value* r) {
  r[0] = boolValue(implements(ctx, r[0].i, r[1].i));
  return NativeStatus::Ok;
}

NativeStatus typeAssignable(NativeCtx& ctx, Value* r) {
  r[0] = boolValue(r[0].i != 0 && r[1].i != 0 && assignable(ctx, r[0].i, r[1].i));
  return NativeStatus::Ok;
}

NativeStatus typeConvertible(NativeCtx& ctx, Value* r) {
  r[0] = boolValue(r[0].i != 0 && r[1].i != 0 && convertible(ctx, r[0].i, r[1].i));
  return NativeStatus::Ok;
}

NativeStatus typeSize(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(layoutOf(ctx, uint32_t(r[0].i)).size);
  return NativeStatus::Ok;
}

NativeStatus typeAlign(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(layoutOf(ctx, uint32_t(r[0].i)).align);
  return NativeStatus::Ok;
}

uint32_t pointerTo(NativeCtx& ctx, int64_t tid) {
  if (uint32_t p = typeAt(ctx, tid).ptrTo) return p;
  const auto& ts = prog(ctx).types;
  for (uint32_t t = vm::kFirstDynamicTid; t < ts.size(); ++t)
    if (ts[t].kind == RtKind::Pointer && !ts[t].named && ts[t].elem == tid) return t;
  return 0;
}

NativeStatus typePointerTo(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(pointerTo(ctx, r[0].i));
  return NativeStatus::Ok;
}

NativeStatus typeSliceOf(NativeCtx& ctx, Value* r) {
  vm::TypeInfo ti(ctx.vm, ctx.g);
  r[0] = Value::ofInt(ti.sliceOf(uint32_t(r[0].i)));
  return NativeStatus::Ok;
}

NativeStatus typeMapOf(NativeCtx& ctx, Value* r) {
  vm::TypeInfo ti(ctx.vm, ctx.g);
  r[0] = Value::ofInt(ti.mapOf(uint32_t(r[0].i), uint32_t(r[1].i)));
  return NativeStatus::Ok;
}

// ---------------------------------------------------------------- value natives
// Arguments: regs[0] typ, regs[1] val, regs[2] flag, then the operation's.

Value loadStamped(NativeCtx& ctx, int64_t tid, const Value& val, int64_t flag) {
  Value raw = rawOf(val, flag);
  if ((flag & kFlagIndir) && typeAt(ctx, tid).aggregate) raw = ctx.vm.deepCopy(raw);
  return stamp(ctx, tid, raw);
}

NativeStatus valueLoad(NativeCtx& ctx, Value* r) {
  r[0] = loadStamped(ctx, r[0].i, r[1], r[2].i);
  return NativeStatus::Ok;
}

NativeStatus valueInt(NativeCtx& ctx, Value* r) {
  int bits = vm::kindBits(kindOf(ctx, r[0].i));
  r[0] = Value::ofInt(signExtend(rawOf(r[1], r[2].i).i, bits));
  return NativeStatus::Ok;
}

NativeStatus valueUint(NativeCtx& ctx, Value* r) {
  int bits = vm::kindBits(kindOf(ctx, r[0].i));
  Value out;
  out.u = zeroExtend(rawOf(r[1], r[2].i).u, bits);
  r[0] = out;
  return NativeStatus::Ok;
}

NativeStatus valueFloat(NativeCtx&, Value* r) {
  r[0] = Value::ofFloat(rawOf(r[1], r[2].i).f);
  return NativeStatus::Ok;
}

NativeStatus valueComplex(NativeCtx& ctx, Value* r) {
  vm::Complex c = vm::complexOf(rawOf(r[1], r[2].i));
  r[0] = vm::newComplex(ctx.vm.heap(), c);
  return NativeStatus::Ok;
}

NativeStatus valueString(NativeCtx&, Value* r) {
  Value s = rawOf(r[1], r[2].i);
  s.tid = s.o ? uint32_t(vm::kTidRef) : 0u;
  r[0] = s;
  return NativeStatus::Ok;
}

NativeStatus valueBool(NativeCtx&, Value* r) {
  r[0] = boolValue(rawOf(r[1], r[2].i).i != 0);
  return NativeStatus::Ok;
}

int64_t lenOf(NativeCtx& ctx, int64_t tid, const Value& raw) {
  const RtType& t = under(ctx, tid);
  switch (t.kind) {
    case RtKind::String: return int64_t(vm::strView(raw).size());
    case RtKind::Slice: return vm::sliceLen(raw);
    case RtKind::Array: return t.len;
    case RtKind::Map: return raw.o ? static_cast<vm::MapObj*>(raw.o)->size() : 0;
    case RtKind::Chan: return ctx.vm.hooks()->chanLen(raw);
    default: return 0;
  }
}

NativeStatus valueLen(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofInt(lenOf(ctx, r[0].i, rawOf(r[1], r[2].i)));
  return NativeStatus::Ok;
}

NativeStatus valueCap(NativeCtx& ctx, Value* r) {
  Value raw = rawOf(r[1], r[2].i);
  const RtType& t = under(ctx, r[0].i);
  int64_t c = 0;
  if (t.kind == RtKind::Slice)
    c = raw.o ? static_cast<SliceObj*>(raw.o)->cap : 0;
  else if (t.kind == RtKind::Array)
    c = t.len;
  else if (t.kind == RtKind::Chan)
    c = ctx.vm.hooks()->chanCap(raw);
  r[0] = Value::ofInt(c);
  return NativeStatus::Ok;
}

NativeStatus valueIsNil(NativeCtx& ctx, Value* r) {
  Value raw = rawOf(r[1], r[2].i);
  bool nil = kindOf(ctx, r[0].i) == RtKind::Interface ? raw.tid == 0 : raw.o == nullptr;
  r[0] = boolValue(nil);
  return NativeStatus::Ok;
}

NativeStatus valueIsZero(NativeCtx& ctx, Value* r) {
  vm::TypeInfo ti(ctx.vm, ctx.g);
  r[0] = boolValue(ti.isZero(rawOf(r[1], r[2].i), uint32_t(r[0].i)));
  return NativeStatus::Ok;
}

NativeStatus valuePointer(NativeCtx& ctx, Value* r) {
  Value raw = rawOf(r[1], r[2].i);
  Value out;
  out.u = reinterpret_cast<uintptr_t>(raw.o);
  // A func's pointer is its code's entry pc, as Go's, so runtime.FuncForPC
  // finds the function (and closures of one literal share it).
  if (raw.o && under(ctx, r[0].i).kind == RtKind::Func)
    out.u = funcEntryPc(ctx.program(), static_cast<vm::ClosureObj*>(raw.o)->fn);
  r[0] = out;
  return NativeStatus::Ok;
}

// The aggregate object (struct or array) of a Value.
ArrayObj* aggregateOf(const Value& val, int64_t flag) {
  return static_cast<ArrayObj*>(rawOf(val, flag).o);
}

// valueIndex(t, v, f, i) (any, flag)
NativeStatus valueIndex(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i, flag = r[2].i;
  uint32_t i = uint32_t(r[3].i);
  const RtType& t = under(ctx, tid);
  if (t.kind == RtKind::String) {
    Value b = Value::ofInt((unsigned char)vm::strView(rawOf(r[1], flag))[i]);
    b.tid = vm::kTidUint8;
    r[0] = b;
    r[1] = Value::ofInt(flag & kFlagRO);
    return NativeStatus::Ok;
  }
  if (t.kind == RtKind::Slice) {
    auto* s = static_cast<SliceObj*>(rawOf(r[1], flag).o);
    r[0] = placeValue(ctx, s->array, s->off + i, t.elem);
    r[0].tid = vm::kTidRef;
    r[1] = Value::ofInt(kFlagIndir | kFlagAddr | (flag & kFlagRO));
    return NativeStatus::Ok;
  }
  ArrayObj* a = aggregateOf(r[1], flag);
  r[0] = placeValue(ctx, a, i, t.elem);
  r[0].tid = vm::kTidRef;
  r[1] = Value::ofInt(kFlagIndir | (flag & (kFlagAddr | kFlagRO)));
  return NativeStatus::Ok;
}

// valueField(t, v, f, i) (any, flag)
NativeStatus valueField(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i, flag = r[2].i;
  uint32_t i = uint32_t(r[3].i);
  ArrayObj* obj = aggregateOf(r[1], flag);
  r[0] = placeValue(ctx, obj, i, under(ctx, tid).fields[i].tid);
  r[0].tid = vm::kTidRef;
  r[1] = Value::ofInt(kFlagIndir | (flag & (kFlagAddr | kFlagRO)));
  return NativeStatus::Ok;
}

// valueElem(t, v, f) (int, any, flag)
NativeStatus valueElem(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i, flag = r[2].i;
  Value raw = rawOf(r[1], flag);
  if (kindOf(ctx, tid) == RtKind::Interface) {
    r[0] = Value::ofInt(raw.tid);
    r[1] = raw;
    r[2] = Value::ofInt(0);
    return NativeStatus::Ok;
  }
  if (!raw.o) {
    r[0] = r[1] = r[2] = Value();
    return NativeStatus::Ok;
  }
  uint32_t elem = under(ctx, tid).elem;
  Value p = Value::ofRef(raw.o);
  p.aux = typeAt(ctx, elem).aggregate ? vm::kWholeObject : raw.aux;
  r[0] = Value::ofInt(elem);
  r[1] = p;
  r[2] = Value::ofInt(kFlagIndir | kFlagAddr);
  return NativeStatus::Ok;
}

// valueAddr(t, v, f, pt) any: the pointer to v's place, stamped as *T.
NativeStatus valueAddr(NativeCtx&, Value* r) {
  Value p = r[1];
  p.tid = uint32_t(r[3].i);
  r[0] = p;
  return NativeStatus::Ok;
}

void storeTo(NativeCtx& ctx, int64_t tid, const Value& place, const Value& x) {
  vm::Slot s = placeOf(place);
  if (typeAt(ctx, tid).aggregate) {
    ctx.vm.copyInto(s.aggregate(), static_cast<ArrayObj*>(x.o));
    return;
  }
  s.store(slotForm(ctx, tid, x));
}

NativeStatus valueSet(NativeCtx& ctx, Value* r) {
  storeTo(ctx, r[0].i, r[1], r[3]);
  return NativeStatus::Ok;
}

NativeStatus valueSetInt(NativeCtx& ctx, Value* r) {
  int bits = vm::kindBits(kindOf(ctx, r[0].i));
  placeOf(r[1]).store(Value::ofInt(signExtend(r[3].i, bits)));
  return NativeStatus::Ok;
}

NativeStatus valueSetUint(NativeCtx& ctx, Value* r) {
  int bits = vm::kindBits(kindOf(ctx, r[0].i));
  Value x;
  x.u = zeroExtend(r[3].u, bits);
  placeOf(r[1]).store(x);
  return NativeStatus::Ok;
}

NativeStatus valueSetFloat(NativeCtx& ctx, Value* r) {
  double f = r[3].f;
  if (kindOf(ctx, r[0].i) == RtKind::Float32) f = double(float(f));
  placeOf(r[1]).store(Value::ofFloat(f));
  return NativeStatus::Ok;
}

NativeStatus valueSetBytes(NativeCtx& ctx, Value* r) {
  storeTo(ctx, r[0].i, r[1], r[3]);
  return NativeStatus::Ok;
}

NativeStatus valueSetLen(NativeCtx& ctx, Value* r) {
  vm::Slot s = placeOf(r[1]);
  auto* old = static_cast<SliceObj*>(s.load().o);
  if (!old) return NativeStatus::Ok;  // n == 0 == cap
  SliceObj* ns = ctx.vm.heap().newSlice(old->array, old->off, uint32_t(r[3].i), old->cap);
  s.store(Value::ofRef(ns));
  return NativeStatus::Ok;
}

// valueSlice(t, v, f, i, j) any: v[i:j] (strings, slices, addressable arrays).
NativeStatus valueSlice(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i, flag = r[2].i;
  uint32_t i = uint32_t(r[3].i), j = uint32_t(r[4].i);
  const RtType& t = under(ctx, tid);
  Value raw = rawOf(r[1], flag);
  if (t.kind == RtKind::String) {
    std::string_view s = vm::strView(raw);
    Value out = ctx.newString(s.substr(i, j - i));
    out.tid = uint32_t(tid);
    r[0] = out;
    return NativeStatus::Ok;
  }
  if (t.kind == RtKind::Array) {
    auto* a = static_cast<ArrayObj*>(raw.o);
    SliceObj* s = ctx.vm.heap().newSlice(a, i, j - i, a->len - i);
    vm::TypeInfo ti(ctx.vm, ctx.g);
    r[0] = Value::ofRef(s, ti.sliceOf(t.elem));
    return NativeStatus::Ok;
  }
  auto* old = static_cast<SliceObj*>(raw.o);
  if (!old) {
    r[0] = stamp(ctx, tid, Value());
    return NativeStatus::Ok;
  }
  SliceObj* s = ctx.vm.heap().newSlice(old->array, old->off + i, j - i, old->cap - i);
  r[0] = Value::ofRef(s, uint32_t(tid));
  return NativeStatus::Ok;
}

NativeStatus valueBytes(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i, flag = r[2].i;
  Value raw = rawOf(r[1], flag);
  if (kindOf(ctx, tid) == RtKind::Slice) {
    raw.tid = raw.o ? uint32_t(vm::kTidRef) : 0u;
    r[0] = raw;
    return NativeStatus::Ok;
  }
  auto* a = static_cast<ArrayObj*>(raw.o);
  SliceObj* s = ctx.vm.heap().newSlice(a, 0, a->len, a->len);
  r[0] = Value::ofRef(s);
  return NativeStatus::Ok;
}

// valueMapKeys(t, v, f) (keys, vals []any), in the map's order.
NativeStatus valueMapKeys(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  const RtType& t = under(ctx, tid);
  Value raw = rawOf(r[1], r[2].i);
  auto* m = static_cast<vm::MapObj*>(raw.o);
  uint32_t n = m ? m->size() : 0;
  uint32_t anySlice = findSliceTid(ctx, vm::kTidAny);
  HeapPause pause(ctx.vm.heap());
  Value keys = ctx.newSlice(anySlice, n), vals = ctx.newSlice(anySlice, n);
  if (m) {
    auto* ks = static_cast<SliceObj*>(keys.o);
    auto* vs = static_cast<SliceObj*>(vals.o);
    uint32_t k = 0;
    for (int64_t i = m->nextFrom(0); i >= 0 && k < n; i = m->nextFrom(i + 1), ++k) {
      vm::MapEntry& e = m->entryAt(i);
      Value key = e.key, val = e.val;
      if (typeAt(ctx, t.key).aggregate) key = ctx.vm.deepCopy(key);
      if (typeAt(ctx, t.elem).aggregate) val = ctx.vm.deepCopy(val);
      ks->array->set(ks->off + k, stamp(ctx, t.key, key));
      vs->array->set(vs->off + k, stamp(ctx, t.elem, val));
    }
  }
  r[0] = keys;
  r[1] = vals;
  return NativeStatus::Ok;
}

// valueMapIndex(t, v, f, k) (any, bool)
NativeStatus valueMapIndex(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  const RtType& t = under(ctx, tid);
  auto* m = static_cast<vm::MapObj*>(rawOf(r[1], r[2].i).o);
  Value* found = m ? m->find(slotForm(ctx, t.key, r[3])) : nullptr;
  if (!found) {
    r[0] = Value();
    r[1] = boolValue(false);
    return NativeStatus::Ok;
  }
  Value v = *found;
  if (typeAt(ctx, t.elem).aggregate) v = ctx.vm.deepCopy(v);
  r[0] = stamp(ctx, t.elem, v);
  r[1] = boolValue(true);
  return NativeStatus::Ok;
}

// valueSetMapIndex(t, v, f, k, e any, del bool)
NativeStatus valueSetMapIndex(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  const RtType& t = under(ctx, tid);
  auto* m = static_cast<vm::MapObj*>(rawOf(r[1], r[2].i).o);
  if (!m) return NativeStatus::Ok;
  HeapPause pause(ctx.vm.heap());
  Value key = r[3], elem = r[4];
  if (typeAt(ctx, t.key).aggregate) key = ctx.vm.deepCopy(key);
  key = slotForm(ctx, t.key, key);
  if (r[5].i) {
    m->erase(key);
    return NativeStatus::Ok;
  }
  if (typeAt(ctx, t.elem).aggregate) elem = ctx.vm.deepCopy(elem);
  bool inserted;
  *m->insert(ctx.vm.heap(), key, &inserted) = slotForm(ctx, t.elem, elem);
  return NativeStatus::Ok;
}

NativeStatus newPointer(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  vm::TypeInfo ti(ctx.vm, ctx.g);
  Value p = ti.newPointer(uint32_t(tid));
  p.tid = pointerTo(ctx, tid);
  r[0] = p;
  return NativeStatus::Ok;
}

NativeStatus zeroValue(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  r[0] = stamp(ctx, tid, ctx.zeroValue(uint32_t(tid)));
  return NativeStatus::Ok;
}

NativeStatus makeSlice(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  Value s = ctx.newSlice(uint32_t(tid), uint32_t(r[1].i), uint32_t(r[2].i));
  s.tid = uint32_t(tid);
  r[0] = s;
  return NativeStatus::Ok;
}

NativeStatus makeMap(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  r[0] = Value::ofRef(ctx.vm.heap().newMap(uint32_t(tid), uint32_t(std::max<int64_t>(r[1].i, 0))),
                      uint32_t(tid));
  return NativeStatus::Ok;
}

NativeStatus makeChan(NativeCtx& ctx, Value* r) {
  int64_t tid = r[0].i;
  bool panicked = false;
  Value c = ctx.vm.hooks()->makeChan(ctx.g, uint32_t(tid), r[1].i, false, &panicked);
  if (panicked) return NativeStatus::Panic;
  c.tid = uint32_t(tid);
  r[0] = c;
  return NativeStatus::Ok;
}

// ---------------------------------------------------------------- DeepEqual

class DeepEqual {
 public:
  explicit DeepEqual(NativeCtx& ctx) : ctx_(ctx) {}

  // a and b are slot-form values of type tid.
  bool equal(const Value& a, const Value& b, uint32_t tid) {
    const RtType& t = under(ctx_, tid);
    switch (t.kind) {
      case RtKind::Interface:
        if (a.tid == 0 || b.tid == 0) return a.tid == b.tid;
        if (a.tid != b.tid) return false;
        return equal(a, b, a.tid);
      case RtKind::Array: {
        auto* x = static_cast<ArrayObj*>(a.o);
        auto* y = static_cast<ArrayObj*>(b.o);
        for (uint32_t i = 0; i < uint32_t(t.len); ++i)
          if (!equal(x->get(i), y->get(i), t.elem)) return false;
        return true;
      }
      case RtKind::Struct: {
        auto* x = static_cast<ArrayObj*>(a.o);
        auto* y = static_cast<ArrayObj*>(b.o);
        for (uint32_t i = 0; i < t.fields.size(); ++i)
          if (!equal(x->get(i), y->get(i), t.fields[i].tid)) return false;
        return true;
      }
      case RtKind::Slice: {
        auto* x = static_cast<SliceObj*>(a.o);
        auto* y = static_cast<SliceObj*>(b.o);
        if (!x || !y) return x == y;
        if (x->len != y->len) return false;
        if (x->array == y->array && x->off == y->off) return true;
        if (!visit(x, y, tid)) return true;
        for (uint32_t i = 0; i < x->len; ++i)
          if (!equal(x->array->get(x->off + i), y->array->get(y->off + i), t.elem)) return false;
        return true;
      }
      case RtKind::Pointer: {
        if (a.o == b.o && (a.aux == b.aux || !a.o)) return true;
        if (!a.o || !b.o) return false;
        if (!visit(a.o, b.o, tid)) return true;
        vm::TypeInfo ti(ctx_.vm, ctx_.g);
        Value pa = a, pb = b;
        pa.tid = pb.tid = tid;
        return equal(ti.loadPointee(pa, tid), ti.loadPointee(pb, tid), t.elem);
      }
      case RtKind::Map: {
        auto* x = static_cast<vm::MapObj*>(a.o);
        auto* y = static_cast<vm::MapObj*>(b.o);
        if (!x || !y) return x == y;
        if (x->size() != y->size()) return false;
        if (x == y) return true;
        if (!visit(x, y, tid)) return true;
        for (int64_t i = x->nextFrom(0); i >= 0; i = x->nextFrom(i + 1)) {
          vm::MapEntry& e = x->entryAt(i);
          Value* other = y->find(e.key);
          if (!other || !equal(e.val, *other, t.elem)) return false;
        }
        return true;
      }
      case RtKind::Func: return !a.o && !b.o;
      case RtKind::String: return vm::strView(a) == vm::strView(b);
      case RtKind::Float32:
      case RtKind::Float64: return a.f == b.f;
      case RtKind::Complex64:
      case RtKind::Complex128: {
        vm::Complex x = vm::complexOf(a), y = vm::complexOf(b);
        return x.re == y.re && x.im == y.im;
      }
      case RtKind::Bool: return (a.i != 0) == (b.i != 0);
      case RtKind::Chan:
      case RtKind::UnsafePointer: return a.o == b.o;
      default: {
        int bits = vm::kindBits(t.kind);
        return zeroExtend(a.u, bits) == zeroExtend(b.u, bits);
      }
    }
  }

 private:
  // False when this comparison is already under way (a cycle: assume equal).
  bool visit(const void* a, const void* b, uint32_t tid) {
    if (a > b) std::swap(a, b);
    return seen_.insert({a, b, tid}).second;
  }
  NativeCtx& ctx_;
  std::set<std::tuple<const void*, const void*, uint32_t>> seen_;
};

NativeStatus deepEqual(NativeCtx& ctx, Value* r) {
  Value a = r[0], b = r[1];
  bool eq;
  if (a.tid == 0 || b.tid == 0)
    eq = a.tid == b.tid;
  else if (a.tid != b.tid)
    eq = false;
  else
    eq = DeepEqual(ctx).equal(a, b, a.tid);
  r[0] = boolValue(eq);
  return NativeStatus::Ok;
}

// swapAny(s any, i, j int): swaps two elements of the slice s.
NativeStatus swapAny(NativeCtx&, Value* r) {
  auto* s = static_cast<SliceObj*>(r[0].o);
  uint32_t i = s->off + uint32_t(r[1].i), j = s->off + uint32_t(r[2].i);
  Value x = s->array->get(i);
  s->array->set(i, s->array->get(j));
  s->array->set(j, x);
  return NativeStatus::Ok;
}

// copySlice(dt, dst, df, st, src, sf) int
NativeStatus copySlice(NativeCtx& ctx, Value* r) {
  int64_t dt = r[0].i, st = r[3].i;
  Value draw = rawOf(r[1], r[2].i), sraw = rawOf(r[4], r[5].i);
  auto elems = [&](int64_t tid, const Value& raw, ArrayObj** arr, uint32_t* off, uint32_t* len) {
    const RtType& t = under(ctx, tid);
    if (t.kind == RtKind::Array) {
      *arr = static_cast<ArrayObj*>(raw.o);
      *off = 0;
      *len = uint32_t(t.len);
    } else if (auto* s = static_cast<SliceObj*>(raw.o)) {
      *arr = s->array;
      *off = s->off;
      *len = s->len;
    } else {
      *arr = nullptr;
      *off = *len = 0;
    }
  };
  ArrayObj *da, *sa;
  uint32_t doff, dlen, soff, slen;
  elems(dt, draw, &da, &doff, &dlen);
  uint32_t elem = under(ctx, dt).elem;
  if (kindOf(ctx, st) == RtKind::String) {
    std::string_view s = vm::strView(sraw);
    uint32_t n = std::min(dlen, uint32_t(s.size()));
    for (uint32_t k = 0; k < n; ++k) da->set(doff + k, Value::ofInt((unsigned char)s[k]));
    r[0] = Value::ofInt(n);
    return NativeStatus::Ok;
  }
  elems(st, sraw, &sa, &soff, &slen);
  uint32_t n = std::min(dlen, slen);
  bool agg = typeAt(ctx, elem).aggregate;
  auto one = [&](uint32_t k) {
    if (agg)
      ctx.vm.copyInto(static_cast<ArrayObj*>(da->values()[doff + k].o),
                      static_cast<ArrayObj*>(sa->values()[soff + k].o));
    else
      da->set(doff + k, sa->get(soff + k));
  };
  if (da == sa && doff > soff)
    for (uint32_t k = n; k-- > 0;) one(k);
  else
    for (uint32_t k = 0; k < n; ++k) one(k);
  r[0] = Value::ofInt(n);
  return NativeStatus::Ok;
}

// convertValue(t, v, f, to) (any, bool): Go's conversions between basic
// kinds, strings and byte/rune slices, and of identical underlying types.
NativeStatus convertValue(NativeCtx& ctx, Value* r) {
  int64_t from = r[0].i, to = r[3].i;
  if (!convertible(ctx, from, to)) {
    r[0] = Value();
    r[1] = boolValue(false);
    return NativeStatus::Ok;
  }
  Value x = loadStamped(ctx, from, r[1], r[2].i);
  RtKind fk = kindOf(ctx, from), tk = kindOf(ctx, to);
  HeapPause pause(ctx.vm.heap());
  Value out = x;
  auto isInt = [](RtKind k) { return k >= RtKind::Int && k <= RtKind::Uintptr; };
  auto isFloat = [](RtKind k) { return k == RtKind::Float32 || k == RtKind::Float64; };
  if (tk == RtKind::Interface) {
    out = x;
  } else if (isNumeric(fk) && isNumeric(tk)) {
    int tb = vm::kindBits(tk);
    if (isInt(fk) && isInt(tk)) {
      out = vm::isUintKind(tk) ? Value::ofInt(int64_t(zeroExtend(x.u, tb)))
                               : Value::ofInt(signExtend(x.i, tb));
    } else if (isInt(fk)) {
      double d = vm::isUintKind(fk) ? double(x.u) : double(x.i);
      out = Value::ofFloat(tk == RtKind::Float32 ? double(float(d)) : d);
    } else if (isFloat(tk)) {
      out = Value::ofFloat(tk == RtKind::Float32 ? double(float(x.f)) : x.f);
    } else {
      out = vm::isUintKind(tk) ? Value::ofInt(int64_t(zeroExtend(uint64_t(x.f), tb)))
                               : Value::ofInt(signExtend(int64_t(x.f), tb));
    }
  } else if ((fk == RtKind::Complex64 || fk == RtKind::Complex128) &&
             (tk == RtKind::Complex64 || tk == RtKind::Complex128)) {
    vm::Complex c = vm::complexOf(x);
    if (tk == RtKind::Complex64) c = {double(float(c.re)), double(float(c.im))};
    out = vm::newComplex(ctx.vm.heap(), c);
  } else if (tk == RtKind::String && isInt(fk)) {
    int64_t v = vm::isUintKind(fk) ? int64_t(std::min<uint64_t>(x.u, 0x7fffffff)) : x.i;
    std::string s;
    appendRune(s, v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : int32_t(v));
    out = ctx.newString(s);
  } else if (tk == RtKind::String && fk == RtKind::Slice) {
    std::string s;
    auto* sl = static_cast<SliceObj*>(x.o);
    if (kindOf(ctx, under(ctx, from).elem) == RtKind::Uint8) {
      s = sliceBytes(x);
    } else {
      for (uint32_t i = 0; sl && i < sl->len; ++i) {
        int64_t v = sl->array->get(sl->off + i).i;
        appendRune(s, v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : int32_t(v));
      }
    }
    out = ctx.newString(s);
  } else if (fk == RtKind::String && tk == RtKind::Slice) {
    std::string_view s = vm::strView(x);
    if (kindOf(ctx, under(ctx, to).elem) == RtKind::Uint8) {
      out = ctx.newSlice(uint32_t(to), uint32_t(s.size()), uint32_t(s.size()));
      auto* sl = static_cast<SliceObj*>(out.o);
      for (uint32_t i = 0; i < s.size(); ++i) sl->array->set(i, Value::ofInt((unsigned char)s[i]));
    } else {
      std::vector<int32_t> runes;
      for (size_t i = 0; i < s.size();) {
        int w = 1;
        runes.push_back(decodeRune(s, i, &w));
        i += size_t(w);
      }
      out = ctx.newSlice(uint32_t(to), uint32_t(runes.size()), uint32_t(runes.size()));
      auto* sl = static_cast<SliceObj*>(out.o);
      for (uint32_t i = 0; i < runes.size(); ++i) sl->array->set(i, Value::ofInt(runes[i]));
    }
  } else if (typeAt(ctx, to).aggregate && typeAt(ctx, from).aggregate) {
    // Identical underlying struct or array types: a copy that knows its type.
    out = ctx.vm.deepCopy(x);
    if (auto* a = static_cast<ArrayObj*>(out.o)) a->tid = uint32_t(to);
  }
  r[0] = stamp(ctx, to, out);
  r[1] = boolValue(true);
  return NativeStatus::Ok;
}

}  // namespace

int reflectValueOperand(NativeCtx& ctx, const Value& arg, Value* out) {
  const RtType& t = ctx.type(arg.tid);
  if (!t.named || t.name != "reflect.Value" || !arg.o) return 0;
  auto* obj = static_cast<ArrayObj*>(arg.o);
  int64_t tid = obj->get(0).i;
  Value val = obj->get(1);
  int64_t flag = obj->get(2).i;
  if (tid == 0) return 2;
  // A method value prints as Go prints a func value: its address.
  if (flag & ~(kFlagIndir | kFlagAddr | kFlagRO)) {
    *out = Value::ofRef(val.o, uint32_t(tid));
    return 1;
  }
  *out = loadStamped(ctx, tid, val, flag);
  ctx.g->pins.push_back(*out);
  return 1;
}

void registerReflectFuncNatives();  // reflect_func.cpp

void registerReflectNatives() {
  registerReflectFuncNatives();
  static const vm::NativeEntry entries[] = {
      {"reflect.typeIdOf", typeIdOf},
      {"reflect.typeKind", typeKind},
      {"reflect.typeString", typeString},
      {"reflect.typeName", typeName},
      {"reflect.typePkgPath", typePkgPath},
      {"reflect.typeElem", typeElem},
      {"reflect.typeKey", typeKey},
      {"reflect.typeLen", typeLen},
      {"reflect.typeChanDir", typeChanDir},
      {"reflect.typeNumField", typeNumField},
      {"reflect.typeField", typeField},
      {"reflect.typeNumMethod", typeNumMethod},
      {"reflect.typeMethod", typeMethod},
      {"reflect.typeMethodIndex", typeMethodIndex},
      {"reflect.typeNumIn", typeNumIn},
      {"reflect.typeIn", typeIn},
      {"reflect.typeNumOut", typeNumOut},
      {"reflect.typeOut", typeOut},
      {"reflect.typeVariadic", typeVariadic},
      {"reflect.typeComparable", typeComparable},
      {"reflect.typeImplements", typeImplements},
      {"reflect.typeAssignable", typeAssignable},
      {"reflect.typeConvertible", typeConvertible},
      {"reflect.typeSize", typeSize},
      {"reflect.typeAlign", typeAlign},
      {"reflect.typePointerTo", typePointerTo},
      {"reflect.typeSliceOf", typeSliceOf},
      {"reflect.typeMapOf", typeMapOf},
      {"reflect.valueLoad", valueLoad},
      {"reflect.valueInt", valueInt},
      {"reflect.valueUint", valueUint},
      {"reflect.valueFloat", valueFloat},
      {"reflect.valueComplex", valueComplex},
      {"reflect.valueString", valueString},
      {"reflect.valueBool", valueBool},
      {"reflect.valueLen", valueLen},
      {"reflect.valueCap", valueCap},
      {"reflect.valueIsNil", valueIsNil},
      {"reflect.valueIsZero", valueIsZero},
      {"reflect.valuePointer", valuePointer},
      {"reflect.valueIndex", valueIndex},
      {"reflect.valueField", valueField},
      {"reflect.valueElem", valueElem},
      {"reflect.valueAddr", valueAddr},
      {"reflect.valueSet", valueSet},
      {"reflect.valueSetInt", valueSetInt},
      {"reflect.valueSetUint", valueSetUint},
      {"reflect.valueSetFloat", valueSetFloat},
      {"reflect.valueSetBytes", valueSetBytes},
      {"reflect.valueSetLen", valueSetLen},
      {"reflect.valueMapKeys", valueMapKeys},
      {"reflect.valueMapIndex", valueMapIndex},
      {"reflect.valueSetMapIndex", valueSetMapIndex},
      {"reflect.valueBytes", valueBytes},
      {"reflect.valueSlice", valueSlice},
      {"reflect.newPointer", newPointer},
      {"reflect.zeroValue", zeroValue},
      {"reflect.makeSlice", makeSlice},
      {"reflect.makeMap", makeMap},
      {"reflect.makeChan", makeChan},
      {"reflect.deepEqual", deepEqual},
      {"reflect.swapAny", swapAny},
      {"reflect.copySlice", copySlice},
      {"reflect.convertValue", convertValue},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
