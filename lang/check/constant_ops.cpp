// Exact-as-practical constant arithmetic for the checker.
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "lang/check/checker.hpp"

namespace gol::cops {

namespace {

std::string int128Str(__int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
  std::string s;
  while (u) {
    s += char('0' + int(u % 10));
    u /= 10;
  }
  if (neg) s += '-';
  return std::string(s.rbegin(), s.rend());
}

bool intRange(Kind k, __int128 v) {
  switch (k) {
    case Kind::Int8: return v >= -128 && v <= 127;
    case Kind::Int16: return v >= -32768 && v <= 32767;
    case Kind::Int32: return v >= INT32_MIN && v <= INT32_MAX;
    case Kind::Int:
    case Kind::Int64: return v >= INT64_MIN && v <= INT64_MAX;
    case Kind::Uint8: return v >= 0 && v <= 255;
    case Kind::Uint16: return v >= 0 && v <= 65535;
    case Kind::Uint32: return v >= 0 && v <= UINT32_MAX;
    case Kind::Uint:
    case Kind::Uint64:
    case Kind::Uintptr: return v >= 0 && v <= (__int128)UINT64_MAX;
    default: return true;
  }
}

}  // namespace

// The parts of a numeric constant as a complex number.
bool toComplex(const ConstValue& v, long double& re, long double& im) {
  im = 0;
  if (v.kind == ConstKind::Complex) {
    re = v.f;
    im = v.im;
    return true;
  }
  return toFloat(v, re);
}

bool toFloat(const ConstValue& v, long double& out) {
  if (v.kind == ConstKind::Int) {
    out = (long double)v.i;
    return true;
  }
  if (v.kind == ConstKind::Float || (v.kind == ConstKind::Complex && v.im == 0)) {
    out = v.f;
    return true;
  }
  return false;
}

bool isZero(const ConstValue& v) {
  if (v.kind == ConstKind::Int) return v.i == 0;
  if (v.kind == ConstKind::Float) return v.f == 0;
  if (v.kind == ConstKind::Complex) return v.f == 0 && v.im == 0;
  return false;
}

bool represent(ConstValue& v, const Type* t, std::string* why) {
  auto fail = [&](const char* w) {
    if (why) *why = w;
    return false;
  };
  if (!t || !t->underlying()) return fail("");
  Kind k = t->underlying()->kind;
  if (v.kind == ConstKind::Complex && !isComplex(t)) {
    // A complex constant is an integer or float only when its imaginary
    // part is zero.
    if (v.im != 0) return fail(isInteger(t) ? "truncated" : isNumeric(t) ? "overflows" : "");
    v = ConstValue::ofFloat(v.f);
  }
  switch (k) {
    case Kind::Complex64:
    case Kind::Complex128:
    case Kind::UntypedComplex: {
      long double re, im;
      if (!toComplex(v, re, im)) return fail("");
      if (k == Kind::Complex64) {
        if (std::fabs(re) > FLT_MAX || std::fabs(im) > FLT_MAX) return fail("overflows");
        re = (float)re;
        im = (float)im;
      } else if (k == Kind::Complex128) {
        if (std::fabs(re) > DBL_MAX || std::fabs(im) > DBL_MAX) return fail("overflows");
        re = (double)re;
        im = (double)im;
      }
      v = ConstValue::ofComplex(re, im);
      return true;
    }
    case Kind::Bool:
    case Kind::UntypedBool: return v.kind == ConstKind::Bool ? true : fail("");
    case Kind::String:
    case Kind::UntypedString: return v.kind == ConstKind::String ? true : fail("");
    case Kind::Float32:
    case Kind::Float64:
    case Kind::UntypedFloat: {
      long double f;
      if (!toFloat(v, f)) return fail("");
      if (k == Kind::Float32) {
        if (std::fabs(f) > FLT_MAX) return fail("overflows");
        f = (float)f;
      } else if (k == Kind::Float64) {
        if (std::fabs(f) > DBL_MAX) return fail("overflows");
        f = (double)f;
      }
      v = ConstValue::ofFloat(f);
      return true;
    }
    default: break;
  }
  if ((k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune) {
    __int128 i;
    if (v.kind == ConstKind::Int) {
      i = v.i;
    } else if (v.kind == ConstKind::Float) {
      if (std::trunc(v.f) != v.f) return fail("truncated");
      if (std::fabs(v.f) >= 1.7e38L) return fail("truncated");
      i = (__int128)v.f;
    } else {
      return fail("");
    }
    if (!intRange(k, i)) return fail("overflows");
    v = ConstValue::ofInt(i);
    return true;
  }
  return fail("");
}

std::string str(const ConstValue& v) {
  switch (v.kind) {
    case ConstKind::Bool: return v.b ? "true" : "false";
    case ConstKind::Int: return int128Str(v.i);
    case ConstKind::String: return quoteString(v.s);
    case ConstKind::Complex: {
      std::string re = str(ConstValue::ofFloat(v.f));
      std::string im = str(ConstValue::ofFloat(std::fabs(v.im)));
      return "(" + re + (v.im < 0 ? " - " : " + ") + im + "i)";
    }
    case ConstKind::Float: {
      char buf[64];
      if (v.f == std::trunc(v.f) && std::fabs(v.f) < 1e21L) {
        std::snprintf(buf, sizeof buf, "%.0Lf", v.f);
        return buf;
      }
      for (int prec = 1; prec <= 21; prec++) {
        std::snprintf(buf, sizeof buf, "%.*Lg", prec, v.f);
        if (std::strtold(buf, nullptr) == v.f || (double)std::strtold(buf, nullptr) == (double)v.f)
          break;
      }
      return buf;
    }
    default: return "?";
  }
}

ConstValue unary(Op op, const ConstValue& x, const Type* t) {
  switch (op) {
    case Op::Add: return x;
    case Op::Sub:
      if (x.kind == ConstKind::Int) return ConstValue::ofInt(-x.i);
      if (x.kind == ConstKind::Complex)
        return ConstValue::ofComplex(x.f == 0 ? 0.0L : -x.f, x.im == 0 ? 0.0L : -x.im);
      return ConstValue::ofFloat(x.f == 0 ? 0.0L : -x.f);  // constants have no -0
    case Op::Not: return ConstValue::ofBool(!x.b);
    case Op::Xor: {
      // ^x: for unsigned typed x, flip within the type's width.
      if (t && isUnsigned(t)) {
        int bits = intBits(t->underlying()->kind);
        if (bits == 0) bits = 64;
        unsigned __int128 mask = (((unsigned __int128)1) << bits) - 1;
        return ConstValue::ofInt((__int128)((unsigned __int128)x.i ^ mask));
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
    __int128 a = x.i, b = y.i, r = 0;
    switch (op) {
      case Op::Add:
        if (__builtin_add_overflow(a, b, &r)) return false;
        break;
      case Op::Sub:
        if (__builtin_sub_overflow(a, b, &r)) return false;
        break;
      case Op::Mul:
        if (__builtin_mul_overflow(a, b, &r)) return false;
        break;
      case Op::Quo: r = a / b; break;
      case Op::Rem: r = a % b; break;
      case Op::And: r = a & b; break;
      case Op::Or: r = a | b; break;
      case Op::Xor: r = a ^ b; break;
      case Op::AndNot: r = a & ~b; break;
      case Op::Shl:
        if (b >= 126) return a == 0 ? (out = ConstValue::ofInt(0), true) : false;
        r = a << int(b);
        if ((r >> int(b)) != a) return false;
        break;
      case Op::Shr: r = b >= 127 ? (a < 0 ? -1 : 0) : a >> int(b); break;
      default: return false;
    }
    out = ConstValue::ofInt(r);
    return true;
  }
  if (x.kind == ConstKind::Complex || y.kind == ConstKind::Complex) {
    long double a = 0, b = 0, c = 0, d = 0, re = 0, im = 0;
    toComplex(x, a, b);
    toComplex(y, c, d);
    switch (op) {
      case Op::Add: re = a + c, im = b + d; break;
      case Op::Sub: re = a - c, im = b - d; break;
      case Op::Mul: re = a * c - b * d, im = a * d + b * c; break;
      case Op::Quo: {
        long double s = c * c + d * d;
        re = (a * c + b * d) / s;
        im = (b * c - a * d) / s;
        break;
      }
      default: return false;
    }
    if (!std::isfinite(re) || !std::isfinite(im)) return false;
    out = ConstValue::ofComplex(re == 0 ? 0.0L : re, im == 0 ? 0.0L : im);
    return true;
  }
  long double a = 0, b = 0;
  toFloat(x, a);
  toFloat(y, b);
  long double r;
  switch (op) {
    case Op::Add: r = a + b; break;
    case Op::Sub: r = a - b; break;
    case Op::Mul: r = a * b; break;
    case Op::Quo: r = a / b; break;
    default: return false;
  }
  if (std::isinf(r) || std::isnan(r)) return false;
  out = ConstValue::ofFloat(r == 0 ? 0.0L : r);
  return true;
}

bool compare(Op op, const ConstValue& x, const ConstValue& y) {
  int c = 0;
  if (x.kind == ConstKind::Bool) {
    c = x.b == y.b ? 0 : 1;
  } else if (x.kind == ConstKind::String) {
    c = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  } else if (x.kind == ConstKind::Complex || y.kind == ConstKind::Complex) {
    long double a = 0, b = 0, c2 = 0, d = 0;
    toComplex(x, a, b);
    toComplex(y, c2, d);
    c = (a == c2 && b == d) ? 0 : 1;  // only == and != apply
  } else if (x.kind == ConstKind::Int && y.kind == ConstKind::Int) {
    c = x.i < y.i ? -1 : x.i > y.i ? 1 : 0;
  } else {
    long double a = 0, b = 0;
    toFloat(x, a);
    toFloat(y, b);
    c = a < b ? -1 : a > b ? 1 : 0;
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
