// Rune classes and case mapping as Go's unicode package computes them
// (letter.go, graphic.go, digit.go), over the generated tables.
#include "runtime/lib/unicode_props.hpp"

#include "runtime/lib/textconv.hpp"

namespace gol::lib {

namespace {

using ucd::kLatin1Properties;

// Go's linearMax: short tables and Latin-1 runes are searched in order.
constexpr uint32_t kLinearMax = 18;

template <class Range>
bool inRanges(const Range* ranges, uint32_t n, uint32_t r) {
  if (n <= kLinearMax || r <= 0xFF) {
    for (uint32_t i = 0; i < n; ++i) {
      const Range& range = ranges[i];
      if (r < range.lo) return false;
      if (r <= range.hi) return range.stride == 1 || (r - range.lo) % range.stride == 0;
    }
    return false;
  }
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t m = lo + (hi - lo) / 2;
    const Range& range = ranges[m];
    if (range.lo <= r && r <= range.hi)
      return range.stride == 1 || (r - range.lo) % range.stride == 0;
    if (r < range.lo)
      hi = m;
    else
      lo = m + 1;
  }
  return false;
}

// Go's isExcludingLatin: the table's Latin-1 ranges skipped (the caller
// has answered for Latin-1 from the property bytes).
bool inTableAbove(ucd::TableId id, int32_t r, uint32_t skip) {
  const ucd::Table& t = ucd::kTables[id];
  uint32_t u = uint32_t(r);
  if (t.count16 > skip && u <= ucd::kRange16[t.first16 + t.count16 - 1].hi)
    return inRanges(ucd::kRange16 + t.first16 + skip, t.count16 - skip, u);
  if (t.count32 > 0 && u >= ucd::kRange32[t.first32].lo)
    return inRanges(ucd::kRange32 + t.first32, t.count32, u);
  return false;
}

bool excludingLatin(ucd::TableId id, int32_t r) {
  return inTableAbove(id, r, ucd::kTables[id].latinOffset);
}

bool latin1(int32_t r) {
  return uint32_t(r) <= 0xFF;
}

}  // namespace

bool inTable(ucd::TableId id, int32_t r) {
  return inTableAbove(id, r, 0);
}

bool isLetterRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPLetter) != 0;
  return excludingLatin(ucd::kL, r);
}

bool isDigitRune(int32_t r) {
  if (latin1(r)) return '0' <= r && r <= '9';
  return excludingLatin(ucd::kNd, r);
}

bool isNumberRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPN) != 0;
  return excludingLatin(ucd::kN, r);
}

bool isSpaceRune(int32_t r) {
  if (latin1(r)) {
    switch (r) {
      case '\t':
      case '\n':
      case '\v':
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0: return true;
    }
    return false;
  }
  return excludingLatin(ucd::kWhiteSpace, r);
}

bool isUpperRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPLetter) == ucd::kPLu;
  return excludingLatin(ucd::kLu, r);
}

bool isLowerRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPLetter) == ucd::kPLl;
  return excludingLatin(ucd::kLl, r);
}

bool isTitleRune(int32_t r) {
  if (latin1(r)) return false;
  return excludingLatin(ucd::kLt, r);
}

bool isPunctRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPP) != 0;
  return inTable(ucd::kP, r);
}

bool isSymbolRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPS) != 0;
  return excludingLatin(ucd::kS, r);
}

bool isMarkRune(int32_t r) {
  // No Latin-1 rune is a mark.
  return excludingLatin(ucd::kM, r);
}

bool isControlRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPC) != 0;
  return false;
}

bool isPrintRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & ucd::kPPrint) != 0;
  return inTable(ucd::kL, r) || inTable(ucd::kM, r) || inTable(ucd::kN, r) || inTable(ucd::kP, r) ||
         inTable(ucd::kS, r);
}

bool isGraphicRune(int32_t r) {
  if (latin1(r)) return (kLatin1Properties[r] & (ucd::kPPrint | ucd::kPZ)) != 0;
  return isPrintRune(r) || inTable(ucd::kZs, r);
}

int32_t toCaseRune(int64_t whichCase, int32_t r, bool* found) {
  if (found) *found = false;
  if (whichCase < 0 || whichCase > 2) return kRuneError;
  size_t lo = 0, hi = sizeof ucd::kCaseRanges / sizeof ucd::kCaseRanges[0];
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    const ucd::CaseRange& cr = ucd::kCaseRanges[m];
    if (int64_t(cr.lo) <= r && r <= int64_t(cr.hi)) {
      if (found) *found = true;
      int32_t delta = cr.delta[whichCase];
      // An UpperLower run alternates upper (even offsets) and lower case;
      // upper and title are even cases, lower odd.
      if (delta == ucd::kUpperLower)
        return int32_t(cr.lo) + (((r - int32_t(cr.lo)) & ~1) | int32_t(whichCase & 1));
      return r + delta;
    }
    if (r < int64_t(cr.lo))
      hi = m;
    else
      lo = m + 1;
  }
  return r;
}

int32_t toUpperRune(int32_t r) {
  if (uint32_t(r) < 0x80) return ('a' <= r && r <= 'z') ? r - ('a' - 'A') : r;
  return toCaseRune(0, r);
}

int32_t toLowerRune(int32_t r) {
  if (uint32_t(r) < 0x80) return ('A' <= r && r <= 'Z') ? r + ('a' - 'A') : r;
  return toCaseRune(1, r);
}

int32_t toTitleRune(int32_t r) {
  if (uint32_t(r) < 0x80) return ('a' <= r && r <= 'z') ? r - ('a' - 'A') : r;
  return toCaseRune(2, r);
}

int32_t simpleFoldRune(int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  if (r < 0x80) return ucd::kAsciiFold[r];
  // The orbits of more than two runes (K k U+212A) and the runes whose case
  // mappings mislead; every other rune folds to its other case.
  size_t lo = 0, hi = sizeof ucd::kCaseOrbit / sizeof ucd::kCaseOrbit[0];
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    if (int32_t(ucd::kCaseOrbit[m].from) < r)
      lo = m + 1;
    else
      hi = m;
  }
  if (lo < sizeof ucd::kCaseOrbit / sizeof ucd::kCaseOrbit[0] &&
      int32_t(ucd::kCaseOrbit[lo].from) == r)
    return int32_t(ucd::kCaseOrbit[lo].to);
  if (int32_t l = toLowerRune(r); l != r) return l;
  return toUpperRune(r);
}

}  // namespace gol::lib
