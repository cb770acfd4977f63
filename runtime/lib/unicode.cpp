// Natives of packages unicode and unicode/utf8.
#include <utility>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "runtime/lib/unicode_props.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

template <bool (*Pred)(int32_t)>
NativeStatus runePred(NativeCtx&, Value* regs) {
  regs[0] = boolValue(Pred(int32_t(regs[0].i)));
  return NativeStatus::Ok;
}

template <int32_t (*Map)(int32_t)>
NativeStatus runeMap(NativeCtx&, Value* regs) {
  int64_t r = regs[0].i;
  if (r >= 0 && r <= kMaxRune) regs[0] = Value::ofInt(Map(int32_t(r)));
  return NativeStatus::Ok;
}

// The struct a pointer designates (a whole object, or an element or field
// of one); nullptr for nil.
vm::ArrayObj* pointee(const Value& p) {
  auto* obj = static_cast<vm::ArrayObj*>(p.o);
  if (obj && p.aux != vm::kWholeObject) obj = static_cast<vm::ArrayObj*>(obj->get(p.aux).o);
  return obj;
}

// Field i of the struct element k of a slice of structs.
Value field(vm::SliceObj* s, uint32_t k, uint32_t i) {
  return static_cast<vm::ArrayObj*>(s->array->values()[s->off + k].o)->get(i);
}

// Go's is16/is32 over a gol []Range16 or []Range32 from element `from` on.
bool inRangeSlice(vm::SliceObj* s, uint32_t from, uint32_t r) {
  uint32_t n = s->len - from;
  auto lo_ = [&](uint32_t k) { return uint32_t(field(s, from + k, 0).i); };
  auto hi_ = [&](uint32_t k) { return uint32_t(field(s, from + k, 1).i); };
  auto hit = [&](uint32_t k) {
    uint32_t stride = uint32_t(field(s, from + k, 2).i);
    return stride == 1 || (stride != 0 && (r - lo_(k)) % stride == 0);
  };
  if (n <= 18 || r <= 0xFF) {
    for (uint32_t k = 0; k < n; ++k) {
      if (r < lo_(k)) return false;
      if (r <= hi_(k)) return hit(k);
    }
    return false;
  }
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t m = lo + (hi - lo) / 2;
    if (lo_(m) <= r && r <= hi_(m)) return hit(m);
    if (r < lo_(m))
      hi = m;
    else
      lo = m + 1;
  }
  return false;
}

// Go's Is over a *RangeTable as the program holds it (it may have made or
// changed it), reading R16 and R32.
bool tableHas(vm::ArrayObj* t, uint32_t r) {
  auto* r16 = static_cast<vm::SliceObj*>(t->get(0).o);
  auto* r32 = static_cast<vm::SliceObj*>(t->get(1).o);
  if (r16 && r16->len > 0 && r <= uint32_t(field(r16, r16->len - 1, 1).i))
    return inRangeSlice(r16, 0, r);
  if (r32 && r32->len > 0 && r >= uint32_t(field(r32, 0, 0).i)) return inRangeSlice(r32, 0, r);
  return false;
}

NativeStatus nilTable(NativeCtx& ctx) {
  return ctx.panicError("runtime error: invalid memory address or nil pointer dereference");
}

NativeStatus is(NativeCtx& ctx, Value* regs) {
  vm::ArrayObj* t = pointee(regs[0]);
  if (!t) return nilTable(ctx);
  regs[0] = boolValue(tableHas(t, uint32_t(int32_t(regs[1].i))));
  return NativeStatus::Ok;
}

// Go's IsOneOf and In: the tables in order, each nil one panicking when
// reached.
NativeStatus inAny(NativeCtx& ctx, Value* regs, const Value& tables, int64_t r) {
  bool in = false;
  if (auto* s = static_cast<vm::SliceObj*>(tables.o))
    for (uint32_t k = 0; k < s->len && !in; ++k) {
      vm::ArrayObj* t = pointee(s->array->values()[s->off + k]);
      if (!t) return nilTable(ctx);
      in = tableHas(t, uint32_t(int32_t(r)));
    }
  regs[0] = boolValue(in);
  return NativeStatus::Ok;
}

NativeStatus isOneOf(NativeCtx& ctx, Value* regs) {
  return inAny(ctx, regs, regs[0], regs[1].i);
}

NativeStatus in(NativeCtx& ctx, Value* regs) {
  return inAny(ctx, regs, regs[1], regs[0].i);
}

NativeStatus to(NativeCtx&, Value* regs) {
  int64_t r = regs[1].i;
  regs[0] = Value::ofInt(toCaseRune(regs[0].i, int32_t(r)));
  return NativeStatus::Ok;
}

// Go's to() over a SpecialCase (a []CaseRange): the mapped rune, or r and
// false when no range holds it.
std::pair<int32_t, bool> specialTo(int64_t which, int32_t r, vm::SliceObj* s) {
  uint32_t lo = 0, hi = s ? s->len : 0;
  while (lo < hi) {
    uint32_t m = lo + (hi - lo) / 2;
    int64_t crLo = int64_t(uint32_t(field(s, m, 0).i)), crHi = int64_t(uint32_t(field(s, m, 1).i));
    if (crLo <= r && r <= crHi) {
      auto* delta = static_cast<vm::ArrayObj*>(field(s, m, 2).o);
      int32_t dv = int32_t(delta->get(uint32_t(which)).i);
      if (dv > kMaxRune)
        return {int32_t(crLo) + (((r - int32_t(crLo)) & ~1) | int32_t(which & 1)), true};
      return {r + dv, true};
    }
    if (r < crLo)
      hi = m;
    else
      lo = m + 1;
  }
  return {r, false};
}

// SpecialCase.ToUpper/ToLower/ToTitle: the special mapping first, else the
// ordinary one.
template <int64_t Which, int32_t (*Map)(int32_t)>
NativeStatus specialCase(NativeCtx&, Value* regs) {
  int32_t r = int32_t(regs[1].i);
  auto [mapped, found] = specialTo(Which, r, static_cast<vm::SliceObj*>(regs[0].o));
  regs[0] = Value::ofInt(found || mapped != r ? mapped : Map(r));
  return NativeStatus::Ok;
}

NativeStatus tableCount(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(ucd::kTableCount);
  return NativeStatus::Ok;
}

// An id from the generated unicode.lazy.gol: always a table's index.
const ucd::Table& tableAt(const Value& id) {
  return ucd::kTables[uint64_t(id.i) < ucd::kTableCount ? size_t(id.i) : 0];
}

NativeStatus tableShape(NativeCtx&, Value* regs) {
  const ucd::Table& t = tableAt(regs[0]);
  regs[0] = Value::ofInt(t.count16);
  regs[1] = Value::ofInt(t.count32);
  regs[2] = Value::ofInt(t.latinOffset);
  return NativeStatus::Ok;
}

// fillTable(id, r16, r32): the slices come made (make([]Range16, n)), each
// element a struct object of three fields.
NativeStatus fillTable(NativeCtx&, Value* regs) {
  const ucd::Table& t = tableAt(regs[0]);
  auto setRange = [](vm::SliceObj* s, uint32_t k, uint32_t lo, uint32_t hi, uint32_t stride) {
    auto* e = static_cast<vm::ArrayObj*>(s->array->values()[s->off + k].o);
    e->set(0, Value::ofInt(lo));
    e->set(1, Value::ofInt(hi));
    e->set(2, Value::ofInt(stride));
  };
  if (auto* s = static_cast<vm::SliceObj*>(regs[1].o))
    for (uint32_t k = 0; k < t.count16 && k < s->len; ++k) {
      const ucd::Range16& r = ucd::kRange16[t.first16 + k];
      setRange(s, k, r.lo, r.hi, r.stride);
    }
  if (auto* s = static_cast<vm::SliceObj*>(regs[2].o))
    for (uint32_t k = 0; k < t.count32 && k < s->len; ++k) {
      const ucd::Range32& r = ucd::kRange32[t.first32 + k];
      setRange(s, k, r.lo, r.hi, r.stride);
    }
  return NativeStatus::Ok;
}

NativeStatus tableName(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(tableAt(regs[0]).name);
  return NativeStatus::Ok;
}

NativeStatus groupTables(NativeCtx&, Value* regs) {
  constexpr size_t n = sizeof ucd::kGroups / sizeof ucd::kGroups[0];
  const ucd::TableGroup& g = ucd::kGroups[uint64_t(regs[0].i) < n ? size_t(regs[0].i) : 0];
  regs[0] = Value::ofInt(g.first);
  regs[1] = Value::ofInt(g.count);
  return NativeStatus::Ok;
}

constexpr uint32_t kCaseRangeCount = sizeof ucd::kCaseRanges / sizeof ucd::kCaseRanges[0];

NativeStatus caseRangeCount(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(kCaseRangeCount);
  return NativeStatus::Ok;
}

NativeStatus fillCaseRanges(NativeCtx&, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  for (uint32_t k = 0; s && k < s->len && k < kCaseRangeCount; ++k) {
    const ucd::CaseRange& cr = ucd::kCaseRanges[k];
    auto* e = static_cast<vm::ArrayObj*>(s->array->values()[s->off + k].o);
    e->set(0, Value::ofInt(cr.lo));
    e->set(1, Value::ofInt(cr.hi));
    auto* delta = static_cast<vm::ArrayObj*>(e->get(2).o);
    for (uint32_t c = 0; c < 3; ++c) delta->set(c, Value::ofInt(cr.delta[c]));
  }
  return NativeStatus::Ok;
}

NativeStatus decode(NativeCtx&, Value* regs) {
  std::string_view s = vm::strView(regs[0]);
  int64_t i = regs[1].i;
  int w = 0;
  int32_t r = (i >= 0 && size_t(i) < s.size()) ? decodeRune(s, size_t(i), &w) : kRuneError;
  regs[0] = Value::ofInt(r);
  regs[1] = Value::ofInt(w);
  return NativeStatus::Ok;
}

NativeStatus decodeLast(NativeCtx&, Value* regs) {
  int w = 0;
  int32_t r = decodeLastRune(vm::strView(regs[0]), &w);
  regs[0] = Value::ofInt(r);
  regs[1] = Value::ofInt(w);
  return NativeStatus::Ok;
}

NativeStatus runeCountNative(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(int64_t(runeCount(vm::strView(regs[0]))));
  return NativeStatus::Ok;
}

NativeStatus validString(NativeCtx&, Value* regs) {
  regs[0] = boolValue(validUtf8(vm::strView(regs[0])));
  return NativeStatus::Ok;
}

}  // namespace

void registerUnicodeNatives() {
  static const vm::NativeEntry entries[] = {
      {"unicode.Is", is},
      {"unicode.IsLetter", runePred<isLetterRune>},
      {"unicode.IsDigit", runePred<isDigitRune>},
      {"unicode.IsNumber", runePred<isNumberRune>},
      {"unicode.IsSpace", runePred<isSpaceRune>},
      {"unicode.IsUpper", runePred<isUpperRune>},
      {"unicode.IsLower", runePred<isLowerRune>},
      {"unicode.IsTitle", runePred<isTitleRune>},
      {"unicode.IsPunct", runePred<isPunctRune>},
      {"unicode.IsSymbol", runePred<isSymbolRune>},
      {"unicode.IsMark", runePred<isMarkRune>},
      {"unicode.IsControl", runePred<isControlRune>},
      {"unicode.IsPrint", runePred<isPrintRune>},
      {"unicode.IsGraphic", runePred<isGraphicRune>},
      {"unicode.To", to},
      {"unicode.ToUpper", runeMap<toUpperRune>},
      {"unicode.ToLower", runeMap<toLowerRune>},
      {"unicode.ToTitle", runeMap<toTitleRune>},
      {"unicode.SimpleFold", runeMap<simpleFoldRune>},
      {"unicode.In", in},
      {"unicode.IsOneOf", isOneOf},
      {"unicode.SpecialCase.ToUpper", specialCase<0, toUpperRune>},
      {"unicode.SpecialCase.ToLower", specialCase<1, toLowerRune>},
      {"unicode.SpecialCase.ToTitle", specialCase<2, toTitleRune>},
      {"unicode.tableCount", tableCount},
      {"unicode.tableShape", tableShape},
      {"unicode.fillTable", fillTable},
      {"unicode.tableName", tableName},
      {"unicode.groupTables", groupTables},
      {"unicode.caseRangeCount", caseRangeCount},
      {"unicode.fillCaseRanges", fillCaseRanges},
      {"unicode/utf8.decode", decode},
      {"unicode/utf8.decodeLast", decodeLast},
      {"unicode/utf8.RuneCountInString", runeCountNative},
      {"unicode/utf8.ValidString", validString},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
