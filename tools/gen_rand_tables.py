#!/usr/bin/env python3
"""Writes the constant tables of math/rand (Go's rngCooked seeding table and
the ziggurat tables kn/wn/fn, ke/we/fe) into runtime/lib/math_rand.gol,
between the "BEGIN GENERATED TABLES" and "END GENERATED TABLES" lines.

The numbers are facts of Go's generator (the sequences depend on them), read
from an installed Go source tree:
    tools/gen_rand_tables.py [/usr/share/go-1.19/src/math/rand]
"""
import pathlib
import re
import sys

GO_RAND = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/go-1.19/src/math/rand")
TARGET = pathlib.Path(__file__).resolve().parent.parent / "runtime/lib/math_rand.gol"


def table(file, name):
    """The numbers of `var NAME ... = [...]T{ ... }` in FILE, and T."""
    text = (GO_RAND / file).read_text()
    m = re.search(r"\b" + name + r"\s*(?:\[\w+\]\w+)?\s*=\s*\[[^\]]*\](\w+)\{(.*?)\n\s*\}", text, re.S)
    if not m:
        sys.exit(f"{file}: table {name} not found")
    body = re.sub(r"//[^\n]*", "", m.group(2))
    return m.group(1), [t.strip() for t in body.split(",") if t.strip()]


def render(name, elem, values, per_line):
    out = [f"var {name} = [{len(values)}]{elem}{{"]
    for i in range(0, len(values), per_line):
        out.append("\t" + ", ".join(values[i:i + per_line]) + ",")
    out.append("}")
    return "\n".join(out)


parts = []
for file, name, per_line in [("rng.go", "rngCooked", 4), ("normal.go", "kn", 6), ("normal.go", "wn", 4),
                             ("normal.go", "fn", 4), ("exp.go", "ke", 6), ("exp.go", "we", 4),
                             ("exp.go", "fe", 4)]:
    elem, values = table(file, name)
    parts.append(render(name, elem, values, per_line))

src = TARGET.read_text()
begin, end = "// BEGIN GENERATED TABLES (tools/gen_rand_tables.py)\n", "// END GENERATED TABLES\n"
head, rest = src.split(begin)
_, tail = rest.split(end)
TARGET.write_text(head + begin + "\n\n".join(parts) + "\n" + end + tail)
