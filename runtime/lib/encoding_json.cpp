// Natives of package encoding/json: the entry points over the scanner
// (json_scan), the encoder (json_encode) and the decoder (json_decode).
// Errors travel back as a kind and strings; encoding_json.gol builds Go's
// error values from them.
#include "runtime/lib/json_decode.hpp"
#include "runtime/lib/json_encode.hpp"
#include "runtime/lib/json_scan.hpp"
#include "runtime/lib/native_util.hpp"
#include "vm/heap.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

Value str(NativeCtx& ctx, std::string_view s) {
  return ctx.newString(s);
}

// marshal(v any, escapeHTML bool) (b []byte, kind int, typ string, text string, off int64, err
// error)
NativeStatus marshalNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  vm::TypeInfo ti(ctx.vm, ctx.g);
  json::TypeCache& tc = json::typeCache(ti);
  json::Encoder enc(ti, tc, regs[1].i != 0);
  Value v = regs[0];
  bool ok = v.tid == 0 ? (enc.out = "null", true) : enc.encode(v, v.tid, nullptr);
  if (!ok && enc.fail == json::EncodeFail::Panic) return NativeStatus::Panic;
  Value err = enc.failErr;
  regs[0] = ok ? ctx.newByteSlice(enc.out) : Value();
  regs[1] = Value::ofInt(int64_t(enc.fail));
  regs[2] = str(ctx, enc.failType);
  regs[3] = str(ctx, enc.failText);
  regs[4] = Value::ofInt(enc.failOffset);
  regs[5] = err;
  return NativeStatus::Ok;
}

// unmarshal(data []byte, v any, useNumber, disallowUnknown bool) (kind int,
// value, typ string, off int64, strct, field, text string, err error).
// kind: 0 ok, 1 syntax error (text, off), 2 invalid target (typ; value
// "nil"/"non-pointer"), else json::DecodeFail.
NativeStatus unmarshalNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  std::string_view data = byteSliceView(regs[0]);
  Value target = regs[1];
  bool useNumber = regs[2].i != 0, disallow = regs[3].i != 0;
  auto result = [&](int kind, std::string_view value, std::string_view typ, int64_t off,
                    std::string_view strct, std::string_view field, std::string_view text,
                    Value err) {
    regs[0] = Value::ofInt(kind);
    regs[1] = str(ctx, value);
    regs[2] = str(ctx, typ);
    regs[3] = Value::ofInt(off);
    regs[4] = str(ctx, strct);
    regs[5] = str(ctx, field);
    regs[6] = str(ctx, text);
    regs[7] = err;
    return NativeStatus::Ok;
  };
  std::string msg;
  int64_t off = 0;
  if (!json::checkValid(data, &msg, &off)) return result(1, "", "", off, "", "", msg, Value());
  vm::TypeInfo ti(ctx.vm, ctx.g);
  if (target.tid == 0) return result(2, "nil", "", 0, "", "", "", Value());
  if (ti.kind(target.tid) != vm::RtKind::Pointer)
    return result(2, "non-pointer", ti.name(target.tid), 0, "", "", "", Value());
  if (!target.o) return result(2, "nil", ti.name(target.tid), 0, "", "", "", Value());
  json::TypeCache& tc = json::typeCache(ti);
  json::Decoder dec(ctx, ti, tc, data, useNumber, disallow);
  dec.run(target, target.tid);
  if (dec.fail == json::DecodeFail::Panic) return NativeStatus::Panic;
  return result(int(dec.fail), dec.failValue, dec.failType, dec.failOffset, dec.failStruct,
                dec.failField, dec.failText, dec.failErr);
}

// valid(data []byte) bool
NativeStatus validNative(NativeCtx&, Value* regs) {
  std::string msg;
  int64_t off;
  regs[0] = Value::ofBool(json::checkValid(byteSliceView(regs[0]), &msg, &off));
  return NativeStatus::Ok;
}

// compact(src []byte, escapeHTML bool) (out []byte, msg string, off int64)
NativeStatus compactNative(NativeCtx& ctx, Value* regs) {
  std::string out, msg;
  int64_t off = 0;
  bool ok = json::compact(out, byteSliceView(regs[0]), regs[1].i != 0, &msg, &off);
  regs[0] = ok ? ctx.newByteSlice(out) : Value();
  regs[1] = str(ctx, msg);
  regs[2] = Value::ofInt(off);
  return NativeStatus::Ok;
}

// indent(src []byte, prefix, indent string) (out []byte, msg string, off int64)
NativeStatus indentNative(NativeCtx& ctx, Value* regs) {
  std::string out, msg;
  int64_t off = 0;
  bool ok = json::indent(out, byteSliceView(regs[0]), vm::strView(regs[1]), vm::strView(regs[2]),
                         &msg, &off);
  regs[0] = ok ? ctx.newByteSlice(out) : Value();
  regs[1] = str(ctx, msg);
  regs[2] = Value::ofInt(off);
  return NativeStatus::Ok;
}

// htmlEscape(src []byte) []byte
NativeStatus htmlEscapeNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  json::htmlEscape(out, byteSliceView(regs[0]));
  regs[0] = ctx.newByteSlice(out);
  return NativeStatus::Ok;
}

// scanValueEnd(data []byte, atEOF bool) (n int, msg string, off int64):
// n > 0 the length of the first value (with leading spaces), 0 more input
// needed, -1 a syntax error.
NativeStatus scanValueEndNative(NativeCtx& ctx, Value* regs) {
  std::string msg;
  int64_t off = 0;
  int64_t n = json::scanValueEnd(byteSliceView(regs[0]), regs[1].i != 0, &msg, &off);
  regs[0] = Value::ofInt(n);
  regs[1] = str(ctx, msg);
  regs[2] = Value::ofInt(off);
  return NativeStatus::Ok;
}

}  // namespace

void registerEncodingJsonNatives() {
  static const vm::NativeEntry entries[] = {
      {"encoding/json.marshal", marshalNative},
      {"encoding/json.unmarshal", unmarshalNative},
      {"encoding/json.valid", validNative},
      {"encoding/json.compact", compactNative},
      {"encoding/json.indent", indentNative},
      {"encoding/json.htmlEscape", htmlEscapeNative},
      {"encoding/json.scanValueEnd", scanValueEndNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
