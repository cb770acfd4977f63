#!/usr/bin/env python3
"""Time of a trivial REPL entry, early in a session and after 1,000 entries.

Usage: bench/repl_entry.py [GOL] (default build/gol).

Drives `gol` through a pseudo-terminal as a person would: types an entry and
waits for the next prompt. First 50 trivial entries (`v + 1`) on a fresh
session, then 1,000 varied entries (declarations, redefinitions, functions,
some that sleep 1 ms or compute a loop of 10,000 steps, goroutines that stay
blocked), then 50 trivial entries again. Prints the median and the 90th
percentile of both sets. Target: median under 5 ms, independent of the
session's length.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "repl"))
import repl_pty  # noqa: E402


def timed(r, text):
    t = time.perf_counter()
    r.line(text)
    r.expect(repl_pty.PROMPT, timeout=30)
    return time.perf_counter() - t


def trivial(r, n):
    return [timed(r, "v + 1") for _ in range(n)]


def varied(i):
    k = i % 10
    if k == 0:
        return "time.Sleep(time.Millisecond)"
    if k == 1:
        return "s%d := 0; for j := 0; j < 10000; j++ { s%d += j }" % (i, i)
    if k == 2:
        return "func f%d(n int) int { return n + %d }" % (i % 50, i)
    if k == 3:
        return "type T%d struct{ A, B int }" % (i % 20)
    if k == 4:
        return "ch%d := make(chan int); go func() { <-ch%d }()" % (i, i)
    if k == 5:
        return "x := %d" % i  # a redefinition every time
    if k == 6:
        return 'm%d := map[string]int{"a": %d}' % (i, i)
    if k == 7:
        return "x * 2"
    if k == 8:
        return 'strings.Repeat("ab", 3)'
    return "v%d := []int{1, 2, 3}" % i


def report(name, xs):
    xs = sorted(xs)
    p90 = xs[int(len(xs) * 0.9) - 1]
    print("%-28s median %6.2f ms   p90 %6.2f ms" % (name, statistics.median(xs) * 1e3, p90 * 1e3))


def main():
    gol = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/gol")
    repl_pty.GOL = gol
    r = repl_pty.started()
    try:
        r.entry("v := 41")
        early = trivial(r, 50)
        t = time.perf_counter()
        for i in range(1000):
            timed(r, varied(i))
        bulk = time.perf_counter() - t
        late = trivial(r, 50)
    finally:
        r.close()
    report("trivial entry, fresh", early)
    report("trivial entry, after 1,000", late)
    print("1,000 varied entries: %.2f s" % bulk)


if __name__ == "__main__":
    main()
