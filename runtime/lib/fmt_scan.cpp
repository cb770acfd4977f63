// Natives of package fmt's scanning functions (Sscan, Sscanf, Sscanln and
// their stdin forms): tokens are read from a string or from stdin and
// stored through the operand pointers.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/textconv.hpp"
#include "runtime/sched.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::RtKind;
using vm::Value;

namespace {

// Result codes understood by fmt.gol's scanError.
enum Code : int64_t { kOk = 0, kEOF = 1, kUnexpectedEOF = 2, kError = 3 };

class Source {
 public:
  virtual ~Source() = default;
  virtual int get() = 0;  // a byte, or -1 at the end
  virtual void unget() = 0;
  int peek() {
    int c = get();
    if (c >= 0) unget();
    return c;
  }
};

class StringSource final : public Source {
 public:
  explicit StringSource(std::string s) : s_(std::move(s)) {}
  int get() override { return i_ < s_.size() ? static_cast<uint8_t>(s_[i_++]) : (++past_, -1); }
  void unget() override {
    if (past_ > 0)
      --past_;
    else if (i_ > 0)
      --i_;
  }

 private:
  std::string s_;
  size_t i_ = 0;
  int past_ = 0;
};

// Reads stdin byte by byte. Like Go's Fscan on a reader without UnreadRune,
// the one byte of lookahead that ended the last token is consumed when the
// call returns.
class StdinSource final : public Source {
 public:
  ~StdinSource() override {
    if (pushedBack_) std::getc(stdin);
  }
  int get() override {
    if (interrupted_) return last_ = -1;
    last_ = std::getc(stdin);
    // Ctrl-C while waiting for input (the SIGINT handlers are installed
    // without SA_RESTART): the input ends here instead of reading again,
    // so that the interrupt is seen: `gol run` dies of it, the REPL stops
    // the entry.
    if (last_ < 0 && errno == EINTR && std::ferror(stdin)) {
      std::clearerr(stdin);
      interrupted_ = true;
    }
    pushedBack_ = false;
    return last_;
  }
  void unget() override {
    if (last_ >= 0) {
      std::ungetc(last_, stdin);
      pushedBack_ = true;
    }
    last_ = -1;
  }

 private:
  int last_ = -1;
  bool pushedBack_ = false;
  bool interrupted_ = false;

 public:
  bool interrupted() const { return interrupted_; }
};

struct Result {
  int64_t n = 0;
  Code code = kOk;
  std::string msg;
};

bool isSpace(int c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

class Scanner {
 public:
  Scanner(NativeCtx& ctx, Source& src, bool nlIsSpace)
      : ctx_(ctx), src_(src), nlIsSpace_(nlIsSpace) {}

  // Skips blanks (and newlines when they count as space). Returns false
  // with an error set when a newline stops an Sscanln operand.
  bool skipSpace(Result& r) {
    for (;;) {
      int c = src_.get();
      if (c < 0) return true;
      if (c == '\n' && !nlIsSpace_) {
        src_.unget();
        r.code = kError;
        r.msg = "unexpected newline";
        return false;
      }
      if (!isSpace(c)) {
        src_.unget();
        return true;
      }
    }
  }

  std::string token() {
    std::string t;
    for (int c = src_.get(); c >= 0; c = src_.get()) {
      if (isSpace(c)) {
        src_.unget();
        break;
      }
      t += char(c);
    }
    return t;
  }

  // Reads one operand of verb `verb` into the pointer `ptr`.
  bool scanOne(const Value& ptr, char verb, Result& r) {
    if (ptr.tid == 0) return fail(r, "can't scan type: <nil>");
    const vm::RtType& pt = shape(ptr.tid);
    if (pt.kind != RtKind::Pointer || !ptr.o)
      return fail(r, "can't scan type: " + ctx_.type(ptr.tid).name);
    uint32_t et = pt.elem;
    RtKind k = shape(et).kind;
    if (verb == 'c') {
      std::string raw;
      int c = src_.get();
      if (c < 0) return eof(r);
      raw += char(c);
      // Complete a multi-byte UTF-8 sequence.
      int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
      for (int i = 0; i < need; ++i) {
        int d = src_.get();
        if (d < 0) break;
        raw += char(d);
      }
      int w;
      return store(ptr, Value::ofInt(decodeRune(raw, 0, &w)), r);
    }
    if (!skipSpace(r)) return false;
    if (src_.peek() < 0) return eof(r);
    switch (k) {
      case RtKind::String: {
        std::string t = token();
        if (verb == 'q') {
          std::string u;
          if (!unquote(t, u)) return fail(r, "invalid syntax");
          t = u;
        }
        return store(ptr, ctx_.newString(t), r);
      }
      case RtKind::Bool: {
        std::string t = token();
        if (t == "true" || t == "t" || t == "T" || t == "TRUE" || t == "True" || t == "1")
          return store(ptr, Value::ofBool(true), r);
        if (t == "false" || t == "f" || t == "F" || t == "FALSE" || t == "False" || t == "0")
          return store(ptr, Value::ofBool(false), r);
        return fail(r, "syntax error scanning boolean");
      }
      case RtKind::Float32:
      case RtKind::Float64: {
        std::string t = token();
        char* end = nullptr;
        errno = 0;
        double d = std::strtod(t.c_str(), &end);
        if (t.empty() || *end != '\0')
          return fail(r,
                      "strconv.ParseFloat: parsing " + quoteString(t, false) + ": invalid syntax");
        if (k == RtKind::Float32) d = double(float(d));
        return store(ptr, Value::ofFloat(d), r);
      }
      case RtKind::Int:
      case RtKind::Int8:
      case RtKind::Int16:
      case RtKind::Int32:
      case RtKind::Int64:
      case RtKind::Uint:
      case RtKind::Uint8:
      case RtKind::Uint16:
      case RtKind::Uint32:
      case RtKind::Uint64:
      case RtKind::Uintptr: return scanInt(ptr, k, verb, r);
      default: return fail(r, "can't scan type: " + ctx_.type(ptr.tid).name);
    }
  }

  Source& src() { return src_; }

 private:
  NativeCtx& ctx_;
  Source& src_;
  bool nlIsSpace_;

  const vm::RtType& shape(uint32_t tid) const {
    const vm::RtType& t = ctx_.type(tid);
    if (t.named && t.underlying != 0 && t.underlying != tid && t.kind == RtKind::None)
      return ctx_.type(t.underlying);
    return t;
  }
  static bool fail(Result& r, std::string msg) {
    r.code = kError;
    r.msg = std::move(msg);
    return false;
  }
  // Go reports plain EOF when the input ends before an operand.
  static bool eof(Result& r) {
    r.code = kEOF;
    return false;
  }
  bool store(const Value& ptr, Value v, Result& r) {
    auto* a = static_cast<vm::ArrayObj*>(ptr.o);
    if (ptr.aux == vm::kWholeObject) return fail(r, "can't scan into an aggregate");
    a->set(ptr.aux, v);
    return true;
  }

  bool scanInt(const Value& ptr, RtKind k, char verb, Result& r) {
    bool isSigned = k == RtKind::Int || k == RtKind::Int8 || k == RtKind::Int16 ||
                    k == RtKind::Int32 || k == RtKind::Int64;
    int bits = 64;
    switch (k) {
      case RtKind::Int8:
      case RtKind::Uint8: bits = 8; break;
      case RtKind::Int16:
      case RtKind::Uint16: bits = 16; break;
      case RtKind::Int32:
      case RtKind::Uint32: bits = 32; break;
      default: break;
    }
    int base = verb == 'x' || verb == 'X' ? 16 : verb == 'o' ? 8 : verb == 'b' ? 2 : 10;
    std::string tok;
    int c = src_.get();
    bool neg = false;
    if (c == '+' || c == '-') {
      neg = c == '-';
      tok += char(c);
      c = src_.get();
    }
    if (verb == 'v' && c == '0') {
      int d = src_.get();
      if (d == 'x' || d == 'X') {
        base = 16;
        c = src_.get();
      } else if (d == 'b' || d == 'B') {
        base = 2;
        c = src_.get();
      } else if (d == 'o' || d == 'O') {
        base = 8;
        c = src_.get();
      } else {
        if (d >= 0) src_.unget();
      }
    }
    uint64_t u = 0;
    bool overflow = false;
    bool any = false;
    for (; c >= 0; c = src_.get()) {
      int dv = c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'z' ? c - 'a' + 10
               : c >= 'A' && c <= 'Z' ? c - 'A' + 10
               : c == '_'             ? -2
                                      : 99;
      if (dv == -2) continue;
      if (dv >= base) break;
      any = true;
      tok += char(c);
      if (u > (~uint64_t(0) - uint64_t(dv)) / uint64_t(base)) overflow = true;
      u = u * uint64_t(base) + uint64_t(dv);
    }
    if (c >= 0) src_.unget();
    if (!any) return fail(r, "expected integer");
    if (isSigned) {
      uint64_t limit = uint64_t(1) << (bits - 1);
      if (overflow || (neg ? u > limit : u >= limit))
        return fail(r, "integer overflow on token " + tok);
      return store(ptr, Value::ofInt(neg ? int64_t(uint64_t(0) - u) : int64_t(u)), r);
    }
    if (neg) return fail(r, "bad unsigned integer " + tok);
    uint64_t max = bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    if (overflow || u > max) return fail(r, "unsigned integer overflow on token " + tok);
    return store(ptr, Value::ofInt(int64_t(u)), r);
  }
};

void scanAll(Scanner& s, const Value* ops, size_t n, bool line, Result& r) {
  for (size_t i = 0; i < n; ++i) {
    if (!s.scanOne(ops[i], 'v', r)) return;
    ++r.n;
  }
  if (line) {
    // The rest of the line must be blank.
    for (int c = s.src().get(); c >= 0 && c != '\n'; c = s.src().get()) {
      if (!isSpace(c)) {
        r.code = kError;
        r.msg = "expected newline";
        return;
      }
    }
  }
}

void scanFormat(Scanner& s, std::string_view format, const Value* ops, size_t n, Result& r) {
  size_t op = 0;
  for (size_t i = 0; i < format.size();) {
    char f = format[i];
    if (isSpace(static_cast<uint8_t>(f))) {
      while (i < format.size() && isSpace(static_cast<uint8_t>(format[i]))) ++i;
      for (int c = s.src().get(); c >= 0; c = s.src().get()) {
        if (!isSpace(c)) {
          s.src().unget();
          break;
        }
      }
      continue;
    }
    if (f != '%' || (i + 1 < format.size() && format[i + 1] == '%')) {
      int c = s.src().get();
      if (c != static_cast<uint8_t>(f)) {
        if (c < 0) {
          r.code = kUnexpectedEOF;
          return;
        }
        r.code = kError;
        r.msg = "input does not match format";
        return;
      }
      i += f == '%' ? 2 : 1;
      continue;
    }
    ++i;
    while (i < format.size() && ((format[i] >= '0' && format[i] <= '9') || format[i] == '+' ||
                                 format[i] == '-' || format[i] == '#' || format[i] == ' '))
      ++i;
    if (i >= format.size()) {
      r.code = kError;
      r.msg = "too few operands for format '%'";
      return;
    }
    char verb = format[i++];
    if (op >= n) {
      r.code = kError;
      r.msg = std::string("too few operands for format '%") + verb + "'";
      return;
    }
    if (!s.scanOne(ops[op], verb, r)) return;
    ++op;
    ++r.n;
  }
  if (op < n) {
    r.code = kError;
    r.msg = "too many operands";
  }
}

NativeStatus finish(NativeCtx& ctx, Value* regs, const Result& r) {
  regs[0] = Value::ofInt(r.n);
  regs[1] = Value::ofInt(r.code);
  regs[2] = ctx.newString(r.msg);
  return NativeStatus::Ok;
}

// sscan(str string, a []any, line bool) (n, code int, msg string)
NativeStatus sscan(NativeCtx& ctx, Value* regs) {
  StringSource src{std::string(vm::strView(regs[0]))};
  bool line = regs[2].i != 0;
  Scanner s(ctx, src, !line);
  size_t n;
  const Value* ops = anyElems(regs[1], &n);
  Result r;
  scanAll(s, ops, n, line, r);
  return finish(ctx, regs, r);
}

// sscanf(str, format string, a []any) (n, code int, msg string)
NativeStatus sscanf(NativeCtx& ctx, Value* regs) {
  StringSource src{std::string(vm::strView(regs[0]))};
  Scanner s(ctx, src, true);
  size_t n;
  const Value* ops = anyElems(regs[2], &n);
  Result r;
  scanFormat(s, vm::strView(regs[1]), ops, n, r);
  return finish(ctx, regs, r);
}

// finish for a read from stdin. A read that Ctrl-C cut short also ends the
// goroutine's time slice, so that the interrupt is acted on (`gol run`
// dies of it, the REPL stops the entry) before the caller goes on.
NativeStatus finishStdin(NativeCtx& ctx, Value* regs, const Result& r, const StdinSource& src) {
  NativeStatus st = finish(ctx, regs, r);
  if (st != NativeStatus::Ok || !src.interrupted()) return st;
  runtime::Scheduler& sched = runtime::schedulerOf(ctx);
  sched.park(ctx.g, "sleep");
  sched.ready(ctx.g);
  return NativeStatus::Block;
}

// scan(a []any, line bool) (n, code int, msg string): from stdin. Output
// written so far is flushed first, so that prompts appear.
NativeStatus scan(NativeCtx& ctx, Value* regs) {
  ctx.writeStderr("");
  StdinSource src;
  bool line = regs[1].i != 0;
  Scanner s(ctx, src, !line);
  size_t n;
  const Value* ops = anyElems(regs[0], &n);
  Result r;
  scanAll(s, ops, n, line, r);
  return finishStdin(ctx, regs, r, src);
}

// scanf(format string, a []any) (n, code int, msg string): from stdin.
NativeStatus scanf(NativeCtx& ctx, Value* regs) {
  ctx.writeStderr("");
  StdinSource src;
  Scanner s(ctx, src, true);
  size_t n;
  const Value* ops = anyElems(regs[1], &n);
  Result r;
  std::string format(vm::strView(regs[0]));
  scanFormat(s, format, ops, n, r);
  return finishStdin(ctx, regs, r, src);
}

}  // namespace

void registerFmtScanNatives() {
  static const vm::NativeEntry entries[] = {
      {"fmt.sscan", sscan},
      {"fmt.sscanf", sscanf},
      {"fmt.scan", scan},
      {"fmt.scanf", scanf},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
