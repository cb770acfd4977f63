// encoding/xml's Marshal (Go's marshal.go rules; see xml_codec.hpp).
#include <charconv>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "runtime/lib/xml_codec.hpp"
#include "runtime/lib/xml_token.hpp"
#include "vm/map.hpp"
#include "vm/vm.hpp"

namespace gol::lib::xml {

using vm::ArrayObj;
using vm::RtKind;
using vm::Value;

namespace {

class Printer {
 public:
  Printer(vm::TypeInfo& ti, const std::string& prefix, const std::string& indent, bool putNewline,
          std::string& out)
      : ti_(ti), prefix_(prefix), indent_(indent), putNewline_(putNewline), out_(out) {}

  bool value(Value v, uint32_t tid, const XmlField* finfo);
  XmlResult result;

 private:
  // Go's printer.writeIndent.
  void writeIndent(int delta) {
    if (prefix_.empty() && indent_.empty()) return;
    if (delta < 0) {
      --depth_;
      if (indentedIn_) {
        indentedIn_ = false;
        return;
      }
      indentedIn_ = false;
    }
    if (putNewline_)
      out_ += '\n';
    else
      putNewline_ = true;
    out_ += prefix_;
    for (int i = 0; i < depth_; ++i) out_ += indent_;
    if (delta > 0) {
      ++depth_;
      indentedIn_ = true;
    }
  }
  void writeStart(const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& attrs) {
    writeIndent(1);
    out_ += '<';
    out_ += name;
    for (const auto& a : attrs) {
      out_ += ' ';
      out_ += a.first;
      out_ += "=\"";
      escapeText(out_, a.second);
      out_ += '"';
    }
    out_ += '>';
  }
  void writeEnd(const std::string& name) {
    writeIndent(-1);
    out_ += "</";
    out_ += name;
    out_ += '>';
  }
  bool unsupported(uint32_t tid) {
    result.fail = XmlFail::UnsupportedType;
    result.text = ti_.name(tid);
    return false;
  }
  // Drills through pointers and interfaces; false when nil.
  bool indirect(Value* v, uint32_t* tid) {
    for (;;) {
      RtKind k = ti_.kind(*tid);
      if (k == RtKind::Interface) {
        if (v->tid == 0) return false;
        *tid = v->tid;
      } else if (k == RtKind::Pointer) {
        if (!v->o) return false;
        *v = ti_.loadPointee(*v, *tid);
        *tid = ti_.under(*tid).elem;
      } else {
        return true;
      }
    }
  }
  // Go's marshalSimple: the text of a scalar (or byte slice/array).
  bool simple(const Value& v, uint32_t tid, std::string* s) {
    const vm::RtType& t = ti_.under(tid);
    RtKind k = t.kind;
    if (isIntKind(k))
      *s = std::to_string(v.i);
    else if (isUintKind(k))
      *s = std::to_string(v.u);
    else if (k == RtKind::Float32)
      *s = formatFloat(v.f, 'g', -1, 32);
    else if (k == RtKind::Float64)
      *s = formatFloat(v.f, 'g', -1, 64);
    else if (k == RtKind::Bool)
      *s = v.i ? "true" : "false";
    else if (k == RtKind::String)
      *s = std::string(vm::strView(v));
    else if (k == RtKind::Slice && ti_.kind(t.elem) == RtKind::Uint8)
      *s = std::string(byteSliceView(v));
    else if (k == RtKind::Array && ti_.kind(t.elem) == RtKind::Uint8) {
      auto* a = static_cast<ArrayObj*>(v.o);
      s->clear();
      for (uint32_t i = 0; a && i < a->len; ++i) *s += char(a->get(i).i);
    } else {
      return false;
    }
    return true;
  }
  bool isEmpty(const Value& v, uint32_t tid) {
    const vm::RtType& t = ti_.under(tid);
    switch (t.kind) {
      case RtKind::Array: return t.len == 0;
      case RtKind::Map: return !v.o || static_cast<vm::MapObj*>(v.o)->size() == 0;
      case RtKind::Slice: return vm::sliceLen(v) == 0;
      case RtKind::String: return vm::strView(v).empty();
      case RtKind::Float32:
      case RtKind::Float64: return v.f == 0;
      case RtKind::Interface: return v.tid == 0;
      case RtKind::Pointer: return !v.o;
      case RtKind::Struct: return false;
      default: return t.kind >= RtKind::Bool && t.kind <= RtKind::Uintptr && v.i == 0;
    }
  }
  // The value of field f of struct object obj; false when an embedded
  // pointer on the way is nil.
  bool fieldValue(ArrayObj* obj, uint32_t structTid, const std::vector<uint32_t>& path,
                  Value* out) {
    uint32_t tid = structTid;
    for (size_t k = 0; k < path.size(); ++k) {
      const vm::RtField& f = ti_.under(tid).fields[path[k]];
      Value fv = obj->values()[path[k]];
      if (k + 1 == path.size()) {
        *out = fv;
        return true;
      }
      tid = f.tid;
      if (ti_.kind(tid) == RtKind::Pointer) {
        if (!fv.o) return false;
        fv = ti_.loadPointee(fv, tid);
        tid = ti_.under(tid).elem;
      }
      obj = static_cast<ArrayObj*>(fv.o);
    }
    return false;
  }
  bool structBody(ArrayObj* obj, uint32_t tid, const XmlStruct& si);

  vm::TypeInfo& ti_;
  const std::string& prefix_;
  const std::string& indent_;
  bool putNewline_;
  std::string& out_;
  int depth_ = 0;
  bool indentedIn_ = false;
};

bool Printer::value(Value v, uint32_t tid, const XmlField* finfo) {
  if (finfo && finfo->omitEmpty && isEmpty(v, tid)) return true;
  if (!indirect(&v, &tid)) return true;
  const vm::RtType& t = ti_.under(tid);
  if ((t.kind == RtKind::Slice || t.kind == RtKind::Array) && ti_.kind(t.elem) != RtKind::Uint8) {
    ArrayObj* arr;
    uint32_t off = 0, len;
    if (t.kind == RtKind::Slice) {
      auto* s = static_cast<vm::SliceObj*>(v.o);
      if (!s) return true;
      arr = s->array;
      off = s->off;
      len = s->len;
    } else {
      arr = static_cast<ArrayObj*>(v.o);
      len = arr ? arr->len : 0;
    }
    for (uint32_t i = 0; i < len; ++i)
      if (!value(arr->get(off + i), t.elem, finfo)) return false;
    return true;
  }
  std::string name;
  const XmlStruct* si = t.kind == RtKind::Struct ? &structInfo(ti_, tid) : nullptr;
  if (si && !si->error.empty()) {
    result.fail = XmlFail::Message;
    result.text = si->error;
    return false;
  }
  ArrayObj* obj = si ? static_cast<ArrayObj*>(v.o) : nullptr;
  if (si && si->hasXmlName) {
    Value nv;
    if (fieldValue(obj, tid, si->xmlName.path, &nv) &&
        ti_.kind(si->xmlName.tid) == RtKind::Struct && ti_.name(si->xmlName.tid) == "xml.Name") {
      auto* n = static_cast<ArrayObj*>(nv.o);
      name = std::string(vm::strView(n->values()[1]));
    }
    if (name.empty()) name = si->xmlName.name;
  }
  if (name.empty() && finfo) name = finfo->name;
  if (name.empty()) {
    const vm::RtType& nt = ti_.type(tid);
    // Go's Type.Name: defined and predeclared types have one.
    if (nt.named || (nt.kind >= RtKind::Bool && nt.kind <= RtKind::String)) {
      name = nt.name;
      size_t br = name.find('[');
      if (br != std::string::npos) name.resize(br);
      size_t dot = name.rfind('.');
      if (dot != std::string::npos) name = name.substr(dot + 1);
    }
    if (name.empty()) return unsupported(tid);
  }
  std::vector<std::pair<std::string, std::string>> attrs;
  if (si) {
    for (const XmlField& f : si->fields) {
      if (f.mode != FieldMode::Attr) continue;
      Value fv;
      if (!fieldValue(obj, tid, f.path, &fv)) continue;
      uint32_t ft = f.tid;
      if (f.omitEmpty && isEmpty(fv, ft)) continue;
      if (!indirect(&fv, &ft)) continue;
      std::string s;
      if (!simple(fv, ft, &s)) return unsupported(ft);
      attrs.emplace_back(f.name, std::move(s));
    }
  }
  std::string text;
  if (!si && !simple(v, tid, &text)) return unsupported(tid);
  writeStart(name, attrs);
  if (si) {
    if (!structBody(obj, tid, *si)) return false;
  } else {
    escapeText(out_, text);
  }
  writeEnd(name);
  return true;
}

bool Printer::structBody(ArrayObj* obj, uint32_t tid, const XmlStruct& si) {
  std::vector<std::string> stack;  // Go's parentStack
  auto trim = [&](const std::vector<std::string>& parents) {
    size_t split = 0;
    while (split < parents.size() && split < stack.size() && parents[split] == stack[split])
      ++split;
    for (size_t i = stack.size(); i-- > split;) writeEnd(stack[i]);
    stack.resize(split);
  };
  for (const XmlField& f : si.fields) {
    if (f.mode == FieldMode::Attr) continue;
    Value fv;
    if (!fieldValue(obj, tid, f.path, &fv)) continue;
    uint32_t ft = f.tid;
    switch (f.mode) {
      case FieldMode::CharData: {
        if (!indirect(&fv, &ft)) continue;
        std::string s;
        if (simple(fv, ft, &s)) escapeText(out_, s);
        continue;
      }
      case FieldMode::Comment: {
        if (!indirect(&fv, &ft)) continue;
        const vm::RtType& t = ti_.under(ft);
        if (!(t.kind == RtKind::String ||
              (t.kind == RtKind::Slice && ti_.kind(t.elem) == RtKind::Uint8))) {
          result.fail = XmlFail::Message;
          result.text = "xml: bad type for comment field of " + ti_.name(tid);
          return false;
        }
        std::string s;
        simple(fv, ft, &s);
        if (s.empty()) continue;
        if (s.find("--") != std::string::npos) {
          result.fail = XmlFail::Message;
          result.text = "xml: comments must not contain \"--\"";
          return false;
        }
        writeIndent(0);
        out_ += "<!--";
        out_ += s;
        if (s.back() == '-') out_ += ' ';
        out_ += "-->";
        continue;
      }
      case FieldMode::InnerXML: {
        if (!indirect(&fv, &ft)) continue;
        const vm::RtType& t = ti_.under(ft);
        if (t.kind == RtKind::String && !ti_.type(ft).named)
          out_ += vm::strView(fv);
        else if (t.kind == RtKind::Slice && ti_.kind(t.elem) == RtKind::Uint8 &&
                 !ti_.type(ft).named)
          out_ += byteSliceView(fv);
        else
          break;
        continue;
      }
      default: break;
    }
    trim(f.parents);
    if (f.parents.size() > stack.size()) {
      RtKind k = ti_.kind(ft);
      bool nilRef = (k == RtKind::Pointer && !fv.o) || (k == RtKind::Interface && fv.tid == 0);
      if (!nilRef)
        for (size_t i = stack.size(); i < f.parents.size(); ++i) {
          writeStart(f.parents[i], {});
          stack.push_back(f.parents[i]);
        }
    }
    if (!value(fv, ft, &f)) return false;
  }
  trim({});
  return true;
}

}  // namespace

XmlResult marshal(vm::TypeInfo& ti, const Value& v, const std::string& prefix,
                  const std::string& indent, bool putNewline, std::string& out) {
  Printer p(ti, prefix, indent, putNewline, out);
  if (v.tid != 0) p.value(v, v.tid, nullptr);
  return p.result;
}

}  // namespace gol::lib::xml
