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
import subprocess
import sys
import tempfile
import time

GOL = None
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\r|\x07")
PROMPT = b"gol> "
CONT = b"...  "


class Repl:
    def __init__(self, args=(), home=None):
        self.home = home or tempfile.mkdtemp(prefix="gol-repl-")
        env = dict(os.environ, HOME=self.home, TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8")
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


def test_os_exit(r):
    r.entry("defer fmt.Println(\"not run\")")
    r.line("os.Exit(3)")
    assert r.wait_exit() == 3


def test_ctrl_d_and_history(r):
    r.entry("hist := 12345")
    r.send(b"\x04")
    assert r.wait_exit() == 0
    with open(os.path.join(r.home, ".gol_history"), "rb") as f:
        assert b"hist\\040:=\\04012345" in f.read()  # libedit's format


def test_commands(r):
    got = out_between(r, ":help")
    assert b":goroutines" in got and b":save" in got
    got = out_between(r, ":doc strings.ToUpper")
    assert b"func ToUpper(s string) string" in got, got
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


def test_no_poll_stalls(r):
    r.entry("v := 1")
    times = []
    for i in range(20):
        t = time.time()
        out_between(r, "v")
        times.append(time.time() - t)
    times.sort()
    assert times[len(times) // 2] < 0.05, times


TESTS = [name for name in dict(globals()) if name.startswith("test_")]


def main():
    global GOL
    GOL = os.path.abspath(sys.argv[1])
    wanted = sys.argv[2:] or TESTS
    failed = 0
    for name in wanted:
        r = started()
        try:
            globals()[name](r)
            print("ok  ", name)
        except Exception as e:  # report and go on with the others
            import traceback; traceback.print_exc()
            failed += 1
            print("FAIL", name, "-", e)
        finally:
            r.close()
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
