// encoding/xml's tokenizer and escaping (see xml_token.hpp).
#include "runtime/lib/xml_token.hpp"

#include <cstdio>

#include "runtime/lib/textconv.hpp"

namespace gol::lib::xml {

namespace {

bool isNameStart(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool isNameChar(unsigned char c) {
  return isNameStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}
bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// XML's Char production.
bool inCharacterRange(int32_t r) {
  return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) ||
         (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF);
}

// Go's "illegal character code %U".
std::string illegalChar(int32_t r) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "illegal character code U+%04X", unsigned(r));
  return buf;
}

}  // namespace

char Tokenizer::get() {
  char c = d_[pos_++];
  if (c == '\n') ++line_;
  return c;
}

XmlToken Tokenizer::error(std::string msg) {
  XmlToken t;
  t.kind = TokKind::Error;
  t.text = std::move(msg);
  return t;
}

void Tokenizer::skipSpace() {
  while (!atEnd() && isSpace(peek())) get();
}

bool Tokenizer::readName(std::string* out) {
  if (atEnd() || !isNameStart((unsigned char)peek())) return false;
  size_t start = pos_;
  while (!atEnd() && isNameChar((unsigned char)peek())) get();
  *out = std::string(d_.substr(start, pos_ - start));
  return true;
}

void Tokenizer::splitName(const std::string& s, XmlName* out) {
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) {
    out->space.clear();
    out->local = s;
  } else {
    out->space = s.substr(0, colon);
    out->local = s.substr(colon + 1);
  }
}

bool Tokenizer::readText(char quote, bool cdata, std::string* out, std::string* err) {
  for (;;) {
    if (atEnd()) {
      if (quote || cdata) {
        *err = cdata ? "unexpected EOF in CDATA section" : "unexpected EOF";
        return false;
      }
      return true;
    }
    char c = peek();
    if (cdata) {
      if (d_.substr(pos_, 3) == "]]>") {
        pos_ += 3;
        return true;
      }
    } else if (quote ? c == quote : c == '<') {
      if (quote) get();
      return true;
    } else if (quote && c == '<') {
      *err = "unescaped < inside quoted string";
      return false;
    } else if (!quote && d_.substr(pos_, 3) == "]]>") {
      *err = "unescaped ]]> not in CDATA section";
      return false;
    } else if (c == '&') {
      get();
      size_t start = pos_;
      while (!atEnd() && (isNameChar((unsigned char)peek()) || peek() == '#')) get();
      std::string_view ent = d_.substr(start, pos_ - start);
      bool semi = !atEnd() && peek() == ';';
      if (semi) get();
      int32_t r = -1;
      if (semi) {
        if (ent == "lt")
          r = '<';
        else if (ent == "gt")
          r = '>';
        else if (ent == "amp")
          r = '&';
        else if (ent == "apos")
          r = '\'';
        else if (ent == "quot")
          r = '"';
        else if (ent.size() > 1 && ent[0] == '#') {
          bool hex = ent[1] == 'x';
          std::string_view digits = ent.substr(hex ? 2 : 1);
          int64_t v = 0;
          bool ok = !digits.empty() && digits.size() < 9;
          for (char dc : digits) {
            int dv = dc >= '0' && dc <= '9'          ? dc - '0'
                     : hex && dc >= 'a' && dc <= 'f' ? dc - 'a' + 10
                     : hex && dc >= 'A' && dc <= 'F' ? dc - 'A' + 10
                                                     : -1;
            if (dv < 0) ok = false;
            v = v * (hex ? 16 : 10) + dv;
          }
          if (ok && v < 0x110000) r = int32_t(v);
        }
      }
      if (r < 0) {
        if (atEnd() && !semi) {
          *err = "unexpected EOF";
          return false;
        }
        *err = "invalid character entity &" + std::string(ent) + (semi ? ";" : "");
        return false;
      }
      if (!inCharacterRange(r)) {
        *err = illegalChar(r);
        return false;
      }
      appendRune(*out, r);
      continue;
    }
    if ((unsigned char)c >= 0x80 || (unsigned char)c < 0x20) {
      int width = 1;
      int32_t r = decodeRune(d_, pos_, &width);
      if (r == 0xFFFD && width == 1) {
        *err = "invalid UTF-8";
        return false;
      }
      if (!inCharacterRange(r)) {
        *err = illegalChar(r);
        return false;
      }
      if (width > 1) {
        out->append(d_.substr(pos_, size_t(width)));
        pos_ += size_t(width);
        continue;
      }
    }
    get();
    if (c == '\r') {
      // Go normalizes \r\n and lone \r to \n.
      if (!atEnd() && peek() == '\n') get();
      *out += '\n';
      continue;
    }
    *out += c;
  }
}

XmlToken Tokenizer::next() {
  if (pendingEnd_) {
    pendingEnd_ = false;
    XmlToken t;
    t.kind = TokKind::End;
    t.name = pending_;
    t.begin = t.end = pos_;
    return t;
  }
  XmlToken t;
  t.begin = pos_;
  if (atEnd()) return t;  // Eof
  std::string err;
  if (peek() != '<') {
    t.kind = TokKind::CharData;
    if (!readText(0, false, &t.text, &err)) return error(err);
    t.end = pos_;
    return t;
  }
  get();
  if (atEnd()) return eofError();
  char c = peek();
  if (c == '/') {
    get();
    std::string name;
    if (!readName(&name)) return atEnd() ? eofError() : error("expected element name after </");
    skipSpace();
    if (atEnd()) return eofError();
    if (get() != '>') return error("invalid characters between </" + name + " and >");
    t.kind = TokKind::End;
    splitName(name, &t.name);
    t.end = pos_;
    return t;
  }
  if (c == '?') {
    get();
    std::string target;
    if (!readName(&target)) return atEnd() ? eofError() : error("expected target name after <?");
    skipSpace();
    size_t start = pos_;
    for (;;) {
      if (atEnd()) return eofError();
      if (d_.substr(pos_, 2) == "?>") break;
      get();
    }
    t.kind = TokKind::ProcInst;
    t.name.local = target;
    t.text = std::string(d_.substr(start, pos_ - start));
    pos_ += 2;
    t.end = pos_;
    return t;
  }
  if (c == '!') {
    get();
    if (atEnd()) return eofError();
    if (d_.substr(pos_, 2) == "--") {
      pos_ += 2;
      size_t start = pos_;
      for (;;) {
        if (atEnd()) return eofError();
        if (d_.substr(pos_, 2) == "--") {
          if (pos_ + 2 >= d_.size()) {
            pos_ = d_.size();
            return eofError();
          }
          if (d_[pos_ + 2] != '>') return error("invalid sequence \"--\" not allowed in comments");
          break;
        }
        get();
      }
      t.kind = TokKind::Comment;
      t.text = std::string(d_.substr(start, pos_ - start));
      pos_ += 3;
      t.end = pos_;
      return t;
    }
    if (d_.substr(pos_, 7) == "[CDATA[") {
      pos_ += 7;
      t.kind = TokKind::CharData;
      if (!readText(0, true, &t.text, &err)) return error(err);
      t.end = pos_;
      return t;
    }
    // A directive: up to the '>' that balances, outside quotes.
    size_t start = pos_;
    int depth = 0;
    char q = 0;
    for (;;) {
      if (atEnd()) return eofError();
      char b = get();
      if (q) {
        if (b == q) q = 0;
        continue;
      }
      if (b == '\'' || b == '"')
        q = b;
      else if (b == '<')
        ++depth;
      else if (b == '>') {
        if (depth == 0) break;
        --depth;
      }
    }
    t.kind = TokKind::Directive;
    t.text = std::string(d_.substr(start, pos_ - 1 - start));
    t.end = pos_;
    return t;
  }
  std::string name;
  if (!readName(&name)) return error("expected element name after <");
  t.kind = TokKind::Start;
  splitName(name, &t.name);
  for (;;) {
    skipSpace();
    if (atEnd()) return eofError();
    c = peek();
    if (c == '/') {
      get();
      if (atEnd()) return eofError();
      if (get() != '>') return error("expected /> in element");
      pendingEnd_ = true;
      pending_ = t.name;
      break;
    }
    if (c == '>') {
      get();
      break;
    }
    std::string an;
    if (!readName(&an)) return error("expected attribute name in element");
    skipSpace();
    if (atEnd()) return eofError();
    if (get() != '=') return error("attribute name without = in element");
    skipSpace();
    if (atEnd()) return eofError();
    char q = peek();
    if (q != '"' && q != '\'') return error("unquoted or missing attribute value in element");
    get();
    XmlAttr a;
    splitName(an, &a.name);
    if (!readText(q, false, &a.value, &err)) return error(err);
    t.attrs.push_back(std::move(a));
  }
  t.end = pos_;
  return t;
}

void escapeText(std::string& out, std::string_view s, bool escapeNewline) {
  size_t i = 0;
  while (i < s.size()) {
    int width = 1;
    int32_t r = decodeRune(s, i, &width);
    const char* esc = nullptr;
    switch (r) {
      case '"': esc = "&#34;"; break;
      case '\'': esc = "&#39;"; break;
      case '&': esc = "&amp;"; break;
      case '<': esc = "&lt;"; break;
      case '>': esc = "&gt;"; break;
      case '\t': esc = "&#x9;"; break;
      case '\n': esc = escapeNewline ? "&#xA;" : nullptr; break;
      case '\r': esc = "&#xD;"; break;
      default:
        if (!inCharacterRange(r) || (r == 0xFFFD && width == 1)) esc = "\xEF\xBF\xBD";
    }
    if (esc)
      out += esc;
    else
      out.append(s.substr(i, size_t(width)));
    i += size_t(width);
  }
}

}  // namespace gol::lib::xml
