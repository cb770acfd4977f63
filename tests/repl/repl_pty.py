#!/usr/bin/env python3
"""Drives gol's REPL through a pseudo-terminal, as a person would.

Usage: repl_pty.py GOL [TEST...]. Exit 0 when every test passed, 1 otherwise.
Each test starts its own REPL (HOME in a temporary directory, so history
goes there), types lines, and waits for the text it expects; timing checks
are generous (they only catch stalls and re-runs, not speed).
"""
import os
import pty
import re
import select
import signal
import shutil
import subprocess
import sys
import tempfile
import time

GOL = None
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\r|\x07")
PROMPT = b"gol> "
CONT = b"...  "


class Repl:
    def __init__(self, args=(), home=None, locale="C.UTF-8"):
        self.home = home or tempfile.mkdtemp(prefix="gol-repl-")
        env = dict(os.environ, HOME=self.home, TERM="xterm", LANG=locale, LC_ALL=locale)
        env.pop("EDITRC", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(GOL, [GOL] + list(args), env)
        self.buf = b""  # everything read, escapes removed
        self.pos = 0  # where the next expect() starts looking
        self.status = None

    def read_some(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return None
        if not data:
            return None
        self.buf += ANSI.sub(b"", data)
        return True

    def expect(self, what, timeout=5.0):
        """Waits for `what` (bytes or compiled regex) after the last match."""
        deadline = time.time() + timeout
        while True:
            if isinstance(what, bytes):
                at = self.buf.find(what, self.pos)
                if at >= 0:
                    self.pos = at + len(what)
                    return self.buf[at:self.pos]
            else:
                m = what.search(self.buf, self.pos)
                if m:
                    self.pos = m.end()
                    return m.group(0)
            left = deadline - time.time()
            if left <= 0 or self.read_some(left) is None:
                raise AssertionError("expected %r, got %r" % (what, self.buf[self.pos:][-600:]))

    def since(self):
        return self.buf[self.pos:]

    def send(self, text):
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def line(self, text):
        self.send(text + "\r")

    def entry(self, text, expect_prompt=True):
        """Types an entry at a fresh prompt and waits for the next prompt."""
        self.line(text)
        if expect_prompt:
            return self.expect(PROMPT)

    def wait_exit(self, timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self.read_some(0.05)
        raise AssertionError("gol did not exit; output %r" % self.buf[-400:])

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


def started(args=()):
    r = Repl(args)
    r.expect(PROMPT)
    return r


def out_between(r, text):
    """Types `text`, returns what was printed before the next prompt."""
    r.line(text)
    start = r.pos
    r.expect(PROMPT)
    got = r.buf[start:r.pos - len(PROMPT)]
    # The echo of the typed line comes first.
    echo = text.encode()
    at = got.find(echo)
    if at >= 0:
        got = got[at + len(echo):]
    return got.strip(b"\n")


# ---------------------------------------------------------------- the tests

def test_values_and_persistence(r):
    r.entry("x := 6")
    r.line("func sq(n int) int {")
    r.expect(CONT)
    r.line("    return n * n")
    r.expect(CONT)
    r.line("}")
    r.expect(PROMPT)
    assert out_between(r, "sq(x)") == b"36"
    assert out_between(r, 'strings.ToUpper("abc")') == b'"ABC"'
    assert out_between(r, 'strconv.Atoi("12")') == b"12, <nil>"
    assert out_between(r, "1 << 10") == b"1024"
    # Discarded values of statements are not printed.
    assert out_between(r, "_ = sq(2)") == b""
    assert out_between(r, "fmt.Println(\"hi\")") == b"hi"


def test_unicode_tables_later(r):
    # unicode comes in with strings (compiled then); its tables, lazy in a
    # program, are declared with the package in the REPL, so a later entry
    # can name them.
    assert out_between(r, 'strings.ToLower("ÀB")') == '"àb"'.encode()
    assert out_between(r, "unicode.Is(unicode.Han, '世')") == b"true"
    assert out_between(r, "len(unicode.Scripts)") == b"163"


def test_no_rerun(r):
    # An entry runs once: a later entry does not repeat the sleep or output.
    r.entry('n := 0')
    r.entry('n++; fmt.Println("side effect")')
    t = time.time()
    r.entry("time.Sleep(300 * time.Millisecond)")
    assert time.time() - t >= 0.25
    t = time.time()
    got = out_between(r, "n")
    assert got == b"1", got
    assert time.time() - t < 0.25, "a later entry took as long as the sleep"
    assert r.buf.count(b"\nside effect\n") == 1


def test_redefinition(r):
    r.entry("x := 1")
    r.entry('f := func() int { return x }')
    r.entry('x := "now a string"')
    assert out_between(r, "x") == b'"now a string"'
    # The closure keeps the variable it captured.
    assert out_between(r, "f()") == b"1"
    r.entry("func g() string { return \"one\" }")
    r.entry("func g() string { return \"two\" }")
    assert out_between(r, "g()") == b'"two"'
    r.entry("type T struct{ A int }")
    r.entry("type T struct{ A, B int }")
    assert out_between(r, "T{1, 2}") == b"{1 2}"
    r.entry('import "strings"')
    r.entry('import "strings"')
    r.entry("package main")
    assert out_between(r, 'strings.Repeat("ab", 2)') == b'"abab"'


def test_methods_later(r):
    r.entry("type P struct{ X, Y int }")
    r.entry("p := P{1, 2}")
    assert out_between(r, "p") == b"{1 2}"
    r.entry('func (p P) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }')
    assert out_between(r, "p") == b"(1,2)"


def test_type_command(r):
    r.entry("m := map[string][]int{}")
    assert out_between(r, ":type m") == b"map[string][]int"
    assert out_between(r, ':type strconv.Atoi("1")') == b"(int, error)"
    assert out_between(r, ":type time.Sleep(1)") == b"(no value)"
    # :type does not evaluate.
    assert out_between(r, ':type fmt.Println("evaluated")') == b"(int, error)"
    assert b"\nevaluated\n" not in r.buf


def test_errors_keep_session(r):
    r.entry("a := 1")
    got = out_between(r, "b + 1")
    assert b"repl:1:1: undefined: b" in got, got
    got = out_between(r, 'panic("boom")')
    assert b"panic: boom" in got, got
    got = out_between(r, "var s []int; _ = s[5]")
    assert b"panic: runtime error: index out of range [5] with length 0" in got, got
    assert out_between(r, "a") == b"1"


def test_background_panic(r):
    r.entry('go func() { time.Sleep(50 * time.Millisecond); panic("in background") }()')
    time.sleep(0.3)
    r.expect(b"panic: in background")
    r.expect(b"goroutine ")
    r.expect(PROMPT)
    assert out_between(r, "1 + 1") == b"2"


def test_goroutines_between_prompts(r):
    r.entry("done := make(chan bool)")
    r.entry('go func() { for i := 0; i < 3; i++ { time.Sleep(150 * time.Millisecond); fmt.Println("tick", i) } ; done <- true }()')
    # Nothing typed: the ticks arrive while the prompt waits.
    r.expect(b"tick 0")
    # A partial line survives output: the prompt and the line are redrawn.
    r.send("12")
    r.expect(b"tick 1")
    r.expect(b"gol> 12")
    r.send(" + 30\r")
    r.expect(b"42")
    r.expect(b"tick 2")
    r.expect(PROMPT)
    assert out_between(r, "<-done") == b"true"


def test_channels_persist(r):
    r.entry("c := make(chan int, 3)")
    r.entry("c <- 1; c <- 2")
    assert out_between(r, "len(c)") == b"2"
    assert out_between(r, "<-c") == b"1"


def test_ctrl_c(r):
    r.entry("k := 0")
    r.line("func() { defer fmt.Println(\"deferred ran\"); for { k++ } }()")
    time.sleep(0.3)
    r.send(b"\x03")
    r.expect(b"deferred ran")
    r.expect(b"interrupted")
    r.expect(PROMPT)
    assert out_between(r, "k > 0") == b"true"
    # Ctrl-C in a continuation cancels the entry.
    r.line("if true {")
    r.expect(CONT)
    r.send(b"\x03")
    r.expect(PROMPT)
    assert out_between(r, "k > 0") == b"true"
    # A blocked entry is interrupted too.
    r.line("time.Sleep(time.Hour)")
    time.sleep(0.2)
    r.send(b"\x03")
    r.expect(b"interrupted")
    r.expect(PROMPT)
    assert out_between(r, "2 * 21") == b"42"


def test_multibyte(r):
    assert out_between(r, '"héllo, 世界"') == '"héllo, 世界"'.encode()
    assert out_between(r, 'len("世界")') == b"6"


def test_multibyte_c_locale():
    # An environment that names no character set (LANG=C) still gets
    # UTF-8 input: gol falls back to C.UTF-8.
    r = Repl(locale="C")
    try:
        r.expect(PROMPT)
        assert out_between(r, 'strings.ToUpper("héllo, 世界")') == '"HÉLLO, 世界"'.encode()
    finally:
        r.close()


def test_os_exit(r):
    r.entry("x := 1")
    # Deferred calls do not run, as in Go; the status is the REPL's.
    r.line('func() { defer fmt.Println("not" + " run"); fmt.Println("exiting"); os.Exit(3) }()')
    assert r.wait_exit() == 3
    assert b"\nexiting\n" in r.buf, r.buf[-300:]
    assert b"not run" not in r.buf, r.buf[-300:]


def test_quit(r):
    r.entry("y := 2")
    r.line(":quit")
    assert r.wait_exit() == 0


def test_constants_redefined(r):
    r.entry("const c = 1")
    r.entry('const c = "two"')
    assert out_between(r, "c") == b'"two"'
    r.entry("var v = 1")
    r.entry("var v = 2.5")
    assert out_between(r, ":type v") == b"float64"


def test_streamed_output(r):
    # Output of a running entry appears as it is printed, not at its end.
    r.line('for i := 0; i < 3; i++ { fmt.Println("step", i); time.Sleep(time.Second) }')
    t = time.time()
    r.expect(b"step 0\n")
    assert time.time() - t < 0.9, "the first line waited for the entry"
    assert PROMPT not in r.since()
    r.expect(b"step 2\n", timeout=6)
    r.expect(PROMPT)


def test_top_level_defer(r):
    # A deferred call of an entry runs when the entry ends; later entries'
    # output is whole (the old REPL printed fragments of "deferred").
    got = out_between(r, 'defer fmt.Println("deferred"); fmt.Println("body")')
    assert got == b"body\ndeferred", got
    assert out_between(r, 'fmt.Println("three")') == b"three"
    assert out_between(r, '"four"') == b'"four"'


def test_scanln_reads_typed_line(r):
    # An entry that reads standard input gets the next typed line; that
    # line is not taken as code.
    r.entry("var name string")
    r.line("fmt.Scanln(&name)")
    time.sleep(0.3)
    r.line("Gopher")
    r.expect(PROMPT)
    assert out_between(r, "name") == b'"Gopher"'


def test_ctrl_c_in_scanln(r):
    # An entry waiting for a typed line is stopped by Ctrl-C too.
    r.entry("var word string")
    r.line('fmt.Scanln(&word); fmt.Println("not" + " reached")')
    time.sleep(0.3)
    r.send(b"\x03")
    r.expect(b"interrupted")
    r.expect(PROMPT)
    assert b"not reached" not in r.buf
    assert out_between(r, "6 * 7") == b"42"
    # The same through os.Stdin (the goroutine waits on the descriptor).
    r.entry("rd := bufio.NewReader(os.Stdin)")
    r.line("ln, _ := rd.ReadString('\\n'); fmt.Println(\"got\", ln)")
    time.sleep(0.3)
    r.send(b"\x03")
    r.expect(b"interrupted")
    r.expect(PROMPT)
    assert out_between(r, "1 + 1") == b"2"
    assert b"\ngot" not in r.buf


def test_ctrl_c_keeps_background(r):
    r.entry("bg := 0")
    r.entry("go func() { for { time.Sleep(10 * time.Millisecond); bg++ } }()")
    r.line("for {}")
    time.sleep(0.3)
    r.send(b"\x03")
    r.expect(b"interrupted")
    r.expect(PROMPT)
    r.entry("b1 := bg")
    time.sleep(0.3)
    assert out_between(r, "bg > b1") == b"true"


def test_background_panic_ends_only_it(r):
    r.entry("alive := 0")
    r.entry("go func() { for { time.Sleep(10 * time.Millisecond); alive++ } }()")
    r.entry('go func() { time.Sleep(50 * time.Millisecond); panic("only me") }()')
    r.expect(b"panic: only me")
    r.expect(PROMPT)
    r.entry("a1 := alive")
    time.sleep(0.3)
    assert out_between(r, "alive > a1") == b"true"


def test_virtual_clock_frozen_at_prompt():
    # --virtual-time: the simulated clock moves only while an entry waits,
    # never while the prompt does; a background sleep wakes when an entry's
    # wait moves the clock past it.
    r = started(["--virtual-time"])
    try:
        r.entry("t0 := time.Now()")
        r.entry('go func() { time.Sleep(time.Minute); fmt.Println("bg", "woke") }()')
        time.sleep(0.5)
        assert out_between(r, "time.Since(t0)") == b"0s"
        assert b"bg woke" not in r.buf
        t = time.time()
        got = out_between(r, "time.Sleep(time.Hour)")
        assert time.time() - t < 2
        assert got == b"bg woke", got
        assert out_between(r, "time.Since(t0)") == b"1h0m0s"
    finally:
        r.close()


def test_ctrl_d_and_history(r):
    r.entry("hist := 12345")
    r.send(b"\x04")
    assert r.wait_exit() == 0
    with open(os.path.join(r.home, ".gol_history"), "rb") as f:
        assert b"hist\\040:=\\04012345" in f.read()  # libedit's format
    # The next session (same home) has it: Up arrow brings it back.
    r2 = Repl(home=r.home)
    try:
        r2.expect(PROMPT)
        r2.send(b"\x1b[A")
        r2.expect(b"hist := 12345")
        r2.send("\r")
        r2.expect(PROMPT)
        assert out_between(r2, "hist") == b"12345"
    finally:
        r2.close()


def test_commands(r):
    got = out_between(r, ":help")
    for c in [b":help", b":type", b":doc", b":load", b":save", b":goroutines", b":reset", b":quit"]:
        assert c in got, (c, got)
    got = out_between(r, ":doc strings.ToUpper")
    assert b"func ToUpper(s string) string" in got, got
    assert b"\n    ToUpper returns s with every letter in upper case." in got, got
    got = out_between(r, ":doc time.Since")  # a one-line function: its body is not shown
    assert got.endswith(b"func Since(t Time) Duration\n    Since returns the time elapsed since t (Now().Sub(t)).") and b"{" not in got, got
    r.entry("ch := make(chan int)")
    r.entry("go func() { <-ch }()")
    got = out_between(r, ":goroutines")
    assert b"[chan receive]" in got, got
    path = os.path.join(r.home, "lib.gol")
    with open(path, "w") as f:
        f.write("func triple(n int) int { return 3 * n }\nloaded := triple(5)\n")
    r.entry(":load " + path)
    assert out_between(r, "loaded") == b"15"
    r.entry(":reset")
    got = out_between(r, "loaded")
    assert b"undefined: loaded" in got, got


def test_save(r):
    r.entry("total := 0")
    r.entry("func add(n int) { total += n }")
    r.entry("func add(n int) { total += 10 * n }")
    r.entry("add(1); add(2)")
    r.entry("total++")
    r.entry('fmt.Println("total", total)')
    r.expect(b"")
    path = os.path.join(r.home, "saved.go")
    r.entry(":save " + path)
    out = subprocess.run([GOL, "run", path], capture_output=True, timeout=10)
    assert out.returncode == 0, out.stderr
    assert out.stdout == b"total 31\n", (out.stdout, open(path).read())


def test_save_runs_under_go(r):
    # :save writes a Go program that `go run` accepts and that prints what
    # the session printed: variables, functions (one redefined), a type
    # with a method, imports, a loop.
    r.entry('import "strings"')
    r.entry("type Counter struct{ n int }")
    r.entry("func (c *Counter) Add(k int) { c.n += k }")
    r.entry("c := &Counter{}")
    r.entry("for i := 0; i < 4; i++ { c.Add(i) }")
    r.entry('words := []string{"go", "l"}')
    r.entry("func double(x int) int { return x + x }")
    r.entry("func double(x int) int { return 2 * x }")
    r.entry("var total int")
    r.entry("total = double(c.n)")
    r.entry("c.n")  # displayed only: not saved
    r.entry('fmt.Println(strings.Join(words, "-"), c.n, total)')
    r.entry('for _, w := range words { fmt.Printf("<%s>", strings.ToUpper(w)) }; fmt.Println()')
    r.entry("m := map[string]int{\"a\": 1}")
    r.entry('x, err := strconv.Atoi("7")')
    r.entry('fmt.Println(m["a"]+x, err)')
    r.entry('var greeting = strings.Repeat("ab", 2)')
    r.entry("var (\n\tp = 1\n\tq = double(p)\n)")
    r.entry("fmt.Println(greeting, p, q)")
    want = b"go-l 6 12\n<GO><L>\n8 <nil>\nabab 1 2\n"
    printed = r.buf.replace(b"\r", b"")
    assert b"\ngo-l 6 12\n" in printed and b"\n<GO><L>\n" in printed and b"\n8 <nil>\n" in printed
    path = os.path.join(r.home, "session.go")
    r.entry(":save " + path)
    src = open(path).read()
    out = subprocess.run([GOL, "run", path], capture_output=True, timeout=20)
    assert out.returncode == 0 and out.stdout == want, (out, src)
    if shutil.which("go"):
        env = dict(os.environ, GOFLAGS="", GOTOOLCHAIN="local", CGO_ENABLED="0")
        if not env.get("GOCACHE") and not env.get("HOME"):
            env["GOCACHE"] = os.path.join(tempfile.gettempdir(), "gol-oracle-gocache")
        out = subprocess.run(["go", "run", path], capture_output=True, timeout=120, env=env)
        assert out.returncode == 0 and out.stdout == want, (out, src)
    else:
        print("     (go not installed: test_save_runs_under_go checked with gol only)")


def test_completion(r):
    r.send('strings.ToUp\t')
    r.expect(b"strings.ToUpper")
    r.send('("x")\r')
    r.expect(b'"X"')
    r.expect(PROMPT)
    r.entry("type Q struct{ Field1 int }")
    r.entry("q := Q{}")
    r.send("q.Fi\t")
    r.expect(b"q.Field1")
    r.send("\r")
    r.expect(b"0")
    r.expect(PROMPT)
    r.send("pri\t\t")
    r.expect(b"println")
    r.send(b"\x15")  # kill the line
    r.line("")
    r.expect(PROMPT)
    # A keyword, a name in scope, a package name, a method, a chain.
    for typed, want in [("fallt", b"fallthrough"), ("strc", b"strconv")]:
        r.send(typed + "\t")
        r.expect(want)
        r.send(b"\x15")
        r.line("")
        r.expect(PROMPT)
    r.entry("myVariable := 7")
    r.send("myVa\t")
    r.expect(b"myVariable")
    r.send("\r")
    r.expect(b"7")
    r.expect(PROMPT)
    r.entry("func (q Q) Method1() int { return 1 }")
    r.send("q.Met\t")
    r.expect(b"q.Method1")
    r.send("()\r")
    r.expect(b"1")
    r.expect(PROMPT)
    r.entry("type W struct{ Inner Q }")
    r.entry("w := W{}")
    r.send("w.Inner.Fie\t")
    r.expect(b"w.Inner.Field1")
    r.send("\r")
    r.expect(PROMPT)


def test_no_poll_stalls(r):
    r.entry("v := 1")
    times = []
    for i in range(20):
        t = time.time()
        out_between(r, "v")
        times.append(time.time() - t)
    times.sort()
    assert times[len(times) // 2] < 0.05, times


# `gol run` on a terminal: line-buffered, so a CPU-bound program's lines
# show at once; Ctrl-C ends it with SIGINT.
RUN_CPU = """package main

import "fmt"

func main() {
	fmt.Println("first line")
	n := 0
	for i := 0; ; i++ {
		n += i
		if i == -1 {
			fmt.Println(n)
		}
	}
}
"""


def run_tests(tmp):
    """gol run's output: on a terminal and to a pipe. Returns the failures."""
    failed = 0
    prog = os.path.join(tmp, "cpu.gol")
    with open(prog, "w") as f:
        f.write(RUN_CPU)

    def check(name, fn):
        nonlocal failed
        try:
            fn()
            print("ok  ", name)
        except Exception as e:
            import traceback; traceback.print_exc()
            failed += 1
            print("FAIL", name, "-", e)

    def tty_line_buffered():
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(GOL, [GOL, "run", prog])
        r = Repl.__new__(Repl)
        r.pid, r.fd, r.buf, r.pos, r.status, r.home = pid, fd, b"", 0, None, tmp
        try:
            r.expect(b"first line\n", timeout=5)
            time.sleep(0.2)
            r.send(b"\x03")
            assert r.wait_exit() == -signal.SIGINT, r.status
        finally:
            r.close()

    def tty_ctrl_c_in_scanln():
        reader = os.path.join(tmp, "scan.gol")
        with open(reader, "w") as f:
            f.write('var s string\nfmt.Println("type:")\nfmt.Scanln(&s)\nfmt.Println("got", s)\n')
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(GOL, [GOL, "run", reader])
        r = Repl.__new__(Repl)
        r.pid, r.fd, r.buf, r.pos, r.status, r.home = pid, fd, b"", 0, None, tmp
        try:
            r.expect(b"type:\n", timeout=5)
            time.sleep(0.2)
            r.send(b"\x03")
            assert r.wait_exit() == -signal.SIGINT, r.status
            assert b"got" not in r.buf
        finally:
            r.close()

    def pipe_flushed_on_sigint():
        p = subprocess.Popen([GOL, "run", prog], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)
        out, _ = p.communicate(timeout=10)
        assert p.returncode == -signal.SIGINT, p.returncode
        assert out == b"first line\n", out

    def pipe_flushed_before_sleep():
        sleeper = os.path.join(tmp, "sleep.gol")
        with open(sleeper, "w") as f:
            f.write('fmt.Println("before the sleep")\ntime.Sleep(3 * time.Second)\nfmt.Println("after")\n')
        p = subprocess.Popen([GOL, "run", sleeper], stdout=subprocess.PIPE)
        try:
            ready, _, _ = select.select([p.stdout], [], [], 2.5)
            assert ready, "nothing written before the sleep"
            assert os.read(p.stdout.fileno(), 100) == b"before the sleep\n"
        finally:
            p.kill()
            p.wait()

    check("run_tty_line_buffered", tty_line_buffered)
    check("run_tty_ctrl_c_in_scanln", tty_ctrl_c_in_scanln)
    check("run_pipe_flushed_on_sigint", pipe_flushed_on_sigint)
    check("run_pipe_flushed_before_sleep", pipe_flushed_before_sleep)
    return failed


TESTS = [name for name in dict(globals()) if name.startswith("test_")]
# Tests that start their own REPL (with flags) take no argument.
OWN_REPL = {"test_virtual_clock_frozen_at_prompt", "test_multibyte_c_locale"}


def main():
    global GOL
    GOL = os.path.abspath(sys.argv[1])
    wanted = sys.argv[2:] or TESTS
    failed = 0
    for name in wanted:
        if name == "run":
            failed += run_tests(tempfile.mkdtemp(prefix="gol-run-"))
            continue
        r = None if name in OWN_REPL else started()
        try:
            if r is None:
                globals()[name]()
            else:
                globals()[name](r)
            print("ok  ", name)
        except Exception as e:  # report and go on with the others
            import traceback; traceback.print_exc()
            failed += 1
            print("FAIL", name, "-", e)
        finally:
            if r is not None:
                r.close()
    if not sys.argv[2:]:
        failed += run_tests(tempfile.mkdtemp(prefix="gol-run-"))
    # Non-terminal input: entries without prompts, exit 1 if any failed.
    p = subprocess.run([GOL], input=b'x := 2\nx * 21\nfmt.Println("ok")\n', capture_output=True, timeout=10)
    if p.returncode != 0 or p.stdout != b"42\nok\n":
        failed += 1
        print("FAIL pipe -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe")
    p = subprocess.run([GOL], input=b"y\nfmt.Println(1)\n", capture_output=True, timeout=10)
    if p.returncode != 1 or p.stdout != b"1\n" or b"undefined: y" not in p.stderr:
        failed += 1
        print("FAIL pipe_error -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_error")
    # A panicking entry fails the input too (the later entries still run);
    # os.Exit(n) ends it with n.
    p = subprocess.run([GOL], input=b'panic("piped")\nfmt.Println("after")\n', capture_output=True, timeout=10)
    if p.returncode != 1 or p.stdout != b"after\n" or not p.stderr.startswith(b"panic: piped\n"):
        failed += 1
        print("FAIL pipe_panic -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_panic")
    p = subprocess.run([GOL], input=b'fmt.Println("one")\nos.Exit(4)\nfmt.Println("two")\n', capture_output=True, timeout=10)
    if p.returncode != 4 or p.stdout != b"one\n":
        failed += 1
        print("FAIL pipe_os_exit -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_os_exit")
    p = subprocess.run([GOL], input=b'import "foo/bar"\n', capture_output=True, timeout=10)
    if p.returncode != 1 or b"repl:1:8: package foo/bar is not in std (not among gol's standard packages)" not in p.stderr:
        failed += 1
        print("FAIL pipe_unknown_import -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_unknown_import")
    # Generics across entries: a generic declared in one entry is instantiated
    # by later ones (also after an expression entry probed the same instance),
    # and the standard packages' generics instantiate in later entries.
    generic = (b's := []int{3, 1, 2}\nslices.Sort(s)\nfmt.Println(s)\n'
               b'func Max[T cmp.Ordered](a, b T) T { if a > b { return a }; return b }\n'
               b'Max(3, 7)\nMax("a", "b")\nslices.Index(s, 2)\n'
               b'type Pair[K comparable, V any] struct { k K; v V }\n'
               b'fmt.Printf("%T\\n", Pair[string, int]{})\n')
    p = subprocess.run([GOL], input=generic, capture_output=True, timeout=10)
    want = b'[1 2 3]\n7\n"b"\n1\nmain.Pair[string,int]\n'
    if p.returncode != 0 or p.stdout != want:
        failed += 1
        print("FAIL pipe_generics -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_generics")
    # A generic declared at the prompt, instantiated by a failed entry (rolled
    # back) and by later entries with new type arguments.
    p = subprocess.run([GOL], input=(b'func Max[T cmp.Ordered](a, b T) T { if a > b { return a }; return b }\n'
                                     b'var z = Max(1, 2) + undefinedThing\n'
                                     b'Max(3, 4)\nMax(2.5, 1.0)\nMax(int8(3), 4)\n'),
                       capture_output=True, timeout=10)
    if p.returncode != 1 or p.stdout != b"4\n2.5\n4\n" or b"undefined: undefinedThing" not in p.stderr:
        failed += 1
        print("FAIL pipe_generics_rollback -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   pipe_generics_rollback")
    p = subprocess.run([GOL, "run", "-"], input=b'package main\nimport "fmt"\nfunc main() { fmt.Println("from stdin") }\n',
                       capture_output=True, timeout=10)
    if p.returncode != 0 or p.stdout != b"from stdin\n":
        failed += 1
        print("FAIL run_stdin -", p.returncode, p.stdout, p.stderr)
    else:
        print("ok   run_stdin")
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
