// encoding/json's encoder: walks a value by its run-time type (Go's
// encode.go rules: Marshaler and TextMarshaler, struct tags, sorted map
// keys, []byte as base64, cycles, Go's float and string forms).
#pragma once

#include <string>
#include <unordered_set>

#include "runtime/lib/json_fields.hpp"

namespace gol::lib::json {

// Why encoding stopped (json.gol builds Go's error value from it).
enum class EncodeFail : int {
  None = 0,
  UnsupportedType = 1,   // typeName
  UnsupportedValue = 2,  // text
  Marshaler = 3,         // typeName, text = "MarshalJSON"/"MarshalText", err
  MarshalerSyntax = 4,   // typeName, text = the SyntaxError's message, offset
  Message = 5,           // text: an error made with errors.New
  Panic = 6,             // a method panicked: the panic is pending
};

class Encoder {
 public:
  Encoder(vm::TypeInfo& ti, TypeCache& tc, bool escapeHTML)
      : ti_(ti), tc_(tc), escapeHTML_(escapeHTML) {}
  // Encodes v of static type tid; addr is its address when the value is
  // addressable (pointer methods then apply), else null.
  bool encode(const vm::Value& v, uint32_t tid, const vm::Value* addr);

  std::string out;
  EncodeFail fail = EncodeFail::None;
  std::string failType, failText;
  int64_t failOffset = 0;
  vm::Value failErr;

 private:
  bool callMarshaler(const vm::RtMethod& m, const vm::Value& recv, uint32_t recvTid,
                     uint32_t errTid, bool text);
  bool encodeStruct(const vm::Value& v, uint32_t tid, bool addressable);
  bool encodeMap(const vm::Value& v, uint32_t tid);
  bool encodeList(vm::ArrayObj* arr, uint32_t off, uint32_t len, uint32_t elemTid,
                  bool addressable);
  bool encodeFloat(double f, int bits);
  bool isEmpty(const vm::Value& v, uint32_t tid) const;
  bool isZero(const vm::Value& v, uint32_t tid);
  bool enterRef(vm::Object* o, uint32_t tid);
  void leaveRef(vm::Object* o);
  bool unsupportedType(uint32_t tid);
  void writeString(std::string_view s, bool escapeHTML);

  vm::TypeInfo& ti_;
  TypeCache& tc_;
  bool escapeHTML_;
  int refDepth_ = 0;
  std::unordered_set<vm::Object*> seen_;
};

// Go's JSON string form of s.
void appendQuoted(std::string& out, std::string_view s, bool escapeHTML);
// Go's isValidNumber (the JSON number grammar).
bool isValidNumber(std::string_view s);
// Standard base64 with padding.
void appendBase64(std::string& out, std::string_view bytes);

}  // namespace gol::lib::json
