// Type checker tests: annotations of correct programs (types, folded
// constants, captures, addressTaken, selectors, init order, names) and
// Go's error texts for incorrect ones.
#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "lang/check/check.hpp"
#include "runtime/run.hpp"

using namespace gol;

namespace {

struct Checked {
  Program prog;
  Diagnostics diags;
  bool ok = false;
};

std::unique_ptr<Checked> check(const std::string& src, const std::string& name = "t.gol") {
  auto c = std::make_unique<Checked>();
  auto file = parseFile(name, src, c->diags);
  REQUIRE(file);
  REQUIRE_FALSE(c->diags.any());
  PackageSource packages = [](const std::string& path, std::string& out) {
    return runtime::embeddedPackageSource(path, out);
  };
  c->ok = checkProgram(c->prog, std::move(file), packages, c->diags);
  return c;
}

std::string errors(const std::string& src) {
  auto c = check(src);
  std::string out;
  for (auto& d : c->diags.list) out += d.str() + "\n";
  return out;
}

Symbol* member(Checked& c, const std::string& name) {
  auto it = c.prog.mainPackage->members.find(name);
  return it == c.prog.mainPackage->members.end() ? nullptr : it->second;
}

FuncDecl* func(Checked& c, const std::string& name) {
  for (FuncDecl* f : c.prog.mainPackage->funcs)
    if (f->name->name == name) return f;
  return nullptr;
}

Symbol* local(FuncInfo* info, const std::string& name) {
  for (Symbol* s : info->locals)
    if (s->name == name) return s;
  return nullptr;
}

// The value expression of `var name = <expr>` at package level.
Expr* globalInit(Checked& c, const std::string& name) {
  for (ValueSpec* vs : c.prog.mainPackage->varInits)
    for (size_t i = 0; i < vs->names.size(); i++)
      if (vs->names[i]->name == name) return vs->values[i];
  return nullptr;
}

}  // namespace

TEST_CASE("untyped constants fold exactly and take their final type", "[checker]") {
  auto c = check(R"(package main

const big = 1 << 40
const half = 3 / 2
const real = 3 / 2.0
const typed int8 = 100
const s = "a" + "b"

var f float64 = 1
var i = 7
var r = 'x'
var sh uint8 = 1 << 3

func main() {}
)");
  REQUIRE(c->ok);
  Symbol* big = member(*c, "big");
  CHECK(big->value.kind == ConstKind::Int);
  CHECK(big->value.i == BigInt(int64_t(1) << 40));
  CHECK(big->type->kind == Kind::UntypedInt);
  CHECK(member(*c, "half")->value.i == 1);
  CHECK(member(*c, "real")->value.kind == ConstKind::Float);
  CHECK(member(*c, "real")->value.f().toFloat64() == 1.5);
  CHECK(typeString(member(*c, "typed")->type) == "int8");
  CHECK(member(*c, "s")->value.s == "ab");

  Expr* fe = globalInit(*c, "f");
  CHECK(fe->mode == Mode::Constant);
  CHECK(typeString(fe->type) == "float64");
  CHECK(fe->value.kind == ConstKind::Float);
  CHECK(typeString(member(*c, "i")->type) == "int");
  CHECK(typeString(member(*c, "r")->type) == "int32");
  CHECK(typeString(globalInit(*c, "sh")->type) == "uint8");
  CHECK(globalInit(*c, "sh")->value.i == 8);
}

TEST_CASE("iota and implicit repetition in const groups", "[checker]") {
  auto c = check(R"(package main

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
)

const (
	a, b = iota, iota * 10
	c, d
)

func main() {}
)");
  REQUIRE(c->ok);
  CHECK(member(*c, "Tuesday")->value.i == 2);
  CHECK(typeString(member(*c, "Tuesday")->type) == "main.Weekday");
  CHECK(member(*c, "KB")->value.i == 1024);
  CHECK(member(*c, "MB")->value.i == 1024 * 1024);
  CHECK(member(*c, "c")->value.i == 1);
  CHECK(member(*c, "d")->value.i == 10);
}

TEST_CASE("closures capture variables transitively", "[checker]") {
  auto c = check(R"(package main

func main() {
	x := 1
	y := 2
	f := func() int {
		g := func() int { return x }
		return g() + 1
	}
	_ = f
	_ = y
}
)");
  REQUIRE(c->ok);
  FuncDecl* m = func(*c, "main");
  REQUIRE(m);
  CHECK(m->info->name == "main.main");
  Symbol* x = local(m->info, "x");
  Symbol* y = local(m->info, "y");
  CHECK(x->captured);
  CHECK_FALSE(y->captured);
  auto& lits = c->prog.mainPackage->funcLits;
  REQUIRE(lits.size() == 2);
  FuncInfo* outer = lits[0]->info;
  FuncInfo* inner = lits[1]->info;
  CHECK(outer->name == "main.main.func1");
  CHECK(inner->name == "main.main.func1.1");
  CHECK(inner->parent == outer);
  CHECK(outer->parent == m->info);
  REQUIRE(outer->captures.size() == 1);
  CHECK(outer->captures[0] == x);
  REQUIRE(inner->captures.size() == 1);
  CHECK(inner->captures[0] == x);
}

TEST_CASE("address-taken variables", "[checker]") {
  auto c = check(R"(package main

type T struct{ n int }

func (t *T) Inc() { t.n++ }

func main() {
	a := 1
	p := &a
	arr := [3]int{1, 2, 3}
	s := arr[:]
	var t T
	t.Inc()
	u := T{}
	_ = u.n
	_, _ = p, s
}
)");
  REQUIRE(c->ok);
  FuncInfo* m = func(*c, "main")->info;
  CHECK(local(m, "a")->addressTaken);
  CHECK(local(m, "arr")->addressTaken);
  CHECK(local(m, "t")->addressTaken);
  CHECK_FALSE(local(m, "u")->addressTaken);
  CHECK_FALSE(local(m, "p")->addressTaken);
  FuncDecl* inc = func(*c, "Inc");
  REQUIRE(inc);
  CHECK(inc->info->name == "main.(*T).Inc");
  CHECK(inc->info->recv != nullptr);
}

TEST_CASE("package variables are initialised in dependency order", "[checker]") {
  auto c = check(R"(package main

var a = b + 1
var b = f()

func f() int { return c }

var c = 1

func main() {}
)");
  REQUIRE(c->ok);
  auto& inits = c->prog.mainPackage->varInits;
  REQUIRE(inits.size() == 3);
  CHECK(inits[0]->names[0]->name == "c");
  CHECK(inits[1]->names[0]->name == "b");
  CHECK(inits[2]->names[0]->name == "a");
}

TEST_CASE("promoted fields and methods record their path", "[checker]") {
  auto c = check(R"(package main

type Inner struct{ v int }

func (i Inner) Get() int { return i.v }

type Outer struct {
	name string
	*Inner
}

func main() {
	o := Outer{"o", &Inner{3}}
	_ = o.v
	_ = o.Get()
}
)");
  REQUIRE(c->ok);
  FuncDecl* m = func(*c, "main");
  // _ = o.v
  auto* a1 = static_cast<AssignStmt*>(m->body->stmts[1]);
  auto* sel = static_cast<SelectorExpr*>(a1->rhs[0]);
  CHECK(sel->selKind == SelKind::Field);
  CHECK(sel->path == std::vector<int>{1, 0});
  CHECK(sel->derefs == std::vector<bool>{false, true});
  CHECK(sel->mode == Mode::Variable);
  // _ = o.Get()
  auto* a2 = static_cast<AssignStmt*>(m->body->stmts[2]);
  auto* call = static_cast<CallExpr*>(a2->rhs[0]);
  CHECK(call->callKind == CallKind::Method);
  auto* msel = static_cast<SelectorExpr*>(call->fun);
  CHECK(msel->selKind == SelKind::Method);
  CHECK(msel->path == std::vector<int>{1});
  CHECK(msel->derefRecv);
  CHECK(call->callee->qualifiedName == "main.Inner.Get");
}

TEST_CASE("statements: range over int, := isNew, type switch variables", "[checker]") {
  auto c = check(R"(package main

func main() {
	sum := 0
	for i := range 10 {
		sum += i
	}
	sum, extra := 1, 2
	_ = extra
	var v any = sum
	switch t := v.(type) {
	case int:
		_ = t + 1
	case string, bool:
		_ = t
	}
	for {
		break
	}
}
)");
  REQUIRE(c->ok);
  FuncDecl* m = func(*c, "main");
  auto* rs = static_cast<RangeStmt*>(m->body->stmts[1]);
  CHECK(typeString(rs->x->type) == "int");
  CHECK(typeString(rs->key->type) == "int");
  auto* as = static_cast<AssignStmt*>(m->body->stmts[2]);
  CHECK(as->isNew == std::vector<bool>{false, true});
  auto* ts = static_cast<TypeSwitchStmt*>(m->body->stmts[5]);
  REQUIRE(ts->clauses[0]->implicitVar);
  CHECK(typeString(ts->clauses[0]->implicitVar->type) == "int");
  CHECK(typeString(ts->clauses[1]->implicitVar->type) == "interface {}");
  auto* loop = static_cast<ForStmt*>(m->body->stmts[6]);
  auto* br = static_cast<BranchStmt*>(loop->body->stmts[0]);
  CHECK(br->target == loop);
}

TEST_CASE("standard packages are imported and natives marked", "[checker]") {
  auto c = check(R"(package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println(strings.ToUpper("x"), 1)
}
)");
  REQUIRE(c->ok);
  REQUIRE(c->prog.packages.size() >= 3);
  CHECK(c->prog.packages.back()->path == "main");
  FuncDecl* m = func(*c, "main");
  auto* es = static_cast<ExprStmt*>(m->body->stmts[0]);
  auto* call = static_cast<CallExpr*>(es->x);
  CHECK(call->callKind == CallKind::Static);
  CHECK(call->callee->qualifiedName == "fmt.Println");
  // An untyped constant passed to `any` gets its default type.
  CHECK(typeString(call->args[1]->type) == "int");
}

TEST_CASE("script mode imports on first use", "[checker]") {
  auto c = check("x := 2\nfmt.Println(x * 3)\n");
  REQUIRE(c->ok);
  REQUIRE(c->prog.mainPackage->scriptInfo);
  CHECK(c->prog.scriptMode);
}

TEST_CASE("error messages follow Go 1.19", "[checker]") {
  CHECK(errors("package main\n\nfunc main() {\n\tx := 5\n}\n") ==
        "t.gol:4:2: declared and not used: x\n");
  CHECK(errors("package main\n\nfunc main() {\n\tvar b byte = 300\n\t_ = b\n}\n") ==
        "t.gol:4:15: cannot use 300 (untyped int constant) as byte value in variable "
        "declaration (overflows)\n");
  CHECK(errors("package main\n\nfunc main() {\n\tvar n int64 = -2.9\n\t_ = n\n}\n") ==
        "t.gol:4:16: cannot use -2.9 (untyped float constant) as int64 value in variable "
        "declaration (truncated)\n");
  CHECK(errors("package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() {}\n") ==
        "t.gol:7:1: missing return\n");
  CHECK(errors("package main\n\nimport \"os\"\n\nfunc main() {}\n") ==
        "t.gol:3:8: \"os\" imported and not used\n");
  CHECK(errors("package main\n\nfunc main() {\n\tn := 1\n\t_ = n / 0\n}\n") ==
        "t.gol:5:10: invalid operation: division by zero\n");
  CHECK(errors("package main\n\nfunc main() {\n\tx := 1\n\tx == 1\n}\n") ==
        "t.gol:5:2: x == 1 (untyped bool value) is not used\n");
  CHECK(errors("package main\n\nfunc main() {\n\tch := make(<-chan int)\n\tch <- 1\n}\n") ==
        "t.gol:5:2: invalid operation: cannot send to receive-only channel ch (variable of "
        "type <-chan int)\n");
  CHECK(errors("package main\n\ntype T struct{ next T }\n\nfunc main() {}\n") ==
        "t.gol:3:6: invalid recursive type T\n\tt.gol:3:6: T refers to\n\tt.gol:3:6: T\n");
}

TEST_CASE("at most ten errors are reported, in source order", "[checker]") {
  std::string src = "package main\n\nfunc main() {\n";
  for (int i = 0; i < 12; i++) src += "\t_ = u" + std::to_string(i) + "\n";
  src += "}\n";
  auto c = check(src);
  REQUIRE(c->diags.list.size() == Diagnostics::kLimit);
  CHECK(c->diags.list[0].message == "undefined: u0");
  CHECK(c->diags.list[9].message == "undefined: u9");
}
