// Go's package unicode over the generated tables (unicode_tables.*): the
// rune classes, case mapping and simple folding that unicode, strings,
// bytes, strconv, fmt, regexp and the templates share. Each class first
// reads the Latin-1 property byte (no search), as Go does.
#pragma once

#include <cstdint>

#include "runtime/lib/unicode_tables.hpp"

namespace gol::lib {

// unicode.Is(table, r) over a generated table.
bool inTable(ucd::TableId id, int32_t r);

bool isLetterRune(int32_t r);
bool isDigitRune(int32_t r);
bool isNumberRune(int32_t r);
bool isSpaceRune(int32_t r);
bool isUpperRune(int32_t r);
bool isLowerRune(int32_t r);
bool isTitleRune(int32_t r);
bool isPunctRune(int32_t r);
bool isSymbolRune(int32_t r);
bool isMarkRune(int32_t r);
bool isControlRune(int32_t r);
bool isPrintRune(int32_t r);
bool isGraphicRune(int32_t r);

// unicode.To: case 0 upper, 1 lower, 2 title; another case gives U+FFFD.
// *found (optional) tells whether a case range held r.
int32_t toCaseRune(int64_t whichCase, int32_t r, bool* found = nullptr);
int32_t toUpperRune(int32_t r);
int32_t toLowerRune(int32_t r);
int32_t toTitleRune(int32_t r);
// unicode.SimpleFold.
int32_t simpleFoldRune(int32_t r);

}  // namespace gol::lib
