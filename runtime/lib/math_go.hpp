// Go's own algorithms for the math functions whose results Go computes
// itself (in Go or, on amd64, in assembly) instead of taking the C
// library's: programs print these numbers, so they must be Go's bits.
#pragma once

namespace gol::lib::gomath {

double exp(double x);              // amd64 assembly: a Taylor series after reduction
double log(double x);              // amd64 assembly
double hypot(double p, double q);  // amd64 assembly
double log10(double x);
double log2(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double atan(double x);
double asin(double x);
double acos(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double cbrt(double x);
double log1p(double x);
double exp2(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);
double expm1(double x);
double erf(double x);
double erfc(double x);
double gamma(double x);

}  // namespace gol::lib::gomath
