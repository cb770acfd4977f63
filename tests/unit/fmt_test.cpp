// The fmt engine against outputs of Go 1.19 (each expectation was printed
// by `go run` on the equivalent Go program).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "bytecode/fixed_types.hpp"
#include "bytecode/rttype.hpp"
#include "runtime/lib/fmt_format.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/object.hpp"

using namespace gol::vm;
using gol::lib::FmtEnv;

namespace {

// A map for the tests: the engine only reads maps through FmtEnv.
struct FakeMap final : Object {
  std::vector<std::pair<Value, Value>> entries;
  FakeMap() : Object(ObjKind::Map) {}
  void trace(Tracer&) override {}
};

// Program types of the test "program", after the fixed ones.
enum : uint32_t {
  kP = kFirstDynamicTid,  // main.P struct { X, Y int; s string }
  kS,                     // main.S struct { n int } with String()
  kW,                     // main.W struct { A S; b S }
  kSliceInt,              // []int
  kSliceString,           // []string
  kSliceS,                // []main.S
  kSliceByte,             // []uint8
  kPtrInt,                // *int
  kSlicePtrInt,           // []*int
  kPtrP,                  // *main.P
  kMapStringInt,          // map[string]int
  kMapStringS,            // map[string]main.S
  kArrBool2,              // [2]bool
  kErrorString,           // errors.errorString struct { s string }
  kPtrErrorString,        // *errors.errorString with Error()
  kStructE,               // struct { E error }
  kSliceP,                // []main.P
  kMapStringSliceInt,     // map[string][]int
  kCelsius,               // main.Celsius float64 with String()
  kNumTypes
};

class TestEnv : public FmtEnv {
 public:
  std::vector<RtType> types;
  std::vector<std::string> names{"Error", "String"};

  TestEnv() {
    appendFixedTypes(types);
    types.resize(kNumTypes);
    auto structType = [&](uint32_t tid, const char* name, std::vector<RtField> fields) {
      types[tid].kind = RtKind::Struct;
      types[tid].name = name;
      types[tid].named = true;
      types[tid].underlying = tid;
      types[tid].aggregate = true;
      types[tid].fields = std::move(fields);
    };
    structType(kP, "main.P",
               {{"X", kTidInt, false, true, ""},
                {"Y", kTidInt, false, true, ""},
                {"s", kTidString, false, false, ""}});
    structType(kS, "main.S", {{"n", kTidInt, false, false, ""}});
    types[kS].methods = {{1, 0}};
    structType(kW, "main.W", {{"A", kS, false, true, ""}, {"b", kS, false, false, ""}});
    structType(kErrorString, "errors.errorString", {{"s", kTidString, false, false, ""}});
    structType(kStructE, "struct { E error }", {{"E", kTidError, false, true, ""}});
    types[kStructE].named = false;
    auto composite = [&](uint32_t tid, RtKind k, const char* name, uint32_t elem,
                         ElemKind ek = ElemKind::V) {
      types[tid].kind = k;
      types[tid].name = name;
      types[tid].underlying = tid;
      types[tid].elem = elem;
      types[tid].elemKind = ek;
      types[tid].hasRef = true;
    };
    composite(kSliceInt, RtKind::Slice, "[]int", kTidInt, ElemKind::X64);
    composite(kSliceString, RtKind::Slice, "[]string", kTidString);
    composite(kSliceS, RtKind::Slice, "[]main.S", kS);
    composite(kSliceByte, RtKind::Slice, "[]uint8", kTidUint8, ElemKind::U8);
    composite(kPtrInt, RtKind::Pointer, "*int", kTidInt);
    composite(kSlicePtrInt, RtKind::Slice, "[]*int", kPtrInt);
    composite(kPtrP, RtKind::Pointer, "*main.P", kP);
    composite(kMapStringInt, RtKind::Map, "map[string]int", kTidInt);
    types[kMapStringInt].key = kTidString;
    composite(kMapStringS, RtKind::Map, "map[string]main.S", kS);
    types[kMapStringS].key = kTidString;
    composite(kArrBool2, RtKind::Array, "[2]bool", kTidBool, ElemKind::U8);
    types[kArrBool2].len = 2;
    composite(kPtrErrorString, RtKind::Pointer, "*errors.errorString", kErrorString);
    types[kPtrErrorString].methods = {{0, 0}};
    composite(kSliceP, RtKind::Slice, "[]main.P", kP);
    composite(kMapStringSliceInt, RtKind::Map, "map[string][]int", kSliceInt);
    types[kMapStringSliceInt].key = kTidString;
    types[kCelsius].kind = RtKind::Float64;
    types[kCelsius].name = "main.Celsius";
    types[kCelsius].named = true;
    types[kCelsius].underlying = kTidFloat64;
    types[kCelsius].methods = {{1, 0}};
  }
  ~TestEnv() override {
    for (Object* o : objects) {
      o->~Object();
      std::free(o);
    }
  }

  const RtType& type(uint32_t tid) const override { return types.at(tid); }
  const std::string& name(uint32_t nameId) const override { return names.at(nameId); }
  bool callStringMethod(const Value& v, std::string_view method, std::string& out) override {
    ++calls;
    if (v.tid == kS && method == "String") {
      out = "S<" + std::to_string(static_cast<ArrayObj*>(v.o)->values()[0].i) + ">";
      return true;
    }
    if (v.tid == kPtrErrorString && method == "Error") {
      out = std::string(strView(static_cast<ArrayObj*>(v.o)->values()[0]));
      return true;
    }
    if (v.tid == kCelsius && method == "String") {
      out = gol::lib::formatFloat(v.f, 'f', 1, 64) + "C";
      return true;
    }
    if (method == "String" && v.tid == kSliceS) return false;  // simulates a panic
    FAIL("unexpected method call");
    return false;
  }
  void mapEntries(const Value& m, std::vector<std::pair<Value, Value>>& out) override {
    for (auto& e : static_cast<FakeMap*>(m.o)->entries) out.push_back(e);
  }

  int calls = 0;
  std::vector<Object*> objects;

  template <class T>
  T* alloc(size_t extra) {
    void* mem = std::calloc(1, sizeof(T) + extra);
    T* obj = new (mem) T();
    objects.push_back(obj);
    return obj;
  }

  // Operands: interface values with their dynamic type.
  Value str(std::string_view s, uint32_t tid = kTidString) {
    auto* o = alloc<StringObj>(s.size());
    o->len = uint32_t(s.size());
    std::memcpy(o->data(), s.data(), s.size());
    return Value::ofRef(o, tid);
  }
  static Value integer(int64_t i, uint32_t tid = kTidInt) {
    Value v = Value::ofInt(i);
    v.tid = tid;
    return v;
  }
  static Value flt(double f, uint32_t tid = kTidFloat64) {
    Value v = Value::ofFloat(f);
    v.tid = tid;
    return v;
  }
  static Value boolean(bool b) { return integer(b ? 1 : 0, kTidBool); }
  ArrayObj* array(uint32_t n, ElemKind k, uint32_t tid, uint32_t elemTid) {
    auto* a = alloc<ArrayObj>(n * elemSize(k));
    a->len = n;
    a->elemKind = k;
    a->tid = tid;
    a->elemTid = elemTid;
    return a;
  }
  Value structOf(uint32_t tid, std::vector<Value> fields) {
    ArrayObj* a = array(uint32_t(fields.size()), ElemKind::V, tid, 0);
    for (size_t i = 0; i < fields.size(); ++i) a->values()[i] = fields[i];
    return Value::ofRef(a, tid);
  }
  Value sliceOf(uint32_t tid, std::vector<Value> elems) {
    const RtType& t = types[tid];
    ArrayObj* a = array(uint32_t(elems.size()), t.elemKind, 0, t.elem);
    for (size_t i = 0; i < elems.size(); ++i) a->set(uint32_t(i), elems[i]);
    auto* s = alloc<SliceObj>(0);
    s->array = a;
    s->len = s->cap = uint32_t(elems.size());
    return Value::ofRef(s, tid);
  }
  Value mapOf(uint32_t tid, std::vector<std::pair<Value, Value>> entries) {
    auto* m = alloc<FakeMap>(0);
    m->entries = std::move(entries);
    return Value::ofRef(m, tid);
  }
  Value pOf(int x, int y, const char* s) {
    return structOf(kP, {Value::ofInt(x), Value::ofInt(y), str(s)});
  }
  Value sOf(int n) { return structOf(kS, {Value::ofInt(n)}); }
  Value errorsNew(const char* text) {
    Value e = structOf(kErrorString, {str(text)});
    Value p = Value::ofRef(e.o, kPtrErrorString);
    p.aux = kWholeObject;
    return p;
  }

  std::string sprintf(std::string_view format, std::vector<Value> args) {
    std::string out;
    REQUIRE(gol::lib::formatPrintf(*this, out, format, args.data(), args.size()));
    return out;
  }
  std::string sprint(std::vector<Value> args) {
    std::string out;
    REQUIRE(gol::lib::formatPrint(*this, out, args.data(), args.size()));
    return out;
  }
  std::string sprintln(std::vector<Value> args) {
    std::string out;
    REQUIRE(gol::lib::formatPrintln(*this, out, args.data(), args.size()));
    return out;
  }
};

}  // namespace

TEST_CASE("fmt: padding and flags", "[fmt]") {
  TestEnv e;
  CHECK(e.sprintf("%05s|%-05d|%05t|%5t|", {e.str("ab"), e.integer(3), e.boolean(true),
                                           e.integer(1)}) == "000ab|3    |0true|%!t(int=    1)|");
  CHECK(e.sprintf("%x %X %o %b %#x %#o %08b %+06d %x",
                  {e.integer(255), e.integer(255), e.integer(8), e.integer(5), e.integer(255),
                   e.integer(8), e.integer(5), e.integer(42), e.integer(-255)}) ==
        "ff FF 10 101 0xff 010 00000101 +00042 -ff");
  CHECK(e.sprintf("%*d|%-*d|%.*f", {e.integer(5), e.integer(1), e.integer(4), e.integer(2),
                                    e.integer(2), e.flt(3.14159)}) == "    1|2   |3.14");
  CHECK(e.sprintf("%6.2f|%-6.2f|%.2s|%t", {e.flt(3.14159), e.flt(2.5), e.str("hello"),
                                           e.integer(5)}) == "  3.14|2.50  |he|%!t(int=5)");
  CHECK(e.sprintf("%5.1f|%-8v|%8v|", {e.flt(3.14159), e.str("ab"),
                                      e.sliceOf(kSliceInt, {Value::ofInt(1), Value::ofInt(2)})}) ==
        "  3.1|ab      |[       1        2]|");
  CHECK(e.sprintf("%[2]d %[1]d %d", {e.integer(1), e.integer(2)}) == "2 1 2");
  CHECK(e.sprintf("%t %v %08.2f %+d %+q", {e.boolean(false), e.boolean(true), e.flt(-1.5),
                                           e.integer(0), e.str("\xc3\xa9")}) ==
        "false true -0001.50 +0 \"\\u00e9\"");
}

TEST_CASE("fmt: floats", "[fmt]") {
  TestEnv e;
  CHECK(e.sprintf("%v %#v %v %v %v", {e.flt(1e20), e.flt(1e20), e.flt(1e21), e.flt(1000000.0),
                                      e.flt(123456.0)}) == "1e+20 1e+20 1e+21 1e+06 123456");
  CHECK(e.sprintf("%.3g %.3g %g %g %e %G", {e.flt(1.0), e.flt(100.0), e.flt(1e-5), e.flt(0.0001),
                                            e.flt(0.0), e.flt(1e-7)}) ==
        "1 100 1e-05 0.0001 0.000000e+00 1E-07");
  CHECK(e.sprintf("%v %v %v %08.3f|%+.2f|% .2f|%6.2f",
                  {e.flt(INFINITY), e.flt(-INFINITY), e.flt(NAN), e.flt(-3.14159), e.flt(2.5),
                   e.flt(2.5), e.flt(INFINITY)}) == "+Inf -Inf NaN -003.142|+2.50| 2.50|  +Inf");
  CHECK(e.sprintf("%v %.2v %10.3v|", {e.flt(1.0 / 3), e.flt(1.0 / 3), e.flt(2.0 / 3)}) ==
        "0.3333333333333333 0.33      0.667|");
  CHECK(e.sprintf("%e %E %.2e %g %g", {e.flt(123456.789), e.flt(0.000123), e.flt(1.0), e.flt(1e100),
                                       e.flt(double(1.1f), kTidFloat32)}) ==
        "1.234568e+05 1.230000E-04 1.00e+00 1e+100 1.1");
  CHECK(e.sprintf("%.0f %.0f %.0f %.1f", {e.flt(0.5), e.flt(1.5), e.flt(2.5), e.flt(0.05)}) ==
        "0 2 2 0.1");
  CHECK(e.sprintln({e.flt(3.0), e.flt(double(0.1f), kTidFloat32), e.flt(1e-5)}) == "3 0.1 1e-05\n");
}

TEST_CASE("fmt: runes, strings and bytes", "[fmt]") {
  TestEnv e;
  CHECK(e.sprintf("%c %q %U %#U %q",
                  {e.integer('A', kTidInt32), e.integer('x', kTidInt32), e.integer(0x1F600),
                   e.integer('a', kTidInt32), e.str("hi\n\"\xc3\xa9\x01")}) ==
        "A 'x' U+1F600 U+0061 'a' \"hi\\n\\\"\xc3\xa9\\x01\"");
  Value hi = e.sliceOf(kSliceByte, {Value::ofInt('h'), Value::ofInt('i')});
  CHECK(e.sprintf("%x % x %#x %X", {e.str("hello"), hi, e.str("hi"),
                                    e.sliceOf(kSliceByte, {Value::ofInt(1), Value::ofInt(171)})}) ==
        "68656c6c6f 68 69 0x6869 01AB");
  CHECK(e.sprintf("%s %v %d", {hi, hi, hi}) == "hi [104 105] [104 105]");
  CHECK(e.sprintf("%q", {e.sliceOf(kSliceString, {e.str("a"), e.str("b")})}) == "[\"a\" \"b\"]");
}

TEST_CASE("fmt: errors in the format", "[fmt]") {
  TestEnv e;
  CHECK(e.sprintf("%d %s", {e.str("hi"), e.integer(3)}) == "%!d(string=hi) %!s(int=3)");
  CHECK(e.sprintf("%d %d", {e.integer(1)}) == "1 %!d(MISSING)");
  CHECK(e.sprintf("%d\n", {e.integer(1), e.integer(2), e.str("x")}) ==
        "1\n%!(EXTRA int=2, string=x)");
  CHECK(e.sprintf("%!", {}) == "%!!(MISSING)");
  CHECK(e.sprintf("%", {}) == "%!(NOVERB)");
  CHECK(e.sprintf("%v %d %T %T", {Value(), Value(), Value(), e.integer(3)}) ==
        "<nil> %!d(<nil>) <nil> int");
  CHECK(e.sprintf("%w", {e.errorsNew("x")}) == "%!w(*errors.errorString=&{x})");
}

TEST_CASE("fmt: composite values", "[fmt]") {
  TestEnv e;
  Value p = e.pOf(1, 2, "a");
  CHECK(e.sprintf("%v %+v %#v", {p, p, p}) == "{1 2 a} {X:1 Y:2 s:a} main.P{X:1, Y:2, s:\"a\"}");
  Value pp = Value::ofRef(p.o, kPtrP);
  pp.aux = kWholeObject;
  CHECK(e.sprintf("%v %+v", {pp, e.sliceOf(kSlicePtrInt, {Value()})}) == "&{1 2 a} [<nil>]");
  // String methods are used for the operand and exported nested values only.
  CHECK(e.sprintln({e.structOf(kW, {e.sOf(1), e.sOf(2)}), e.sliceOf(kSliceS, {e.sOf(3)}),
                    e.mapOf(kMapStringS, {{e.str("k"), e.sOf(4)}})}) ==
        "{S<1> {2}} [S<3>] map[k:S<4>]\n");
  Value arr = Value::ofRef(e.array(2, ElemKind::U8, kArrBool2, kTidBool), kArrBool2);
  static_cast<ArrayObj*>(arr.o)->set(0, Value::ofInt(1));
  CHECK(e.sprintln(
            {e.mapOf(kMapStringInt, {{e.str("b"), Value::ofInt(2)}, {e.str("a"), Value::ofInt(1)}}),
             e.sliceOf(kSliceString, {e.str("a"), e.str("b")}), arr}) ==
        "map[a:1 b:2] [a b] [true false]\n");
  Value nilSlice;
  nilSlice.tid = kSliceString;
  CHECK(e.sprintf("%#v %#v %#v %#v", {e.sliceOf(kSliceInt, {Value::ofInt(1), Value::ofInt(2)}),
                                      e.mapOf(kMapStringInt, {{e.str("a"), Value::ofInt(1)}}),
                                      e.str("s"), nilSlice}) ==
        "[]int{1, 2} map[string]int{\"a\":1} \"s\" []string(nil)");
  CHECK(e.sprintf("%#v", {nilSlice}) == "[]string(nil)");
  CHECK(
      e.sprintf("%T %T %T %T", {p, pp, e.sliceOf(kSliceP, {}), e.mapOf(kMapStringSliceInt, {})}) ==
      "main.P *main.P []main.P map[string][]int");
  CHECK(e.sprintf("%s %v", {e.errorsNew("x"), e.structOf(kStructE, {Value()})}) == "x {<nil>}");
}

TEST_CASE("fmt: Print spacing and methods", "[fmt]") {
  TestEnv e;
  CHECK(e.sprint({e.str("a"), e.integer(1), e.integer(2), e.str("b"), e.str("c"), e.flt(3.5),
                  Value(), e.str("\n")}) == "a1 2bc3.5 <nil>\n");
  CHECK(e.sprintln({e.errorsNew("boom"), Value(), e.flt(3.0)}) == "boom <nil> 3\n");
  CHECK(e.sprintf("%v|%.2f|%d", {e.flt(21.5, kCelsius), e.flt(21.5, kCelsius),
                                 e.integer(7, kTidInt)}) == "21.5C|21.50|7");
  std::string out;
  Value bad = e.sliceOf(kSliceS, {});
  e.types[kSliceS].methods = {{1, 0}};
  CHECK_FALSE(gol::lib::formatPrintln(e, out, &bad, 1));
}

TEST_CASE("fmt: Errorf wrapping", "[fmt]") {
  TestEnv e;
  std::vector<Value> args{e.str("ctx"), e.errorsNew("inner")};
  std::string out;
  std::vector<int> wrapped;
  REQUIRE(gol::lib::formatPrintf(e, out, "%s: %w", args.data(), args.size(), &wrapped));
  CHECK(out == "ctx: inner");
  CHECK(wrapped == std::vector<int>{1});
  out.clear();
  wrapped.clear();
  // Every %w is recorded, error or not; a non-error operand prints %!w(...).
  REQUIRE(gol::lib::formatPrintf(e, out, "%w %[2]w %[2]w", args.data(), 2, &wrapped));
  CHECK(out == "%!w(string=ctx) inner inner");
  CHECK(wrapped == std::vector<int>{0, 1, 1});
  out.clear();
  REQUIRE(gol::lib::formatPrintf(e, out, "%w", args.data(), 1));
  CHECK(out == "%!w(string=ctx)");
}

TEST_CASE("strconv-style float formatting", "[fmt]") {
  using gol::lib::formatFloat;
  CHECK(formatFloat(3.0, 'f', -1, 64) == "3");
  CHECK(formatFloat(1.5, 'e', -1, 64) == "1.5e+00");
  CHECK(formatFloat(0.1, 'g', -1, 32) == "0.1");
  CHECK(formatFloat(1234.5678, 'f', 2, 64) == "1234.57");
  CHECK(formatFloat(-0.0, 'f', -1, 64) == "-0");
  CHECK(formatFloat(123456789.0, 'g', -1, 64) == "1.23456789e+08");
  CHECK(gol::lib::quoteString("a\tb\xff", false) == "\"a\\tb\\xff\"");
  std::string u;
  CHECK(gol::lib::unquote("\"a\\tb\"", u));
  CHECK(u == "a\tb");
  CHECK_FALSE(gol::lib::unquote("\"a", u));
}

TEST_CASE("fmt: hexadecimal and binary floats", "[fmt]") {
  TestEnv e;
  CHECK(e.sprintf("%x %X %x %x %.2x %.0x %x %b %b",
                  {e.flt(3.5), e.flt(3.5), e.flt(1.0), e.flt(0.0), e.flt(1.999), e.flt(1.5),
                   e.flt(-0.1), e.flt(1.0), e.flt(0.5, kTidFloat32)}) ==
        "0x1.cp+01 0X1.CP+01 0x1p+00 0x0p+00 0x1.00p+01 0x1p+01 -0x1.999999999999ap-04 "
        "4503599627370496p-52 8388608p-24");
  using gol::lib::formatFloat;
  CHECK(formatFloat(5e-324, 'b', -1, 64) == "1p-1074");
  CHECK(formatFloat(0.1, 'x', -1, 32) == "0x1.99999ap-04");
  CHECK(formatFloat(1e300, 'x', 3, 64) == "0x1.7e4p+996");
}

TEST_CASE("fmt: bad widths, precisions and indexes", "[fmt]") {
  TestEnv e;
  CHECK(
      e.sprintf("%*d|%.*d|%[3]d|%[0]d|%[x]d|%[2]d %d|%-+ #0d",
                {e.str("w"), e.integer(1), e.str("p"), e.integer(2), e.integer(5), e.integer(6)}) ==
      "%!(BADWIDTH)1|%!(BADPREC)2|%!d(string=p)|%!d(BADINDEX)|%!d(BADINDEX)|1 "
      "%!d(string=p)|+2");
  CHECK(e.sprintf("%d %d %[1]d %d", {e.integer(1), e.integer(2)}) == "1 2 1 2");
  CHECK(e.sprintf("%[5]d", {e.integer(1)}) == "%!d(BADINDEX)");
  CHECK(e.sprintf("%.2s|%.5d|%8.3d|%-8.3x|%+.3d",
                  {e.str("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), e.integer(42), e.integer(7),
                   e.integer(255), e.integer(3)}) ==
        "\xe6\x97\xa5\xe6\x9c\xac|00042|     007|0ff     |+003");
  CHECK(e.sprintf("%v %v\n", {e.integer(1), e.integer(2), e.integer(3)}) == "1 2\n%!(EXTRA int=3)");
  CHECK(e.sprintf("%\xc3\xa9 %d", {e.integer(1), e.integer(2)}) == "%!\xc3\xa9(int=1) 2");
}
