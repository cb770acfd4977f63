// Natives of package regexp: Go's regexp over Debian's libre2.
//
// RE2's parser is the one Go's regexp/syntax was ported from, so for almost
// every pattern both accept the same language and report the same error
// with the same offending text. What differs is bridged here before RE2
// sees the pattern (translateGoSyntax): Go rejects `\C` (RE2 takes it as
// "any byte"), accepts the `(?<name>re)` form of named groups (Go 1.22;
// this libre2 knows only `(?P<name>re)`), and limits nesting to 1000 levels.
// RE2's error codes are then turned into Go's texts (goErrorText).
//
// A compiled pattern is a RegexpObj on the gol heap: the collector frees the
// RE2 object with it. gol code holds it in a field it never operates on.
//
// The loops that find successive matches (Go's rule about empty matches
// after a match) and replace them are here too, so that a scan of a large
// text makes one native call.
#include <re2/re2.h>

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/heap.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// RE2's budget for a compiled pattern and its lazy DFA. Its default (8 MB)
// rejects patterns Go compiles, such as \pL{1000} (1.2M RE2 instructions:
// RE2 spells out UTF-8, Go matches runes); much more lets a hostile pattern
// compile for seconds before it fails.
constexpr int64_t kMaxMem = int64_t(32) << 20;
// Go's maxHeight: the deepest parse tree it accepts.
constexpr int kMaxNesting = 1000;

struct RegexpObj final : vm::Object {
  std::unique_ptr<re2::RE2> re;
  uint32_t intSliceTid = 0;  // []int of this program (0: not looked up yet)
  RegexpObj() : vm::Object(vm::ObjKind::Other) {}
  void trace(vm::Tracer&) override {}
};

RegexpObj* regexpOf(const Value& v) {
  return static_cast<RegexpObj*>(v.o);
}

// ---- pattern translation

struct Translation {
  std::string pattern;             // what RE2 compiles
  std::vector<uint32_t> fromExpr;  // pattern[i] came from expr[fromExpr[i]]
  std::string errorCode;           // a Go error found here ("" if none)
  std::string errorArg;

  void copy(std::string_view expr, size_t from, size_t n) {
    pattern.append(expr.substr(from, n));
    for (size_t k = 0; k < n; ++k) fromExpr.push_back(uint32_t(from + k));
  }
  void put(std::string_view text, size_t from) {
    pattern.append(text);
    for (size_t k = 0; k < text.size(); ++k) fromExpr.push_back(uint32_t(from + k));
  }
};

bool isWordByte(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Copies a character class starting at s[i] == '[' into out; returns the
// index after it (or s.size() when it does not close: RE2 reports that).
size_t copyClass(std::string_view s, size_t i, Translation& out) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '^') ++j;
  if (j < s.size() && s[j] == ']') ++j;  // a leading ] is a literal
  while (j < s.size() && s[j] != ']') {
    if (s[j] == '\\' && j + 1 < s.size()) {
      j += 2;
    } else if (s[j] == '[' && j + 1 < s.size() && s[j + 1] == ':') {
      size_t close = s.find(":]", j + 2);
      j = close == std::string_view::npos ? j + 1 : close + 2;
    } else {
      ++j;
    }
  }
  if (j < s.size()) ++j;
  out.copy(s, i, j - i);
  return j;
}

// Rewrites Go's Perl-mode syntax into what this RE2 parses the same way
// (POSIX mode needs nothing: neither accepts `\C`, `(?<` or Perl flags).
Translation translateGoSyntax(std::string_view s, bool posix) {
  Translation t;
  t.pattern.reserve(s.size() + 8);
  t.fromExpr.reserve(s.size() + 9);
  int depth = 0, maxDepth = 0;
  std::vector<bool> groupDepths;  // open groups: capturing or not
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') {
      if (i + 1 >= s.size()) {
        t.copy(s, i, 1);
        ++i;
        continue;
      }
      char e = s[i + 1];
      if (!posix && e == 'Q') {  // literal text up to \E: RE2 reads it as Go does
        size_t end = s.find("\\E", i + 2);
        size_t stop = end == std::string_view::npos ? s.size() : end + 2;
        t.copy(s, i, stop - i);
        i = stop;
        continue;
      }
      if (e == 'C') {
        t.put("\\Z", i);  // rejected by RE2 exactly where Go rejects \C
        i += 2;
        continue;
      }
      size_t n = static_cast<unsigned char>(e) < 0x80 ? 2 : 1;
      t.copy(s, i, n);
      i += n;
      continue;
    }
    if (c == '[') {
      i = copyClass(s, i, t);
      continue;
    }
    if (c == '(') {
      // Go's tree nests a node per capturing group; (?:...) adds none.
      bool capturing =
          s.substr(i, 2) != "(?" || s.substr(i, 3) == "(?<" || s.substr(i, 4) == "(?P<";
      groupDepths.push_back(capturing);
      if (capturing && ++depth > maxDepth) maxDepth = depth;
      // Go 1.22's (?<name>re) is (?P<name>re).
      if (!posix && s.substr(i, 3) == "(?<") {
        t.copy(s, i, 2);
        t.put("P", i + 2);
        t.copy(s, i + 2, 1);
        i += 3;
        continue;
      }
    } else if (c == ')' && !groupDepths.empty()) {
      if (groupDepths.back()) --depth;
      groupDepths.pop_back();
    }
    t.copy(s, i, 1);
    ++i;
  }
  t.fromExpr.push_back(uint32_t(s.size()));
  // Go's parse tree is at least one level deeper than the groups nest.
  if (maxDepth + 1 > kMaxNesting) {
    t.errorCode = "expression nests too deeply";
    t.errorArg = std::string(s);
  }
  return t;
}

const char* goErrorText(re2::RE2::ErrorCode code) {
  switch (code) {
    case re2::RE2::NoError: return "";
    case re2::RE2::ErrorInternal: return "regexp/syntax: internal error";
    case re2::RE2::ErrorBadEscape: return "invalid escape sequence";
    case re2::RE2::ErrorBadCharClass: return "invalid character class";
    case re2::RE2::ErrorBadCharRange: return "invalid character class range";
    case re2::RE2::ErrorMissingBracket: return "missing closing ]";
    case re2::RE2::ErrorMissingParen: return "missing closing )";
    case re2::RE2::ErrorUnexpectedParen: return "unexpected )";
    case re2::RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case re2::RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case re2::RE2::ErrorRepeatSize: return "invalid repeat count";
    case re2::RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case re2::RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case re2::RE2::ErrorBadUTF8: return "invalid UTF-8";
    case re2::RE2::ErrorBadNamedCapture: return "invalid named capture";
    case re2::RE2::ErrorPatternTooLarge: return "expression too large";
  }
  return "regexp/syntax: internal error";
}

// Go's Expr for an error that RE2 reports with `arg` on the translated text:
// the same part of the pattern as the user wrote it.
std::string goErrorArg(re2::RE2::ErrorCode code, const std::string& arg, std::string_view expr,
                       const Translation& t) {
  if (code == re2::RE2::ErrorBadUTF8) {
    // Go quotes the text from the first byte that is not UTF-8.
    for (size_t i = 0; i < expr.size();) {
      int w = 0;
      int32_t r = decodeRune(expr, i, &w);
      if (r == 0xFFFD && w == 1) return std::string(expr.substr(i));
      i += size_t(w > 0 ? w : 1);
    }
    return arg;
  }
  if (code == re2::RE2::ErrorPatternTooLarge) return std::string(expr);
  size_t at = t.pattern.find(arg);
  if (arg.empty() || at == std::string::npos) return arg;
  size_t from = t.fromExpr[at], to = t.fromExpr[at + arg.size()];
  // An inserted 'P' maps to the '<' after it: an arg ending there keeps '<'.
  if (at + arg.size() < t.pattern.size() && t.fromExpr[at + arg.size() - 1] == to) ++to;
  return std::string(expr.substr(from, to - from));
}

// ---- inputs and results

// The text a native searches: the string, or the []byte when useBytes.
// Never has a null data pointer: RE2 marks groups that did not take part
// with null, so an empty text must still point somewhere.
std::string_view inputText(const Value& str, const Value& bytes, bool useBytes) {
  static const char kEmpty[1] = {0};
  if (!useBytes) {
    std::string_view v = vm::strView(str);
    return v.data() ? v : std::string_view(kEmpty, 0);
  }
  auto* s = static_cast<vm::SliceObj*>(bytes.o);
  if (!s || s->len == 0) return std::string_view(kEmpty, 0);
  return std::string_view(reinterpret_cast<const char*>(s->array->bytes()) + s->off, s->len);
}

// A match's index pairs: [2*k] start, [2*k+1] end, -1 for a group that did
// not take part.
void appendPairs(std::vector<int64_t>& out, std::string_view text, const re2::StringPiece* groups,
                 int ngroups) {
  for (int k = 0; k < ngroups; ++k) {
    if (groups[k].data() == nullptr) {
      out.push_back(-1);
      out.push_back(-1);
    } else {
      int64_t a = groups[k].data() - text.data();
      out.push_back(a);
      out.push_back(a + int64_t(groups[k].size()));
    }
  }
}

// The width of the character at text[pos], a byte that is not UTF-8 counting
// as one (Go's utf8.DecodeRune).
size_t runeWidthAt(std::string_view text, size_t pos) {
  int w = 1;
  decodeRune(text, pos, &w);
  return w > 0 ? size_t(w) : 1;
}

// The start of the character that byte i is inside of, when i is not the
// start of a character of valid UTF-8; i otherwise. RE2 tries empty-width
// assertions such as \B at every byte, Go only between characters.
size_t insideRune(std::string_view text, size_t i) {
  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    int w = 1;
    int32_t r = decodeRune(text, i - back, &w);
    if (size_t(w) > back && !(r == 0xFFFD && w == 1)) return i - back;
  }
  return i;
}

// Go's successive matches: after an empty match the search moves on by one
// character, and an empty match right where the previous match ended is not
// reported. At most n matches (n < 0: all). Appends ngroups pairs per match.
void findMatches(const re2::RE2& re, std::string_view text, int64_t n, int ngroups,
                 std::vector<int64_t>& out) {
  std::vector<re2::StringPiece> groups(size_t(ngroups > 0 ? ngroups : 1));
  size_t pos = 0;
  int64_t prevEnd = -1, found = 0;
  while ((n < 0 || found < n) && pos <= text.size()) {
    if (!re.Match(text, pos, text.size(), re2::RE2::UNANCHORED, groups.data(), int(groups.size())))
      break;
    int64_t start = groups[0].data() - text.data();
    int64_t end = start + int64_t(groups[0].size());
    if (start == end && size_t(start) < text.size()) {
      size_t lead = insideRune(text, size_t(start));
      if (lead != size_t(start)) {  // not a place Go looks at: search on after it
        pos = lead + runeWidthAt(text, lead);
        continue;
      }
    }
    bool accept = true;
    if (end == int64_t(pos)) {
      if (start == prevEnd) accept = false;
      pos += pos < text.size() ? runeWidthAt(text, pos) : 1;
    } else {
      pos = size_t(end);
    }
    prevEnd = end;
    if (accept) {
      appendPairs(out, text, groups.data(), ngroups);
      ++found;
    }
  }
}

// The matches that ReplaceAll replaces: Go's replace loop searches again one
// character after each match's start at least, and skips an empty match
// that touches the previous one.
void replaceMatches(const re2::RE2& re, std::string_view text, int ngroups,
                    std::vector<int64_t>& out) {
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups));
  size_t searchPos = 0;
  int64_t lastEnd = 0;
  while (searchPos <= text.size()) {
    if (!re.Match(text, searchPos, text.size(), re2::RE2::UNANCHORED, groups.data(), ngroups))
      break;
    int64_t start = groups[0].data() - text.data();
    int64_t end = start + int64_t(groups[0].size());
    if (start == end && size_t(start) < text.size()) {
      size_t lead = insideRune(text, size_t(start));
      if (lead != size_t(start)) {
        searchPos = lead + runeWidthAt(text, lead);
        continue;
      }
    }
    if (end > lastEnd || start == 0) appendPairs(out, text, groups.data(), ngroups);
    lastEnd = end;
    size_t width = searchPos < text.size() ? runeWidthAt(text, searchPos) : 0;
    if (int64_t(searchPos + width) > end)
      searchPos += width;
    else if (int64_t(searchPos) + 1 > end)
      ++searchPos;
    else
      searchPos = size_t(end);
  }
}

// Go's text for src[lo:hi] out of range (a string's length, a slice's capacity).
std::string sliceBoundsError(int64_t lo, int64_t hi, size_t size, bool isString) {
  if (hi < 0) return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "]";
  if (size_t(hi) > size)
    return "runtime error: slice bounds out of range [:" + std::to_string(hi) + "] with " +
           (isString ? "length " : "capacity ") + std::to_string(size);
  return "runtime error: slice bounds out of range [" + std::to_string(lo) + ":" +
         std::to_string(hi) + "]";
}

// Go's template expansion: $1, ${1}, $name, ${name}, $$. A name is the
// longest run of letters, digits and '_'; an all-digit name without a
// leading zero is a group number; a malformed reference leaves the '$'.
// Returns false, with Go's panic text in *boundsError, when a group the
// template uses lies outside src (Expand's caller may pass any []int);
// srcCap is src's capacity when it is a []byte.
bool expandTemplate(const re2::RE2& re, std::string_view tmpl, std::string_view src,
                    const int64_t* match, size_t nmatch, std::string& out,
                    std::string* boundsError = nullptr, size_t srcCap = 0,
                    bool srcIsString = true) {
  bool inBounds = true;
  auto appendGroup = [&](size_t k) -> bool {
    if (2 * k + 1 >= nmatch || match[2 * k] < 0) return false;
    int64_t lo = match[2 * k], hi = match[2 * k + 1];
    if (hi < lo || size_t(hi) > src.size()) {
      if (boundsError && inBounds && (hi < lo || size_t(hi) > srcCap)) {
        *boundsError = sliceBoundsError(lo, hi, srcCap, srcIsString);
        inBounds = false;
      }
      if (hi < lo || size_t(lo) >= src.size()) return true;
      hi = int64_t(src.size());  // within a []byte's capacity, past its length
    }
    out.append(src.substr(size_t(lo), size_t(hi - lo)));
    return true;
  };
  while (!tmpl.empty() && inBounds) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar);
    if (tmpl.size() > 1 && tmpl[1] == '$') {
      out += '$';
      tmpl.remove_prefix(2);
      continue;
    }
    // Parse the reference after '$'.
    bool ok = false;
    std::string_view name, rest;
    if (tmpl.size() >= 2) {
      bool brace = tmpl[1] == '{';
      std::string_view body = tmpl.substr(brace ? 2 : 1);
      size_t i = 0;
      while (i < body.size()) {
        int w = 1;
        int32_t r = decodeRune(body, i, &w);
        if (!isLetterRune(r) && !isDigitRune(r) && r != '_') break;
        i += size_t(w > 0 ? w : 1);
      }
      if (i > 0) {
        name = body.substr(0, i);
        if (!brace) {
          ok = true;
          rest = body.substr(i);
        } else if (i < body.size() && body[i] == '}') {
          ok = true;
          rest = body.substr(i + 1);
        }
      }
    }
    if (!ok) {
      out += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    tmpl = rest;
    int64_t num = 0;
    for (char c : name) {
      if (c < '0' || c > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (c - '0');
    }
    if (name.size() > 1 && name[0] == '0') num = -1;
    if (num >= 0) {
      appendGroup(size_t(num));
      continue;
    }
    const auto& names = re.CapturingGroupNames();
    for (const auto& [index, groupName] : names)
      if (groupName == name && appendGroup(size_t(index))) break;
  }
  out.append(tmpl);
  return inBounds;
}

Value intSlice(NativeCtx& ctx, RegexpObj* obj, const std::vector<int64_t>& values) {
  if (values.empty()) return Value();
  if (obj->intSliceTid == 0) obj->intSliceTid = findSliceTid(ctx, vm::kTidInt);
  Value v = ctx.newSlice(obj->intSliceTid, uint32_t(values.size()));
  auto* s = static_cast<vm::SliceObj*>(v.o);
  for (size_t i = 0; i < values.size(); ++i)
    s->array->set(s->off + uint32_t(i), Value::ofInt(values[i]));
  return v;
}

// ---- LiteralPrefix

// The literal text every match must begin with, and whether the pattern is
// only that text. Go reads this off its compiled program; this reads the
// pattern's leading literals (with their counts), which agrees with Go for
// plain literals, escaped metacharacters, one-character classes, groups
// without alternation, ^lit$ and counted repetition.
std::pair<std::string, bool> literalPrefixOf(std::string_view s) {
  std::string prefix;
  bool anchored = false;
  if (s.substr(0, 1) == "^") {
    anchored = true;
    s.remove_prefix(1);
  }
  bool alternation = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '|')
      alternation = true;
  }
  size_t i = 0;
  bool complete = true;
  while (i < s.size()) {
    char c = s[i];
    std::string atom;
    size_t next = i + 1;
    if (c == '(' && !alternation) {
      if (s.substr(i, 3) == "(?:") {
        i += 3;
      } else if (s.substr(i, 4) == "(?P<" || s.substr(i, 3) == "(?<") {
        size_t close = s.find('>', i);
        if (close == std::string_view::npos) return {"", false};
        i = close + 1;
      } else if (s.substr(i, 2) == "(?") {
        complete = false;
        break;
      } else {
        ++i;
      }
      continue;
    }
    if (c == ')' && !alternation) {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0x80 &&
        !isWordByte(s[i + 1])) {
      atom = s.substr(i + 1, 1);
      next = i + 2;
    } else if (c == '[' && i + 2 < s.size() && s[i + 2] == ']' && s[i + 1] != '^' &&
               s[i + 1] != '\\' && s[i + 1] != '[' && static_cast<unsigned char>(s[i + 1]) < 0x80) {
      atom = s.substr(i + 1, 1);
      next = i + 3;
    } else if (std::strchr("\\.[]()|*+?{}^$", c) == nullptr) {
      int w = 1;
      decodeRune(s, i, &w);
      atom = s.substr(i, size_t(w));
      next = i + size_t(w);
    } else if (c == '$' && anchored && i + 1 == s.size()) {
      return {prefix, true};
    } else {
      complete = false;
      break;
    }
    // A repetition after the atom.
    if (next < s.size() && (s[next] == '*' || s[next] == '?')) {
      complete = false;
      break;
    }
    if (next < s.size() && s[next] == '+') {
      prefix += atom;
      complete = false;
      break;
    }
    if (next < s.size() && s[next] == '{') {
      size_t close = s.find('}', next);
      if (close == std::string_view::npos) {
        complete = false;
        break;
      }
      std::string_view counts = s.substr(next + 1, close - next - 1);
      size_t comma = counts.find(',');
      int lo = std::atoi(std::string(counts.substr(0, comma)).c_str());
      for (int k = 0; k < lo; ++k) prefix += atom;
      bool exact =
          comma == std::string_view::npos || counts.substr(comma + 1) == counts.substr(0, comma);
      if (!exact || (close + 1 < s.size() && std::strchr("*+?{", s[close + 1]))) {
        complete = false;
        break;
      }
      i = close + 1;
      continue;
    }
    prefix += atom;
    i = next;
  }
  if (anchored) return {"", false};
  return {prefix, complete};
}

// ---- natives

// compile(expr string, posix, longest bool) (h, numSubexp int, code, arg string)
NativeStatus compileNative(NativeCtx& ctx, Value* regs) {
  std::string_view expr = vm::strView(regs[0]);
  bool posix = regs[1].i != 0, longest = regs[2].i != 0;
  Translation t = translateGoSyntax(expr, posix);
  std::string code = t.errorCode, arg = t.errorArg;
  std::unique_ptr<re2::RE2> re;
  if (code.empty()) {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(kMaxMem);
    opts.set_posix_syntax(posix);
    opts.set_longest_match(posix || longest);
    re = std::make_unique<re2::RE2>(t.pattern, opts);
    if (!re->ok()) {
      code = goErrorText(re->error_code());
      arg = goErrorArg(re->error_code(), re->error_arg(), expr, t);
      re.reset();
    }
  }
  if (!re) {
    regs[0] = Value();
    regs[1] = Value::ofInt(0);
    Value codeValue = ctx.newString(code);
    regs[2] = codeValue;
    regs[3] = ctx.newString(arg);
    return NativeStatus::Ok;
  }
  int numSubexp = re->NumberOfCapturingGroups();
  size_t cost = size_t(re->ProgramSize()) * 16 + expr.size();
  auto* obj = ctx.vm.heap().make<RegexpObj>();
  obj->re = std::move(re);
  ctx.vm.heap().adjust(int64_t(cost));
  Value h = Value::ofRef(obj, vm::kTidRef);
  ctx.g->pins.push_back(h);
  regs[0] = h;
  regs[1] = Value::ofInt(numSubexp);
  regs[2] = Value();
  regs[3] = Value();
  return NativeStatus::Ok;
}

// subexpName(h, i int) string
NativeStatus subexpNameNative(NativeCtx& ctx, Value* regs) {
  const auto& names = regexpOf(regs[0])->re->CapturingGroupNames();
  auto it = names.find(int(regs[1].i));
  regs[0] = it == names.end() ? Value() : ctx.newString(it->second);
  return NativeStatus::Ok;
}

// literalPrefix(expr string) (string, bool)
NativeStatus literalPrefixNative(NativeCtx& ctx, Value* regs) {
  auto [prefix, complete] = literalPrefixOf(vm::strView(regs[0]));
  regs[0] = ctx.newString(prefix);
  regs[1] = boolValue(complete);
  return NativeStatus::Ok;
}

// match(h, s string, b []byte, useBytes bool) bool
NativeStatus matchNative(NativeCtx&, Value* regs) {
  std::string_view text = inputText(regs[1], regs[2], regs[3].i != 0);
  bool ok = regexpOf(regs[0])->re->Match(text, 0, text.size(), re2::RE2::UNANCHORED, nullptr, 0);
  regs[0] = boolValue(ok);
  return NativeStatus::Ok;
}

// find(h, s string, b []byte, useBytes bool, n, ngroups int) []int: n
// matches (n < 0: all), ngroups index pairs each, flattened; nil if none.
NativeStatus findNative(NativeCtx& ctx, Value* regs) {
  RegexpObj* obj = regexpOf(regs[0]);
  std::string_view text = inputText(regs[1], regs[2], regs[3].i != 0);
  std::vector<int64_t> out;
  findMatches(*obj->re, text, regs[4].i, int(regs[5].i), out);
  regs[0] = intSlice(ctx, obj, out);
  return NativeStatus::Ok;
}

// replaceIndexes(h, s string, b []byte, useBytes bool, ngroups int) []int:
// the matches ReplaceAll replaces, flattened.
NativeStatus replaceIndexesNative(NativeCtx& ctx, Value* regs) {
  RegexpObj* obj = regexpOf(regs[0]);
  std::string_view text = inputText(regs[1], regs[2], regs[3].i != 0);
  std::vector<int64_t> out;
  replaceMatches(*obj->re, text, int(regs[4].i), out);
  regs[0] = intSlice(ctx, obj, out);
  return NativeStatus::Ok;
}

// replace(h, s string, b []byte, useBytes bool, repl string, literal bool) string
NativeStatus replaceNative(NativeCtx& ctx, Value* regs) {
  RegexpObj* obj = regexpOf(regs[0]);
  std::string_view text = inputText(regs[1], regs[2], regs[3].i != 0);
  std::string_view repl = vm::strView(regs[4]);
  bool literal = regs[5].i != 0;
  bool useTemplate = !literal && repl.find('$') != std::string_view::npos;
  int ngroups = useTemplate ? 1 + obj->re->NumberOfCapturingGroups() : 1;
  std::vector<int64_t> matches;
  replaceMatches(*obj->re, text, ngroups, matches);
  std::string out;
  out.reserve(text.size());
  size_t last = 0;
  for (size_t m = 0; m < matches.size(); m += size_t(2 * ngroups)) {
    size_t start = size_t(matches[m]), end = size_t(matches[m + 1]);
    out.append(text.substr(last, start - last));
    if (useTemplate)
      expandTemplate(*obj->re, repl, text, &matches[m], size_t(2 * ngroups), out);
    else
      out.append(repl);
    last = end;
  }
  out.append(text.substr(last));
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

// expand(h, template string, s string, b []byte, useBytes bool, match []int) string
NativeStatus expandNative(NativeCtx& ctx, Value* regs) {
  RegexpObj* obj = regexpOf(regs[0]);
  std::string_view tmpl = vm::strView(regs[1]);
  bool useBytes = regs[4].i != 0;
  std::string_view src = inputText(regs[2], regs[3], useBytes);
  size_t srcCap = src.size();
  if (auto* b = static_cast<vm::SliceObj*>(regs[3].o); useBytes && b) srcCap = b->cap;
  std::vector<int64_t> match;
  if (auto* s = static_cast<vm::SliceObj*>(regs[5].o))
    for (uint32_t i = 0; i < s->len; ++i) match.push_back(s->array->get(s->off + i).i);
  std::string out, boundsError;
  if (!expandTemplate(*obj->re, tmpl, src, match.data(), match.size(), out, &boundsError, srcCap,
                      !useBytes))
    return ctx.panicError(boundsError);
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

}  // namespace

void registerRegexpNatives() {
  static const vm::NativeEntry entries[] = {
      {"regexp.compile", compileNative},
      {"regexp.subexpName", subexpNameNative},
      {"regexp.literalPrefix", literalPrefixNative},
      {"regexp.match", matchNative},
      {"regexp.find", findNative},
      {"regexp.replaceIndexes", replaceIndexesNative},
      {"regexp.replace", replaceNative},
      {"regexp.expand", expandNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
