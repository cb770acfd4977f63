#include "runtime/lib/fmt_format.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "runtime/lib/textconv.hpp"
#include "vm/complex.hpp"
#include "vm/object.hpp"
#include "vm/stack_guard.hpp"

namespace gol::lib {

using vm::ArrayObj;
using vm::RtKind;
using vm::RtType;
using vm::SliceObj;
using vm::Value;

namespace {

struct Flags {
  bool minus = false, plus = false, sharp = false, space = false, zero = false;
  bool plusV = false, sharpV = false;
  bool widPresent = false, precPresent = false;
  int wid = 0, prec = 0;
};

bool isSignedKind(RtKind k) {
  return k == RtKind::Int || k == RtKind::Int8 || k == RtKind::Int16 || k == RtKind::Int32 ||
         k == RtKind::Int64;
}
bool isUnsignedKind(RtKind k) {
  return k == RtKind::Uint || k == RtKind::Uint8 || k == RtKind::Uint16 || k == RtKind::Uint32 ||
         k == RtKind::Uint64 || k == RtKind::Uintptr;
}

class Printer {
 public:
  Printer(FmtEnv& env, std::string& out) : env_(env), buf_(out) {}

  bool ok() const { return ok_; }

  void doPrintf(std::string_view format, const Value* args, size_t nargs,
                std::vector<int>* wrapped);
  void doPrint(const Value* args, size_t nargs);
  void doPrintln(const Value* args, size_t nargs);

 private:
  FmtEnv& env_;
  std::string& buf_;
  Flags f_;
  bool ok_ = true;
  bool erroring_ = false;
  // fmt.Errorf: the operand index of every %w, in format order (Go records
  // each one, error or not; Errorf then picks the error operands).
  std::vector<int>* wrapped_ = nullptr;

  // Types. A named type's kind is that of its underlying type; structure
  // (fields, element types) is read from the underlying descriptor when the
  // named one does not carry it.
  const RtType& type(uint32_t tid) const { return env_.type(tid); }
  const RtType& shape(uint32_t tid) const {
    const RtType& t = env_.type(tid);
    if (t.named && t.underlying != 0 && t.underlying != tid &&
        (t.kind == RtKind::None || (t.kind == RtKind::Struct && t.fields.empty())))
      return env_.type(t.underlying);
    return t;
  }
  const std::string& typeName(uint32_t tid) const { return type(tid).name; }
  bool hasMethod(uint32_t tid, std::string_view name) const {
    for (const vm::RtMethod& m : type(tid).methods)
      if (env_.name(m.nameId) == name) return env_.stringMethodSignature(m.sigId);
    return false;
  }

  void clearFlags() { f_ = Flags{}; }

  // Padding and basic writers.
  void writePadding(int n) {
    if (n <= 0) return;
    buf_.append(size_t(n), f_.zero ? '0' : ' ');
  }
  void pad(std::string_view s) {
    if (!f_.widPresent || f_.wid == 0) {
      buf_.append(s);
      return;
    }
    int width = f_.wid - int(runeCount(s));
    if (!f_.minus) {
      writePadding(width);
      buf_.append(s);
    } else {
      buf_.append(s);
      bool z = f_.zero;
      f_.zero = false;
      writePadding(width);
      f_.zero = z;
    }
  }
  void padNoZero(std::string_view s) {
    bool z = f_.zero;
    f_.zero = false;
    pad(s);
    f_.zero = z;
  }

  void fmtBool(bool b) { pad(b ? "true" : "false"); }
  void fmtInteger(uint64_t u, int base, bool isSigned, char verb, bool upper);
  void fmt0x64(uint64_t v, bool leading0x) {
    bool sharp = f_.sharp;
    f_.sharp = leading0x;
    fmtInteger(v, 16, false, 'v', false);
    f_.sharp = sharp;
  }
  void fmtC(uint64_t c) {
    int32_t r = c > uint64_t(kMaxRune) ? kRuneError : int32_t(c);
    std::string s;
    appendRune(s, r);
    pad(s);
  }
  void fmtQc(uint64_t c) {
    int32_t r = c > uint64_t(kMaxRune) ? kRuneError : int32_t(c);
    pad(quoteRune(r, f_.plus));
  }
  void fmtUnicode(uint64_t u);
  std::string_view truncate(std::string_view s) const {
    if (f_.precPresent) {
      size_t i = 0;
      for (int n = 0; i < s.size(); ++n) {
        if (n >= f_.prec) return s.substr(0, i);
        int w;
        decodeRune(s, i, &w);
        i += size_t(w);
      }
    }
    return s;
  }
  void fmtS(std::string_view s) { pad(truncate(s)); }
  void fmtSbx(std::string_view s, bool upper);
  void fmtQ(std::string_view s) {
    s = truncate(s);
    if (f_.sharp && canBackquote(s)) {
      std::string q = "`";
      q.append(s);
      q += '`';
      pad(q);
      return;
    }
    pad(quoteString(s, f_.plus));
  }
  void fmtFloat(double v, int size, char verb, int prec);

  // Operands.
  void printArg(const Value& arg, char verb);
  void printValue(const Value& v, uint32_t tid, char verb, int depth, bool canIface);
  bool printedReflectValue(const Value& arg, char verb);
  // An element of static type `tid`: interfaces are unwrapped to their
  // dynamic value.
  void printElem(const Value& v, uint32_t tid, char verb, int depth, bool canIface);
  bool handleMethods(const Value& v, uint32_t tid, char verb);
  void badVerb(char32_t verb, const Value* v, uint32_t tid);
  void writeVerb(char32_t verb) { appendRune(buf_, int32_t(verb)); }

  void printInt(const Value& v, RtKind k, char verb, uint32_t tid);
  void printFloat(double x, int size, char verb, const Value& v, uint32_t tid);
  void printComplex(const Value& v, int size, char verb, uint32_t tid);
  void printString(std::string_view s, char verb, const Value& v, uint32_t tid);
  void printBytes(const Value& v, uint32_t tid, const RtType& sh, char verb, int depth,
                  bool canIface);
  void printPointer(const Value& v, uint32_t tid, char verb);
  void printMap(const Value& v, uint32_t tid, const RtType& sh, char verb, int depth,
                bool canIface);
  void printList(const Value& v, uint32_t tid, const RtType& sh, char verb, int depth,
                 bool canIface);
  int compareKeys(const Value& a, const Value& b, uint32_t tid);

  // Printf helpers.
  bool argNumber(int& argNum, std::string_view format, size_t& i, size_t nargs, bool& goodArgNum,
                 bool& reordered);
  bool intFromArg(const Value* args, size_t nargs, int& argNum, int& out);
};

uint64_t addressOf(const Value& v) {
  uintptr_t base = reinterpret_cast<uintptr_t>(v.o);
  if (!v.o) return 0;
  if (v.aux != vm::kWholeObject) base += uintptr_t(v.aux) * 8;
  return uint64_t(base);
}

void Printer::fmtInteger(uint64_t u, int base, bool isSigned, char verb, bool upper) {
  bool negative = isSigned && int64_t(u) < 0;
  if (negative) u = uint64_t(0) - u;
  int prec = 0;
  if (f_.precPresent) {
    prec = f_.prec;
    if (prec == 0 && u == 0) {
      bool z = f_.zero;
      f_.zero = false;
      writePadding(f_.wid);
      f_.zero = z;
      return;
    }
  } else if (f_.zero && f_.widPresent) {
    prec = f_.wid;
    if (negative || f_.plus || f_.space) --prec;
  }
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string d;
  do {
    d += digits[u % uint64_t(base)];
    u /= uint64_t(base);
  } while (u != 0);
  while (int(d.size()) < prec) d += '0';
  if (f_.sharp) {
    switch (base) {
      case 2: d += "b0"; break;
      case 8:
        if (d.back() != '0') d += '0';
        break;
      case 16: d += upper ? "X0" : "x0"; break;
      default: break;
    }
  }
  if (verb == 'O') d += "o0";
  if (negative)
    d += '-';
  else if (f_.plus)
    d += '+';
  else if (f_.space)
    d += ' ';
  std::reverse(d.begin(), d.end());
  padNoZero(d);
}

void Printer::fmtUnicode(uint64_t u) {
  std::string s = "U+";
  char hex[32];
  int prec = 4;
  if (f_.precPresent && f_.prec > 4) prec = std::min(f_.prec, 16);
  std::snprintf(hex, sizeof hex, "%0*llX", prec, static_cast<unsigned long long>(u));
  s += hex;
  if (f_.sharp && u <= uint64_t(kMaxRune) && isPrintRune(int32_t(u))) {
    s += " '";
    appendRune(s, int32_t(u));
    s += '\'';
  }
  padNoZero(s);
}

void Printer::fmtSbx(std::string_view s, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  int length = int(s.size());
  if (f_.precPresent && f_.prec < length) length = f_.prec;
  int width = 2 * length;
  if (width > 0) {
    if (f_.space) {
      if (f_.sharp) width *= 2;
      width += length - 1;
    } else if (f_.sharp) {
      width += 2;
    }
  } else {
    if (f_.widPresent) writePadding(f_.wid);
    return;
  }
  if (f_.widPresent && f_.wid > width && !f_.minus) writePadding(f_.wid - width);
  if (f_.sharp && !f_.space) buf_ += upper ? "0X" : "0x";
  for (int i = 0; i < length; ++i) {
    if (f_.space) {
      if (i > 0) buf_ += ' ';
      if (f_.sharp) buf_ += upper ? "0X" : "0x";
    }
    uint8_t b = static_cast<uint8_t>(s[size_t(i)]);
    buf_ += digits[b >> 4];
    buf_ += digits[b & 0xF];
  }
  if (f_.widPresent && f_.wid > width && f_.minus) {
    bool z = f_.zero;
    f_.zero = false;
    writePadding(f_.wid - width);
    f_.zero = z;
  }
}

void Printer::fmtFloat(double v, int size, char verb, int prec) {
  if (f_.precPresent) prec = f_.prec;
  std::string num = formatFloat(v, verb, prec, size);
  if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
  if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {
    if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
    padNoZero(num);
    return;
  }
  if (f_.sharp && verb != 'b') {
    // %#g and friends keep a decimal point and trailing zeros.
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G') digits = prec < 0 ? 6 : prec;
    std::string tail;
    size_t e = num.find_first_of("eE");
    if (e != std::string::npos) {
      tail = num.substr(e);
      num.resize(e);
    }
    bool sawNonzero = false;
    bool hasDot = false;
    for (size_t i = 1; i < num.size(); ++i) {
      char c = num[i];
      if (c == '.') {
        hasDot = true;
      } else if (c >= '0' && c <= '9') {
        if (c != '0') sawNonzero = true;
        if (sawNonzero) --digits;
      }
    }
    if (!hasDot) {
      if (num.size() == 2 && num[1] == '0') --digits;  // "0" counts one digit
      num += '.';
    }
    while (digits-- > 0) num += '0';
    num += tail;
  }
  if (f_.plus || num[0] != '+') {
    if (f_.zero && f_.widPresent && f_.wid > int(num.size())) {
      buf_ += num[0];
      writePadding(f_.wid - int(num.size()));
      buf_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

void Printer::badVerb(char32_t verb, const Value* v, uint32_t tid) {
  erroring_ = true;
  buf_ += "%!";
  writeVerb(verb);
  buf_ += '(';
  if (v && tid != 0) {
    buf_ += typeName(tid);
    buf_ += '=';
    printValue(*v, tid, 'v', 0, true);
  } else {
    buf_ += "<nil>";
  }
  buf_ += ')';
  erroring_ = false;
}

bool Printer::handleMethods(const Value& v, uint32_t tid, char verb) {
  if (erroring_ || !ok_) return false;
  if (f_.sharpV) {
    // %#v uses GoString when the type has one (time.Time does), as is.
    if (tid == 0 || tid == vm::kTidRuntimeError || !hasMethod(tid, "GoString")) return false;
    if (shape(tid).kind == RtKind::Pointer && v.o == nullptr &&
        !env_.pointerReceiver(tid, "GoString")) {
      padNoZero("<nil>");
      return true;
    }
    Value recv = v;
    recv.tid = tid;
    std::string text;
    if (!env_.callStringMethod(recv, "GoString", text)) {
      ok_ = false;
      return true;
    }
    padNoZero(text);
    return true;
  }
  if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
  std::string text;
  if (tid == vm::kTidRuntimeError) {
    text = std::string(vm::strView(v));
  } else {
    const char* method = hasMethod(tid, "Error")    ? "Error"
                         : hasMethod(tid, "String") ? "String"
                                                    : nullptr;
    if (!method) return false;
    // Through a nil pointer a value-receiver method always panics, and Go
    // then prints <nil>; we print it without calling. Pointer-receiver
    // methods are called: they may handle nil.
    if (shape(tid).kind == RtKind::Pointer && v.o == nullptr &&
        !env_.pointerReceiver(tid, method)) {
      padNoZero("<nil>");
      return true;
    }
    // Elements read from containers carry no dynamic type: stamp it.
    Value recv = v;
    recv.tid = tid;
    if (!env_.callStringMethod(recv, method, text)) {
      std::string panicText;
      if (!env_.recoveredPanic(panicText)) {
        ok_ = false;
      } else if (shape(tid).kind == RtKind::Pointer && v.o == nullptr) {
        padNoZero("<nil>");  // Go: a nil receiver that panicked prints <nil>
      } else {
        buf_ += "%!";
        buf_ += verb;
        buf_ += "(PANIC=";
        buf_ += method;
        buf_ += " method: " + panicText + ")";
      }
      return true;
    }
  }
  printString(text, verb, v, tid);
  return true;
}

void Printer::printString(std::string_view s, char verb, const Value& v, uint32_t tid) {
  switch (verb) {
    case 'v':
      if (f_.sharpV)
        fmtQ(s);
      else
        fmtS(s);
      return;
    case 's': fmtS(s); return;
    case 'x': fmtSbx(s, false); return;
    case 'X': fmtSbx(s, true); return;
    case 'q': fmtQ(s); return;
    default: badVerb(verb, &v, tid); return;
  }
}

void Printer::printInt(const Value& v, RtKind k, char verb, uint32_t tid) {
  bool isSigned = isSignedKind(k);
  uint64_t u = v.u;
  switch (verb) {
    case 'v':
      if (f_.sharpV && !isSigned)
        fmt0x64(u, true);
      else
        fmtInteger(u, 10, isSigned, verb, false);
      return;
    case 'd': fmtInteger(u, 10, isSigned, verb, false); return;
    case 'b': fmtInteger(u, 2, isSigned, verb, false); return;
    case 'o':
    case 'O': fmtInteger(u, 8, isSigned, verb, false); return;
    case 'x': fmtInteger(u, 16, isSigned, verb, false); return;
    case 'X': fmtInteger(u, 16, isSigned, verb, true); return;
    case 'c': fmtC(u); return;
    case 'q': fmtQc(u); return;
    case 'U': fmtUnicode(u); return;
    default: badVerb(verb, &v, tid); return;
  }
}

void Printer::printFloat(double x, int size, char verb, const Value& v, uint32_t tid) {
  switch (verb) {
    case 'v': fmtFloat(x, size, 'g', -1); return;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmtFloat(x, size, f_.sharpV ? 'g' : verb, -1); return;
    case 'f':
    case 'e':
    case 'E': fmtFloat(x, size, verb, 6); return;
    case 'F': fmtFloat(x, size, 'f', 6); return;
    default: badVerb(verb, &v, tid); return;
  }
}

// Go's fmtComplex: "(re+imi)", the verb and flags applied to each part, the
// imaginary part always signed.
void Printer::printComplex(const Value& v, int size, char verb, uint32_t tid) {
  switch (verb) {
    case 'v':
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
    case 'f':
    case 'F':
    case 'e':
    case 'E': {
      vm::Complex c = vm::complexOf(v);
      bool oldPlus = f_.plus;
      buf_ += '(';
      printFloat(c.re, size / 2, verb, v, tid);
      f_.plus = true;
      printFloat(c.im, size / 2, verb, v, tid);
      buf_ += "i)";
      f_.plus = oldPlus;
      return;
    }
    default: badVerb(verb, &v, tid); return;
  }
}

void Printer::printPointer(const Value& v, uint32_t tid, char verb) {
  uint64_t u = addressOf(v);
  switch (verb) {
    case 'v':
      if (f_.sharpV) {
        buf_ += '(';
        buf_ += typeName(tid);
        buf_ += ")(";
        if (u == 0)
          buf_ += "nil";
        else
          fmt0x64(u, true);
        buf_ += ')';
      } else if (u == 0) {
        padNoZero("<nil>");
      } else {
        fmt0x64(u, !f_.sharp);
      }
      return;
    case 'p': fmt0x64(u, !f_.sharp); return;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': {
      int base = verb == 'b' ? 2 : verb == 'o' ? 8 : verb == 'd' ? 10 : 16;
      fmtInteger(u, base, false, verb, verb == 'X');
      return;
    }
    default: badVerb(verb, &v, tid); return;
  }
}

// A reflect.Value operand prints as the value it holds (Go's printArg).
// Kept out of line: printArg stays small enough to inline into the loops.
[[gnu::noinline]] bool Printer::printedReflectValue(const Value& arg, char verb) {
  if (shape(arg.tid).kind != RtKind::Struct) return false;
  Value held;
  switch (env_.reflectValue(arg, &held)) {
    case 1: printArg(held, verb); return true;
    case 2:
      if (verb == 'v')
        padNoZero("<invalid reflect.Value>");
      else
        fmtS("%!" + std::string(1, verb) + "(<invalid reflect.Value>)");
      return true;
    default: return false;
  }
}

void Printer::printArg(const Value& arg, char verb) {
  if (arg.tid == 0) {
    if (verb == 'T' || verb == 'v')
      padNoZero("<nil>");
    else
      badVerb(verb, nullptr, 0);
    return;
  }
  if (verb == 'T') {
    fmtS(arg.tid == vm::kTidRuntimeError ? std::string(vm::runtimeErrorTypeName(vm::strView(arg)))
                                         : typeName(arg.tid));
    return;
  }
  if (arg.tid >= vm::kFirstDynamicTid && printedReflectValue(arg, verb)) return;
  if (verb == 'p') {
    RtKind k = shape(arg.tid).kind;
    if (k == RtKind::Pointer || k == RtKind::Chan || k == RtKind::Func || k == RtKind::Map ||
        k == RtKind::Slice || k == RtKind::UnsafePointer) {
      printPointer(arg, arg.tid, 'p');
    } else {
      badVerb(verb, &arg, arg.tid);
    }
    return;
  }
  printValue(arg, arg.tid, verb, 0, true);
}

void Printer::printElem(const Value& v, uint32_t tid, char verb, int depth, bool canIface) {
  if (shape(tid).kind == RtKind::Interface) {
    if (v.tid == 0) {
      if (f_.sharpV) {
        buf_ += typeName(tid);
        buf_ += "(nil)";
      } else {
        padNoZero("<nil>");
      }
      return;
    }
    printValue(v, v.tid, verb, depth, canIface);
    return;
  }
  printValue(v, tid, verb, depth, canIface);
}

void Printer::printValue(const Value& v, uint32_t tid, char verb, int depth, bool canIface) {
  if (!ok_) return;
  vm::checkNativeStack();  // a slice or map that contains itself recurses forever, as in Go
  if (canIface && handleMethods(v, tid, verb)) return;
  if (tid == vm::kTidRuntimeError) {
    printString(vm::strView(v), verb, v, tid);
    return;
  }
  const RtType& sh = shape(tid);
  switch (sh.kind) {
    case RtKind::Bool:
      if (verb == 't' || verb == 'v')
        fmtBool(v.i != 0);
      else
        badVerb(verb, &v, tid);
      return;
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
    case RtKind::Uintptr: printInt(v, sh.kind, verb, tid); return;
    case RtKind::Float32: printFloat(v.f, 32, verb, v, tid); return;
    case RtKind::Float64: printFloat(v.f, 64, verb, v, tid); return;
    case RtKind::Complex64: printComplex(v, 64, verb, tid); return;
    case RtKind::Complex128: printComplex(v, 128, verb, tid); return;
    case RtKind::String: printString(vm::strView(v), verb, v, tid); return;
    case RtKind::Map: printMap(v, tid, sh, verb, depth, canIface); return;
    case RtKind::Struct: {
      if (f_.sharpV) buf_ += typeName(tid);
      buf_ += '{';
      auto* obj = static_cast<ArrayObj*>(v.o);
      for (size_t i = 0; i < sh.fields.size(); ++i) {
        if (i > 0) buf_ += f_.sharpV ? ", " : " ";
        if (f_.plusV || f_.sharpV) {
          buf_ += sh.fields[i].name;
          buf_ += ':';
        }
        Value fv = obj ? obj->values()[i] : Value();
        printElem(fv, sh.fields[i].tid, verb, depth + 1, canIface && sh.fields[i].exported);
        if (!ok_) return;
      }
      buf_ += '}';
      return;
    }
    case RtKind::Interface:
      // Only reached for a static interface type with a concrete payload.
      printElem(v, tid, verb, depth + 1, canIface);
      return;
    case RtKind::Array:
    case RtKind::Slice: {
      RtKind ek = shape(sh.elem).kind;
      if (ek == RtKind::Uint8 && (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
        printBytes(v, tid, sh, verb, depth, canIface);
        return;
      }
      printList(v, tid, sh, verb, depth, canIface);
      return;
    }
    case RtKind::Pointer:
      if (depth == 0 && v.o != nullptr) {
        const RtType& esh = shape(sh.elem);
        if (esh.kind == RtKind::Array || esh.kind == RtKind::Slice || esh.kind == RtKind::Struct ||
            esh.kind == RtKind::Map) {
          // A pointer to a struct or array always addresses the whole
          // object, whatever its aux says.
          Value target;
          if (v.aux == vm::kWholeObject || esh.aggregate || esh.kind == RtKind::Struct ||
              esh.kind == RtKind::Array)
            target = Value::ofRef(v.o, sh.elem);
          else
            target = static_cast<ArrayObj*>(v.o)->get(v.aux);
          buf_ += '&';
          printValue(target, sh.elem, verb, depth + 1, canIface);
          return;
        }
      }
      printPointer(v, tid, verb);
      return;
    case RtKind::Chan:
    case RtKind::Func:
    case RtKind::UnsafePointer: printPointer(v, tid, verb); return;
    default: buf_ += "?"; return;
  }
}

void Printer::printBytes(const Value& v, uint32_t tid, const RtType& sh, char verb, int, bool) {
  std::string bytes;
  if (sh.kind == RtKind::Slice) {
    if (auto* s = static_cast<SliceObj*>(v.o))
      for (uint32_t i = 0; i < s->len; ++i) bytes += char(s->array->get(s->off + i).i);
  } else if (auto* a = static_cast<ArrayObj*>(v.o)) {
    for (uint32_t i = 0; i < a->len; ++i) bytes += char(a->get(i).i);
  }
  printString(bytes, verb, v, tid);
}

void Printer::printList(const Value& v, uint32_t tid, const RtType& sh, char verb, int depth,
                        bool canIface) {
  ArrayObj* arr = nullptr;
  uint32_t off = 0, len = 0;
  if (sh.kind == RtKind::Slice) {
    if (auto* s = static_cast<SliceObj*>(v.o)) {
      arr = s->array;
      off = s->off;
      len = s->len;
    } else if (f_.sharpV) {
      buf_ += typeName(tid);
      buf_ += "(nil)";
      return;
    }
  } else if ((arr = static_cast<ArrayObj*>(v.o))) {
    len = arr->len;
  }
  if (f_.sharpV) {
    buf_ += typeName(tid);
    buf_ += '{';
  } else {
    buf_ += '[';
  }
  for (uint32_t i = 0; i < len; ++i) {
    if (i > 0) buf_ += f_.sharpV ? ", " : " ";
    printElem(arr->get(off + i), sh.elem, verb, depth + 1, canIface);
    if (!ok_) return;
  }
  buf_ += f_.sharpV ? '}' : ']';
}

int Printer::compareKeys(const Value& a, const Value& b, uint32_t tid) {
  const RtType& sh = shape(tid);
  auto cmp = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  switch (sh.kind) {
    case RtKind::Bool:
    case RtKind::Int:
    case RtKind::Int8:
    case RtKind::Int16:
    case RtKind::Int32:
    case RtKind::Int64: return cmp(a.i, b.i);
    case RtKind::Uint:
    case RtKind::Uint8:
    case RtKind::Uint16:
    case RtKind::Uint32:
    case RtKind::Uint64:
    case RtKind::Uintptr: return cmp(a.u, b.u);
    case RtKind::Float32:
    case RtKind::Float64: {
      bool an = a.f != a.f, bn = b.f != b.f;
      if (an || bn) return an && bn ? 0 : an ? -1 : 1;
      return cmp(a.f, b.f);
    }
    case RtKind::Complex64:
    case RtKind::Complex128: {
      // fmtsort: real parts, then imaginary parts, NaN first.
      vm::Complex x = vm::complexOf(a), y = vm::complexOf(b);
      if (int c = compareKeys(Value::ofFloat(x.re), Value::ofFloat(y.re), vm::kTidFloat64))
        return c;
      return compareKeys(Value::ofFloat(x.im), Value::ofFloat(y.im), vm::kTidFloat64);
    }
    case RtKind::String:
      return vm::strView(a).compare(vm::strView(b)) < 0   ? -1
             : vm::strView(a).compare(vm::strView(b)) > 0 ? 1
                                                          : 0;
    case RtKind::Struct: {
      auto* x = static_cast<ArrayObj*>(a.o);
      auto* y = static_cast<ArrayObj*>(b.o);
      if (!x || !y) return cmp(x != nullptr, y != nullptr);
      for (size_t i = 0; i < sh.fields.size(); ++i)
        if (int c = compareKeys(x->values()[i], y->values()[i], sh.fields[i].tid)) return c;
      return 0;
    }
    case RtKind::Array: {
      auto* x = static_cast<ArrayObj*>(a.o);
      auto* y = static_cast<ArrayObj*>(b.o);
      if (!x || !y) return cmp(x != nullptr, y != nullptr);
      for (uint32_t i = 0; i < x->len && i < y->len; ++i)
        if (int c = compareKeys(x->get(i), y->get(i), sh.elem)) return c;
      return 0;
    }
    case RtKind::Interface: {
      if (a.tid == 0 || b.tid == 0) return cmp(a.tid != 0, b.tid != 0);
      if (a.tid != b.tid) return cmp(a.tid, b.tid);
      return compareKeys(a, b, a.tid);
    }
    default: return cmp(addressOf(a), addressOf(b));
  }
}

void Printer::printMap(const Value& v, uint32_t tid, const RtType& sh, char verb, int depth,
                       bool canIface) {
  if (f_.sharpV) {
    if (!v.o) {
      buf_ += typeName(tid);
      buf_ += "(nil)";
      return;
    }
    buf_ += typeName(tid);
    buf_ += '{';
  } else {
    buf_ += "map[";
  }
  std::vector<std::pair<Value, Value>> entries;
  if (v.o) env_.mapEntries(v, entries);
  std::stable_sort(entries.begin(), entries.end(), [&](const auto& x, const auto& y) {
    return compareKeys(x.first, y.first, sh.key) < 0;
  });
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) buf_ += f_.sharpV ? ", " : " ";
    printElem(entries[i].first, sh.key, verb, depth + 1, canIface);
    buf_ += ':';
    printElem(entries[i].second, sh.elem, verb, depth + 1, canIface);
    if (!ok_) return;
  }
  buf_ += f_.sharpV ? '}' : ']';
}

bool Printer::argNumber(int& argNum, std::string_view format, size_t& i, size_t nargs,
                        bool& goodArgNum, bool& reordered) {
  if (i >= format.size() || format[i] != '[') return false;
  reordered = true;
  for (size_t j = i + 1; j < format.size(); ++j) {
    if (format[j] == ']') {
      bool ok = j > i + 1;
      int n = 0;
      for (size_t k = i + 1; k < j && ok; ++k) {
        if (format[k] < '0' || format[k] > '9' || n > 1000000) {
          ok = false;
          break;
        }
        n = n * 10 + (format[k] - '0');
      }
      i = j + 1;
      if (!ok || n < 1 || size_t(n) > nargs) {
        goodArgNum = false;
        return true;
      }
      argNum = n - 1;
      return true;
    }
  }
  goodArgNum = false;
  i = format.size();
  return true;
}

bool Printer::intFromArg(const Value* args, size_t nargs, int& argNum, int& out) {
  out = 0;
  bool isInt = false;
  if (size_t(argNum) < nargs) {
    const Value& a = args[argNum];
    if (a.tid != 0) {
      RtKind k = shape(a.tid).kind;
      if (isSignedKind(k)) {
        isInt = a.i >= -1000000 && a.i <= 1000000;
        if (isInt) out = int(a.i);
      } else if (isUnsignedKind(k)) {
        isInt = a.u <= 1000000;
        if (isInt) out = int(a.u);
      }
    }
    ++argNum;
  }
  return isInt;
}

void Printer::doPrintf(std::string_view format, const Value* args, size_t nargs,
                       std::vector<int>* wrapped) {
  wrapped_ = wrapped;
  int argNum = 0;
  bool afterIndex = false;
  bool reordered = false;
  size_t end = format.size();
  for (size_t i = 0; i < end;) {
    bool goodArgNum = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf_.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    ++i;  // skip '%'
    clearFlags();
    for (; i < end; ++i) {
      char c = format[i];
      if (c == '#') {
        f_.sharp = true;
      } else if (c == '0') {
        f_.zero = !f_.minus;
      } else if (c == '+') {
        f_.plus = true;
      } else if (c == '-') {
        f_.minus = true;
        f_.zero = false;
      } else if (c == ' ') {
        f_.space = true;
      } else {
        break;
      }
    }
    afterIndex = argNumber(argNum, format, i, nargs, goodArgNum, reordered);
    // Width.
    if (i < end && format[i] == '*') {
      ++i;
      f_.widPresent = intFromArg(args, nargs, argNum, f_.wid);
      if (!f_.widPresent) buf_ += "%!(BADWIDTH)";
      if (f_.wid < 0) {
        f_.wid = -f_.wid;
        f_.minus = true;
        f_.zero = false;
      }
      afterIndex = false;
    } else {
      size_t start = i;
      int n = 0;
      while (i < end && format[i] >= '0' && format[i] <= '9') {
        if (n < 1000000) n = n * 10 + (format[i] - '0');
        ++i;
      }
      if (i > start) {
        f_.widPresent = true;
        f_.wid = n;
        if (afterIndex) goodArgNum = false;
      }
    }
    // Precision.
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (afterIndex) goodArgNum = false;
      afterIndex = argNumber(argNum, format, i, nargs, goodArgNum, reordered);
      if (i < end && format[i] == '*') {
        ++i;
        f_.precPresent = intFromArg(args, nargs, argNum, f_.prec);
        if (f_.prec < 0) {
          f_.prec = 0;
          f_.precPresent = false;
        }
        if (!f_.precPresent) buf_ += "%!(BADPREC)";
        afterIndex = false;
      } else {
        int n = 0;
        while (i < end && format[i] >= '0' && format[i] <= '9') {
          if (n < 1000000) n = n * 10 + (format[i] - '0');
          ++i;
        }
        f_.prec = n;
        f_.precPresent = true;
      }
    }
    if (!afterIndex) afterIndex = argNumber(argNum, format, i, nargs, goodArgNum, reordered);
    if (i >= end) {
      buf_ += "%!(NOVERB)";
      break;
    }
    int w;
    int32_t verbRune = decodeRune(format, i, &w);
    i += size_t(w);
    char verb = verbRune < 0x80 ? char(verbRune) : '?';
    if (verbRune == '%') {
      buf_ += '%';
      continue;
    }
    if (!goodArgNum) {
      buf_ += "%!";
      writeVerb(char32_t(verbRune));
      buf_ += "(BADINDEX)";
      continue;
    }
    if (size_t(argNum) >= nargs) {
      buf_ += "%!";
      writeVerb(char32_t(verbRune));
      buf_ += "(MISSING)";
      continue;
    }
    const Value& arg = args[argNum];
    if (verbRune >= 0x80) {
      badVerb(char32_t(verbRune), arg.tid ? &arg : nullptr, arg.tid);
      ++argNum;
      continue;
    }
    if (verb == 'v') {
      f_.sharpV = f_.sharp;
      f_.sharp = false;
      f_.plusV = f_.plus;
      f_.plus = false;
    }
    if (verb == 'w') {
      if (wrapped_) wrapped_->push_back(argNum);
      f_.sharpV = f_.sharp;
      f_.sharp = false;
      f_.plusV = f_.plus;
      f_.plus = false;
      bool isErr = arg.tid != 0 && (arg.tid == vm::kTidRuntimeError || hasMethod(arg.tid, "Error"));
      if (isErr && wrapped_) {
        printValue(arg, arg.tid, 'v', 0, true);
      } else {
        // Sprintf, or an operand that is not an error.
        badVerb('w', arg.tid ? &arg : nullptr, arg.tid);
      }
      ++argNum;
      continue;
    }
    printArg(arg, verb);
    ++argNum;
    if (!ok_) return;
  }
  if (!reordered && size_t(argNum) < nargs) {
    clearFlags();
    buf_ += "%!(EXTRA ";
    for (size_t k = size_t(argNum); k < nargs; ++k) {
      if (k > size_t(argNum)) buf_ += ", ";
      if (args[k].tid == 0) {
        buf_ += "<nil>";
      } else {
        buf_ += typeName(args[k].tid);
        buf_ += '=';
        printArg(args[k], 'v');
      }
    }
    buf_ += ')';
  }
}

void Printer::doPrint(const Value* args, size_t nargs) {
  bool prevString = false;
  for (size_t k = 0; k < nargs && ok_; ++k) {
    clearFlags();
    bool isString = args[k].tid != 0 && shape(args[k].tid).kind == RtKind::String;
    if (k > 0 && !isString && !prevString) buf_ += ' ';
    printArg(args[k], 'v');
    prevString = isString;
  }
}

void Printer::doPrintln(const Value* args, size_t nargs) {
  for (size_t k = 0; k < nargs && ok_; ++k) {
    clearFlags();
    if (k > 0) buf_ += ' ';
    printArg(args[k], 'v');
  }
  buf_ += '\n';
}

}  // namespace

bool formatPrintf(FmtEnv& env, std::string& out, std::string_view format, const Value* args,
                  size_t nargs, std::vector<int>* wrapped) {
  Printer p(env, out);
  p.doPrintf(format, args, nargs, wrapped);
  return p.ok();
}

bool formatPrint(FmtEnv& env, std::string& out, const Value* args, size_t nargs) {
  Printer p(env, out);
  p.doPrint(args, nargs);
  return p.ok();
}

bool formatPrintln(FmtEnv& env, std::string& out, const Value* args, size_t nargs) {
  Printer p(env, out);
  p.doPrintln(args, nargs);
  return p.ok();
}

}  // namespace gol::lib
