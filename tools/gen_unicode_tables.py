#!/usr/bin/env python3
"""Writes package unicode's tables from the Unicode Character Database.

    python3 tools/gen_unicode_tables.py [UCD_DIR] [OUT_DIR]

UCD_DIR defaults to /usr/share/unicode (Debian's unicode-data, 15.0.0: the
edition Go 1.21 to 1.26 use); OUT_DIR to runtime/lib. It writes
unicode_tables.hpp/.cpp (the range tables, case ranges, fold orbits and the
Latin-1 property bytes as C++ arrays) and unicode.lazy.gol (the package's
table variables and maps, declared on demand: see runtime/lib/README.md).
The outputs are committed; the build never runs this script. CTest
unicode_tables_fresh regenerates into a temporary directory and compares
when unicode-data is installed.

The tables follow Go's generator (golang.org/x/text internal/export/unicode,
as of Go 1.25): categories from UnicodeData.txt with unassigned code points
as Cn (C includes Cn; LC is Lu|Ll|Lt), scripts from Scripts.txt, properties
from PropList.txt (plus STerm for Sentence_Terminal), case ranges from the
simple mappings, the fold orbits from CaseFolding.txt's C and S lines, and
range tables compacted greedily with strides as rangetable.New does.
"""

import os
import sys

MAX_RUNE = 0x10FFFF
UPPER_LOWER = MAX_RUNE + 1


def ucd_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def code_points(field):
    if ".." in field:
        lo, hi = field.split("..")
        return range(int(lo, 16), int(hi, 16) + 1)
    return range(int(field, 16), int(field, 16) + 1)


class Char:
    __slots__ = ("assigned", "category", "upper", "lower", "title", "fold", "orbit")

    def __init__(self):
        self.assigned = False
        self.category = "Cn"
        self.upper = self.lower = self.title = 0  # 0: no mapping
        self.fold = 0
        self.orbit = 0


def load_chars(ucd):
    chars = [None] * (MAX_RUNE + 1)
    first = None
    for fields in ucd_lines(os.path.join(ucd, "UnicodeData.txt")):
        cp = int(fields[0], 16)
        name = fields[1]
        if name.endswith(", First>"):
            first = cp
            continue
        lo = first if name.endswith(", Last>") else cp
        first = None
        cat = fields[2]

        def mapping(i):
            return int(fields[i], 16) if fields[i] else 0

        for r in range(lo, cp + 1):
            c = Char()
            c.assigned = True
            c.category = cat
            c.upper, c.lower, c.title = mapping(12), mapping(13), mapping(14)
            # As Go's generator: a letter maps to itself in its own case.
            if cat == "Lu":
                c.upper = r
            elif cat == "Ll":
                c.lower = r
            elif cat == "Lt":
                c.title = r
            chars[r] = c
    unassigned = Char()
    for r in range(MAX_RUNE + 1):
        if chars[r] is None:
            chars[r] = unassigned
    return chars


def load_folding(ucd, chars):
    for fields in ucd_lines(os.path.join(ucd, "CaseFolding.txt")):
        if fields[1] in ("C", "S"):
            cp = int(fields[0], 16)
            c = chars[cp]
            c.fold = int(fields[2], 16)


def load_property_file(path):
    table = {}
    for fields in ucd_lines(path):
        table.setdefault(fields[1], []).extend(code_points(fields[0]))
    return table


def compact(runes):
    """Sorted distinct runes to (r16, r32, latin_offset), each range (lo, hi,
    stride): a range starts at a rune, the next rune fixes its stride, and it
    grows while the gaps stay equal (rangetable.New's merge of singletons)."""
    out16, out32 = [], []
    for part, out in ((r for r in runes if r <= 0xFFFF), out16), ((r for r in runes if r > 0xFFFF), out32):
        cur = None
        for r in part:
            if cur is None:
                cur = [r, r, 1]
            elif cur[0] == cur[1]:
                cur[1], cur[2] = r, r - cur[0]
            elif r - cur[1] == cur[2]:
                cur[1] = r
            else:
                out.append(tuple(cur))
                cur = [r, r, 1]
        if cur is not None:
            out.append(tuple(cur))
    latin = 0
    for i, (lo, hi, stride) in enumerate(out16):
        if hi > 0xFF:
            break
        latin = i + 1
    return out16, out32, latin


def case_state(chars, r):
    """Go's getCaseState: (case, dUpper, dLower, dTitle); case is 'U', 'L',
    'T', 'N' (none) or 'M' (missing: unassigned, and NUL)."""
    c = chars[r]
    if not c.assigned or r == 0:
        return ("M", 0, 0, 0)
    kind = "N"
    if r == c.upper:
        kind = "U"
    elif r == c.lower:
        kind = "L"
    elif r == c.title:
        kind = "T"
    if kind == "N" and c.lower != 0:
        kind = "U"
    if kind == "N" and c.upper != 0:
        kind = "L"
    du = c.upper - r if c.upper else 0
    dl = c.lower - r if c.lower else 0
    dt = c.title - r if c.title else 0
    return (kind, du, dl, dt)


def upper_lower_adjacent(c, d):
    if c[0] == "U" and d[0] != "L":
        return False
    if c[0] == "L" and d[0] != "U":
        return False
    if c[0] == "L":
        c, d = d, c
    return c[1:] == (0, 1, 0) and d[1:] == (-1, 0, -1)


def adjacent(prev, cur):
    if cur[0] != prev[0]:
        return upper_lower_adjacent(prev, cur)
    if prev[0] in ("N", "M"):
        return False
    return cur[1:] == prev[1:]


def case_ranges(chars):
    out = []
    start = None
    start_r = prev_r = 0
    prev = ("N", 0, 0, 0)

    def emit():
        if start is None or start[1:] == (0, 0, 0):
            return
        if prev_r > start_r and start[1:] == (0, 1, 0):
            out.append((start_r, prev_r, UPPER_LOWER, UPPER_LOWER, UPPER_LOWER))
        else:
            out.append((start_r, prev_r) + start[1:])

    for r in range(MAX_RUNE + 1):
        state = case_state(chars, r)
        if r > 0 and adjacent(prev, state):
            prev, prev_r = state, r
            continue
        emit()
        start = None
        if state[0] not in ("M", "N"):
            start, start_r = state, r
        prev, prev_r = state, r
    emit()
    return out


def build_orbits(chars):
    orbits = {}
    for r in range(MAX_RUNE + 1):
        f = chars[r].fold
        if f:
            orbits.setdefault(f, [f]).append(r)
    for r in range(MAX_RUNE + 1):
        c = chars[r]
        f = c.fold or r
        if f not in orbits and ((c.upper and c.upper != r) or (c.lower and c.lower != r)):
            orbits[r] = [r]
    for key in list(orbits):
        orb = orbits[key]
        if len(orb) == 2:
            a, b = orb
            if (chars[a].upper == b and chars[b].lower == a) or (chars[b].upper == a and chars[a].lower == b):
                del orbits[key]
    for orb in orbits.values():
        orb = sorted(orb)
        c = orb[-1]
        for d in orb:
            chars[c].orbit = d
            c = d
    return [(r, chars[r].orbit) for r in range(MAX_RUNE + 1) if chars[r].orbit]


def fold_exceptions(chars, members):
    m = set()
    for r in members:
        c = chars[r]
        if c.orbit == 0:
            if c.upper:
                m.add(c.upper)
            if c.lower:
                m.add(c.lower)
            m.add(r)
            continue
        r0 = r
        while True:
            m.add(r)
            r = chars[r].orbit
            if r == r0:
                break
    return sorted(m - set(members))


def ascii_fold(chars):
    out = []
    for r in range(0x80):
        c = chars[r]
        f = c.orbit
        if not f:
            if c.lower and c.lower != r:
                f = c.lower
            elif c.upper and c.upper != r:
                f = c.upper
            else:
                f = r
        out.append(f)
    return out


# Bits of the Latin-1 property bytes (Go's graphic.go).
P_C, P_P, P_N, P_S, P_Z, P_LU, P_LL, P_PRINT = 1, 2, 4, 8, 16, 32, 64, 128
P_LO = P_LU | P_LL  # a letter neither upper nor lower case


def latin1_properties(chars):
    out = []
    for r in range(0x100):
        cat = chars[r].category
        if cat == "Cc" or r == 0:
            p = P_C
        elif cat == "Cf":
            p = 0
        elif cat == "Ll":
            p = P_LL | P_PRINT
        elif cat == "Lo":
            p = P_LO | P_PRINT
        elif cat == "Lu":
            p = P_LU | P_PRINT
        elif cat in ("Nd", "No"):
            p = P_N | P_PRINT
        elif cat[0] == "P":
            p = P_P | P_PRINT
        elif cat[0] == "S":
            p = P_S | P_PRINT
        elif cat == "Zs":
            p = P_Z
        else:
            raise SystemExit("U+%04X: unexpected category %s" % (r, cat))
        if r == 0x20:
            p = P_Z | P_PRINT
        out.append(p)
    return out


def category_alias_table(ucd):
    table = {}
    for fields in ucd_lines(os.path.join(ucd, "PropertyValueAliases.txt")):
        if fields[0] != "gc":
            continue
        table[fields[2]] = fields[1]
        if len(fields) > 3 and fields[3]:
            table[fields[3]] = fields[1]
    return table


# The exported names Go gives the category tables besides their own.
CATEGORY_ALIASES = {
    "C": ["Other"], "L": ["Letter"], "M": ["Mark"], "N": ["Number"], "P": ["Punct"],
    "S": ["Symbol"], "Z": ["Space"], "Nd": ["Digit"], "Lu": ["Upper"], "Ll": ["Lower"],
    "Lt": ["Title"],
}


def main():
    ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "runtime", "lib")
    with open(os.path.join(ucd, "Scripts.txt"), encoding="utf-8") as f:
        header = f.readline()  # "# Scripts-15.0.0.txt"
    if not header.startswith("# Scripts-") or not header.strip().endswith(".txt"):
        raise SystemExit("no Unicode version in the first line of Scripts.txt")
    version = header.strip()[len("# Scripts-"):-len(".txt")]
    chars = load_chars(ucd)
    load_folding(ucd, chars)

    categories = sorted({c.category for c in chars if c.assigned} | {"Cn", "C", "L", "LC", "M", "N", "P", "S", "Z"})
    by_category = {name: [] for name in categories}
    for r in range(MAX_RUNE + 1):
        cat = chars[r].category
        by_category[cat].append(r)
        by_category[cat[0]].append(r)
        if cat in ("Lu", "Ll", "Lt"):
            by_category["LC"].append(r)
    scripts = load_property_file(os.path.join(ucd, "Scripts.txt"))
    props = load_property_file(os.path.join(ucd, "PropList.txt"))
    orbit_pairs = build_orbits(chars)

    def in_category(name):
        # Go's inCategory: the code points whose category is name, or starts
        # with a one-letter name; none for LC, which is no code point's own.
        return [] if name == "LC" else by_category[name]

    fold_cat = {}
    for name in categories:
        x = fold_exceptions(chars, in_category(name))
        if x:
            fold_cat[name] = x
    fold_script = {}
    for name in sorted(scripts):
        x = fold_exceptions(chars, sorted(set(scripts[name])))
        if x:
            fold_script[name] = x

    # Every table, in id order, with the groups the maps are made of.
    tables = []  # (gol name or None, rune list)
    groups = {}

    def add_group(key, names, runes_of, var_prefix=""):
        first = len(tables)
        for name in names:
            tables.append((var_prefix + name, sorted(set(runes_of(name)))))
        groups[key] = (first, len(names))

    add_group("Categories", categories, lambda n: by_category[n])
    add_group("Scripts", sorted(scripts), lambda n: scripts[n])
    add_group("Properties", sorted(props), lambda n: props[n])
    add_group("FoldCategory", sorted(fold_cat), lambda n: fold_cat[n], "fold")
    add_group("FoldScript", sorted(fold_script), lambda n: fold_script[n], "fold")

    compacted = [compact(runes) for _, runes in tables]
    ranges = case_ranges(chars)
    latin = latin1_properties(chars)
    afold = ascii_fold(chars)

    write_cpp(out_dir, version, tables, compacted, groups, ranges, orbit_pairs, latin, afold)
    write_gol(out_dir, version, tables, groups, props, category_alias_table(ucd))


def cpp_ident(name):
    return "k" + name.replace("_", "")


def write_cpp(out_dir, version, tables, compacted, groups, ranges, orbit_pairs, latin, afold):
    gen = "// Generated by tools/gen_unicode_tables.py from the Unicode Character Database %s.\n// Do not edit.\n" % version
    h = [gen, "#pragma once\n\n#include <cstddef>\n#include <cstdint>\n\nnamespace gol::lib::ucd {\n\n"]
    h.append('constexpr const char* kVersion = "%s";\n\n' % version)
    h.append("struct Range16 {\n  uint16_t lo, hi, stride;\n};\nstruct Range32 {\n  uint32_t lo, hi, stride;\n};\n")
    h.append("// One table: its ranges in kRange16/kRange32 and Go's LatinOffset.\n")
    h.append("struct Table {\n  const char* name;\n  uint16_t first16, count16, first32, count32;\n  uint8_t latinOffset;\n};\n")
    h.append("struct CaseRange {\n  uint32_t lo, hi;\n  int32_t delta[3];  // upper, lower, title; kUpperLower: alternating\n};\n")
    h.append("struct FoldPair {\n  uint32_t from, to;\n};\n\n")
    h.append("constexpr int32_t kUpperLower = 0x%X;\n" % UPPER_LOWER)
    h.append("// Bits of kLatin1Properties, as Go's graphic.go: a letter that is neither\n// upper nor lower case (Lo) has both kPLu and kPLl.\n")
    h.append("enum : uint8_t {\n  kPC = 1,\n  kPP = 2,\n  kPN = 4,\n  kPS = 8,\n  kPZ = 16,\n  kPLu = 32,\n  kPLl = 64,\n  kPPrint = 128,\n  kPLetter = kPLu | kPLl,\n};\n\n")
    h.append("// Table ids: the index of each table in kTables.\nenum TableId : uint16_t {\n")
    for i, (name, _) in enumerate(tables):
        h.append("  %s = %d,\n" % (cpp_ident(name), i))
    h.append("  kTableCount = %d,\n};\n\n" % len(tables))
    h.append("// The tables of one of Go's maps (Categories, Scripts, ...): ids first..first+count.\n")
    h.append("struct TableGroup {\n  const char* name;\n  uint16_t first, count;\n};\n")
    h.append("// clang-format off\nconstexpr TableGroup kGroups[] = {\n")
    for key in ("Categories", "Scripts", "Properties", "FoldCategory", "FoldScript"):
        h.append('    {"%s", %d, %d},\n' % ((key,) + groups[key]))
    h.append("};\n// clang-format on\n\n")
    h.append("extern const Table kTables[kTableCount];\nextern const Range16 kRange16[];\nextern const Range32 kRange32[];\n")
    h.append("extern const CaseRange kCaseRanges[%d];\nextern const FoldPair kCaseOrbit[%d];\n" % (len(ranges), len(orbit_pairs)))
    h.append("extern const uint8_t kLatin1Properties[256];\nextern const uint16_t kAsciiFold[128];\n\n")
    h.append("}  // namespace gol::lib::ucd\n")

    c = [gen, '#include "runtime/lib/unicode_tables.hpp"\n\nnamespace gol::lib::ucd {\n\n']
    c.append("// clang-format off\n")
    r16, r32, entries = [], [], []
    for (name, _), (t16, t32, lo) in zip(tables, compacted):
        entries.append('    {"%s", %d, %d, %d, %d, %d},\n' % (name, len(r16), len(t16), len(r32), len(t32), lo))
        r16.extend(t16)
        r32.extend(t32)
    c.append("const Table kTables[kTableCount] = {\n" + "".join(entries) + "};\n\n")
    c.append("const Range16 kRange16[] = {\n")
    for i in range(0, len(r16), 4):
        c.append("   " + "".join(" {0x%04x, 0x%04x, %d}," % t for t in r16[i:i + 4]) + "\n")
    c.append("};\n\nconst Range32 kRange32[] = {\n")
    for i in range(0, len(r32), 3):
        c.append("   " + "".join(" {0x%x, 0x%x, %d}," % t for t in r32[i:i + 3]) + "\n")
    c.append("};\n\nconst CaseRange kCaseRanges[%d] = {\n" % len(ranges))
    for lo, hi, du, dl, dt in ranges:
        c.append("    {0x%04X, 0x%04X, {%s, %s, %s}},\n" % tuple([lo, hi] + [("kUpperLower" if d == UPPER_LOWER else str(d)) for d in (du, dl, dt)]))
    c.append("};\n\nconst FoldPair kCaseOrbit[%d] = {\n" % len(orbit_pairs))
    for i in range(0, len(orbit_pairs), 4):
        c.append("   " + "".join(" {0x%04X, 0x%04X}," % p for p in orbit_pairs[i:i + 4]) + "\n")
    c.append("};\n\nconst uint8_t kLatin1Properties[256] = {\n")
    for i in range(0, 256, 16):
        c.append("   " + "".join(" %d," % p for p in latin[i:i + 16]) + "\n")
    c.append("};\n\nconst uint16_t kAsciiFold[128] = {\n")
    for i in range(0, 128, 16):
        c.append("   " + "".join(" 0x%02X," % f if f < 0x100 else " 0x%04X," % f for f in afold[i:i + 16]) + "\n")
    c.append("};\n// clang-format on\n\n}  // namespace gol::lib::ucd\n")
    with open(os.path.join(out_dir, "unicode_tables.hpp"), "w") as f:
        f.write("".join(h))
    with open(os.path.join(out_dir, "unicode_tables.cpp"), "w") as f:
        f.write("".join(c))


# The helpers the table declarations call, lazy too (as func-valued vars: a
# lazy declaration is a var or const), so a program that names no table
# does not even check them.
LAZY_HELPERS = """
// The generated tables as RangeTables, each made once, when first named
// (tables[id]), so that every name of a table is the same *RangeTable.
var tables []*RangeTable

var tableOf = func(id int) *RangeTable {
\tif tables == nil {
\t\ttables = make([]*RangeTable, tableCount())
\t}
\tif t := tables[id]; t != nil {
\t\treturn t
\t}
\tn16, n32, latinOffset := tableShape(id)
\tt := &RangeTable{R16: make([]Range16, n16), LatinOffset: latinOffset}
\tif n32 > 0 {
\t\tt.R32 = make([]Range32, n32)
\t}
\tfillTable(id, t.R16, t.R32)
\ttables[id] = t
\treturn t
}

// tableMap makes Categories, Scripts, Properties, FoldCategory or
// FoldScript (groups 0 to 4).
var tableMap = func(group int) map[string]*RangeTable {
\tfirst, count := groupTables(group)
\tm := make(map[string]*RangeTable, count)
\tfor id := first; id < first+count; id++ {
\t\tname := tableName(id)
\t\tif group >= 3 {
\t\t\tname = name[len("fold"):]
\t\t}
\t\tm[name] = tableOf(id)
\t}
\tif group == 2 {
\t\tm["STerm"] = m["Sentence_Terminal"]
\t}
\treturn m
}

var caseRanges = func() []CaseRange {
\tranges := make([]CaseRange, caseRangeCount())
\tfillCaseRanges(ranges)
\treturn ranges
}
"""


def write_gol(out_dir, version, tables, groups, props, aliases):
    ids = {name: i for i, (name, _) in enumerate(tables)}
    o = ["// Generated by tools/gen_unicode_tables.py from the Unicode Character Database %s.\n" % version,
         "// Do not edit. Declarations on demand: the checker parses one of these only\n",
         "// when a program names it (runtime/lib/README.md, \"Lazy declarations\").\n\n",
         "package unicode\n\n"]
    first, count = groups["Categories"]
    for name, _ in tables[first:first + count]:
        for alias in CATEGORY_ALIASES.get(name, []):
            o.append("var %s = tableOf(%d)\n" % (alias, ids[name]))
        o.append("var %s = tableOf(%d)\n" % (name, ids[name]))
    for key in ("Scripts", "Properties"):
        first, count = groups[key]
        for name, _ in tables[first:first + count]:
            o.append("var %s = tableOf(%d)\n" % (name, ids[name]))
            if key == "Properties" and name == "Sentence_Terminal":
                o.append("var STerm = tableOf(%d)\n" % ids[name])
    for i, key in enumerate(("Categories", "Scripts", "Properties", "FoldCategory", "FoldScript")):
        o.append("var %s = tableMap(%d)\n" % (key, i))
    o.append("var CategoryAliases = map[string]string{\n")
    for name in sorted(aliases):
        o.append('\t"%s": "%s",\n' % (name, aliases[name]))
    o.append("}\n")
    o.append("var CaseRanges = caseRanges()\n")
    o.append("var GraphicRanges = []*RangeTable{tableOf(%d), tableOf(%d), tableOf(%d), tableOf(%d), tableOf(%d), tableOf(%d)}\n"
             % tuple(ids[n] for n in ("L", "M", "N", "P", "S", "Zs")))
    o.append("var PrintRanges = []*RangeTable{tableOf(%d), tableOf(%d), tableOf(%d), tableOf(%d), tableOf(%d)}\n"
             % tuple(ids[n] for n in ("L", "M", "N", "P", "S")))
    for name in ("TurkishCase",):
        o.append("var %s SpecialCase = SpecialCase{\n" % name)
        o.append("\tCaseRange{0x0049, 0x0049, d{0, 0x131 - 0x49, 0}},\n")
        o.append("\tCaseRange{0x0069, 0x0069, d{0x130 - 0x69, 0, 0x130 - 0x69}},\n")
        o.append("\tCaseRange{0x0130, 0x0130, d{0, 0x69 - 0x130, 0}},\n")
        o.append("\tCaseRange{0x0131, 0x0131, d{0x49 - 0x131, 0, 0x49 - 0x131}},\n")
        o.append("}\n")
    o.append("var AzeriCase SpecialCase = TurkishCase\n")
    o.append(LAZY_HELPERS)
    with open(os.path.join(out_dir, "unicode.lazy.gol"), "w") as f:
        f.write("".join(o))


if __name__ == "__main__":
    main()
