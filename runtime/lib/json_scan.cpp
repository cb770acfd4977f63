// encoding/json's scanner (see json_scan.hpp): Go's scanner.go state by
// state, and the functions of Go's indent.go over it.
#include "runtime/lib/json_scan.hpp"

#include "runtime/lib/textconv.hpp"

namespace gol::lib::json {

namespace {

constexpr size_t kMaxNestingDepth = 10000;

bool isSpace(unsigned char c) {
  return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

bool isHex(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::string quoteChar(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  // strconv.Quote(string(rune(c))) with single quotes.
  std::string utf8;
  if (c < 0x80) {
    utf8 += char(c);
  } else {
    utf8 += char(0xC0 | (c >> 6));
    utf8 += char(0x80 | (c & 0x3F));
  }
  std::string q = quoteString(utf8, false);
  return "'" + q.substr(1, q.size() - 2) + "'";
}

void Scanner::reset() {
  state_ = State::BeginValue;
  parse_.clear();
  endTop_ = false;
  err_.clear();
}

Op Scanner::fail(unsigned char c, const char* context) {
  state_ = State::Error;
  err_ = "invalid character " + quoteChar(c) + " " + context;
  errOff_ = bytes;
  return Op::Error;
}

Op Scanner::pushParse(Parse p, State next, Op op) {
  state_ = next;
  parse_.push_back(p);
  if (parse_.size() <= kMaxNestingDepth) return op;
  return Op::Error;
}

Op Scanner::beginValue(unsigned char c) {
  if (isSpace(c)) return Op::SkipSpace;
  switch (c) {
    case '{':
      if (pushParse(ObjectKeyP, State::BeginStringOrEmpty, Op::BeginObject) == Op::Error)
        return fail(c, "exceeded max depth");
      return Op::BeginObject;
    case '[':
      if (pushParse(ArrayValueP, State::BeginValueOrEmpty, Op::BeginArray) == Op::Error)
        return fail(c, "exceeded max depth");
      return Op::BeginArray;
    case '"': state_ = State::InString; return Op::BeginLiteral;
    case '-': state_ = State::Neg; return Op::BeginLiteral;
    case '0': state_ = State::Zero; return Op::BeginLiteral;
    case 't': state_ = State::T; return Op::BeginLiteral;
    case 'f': state_ = State::F; return Op::BeginLiteral;
    case 'n': state_ = State::N; return Op::BeginLiteral;
    default: break;
  }
  if (c >= '1' && c <= '9') {
    state_ = State::One;
    return Op::BeginLiteral;
  }
  return fail(c, "looking for beginning of value");
}

Op Scanner::endValue(unsigned char c) {
  if (parse_.empty()) {
    state_ = State::EndTop;
    endTop_ = true;
    return endTop(c);
  }
  if (isSpace(c)) {
    state_ = State::EndValue;
    return Op::SkipSpace;
  }
  auto pop = [&] {
    parse_.pop_back();
    if (parse_.empty()) {
      state_ = State::EndTop;
      endTop_ = true;
    } else {
      state_ = State::EndValue;
    }
  };
  switch (parse_.back()) {
    case ObjectKeyP:
      if (c == ':') {
        parse_.back() = ObjectValueP;
        state_ = State::BeginValue;
        return Op::ObjectKey;
      }
      return fail(c, "after object key");
    case ObjectValueP:
      if (c == ',') {
        parse_.back() = ObjectKeyP;
        state_ = State::BeginString;
        return Op::ObjectValue;
      }
      if (c == '}') {
        pop();
        return Op::EndObject;
      }
      return fail(c, "after object key:value pair");
    case ArrayValueP:
      if (c == ',') {
        state_ = State::BeginValue;
        return Op::ArrayValue;
      }
      if (c == ']') {
        pop();
        return Op::EndArray;
      }
      return fail(c, "after array element");
  }
  return fail(c, "");
}

// The value is complete: End, with a non-space byte remembered as the
// error that the next step or eof reports (as Go's stateEndTop).
Op Scanner::endTop(unsigned char c) {
  if (!isSpace(c)) fail(c, "after top-level value");
  return Op::End;
}

Op Scanner::literalByte(unsigned char c, char want, State next, const char* context) {
  if (c == (unsigned char)want) {
    state_ = next;
    return Op::Continue;
  }
  return fail(c, context);
}

Op Scanner::step(unsigned char c) {
  switch (state_) {
    case State::BeginValue: return beginValue(c);
    case State::BeginValueOrEmpty:
      if (isSpace(c)) return Op::SkipSpace;
      if (c == ']') return endValue(c);
      return beginValue(c);
    case State::BeginStringOrEmpty:
      if (isSpace(c)) return Op::SkipSpace;
      if (c == '}') {
        parse_.back() = ObjectValueP;
        return endValue(c);
      }
      [[fallthrough]];
    case State::BeginString:
      if (isSpace(c)) return Op::SkipSpace;
      if (c == '"') {
        state_ = State::InString;
        return Op::BeginLiteral;
      }
      return fail(c, "looking for beginning of object key string");
    case State::EndValue: return endValue(c);
    case State::EndTop: return endTop(c);
    case State::InString:
      if (c == '"') {
        state_ = State::EndValue;
        return Op::Continue;
      }
      if (c == '\\') {
        state_ = State::InStringEsc;
        return Op::Continue;
      }
      if (c < 0x20) return fail(c, "in string literal");
      return Op::Continue;
    case State::InStringEsc:
      switch (c) {
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
        case '\\':
        case '/':
        case '"': state_ = State::InString; return Op::Continue;
        case 'u': state_ = State::InStringEscU; return Op::Continue;
        default: return fail(c, "in string escape code");
      }
    case State::InStringEscU:
    case State::InStringEscU1:
    case State::InStringEscU12:
    case State::InStringEscU123:
      if (!isHex(c)) return fail(c, "in \\u hexadecimal character escape");
      state_ = state_ == State::InStringEscU123 ? State::InString : State(uint8_t(state_) + 1);
      return Op::Continue;
    case State::Neg:
      if (c == '0') {
        state_ = State::Zero;
        return Op::Continue;
      }
      if (c >= '1' && c <= '9') {
        state_ = State::One;
        return Op::Continue;
      }
      return fail(c, "in numeric literal");
    case State::One:
      if (c >= '0' && c <= '9') return Op::Continue;
      [[fallthrough]];
    case State::Zero:
      if (c == '.') {
        state_ = State::Dot;
        return Op::Continue;
      }
      if (c == 'e' || c == 'E') {
        state_ = State::E;
        return Op::Continue;
      }
      return endValue(c);
    case State::Dot:
      if (c >= '0' && c <= '9') {
        state_ = State::Dot0;
        return Op::Continue;
      }
      return fail(c, "after decimal point in numeric literal");
    case State::Dot0:
      if (c >= '0' && c <= '9') return Op::Continue;
      if (c == 'e' || c == 'E') {
        state_ = State::E;
        return Op::Continue;
      }
      return endValue(c);
    case State::E:
      if (c == '+' || c == '-') {
        state_ = State::ESign;
        return Op::Continue;
      }
      [[fallthrough]];
    case State::ESign:
      if (c >= '0' && c <= '9') {
        state_ = State::E0;
        return Op::Continue;
      }
      return fail(c, "in exponent of numeric literal");
    case State::E0:
      if (c >= '0' && c <= '9') return Op::Continue;
      return endValue(c);
    case State::T: return literalByte(c, 'r', State::Tr, "in literal true (expecting 'r')");
    case State::Tr: return literalByte(c, 'u', State::Tru, "in literal true (expecting 'u')");
    case State::Tru: return literalByte(c, 'e', State::EndValue, "in literal true (expecting 'e')");
    case State::F: return literalByte(c, 'a', State::Fa, "in literal false (expecting 'a')");
    case State::Fa: return literalByte(c, 'l', State::Fal, "in literal false (expecting 'l')");
    case State::Fal: return literalByte(c, 's', State::Fals, "in literal false (expecting 's')");
    case State::Fals:
      return literalByte(c, 'e', State::EndValue, "in literal false (expecting 'e')");
    case State::N: return literalByte(c, 'u', State::Nu, "in literal null (expecting 'u')");
    case State::Nu: return literalByte(c, 'l', State::Nul, "in literal null (expecting 'l')");
    case State::Nul: return literalByte(c, 'l', State::EndValue, "in literal null (expecting 'l')");
    case State::Error: return Op::Error;
  }
  return Op::Error;
}

Op Scanner::eof() {
  if (state_ == State::Error) return Op::Error;
  if (endTop_) return Op::End;
  step(' ');
  if (endTop_) return Op::End;
  if (state_ != State::Error) {
    state_ = State::Error;
    err_ = "unexpected end of JSON input";
    errOff_ = bytes;
  }
  return Op::Error;
}

bool checkValid(std::string_view data, std::string* msg, int64_t* offset) {
  Scanner s;
  for (unsigned char c : data) {
    ++s.bytes;
    if (s.step(c) == Op::Error) {
      *msg = s.error();
      *offset = s.errorOffset();
      return false;
    }
  }
  if (s.eof() == Op::Error) {
    *msg = s.error();
    *offset = s.errorOffset();
    return false;
  }
  return true;
}

namespace {

const char kHex[] = "0123456789abcdef";

}  // namespace

bool compact(std::string& out, std::string_view src, bool escapeHTML, std::string* msg,
             int64_t* offset) {
  Scanner s;
  size_t start = 0;
  for (size_t i = 0; i < src.size(); ++i) {
    unsigned char c = (unsigned char)src[i];
    if (escapeHTML && (c == '<' || c == '>' || c == '&')) {
      out.append(src.substr(start, i - start));
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      start = i + 1;
    }
    if (escapeHTML && c == 0xE2 && i + 2 < src.size() && (unsigned char)src[i + 1] == 0x80 &&
        ((unsigned char)src[i + 2] & ~1) == 0xA8) {
      out.append(src.substr(start, i - start));
      out += "\\u202";
      out += kHex[src[i + 2] & 0xF];
      start = i + 3;
    }
    Op v = s.step(c);
    if (v >= Op::SkipSpace) {
      if (v == Op::Error) break;
      out.append(src.substr(start, i - start));
      start = i + 1;
    }
  }
  if (s.eof() == Op::Error) {
    *msg = s.error();
    *offset = s.errorOffset();
    return false;
  }
  if (start < src.size()) out.append(src.substr(start));
  return true;
}

bool indent(std::string& out, std::string_view src, std::string_view prefix,
            std::string_view indentStr, std::string* msg, int64_t* offset) {
  Scanner s;
  bool needIndent = false;
  int depth = 0;
  auto newline = [&] {
    out += '\n';
    out.append(prefix);
    for (int k = 0; k < depth; ++k) out.append(indentStr);
  };
  for (unsigned char c : src) {
    ++s.bytes;
    Op v = s.step(c);
    if (v == Op::SkipSpace) continue;
    if (v == Op::Error) break;
    if (needIndent && v != Op::EndObject && v != Op::EndArray) {
      needIndent = false;
      ++depth;
      newline();
    }
    if (v == Op::Continue) {
      out += char(c);
      continue;
    }
    switch (c) {
      case '{':
      case '[':
        needIndent = true;
        out += char(c);
        break;
      case ',':
        out += char(c);
        newline();
        break;
      case ':':
        out += ':';
        out += ' ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          needIndent = false;
        } else {
          --depth;
          newline();
        }
        out += char(c);
        break;
      default: out += char(c); break;
    }
  }
  if (s.eof() == Op::Error) {
    *msg = s.error();
    *offset = s.errorOffset();
    return false;
  }
  return true;
}

void htmlEscape(std::string& out, std::string_view src) {
  size_t start = 0;
  for (size_t i = 0; i < src.size(); ++i) {
    unsigned char c = (unsigned char)src[i];
    if (c == '<' || c == '>' || c == '&') {
      out.append(src.substr(start, i - start));
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      start = i + 1;
    }
    if (c == 0xE2 && i + 2 < src.size() && (unsigned char)src[i + 1] == 0x80 &&
        ((unsigned char)src[i + 2] & ~1) == 0xA8) {
      out.append(src.substr(start, i - start));
      out += "\\u202";
      out += kHex[src[i + 2] & 0xF];
      start = i + 3;
    }
  }
  out.append(src.substr(start));
}

int64_t scanValueEnd(std::string_view data, bool atEOF, std::string* msg, int64_t* offset) {
  Scanner s;
  for (size_t i = 0; i < data.size(); ++i) {
    ++s.bytes;
    switch (s.step((unsigned char)data[i])) {
      case Op::End: return int64_t(i);
      case Op::EndObject:
      case Op::EndArray:
        if (s.endTop()) return int64_t(i + 1);
        break;
      case Op::Error:
        *msg = s.error();
        *offset = s.errorOffset();
        return -1;
      default: break;
    }
  }
  if (!atEOF) return 0;
  if (s.step(' ') == Op::End) return int64_t(data.size());
  return 0;
}

}  // namespace gol::lib::json
