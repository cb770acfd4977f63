// Private interface of the type checker (lang/checker*.cpp).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lang/check/check.hpp"
#include "lang/check/lookup.hpp"

namespace gol {

// Go's spelling of a type as in error messages: named types of `current` are
// not qualified.
std::string typeStringIn(const Type* t, const Package* current);
// "slice", "map", "func", "struct", ... for a composite type, else "".
std::string kindString(const Type* t);
// The base type's name of a generic method's receiver (`List` of
// `(l *List[T])`); checker.cpp.
std::string recvBaseNameOf(FuncDecl* fd);
// Go's reason why a struct or array type is not comparable.
std::string incomparableCause(const Type* t, const Package* pkg);
// A constraint's union as Go prints it: "~int | ~float64".
std::string unionString(const std::vector<TypeTerm>& u, const Package* current);

// Go's ExprString: the source form of an expression, as error messages show it.
std::string exprString(const Expr* e);

inline Expr* unparen(Expr* e) {
  while (e && e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

// The import path of a standard package named `name` in script mode, where
// packages are imported on first use (rand is math/rand, ...).
std::string pathForName(const std::string& name);

// Constant arithmetic (constant_ops.cpp).
namespace cops {
// Go's bounds: a constant shift count is at most 1074 (enough to express
// the smallest float64), an untyped integer constant at most 512 bits.
constexpr int kMaxShiftCount = 1023 - 1 + 52;
constexpr uint64_t kMaxUntypedIntBits = 512;
// Represents `v` as a value of basic type `t` (rounding floats to float32 or
// float64 as needed). Returns false and sets `why` to "overflows" or
// "truncated" if it cannot be represented.
bool represent(ConstValue& v, const Type* t, std::string* why);
bool toFloat(const ConstValue& v, ConstFloat& out);  // false for a non-real complex
bool toComplex(const ConstValue& v, ConstFloat& re, ConstFloat& im);
std::string str(const ConstValue& v);  // go/constant's String (strings quoted)
// Equal for equal values only (str() shortens floats): duplicate-key checks.
std::string exactKey(const ConstValue& v);
ConstValue unary(Op op, const ConstValue& x, const Type* t);
// Binary arithmetic, exact; `intDiv` selects truncated integer division.
// False only for a shift count beyond kMaxShiftCount.
bool binary(Op op, const ConstValue& x, const ConstValue& y, bool intDiv, ConstValue& out);
bool compare(Op op, const ConstValue& x, const ConstValue& y);
bool isZero(const ConstValue& v);
}  // namespace cops

struct Scope {
  Scope* parent = nullptr;
  std::map<std::string, Symbol*> names;
  // The type arguments a generic function's instance binds here; a local
  // type declared inside is a distinct type per instance, printed with
  // them as Go prints it (`main.pair[int]`).
  std::vector<const Type*> instanceArgs;
  Symbol* lookupLocal(const std::string& n) const {
    auto it = names.find(n);
    return it == names.end() ? nullptr : it->second;
  }
};

// A package-level declaration, resolved lazily.
struct ObjDecl {
  enum K { Const, Var, Type, Func } k = Var;
  File* file = nullptr;
  ValueSpec* spec = nullptr;      // const/var
  int index = 0;                  // position of the name in the spec
  ValueSpec* valueSrc = nullptr;  // const: the spec whose expressions apply
  TypeSpec* tspec = nullptr;
  FuncDecl* fdecl = nullptr;
  int state = 0;              // 0 unresolved, 1 in progress, 2 done
  std::vector<Symbol*> deps;  // package-level vars and funcs referenced
  int order = 0;              // declaration order
};

struct Universe;
class Checker;

// A function or type declared with type parameters. Each type-argument list
// is instantiated once: a function by checking a copy of its declaration
// with the parameters bound to the arguments, a type by resolving its
// declaration so (docs/architecture.md, "Generics").
struct Generic {
  Checker* owner = nullptr;  // the declaring package's checker
  Symbol* sym = nullptr;
  File* file = nullptr;
  FuncDecl* fdecl = nullptr;  // a generic function
  TypeSpec* tspec = nullptr;  // or a generic type
  std::vector<Field*> fields;
  std::vector<Ident*> names;        // the type parameters, in order
  std::vector<const Type*> params;  // TypeParam types
  std::vector<const Type*> bounds;  // constraints, over `params`
  bool resolved = false;
  std::map<std::vector<const Type*>, Symbol*> funcs;
  std::map<std::vector<const Type*>, Type*> types;
};

// What outlives one package's check: the checkers (a package's generics are
// instantiated by its own checker, also when main asks), the generics and
// the instance bodies still to check.
struct CheckContext {
  std::vector<std::unique_ptr<Checker>> checkers;
  std::map<const Package*, Checker*> checkerOf;  // each imported package's checker
  // Check a package's lazy declarations with the package (the REPL, whose
  // later entries cannot add to a package already compiled; and the
  // GOL_CHECK_STD runs that check the standard packages' own code).
  bool eagerLazy = false;
  std::vector<std::unique_ptr<Generic>> generics;
  std::vector<std::function<void()>> pending;
  void drain() {
    while (!pending.empty()) {
      auto f = std::move(pending.front());
      pending.erase(pending.begin());
      f();
    }
  }
};

class Checker {
 public:
  Checker(Program& prog, Package* pkg, const PackageSource& src, Scope* universe,
          std::vector<Diagnostic>& errs, std::set<std::string>& importing);

  void checkPackage(std::vector<File*> files);
  CheckContext* context_ = nullptr;

  // ---- generics (checker_generics.cpp)
  Generic* newGeneric(Symbol* sym, File* f, std::vector<Field*>& fields);
  void resolveGeneric(Generic* g);
  const Type* constraintOf(Expr* e, bool* implicit = nullptr);
  Scope* bindScope(Generic* g, const std::vector<const Type*>& targs, File* f,
                   const std::vector<Ident*>& names);
  Symbol* instantiateFunc(Generic* g, const std::vector<const Type*>& targs);
  const Type* instantiateType(Generic* g, const std::vector<const Type*>& targs);
  const Type* instantiateAlias(Generic* g, const std::vector<const Type*>& targs);
  void instantiateMethods(Generic* g, Type* inst, const std::vector<const Type*>& targs);
  const Type* subst(const Type* t, Generic* g, const std::vector<const Type*>& targs);
  bool satisfies(const Type* T, const Type* bound, std::string* why);
  bool hasBoundMethods(const Type* T, const Type* bound, std::string* why);
  bool typeParamSatisfies(const Type* T, const Type* bound, std::string* why);
  bool verifyTypeArgs(Generic* g, const std::vector<const Type*>& targs,
                      const std::vector<Pos>& poss);
  void unify(Generic* g, const Type* p, const Type* a, std::vector<const Type*>& targs);
  bool genericCall(CallExpr* e);
  bool genericIndex(IndexExpr* e);
  bool typeArgList(IndexExpr* e, std::vector<const Type*>& targs, std::vector<Pos>& poss);
  Generic* genericOf(Expr* e);  // the generic function or type e names, if any
  void markGenericImports();
  void checkGenericBodies();
  void checkGenericFuncBody(FuncDecl* fd);
  void checkGenericMethodBody(FuncDecl* fd);
  // Generic declarations whose generic check reported errors: their
  // instances' bodies are checked silently, so that no error is reported
  // twice (once with T, once per instance with its type arguments).
  std::set<const FuncDecl*> genericBodyFailed_;
  bool rangeOverFunc(RangeStmt* s, const std::string& label);     // checker_rangefunc.cpp
  std::map<std::string, std::vector<FuncDecl*>> genericMethods_;  // by base type name
  std::vector<FuncDecl*> genericDecls_;  // never checked as written: for imports

  // ---- shared helpers
  void error(Pos p, std::string msg);
  // Go's errorf: each %s of `format` takes the next argument, spelled as
  // error messages spell it: a type by tstr, an expression by its source
  // form, an Operand as "x (variable of type int)", strings and integers as
  // they are. One helper, so that a type or operand reads the same in every
  // message.
  template <class... A>
  void errorf(Pos p, std::string_view format, const A&... args) {
    error(p, sprintf(format, args...));
  }
  // The message alone, for texts that become part of another message (the
  // reason after "cannot use x as I value").
  template <class... A>
  std::string sprintf(std::string_view format, const A&... args) const {
    const std::string parts[] = {std::string(), errorArg(args)...};
    return expandErrorf(format, parts + 1, sizeof...(A));
  }
  struct Operand {
    const Expr* e;
  };
  std::string errorArg(const Type* t) const { return tstr(t); }
  std::string errorArg(const Expr* e) const { return exprString(e); }
  std::string errorArg(Operand o) const { return describe(o.e); }
  std::string errorArg(std::string_view s) const { return std::string(s); }
  std::string errorArg(const char* s) const { return s; }
  std::string errorArg(const std::string& s) const { return s; }
  template <class I>
  requires std::is_integral_v<I> std::string errorArg(I i)
  const { return std::to_string(i); }
  static std::string expandErrorf(std::string_view format, const std::string* args, size_t n);
  std::string posStr(Pos p) const;
  Symbol* newSym(SymKind k, const std::string& name, Pos pos);
  std::string tstr(const Type* t) const { return typeStringIn(t, pkg_); }
  std::string constrainedBy(const Type* t) const;
  std::string describe(const Expr* e) const;  // "x (variable of type int)"
  const Type* basic(Kind k) { return prog_.types.basic(k); }
  const Type* invalid() { return prog_.types.basic(Kind::Invalid); }

  // ---- scopes
  Symbol* lookup(const std::string& name);
  void declare(Scope* s, Symbol* sym, Pos pos);

  // ---- declarations (checker.cpp / checker_decl.cpp)
  void collect(File* f);
  void resolve(Symbol* sym);
  void resolveConst(Symbol* sym, ObjDecl& d);
  void resolveVar(Symbol* sym, ObjDecl& d);
  void reportAliasCycle(Symbol* alias);
  static const Type* tooLargeArray(const Type* t);
  void resolveTypeDecl(Symbol* sym, ObjDecl& d);
  void resolveFunc(Symbol* sym, ObjDecl& d);
  void collectMethods();
  void checkRecursiveTypes();
  void computeInitOrder();
  void checkFuncBody(FuncInfo* info, FuncTypeExpr* sig, BlockStmt* body, Field* recv);
  void checkParamNames(FuncTypeExpr* sig);
  const Type* funcSignature(FuncTypeExpr* sig, std::vector<Symbol*>* params,
                            std::vector<Symbol*>* results, Scope* into);
  FuncInfo* newFuncInfo();
  void varSpec(ValueSpec* spec, std::vector<Symbol*>& syms);
  void embedInitializer(ValueSpec* spec, const Type* T);  // checker_embed.cpp
  bool assignableType(const Type* V, const Type* T);
  void localConstSpec(ValueSpec* spec, ValueSpec* src, int iota);
  void localVarSpec(ValueSpec* spec);
  void localTypeSpec(TypeSpec* spec);
  void constDecl(std::vector<Ident*>& names, Expr* typeExpr, ExprList& values, int iota,
                 std::vector<Symbol*>& syms, bool repeated);
  Package* importPackage(const std::string& path, Pos pos, bool implicit);
  // A lazy declaration of p named `name` (Package::lazySource), declared
  // now in p by p's checker; nullptr if p has none of that name.
  Symbol* lazyMember(Package* p, const std::string& name);
  Symbol* declareLate(const std::string& source, const std::string& name);

  // ---- types (checker_types.cpp)
  const Type* typeExpr(Expr* e, bool allowInvalidRecursion = false);
  const Type* typeExprInner(Expr* e);
  bool identical(const Type* a, const Type* b) const { return a == b; }

  // ---- expressions (checker_expr.cpp)
  void expr(Expr* e, const Type* hint = nullptr);
  void rawExpr(Expr* e, const Type* hint);
  void rvalue(Expr* e, const Type* hint = nullptr);  // single value required
  // The single-value rule for an expression already checked: checking an
  // expression twice would check its function literals twice (and chained
  // calls f()()() 2^n times).
  void requireValue(Expr* e);
  void multiValue(Expr* e);  // tuple allowed
  bool unpackValues(Expr* r, size_t nl, const Type* okType, std::vector<const Type*>& types);
  // The value of a 1:1 assignment: a multi-value call gives "assignment mismatch".
  void singleValue(Expr* e, const Type* hint, size_t nvars);
  void ident(Ident* e);
  void basicLit(BasicLit* e);
  void compositeLit(CompositeLit* e, const Type* hint);
  void funcLit(FuncLit* e);
  void selector(SelectorExpr* e);
  void typeParamIndex(IndexExpr* e);
  static Pos lbrackOf(const IndexExpr* e);
  void indexExpr(IndexExpr* e);
  void sliceExpr(SliceExpr* e);
  void typeAssert(TypeAssertExpr* e);
  void queueInstanceBody(FuncDecl* clone, Symbol* sym, Scope* bind, File* file, Field* recv,
                         const FuncDecl* orig);
  void callResult(CallExpr* e, const Type* sig);
  void call(CallExpr* e);
  void star(StarExpr* e);
  void unary(UnaryExpr* e, const Type* hint);
  void binary(BinaryExpr* e, const Type* hint);
  void shift(BinaryExpr* e);
  bool untypedOperand(Expr* u, const Type* T, BinaryExpr* e, Pos mismatchPos);
  void comparison(BinaryExpr* e);
  void markAddrTaken(Expr* e);
  bool addressable(const Expr* e) const;
  int64_t constIndex(Expr* idx, int64_t length, const char* what);
  // `prechecked`: the arguments were already checked (a generic call checks
  // them first to infer type arguments).
  void checkArgs(CallExpr* e, const Type* sig, const std::string& fname, bool prechecked = false);

  // untyped handling and assignability (checker_assign.cpp)
  void setFinalType(Expr* e, const Type* t);
  // After a constant operation: typed results fit their type, untyped
  // integers 512 bits (go/types' overflow); reports and returns false if not.
  bool constantFits(Expr* e, Pos opPos);
  bool convertUntyped(Expr* e, const Type* target, std::string* why = nullptr);
  void defaultType(Expr* e);
  const Type* defaultOf(const Type* t);
  bool assignable(Expr* e, const Type* T, std::string* reason);
  bool assignTo(Expr* e, const Type* T, const std::string& context);
  bool implements(const Type* T, const Type* iface, std::string* reason);
  bool convertible(Expr* e, const Type* T, std::string* cause = nullptr);
  bool convertibleTypeParam(Expr* e, const Type* T, std::string* cause);
  bool convertUntypedToTypeParam(Expr* e, const Type* target, std::string* why);
  // convertUntyped's `why` when a constant does not fit some type of a type
  // parameter's type set (Go then says only "cannot convert"/"cannot use").
  static const char* const kNotInTypeSet;
  void conversion(CallExpr* e, const Type* T);
  std::string missingMethodReason(const Type* T, const Type* iface);

  // builtins (checker_builtins.cpp)
  void builtinCall(CallExpr* e, BuiltinId id);
  void complexBuiltin(CallExpr* e, BuiltinId id);  // complex, real, imag (checker_complex.cpp)
  // Package unsafe (checker_unsafe.cpp): the package, its functions, and
  // which conversions through unsafe.Pointer gol's values can mean.
  Package* unsafePackage();
  void unsafeBuiltin(CallExpr* e, BuiltinId id);
  bool unsafeConvertible(Expr* x, const Type* T);

  // ---- statements (checker_stmt.cpp)
  void stmt(Stmt* s);
  void stmtList(StmtList& list);
  void blockStmt(BlockStmt* b, bool newScope = true);
  void assignStmt(AssignStmt* s);
  void defineStmt(AssignStmt* s);
  void assignVar(Expr* lhs, Expr* rhs, const Type* rhsType);
  const Type* lhsExpr(Expr* lhs);
  void ifStmt(IfStmt* s);
  void forStmt(ForStmt* s);
  void rangeStmt(RangeStmt* s);
  void switchStmt(SwitchStmt* s);
  void typeSwitchStmt(TypeSwitchStmt* s);
  void selectStmt(SelectStmt* s);
  void returnStmt(ReturnStmt* s);
  void branchStmt(BranchStmt* s);
  void exprStmt(ExprStmt* s);
  void incDec(IncDecStmt* s);
  void sendStmt(SendStmt* s);
  void goDefer(CallExpr* c, const char* what, Pos pos);
  bool isTerminating(Stmt* s, const Ident* label);
  bool isTerminatingList(const StmtList& l);
  bool hasBreak(Stmt* s, Stmt* target, const Ident* label);
  void collectLabels(StmtList& l);
  void checkGotos(Pos start, const StmtList& body);  // checker_labels.cpp
  Symbol* declareLocal(Ident* id, const Type* t);
  void openScope();
  void closeScope();
  void reportUnused();
  std::string typeList(const std::vector<const Type*>& ts);

  // ---- state
  Program& prog_;
  Package* pkg_;
  const PackageSource& src_;
  Scope* universe_;
  std::vector<Diagnostic>& errs_;
  std::set<std::string>& importing_;
  Scope pkgScope_;
  std::map<File*, Scope*> fileScopes_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  File* file_ = nullptr;
  Scope* scope_ = nullptr;
  std::map<Symbol*, ObjDecl> decls_;
  ObjDecl* curDecl_ = nullptr;
  int declCounter_ = 0;
  // imports: symbol -> used, per file
  std::vector<Symbol*> importSyms_;
  std::set<Symbol*> usedImports_;
  std::map<const Type*, std::vector<FuncDecl*>> methodDecls_;
  std::vector<Symbol*> typeSyms_;
  // Type declarations being resolved, outermost first: an alias met again
  // while only aliases lie between is an invalid recursive type.
  std::vector<Symbol*> typesResolving_;

  // current function
  struct BranchCtx {
    Stmt* stmt;
    std::string label;
    bool loop;
    bool isSwitch;
  };
  struct FuncCtx {
    FuncInfo* info = nullptr;
    const Type* sig = nullptr;
    std::vector<Symbol*> vars;  // for unused checks
    std::map<std::string, LabeledStmt*> labels;
    std::set<std::string> usedLabels;
    std::vector<BranchCtx> branches;
    int litCount = 0;
    FuncCtx* outer = nullptr;
    bool script = false;
    // A range-over-func body (the yield function), and when it defers, the
    // variable holding the frame number its defers go to
    // (checker_rangefunc.cpp).
    Symbol* rangeFrame = nullptr;
    bool rangeBody = false;
  };
  std::map<BlockStmt*, Symbol*> rangeBodies_;  // yield function body -> its rangeFrame
  void deferInRangeBody(DeferStmt* s);         // checker_rangefunc.cpp
  FuncCtx* fn_ = nullptr;
  std::map<FuncInfo*, int> litCounters_;
  std::set<Symbol*> declaredUsedChecked_;
  std::map<ValueSpec*, ObjDecl*> specDecl_;
  int initCount_ = 0;
  int iota_ = -1;
  std::set<FuncInfo*> litInfos_;
  std::string stmtLabel_;  // label of the statement being checked
  std::set<BranchStmt*> okFallthrough_,
      finalFallthrough_;  // value of iota inside a constant declaration
};

// The predeclared functions (go/types' predeclaredFuncs), one row each, in
// BuiltinId order.
struct PredeclaredFunc {
  const char* name;
  BuiltinId id;
  // The call is an expression whose result must be used: a statement
  // `len(s)` is "not used" and `defer len(s)` "discards result of".
  bool expression;
};
extern const PredeclaredFunc kPredeclaredFuncs[];
extern const PredeclaredFunc kUnsafeFuncs[];
const PredeclaredFunc& predeclaredFunc(BuiltinId id);

// The universe scope: predeclared types, constants, nil and builtins.
Scope* makeUniverse(Program& prog);

}  // namespace gol
