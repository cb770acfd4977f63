// Natives of package encoding/xml: Marshal and Unmarshal over the run-time
// type information (xml_codec), the raw tokenizer and escaping (xml_token).
// Errors travel back as a kind and a text; encoding_xml.gol builds Go's
// error values from them.
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/xml_codec.hpp"
#include "runtime/lib/xml_token.hpp"
#include "vm/heap.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// marshal(v any, prefix, indent string, putNewline bool) (b []byte, kind int, text string)
NativeStatus marshalNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  vm::TypeInfo ti(ctx.vm, ctx.g);
  std::string out;
  std::string prefix(vm::strView(regs[1])), indent(vm::strView(regs[2]));
  xml::XmlResult r = xml::marshal(ti, regs[0], prefix, indent, regs[3].i != 0, out);
  regs[0] = r.fail == xml::XmlFail::None ? ctx.newByteSlice(out) : Value();
  regs[1] = Value::ofInt(int64_t(r.fail));
  regs[2] = ctx.newString(r.text);
  return NativeStatus::Ok;
}

// unmarshal(data []byte, v any) (kind int, text string, line, end int): end is
// the offset just past the element decoded
NativeStatus unmarshalNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  std::string_view data = byteSliceView(regs[0]);
  Value target = regs[1];
  vm::TypeInfo ti(ctx.vm, ctx.g);
  xml::XmlResult r;
  if (target.tid == 0 || ti.kind(target.tid) != vm::RtKind::Pointer) {
    r.fail = xml::XmlFail::Message;
    r.text = "non-pointer passed to Unmarshal";
  } else if (!target.o) {
    r.fail = xml::XmlFail::Message;
    r.text = "nil pointer passed to Unmarshal";
  } else {
    r = xml::unmarshal(ctx, ti, data, target);
  }
  regs[0] = Value::ofInt(int64_t(r.fail));
  regs[1] = ctx.newString(r.text);
  regs[2] = Value::ofInt(r.line);
  regs[3] = Value::ofInt(int64_t(r.end));
  return NativeStatus::Ok;
}

// rawToken(data []byte, pos, line int) (kind int, space, local, attrs string,
// text []byte, selfClosing bool, npos, nline int): attrs as
// space\x00local\x00value\x00 triples; kind 7 an error (text, nline).
NativeStatus rawTokenNative(NativeCtx& ctx, Value* regs) {
  std::string_view data = byteSliceView(regs[0]);
  size_t pos = size_t(regs[1].i);
  if (pos > data.size()) pos = data.size();
  xml::Tokenizer tok(data, pos, int(regs[2].i));
  xml::XmlToken t = tok.next();
  std::string attrs;
  for (const xml::XmlAttr& a : t.attrs) {
    attrs += a.name.space;
    attrs += '\0';
    attrs += a.name.local;
    attrs += '\0';
    attrs += a.value;
    attrs += '\0';
  }
  regs[0] = Value::ofInt(int64_t(t.kind));
  regs[1] = ctx.newString(t.name.space);
  regs[2] = ctx.newString(t.name.local);
  regs[3] = ctx.newString(attrs);
  regs[4] = ctx.newByteSlice(t.text);
  regs[5] = Value::ofBool(tok.pendingEnd());
  regs[6] = Value::ofInt(int64_t(tok.pos()));
  regs[7] = Value::ofInt(tok.line());
  return NativeStatus::Ok;
}

// escapeText(s []byte, escapeNewline bool) []byte
NativeStatus escapeTextNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  xml::escapeText(out, byteSliceView(regs[0]), regs[1].i != 0);
  regs[0] = ctx.newByteSlice(out);
  return NativeStatus::Ok;
}

}  // namespace

void registerEncodingXmlNatives() {
  static const vm::NativeEntry entries[] = {
      {"encoding/xml.marshal", marshalNative},
      {"encoding/xml.unmarshal", unmarshalNative},
      {"encoding/xml.rawToken", rawTokenNative},
      {"encoding/xml.escapeText", escapeTextNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
