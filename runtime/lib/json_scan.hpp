// encoding/json's scanner: Go's byte-at-a-time state machine (scanner.go),
// so that every syntax error has Go's text and offset. Valid, Compact,
// Indent, Unmarshal's validation and the Decoder's search for the end of
// the next value in a stream all step it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gol::lib::json {

// What a step reports (Go's scan* opcodes).
enum class Op : uint8_t {
  Continue,      // uninteresting byte
  BeginLiteral,  // first byte of a string, number or literal
  BeginObject,
  ObjectKey,    // just finished a key (the ':' byte)
  ObjectValue,  // just finished a non-last member value (the ',')
  EndObject,
  BeginArray,
  ArrayValue,  // the ',' after an element
  EndArray,
  SkipSpace,
  End,  // the byte after the top-level value (not part of it)
  Error,
};

class Scanner {
 public:
  Scanner() { reset(); }
  void reset();
  // Feeds one byte; bytes() counts the bytes fed.
  Op step(unsigned char c);
  // End of input: End when a complete value was scanned, else Error.
  Op eof();
  bool endTop() const { return endTop_; }
  const std::string& error() const { return err_; }
  int64_t errorOffset() const { return errOff_; }
  int64_t bytes = 0;

 private:
  enum class State : uint8_t {
    BeginValue,
    BeginValueOrEmpty,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    InStringEscU,
    InStringEscU1,
    InStringEscU12,
    InStringEscU123,
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    T,
    Tr,
    Tru,
    F,
    Fa,
    Fal,
    Fals,
    N,
    Nu,
    Nul,
    Error,
  };
  enum Parse : uint8_t { ObjectKeyP, ObjectValueP, ArrayValueP };
  Op beginValue(unsigned char c);
  Op endValue(unsigned char c);
  Op endTop(unsigned char c);
  Op fail(unsigned char c, const char* context);
  Op literalByte(unsigned char c, char want, State next, const char* context);
  Op pushParse(Parse p, State next, Op op);
  State state_ = State::BeginValue;
  std::vector<Parse> parse_;
  bool endTop_ = false;
  std::string err_;
  int64_t errOff_ = 0;
};

// Go's quoteChar for error texts: 'x', '\'', '"', '\x01'.
std::string quoteChar(unsigned char c);

// Whether data is one valid JSON value; on failure *msg and *offset are
// the SyntaxError's.
bool checkValid(std::string_view data, std::string* msg, int64_t* offset);

// Compact and Indent append to out; false on a syntax error (out then holds
// an unspecified prefix: the caller discards it).
bool compact(std::string& out, std::string_view src, bool escapeHTML, std::string* msg,
             int64_t* offset);
bool indent(std::string& out, std::string_view src, std::string_view prefix,
            std::string_view indentStr, std::string* msg, int64_t* offset);
// HTMLEscape: <, >, &, U+2028 and U+2029 inside strings as \u escapes.
void htmlEscape(std::string& out, std::string_view src);

// The end of the first JSON value in data after leading spaces (Decoder):
// >0 the offset just past it; 0 more input is needed (not at EOF); -1 a
// syntax error (msg/offset set, offset relative to data's start).
int64_t scanValueEnd(std::string_view data, bool atEOF, std::string* msg, int64_t* offset);

}  // namespace gol::lib::json
