// encoding/json's decoder: stores already-validated JSON text into a value
// by its run-time type (Go's decode.go rules: indirection through pointers
// and interfaces, Unmarshaler and TextUnmarshaler, case-insensitive field
// match, `any` as map[string]any/[]any/float64/string/bool/nil, type errors
// saved while decoding goes on).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/lib/json_fields.hpp"
#include "vm/native.hpp"

namespace gol::lib::json {

enum class DecodeFail : int {
  None = 0,
  TypeError = 3,  // *UnmarshalTypeError: value, typeName, offset, structName, field
  Err = 4,        // an error value returned by UnmarshalJSON/UnmarshalText
  Message = 5,    // text of an error made with errors.New
  Panic = 6,      // a method panicked: the panic is pending
};

class Decoder {
 public:
  Decoder(vm::NativeCtx& ctx, vm::TypeInfo& ti, TypeCache& tc, std::string_view data,
          bool useNumber, bool disallowUnknown)
      : ctx_(ctx),
        ti_(ti),
        tc_(tc),
        d_(data),
        useNumber_(useNumber),
        disallowUnknown_(disallowUnknown) {}
  // Decodes the whole (valid) input into the non-nil pointer ptr of type
  // ptrTid. False: decoding was cut short (Err, Message or Panic).
  bool run(const vm::Value& ptr, uint32_t ptrTid);

  DecodeFail fail = DecodeFail::None;
  std::string failValue, failType, failStruct, failField, failText;
  int64_t failOffset = 0;
  vm::Value failErr;

 private:
  struct Indirect {
    const vm::RtMethod* json = nullptr;  // UnmarshalJSON to call
    const vm::RtMethod* text = nullptr;  // UnmarshalText to call
    vm::Value recv;
    uint32_t recvTid = 0;
    vm::Slot slot;  // else: where to store
    uint32_t tid = 0;
  };
  Indirect indirect(vm::Slot s, uint32_t tid, bool decodingNull);
  bool value(vm::Slot s, uint32_t tid);
  bool object(vm::Slot s, uint32_t tid);
  bool array(vm::Slot s, uint32_t tid);
  bool literalStore(std::string_view item, vm::Slot s, uint32_t tid, bool fromQuoted,
                    int64_t offset);
  vm::Value valueInterface();
  vm::Value literalInterface();
  vm::Value number(std::string_view s, bool* ok);
  bool callUnmarshal(const vm::RtMethod& m, const vm::Value& recv, uint32_t recvTid,
                     std::string_view arg);
  void typeError(std::string value, uint32_t tid, int64_t offset);
  void saveMessage(std::string text);
  bool abortMessage(std::string text);
  void skipSpace();
  void skipValue();
  std::string_view literalText();
  // The string literal at off_ (unquoted into scratch when it has escapes).
  std::string_view stringLiteral(std::string& scratch);
  vm::Value newString(std::string_view s);
  void zeroInPlace(vm::Slot s, uint32_t tid);

  vm::NativeCtx& ctx_;
  vm::TypeInfo& ti_;
  TypeCache& tc_;
  std::string_view d_;
  size_t off_ = 0;
  bool useNumber_, disallowUnknown_;
  // Go's errorContext: the struct being decoded and the JSON field names
  // leading to the current value.
  vm::ArrayObj* topBox_ = nullptr;  // holds the pointer given to run
  uint32_t ctxStruct_ = 0;
  std::vector<std::string_view> fieldStack_;
};

// Unquotes a JSON string literal body (between the quotes) as Go does:
// escapes, surrogate pairs, invalid UTF-8 and lone surrogates as U+FFFD.
void unquoteInto(std::string& out, std::string_view body);

}  // namespace gol::lib::json
