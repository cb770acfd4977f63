// encoding/xml's view of struct fields (Go's typeinfo.go; see xml_codec.hpp).
// The tag itself is read by vm::structTagLookup, shared with encoding/json;
// the field rules differ from json's (no dominance: embedded structs are
// inlined in order), so the walk is xml's own.
#include <map>
#include <memory>

#include "runtime/lib/textconv.hpp"
#include "runtime/lib/xml_codec.hpp"

namespace gol::lib::xml {

using vm::RtKind;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  for (;;) {
    size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) return out;
    i = j + 1;
  }
}

uint32_t derefStruct(vm::TypeInfo& ti, uint32_t tid) {
  if (ti.kind(tid) == RtKind::Pointer) tid = ti.under(tid).elem;
  return ti.kind(tid) == RtKind::Struct ? tid : 0;
}

// The name in the XMLName tag of a struct type (or pointer to one), as Go's
// lookupXMLName reads it: that type's direct fields only.
std::string xmlNameTag(vm::TypeInfo& ti, uint32_t tid) {
  uint32_t st = derefStruct(ti, tid);
  if (!st) return "";
  for (const vm::RtField& g : ti.under(st).fields) {
    std::string gt;
    if (g.name != "XMLName" || !vm::structTagLookup(g.tag, "xml", &gt)) continue;
    size_t sp = gt.find(' ');
    if (sp != std::string::npos) gt = gt.substr(sp + 1);
    return gt.substr(0, gt.find(','));
  }
  return "";
}

void build(vm::TypeInfo& ti, uint32_t tid, XmlStruct& out) {
  const vm::RtType& st = ti.under(tid);
  for (uint32_t i = 0; i < st.fields.size(); ++i) {
    const vm::RtField& f = st.fields[i];
    std::string tag;
    vm::structTagLookup(f.tag, "xml", &tag);
    if ((!f.exported && !f.embedded) || tag == "-") continue;
    if (f.embedded) {
      if (uint32_t inner = derefStruct(ti, f.tid)) {
        const XmlStruct& in = structInfo(ti, inner);
        if (out.error.empty()) out.error = in.error;
        if (!out.hasXmlName && in.hasXmlName) {
          out.hasXmlName = true;
          out.xmlName = in.xmlName;
          out.xmlName.path.insert(out.xmlName.path.begin(), i);
        }
        for (XmlField fi : in.fields) {
          fi.path.insert(fi.path.begin(), i);
          out.fields.push_back(std::move(fi));
        }
        continue;
      }
    }
    XmlField fi;
    fi.path = {i};
    fi.tid = f.tid;
    size_t sp = tag.find(' ');
    if (sp != std::string::npos) tag = tag.substr(sp + 1);  // namespaces are not kept
    std::vector<std::string> tokens = split(tag, ',');
    std::string name = tokens[0];
    for (size_t k = 1; k < tokens.size(); ++k) {
      const std::string& flag = tokens[k];
      if (flag == "attr")
        fi.mode = FieldMode::Attr;
      else if (flag == "chardata" || flag == "cdata")
        fi.mode = FieldMode::CharData;
      else if (flag == "innerxml")
        fi.mode = FieldMode::InnerXML;
      else if (flag == "comment")
        fi.mode = FieldMode::Comment;
      else if (flag == "any")
        fi.mode = FieldMode::Any;
      else if (flag == "omitempty")
        fi.omitEmpty = true;
    }
    if (f.name == "XMLName") {
      fi.name = name;
      out.hasXmlName = true;
      out.xmlName = std::move(fi);
      continue;
    }
    std::string typeXmlName = xmlNameTag(ti, f.tid);
    if (name.empty()) {
      // The XMLName tag of the field's own struct type names it.
      fi.name = typeXmlName.empty() ? f.name : typeXmlName;
    } else {
      std::vector<std::string> parents = split(name, '>');
      if (parents[0].empty()) parents[0] = f.name;
      fi.name = parents.back();
      parents.pop_back();
      fi.parents = std::move(parents);
      bool element = fi.mode == FieldMode::Element || fi.mode == FieldMode::Any;
      if (element && !typeXmlName.empty() && typeXmlName != fi.name && out.error.empty())
        out.error = "xml: name " + quoteString(fi.name, false) + " in tag of " + ti.name(tid) +
                    "." + f.name + " conflicts with name " + quoteString(typeXmlName, false) +
                    " in " + ti.name(f.tid) + ".XMLName";
    }
    out.fields.push_back(std::move(fi));
  }
}

}  // namespace

const XmlStruct& structInfo(vm::TypeInfo& ti, uint32_t structTid) {
  static std::map<std::pair<const vm::Program*, uint32_t>, std::unique_ptr<XmlStruct>> cache;
  auto key = std::make_pair(&ti.program(), structTid);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  auto info = std::make_unique<XmlStruct>();
  build(ti, structTid, *info);
  auto& slot = cache[key];
  slot = std::move(info);
  return *slot;
}

}  // namespace gol::lib::xml
