// Scanning and decoding of Go literal tokens, as kept verbatim in
// BasicLit::raw.
//
// scanNumberLit validates number syntax as Go's scanner does; the decoders
// run on literals the parser accepted, so they only fail on values (e.g. an
// integer beyond 128 bits).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gol {

// A malformed literal: Go's message and where Go reports it, as a byte offset
// from the literal's first character.
struct LitError {
  size_t offset = 0;
  std::string message;  // empty: no error
};

// Scans the number literal at the start of `text` the way Go's scanner does
// (a base prefix, digits with '_', a radix point, an e/E/p/P exponent, an
// 'i' suffix) and returns its length, 0 when `text` does not start with one.
// A malformed literal is still scanned whole ("0x", "1_", "1e", "0b12"), and
// `err` gets Go's message: "hexadecimal literal has no digits", "'_' must
// separate successive digits", "exponent has no digits", "invalid digit '9'
// in octal literal", ...
size_t scanNumberLit(std::string_view text, LitError& err);

// "..." with escapes, or `...` (carriage returns removed): the string's bytes.
std::string decodeStringLit(std::string_view raw);

// 'x', '\n', '\u00e9', '\377'...: the rune value (a \x or octal escape gives
// the byte value, as in Go).
int32_t decodeRuneLit(std::string_view raw);

// Numeric literals' values: BigInt::parseLiteral and ConstFloat::parseLiteral.

}  // namespace gol
