// html/template's contextual escaping (see template_html.hpp).
#include "runtime/lib/template_html.hpp"

#include <cctype>
#include <cstdio>

#include "runtime/lib/textconv.hpp"

namespace gol::lib::tmpl {

namespace {

const char kHexLower[] = "0123456789abcdef";

char lower(char c) {
  return char(std::tolower((unsigned char)c));
}
bool isSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool isAlpha(char c) {
  return std::isalpha((unsigned char)c) != 0;
}

// Go's htmlReplacementTable and its variants: the quote characters, the
// markup characters, '+' and NUL; unquoted attribute values also escape
// spaces, '=' and '`'. norm: '&' stays (the text is already HTML).
std::string htmlReplace(std::string_view s, bool nospace, bool norm) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\0': out += "\xEF\xBF\xBD"; continue;
      case '"': out += "&#34;"; continue;
      case '&':
        if (norm) break;
        out += "&amp;";
        continue;
      case '\'': out += "&#39;"; continue;
      case '+': out += "&#43;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      default: break;
    }
    if (nospace) {
      switch (c) {
        case '\t': out += "&#9;"; continue;
        case '\n': out += "&#10;"; continue;
        case '\v': out += "&#11;"; continue;
        case '\f': out += "&#12;"; continue;
        case '\r': out += "&#13;"; continue;
        case ' ': out += "&#32;"; continue;
        case '=': out += "&#61;"; continue;
        case '`': out += "&#96;"; continue;
        default: break;
      }
    }
    out += c;
  }
  return out;
}

// Go's stripTags, simplified: the text outside tags.
std::string stripTags(std::string_view s) {
  std::string out;
  bool inTag = false;
  for (char c : s) {
    if (inTag) {
      if (c == '>') inTag = false;
      continue;
    }
    if (c == '<') {
      inTag = true;
      continue;
    }
    out += c;
  }
  return out;
}

// Go's urlProcessor: norm keeps the reserved characters and '%'.
std::string urlProcess(std::string_view s, bool norm) {
  std::string out;
  for (unsigned char c : s) {
    bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    if (!keep && norm) {
      switch (c) {
        case '!':
        case '#':
        case '$':
        case '&':
        case '*':
        case '+':
        case ',':
        case '/':
        case ':':
        case ';':
        case '=':
        case '?':
        case '@':
        case '[':
        case ']':
        case '%': keep = true; break;
        default: break;
      }
    }
    if (keep && c < 0x80) {
      out += char(c);
      continue;
    }
    out += '%';
    out += kHexLower[c >> 4];
    out += kHexLower[c & 15];
  }
  return out;
}

// Go's urlFilter: a URL with a scheme other than http, https and mailto
// becomes "#ZgotmplZ".
std::string urlFilter(const std::string& s) {
  size_t colon = s.find(':');
  if (colon != std::string::npos && s.find('/') > colon) {
    std::string scheme;
    for (size_t i = 0; i < colon; ++i) scheme += lower(s[i]);
    if (scheme != "http" && scheme != "https" && scheme != "mailto") return "#ZgotmplZ";
  }
  return s;
}

// Go's jsStrReplacementTable (inside a JavaScript string literal).
std::string jsStrEscape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      int w = 1;
      int32_t r = decodeRune(s, i, &w);
      if (r == 0x2028 || r == 0x2029)
        out += r == 0x2028 ? "\\u2028" : "\\u2029";
      else
        out.append(s.substr(i, size_t(w)));
      i += size_t(w);
      continue;
    }
    ++i;
    switch (c) {
      case 0: out += "\\u0000"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\v': out += "\\u000b"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\u0022"; break;
      case '&': out += "\\u0026"; break;
      case '\'': out += "\\u0027"; break;
      case '+': out += "\\u002b"; break;
      case '/': out += "\\/"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < ' ') {
          out += "\\u00";
          out += kHexLower[c >> 4];
          out += kHexLower[c & 15];
        } else {
          out += char(c);
        }
    }
  }
  return out;
}

// Go's jsValEscaper for the values gol passes it: a string as a JSON
// string (with <, > and & as \u escapes), anything else as its text padded
// with spaces so that it cannot join a neighbouring token.
std::string jsValEscape(const std::string& s, bool isString) {
  if (!isString) return " " + s + " ";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80) {
      int w = 1;
      int32_t r = decodeRune(s, i, &w);
      if (r == 0x2028 || r == 0x2029)
        out += r == 0x2028 ? "\\u2028" : "\\u2029";
      else if (r == 0xFFFD && w == 1)
        out += "\\ufffd";
      else
        out.append(s.substr(i, size_t(w)));
      i += size_t(w);
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < ' ') {
          out += "\\u00";
          out += kHexLower[c >> 4];
          out += kHexLower[c & 15];
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

// Go's cssValueFilter, simplified: plain words, numbers, colours and
// lengths pass; anything that could leave the value becomes "ZgotmplZ".
std::string cssFilter(const std::string& s, ContentType ct) {
  if (ct == ContentType::CSS) return s;
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == ' ' || c == '#' || c == '%' || c == ',' || c == '-' || c == '.' ||
          c == '+' || c == '_'))
      return "ZgotmplZ";
  return s;
}

}  // namespace

ContentType contentTypeOf(const std::string& typeName) {
  if (typeName == "template.HTML") return ContentType::HTML;
  if (typeName == "template.HTMLAttr") return ContentType::HTMLAttr;
  if (typeName == "template.JS") return ContentType::JS;
  if (typeName == "template.JSStr") return ContentType::JSStr;
  if (typeName == "template.URL") return ContentType::URL;
  if (typeName == "template.CSS") return ContentType::CSS;
  if (typeName == "template.Srcset") return ContentType::Srcset;
  return ContentType::Plain;
}

void HtmlContext::startAttr() {
  std::string name = attrName_;
  if (name.compare(0, 5, "data-") == 0) {
    name = name.substr(5);
  } else if (size_t colon = name.find(':'); colon != std::string::npos) {
    if (name.substr(0, colon) == "xmlns") {
      attr_ = Attr::URL;
      urlPart_ = UrlPart::Start;
      return;
    }
    name = name.substr(colon + 1);
  }
  static const char* const urlAttrs[] = {
      "action", "archive", "background", "cite",     "classid", "codebase", "data", "formaction",
      "href",   "icon",    "longdesc",   "manifest", "poster",  "profile",  "src",  "usemap"};
  attr_ = Attr::Plain;
  for (const char* u : urlAttrs)
    if (name == u) attr_ = Attr::URL;
  if (attr_ == Attr::Plain) {
    if (name == "style")
      attr_ = Attr::CSS;
    else if (name.compare(0, 2, "on") == 0)
      attr_ = Attr::JS;
    else if (name.find("src") != std::string::npos || name.find("uri") != std::string::npos ||
             name.find("url") != std::string::npos)
      attr_ = Attr::URL;
  }
  urlPart_ = UrlPart::Start;
}

void HtmlContext::enterBody() {
  if (!endTag_ && (tagName_ == "script" || tagName_ == "style" || tagName_ == "textarea" ||
                   tagName_ == "title")) {
    state_ = State::RawText;
    rawElement_ = tagName_;
    jsQuote_ = 0;
    return;
  }
  state_ = State::Text;
}

void HtmlContext::noteUrlChar(char c) {
  if (attr_ != Attr::URL) return;
  if (c == '?' || c == '#')
    urlPart_ = UrlPart::QueryOrFrag;
  else if (urlPart_ == UrlPart::Start)
    urlPart_ = UrlPart::PreQuery;
}

void HtmlContext::text(std::string_view s, std::string& out) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    switch (state_) {
      case State::Text:
        if (c == '<') {
          if (s.substr(i, 4) == "<!--") {
            state_ = State::Comment;
            i += 4;
            continue;
          }
          if (i + 1 < s.size() && isAlpha(s[i + 1])) {
            state_ = State::TagName;
            tagName_.clear();
            endTag_ = false;
            out += c;
            ++i;
            continue;
          }
          if (i + 2 < s.size() && s[i + 1] == '/' && isAlpha(s[i + 2])) {
            state_ = State::TagName;
            tagName_.clear();
            endTag_ = true;
            out += "</";
            i += 2;
            continue;
          }
        }
        out += c;
        ++i;
        continue;
      case State::Comment:
        if (s.substr(i, 3) == "-->") {
          state_ = State::Text;
          i += 3;
          continue;
        }
        ++i;
        continue;
      case State::TagName:
        if (std::isalnum((unsigned char)c) || c == '-' || c == ':') {
          tagName_ += lower(c);
          out += c;
          ++i;
          continue;
        }
        state_ = State::Tag;
        continue;
      case State::Tag:
        out += c;
        ++i;
        if (c == '>') {
          enterBody();
        } else if (!isSpaceByte(c) && c != '/') {
          state_ = State::AttrName;
          attrName_.assign(1, lower(c));
        }
        continue;
      case State::AttrName:
      case State::AfterName:
        out += c;
        ++i;
        if (c == '=') {
          startAttr();
          state_ = State::BeforeValue;
        } else if (c == '>') {
          enterBody();
        } else if (isSpaceByte(c)) {
          state_ = State::AfterName;
        } else if (state_ == State::AfterName) {
          state_ = State::AttrName;
          attrName_.assign(1, lower(c));
        } else {
          attrName_ += lower(c);
        }
        continue;
      case State::BeforeValue:
        out += c;
        ++i;
        if (isSpaceByte(c)) continue;
        if (c == '"' || c == '\'') {
          quote_ = c;
          state_ = State::Value;
        } else if (c == '>') {
          enterBody();
        } else {
          quote_ = 0;
          state_ = State::Value;
          noteUrlChar(c);
        }
        continue;
      case State::Value:
        out += c;
        ++i;
        if (quote_ ? c == quote_ : (isSpaceByte(c) || c == '>')) {
          if (c == '>')
            enterBody();
          else
            state_ = State::Tag;
          continue;
        }
        noteUrlChar(c);
        continue;
      case State::RawText: {
        size_t n = rawElement_.size();
        if (c == '<' && i + 2 + n <= s.size() && s[i + 1] == '/') {
          bool match = true;
          for (size_t k = 0; k < n; ++k)
            if (lower(s[i + 2 + k]) != rawElement_[k]) match = false;
          if (match) {
            state_ = State::TagName;
            endTag_ = true;
            tagName_.clear();
            out += "</";
            i += 2;
            continue;
          }
        }
        if (rawElement_ == "script") {
          if (jsQuote_) {
            if (c == '\\' && i + 1 < s.size()) {
              out += c;
              out += s[i + 1];
              i += 2;
              continue;
            }
            if (c == jsQuote_) jsQuote_ = 0;
          } else if (c == '"' || c == '\'' || c == '`') {
            jsQuote_ = c;
          }
        }
        out += c;
        ++i;
        continue;
      }
    }
  }
}

std::string HtmlContext::escape(const std::string& s, ContentType ct, bool isString,
                                std::string* err) {
  (void)err;
  switch (state_) {
    case State::Text:
      if (ct == ContentType::HTML) return s;
      return htmlReplace(s, false, false);
    case State::Comment: return "";
    case State::TagName:
    case State::Tag:
    case State::AttrName:
    case State::AfterName: {
      // Go's htmlNameFilter: an attribute name made of letters and digits.
      const std::string& name = s;
      bool ok = !name.empty();
      for (char c : name)
        if (!std::isalnum((unsigned char)c) && c != '-') ok = false;
      if (!ok) return "ZgotmplZ";
      std::string lowered;
      for (char c : name) lowered += lower(c);
      if (state_ == State::Tag) {
        state_ = State::AttrName;
        attrName_ = lowered;
      } else {
        attrName_ += lowered;
      }
      return lowered;
    }
    case State::BeforeValue:
      quote_ = 0;
      state_ = State::Value;
      [[fallthrough]];
    case State::Value: {
      std::string v = s;
      if (attr_ == Attr::URL) {
        if (urlPart_ == UrlPart::QueryOrFrag) {
          v = urlProcess(v, false);
        } else {
          if (urlPart_ == UrlPart::Start && ct != ContentType::URL) v = urlFilter(v);
          v = urlProcess(v, true);
        }
        if (urlPart_ == UrlPart::Start) urlPart_ = UrlPart::PreQuery;
      } else if (attr_ == Attr::JS) {
        v = ct == ContentType::JS ? v : jsValEscape(v, isString);
      } else if (attr_ == Attr::CSS) {
        v = cssFilter(v, ct);
      }
      if (quote_ == 0) {
        if (v.empty()) return "ZgotmplZ";
        return ct == ContentType::HTML ? htmlReplace(stripTags(v), true, true)
                                       : htmlReplace(v, true, false);
      }
      return ct == ContentType::HTML ? htmlReplace(stripTags(v), false, true)
                                     : htmlReplace(v, false, false);
    }
    case State::RawText:
      if (rawElement_ == "script") {
        if (jsQuote_) return ct == ContentType::JSStr ? s : jsStrEscape(s);
        return ct == ContentType::JS ? s : jsValEscape(s, isString);
      }
      if (rawElement_ == "style") return cssFilter(s, ct);
      return ct == ContentType::HTML ? htmlReplace(s, false, true) : htmlReplace(s, false, false);
  }
  return s;
}

}  // namespace gol::lib::tmpl
