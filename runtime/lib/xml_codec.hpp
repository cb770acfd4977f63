// encoding/xml's Marshal and Unmarshal: values walked by their run-time
// type (vm/typeinfo) under Go's xml struct-tag rules (typeinfo.go: name,
// attr, chardata, innerxml, comment, omitempty, `a>b>c` parents, XMLName,
// embedded structs inlined).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vm/native.hpp"
#include "vm/typeinfo.hpp"

namespace gol::lib::xml {

enum class FieldMode : uint8_t { Element, Attr, CharData, InnerXML, Comment, Any };

struct XmlField {
  std::vector<uint32_t> path;  // field indices from the outer struct (embedded structs inlined)
  uint32_t tid = 0;
  std::string name;
  std::vector<std::string> parents;  // `a>b>c`: a, b
  FieldMode mode = FieldMode::Element;
  bool omitEmpty = false;
};

struct XmlStruct {
  std::vector<XmlField> fields;
  bool hasXmlName = false;
  XmlField xmlName;   // the XMLName field; its name is the tag's
  std::string error;  // Go's error for a malformed field list (a name conflict)
};

// The fields of a struct type as encoding/xml sees them (cached).
const XmlStruct& structInfo(vm::TypeInfo& ti, uint32_t structTid);

// Why Marshal or Unmarshal stopped; encoding_xml.gol builds Go's error.
enum class XmlFail : int {
  None = 0,
  UnsupportedType = 1,  // text: the type's name
  Syntax = 2,           // text, line
  Message = 3,          // text: errors.New
  Unmarshal = 4,        // text: an UnmarshalError
  Eof = 5,              // io.EOF
};

struct XmlResult {
  XmlFail fail = XmlFail::None;
  std::string text;
  int line = 0;
  size_t end = 0;  // Unmarshal: the offset just past the element read
};

// Marshals v (of its dynamic type) with Go's MarshalIndent layout;
// putNewline: an earlier Encode of the same Encoder wrote something.
XmlResult marshal(vm::TypeInfo& ti, const vm::Value& v, const std::string& prefix,
                  const std::string& indent, bool putNewline, std::string& out);

// Unmarshals the first element of data into the non-nil pointer ptr.
XmlResult unmarshal(vm::NativeCtx& ctx, vm::TypeInfo& ti, std::string_view data,
                    const vm::Value& ptr);

}  // namespace gol::lib::xml
