// Go's memory sizes on amd64, for what gol must report in Go's units:
// slice growth (append rounds capacities to the allocator's size classes)
// and the heap profile (records carry the size Go's allocator would use).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "bytecode/rttype.hpp"

namespace gol::vm {

namespace detail {
// Go 1.19's size classes (runtime/sizeclasses.go), class 1 up.
inline constexpr uint32_t kSizeClasses[] = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,   192,
    208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,   640,
    704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,  3200,
    3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880, 12288,
    13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

constexpr uint32_t smallestClassHolding(uint32_t n) {
  for (uint32_t c : kSizeClasses)
    if (c >= n) return c;
  return 0;
}

// Class boundaries up to 1 KB are multiples of 8 and above it multiples of
// 128, so two direct tables answer every small size (as malloc.go's
// size_to_class8 and size_to_class128 do).
inline constexpr uint32_t kSmallMax = 1024, kClassMax = 32768;
inline constexpr auto kBy8 = [] {
  std::array<uint16_t, kSmallMax / 8 + 1> t{};
  for (uint32_t i = 0; i < t.size(); ++i) t[i] = uint16_t(smallestClassHolding(i * 8));
  return t;
}();
inline constexpr auto kBy128 = [] {
  std::array<uint16_t, (kClassMax - kSmallMax) / 128 + 1> t{};
  for (uint32_t i = 0; i < t.size(); ++i)
    t[i] = uint16_t(smallestClassHolding(kSmallMax + i * 128));
  return t;
}();
}  // namespace detail

// The size of the block Go's allocator hands out for an n-byte request:
// the smallest size class that holds it (malloc.go's class_to_size), or
// whole 8 KB pages past 32 KB.
inline uint64_t goRoundUpSize(uint64_t n) {
  if (n <= detail::kSmallMax) return detail::kBy8[(n + 7) >> 3];
  if (n <= detail::kClassMax) return detail::kBy128[(n - detail::kSmallMax + 127) >> 7];
  return (n + 8191) / 8192 * 8192;
}

// Go's objects under this many bytes that hold no pointers share 16-byte
// blocks (malloc.go's tiny allocator).
constexpr uint64_t kGoTinySize = 16;

struct GoLayout {
  uint64_t size = 0;
  uint64_t align = 0;  // 0 only in a default-made GoLayout
  bool hasPointers = false;
};

// unsafe.Sizeof, unsafe.Alignof and whether the collector would scan a
// value of type tid (tid 0 or unknown: one word holding a pointer).
GoLayout goLayout(const std::vector<RtType>& types, uint32_t tid);

}  // namespace gol::vm
