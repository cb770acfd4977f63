// Parser tests: AST shapes, precedence, semicolon insertion, Go's syntax
// error texts and positions, robustness.
#include <pthread.h>

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "lang/syntax/const_float.hpp"
#include "lang/syntax/literals.hpp"
#include "lang/syntax/syntax.hpp"

using namespace gol;

namespace {

std::string dump(const Expr* e);
std::string dump(const Stmt* s);

std::string list(const ExprList& xs) {
  std::string s;
  for (size_t i = 0; i < xs.size(); ++i) s += (i ? " " : "") + dump(xs[i]);
  return s;
}

std::string fields(const std::vector<Field*>& fs) {
  std::string s;
  for (const Field* f : fs) {
    s += "(";
    for (const Ident* n : f->names) s += n->name + " ";
    s += dump(f->type) + ")";
  }
  return s;
}

// A compact S-expression of an expression tree.
std::string dump(const Expr* e) {
  if (!e) return "nil";
  switch (e->kind) {
    case ExprKind::Ident: return static_cast<const Ident*>(e)->name;
    case ExprKind::BasicLit: return static_cast<const BasicLit*>(e)->raw;
    case ExprKind::Paren: return "(paren " + dump(static_cast<const ParenExpr*>(e)->x) + ")";
    case ExprKind::Binary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return "(" + std::string(opText(b->op)) + " " + dump(b->x) + " " + dump(b->y) + ")";
    }
    case ExprKind::Unary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return "(" + std::string(opText(u->op)) + " " + dump(u->x) + ")";
    }
    case ExprKind::Star: return "(* " + dump(static_cast<const StarExpr*>(e)->x) + ")";
    case ExprKind::Selector: {
      auto* s = static_cast<const SelectorExpr*>(e);
      return "(. " + dump(s->x) + " " + s->sel->name + ")";
    }
    case ExprKind::Index: {
      auto* s = static_cast<const IndexExpr*>(e);
      return "(index " + dump(s->x) + " " + dump(s->index) + ")";
    }
    case ExprKind::Slice: {
      auto* s = static_cast<const SliceExpr*>(e);
      return "(slice " + dump(s->x) + " " + dump(s->lo) + " " + dump(s->hi) +
             (s->slice3 ? " " + dump(s->max) : "") + ")";
    }
    case ExprKind::TypeAssert: {
      auto* s = static_cast<const TypeAssertExpr*>(e);
      return "(assert " + dump(s->x) + " " + (s->typeExpr ? dump(s->typeExpr) : "type") + ")";
    }
    case ExprKind::Call: {
      auto* c = static_cast<const CallExpr*>(e);
      return "(call " + dump(c->fun) + (c->args.empty() ? "" : " ") + list(c->args) +
             (c->hasEllipsis ? " ..." : "") + ")";
    }
    case ExprKind::CompositeLit: {
      auto* c = static_cast<const CompositeLit*>(e);
      return "(lit " + dump(c->typeExpr) + (c->elts.empty() ? "" : " ") + list(c->elts) + ")";
    }
    case ExprKind::KeyValue: {
      auto* k = static_cast<const KeyValueExpr*>(e);
      return "(kv " + dump(k->key) + " " + dump(k->value) + ")";
    }
    case ExprKind::FuncLit: {
      auto* f = static_cast<const FuncLit*>(e);
      return "(funclit " + dump(f->sig) + " " + dump(f->body) + ")";
    }
    case ExprKind::ArrayType: {
      auto* a = static_cast<const ArrayTypeExpr*>(e);
      if (a->ellipsisLen) return "(array ... " + dump(a->elem) + ")";
      if (!a->len) return "(slicetype " + dump(a->elem) + ")";
      return "(array " + dump(a->len) + " " + dump(a->elem) + ")";
    }
    case ExprKind::MapType: {
      auto* m = static_cast<const MapTypeExpr*>(e);
      return "(map " + dump(m->key) + " " + dump(m->value) + ")";
    }
    case ExprKind::ChanType: {
      auto* c = static_cast<const ChanTypeExpr*>(e);
      const char* d = c->dir == ChanDir::Both   ? "chan "
                      : c->dir == ChanDir::Send ? "chan<- "
                                                : "<-chan ";
      return "(" + std::string(d) + dump(c->elem) + ")";
    }
    case ExprKind::FuncType: {
      auto* f = static_cast<const FuncTypeExpr*>(e);
      return "(func " + fields(f->params) + " " + fields(f->results) + ")";
    }
    case ExprKind::StructType:
      return "(struct " + fields(static_cast<const StructTypeExpr*>(e)->fields) + ")";
    case ExprKind::InterfaceType:
      return "(interface " + fields(static_cast<const InterfaceTypeExpr*>(e)->methods) + ")";
    case ExprKind::Ellipsis: return "(... " + dump(static_cast<const EllipsisExpr*>(e)->elem) + ")";
    default: return "?";
  }
}

std::string stmts(const StmtList& ss) {
  std::string s;
  for (size_t i = 0; i < ss.size(); ++i) s += (i ? " " : "") + dump(ss[i]);
  return s;
}

std::string dump(const Stmt* s) {
  if (!s) return "nil";
  switch (s->kind) {
    case StmtKind::ExprS: return dump(static_cast<const ExprStmt*>(s)->x);
    case StmtKind::Assign: {
      auto* a = static_cast<const AssignStmt*>(s);
      std::string op = a->define           ? ":="
                       : a->op == Op::None ? "="
                                           : std::string(opText(a->op)) + "=";
      return "(" + op + " (" + list(a->lhs) + ") (" + list(a->rhs) + "))";
    }
    case StmtKind::IncDec: {
      auto* d = static_cast<const IncDecStmt*>(s);
      return "(" + std::string(d->inc ? "++ " : "-- ") + dump(d->x) + ")";
    }
    case StmtKind::Send: {
      auto* d = static_cast<const SendStmt*>(s);
      return "(send " + dump(d->chan) + " " + dump(d->value) + ")";
    }
    case StmtKind::Block: return "{" + stmts(static_cast<const BlockStmt*>(s)->stmts) + "}";
    case StmtKind::If: {
      auto* i = static_cast<const IfStmt*>(s);
      return "(if " + dump(i->init) + " " + dump(i->cond) + " " + dump(i->then) +
             (i->els ? " " + dump(i->els) : "") + ")";
    }
    case StmtKind::For: {
      auto* f = static_cast<const ForStmt*>(s);
      return "(for " + dump(f->init) + " " + dump(f->cond) + " " + dump(f->post) + " " +
             dump(f->body) + ")";
    }
    case StmtKind::Range: {
      auto* r = static_cast<const RangeStmt*>(s);
      return "(range " + dump(r->key) + " " + dump(r->value) + (r->define ? " := " : " = ") +
             dump(r->x) + " " + dump(r->body) + ")";
    }
    case StmtKind::Return:
      return "(return" +
             std::string(static_cast<const ReturnStmt*>(s)->results.empty() ? "" : " ") +
             list(static_cast<const ReturnStmt*>(s)->results) + ")";
    case StmtKind::Branch: {
      auto* b = static_cast<const BranchStmt*>(s);
      const char* k[] = {"break", "continue", "goto", "fallthrough"};
      return "(" + std::string(k[static_cast<int>(b->tok)]) +
             (b->label ? " " + b->label->name : "") + ")";
    }
    case StmtKind::Labeled: {
      auto* l = static_cast<const LabeledStmt*>(s);
      return "(label " + l->label->name + " " + dump(l->stmt) + ")";
    }
    case StmtKind::Go: return "(go " + dump(static_cast<const GoStmt*>(s)->call) + ")";
    case StmtKind::Defer: return "(defer " + dump(static_cast<const DeferStmt*>(s)->call) + ")";
    case StmtKind::Switch: {
      auto* w = static_cast<const SwitchStmt*>(s);
      std::string r = "(switch " + dump(w->init) + " " + dump(w->tag);
      for (auto* c : w->clauses)
        r += c->isDefault ? " (default " + stmts(c->body) + ")"
                          : " (case (" + list(c->list) + ") " + stmts(c->body) + ")";
      return r + ")";
    }
    case StmtKind::TypeSwitch: {
      auto* w = static_cast<const TypeSwitchStmt*>(s);
      std::string r = "(typeswitch " + std::string(w->binding ? w->binding->name : "nil") + " " +
                      dump(w->assert);
      for (auto* c : w->clauses) r += c->isDefault ? " (default)" : " (case " + list(c->list) + ")";
      return r + ")";
    }
    case StmtKind::Select: {
      auto* w = static_cast<const SelectStmt*>(s);
      std::string r = "(select";
      for (auto* c : w->clauses) r += " (" + (c->comm ? dump(c->comm) : "default") + ")";
      return r + ")";
    }
    case StmtKind::Decl: {
      auto* d = static_cast<const DeclStmt*>(s)->decl;
      std::string r = "(decl";
      for (auto* sp : d->specs) {
        if (d->tok == DeclTok::Type) {
          auto* t = static_cast<const TypeSpec*>(sp);
          r += " (" + t->name->name + (t->alias ? " = " : " ") + dump(t->type) + ")";
        } else {
          auto* v = static_cast<const ValueSpec*>(sp);
          r += " (";
          for (auto* n : v->names) r += n->name + " ";
          r += dump(v->type) + " (" + list(v->values) + ") " + std::to_string(v->iota) + ")";
        }
      }
      return r + ")";
    }
    case StmtKind::Empty: return "(empty)";
    default: return "?";
  }
}

std::unique_ptr<File> parse(const std::string& src, Diagnostics& d) {
  return parseFile("t.gol", src, d);
}

// Parses a script and dumps its top-level statements.
std::string script(const std::string& src) {
  Diagnostics d;
  auto f = parse(src, d);
  if (!f) return "ERROR " + d.list.at(0).str();
  std::string out;
  for (auto& it : f->items)
    if (it.stmt) out += (out.empty() ? "" : "; ") + dump(it.stmt);
  return out;
}

std::string expr(const std::string& src) {
  return script("_ = " + src);
}

// First diagnostic of a bad program, "" when it parses.
std::string error(const std::string& src) {
  Diagnostics d;
  auto f = parse(src, d);
  return d.any() ? d.list[0].str() : "";
}

// Runs fn on a thread with a big stack, as the CLI does.
void onBigStack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t(1) << 30);
  pthread_t th;
  auto tramp = [](void* p) -> void* {
    (*static_cast<const std::function<void()>*>(p))();
    return nullptr;
  };
  REQUIRE(pthread_create(&th, &attr, tramp, const_cast<std::function<void()>*>(&fn)) == 0);
  pthread_join(th, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace

TEST_CASE("parser: empty and trivial files", "[parser]") {
  Diagnostics d;
  auto f = parse("", d);
  REQUIRE(f);
  CHECK(f->scriptMode);
  CHECK(f->items.empty());
  f = parse("// only a comment\n\n  \t\n", d);
  REQUIRE(f);
  CHECK(!d.any());
  f = parse("package main\n\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\n\nfunc main() {}\n", d);
  REQUIRE(f);
  CHECK(!f->scriptMode);
  CHECK(f->packageName->name == "main");
  REQUIRE(f->imports.size() == 2);
  CHECK(f->imports[0]->path == "fmt");
  CHECK(f->imports[1]->name->name == "str");
  CHECK(f->imports[1]->path == "strings");
  REQUIRE(f->items.size() == 2);
  CHECK(f->items[1].func->name->name == "main");
}

TEST_CASE("parser: precedence and unary operators", "[parser]") {
  CHECK(expr("1 + 2*3") == "(= (_) ((+ 1 (* 2 3))))");
  CHECK(expr("a || b && c == d + e*f") == "(= (_) ((|| a (&& b (== c (+ d (* e f)))))))");
  CHECK(expr("a - b - c") == "(= (_) ((- (- a b) c)))");
  CHECK(expr("x << 2 | y &^ z") == "(= (_) ((| (<< x 2) (&^ y z))))");
  CHECK(expr("-x * !y") == "(= (_) ((* (- x) (! y))))");
  CHECK(expr("*p + &q + <-c + ^m") == "(= (_) ((+ (+ (+ (* p) (& q)) (<- c)) (^ m))))");
  CHECK(expr("a < b == (c > d)") == "(= (_) ((== (< a b) (paren (> c d)))))");
  CHECK(script("c<-y") == "(send c y)");
}

TEST_CASE("parser: primary expressions", "[parser]") {
  CHECK(expr("a.b.c(1, x...)[2]") == "(= (_) ((index (call (. (. a b) c) 1 x ...) 2)))");
  CHECK(expr("s[1:]") == "(= (_) ((slice s 1 nil)))");
  CHECK(expr("s[:j:k]") == "(= (_) ((slice s nil j k)))");
  CHECK(expr("x.(T)") == "(= (_) ((assert x T)))");
  CHECK(expr("x.(*pkg.T)") == "(= (_) ((assert x (* (. pkg T)))))");
  CHECK(expr("[]byte(s)") == "(= (_) ((call (slicetype byte) s)))");
  CHECK(expr("[]point{{1, 2}, {x: 3}}") ==
        "(= (_) ((lit (slicetype point) (lit nil 1 2) (lit nil (kv x 3)))))");
  CHECK(expr("&T{a: 1}") == "(= (_) ((& (lit T (kv a 1)))))");
  CHECK(expr("map[string][]int{\"a\": {1}}") ==
        "(= (_) ((lit (map string (slicetype int)) (kv \"a\" (lit nil 1)))))");
  CHECK(expr("[...]int{1, 2,\n}") == "(= (_) ((lit (array ... int) 1 2)))");
  CHECK(expr("func(a, b int, c ...string) (int, error) { return 0, nil }") ==
        "(= (_) ((funclit (func (a b int)(c (... string)) (int)(error)) {(return 0 nil)})))");
  CHECK(expr("make(chan<- int, 3)") == "(= (_) ((call make (chan<- int) 3)))");
  CHECK(expr("make(<-chan int)") == "(= (_) ((call make (<-chan int))))");
  CHECK(expr("(*T)(nil)") == "(= (_) ((call (paren (* T)) nil)))");
  CHECK(expr("struct{ a, b int; T; *U \"tag\" }{}") ==
        "(= (_) ((lit (struct (a b int)(T)((* U))))))");
  CHECK(expr("interface{ M(int) string; io.Reader }(nil)") ==
        "(= (_) ((call (interface (M (func (int) (string)))((. io Reader))) nil)))");
}

TEST_CASE("parser: literals", "[parser]") {
  Diagnostics d;
  auto f = parse("_ = 0x1F + 0b1010 + 0o17 + 1_000 + 1.5e3 + 0x1p-2 + 2i + 'a' + \"s\" + `r`", d);
  REQUIRE(f);
  CHECK(decodeStringLit("\"a\\tb\\u00e9\\x41\\101\\\"\"") ==
        "a\tb\xc3\xa9"
        "AA\"");
  CHECK(decodeStringLit("`a\\n\r\nb`") == "a\\n\nb");
  CHECK(decodeRuneLit("'\\n'") == '\n');
  CHECK(decodeRuneLit("'\\u00e9'") == 0xe9);
  CHECK(decodeRuneLit("'é'") == 0xe9);
  CHECK(decodeRuneLit("'\\377'") == 255);
  BigInt v;
  CHECK(BigInt::parseLiteral("0x_1F", v));
  CHECK(v == 31);
  CHECK(BigInt::parseLiteral("1_000_000", v));
  CHECK(v == 1000000);
  CHECK(BigInt::parseLiteral("0755", v));
  CHECK(v == 493);
  CHECK(BigInt::parseLiteral("0b101", v));
  CHECK(v == 5);
  ConstFloat fl;
  CHECK(ConstFloat::parseLiteral("1_0.5e1", fl));
  CHECK(fl.toFloat64() == 105.0);
}

TEST_CASE("parser: statements", "[parser]") {
  CHECK(script("x := 1\nx += 2\nx++\nc <- x\na, b = b, a") ==
        "(:= (x) (1)); (+= (x) (2)); (++ x); (send c x); (= (a b) (b a))");
  CHECK(script("if x := f(); x > 0 {\n} else if y {\n} else {\n}") ==
        "(if (:= (x) ((call f))) (> x 0) {} (if nil y {} {}))");
  CHECK(script("for i := 0; i < 10; i++ {\n}") == "(for (:= (i) (0)) (< i 10) (++ i) {})");
  CHECK(script("for x < 3 {\n}\nfor {\n}") == "(for nil (< x 3) nil {}); (for nil nil nil {})");
  CHECK(script("for k, v := range m {\n}") == "(range k v := m {})");
  CHECK(script("for range 10 {\n}") == "(range nil nil = 10 {})");
  CHECK(script("for i = range s {\n}") == "(range i nil = s {})");
  CHECK(script("switch x := 1; x {\ncase 1, 2:\n\tfallthrough\ndefault:\n}") ==
        "(switch (:= (x) (1)) x (case (1 2) (fallthrough)) (default ))");
  CHECK(script("switch {\ncase a > b:\n}") == "(switch nil nil (case ((> a b)) ))");
  CHECK(script("switch v := x.(type) {\ncase int, []string:\ncase nil:\ndefault:\n}") ==
        "(typeswitch v (assert x type) (case int (slicetype string)) (case nil) (default))");
  CHECK(script("select {\ncase v := <-c:\ncase c <- 1:\ncase <-d:\ndefault:\n}") ==
        "(select ((:= (v) ((<- c)))) ((send c 1)) ((<- d)) (default))");
  CHECK(script("outer:\nfor {\n\tbreak outer\n\tcontinue\n}") ==
        "(label outer (for nil nil nil {(break outer) (continue)}))");
  CHECK(script("go f(1)\ndefer func() {}()") ==
        "(go (call f 1)); (defer (call (funclit (func  ) {})))");
  CHECK(script("{\n\tgoto L\nL:\n}") == "{(goto L) (label L (empty))}");
  CHECK(script("{\nconst (\n\tA = iota\n\tB\n\tC, D = 1, 2\n)\n}") ==
        "{(decl (A nil (iota) 0) (B nil () 1) (C D nil (1 2) 2))}");
  CHECK(script("{\nvar x, y int = 1, 2\ntype P struct{ x int }\ntype A = P\n}") ==
        "{(decl (x y int (1 2) 0)) (decl (P (struct (x int)))) (decl (A = P))}");
  CHECK(script("{\n\tx := 1\n\t_ = x\n}") == "{(:= (x) (1)) (= (_) (x))}");
}

TEST_CASE("parser: semicolon insertion", "[parser]") {
  CHECK(script("x := 1; y := 2") == "(:= (x) (1)); (:= (y) (2))");
  CHECK(script("x := a +\n\tb") == "(:= (x) ((+ a b)))");
  CHECK(script("f(a,\n\tb,\n)") == "(call f a b)");
  CHECK(script("x := 1 /* c */ + 2 // trailing\ny := 3") == "(:= (x) ((+ 1 2))); (:= (y) (3))");
  CHECK(script("x := 1 /* multi\nline */ y := 2") == "(:= (x) (1)); (:= (y) (2))");
  CHECK(script("return\nx") == "(return); x");
  CHECK(script("if x { return }") == "(if nil x {(return)})");
  CHECK(script("x++\ny--") == "(++ x); (-- y)");
  CHECK(error("x := a\n+ b") == "");  // two statements: x := a and +b
}

TEST_CASE("parser: composite literal inside control clause headers", "[parser]") {
  CHECK(script("if x == y {\n}") == "(if nil (== x y) {})");
  CHECK(script("for _, p := range []point{{1, 2}} {\n}") ==
        "(range _ p := (lit (slicetype point) (lit nil 1 2)) {})");
  CHECK(script("if v := (T{}); v.ok {\n}") == "(if (:= (v) ((paren (lit T)))) (. v ok) {})");
  CHECK(script("switch s {\n}") == "(switch nil s)");
  CHECK(script("if f(T{1}) {\n}") == "(if nil (call f (lit T 1)) {})");
}

TEST_CASE("parser: functions and methods", "[parser]") {
  Diagnostics d;
  auto f = parse(
      "package main\n"
      "func (p *Point) Move(dx, dy int) (x, y int) { return }\n"
      "func sum(xs ...int) int { return 0 }\n"
      "func native(x int) int\n"
      "func apply(f func(int) int, v int) int { return f(v) }\n",
      d);
  REQUIRE(f);
  REQUIRE(f->items.size() == 4);
  auto* m = f->items[0].func;
  REQUIRE(m->recv);
  CHECK(m->recv->names[0]->name == "p");
  CHECK(dump(m->recv->type) == "(* Point)");
  CHECK(dump(m->sig) == "(func (dx dy int) (x y int))");
  CHECK(dump(f->items[1].func->sig) == "(func (xs (... int)) (int))");
  CHECK(f->items[2].func->body == nullptr);
  CHECK(dump(f->items[3].func->sig) == "(func (f (func (int) (int)))(v int) (int))");
  File holder;
  Expr* t = parseTypeExpr(holder, "map[string]chan<- []*T", d);
  REQUIRE(t);
  CHECK(dump(t) == "(map string (chan<- (slicetype (* T))))");
}

TEST_CASE("parser: positions", "[parser]") {
  Diagnostics d;
  auto f = parse("x := a +\n  b*c\n", d);
  REQUIRE(f);
  auto* a = static_cast<AssignStmt*>(f->items[0].stmt);
  CHECK(a->pos.line == 1);
  CHECK(a->pos.col == 1);
  auto* b = static_cast<BinaryExpr*>(a->rhs[0]);
  CHECK(b->opPos.line == 1);
  CHECK(b->opPos.col == 8);
  CHECK(b->y->pos.line == 2);
  CHECK(b->y->pos.col == 3);
}

TEST_CASE("parser: syntax errors read like Go's", "[parser]") {
  const std::string pre = "package main\n\nfunc main() {\n";
  CHECK(error(pre + "\tx := 1 y\n}\n") ==
        "t.gol:4:9: syntax error: unexpected y at end of statement");
  CHECK(
      error(pre + "\tfmt.Println(\"a\"\n}\n") ==
      "t.gol:4:17: syntax error: unexpected newline in argument list; possibly missing comma or )");
  CHECK(error(pre + "\txs := []int{1, 2\n}\n") ==
        "t.gol:4:18: syntax error: unexpected newline in composite literal; possibly missing comma "
        "or }");
  CHECK(error(pre + "\tif x > 2\n\t{\n\t}\n}\n") ==
        "t.gol:4:10: syntax error: unexpected newline, expecting { after if clause");
  CHECK(error(pre + "\tif x {\n\t}\n\telse {\n\t}\n}\n") ==
        "t.gol:6:2: syntax error: unexpected else, expecting }");
  CHECK(error(pre + "\tif x {\n\t} else for {\n\t}\n}\n") ==
        "t.gol:5:9: syntax error: else must be followed by if or statement block");
  CHECK(error(pre + "\tfor {\n") == "t.gol:5:1: syntax error: unexpected EOF, expecting }");
  CHECK(error(pre + "\tx :=\n}\n") ==
        "t.gol:5:1: syntax error: unexpected }, expecting expression");
  CHECK(error("package main\n\nx := 1\n") ==
        "t.gol:3:1: syntax error: non-declaration statement outside function body");
  CHECK(error("package main\n\nfunc f()\n{\n}\n") ==
        "t.gol:4:1: syntax error: unexpected semicolon or newline before {");
  CHECK(error(pre + "\ts := \"abc\n}\n") == "t.gol:4:11: newline in string");
  CHECK(error(pre + "\ts := `abc\n}\n") == "t.gol:4:7: string not terminated");
  CHECK(error(pre + "}\n/* open") == "t.gol:5:1: comment not terminated");
  CHECK(error(pre + "\tr := 'a\n}\n") == "t.gol:4:9: newline in rune literal");
  CHECK(error(pre + "\tx := 1 @ 2\n}\n") == "t.gol:4:9: invalid character U+0040 '@'");
  CHECK(error(pre + "\ts := \"caf\xe9\"\n}\n") == "t.gol:4:11: invalid UTF-8 encoding");
  CHECK(error(pre + "\tp.x := 3\n}\n") == "t.gol:4:2: non-name p.x on left side of :=");
  CHECK(error(pre + "\tdefer f\n}\n") == "t.gol:4:8: expression in defer must be function call");
  CHECK(error(pre + "\tswitch x { x }\n}\n") ==
        "t.gol:4:13: syntax error: unexpected x, expecting case or default or }");
  CHECK(error(pre + "\tfor i := 0; i < 3 {\n\t}\n}\n") ==
        "t.gol:4:20: syntax error: unexpected {, expecting semicolon or newline");
  CHECK(error("package main\nvar (\n\ta int b int\n)\n") ==
        "t.gol:3:8: syntax error: unexpected b in grouped declaration; possibly missing semicolon "
        "or newline or )");
  CHECK(error("package main\nfunc f() {} x\n") ==
        "t.gol:2:13: syntax error: unexpected x after top level declaration");
}

TEST_CASE("parser: robustness", "[parser]") {
  onBigStack([] {
    std::string deep = "x := " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\n";
    CHECK(script(deep).rfind("(:= (x)", 0) == 0);
    std::string blocks;
    for (int i = 0; i < 10000; ++i) blocks += "{\n";
    blocks += "x++\n";
    for (int i = 0; i < 10000; ++i) blocks += "}\n";
    CHECK(error(blocks) == "");
    std::string open = "x := " + std::string(10000, '(') + "1\n";
    CHECK(error(open).rfind("t.gol:1:", 0) == 0);
    std::string tooDeep = "x := " + std::string(100001, '(') + "1\n";
    CHECK(error(tooDeep).find("nesting too deep") != std::string::npos);
  });
  std::string garbage;
  unsigned seed = 7;
  for (int i = 0; i < 4096; ++i) {
    seed = seed * 1103515245 + 12345;
    garbage += static_cast<char>(seed >> 16);
  }
  Diagnostics d;
  CHECK(parse(garbage, d) == nullptr);
  CHECK(d.any());
  d.list.clear();
  CHECK(parse(std::string("x := 1\0", 7), d) == nullptr);
  CHECK(d.list.at(0).str() == "t.gol:1:7: invalid NUL character");
}
