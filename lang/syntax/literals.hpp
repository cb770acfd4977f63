// Decoding of Go literal tokens, as kept verbatim in BasicLit::raw.
//
// The parser has already validated the syntax of every literal it accepts,
// so these functions only fail on values (e.g. an integer beyond 128 bits).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gol {

// "..." with escapes, or `...` (carriage returns removed): the string's bytes.
std::string decodeStringLit(std::string_view raw);

// 'x', '\n', '\u00e9', '\377'...: the rune value (a \x or octal escape gives
// the byte value, as in Go).
int32_t decodeRuneLit(std::string_view raw);

// Decimal, 0x, 0o, 0b or legacy-octal integer literal with '_' separators.
// Returns false when the value does not fit in 127 bits.
bool parseIntLit(std::string_view raw, __int128& out);

// Decimal or hexadecimal floating-point literal with '_' separators.
long double parseFloatLit(std::string_view raw);

}  // namespace gol
