// encoding/xml's Unmarshal (Go's read.go rules; see xml_codec.hpp): tokens
// from xml_token with Token's nesting checks, stored by run-time type.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

#include "runtime/lib/textconv.hpp"
#include "runtime/lib/xml_codec.hpp"
#include "runtime/lib/xml_token.hpp"
#include "vm/vm.hpp"

namespace gol::lib::xml {

using vm::ArrayObj;
using vm::RtKind;
using vm::Slot;
using vm::Value;

namespace {

std::string_view trimSpace(std::string_view s) {
  auto sp = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

class Reader {
 public:
  Reader(vm::NativeCtx& ctx, vm::TypeInfo& ti, std::string_view data)
      : ctx_(ctx), ti_(ti), vm_(ti.vm()), d_(data), tok_(data) {
    const auto& ts = ti.program().types;
    for (uint32_t t = vm::kFirstDynamicTid; t < ts.size(); ++t)
      if (ts[t].name == "xml.Name") nameTid_ = t;
  }

  // Go's Token: raw tokens with end tags checked against the open ones.
  bool token(XmlToken* t) {
    *t = tok_.next();
    if (t->kind == TokKind::Error) return syntax(t->text);
    if (t->kind == TokKind::Eof) {
      if (!stack_.empty()) return syntax("unexpected EOF");
      result.fail = XmlFail::Eof;
      return false;
    }
    if (t->kind == TokKind::Start) {
      stack_.push_back(t->name.local);
      std::vector<Binding> saved;
      for (const XmlAttr& a : t->attrs) {
        bool bind = a.name.space == "xmlns" || (a.name.space.empty() && a.name.local == "xmlns");
        if (!bind) continue;
        std::string prefix = a.name.space == "xmlns" ? a.name.local : "";
        auto it = ns_.find(prefix);
        saved.push_back({prefix, it != ns_.end() ? it->second : "", it != ns_.end()});
        ns_[prefix] = a.value;
      }
      saved_.push_back(std::move(saved));
      translate(&t->name, true);
      for (XmlAttr& a : t->attrs) translate(&a.name, false);
    }
    if (t->kind == TokKind::End) {
      if (stack_.empty()) return syntax("unexpected end element </" + t->name.local + ">");
      if (stack_.back() != t->name.local)
        return syntax("element <" + stack_.back() + "> closed by </" + t->name.local + ">");
      stack_.pop_back();
      translate(&t->name, true);
      std::vector<Binding> saved = std::move(saved_.back());
      saved_.pop_back();
      for (size_t i = saved.size(); i-- > 0;) {
        if (saved[i].had)
          ns_[saved[i].prefix] = saved[i].url;
        else
          ns_.erase(saved[i].prefix);
      }
    }
    return true;
  }

  bool skip() {
    int depth = 0;
    XmlToken t;
    for (;;) {
      if (!token(&t)) return false;
      if (t.kind == TokKind::Start) ++depth;
      if (t.kind == TokKind::End && depth-- == 0) return true;
    }
  }

  bool run(const Value& ptr) {
    XmlToken start;
    do {
      if (!token(&start)) return false;
    } while (start.kind != TokKind::Start);
    ArrayObj* box = vm_.heap().newArray(1, vm::ElemKind::V, 0, 0);
    box->values()[0] = ptr;
    return unmarshal(Slot{box, 0}, ptr.tid, start, 0);
  }

  // Go's Decoder.translate: a prefix to its name space URL.
  void translate(XmlName* n, bool isElementName) {
    if (n->space == "xmlns" || (n->space.empty() && !isElementName) ||
        (n->space.empty() && n->local == "xmlns"))
      return;
    if (n->space == "xml") {
      n->space = "http://www.w3.org/XML/1998/namespace";
      return;
    }
    auto it = ns_.find(n->space);
    if (it != ns_.end()) n->space = it->second;
  }

  XmlResult result;
  size_t offset() const { return tok_.pos(); }

 private:
  bool syntax(std::string msg) {
    result.fail = XmlFail::Syntax;
    result.text = std::move(msg);
    result.line = tok_.line();
    return false;
  }
  bool message(std::string msg) {
    result.fail = XmlFail::Message;
    result.text = std::move(msg);
    return false;
  }
  Value newString(std::string_view s) {
    if (s.empty()) return Value();
    return Value::ofRef(vm_.heap().newString(s), vm::kTidRef);
  }
  // Follows pointers, allocating nil ones (Go's indirect on decode).
  void indirect(Slot* s, uint32_t* tid) {
    while (ti_.kind(*tid) == RtKind::Pointer) {
      Value p = s->load();
      uint32_t elem = ti_.under(*tid).elem;
      if (!p.o) {
        p = ti_.newPointer(elem);
        s->store(p);
      }
      *s = ti_.pointeeSlot(p, *tid);
      *tid = elem;
    }
  }
  // The slot of a struct field (allocating nil embedded pointers on the way).
  Slot fieldSlot(ArrayObj* obj, uint32_t structTid, const std::vector<uint32_t>& path,
                 uint32_t* tid) {
    uint32_t t = structTid;
    for (size_t k = 0;; ++k) {
      const vm::RtField& f = ti_.under(t).fields[path[k]];
      Slot s{obj, path[k]};
      t = f.tid;
      if (k + 1 == path.size()) {
        *tid = t;
        return s;
      }
      indirect(&s, &t);
      obj = s.aggregate();
    }
  }
  // Appends a zero element to the slice in s; the slot of that element.
  Slot append(Slot s, uint32_t sliceTid) {
    const vm::RtType& t = ti_.under(sliceTid);
    auto* sl = static_cast<vm::SliceObj*>(s.load().o);
    ArrayObj* arr = sl ? sl->array : nullptr;
    uint32_t off = sl ? sl->off : 0, len = sl ? sl->len : 0, cap = sl ? sl->cap : 0;
    bool aggregate = ti_.type(t.elem).aggregate;
    if (len == cap) {
      uint32_t ncap = cap < 4 ? 4 : cap * 2;
      ArrayObj* na = vm_.heap().newArray(ncap, t.elemKind, 0, t.elem);
      for (uint32_t k = 0; k < len; ++k) {
        Value ev = arr->get(off + k);
        if (aggregate) ev = vm::aggRef(vm_.deepCopy(ev).o);
        na->set(k, ev);
      }
      if (aggregate)
        for (uint32_t k = len; k < ncap; ++k)
          na->values()[k] = vm::aggRef(vm_.newAggregate(t.elem, true));
      arr = na;
      off = 0;
      cap = ncap;
    } else if (aggregate) {
      arr->values()[off + len] = vm::aggRef(vm_.newAggregate(t.elem, true));
    } else {
      arr->set(off + len, Value());
    }
    s.store(Value::ofRef(vm_.heap().newSlice(arr, off, len + 1, cap)));
    return Slot{arr, off + len};
  }
  void setName(ArrayObj* n, const XmlName& name) {
    n->set(0, newString(name.space));
    n->set(1, newString(name.local));
  }
  // Go's copyValue: text into a scalar, string or []byte.
  bool copyValue(Slot s, uint32_t tid, std::string_view src) {
    indirect(&s, &tid);
    const vm::RtType& t = ti_.under(tid);
    RtKind k = t.kind;
    if (isIntKind(k) || isUintKind(k) || k == RtKind::Float32 || k == RtKind::Float64) {
      if (src.empty()) {
        s.store(k >= RtKind::Float32 ? Value::ofFloat(0) : Value::ofInt(0));
        return true;
      }
      std::string num(trimSpace(src));
      int bits = kindBits(k);
      const char* fn = isIntKind(k) ? "ParseInt" : isUintKind(k) ? "ParseUint" : "ParseFloat";
      auto fail = [&](const char* why) {
        return message(std::string("strconv.") + fn + ": parsing " + quoteString(num, false) +
                       ": " + why);
      };
      if (isIntKind(k)) {
        int64_t v = 0;
        const char* b = num.data() + (num.size() > 1 && num[0] == '+' ? 1 : 0);
        auto r = std::from_chars(b, num.data() + num.size(), v);
        if (r.ec == std::errc::invalid_argument || r.ptr != num.data() + num.size() || num.empty())
          return fail("invalid syntax");
        if (r.ec == std::errc::result_out_of_range ||
            (bits < 64 && (v < -(int64_t(1) << (bits - 1)) || v >= (int64_t(1) << (bits - 1)))))
          return fail("value out of range");
        s.store(Value::ofInt(v));
      } else if (isUintKind(k)) {
        uint64_t v = 0;
        const char* b = num.data() + (num.size() > 1 && num[0] == '+' ? 1 : 0);
        auto r = std::from_chars(b, num.data() + num.size(), v);
        if (r.ec == std::errc::invalid_argument || r.ptr != num.data() + num.size() || num.empty())
          return fail("invalid syntax");
        if (r.ec == std::errc::result_out_of_range || (bits < 64 && v >= (uint64_t(1) << bits)))
          return fail("value out of range");
        s.store(Value::ofInt(int64_t(v)));
      } else {
        char* end = nullptr;
        double v = std::strtod(num.c_str(), &end);
        if (num.empty() || end != num.c_str() + num.size() || std::isspace((unsigned char)num[0]))
          return fail("invalid syntax");
        if (bits == 32) v = double(float(v));
        s.store(Value::ofFloat(v));
      }
      return true;
    }
    if (k == RtKind::Bool) {
      std::string_view b = trimSpace(src);
      if (b == "1" || b == "t" || b == "T" || b == "true" || b == "TRUE" || b == "True")
        s.store(Value::ofBool(true));
      else if (b == "0" || b == "f" || b == "F" || b == "false" || b == "FALSE" || b == "False")
        s.store(Value::ofBool(false));
      else
        return message("strconv.ParseBool: parsing " + quoteString(b, false) + ": invalid syntax");
      return true;
    }
    if (k == RtKind::String) {
      s.store(newString(src));
      return true;
    }
    if (k == RtKind::Slice && ti_.kind(t.elem) == RtKind::Uint8) {
      s.store(ctx_.newByteSlice(src));
      return true;
    }
    return message("cannot unmarshal into " + ti_.name(tid));
  }
  bool unmarshalAttr(Slot s, uint32_t tid, const std::string& value) {
    indirect(&s, &tid);
    const vm::RtType& t = ti_.under(tid);
    if (t.kind == RtKind::Slice && ti_.kind(t.elem) != RtKind::Uint8)
      return unmarshalAttr(append(s, tid), t.elem, value);
    if (tid == nameTid_ && nameTid_) return true;
    return copyValue(s, tid, value);
  }
  bool unmarshal(Slot s, uint32_t tid, const XmlToken& start, int depth);
  bool unmarshalPath(const XmlStruct& si, ArrayObj* obj, uint32_t tid,
                     std::vector<std::string>& parents, const XmlToken& start, int depth,
                     bool* consumed);

  vm::NativeCtx& ctx_;
  vm::TypeInfo& ti_;
  vm::Vm& vm_;
  std::string_view d_;
  Tokenizer tok_;
  std::vector<std::string> stack_;
  struct Binding {
    std::string prefix, url;
    bool had;
  };
  std::map<std::string, std::string> ns_;    // prefix -> name space URL
  std::vector<std::vector<Binding>> saved_;  // bindings each open element replaced
  uint32_t nameTid_ = 0;
};

bool Reader::unmarshal(Slot s, uint32_t tid, const XmlToken& start, int depth) {
  // Go's maxUnmarshalDepth.
  if (depth >= 10000) return message("exceeded max depth");
  indirect(&s, &tid);
  const vm::RtType& t = ti_.under(tid);
  if (t.kind == RtKind::Interface) return skip();
  if (t.kind == RtKind::Slice && ti_.kind(t.elem) != RtKind::Uint8) {
    uint32_t n = vm::sliceLen(s.load());
    if (unmarshal(append(s, tid), t.elem, start, depth + 1)) return true;
    // Go drops the element that failed (v.SetLen(n)).
    auto* sl = static_cast<vm::SliceObj*>(s.load().o);
    s.store(Value::ofRef(vm_.heap().newSlice(sl->array, sl->off, n, sl->cap)));
    return false;
  }
  bool scalar = t.kind == RtKind::Slice || (t.kind >= RtKind::Bool && t.kind <= RtKind::String &&
                                            t.kind != RtKind::UnsafePointer);
  if (!scalar && t.kind != RtKind::Struct) return message("unknown type " + ti_.name(tid));
  if (t.kind == RtKind::Struct && tid == nameTid_) {
    setName(s.aggregate(), start.name);
    return skip();
  }
  const XmlStruct* si = t.kind == RtKind::Struct ? &structInfo(ti_, tid) : nullptr;
  if (si && !si->error.empty()) return message(si->error);
  ArrayObj* obj = si ? s.aggregate() : nullptr;
  Slot saveData, saveComment, saveXml;
  uint32_t dataTid = 0, commentTid = 0, xmlTid = 0;
  if (scalar) {
    saveData = s;
    dataTid = tid;
  }
  if (si) {
    if (si->hasXmlName) {
      if (!si->xmlName.name.empty() && si->xmlName.name != start.name.local) {
        result.fail = XmlFail::Unmarshal;
        result.text =
            "expected element type <" + si->xmlName.name + "> but have <" + start.name.local + ">";
        return false;
      }
      uint32_t ft;
      Slot ns = fieldSlot(obj, tid, si->xmlName.path, &ft);
      if (ft == nameTid_ && nameTid_) setName(ns.aggregate(), start.name);
    }
    for (const XmlAttr& a : start.attrs)
      for (const XmlField& f : si->fields)
        if (f.mode == FieldMode::Attr && f.name == a.name.local) {
          uint32_t ft;
          Slot fs = fieldSlot(obj, tid, f.path, &ft);
          if (!unmarshalAttr(fs, ft, a.value)) return false;
          break;
        }
    for (const XmlField& f : si->fields) {
      if (f.mode == FieldMode::CharData && !saveData.valid())
        saveData = fieldSlot(obj, tid, f.path, &dataTid);
      if (f.mode == FieldMode::Comment && !saveComment.valid())
        saveComment = fieldSlot(obj, tid, f.path, &commentTid);
      if (f.mode == FieldMode::InnerXML && !saveXml.valid())
        saveXml = fieldSlot(obj, tid, f.path, &xmlTid);
    }
  }
  std::string data, comment;
  size_t innerStart = tok_.pos();
  size_t innerEnd = innerStart;
  // On the heap: this frame recurses once per nesting level.
  auto tkHolder = std::make_unique<XmlToken>();
  XmlToken& tk = *tkHolder;
  for (;;) {
    if (!token(&tk)) return false;
    if (tk.kind == TokKind::Start) {
      bool consumed = false;
      std::vector<std::string> parents;
      if (si && !unmarshalPath(*si, obj, tid, parents, tk, depth, &consumed)) return false;
      if (!consumed && !skip()) return false;
    } else if (tk.kind == TokKind::End) {
      innerEnd = tk.begin;
      break;
    } else if (tk.kind == TokKind::CharData) {
      if (saveData.valid()) data += tk.text;
    } else if (tk.kind == TokKind::Comment) {
      if (saveComment.valid()) comment += tk.text;
    }
  }
  if (saveData.valid() && !copyValue(saveData, dataTid, data)) return false;
  if (saveComment.valid()) {
    uint32_t ct = commentTid;
    indirect(&saveComment, &ct);
    RtKind k = ti_.kind(ct);
    if (k == RtKind::String)
      saveComment.store(newString(comment));
    else if (k == RtKind::Slice)
      saveComment.store(ctx_.newByteSlice(comment));
  }
  if (saveXml.valid()) {
    uint32_t xt = xmlTid;
    indirect(&saveXml, &xt);
    std::string_view raw = d_.substr(innerStart, innerEnd - innerStart);
    RtKind k = ti_.kind(xt);
    if (k == RtKind::String)
      saveXml.store(newString(raw));
    else if (k == RtKind::Slice)
      saveXml.store(ctx_.newByteSlice(raw));
  }
  return true;
}

bool Reader::unmarshalPath(const XmlStruct& si, ArrayObj* obj, uint32_t tid,
                           std::vector<std::string>& parents, const XmlToken& start, int depth,
                           bool* consumed) {
  bool recurse = false;
  for (const XmlField& f : si.fields) {
    if (f.mode != FieldMode::Element || f.parents.size() < parents.size()) continue;
    bool match = true;
    for (size_t j = 0; j < parents.size(); ++j)
      if (parents[j] != f.parents[j]) match = false;
    if (!match) continue;
    if (f.parents.size() == parents.size() && f.name == start.name.local) {
      *consumed = true;
      uint32_t ft;
      Slot fs = fieldSlot(obj, tid, f.path, &ft);
      return unmarshal(fs, ft, start, depth + 1);
    }
    if (f.parents.size() > parents.size() && f.parents[parents.size()] == start.name.local) {
      recurse = true;
      parents.assign(f.parents.begin(), f.parents.begin() + long(parents.size()) + 1);
      break;
    }
  }
  if (!recurse) return true;
  *consumed = true;
  // On the heap: this frame recurses once per nesting level.
  auto tkHolder = std::make_unique<XmlToken>();
  XmlToken& tk = *tkHolder;
  for (;;) {
    if (!token(&tk)) return false;
    if (tk.kind == TokKind::Start) {
      bool sub = false;
      std::vector<std::string> p = parents;
      if (!unmarshalPath(si, obj, tid, p, tk, depth, &sub)) return false;
      if (!sub && !skip()) return false;
    } else if (tk.kind == TokKind::End) {
      return true;
    }
  }
}

}  // namespace

XmlResult unmarshal(vm::NativeCtx& ctx, vm::TypeInfo& ti, std::string_view data, const Value& ptr) {
  Reader r(ctx, ti, data);
  r.run(ptr);
  r.result.end = r.offset();
  return r.result;
}

}  // namespace gol::lib::xml
