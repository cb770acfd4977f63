// The syntax tree of a gol source file.
//
// The parser builds it; the checker annotates it in place (the fields marked
// "checker:"); the compiler reads the annotated tree. Nodes are owned by an
// AstArena and never freed individually. Every node kind has a `Kind` tag so
// that code switches on it and uses static_cast (no RTTI needed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "lang/syntax/constant.hpp"

namespace gol {

struct Type;
struct Symbol;

// 1-based line and byte column, as Go reports them.
struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;
};

struct Node {
  Pos pos;
  virtual ~Node() = default;
};

// Owns every node of one parse. Nodes are bump-allocated from large blocks
// (a 10 MB source makes millions of nodes; one malloc each was the parser's
// main cost) and destroyed together with the arena.
class AstArena {
 public:
  AstArena() = default;
  AstArena(const AstArena&) = delete;
  AstArena& operator=(const AstArena&) = delete;
  ~AstArena() {
    for (Node* n : nodes_) n->~Node();
    for (char* b : blocks_) ::operator delete(b);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(alignof(T) <= alignof(std::max_align_t));
    T* raw = new (allocate(sizeof(T))) T(std::forward<Args>(args)...);
    nodes_.push_back(raw);
    return raw;
  }

 private:
  static constexpr size_t kBlock = 256 << 10;
  void* allocate(size_t size) {
    size = (size + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (size_t(end_ - cur_) < size) {
      size_t n = size > kBlock ? size : kBlock;
      cur_ = static_cast<char*>(::operator new(n));
      end_ = cur_ + n;
      blocks_.push_back(cur_);
    }
    void* p = cur_;
    cur_ += size;
    return p;
  }
  std::vector<Node*> nodes_;
  std::vector<char*> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  Bad,
  Ident,
  BasicLit,
  CompositeLit,
  FuncLit,
  Paren,
  Selector,
  Index,
  Slice,
  TypeAssert,
  Call,
  Star,   // *x: dereference, or pointer type in type context
  Unary,  // + - ! ^ & <-
  Binary,
  KeyValue,  // only inside CompositeLit elements
  // type expressions
  ArrayType,  // [N]T, [...]T, or []T (len == nullptr and !ellipsisLen)
  StructType,
  FuncType,
  InterfaceType,
  MapType,
  ChanType,
  Ellipsis,  // ...T as the type of a final variadic parameter
};

// Operators, shared by unary, binary and assignment statements.
enum class Op : uint8_t {
  None,
  Add,
  Sub,
  Mul,
  Quo,
  Rem,  // + - * / %
  And,
  Or,
  Xor,
  Shl,
  Shr,
  AndNot,  // & | ^ << >> &^
  LAnd,
  LOr,  // && ||
  Eql,
  Neq,
  Lss,
  Leq,
  Gtr,
  Geq,    // == != < <= > >=
  Not,    // ! (unary)
  Arrow,  // <- (unary receive)
  Addr,   // & (unary address-of)
  Tilde,  // ~T in a constraint's type set (unary)
};

const char* opText(Op op);

// checker: what a use of an expression denotes.
enum class Mode : uint8_t {
  Invalid,
  NoValue,   // call of a function without results
  Value,     // an ordinary (not addressable) value
  Variable,  // addressable value
  MapIndex,  // m[k]: assignable, not addressable, comma-ok capable
  CommaOk,   // x.(T), <-c: may be used in a two-value assignment
  Constant,
  TypeExpr,  // the expression denotes a type
  Builtin,
  PackageName,
};

struct Expr : Node {
  ExprKind kind;
  explicit Expr(ExprKind k) : kind(k) {}
  // checker: the type of the expression after untyped constants have been
  // given their final type by context (as go/types' recordTypeAndValue). For
  // a TypeExpr it is the type denoted. nullptr until checked.
  const Type* type = nullptr;
  Mode mode = Mode::Invalid;
  // checker: set when mode == Constant, converted to the final `type`.
  ConstValue value;
};

using ExprList = std::vector<Expr*>;

struct Ident : Expr {
  Ident() : Expr(ExprKind::Ident) {}
  std::string name;       // "_" is the blank identifier
  Symbol* sym = nullptr;  // checker: what the name resolves to (null for _)
};

enum class LitKind : uint8_t { Int, Float, Imag, Rune, String };

struct BasicLit : Expr {
  BasicLit() : Expr(ExprKind::BasicLit) {}
  LitKind litKind = LitKind::Int;
  std::string raw;  // the literal's source text, e.g. "0x1F", "`raw`", "'\\n'"
};

struct CompositeLit : Expr {
  CompositeLit() : Expr(ExprKind::CompositeLit) {}
  Expr* typeExpr = nullptr;  // null when elided inside an outer literal
  ExprList elts;             // elements; keyed ones are KeyValueExpr
  Pos rbrace;
  // checker: for struct literals, the field index of each element in order
  // (positional or keyed); for arrays/slices, the constant index of each
  // element; unused for maps.
  std::vector<int64_t> indices;
};

struct FuncTypeExpr;
struct BlockStmt;
struct FuncInfo;

struct FuncLit : Expr {
  FuncLit() : Expr(ExprKind::FuncLit) {}
  FuncTypeExpr* sig = nullptr;
  BlockStmt* body = nullptr;
  FuncInfo* info = nullptr;  // checker: parameters, results, captures
};

struct ParenExpr : Expr {
  ParenExpr() : Expr(ExprKind::Paren) {}
  Expr* x = nullptr;
};

// checker: what a selector x.f resolved to.
enum class SelKind : uint8_t {
  None,
  Field,            // struct field (possibly promoted through embedded fields)
  Method,           // concrete method call or method value x.M
  InterfaceMethod,  // method of an interface value
  MethodExpr,       // T.M or (*T).M used as a function value
  Qualified,        // pkg.Name: sym holds the package member
};

struct SelectorExpr : Expr {
  SelectorExpr() : Expr(ExprKind::Selector) {}
  Expr* x = nullptr;
  Ident* sel = nullptr;
  // Made by the checker for a //go:embed variable's initialiser: x names a
  // standard package by its path and sel may be unexported.
  bool internal = false;
  // checker:
  SelKind selKind = SelKind::None;
  // Field indices from x's (dereferenced) struct type down to the target;
  // more than one entry when the field or method is promoted from an
  // embedded field. For Method, the path leads to the receiver's embedding.
  std::vector<int> path;
  // For each step in `path`, whether the struct at that step is reached
  // through a pointer that must be dereferenced first (index 0 is x itself).
  std::vector<bool> derefs;
  // Method/MethodExpr/Qualified: the resolved symbol (a Func symbol for a
  // method or package function, a Var/Const/TypeName for package members).
  Symbol* target = nullptr;
  // Method: the receiver expression must be addressed (&x) because the
  // method has a pointer receiver and x is an addressable value, or
  // dereferenced (*x) because the method has a value receiver and x is a
  // pointer.
  bool addrRecv = false;
  bool derefRecv = false;
  // InterfaceMethod: index of the method in the interface's sorted method set.
  int methodIndex = -1;
};

struct IndexExpr : Expr {
  IndexExpr() : Expr(ExprKind::Index) {}
  Expr* x = nullptr;
  Expr* index = nullptr;
  // Type arguments after the first (`Pair[K, V]`, `F[int, string]`): only an
  // instantiation has more than one index.
  ExprList more;
  // checker: the instance when x[...] instantiates a generic function (the
  // compiler treats the expression as that function's value).
  Symbol* inst = nullptr;
};

struct SliceExpr : Expr {
  SliceExpr() : Expr(ExprKind::Slice) {}
  Expr* x = nullptr;
  Expr* lo = nullptr;  // each may be null
  Expr* hi = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
};

struct TypeAssertExpr : Expr {
  TypeAssertExpr() : Expr(ExprKind::TypeAssert) {}
  Expr* x = nullptr;
  Expr* typeExpr = nullptr;  // null for x.(type) in a type switch
};

enum class BuiltinId : uint8_t {
  None,
  Append,
  Cap,
  Clear,
  Close,
  Complex,
  Copy,
  Delete,
  Imag,
  Len,
  Make,
  Max,
  Min,
  New,
  Panic,
  Print,
  Println,
  Real,
  Recover,
  // package unsafe (lang/check/checker_unsafe.cpp)
  Sizeof,
  Alignof,
  Offsetof,
  Add,
  Slice,
  SliceData,
  String,
  StringData,
};

// checker: what kind of call a CallExpr is.
enum class CallKind : uint8_t {
  None,
  Conversion,  // T(x): fun is a type expression
  Builtin,     // builtin function; see builtin
  Static,      // call of a declared function or package function (incl. natives)
  Method,      // concrete method call x.M(...): fun is a SelectorExpr (Method)
  Interface,   // interface method call: fun is a SelectorExpr (InterfaceMethod)
  Dynamic,     // call of a function value (closure, func variable, method value)
};

struct CallExpr : Expr {
  CallExpr() : Expr(ExprKind::Call) {}
  Expr* fun = nullptr;
  ExprList args;
  bool hasEllipsis = false;  // f(xs...)
  Pos rparen;
  // checker:
  CallKind callKind = CallKind::None;
  BuiltinId builtin = BuiltinId::None;
  Symbol* callee = nullptr;  // Static/Method: the function symbol
};

struct StarExpr : Expr {
  StarExpr() : Expr(ExprKind::Star) {}
  Expr* x = nullptr;
};

struct UnaryExpr : Expr {
  UnaryExpr() : Expr(ExprKind::Unary) {}
  Op op = Op::None;  // Add (+x), Sub (-x), Not (!x), Xor (^x), Addr (&x), Arrow (<-x)
  Expr* x = nullptr;
};

struct BinaryExpr : Expr {
  BinaryExpr() : Expr(ExprKind::Binary) {}
  Op op = Op::None;
  Pos opPos;
  Expr* x = nullptr;
  Expr* y = nullptr;
};

struct KeyValueExpr : Expr {
  KeyValueExpr() : Expr(ExprKind::KeyValue) {}
  Expr* key = nullptr;
  Expr* value = nullptr;
};

struct ArrayTypeExpr : Expr {
  ArrayTypeExpr() : Expr(ExprKind::ArrayType) {}
  Expr* len = nullptr;       // null for a slice type
  bool ellipsisLen = false;  // [...]T
  Expr* elem = nullptr;
};

struct Field : Node {
  std::vector<Ident*> names;  // empty for an anonymous / embedded field
  Expr* type = nullptr;
  std::string tag;  // a struct field's tag, decoded (StructField::tag)
};

struct StructTypeExpr : Expr {
  StructTypeExpr() : Expr(ExprKind::StructType) {}
  std::vector<Field*> fields;
};

struct FuncTypeExpr : Expr {
  FuncTypeExpr() : Expr(ExprKind::FuncType) {}
  std::vector<Field*> params;   // last param's type may be an EllipsisExpr
  std::vector<Field*> results;  // names may be empty
};

struct InterfaceTypeExpr : Expr {
  InterfaceTypeExpr() : Expr(ExprKind::InterfaceType) {}
  // Methods: one name and a FuncTypeExpr type. Embedded interfaces: no names,
  // the type is the embedded interface's name.
  std::vector<Field*> methods;
};

struct MapTypeExpr : Expr {
  MapTypeExpr() : Expr(ExprKind::MapType) {}
  Expr* key = nullptr;
  Expr* value = nullptr;
};

enum class ChanDir : uint8_t { Both, Send, Recv };

struct ChanTypeExpr : Expr {
  ChanTypeExpr() : Expr(ExprKind::ChanType) {}
  ChanDir dir = ChanDir::Both;
  Expr* elem = nullptr;
};

struct EllipsisExpr : Expr {
  EllipsisExpr() : Expr(ExprKind::Ellipsis) {}
  Expr* elem = nullptr;
};

// ----------------------------------------------------------------- statements

enum class StmtKind : uint8_t {
  Bad,
  Decl,
  Empty,
  Labeled,
  ExprS,
  Send,
  IncDec,
  Assign,
  Go,
  Defer,
  Return,
  Branch,
  Block,
  If,
  CaseClause,
  Switch,
  TypeSwitch,
  CommClause,
  Select,
  For,
  Range,
};

struct Stmt : Node {
  StmtKind kind;
  explicit Stmt(StmtKind k) : kind(k) {}
};

using StmtList = std::vector<Stmt*>;

struct GenDecl;

struct DeclStmt : Stmt {
  DeclStmt() : Stmt(StmtKind::Decl) {}
  GenDecl* decl = nullptr;  // const, var or type
};

struct EmptyStmt : Stmt {
  EmptyStmt() : Stmt(StmtKind::Empty) {}
};

struct LabeledStmt : Stmt {
  LabeledStmt() : Stmt(StmtKind::Labeled) {}
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
};

struct ExprStmt : Stmt {
  ExprStmt() : Stmt(StmtKind::ExprS) {}
  Expr* x = nullptr;
};

struct SendStmt : Stmt {
  SendStmt() : Stmt(StmtKind::Send) {}
  Expr* chan = nullptr;
  Expr* value = nullptr;
};

struct IncDecStmt : Stmt {
  IncDecStmt() : Stmt(StmtKind::IncDec) {}
  Expr* x = nullptr;
  bool inc = true;
};

struct AssignStmt : Stmt {
  AssignStmt() : Stmt(StmtKind::Assign) {}
  ExprList lhs;
  ExprList rhs;
  bool define = false;  // :=
  Op op = Op::None;     // None for = and :=; Add for +=, etc.
  Pos opPos;            // of := (Go's position of a short variable declaration)
  // checker: for :=, which lhs identifiers declare a new variable.
  std::vector<bool> isNew;
};

struct GoStmt : Stmt {
  GoStmt() : Stmt(StmtKind::Go) {}
  CallExpr* call = nullptr;
};

struct DeferStmt : Stmt {
  DeferStmt() : Stmt(StmtKind::Defer) {}
  CallExpr* call = nullptr;
  // checker: in a range-over-func body, the variable holding the frame
  // number of the function the loop is in, which the call is deferred for.
  Expr* frame = nullptr;
};

struct ReturnStmt : Stmt {
  ReturnStmt() : Stmt(StmtKind::Return) {}
  ExprList results;
};

enum class BranchKind : uint8_t { Break, Continue, Goto, Fallthrough };

struct BranchStmt : Stmt {
  BranchStmt() : Stmt(StmtKind::Branch) {}
  BranchKind tok = BranchKind::Break;
  Ident* label = nullptr;  // may be null
  Stmt* target = nullptr;  // checker: the For/Range/Switch/TypeSwitch/Select statement
};

struct BlockStmt : Stmt {
  BlockStmt() : Stmt(StmtKind::Block) {}
  StmtList stmts;
  Pos rbrace;
};

struct IfStmt : Stmt {
  IfStmt() : Stmt(StmtKind::If) {}
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* then = nullptr;
  Stmt* els = nullptr;  // null, IfStmt or BlockStmt
};

struct CaseClause : Stmt {
  CaseClause() : Stmt(StmtKind::CaseClause) {}
  ExprList list;  // empty for default (for type switches: type expressions; `nil` allowed)
  bool isDefault = false;
  StmtList body;
  // checker (type switch only): the variable declared for this clause when
  // the switch has the form `v := x.(type)`.
  Symbol* implicitVar = nullptr;
};

struct SwitchStmt : Stmt {
  SwitchStmt() : Stmt(StmtKind::Switch) {}
  Stmt* init = nullptr;
  Expr* tag = nullptr;  // null for `switch {`
  std::vector<CaseClause*> clauses;
  Ident* label = nullptr;  // set by the parser when labeled
};

struct TypeSwitchStmt : Stmt {
  TypeSwitchStmt() : Stmt(StmtKind::TypeSwitch) {}
  Stmt* init = nullptr;
  Ident* binding = nullptr;          // v in `switch v := x.(type)`, may be null
  TypeAssertExpr* assert = nullptr;  // x.(type)
  std::vector<CaseClause*> clauses;
  Ident* label = nullptr;
};

struct CommClause : Stmt {
  CommClause() : Stmt(StmtKind::CommClause) {}
  // null for default; otherwise a SendStmt, an ExprStmt (<-c), or an
  // AssignStmt whose rhs is a single receive (v := <-c, v, ok = <-c).
  Stmt* comm = nullptr;
  StmtList body;
};

struct SelectStmt : Stmt {
  SelectStmt() : Stmt(StmtKind::Select) {}
  std::vector<CommClause*> clauses;
  Ident* label = nullptr;
};

struct ForStmt : Stmt {
  ForStmt() : Stmt(StmtKind::For) {}
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  Ident* label = nullptr;
};

struct RangeStmt : Stmt {
  RangeStmt() : Stmt(StmtKind::Range) {}
  Expr* key = nullptr;    // may be null
  Expr* value = nullptr;  // may be null
  bool define = false;    // := (else = or no variables)
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
  Ident* label = nullptr;
  // checker: a range over a function, lowered to a call of it with the
  // body as the yield function; the compiler compiles this instead.
  Stmt* lowered = nullptr;
  // checker: when a body defers, the variable the compiler sets to this
  // function's frame number before the lowered statement (DeferStmt::frame).
  Symbol* deferFrame = nullptr;
};

// --------------------------------------------------------------- declarations

struct Spec : Node {};

struct ImportSpec : Spec {
  Ident* name = nullptr;  // alias, may be null
  std::string path;       // unquoted
};

// What a `//go:embed` directive gives the package variable below it
// (lang/syntax/embed.cpp): the patterns as written and, once resolved, the
// files they match relative to the source file's directory.
// pos: the first directive's "go:embed", where Go reports (after the "//").
struct EmbedSpec : Node {
  struct Pattern {
    Pos pos;
    std::string text;
  };
  std::vector<Pattern> patterns;
  struct EmbeddedFile {
    std::string name;  // slash-separated, relative to the source's directory
    std::string data;
  };
  std::vector<EmbeddedFile> files;  // sorted by name, no duplicates
};

struct ValueSpec : Spec {
  std::vector<Ident*> names;
  Expr* type = nullptr;  // may be null
  ExprList values;       // for const specs with implicit repetition the
                         // parser copies nothing: the checker repeats the
                         // previous spec's expressions
  int iota = 0;          // position within its const group
  // A package-level var with //go:embed lines above it.
  EmbedSpec* embed = nullptr;
};

struct TypeSpec : Spec {
  Ident* name = nullptr;
  // Type parameters of a generic type: each Field names parameters and has
  // their constraint as its type (`[K comparable, V any]`).
  std::vector<Field*> typeParams;
  bool alias = false;  // type A = B
  Expr* type = nullptr;
};

enum class DeclTok : uint8_t { Import, Const, Var, Type };

struct GenDecl : Node {
  DeclTok tok = DeclTok::Var;
  std::vector<Spec*> specs;
};

struct FuncDecl : Node {
  Field* recv = nullptr;  // method receiver, or null
  Ident* name = nullptr;
  std::vector<Field*> typeParams;  // a generic function's, as TypeSpec's
  FuncTypeExpr* sig = nullptr;
  BlockStmt* body = nullptr;  // null: implemented natively (standard packages)
  FuncInfo* info = nullptr;   // checker
};

// A top-level item in source order. In Go mode only decls appear; in script
// mode (no package clause) statements may be interleaved with declarations.
struct TopLevel {
  GenDecl* gen = nullptr;
  FuncDecl* func = nullptr;
  Stmt* stmt = nullptr;  // script mode only
};

// A `//go:embed` comment line, recorded by the parser for embed.cpp.
struct EmbedDirective {
  Pos pos;           // of "go:embed" (after the "//")
  std::string args;  // the text after "go:embed"
};

struct File {
  std::string filename;  // as given on the command line
  bool scriptMode = false;
  Ident* packageName = nullptr;  // null in script mode
  std::vector<ImportSpec*> imports;
  std::vector<TopLevel> items;
  std::vector<EmbedDirective> embedDirectives;  // in source order
  AstArena arena;
};

}  // namespace gol
