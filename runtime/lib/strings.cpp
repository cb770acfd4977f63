// Natives of package strings: the searching and transforming loops.
#include <string>
#include <string_view>
#include <utility>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

using vm::strView;

int64_t pos(size_t p) {
  return p == std::string_view::npos ? -1 : int64_t(p);
}

NativeStatus index(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(strView(regs[0]).find(strView(regs[1]))));
  return NativeStatus::Ok;
}

NativeStatus lastIndex(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(strView(regs[0]).rfind(strView(regs[1]))));
  return NativeStatus::Ok;
}

NativeStatus indexByte(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(strView(regs[0]).find(char(regs[1].i))));
  return NativeStatus::Ok;
}

NativeStatus lastIndexByte(NativeCtx&, Value* regs) {
  regs[0] = Value::ofInt(pos(strView(regs[0]).rfind(char(regs[1].i))));
  return NativeStatus::Ok;
}

NativeStatus indexRune(NativeCtx&, Value* regs) {
  std::string_view s = strView(regs[0]);
  int64_t r = regs[1].i;
  int64_t found = -1;
  if (r >= 0 && r < 0x80) {
    found = pos(s.find(char(r)));
  } else {
    bool wantError = r == kRuneError || r < 0 || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF);
    for (size_t i = 0; i < s.size();) {
      int w;
      int32_t c = decodeRune(s, i, &w);
      if (wantError ? c == kRuneError : c == r) {
        found = int64_t(i);
        break;
      }
      i += size_t(w);
    }
  }
  regs[0] = Value::ofInt(found);
  return NativeStatus::Ok;
}

bool runeIn(int32_t c, std::string_view chars) {
  for (size_t j = 0; j < chars.size();) {
    int w;
    int32_t d = decodeRune(chars, j, &w);
    if (d == c) return true;
    j += size_t(w);
  }
  return false;
}

NativeStatus indexAny(NativeCtx&, Value* regs) {
  std::string_view s = strView(regs[0]), chars = strView(regs[1]);
  int64_t found = -1;
  for (size_t i = 0; i < s.size() && !chars.empty();) {
    int w;
    int32_t c = decodeRune(s, i, &w);
    if (runeIn(c, chars)) {
      found = int64_t(i);
      break;
    }
    i += size_t(w);
  }
  regs[0] = Value::ofInt(found);
  return NativeStatus::Ok;
}

NativeStatus lastIndexAny(NativeCtx&, Value* regs) {
  std::string_view s = strView(regs[0]), chars = strView(regs[1]);
  int64_t found = -1;
  for (size_t i = 0; i < s.size() && !chars.empty();) {
    int w;
    int32_t c = decodeRune(s, i, &w);
    if (runeIn(c, chars)) found = int64_t(i);
    i += size_t(w);
  }
  regs[0] = Value::ofInt(found);
  return NativeStatus::Ok;
}

NativeStatus count(NativeCtx&, Value* regs) {
  std::string_view s = strView(regs[0]), sub = strView(regs[1]);
  int64_t n = 0;
  if (sub.empty()) {
    n = int64_t(runeCount(s)) + 1;
  } else {
    for (size_t p = s.find(sub); p != std::string_view::npos; p = s.find(sub, p + sub.size())) ++n;
  }
  regs[0] = Value::ofInt(n);
  return NativeStatus::Ok;
}

NativeStatus repeat(NativeCtx& ctx, Value* regs) {
  std::string_view s = strView(regs[0]);
  int64_t n = regs[1].i;
  if (n < 0) return ctx.panicValue(ctx.newString("strings: negative Repeat count"));
  if (!s.empty() && uint64_t(n) > (uint64_t(1) << 31) / s.size())
    return ctx.panicValue(ctx.newString("strings: Repeat output length overflow"));
  std::string out;
  out.reserve(s.size() * size_t(n));
  for (int64_t i = 0; i < n; ++i) out.append(s);
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

// replace(s, old, new string, n int) string
NativeStatus replace(NativeCtx& ctx, Value* regs) {
  std::string_view s = strView(regs[0]), from = strView(regs[1]), to = strView(regs[2]);
  int64_t n = regs[3].i;
  std::string out;
  size_t i = 0;
  int64_t done = 0;
  if (from.empty()) {
    // Insert `to` before every rune and at the end.
    while (n < 0 || done < n) {
      out.append(to);
      ++done;
      if (i >= s.size()) break;
      int w;
      decodeRune(s, i, &w);
      out.append(s.substr(i, size_t(w)));
      i += size_t(w);
    }
    out.append(s.substr(std::min(i, s.size())));
  } else {
    while (n < 0 || done < n) {
      size_t p = s.find(from, i);
      if (p == std::string_view::npos) break;
      out.append(s.substr(i, p - i));
      out.append(to);
      i = p + from.size();
      ++done;
    }
    out.append(s.substr(i));
  }
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

template <int32_t (*Map)(int32_t)>
NativeStatus mapCase(NativeCtx& ctx, Value* regs) {
  std::string_view s = strView(regs[0]);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int w;
    int32_t c = decodeRune(s, i, &w);
    if (w == 1 && c == kRuneError)
      out += "\xEF\xBF\xBD";
    else
      appendRune(out, Map(c));
    i += size_t(w);
  }
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

std::string_view trimLeftSet(std::string_view s, std::string_view set) {
  while (!s.empty()) {
    int w;
    int32_t c = decodeRune(s, 0, &w);
    if (!runeIn(c, set)) break;
    s.remove_prefix(size_t(w));
  }
  return s;
}

std::string_view trimRightSet(std::string_view s, std::string_view set) {
  while (!s.empty()) {
    int w;
    int32_t c = decodeLastRune(s, &w);
    if (!runeIn(c, set)) break;
    s.remove_suffix(size_t(w));
  }
  return s;
}

// Trimming returns a substring: a new string object (strings are immutable
// StringObjs without offsets).
NativeStatus trim(NativeCtx& ctx, Value* regs) {
  std::string t(trimRightSet(trimLeftSet(strView(regs[0]), strView(regs[1])), strView(regs[1])));
  regs[0] = ctx.newString(t);
  return NativeStatus::Ok;
}

NativeStatus trimLeft(NativeCtx& ctx, Value* regs) {
  std::string t(trimLeftSet(strView(regs[0]), strView(regs[1])));
  regs[0] = ctx.newString(t);
  return NativeStatus::Ok;
}

NativeStatus trimRight(NativeCtx& ctx, Value* regs) {
  std::string t(trimRightSet(strView(regs[0]), strView(regs[1])));
  regs[0] = ctx.newString(t);
  return NativeStatus::Ok;
}

NativeStatus trimSpace(NativeCtx& ctx, Value* regs) {
  std::string_view s = strView(regs[0]);
  while (!s.empty()) {
    int w;
    int32_t c = decodeRune(s, 0, &w);
    if (!isSpaceRune(c)) break;
    s.remove_prefix(size_t(w));
  }
  while (!s.empty()) {
    int w;
    int32_t c = decodeLastRune(s, &w);
    if (!isSpaceRune(c)) break;
    s.remove_suffix(size_t(w));
  }
  if (s.size() != strView(regs[0]).size()) regs[0] = ctx.newString(std::string(s));
  return NativeStatus::Ok;
}

// Go's EqualFold: runes equal under simple case folding (each rune's
// orbit walked with unicode.SimpleFold).
NativeStatus equalFold(NativeCtx&, Value* regs) {
  std::string_view a = strView(regs[0]), b = strView(regs[1]);
  size_t i = 0, j = 0;
  bool eq = true;
  while (i < a.size() && j < b.size()) {
    int wa, wb;
    int32_t sr = decodeRune(a, i, &wa), tr = decodeRune(b, j, &wb);
    i += size_t(wa);
    j += size_t(wb);
    if (sr == tr) continue;
    if (tr < sr) std::swap(sr, tr);
    if (tr < 0x80) {
      if ('A' <= sr && sr <= 'Z' && tr == sr + 'a' - 'A') continue;
      eq = false;
      break;
    }
    int32_t r = simpleFoldRune(sr);
    while (r != sr && r < tr) r = simpleFoldRune(r);
    if (r != tr) {
      eq = false;
      break;
    }
  }
  regs[0] = boolValue(eq && i == a.size() && j == b.size());
  return NativeStatus::Ok;
}

// join(elems []string, sep string) string
NativeStatus join(NativeCtx& ctx, Value* regs) {
  std::string out;
  std::string_view sep = strView(regs[1]);
  if (auto* s = static_cast<vm::SliceObj*>(regs[0].o)) {
    for (uint32_t i = 0; i < s->len; ++i) {
      if (i > 0) out.append(sep);
      out.append(strView(s->array->values()[s->off + i]));
    }
  }
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

NativeStatus compare(NativeCtx&, Value* regs) {
  int c = strView(regs[0]).compare(strView(regs[1]));
  regs[0] = Value::ofInt(c < 0 ? -1 : c > 0 ? 1 : 0);
  return NativeStatus::Ok;
}

}  // namespace

void registerStringsNatives() {
  static const vm::NativeEntry entries[] = {
      {"strings.Index", index},
      {"strings.LastIndex", lastIndex},
      {"strings.IndexByte", indexByte},
      {"strings.LastIndexByte", lastIndexByte},
      {"strings.IndexRune", indexRune},
      {"strings.IndexAny", indexAny},
      {"strings.LastIndexAny", lastIndexAny},
      {"strings.Count", count},
      {"strings.Repeat", repeat},
      {"strings.Replace", replace},
      {"strings.ToUpper", mapCase<toUpperRune>},
      {"strings.ToLower", mapCase<toLowerRune>},
      {"strings.ToTitle", mapCase<toTitleRune>},
      {"strings.Trim", trim},
      {"strings.TrimLeft", trimLeft},
      {"strings.TrimRight", trimRight},
      {"strings.TrimSpace", trimSpace},
      {"strings.EqualFold", equalFold},
      {"strings.Join", join},
      {"strings.Compare", compare},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
