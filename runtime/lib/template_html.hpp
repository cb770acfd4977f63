// html/template's contextual escaping, done as the output is produced: the
// template's own text is followed through HTML's states (text, tags,
// attribute names and values, URL attributes, script bodies, comments,
// which are dropped as Go drops them), and each value an action prints is
// escaped for the state the output is in, with Go's escapers (`&lt;`,
// `&#34;`, `&#39;`, `&#43;`; URL filtering to `#ZgotmplZ` and
// normalising; JavaScript string and value escaping). Go's html/template
// computes the same contexts from the parse tree before running it; this
// tracker sees the text actually written, which agrees for templates whose
// branches end in the same context (Go rejects the others).
#pragma once

#include <string>
#include <string_view>

namespace gol::lib::tmpl {

// The html/template string types that mark trusted content.
enum class ContentType : uint8_t { Plain, HTML, HTMLAttr, JS, JSStr, URL, CSS, Srcset };

// By the value's type name ("template.HTML"...).
ContentType contentTypeOf(const std::string& typeName);

class HtmlContext {
 public:
  // Writes template text to out (without HTML comments) and follows it.
  void text(std::string_view s, std::string& out);
  // The escaped form of a printed value in the current context; err is set
  // where Go reports an error instead.
  // isString: the value is of a string kind (JavaScript quotes it).
  std::string escape(const std::string& s, ContentType ct, bool isString, std::string* err);

 private:
  enum class State : uint8_t {
    Text,
    TagName,
    Tag,
    AttrName,
    AfterName,
    BeforeValue,
    Value,  // quote_ tells which (0: unquoted)
    Comment,
    RawText,  // the body of script, style, textarea, title
  };
  enum class Attr : uint8_t { Plain, URL, JS, CSS };
  enum class UrlPart : uint8_t { Start, PreQuery, QueryOrFrag };
  void startAttr();
  void enterBody();
  void noteUrlChar(char c);

  State state_ = State::Text;
  char quote_ = 0;
  Attr attr_ = Attr::Plain;
  UrlPart urlPart_ = UrlPart::Start;
  std::string tagName_, attrName_;
  bool endTag_ = false;
  std::string rawElement_;  // script, style, textarea or title
  char jsQuote_ = 0;        // inside a JS string literal of a script body
  std::string pending_;     // an unfinished "<!-" or tag start across texts
};

}  // namespace gol::lib::tmpl
