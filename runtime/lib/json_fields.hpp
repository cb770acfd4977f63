// encoding/json's view of types: the fields of a struct as JSON sees them
// (Go's typeFields: tag names and options, promotion through embedded
// structs, the dominance rules for conflicting names) and the methods it
// calls, both resolved once per type and cached for the program's life.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/typeinfo.hpp"

namespace gol::lib::json {

struct Field {
  std::string name;               // the JSON key
  std::string lowerName;          // ASCII-folded, for case-insensitive matching
  std::string keyEsc, keyNonEsc;  // `"name":` with and without HTML escaping
  // The way from the outer struct to the field: one step per embedded
  // field passed through, the last being the field itself.
  struct Step {
    uint32_t idx = 0;  // field index in the struct at that step
    uint32_t tid = 0;  // that field's type
    bool exported = false;
  };
  std::vector<Step> path;
  uint32_t tid = 0;  // the field's type
  bool tagged = false;
  bool omitEmpty = false;
  bool omitZero = false;
  bool quoted = false;  // ,string on a scalar field
};

struct StructFields {
  std::vector<Field> list;
  std::unordered_map<std::string, size_t> byName;
};

// The methods encoding/json looks for.
struct Methods {
  vm::MethodKey marshalJSON, marshalText, unmarshalJSON, unmarshalText, isZero;
};

class TypeCache {
 public:
  explicit TypeCache(const vm::TypeInfo& ti);
  const StructFields& fields(uint32_t structTid);
  const Methods& methods() const { return methods_; }
  const vm::TypeInfo& ti() const { return *ti_; }
  void rebind(const vm::TypeInfo& ti) { ti_ = &ti; }
  // (Re)reads the method names and the types json creates.
  void resolve();
  size_t typesSeen() const { return typesSeen_; }
  uint32_t numberTid = 0;  // encoding/json.Number
  uint32_t anySliceTid = 0, anyMapTid = 0;

 private:
  const vm::TypeInfo* ti_;
  size_t typesSeen_ = 0;
  Methods methods_;
  std::unordered_map<uint32_t, std::unique_ptr<StructFields>> fields_;
};

// The cache of the running program (built on first use; the REPL's
// appended types get entries as they are met).
TypeCache& typeCache(vm::TypeInfo& ti);

}  // namespace gol::lib::json
