// Go maps: a hash table keyed by Value, hashed and compared by the key's
// runtime type, iterated in insertion order.
//
// Entries live in an insertion-ordered array; an open-addressing index of
// int32 slots points into it. Deleting leaves a hole in the entry array (so
// an iteration cursor, an entry index, stays valid while the loop deletes);
// holes are squeezed out only when the table grows, and iterations from the
// front skip the holes below the first live entry once (liveFrom_).
#pragma once

#include <cstdint>
#include <vector>

#include "bytecode/rttype.hpp"
#include "bytecode/value.hpp"
#include "vm/object.hpp"

namespace gol::vm {

class Heap;

// How keys are hashed and compared: fast paths for the common key types.
enum class KeyMode : uint8_t { Int, String, Float, Generic };

struct MapEntry {
  Value key;
  Value val;
  uint64_t hash;
  bool live;
};

struct MapObj final : Object {
  uint32_t tid = 0;  // the map type
  uint32_t keyTid = 0;
  uint32_t valTid = 0;
  KeyMode mode = KeyMode::Generic;
  const std::vector<RtType>* types = nullptr;

  MapObj() : Object(ObjKind::Map) {}
  ~MapObj() override;
  void trace(Tracer& t) override;

  uint32_t size() const { return count_; }
  // Returns the value slot for `key`, or nullptr.
  Value* find(const Value& key);
  // Returns the value slot for `key`, inserting a zero Value if absent
  // (*inserted tells which). `heap` is told about storage growth.
  Value* insert(Heap& heap, const Value& key, bool* inserted);
  bool erase(const Value& key);
  void clear(Heap& heap);
  // Iteration: the first live entry at index >= cursor; returns its index
  // or -1.
  int64_t nextFrom(int64_t cursor) const;
  MapEntry& entryAt(int64_t i) { return entries_[size_t(i)]; }
  size_t storageBytes() const;

  void init(Heap& heap, uint32_t mapTid, const std::vector<RtType>& ts, uint32_t hint);

 private:
  uint64_t hashKey(const Value& k) const;
  bool keyEq(const Value& a, const Value& b) const;
  void rehash(Heap& heap, size_t newCap);

  std::vector<MapEntry> entries_;
  int32_t* index_ = nullptr;  // -1 empty, -2 deleted, else entry index
  uint32_t mask_ = 0;         // index capacity - 1 (0 = no index yet)
  uint32_t count_ = 0;
  uint32_t used_ = 0;  // index slots not empty (live + deleted)
  // No entry below this index is live: iterations that start at the front
  // skip the holes of earlier deletions once, so deleting the first entry
  // of each new range loop (Go's maplinear "iterdelete") stays linear.
  mutable size_t liveFrom_ = 0;
};

// Hashing and equality by runtime type (also used by EQIFACE, EQAGG).
uint64_t hashString(const char* p, size_t n);
uint64_t hashByType(const std::vector<RtType>& types, uint32_t tid, const Value& v);
// Compares two values of static type tid. For interface types the values
// carry their dynamic tids. Sets *uncomparable to the offending tid (and
// returns false) when a dynamic type is not comparable.
bool equalByType(const std::vector<RtType>& types, uint32_t tid, const Value& a, const Value& b,
                 uint32_t* uncomparable);

}  // namespace gol::vm
