// The compression functions of the digests (MD5: RFC 1321; SHA-1, SHA-224/256,
// SHA-384/512: FIPS 180-4), the table-driven CRC-32 update and the FNV loops. The packages
// (crypto_md5.gol, crypto_sha256.gol, ...) keep the state, buffer partial
// blocks and pad in gol; these natives only run whole blocks, so the time of
// a large Write is spent here.
//
// Each block native is `block(h []uintNN, p []byte)`: p holds whole blocks
// and h is updated in place.
#include <cstdint>
#include <cstring>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

struct Bytes {
  const uint8_t* p = nullptr;
  size_t n = 0;
};

Bytes bytesOf(const Value& v) {
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s || s->len == 0) return {};
  return {s->array->bytes() + s->off, s->len};
}

// The words of a []uint32 or []uint64 state slice.
template <typename W>
W* wordsOf(const Value& v) {
  auto* s = static_cast<vm::SliceObj*>(v.o);
  return reinterpret_cast<W*>(s->array->bytes()) + s->off;
}

inline uint32_t rotl32(uint32_t x, int k) {
  return (x << k) | (x >> (32 - k));
}
inline uint32_t rotr32(uint32_t x, int k) {
  return (x >> k) | (x << (32 - k));
}
inline uint64_t rotr64(uint64_t x, int k) {
  return (x >> k) | (x << (64 - k));
}
inline uint32_t be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
inline uint32_t le32(const uint8_t* p) {
  return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}
inline uint64_t be64(const uint8_t* p) {
  return uint64_t(be32(p)) << 32 | be32(p + 4);
}

// ------------------------------------------------------------------ MD5

// The per-step additive constants: floor(abs(sin(i+1)) * 2^32).
constexpr uint32_t kMd5T[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr int kMd5S[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

void md5Blocks(uint32_t* h, const uint8_t* p, size_t n) {
  for (; n >= 64; p += 64, n -= 64) {
    uint32_t x[16];
    for (int i = 0; i < 16; ++i) x[i] = le32(p + 4 * i);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int k;
      switch (i >> 4) {
        case 0: f = (b & c) | (~b & d), k = i; break;
        case 1: f = (b & d) | (c & ~d), k = (5 * i + 1) & 15; break;
        case 2: f = b ^ c ^ d, k = (3 * i + 5) & 15; break;
        default: f = c ^ (b | ~d), k = (7 * i) & 15; break;
      }
      uint32_t t = d;
      d = c;
      c = b;
      b = b + rotl32(a + f + x[k] + kMd5T[i], kMd5S[i >> 4][i & 3]);
      a = t;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
  }
}

// ------------------------------------------------------------------ SHA-1

void sha1Blocks(uint32_t* h, const uint8_t* p, size_t n) {
  for (; n >= 64; p += 64, n -= 64) {
    uint32_t w[80];
    for (int i = 0; i < 16; ++i) w[i] = be32(p + 4 * i);
    for (int i = 16; i < 80; ++i) w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    // Four rounds of twenty steps, each with its own function and constant
    // (separate loops keep the choice out of the inner loop).
    auto step = [&](uint32_t f, uint32_t k, uint32_t wi) {
      uint32_t t = rotl32(a, 5) + f + e + k + wi;
      e = d, d = c, c = rotl32(b, 30), b = a, a = t;
    };
    for (int i = 0; i < 20; ++i) step((b & c) | (~b & d), 0x5a827999, w[i]);
    for (int i = 20; i < 40; ++i) step(b ^ c ^ d, 0x6ed9eba1, w[i]);
    for (int i = 40; i < 60; ++i) step((b & c) | (b & d) | (c & d), 0x8f1bbcdc, w[i]);
    for (int i = 60; i < 80; ++i) step(b ^ c ^ d, 0xca62c1d6, w[i]);
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
}

// ------------------------------------------------------------------ SHA-256

// First 32 bits of the fractional parts of the cube roots of the first 64 primes.
constexpr uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

void sha256Blocks(uint32_t* h, const uint8_t* p, size_t n) {
  for (; n >= 64; p += 64, n -= 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) w[i] = be32(p + 4 * i);
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t t1 = hh + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) +
                    kSha256K[i] + w[i];
      uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
}

// ------------------------------------------------------------------ SHA-512

// First 64 bits of the fractional parts of the cube roots of the first 80 primes.
constexpr uint64_t kSha512K[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

void sha512Blocks(uint64_t* h, const uint8_t* p, size_t n) {
  for (; n >= 128; p += 128, n -= 128) {
    uint64_t w[80];
    for (int i = 0; i < 16; ++i) w[i] = be64(p + 8 * i);
    for (int i = 16; i < 80; ++i) {
      uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; ++i) {
      uint64_t t1 = hh + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & f) ^ (~e & g)) +
                    kSha512K[i] + w[i];
      uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
}

template <typename W, void (*Blocks)(W*, const uint8_t*, size_t)>
NativeStatus blockNative(NativeCtx&, Value* regs) {
  Bytes b = bytesOf(regs[1]);
  if (b.n) Blocks(wordsOf<W>(regs[0]), b.p, b.n);
  return NativeStatus::Ok;
}

// Slicing-by-8 tables for one polynomial: t[0] is the byte table, t[k][b]
// the CRC of byte b followed by k zero bytes, so eight input bytes need
// eight lookups and no shifts between them.
struct Crc32Slicing {
  uint32_t poly = 0;
  uint32_t t[8][256];
};

// The tables of the last polynomial used (programs use one or two), built
// from the byte table gol made, which must be the standard one for that
// polynomial: a hand-made Table falls back to the byte loop.
const Crc32Slicing* slicingFor(const uint32_t* tab) {
  static thread_local Crc32Slicing cache[2];
  static thread_local int next = 0;
  uint32_t poly = tab[128];  // the reflected polynomial itself
  for (auto& c : cache)
    if (c.poly == poly && c.poly != 0 && std::memcmp(c.t[0], tab, sizeof c.t[0]) == 0) return &c;
  Crc32Slicing& c = cache[next];
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t crc = i;
    for (int j = 0; j < 8; ++j) crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
    if (crc != tab[i]) return nullptr;
    c.t[0][i] = crc;
  }
  for (uint32_t i = 0; i < 256; ++i)
    for (int k = 1; k < 8; ++k) c.t[k][i] = c.t[0][c.t[k - 1][i] & 0xff] ^ (c.t[k - 1][i] >> 8);
  c.poly = poly;
  next ^= 1;
  return &c;
}

// crc32.update(crc uint32, tab []uint32, p []byte) uint32: the reflected
// (LSB-first) CRC over p with a 256-entry table; pre/post inversion is here,
// as in Go's Update.
NativeStatus crc32Update(NativeCtx&, Value* regs) {
  uint32_t crc = ~uint32_t(regs[0].i);
  const uint32_t* tab = wordsOf<uint32_t>(regs[1]);
  Bytes b = bytesOf(regs[2]);
  const uint8_t* p = b.p;
  size_t n = b.n;
  if (n >= 64) {
    if (const Crc32Slicing* s = slicingFor(tab)) {
      for (; n >= 8; p += 8, n -= 8) {
        uint32_t lo = crc ^ le32(p), hi = le32(p + 4);
        crc = s->t[7][lo & 0xff] ^ s->t[6][(lo >> 8) & 0xff] ^ s->t[5][(lo >> 16) & 0xff] ^
              s->t[4][lo >> 24] ^ s->t[3][hi & 0xff] ^ s->t[2][(hi >> 8) & 0xff] ^
              s->t[1][(hi >> 16) & 0xff] ^ s->t[0][hi >> 24];
      }
    }
  }
  for (size_t i = 0; i < n; ++i) crc = tab[uint8_t(crc) ^ p[i]] ^ (crc >> 8);
  regs[0] = Value::ofInt(~crc);
  return NativeStatus::Ok;
}

// FNV (Fowler, Noll, Vo): multiply by the prime and xor each byte, in
// that order for FNV-1 and the other for FNV-1a. The natives take and
// return the running state: fnv.update32(h uint32, p []byte, a bool) uint32,
// update64 likewise, and update128(h []uint64, p []byte, a bool) on the
// two words (high, low) in place.
template <typename W>
W fnvLoop(W h, Bytes b, bool a, W prime) {
  if (a)
    for (size_t i = 0; i < b.n; ++i) h = (h ^ b.p[i]) * prime;
  else
    for (size_t i = 0; i < b.n; ++i) h = (h * prime) ^ b.p[i];
  return h;
}

NativeStatus fnvUpdate32(NativeCtx&, Value* regs) {
  uint32_t h = fnvLoop<uint32_t>(uint32_t(regs[0].i), bytesOf(regs[1]), regs[2].i != 0, 16777619u);
  regs[0] = Value::ofInt(h);
  return NativeStatus::Ok;
}

NativeStatus fnvUpdate64(NativeCtx&, Value* regs) {
  uint64_t h =
      fnvLoop<uint64_t>(uint64_t(regs[0].i), bytesOf(regs[1]), regs[2].i != 0, 1099511628211ull);
  regs[0] = Value::ofInt(int64_t(h));
  return NativeStatus::Ok;
}

NativeStatus fnvUpdate128(NativeCtx&, Value* regs) {
  uint64_t* w = wordsOf<uint64_t>(regs[0]);
  // The 128-bit prime is 2^88 + 0x13b.
  const unsigned __int128 prime = (static_cast<unsigned __int128>(1) << 88) + 0x13b;
  unsigned __int128 h = static_cast<unsigned __int128>(w[0]) << 64 | w[1];
  h = fnvLoop<unsigned __int128>(h, bytesOf(regs[1]), regs[2].i != 0, prime);
  w[0] = uint64_t(h >> 64);
  w[1] = uint64_t(h);
  return NativeStatus::Ok;
}

}  // namespace

void registerHashCoreNatives() {
  static const vm::NativeEntry entries[] = {
      {"crypto/md5.block", blockNative<uint32_t, md5Blocks>},
      {"crypto/sha1.block", blockNative<uint32_t, sha1Blocks>},
      {"crypto/sha256.block", blockNative<uint32_t, sha256Blocks>},
      {"crypto/sha512.block", blockNative<uint64_t, sha512Blocks>},
      {"hash/crc32.update", crc32Update},
      {"hash/fnv.update32", fnvUpdate32},
      {"hash/fnv.update64", fnvUpdate64},
      {"hash/fnv.update128", fnvUpdate128},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
