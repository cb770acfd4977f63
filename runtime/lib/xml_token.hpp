// encoding/xml's tokenizer and escaping: Go's RawToken over a byte string
// (names split at the colon, no namespace translation, no nesting checks)
// with Go's syntax error texts and line numbers, and Go's EscapeText.
// Unmarshal (xml_codec) and the Decoder of encoding_xml.gol both read
// tokens from here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gol::lib::xml {

struct XmlName {
  std::string space, local;
};

struct XmlAttr {
  XmlName name;
  std::string value;
};

enum class TokKind : int {
  Eof = 0,
  Start = 1,
  End = 2,
  CharData = 3,
  Comment = 4,
  ProcInst = 5,
  Directive = 6,
  Error = 7,
};

struct XmlToken {
  TokKind kind = TokKind::Eof;
  XmlName name;                // Start, End; ProcInst: the target in name.local
  std::vector<XmlAttr> attrs;  // Start
  std::string text;            // CharData, Comment, ProcInst, Directive; Error: message
  size_t begin = 0, end = 0;   // the token's bytes in the input
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view data, size_t pos = 0, int line = 1, bool pendingEnd = false,
                     XmlName pendingName = {})
      : d_(data),
        pos_(pos),
        line_(line),
        pendingEnd_(pendingEnd),
        pending_(std::move(pendingName)) {}
  // The next raw token; Error carries Go's message and line() its line.
  XmlToken next();
  size_t pos() const { return pos_; }
  int line() const { return line_; }
  // An empty element <a/> yields Start now and End on the next call.
  bool pendingEnd() const { return pendingEnd_; }
  const XmlName& pendingName() const { return pending_; }

 private:
  bool atEnd() const { return pos_ >= d_.size(); }
  char peek() const { return d_[pos_]; }
  char get();
  XmlToken error(std::string msg);
  XmlToken eofError() { return error("unexpected EOF"); }
  bool readName(std::string* out);
  void splitName(const std::string& s, XmlName* out);
  void skipSpace();
  // Character data up to '<' (quote == 0) or to the closing quote,
  // entities replaced; false with *err set on a bad entity or EOF.
  bool readText(char quote, bool cdata, std::string* out, std::string* err);

  std::string_view d_;
  size_t pos_;
  int line_;
  bool pendingEnd_;
  XmlName pending_;
};

// Go's EscapeText (escapeNewline) / printer.EscapeString.
void escapeText(std::string& out, std::string_view s, bool escapeNewline = true);

}  // namespace gol::lib::xml
