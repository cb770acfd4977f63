// Go's heap profile (runtime.MemProfile, runtime.MemProfileRate): which
// allocations are sampled, the records kept per allocation stack, and the
// frees of sampled objects that the collector finds.
//
// Sampling is malloc.go's: a countdown of bytes drawn from an exponential
// distribution with mean MemProfileRate, which every allocation decrements
// by its size (the heap's fast path, Heap::noteAlloc); the allocation that
// exhausts it is sampled (the slow path, sample) and a new countdown drawn.
// Rate 1 samples every allocation, 0 none. Sizes are Go's: what its
// allocator would hand out for the object (go_sizes.hpp), and objects Go's
// tiny allocator packs into shared 16-byte blocks are profiled as those
// blocks, freed when the last object in them dies.
//
// Records are published as mprof.go does: MemProfile reports allocations
// and frees as of the last completed collection (before any collection:
// everything so far), so a profile never shows allocations the collector
// has not had a chance to free.
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace gol::vm {

struct FuncProto;
struct Object;

// One frame of an allocation's stack: the function and its pc index (the
// instruction after the running one, as a frame's saved pc; see
// runtime/lib/func_pc.hpp). A null fn stands for Go's runtime.goexit, the
// bottom of every goroutine.
struct ProfileFrame {
  const FuncProto* fn;
  uint32_t pcIndex;
};

// Reports the stack of the goroutine that is allocating (the VM).
class AllocStackSource {
 public:
  virtual ~AllocStackSource() = default;
  // Writes up to max frames, innermost first; returns how many.
  virtual uint32_t allocStack(ProfileFrame* out, uint32_t max) = 0;
};

class MemProfile {
 public:
  static constexpr int64_t kDefaultRate = 512 * 1024;  // runtime.MemProfileRate's
  static constexpr uint32_t kMaxStack = 32;            // MemProfileRecord.Stack0's length

  // Bytes that may still be allocated before the next sample; the heap's
  // fast path decrements it and calls sample when it reaches zero.
  int64_t countdown;

  MemProfile();
  void setStackSource(AllocStackSource* s) { stacks_ = s; }
  // runtime.MemProfileRate was assigned: Go's allocator reads it on every
  // allocation, so a new rate takes effect at once.
  void setRate(int64_t rate);
  int64_t rate() const { return rate_; }

  // The countdown ran out at o, an allocation of `size` Go bytes; tiny:
  // Go would pack it into a shared 16-byte block.
  void sample(Object* o, uint64_t size, bool tiny);
  // The collector frees o, a sampled object (o->profileBlock != 0).
  void freed(const Object* o);
  // A collection's sweep is over: its frees and the allocations before it
  // become what MemProfile reports.
  void published();

  struct Counts {
    int64_t allocs = 0, frees = 0, allocBytes = 0, freeBytes = 0;
    void add(const Counts& c) {
      allocs += c.allocs;
      frees += c.frees;
      allocBytes += c.allocBytes;
      freeBytes += c.freeBytes;
    }
  };
  struct Record {
    std::vector<ProfileFrame> stack;
    uint64_t size = 0;
    Counts visible;  // as of the last completed collection
    Counts pending;  // since then
  };
  // runtime.MemProfile's records, in the order of their first sample:
  // those with memory in use, or all (inuseZero).
  std::vector<const Record*> records(bool inuseZero);

 private:
  int64_t nextSample();
  static constexpr uint32_t kNoRecord = UINT32_MAX;
  // The record of the running goroutine's stack and this size (kNoRecord:
  // no goroutine runs).
  uint32_t recordFor(uint64_t size);
  uint32_t newBlock(uint32_t record, uint64_t size, Object* o);

  // A block Go's allocator would hand out: one sampled object, or a tiny
  // block shared by several (members).
  struct Block {
    uint32_t record = 0;
    uint32_t members = 0;
    uint64_t size = 0;
  };

  AllocStackSource* stacks_ = nullptr;
  int64_t rate_ = kDefaultRate;
  uint64_t rng_ = 0x9E3779B97F4A7C15ull;
  std::vector<Record> records_;
  std::unordered_map<std::string, uint32_t> recordIndex_;  // by size and stack bytes
  std::vector<Block> blocks_;                              // index = Object::profileBlock
  std::vector<uint32_t> freeBlocks_;
  // Go's current tiny block (mcache.tiny): filled on by later tiny objects
  // while every allocation is sampled (rate 1); a collection retires it.
  uint32_t tinyBlock_ = 0;
  uint64_t tinyOffset_ = 0;
  std::vector<ProfileFrame> stackBuf_;
  std::string keyBuf_;
};

}  // namespace gol::vm
