// Text conversions shared by fmt, strconv, strings and the builtins: UTF-8,
// Go's float formatting (strconv.FormatFloat) and Go's quoting rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The rune classes and case mapping (unicode.IsPrint, ToUpper...) that
// quoting and formatting use.
#include "runtime/lib/unicode_props.hpp"

namespace gol::lib {

constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kMaxRune = 0x10FFFF;

// Decodes the rune at s[i]; returns the rune (kRuneError for invalid UTF-8)
// and stores its width (1 for an invalid byte, 0 at the end) in *width.
int32_t decodeRune(std::string_view s, size_t i, int* width);
// Decodes the last rune of s (as utf8.DecodeLastRuneInString).
int32_t decodeLastRune(std::string_view s, int* width);
// Appends the UTF-8 encoding of r (invalid runes: U+FFFD).
void appendRune(std::string& out, int32_t r);
int runeLen(int32_t r);  // -1 for invalid runes
size_t runeCount(std::string_view s);
bool validUtf8(std::string_view s);

// strconv.FormatFloat(v, fmt, prec, bitSize) for fmt in "eEfgG"; prec < 0
// means the shortest representation that round-trips at bitSize (32 or 64).
std::string formatFloat(double v, char fmt, int prec, int bitSize);

// strconv.Quote / QuoteToASCII / QuoteRune / QuoteRuneToASCII.
std::string quoteString(std::string_view s, bool asciiOnly);
std::string quoteRune(int32_t r, bool asciiOnly);
// strconv.CanBackquote.
bool canBackquote(std::string_view s);
// strconv.Unquote; returns false on a syntax error.
bool unquote(std::string_view s, std::string& out);

}  // namespace gol::lib
