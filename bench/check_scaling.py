#!/usr/bin/env python3
"""Checker and compiler cost against program size: must be about linear.

Usage: bench/check_scaling.py [GOL] [--max N] (default build/gol, N = 64000).

Generates programs of growing size n (doubling from 1,000 to N) in several
shapes that once cost more than linear time, runs `gol disasm` on each (it
parses, checks and compiles, and prints the code, without running it), and
prints, per shape, the time at each size and the slope of log(time) against
log(n) over the sizes that took over 50 ms: about 1 is linear, 2 quadratic.
Exits 1 when a slope exceeds 1.4.

Shapes:
  vars     n package variables, each initialised from the previous one and
           declared in reverse order (the init order must be computed)
  funcs    n functions, each calling the next
  stmts    one function of n statements
  chain    chained method calls x.f().f()...f() of growing length n/100
"""
import math
import os
import subprocess
import sys
import tempfile
import time


def prog_vars(n):
    lines = ["package main", ""]
    for i in range(n - 1, 0, -1):
        lines.append(f"var v{i} = v{i - 1} + 1")
    lines.append("var v0 = 1")
    lines += ["", "func main() { println(v%d) }" % (n - 1)]
    return "\n".join(lines) + "\n"


def prog_funcs(n):
    lines = ["package main", ""]
    for i in range(n):
        nxt = f"f{i + 1}(x + 1)" if i + 1 < n else "x"
        lines.append(f"func f{i}(x int) int {{ return {nxt} }}")
    lines += ["", "func main() { println(f0(0)) }"]
    return "\n".join(lines) + "\n"


def prog_stmts(n):
    lines = ["package main", "", "func main() {", "\tx := 0"]
    for i in range(n):
        lines.append(f"\tx = x*3 + {i % 7}")
    lines += ["\tprintln(x)", "}"]
    return "\n".join(lines) + "\n"


def prog_chain(n):
    k = max(1, n // 100)
    body = "t" + ".f()" * k
    return ("package main\n\ntype T struct{ n int }\n\n"
            "func (t T) f() T { return T{t.n + 1} }\n\n"
            f"func main() {{\n\tt := T{{}}\n\tprintln({body}.n)\n}}\n")


SHAPES = {"vars": prog_vars, "funcs": prog_funcs, "stmts": prog_stmts, "chain": prog_chain}


def time_one(gol, text, work):
    path = os.path.join(work, "p.gol")
    with open(path, "w") as f:
        f.write(text)
    t = time.perf_counter()
    r = subprocess.run([gol, "disasm", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=600)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"gol disasm failed: {r.stderr.decode()[:300]}")
    return dt


def slope(points):
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0.05]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def main():
    args = sys.argv[1:]
    maxn = 64000
    if "--max" in args:
        i = args.index("--max")
        maxn = int(args[i + 1])
        del args[i:i + 2]
    gol = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "build", "gol")
    worst = 0.0
    with tempfile.TemporaryDirectory() as work:
        for name, gen in SHAPES.items():
            points = []
            n = 1000
            while n <= maxn:
                points.append((n, time_one(gol, gen(n), work)))
                n *= 2
            s = slope(points)
            row = "  ".join(f"{n}:{t * 1000:.0f}ms" for n, t in points)
            print(f"{name:6} slope {'-' if s is None else f'{s:.2f}':>5}   {row}")
            if s is not None:
                worst = max(worst, s)
    sys.exit(1 if worst > 1.4 else 0)


if __name__ == "__main__":
    main()
