// Exact constant arithmetic for the checker, on BigInt and ConstFloat
// (lang/syntax), with go/types' representability rules.
#include "lang/check/checker.hpp"

namespace gol::cops {

namespace {

// The value range of a sized integer kind; false for kinds without one.
bool intRange(Kind k, BigInt& lo, BigInt& hi) {
  switch (k) {
    case Kind::Int8: lo = -128, hi = 127; return true;
    case Kind::Int16: lo = -32768, hi = 32767; return true;
    case Kind::Int32: lo = int64_t(INT32_MIN), hi = int64_t(INT32_MAX); return true;
    case Kind::Int:
    case Kind::Int64: lo = BigInt(INT64_MIN), hi = BigInt(INT64_MAX); return true;
    case Kind::Uint8: lo = 0, hi = 255; return true;
    case Kind::Uint16: lo = 0, hi = 65535; return true;
    case Kind::Uint32: lo = 0, hi = int64_t(UINT32_MAX); return true;
    case Kind::Uint:
    case Kind::Uint64:
    case Kind::Uintptr: lo = 0, hi = BigInt::fromUint64(UINT64_MAX); return true;
    default: return false;
  }
}

bool isIntKind(Kind k) {
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
}

// A float constant rounded to float32/float64 (other kinds keep the exact
// value); false when the rounding overflows.
bool roundTo(Kind k, ConstFloat& f) {
  bool overflow = false;
  if (k == Kind::Float32 || k == Kind::Complex64) {
    float r = f.toFloat32(&overflow);
    if (!overflow) f = ConstFloat::fromDouble(r);
  } else if (k == Kind::Float64 || k == Kind::Complex128) {
    double r = f.toFloat64(&overflow);
    if (!overflow) f = ConstFloat::fromDouble(r);
  }
  return !overflow;
}

}  // namespace

bool toComplex(const ConstValue& v, ConstFloat& re, ConstFloat& im) {
  im = ConstFloat();
  if (v.kind == ConstKind::Complex) {
    re = v.f();
    im = v.im();
    return true;
  }
  return toFloat(v, re);
}

bool toFloat(const ConstValue& v, ConstFloat& out) {
  if (v.kind == ConstKind::Int) {
    out = ConstFloat::fromInt(v.i);
    return true;
  }
  if (v.kind == ConstKind::Float || (v.kind == ConstKind::Complex && v.im().isZero())) {
    out = v.f();
    return true;
  }
  return false;
}

bool isZero(const ConstValue& v) {
  if (v.kind == ConstKind::Int) return v.i.isZero();
  if (v.kind == ConstKind::Float) return v.f().isZero();
  if (v.kind == ConstKind::Complex) return v.f().isZero() && v.im().isZero();
  return false;
}

bool represent(ConstValue& v, const Type* t, std::string* why) {
  auto fail = [&](const char* w) {
    if (why) *why = w;
    return false;
  };
  if (!t || !t->underlying()) return fail("");
  Kind k = t->underlying()->kind;
  switch (k) {
    case Kind::Bool:
    case Kind::UntypedBool: return v.kind == ConstKind::Bool ? true : fail("");
    case Kind::String:
    case Kind::UntypedString: return v.kind == ConstKind::String ? true : fail("");
    case Kind::Complex64:
    case Kind::Complex128:
    case Kind::UntypedComplex: {
      ConstFloat re, im;
      if (!toComplex(v, re, im)) return fail("");
      if (!roundTo(k, re) || !roundTo(k, im)) return fail("overflows");
      v = ConstValue::ofComplex(std::move(re), std::move(im));
      return true;
    }
    case Kind::Float32:
    case Kind::Float64:
    case Kind::UntypedFloat: {
      ConstFloat f;
      // A complex constant is a float only when its imaginary part is zero.
      if (!toFloat(v, f)) return fail(v.kind == ConstKind::Complex ? "overflows" : "");
      if (!roundTo(k, f)) return fail("overflows");
      v = ConstValue::ofFloat(std::move(f));
      return true;
    }
    default: break;
  }
  if (!isIntKind(k)) return fail("");
  BigInt i;
  if (v.kind == ConstKind::Int) {
    i = v.i;
  } else if (v.kind == ConstKind::Float || v.kind == ConstKind::Complex) {
    // go/types: a float (or complex) constant that is no integer, or does
    // not fit, is "truncated".
    if ((v.kind == ConstKind::Complex && !v.im().isZero()) || !v.f().toInt(i))
      return fail("truncated");
    BigInt lo, hi;
    if (intRange(k, lo, hi) && (i < lo || i > hi)) return fail("truncated");
  } else {
    return fail("");
  }
  BigInt lo, hi;
  if (intRange(k, lo, hi) && (i < lo || i > hi)) return fail("overflows");
  v = ConstValue::ofInt(std::move(i));
  return true;
}

std::string str(const ConstValue& v) {
  switch (v.kind) {
    case ConstKind::Bool: return v.b ? "true" : "false";
    case ConstKind::Int: return v.i.toString();
    case ConstKind::String: return quoteString(v.s);
    case ConstKind::Float: return v.f().str();
    case ConstKind::Complex: return "(" + v.f().str() + " + " + v.im().str() + "i)";
    default: return "?";
  }
}

std::string exactKey(const ConstValue& v) {
  if (v.kind == ConstKind::Float) return v.f().exactText();
  if (v.kind == ConstKind::Complex) return v.f().exactText() + "," + v.im().exactText();
  return str(v);
}

ConstValue unary(Op op, const ConstValue& x, const Type* t) {
  switch (op) {
    case Op::Add: return x;
    case Op::Sub:
      if (x.kind == ConstKind::Int) return ConstValue::ofInt(-x.i);
      if (x.kind == ConstKind::Complex) return ConstValue::ofComplex(-x.f(), -x.im());
      return ConstValue::ofFloat(-x.f());
    case Op::Not: return ConstValue::ofBool(!x.b);
    case Op::Xor: {
      // ^x: for unsigned typed x, flip within the type's width.
      if (t && isUnsigned(t)) {
        int bits = intBits(t->underlying()->kind);
        if (bits == 0) bits = 64;
        BigInt mask = BigInt(1).shl(unsigned(bits)) - BigInt(1);
        return ConstValue::ofInt(x.i ^ mask);
      }
      return ConstValue::ofInt(~x.i);
    }
    default: return x;
  }
}

bool binary(Op op, const ConstValue& x, const ConstValue& y, bool intDiv, ConstValue& out) {
  if (x.kind == ConstKind::Bool) {
    out = ConstValue::ofBool(op == Op::LAnd ? (x.b && y.b) : (x.b || y.b));
    return true;
  }
  if (x.kind == ConstKind::String) {
    out = ConstValue::ofString(x.s + y.s);
    return true;
  }
  if (x.kind == ConstKind::Int && y.kind == ConstKind::Int && (intDiv || (op != Op::Quo))) {
    const BigInt &a = x.i, &b = y.i;
    switch (op) {
      case Op::Add: out = ConstValue::ofInt(a + b); return true;
      case Op::Sub: out = ConstValue::ofInt(a - b); return true;
      case Op::Mul: out = ConstValue::ofInt(a * b); return true;
      case Op::Quo: out = ConstValue::ofInt(a / b); return true;
      case Op::Rem: out = ConstValue::ofInt(a % b); return true;
      case Op::And: out = ConstValue::ofInt(a & b); return true;
      case Op::Or: out = ConstValue::ofInt(a | b); return true;
      case Op::Xor: out = ConstValue::ofInt(a ^ b); return true;
      case Op::AndNot: out = ConstValue::ofInt(BigInt::andNot(a, b)); return true;
      case Op::Shl:
      case Op::Shr:
        // The checker bounds shift counts (kMaxShiftCount); this guards
        // the arithmetic against a caller that did not.
        if (b.sign() < 0 || b > BigInt(kMaxShiftCount)) return false;
        out = ConstValue::ofInt(op == Op::Shl ? a.shl(b.toUint64()) : a.shr(b.toUint64()));
        return true;
      default: return false;
    }
  }
  if (x.kind == ConstKind::Complex || y.kind == ConstKind::Complex) {
    ConstFloat a, b, c, d, re, im;
    toComplex(x, a, b);
    toComplex(y, c, d);
    switch (op) {
      case Op::Add: re = a + c, im = b + d; break;
      case Op::Sub: re = a - c, im = b - d; break;
      case Op::Mul: re = a * c - b * d, im = a * d + b * c; break;
      case Op::Quo: {
        ConstFloat s = c * c + d * d;
        re = (a * c + b * d) / s;
        im = (b * c - a * d) / s;
        break;
      }
      default: return false;
    }
    out = ConstValue::ofComplex(std::move(re), std::move(im));
    return true;
  }
  ConstFloat a, b;
  toFloat(x, a);
  toFloat(y, b);
  switch (op) {
    case Op::Add: out = ConstValue::ofFloat(a + b); return true;
    case Op::Sub: out = ConstValue::ofFloat(a - b); return true;
    case Op::Mul: out = ConstValue::ofFloat(a * b); return true;
    case Op::Quo: out = ConstValue::ofFloat(a / b); return true;
    default: return false;
  }
}

bool compare(Op op, const ConstValue& x, const ConstValue& y) {
  int c = 0;
  if (x.kind == ConstKind::Bool) {
    c = x.b == y.b ? 0 : 1;
  } else if (x.kind == ConstKind::String) {
    c = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  } else if (x.kind == ConstKind::Complex || y.kind == ConstKind::Complex) {
    ConstFloat a, b, c2, d;
    toComplex(x, a, b);
    toComplex(y, c2, d);
    c = (a == c2 && b == d) ? 0 : 1;  // only == and != apply
  } else if (x.kind == ConstKind::Int && y.kind == ConstKind::Int) {
    c = BigInt::compare(x.i, y.i);
  } else {
    ConstFloat a, b;
    toFloat(x, a);
    toFloat(y, b);
    c = ConstFloat::compare(a, b);
  }
  switch (op) {
    case Op::Eql: return c == 0;
    case Op::Neq: return c != 0;
    case Op::Lss: return c < 0;
    case Op::Leq: return c <= 0;
    case Op::Gtr: return c > 0;
    case Op::Geq: return c >= 0;
    default: return false;
  }
}

}  // namespace gol::cops
