// BigInt and ConstFloat: the exact arithmetic behind Go's constants. The
// expected values were computed with Go's math/big (go run, Go 1.19).
#include "lang/syntax/bigint.hpp"

#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <string>

#include "lang/syntax/const_float.hpp"

using namespace gol;

namespace {

BigInt big(const std::string& s) {
  bool neg = !s.empty() && s[0] == '-';
  BigInt v;
  REQUIRE(BigInt::parseDigits(neg ? s.substr(1) : s, 10, v));
  return neg ? -v : v;
}

ConstFloat flt(const std::string& lit) {
  ConstFloat f;
  REQUIRE(ConstFloat::parseLiteral(lit, f));
  return f;
}

}  // namespace

TEST_CASE("bigint: small values stay inline and exact", "[bigint]") {
  BigInt a(INT64_MAX), one(1);
  BigInt s = a + one;
  CHECK_FALSE(s.fitsInt64());
  CHECK(s.toString() == "9223372036854775808");
  CHECK((s - one).fitsInt64());
  CHECK((s - one) == a);
  CHECK(BigInt(INT64_MIN).toString() == "-9223372036854775808");
  CHECK((-BigInt(INT64_MIN)).toString() == "9223372036854775808");
  CHECK((BigInt(INT64_MIN) / BigInt(-1)).toString() == "9223372036854775808");
  CHECK(BigInt::fromUint64(UINT64_MAX).toString() == "18446744073709551615");
  CHECK(BigInt::fromUint64(UINT64_MAX).fitsUint64());
  CHECK_FALSE((BigInt::fromUint64(UINT64_MAX) + one).fitsUint64());
}

TEST_CASE("bigint: arithmetic beyond 64 bits", "[bigint]") {
  BigInt p300 = BigInt(1).shl(300), p290 = BigInt(1).shl(290);
  CHECK(p300.toString() ==
        "203703597633448608626844568840937816105146839366593625063614044935438129976333670618339737"
        "6");
  CHECK(p300.bitLen() == 301);
  CHECK((p300 / p290) == BigInt(1024));
  CHECK((p300 % p290).isZero());
  CHECK(((p300 + BigInt(7)) % p290) == BigInt(7));
  CHECK(p300.shr(290) == BigInt(1024));
  BigInt x = big("123456789012345678901234567890123456789");
  BigInt y = big("-987654321098765432109876543210");
  CHECK((x * y).toString() ==
        "-121932631137021795226185032733744855963362292333223746380111126352690");
  CHECK((x / y).toString() == "-124999998");
  CHECK((x % y).toString() == "850308642085030864208626543209");
  CHECK((y / x).isZero());
  CHECK((x + y).toString() == "123456788024691357802469135780246913579");
  CHECK((y - x).toString() == "-123456789999999999999999999999999999999");
  // Multi-limb divisors (Knuth D with the add-back step).
  BigInt n = big("340282366920938463463374607431768211455");  // 2^128-1
  BigInt d = big("18446744073709551617");                     // 2^64+1
  CHECK((n / d).toString() == "18446744073709551615");
  CHECK((n % d).isZero());
  BigInt q = big("1000000000000000000000000000000000000000000000000000000000000");
  BigInt r = big("99999999999999999999999999999");
  CHECK((q / r).toString() == "10000000000000000000000000000100");
  CHECK((q % r).toString() == "100");
  CHECK(
      BigInt::gcd(big("1071508607186267320948425049060001810561404811705533607443750388370351051124"
                      "9361224931983788156958581275946729175531468251871452856923140435984577574698"
                      "5748039345677748242309854210746050623711418779541821530464749835819412673987"
                      "6755916554394607706291457119647768654216766042983165262438683720566806937"),
                  BigInt(3)) == BigInt(1));
}

TEST_CASE("bigint: shifts round toward minus infinity", "[bigint]") {
  CHECK(BigInt(-5).shr(1) == BigInt(-3));
  CHECK(BigInt(-1).shr(100) == BigInt(-1));
  BigInt m = -BigInt(1).shl(200) - BigInt(1);
  CHECK(m.shr(199) == BigInt(-3));
  CHECK(m.shr(200) == BigInt(-2));
  CHECK(BigInt(3).shl(100).shr(99) == BigInt(6));
}

TEST_CASE("bigint: bitwise operators use two's complement", "[bigint]") {
  BigInt a = BigInt(1).shl(100) + BigInt(5);
  BigInt minusOne(-1);
  CHECK((a & minusOne) == a);
  CHECK((a | minusOne) == minusOne);
  CHECK((a ^ minusOne) == -a - BigInt(1));
  CHECK(BigInt::andNot(a, BigInt(4)) == BigInt(1).shl(100) + BigInt(1));
  CHECK((-a & BigInt(0xff)) == BigInt(0xfb));
  CHECK((~a) == -a - BigInt(1));
  CHECK(((-BigInt(1).shl(70)) | BigInt(1).shl(69)) == -BigInt(1).shl(69));
}

TEST_CASE("bigint: literals in every base", "[bigint]") {
  BigInt v;
  CHECK(BigInt::parseLiteral("0x_ffff_ffff_ffff_ffff_ffff", v));
  CHECK(v.toString() == "1208925819614629174706175");
  CHECK(BigInt::parseLiteral("0o777", v));
  CHECK(v == BigInt(511));
  CHECK(BigInt::parseLiteral("0777", v));
  CHECK(v == BigInt(511));
  CHECK(BigInt::parseLiteral("0b1" + std::string(100, '0'), v));
  CHECK(v == BigInt(1).shl(100));
  CHECK(BigInt::parseLiteral("99999999999999999999999999999999", v));
  CHECK(v.toString() == "99999999999999999999999999999999");
  CHECK_FALSE(BigInt::parseLiteral("0x", v));
  CHECK_FALSE(BigInt::parseLiteral("12a", v));
}

TEST_CASE("constfloat: fractions are exact", "[bigint]") {
  ConstFloat third = ConstFloat::fromInt(1) / ConstFloat::fromInt(3);
  CHECK(third * ConstFloat::fromInt(3) == ConstFloat::fromInt(1));
  CHECK(flt("0.1") + flt("0.2") == flt("0.3"));
  CHECK(flt("0.1") + flt("0.2") != ConstFloat::fromDouble(0.1 + 0.2));
  CHECK(flt("1e-5") * flt("1e5") == ConstFloat::fromInt(1));
  CHECK(flt("0x1.8p1") == ConstFloat::fromInt(3));
  CHECK(third.str() == "0.333333");
  CHECK(flt("1e100").str() == "1e+100");
  CHECK(flt("1e-7").str() == "1e-07");
  CHECK(flt("1000").str() == "1000");
  CHECK(flt("1.0000001").str() == "1.0000001");  // %.6g would hide the fraction
}

TEST_CASE("constfloat: rounding to float64 and float32 is half to even", "[bigint]") {
  bool overflow = false;
  CHECK(flt("0.1").toFloat64() == 0.1);
  CHECK(flt("1.7976931348623157e308").toFloat64(&overflow) == DBL_MAX);
  CHECK_FALSE(overflow);
  // DBL_MAX plus just under half an ulp rounds down; half an ulp is a tie
  // that rounds to even, which is infinity.
  ConstFloat maxd = ConstFloat::fromDouble(DBL_MAX), halfUlp = flt("0x1p970");
  CHECK((maxd + halfUlp - ConstFloat::fromInt(1)).toFloat64(&overflow) == DBL_MAX);
  CHECK_FALSE(overflow);
  (maxd + halfUlp).toFloat64(&overflow);
  CHECK(overflow);
  ConstFloat maxf = ConstFloat::fromDouble(FLT_MAX), halfUlp32 = flt("0x1p103");
  CHECK((maxf + halfUlp32 - ConstFloat::fromInt(1)).toFloat32(&overflow) == FLT_MAX);
  CHECK_FALSE(overflow);
  (maxf + halfUlp32).toFloat32(&overflow);
  CHECK(overflow);
  // 1 + 2^-24 is halfway between two float32s: to even, 1.
  CHECK(flt("0x1.000001p0").toFloat32() == 1.0f);
  CHECK(flt("0x1.000003p0").toFloat32() == std::nextafter(1.0f, 2.0f) + 0x1p-23f);
  // Subnormals and underflow.
  CHECK(flt("0x1p-1074").toFloat64() == std::nextafter(0.0, 1.0));
  CHECK(flt("0x1p-1075").toFloat64() == 0.0);  // a tie: to even, 0
  CHECK(flt("0x1.8p-1075").toFloat64() == std::nextafter(0.0, 1.0));
  CHECK(flt("4.9406564584124654e-324").toFloat64() == std::nextafter(0.0, 1.0));
}

TEST_CASE("constfloat: huge exponents stay cheap and ordered", "[bigint]") {
  ConstFloat huge = flt("1e1000000");
  CHECK_FALSE(huge.isExact());
  CHECK(huge.str() == "1e+1000000");
  bool overflow = false;
  huge.toFloat64(&overflow);
  CHECK(overflow);
  ConstFloat tiny = ConstFloat::fromInt(1) / huge;
  CHECK(tiny.str() == "1e-1000000");
  CHECK(tiny.toFloat64() == 0.0);
  CHECK(ConstFloat::compare(tiny, ConstFloat()) > 0);
  CHECK(ConstFloat::compare(huge, flt("1e999999")) > 0);
  CHECK((huge / flt("1e999999")).toFloat64() == 10.0);
  CHECK(flt("1e400").str() == "1e+400");
  CHECK((-flt("1e400")).str() == "-1e+400");
  ConstFloat f;
  CHECK_FALSE(ConstFloat::parseLiteral("1e1000000000000", f));
}
