// The heap profile: see mem_profile.hpp.
#include "vm/mem_profile.hpp"

#include <climits>
#include <cmath>
#include <cstring>

#include "vm/go_sizes.hpp"
#include "vm/object.hpp"

namespace gol::vm {

MemProfile::MemProfile() : countdown(0) {
  blocks_.emplace_back();  // block 0: "not sampled"
  stackBuf_.resize(kMaxStack);
  countdown = nextSample();
}

void MemProfile::setRate(int64_t rate) {
  if (rate == rate_) return;
  rate_ = rate;
  countdown = nextSample();
}

// malloc.go's nextSample and fastexprand: an exponentially distributed
// number of bytes with mean rate (from a 26-bit uniform draw, so at most
// about 18 times the mean).
int64_t MemProfile::nextSample() {
  if (rate_ <= 0) return INT64_MAX;
  if (rate_ == 1) return 0;
  double mean = double(rate_ > 0x7000000 ? 0x7000000 : rate_);
  constexpr int kRandomBits = 26;
  rng_ ^= rng_ << 13;  // xorshift64
  rng_ ^= rng_ >> 7;
  rng_ ^= rng_ << 17;
  uint64_t q = (rng_ >> (64 - kRandomBits)) + 1;
  double qlog = std::log2(double(q)) - kRandomBits;
  if (qlog > 0) qlog = 0;
  return int64_t(qlog * (-0.6931471805599453 * mean)) + 1;
}

uint32_t MemProfile::recordFor(uint64_t size) {
  uint32_t n = stacks_ ? stacks_->allocStack(stackBuf_.data(), kMaxStack) : 0;
  // No goroutine runs (the VM materialising constants before the program
  // starts): nothing Go would allocate.
  if (n == 0) return kNoRecord;
  keyBuf_.assign(reinterpret_cast<const char*>(&size), sizeof size);
  for (uint32_t i = 0; i < n; ++i) {
    keyBuf_.append(reinterpret_cast<const char*>(&stackBuf_[i].fn), sizeof(stackBuf_[i].fn));
    keyBuf_.append(reinterpret_cast<const char*>(&stackBuf_[i].pcIndex),
                   sizeof(stackBuf_[i].pcIndex));
  }
  auto [it, added] = recordIndex_.try_emplace(keyBuf_, uint32_t(records_.size()));
  if (added) {
    Record r;
    r.stack.assign(stackBuf_.begin(), stackBuf_.begin() + n);
    r.size = size;
    records_.push_back(std::move(r));
  }
  return it->second;
}

uint32_t MemProfile::newBlock(uint32_t record, uint64_t size, Object* o) {
  uint32_t id;
  if (!freeBlocks_.empty()) {
    id = freeBlocks_.back();
    freeBlocks_.pop_back();
  } else {
    id = uint32_t(blocks_.size());
    blocks_.emplace_back();
  }
  blocks_[id] = Block{record, 1, size};
  o->profileBlock = id;
  Counts& c = records_[record].pending;
  c.allocs++;
  c.allocBytes += int64_t(size);
  return id;
}

void MemProfile::sample(Object* o, uint64_t size, bool tiny) {
  countdown = nextSample();
  if (rate_ <= 0 || size == 0) return;  // Go allocates nothing for size 0
  if (!tiny) {
    uint32_t r = recordFor(size);
    if (r != kNoRecord) newBlock(r, size, o);
    return;
  }
  // malloc.go's tiny allocator: the object goes into the current block
  // when it fits at its alignment; else a new block, which becomes the
  // current one if it has more room left.
  if (rate_ == 1 && tinyBlock_ != 0) {
    uint64_t align = size % 8 == 0 ? 8 : size % 4 == 0 ? 4 : size % 2 == 0 ? 2 : 1;
    uint64_t off = (tinyOffset_ + align - 1) / align * align;
    if (off + size <= kGoTinySize) {
      tinyOffset_ = off + size;
      blocks_[tinyBlock_].members++;
      o->profileBlock = tinyBlock_;
      return;
    }
  }
  uint32_t r = recordFor(kGoTinySize);
  if (r == kNoRecord) return;
  uint32_t b = newBlock(r, kGoTinySize, o);
  // Below rate 1 the objects between samples are not seen here: each
  // sampled tiny object stands for its block alone.
  if (rate_ == 1 && (tinyBlock_ == 0 || size < tinyOffset_)) {
    tinyBlock_ = b;
    tinyOffset_ = size;
  }
}

void MemProfile::freed(const Object* o) {
  uint32_t id = o->profileBlock;
  Block& b = blocks_[id];
  if (--b.members != 0) return;
  Counts& c = records_[b.record].pending;
  c.frees++;
  c.freeBytes += int64_t(b.size);
  if (tinyBlock_ == id) tinyBlock_ = 0;
  freeBlocks_.push_back(id);
}

void MemProfile::published() {
  // Go retires each P's tiny block at every collection (mcache.releaseAll).
  tinyBlock_ = 0;
  tinyOffset_ = 0;
  for (Record& r : records_) {
    r.visible.add(r.pending);
    r.pending = Counts();
  }
}

std::vector<const MemProfile::Record*> MemProfile::records(bool inuseZero) {
  bool none = true;
  for (const Record& r : records_)
    if (r.visible.allocs != 0 || r.visible.frees != 0) none = false;
  // No collection yet: report everything so far (mprof.go does the same,
  // so that a program that never collects can still be profiled).
  if (none) {
    for (Record& r : records_) {
      r.visible.add(r.pending);
      r.pending = Counts();
    }
  }
  std::vector<const Record*> out;
  for (const Record& r : records_)
    if (inuseZero || r.visible.allocBytes != r.visible.freeBytes) out.push_back(&r);
  return out;
}

}  // namespace gol::vm
