// Types and symbols of the checker, shared with the compiler.
//
// Types are interned by a TypeContext: two identical types (Go's type
// identity) are the same pointer, so `a == b` compares types. Named types are
// unique per declaration.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/syntax/ast.hpp"
#include "lang/syntax/constant.hpp"

namespace gol {

enum class Kind : uint8_t {
  Invalid,
  // basic
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  String,
  UnsafePointer,
  // untyped constants
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedComplex,
  UntypedString,
  UntypedNil,
  // composite
  Array,
  Slice,
  Map,
  Struct,
  Pointer,
  Func,
  Interface,
  Chan,
  Named,
  Tuple,      // results of a multi-value call
  TypeParam,  // a type parameter in a generic signature (inference only)
};

struct Type;
struct Symbol;
struct Package;

struct StructField {
  std::string name;  // for an embedded field: the type's name
  const Type* type = nullptr;
  bool embedded = false;
  bool exported = false;
  std::string tag;  // part of the type's identity (Go: types differing in tags differ)
};

struct IfaceMethod {
  std::string name;
  const Type* sig = nullptr;  // a Func type without receiver
};

// One term of a constraint's union: T or ~T.
struct TypeTerm {
  bool tilde = false;
  const Type* type = nullptr;
};

struct Type {
  Kind kind = Kind::Invalid;

  // Array, Slice, Pointer, Chan, Map (value): the element type.
  const Type* elem = nullptr;
  // Map: the key type.
  const Type* key = nullptr;
  // Array: the length.
  int64_t len = 0;
  // Chan: direction.
  ChanDir dir = ChanDir::Both;

  // Struct: fields in declaration order.
  std::vector<StructField> fields;

  // Func: parameters and results; variadic: the last param is a []T.
  std::vector<const Type*> params;
  std::vector<const Type*> results;
  bool variadic = false;

  // Interface: the full method set (embedded interfaces flattened), sorted
  // by name. Empty for `any`/`interface{}`.
  std::vector<IfaceMethod> methods;
  // Interface used as a constraint: its type set is the intersection of
  // these unions (`~int | ~float64`), and of the comparable types when
  // `comparableSet` (the predeclared `comparable`, or embedding it).
  std::vector<std::vector<TypeTerm>> unions;
  bool comparableSet = false;

  // Tuple: the element types.
  std::vector<const Type*> elems;

  // Named: the name, the package ("main", "time", ... or "" for predeclared
  // types such as error), the underlying type (set once resolved) and the
  // declared methods (Func symbols; receiver is T or *T).
  std::string name;
  Package* pkg = nullptr;
  const Type* underlyingType = nullptr;
  std::vector<Symbol*> declaredMethods;
  // Named instance of a generic type (`Pair[string,int]`): `name` is the
  // generic's ("Pair"), printers append the arguments as Go does.
  std::vector<const Type*> typeArgs;
  Symbol* generic = nullptr;  // the generic type's TypeName
  // TypeParam: `name`, its index in the declaration's list (`len`), and its
  // constraint (an interface type). `implicitConstraint`: written as a bare
  // type set (`[T ~int | ~string]`), which Go prints without interface{}.
  const Type* constraint = nullptr;
  bool implicitConstraint = false;

  // The underlying type (itself for non-Named types).
  const Type* underlying() const { return kind == Kind::Named ? underlyingType : this; }
  bool isNamed() const { return kind == Kind::Named; }
};

// Predicates on types; defined in types.cpp.
bool isInteger(const Type* t);
bool isUnsigned(const Type* t);
bool isFloat(const Type* t);
bool isComplex(const Type* t);
bool isNumeric(const Type* t);
bool isString(const Type* t);
bool isBoolean(const Type* t);
bool isUntyped(const Type* t);
bool isInterface(const Type* t);
bool isConstType(const Type* t);  // boolean, numeric or string
bool comparable(const Type* t);
// Go's identity with struct tags ignored, at every depth (conversions
// between struct types differing only in tags are allowed).
bool identicalIgnoringTags(const Type* a, const Type* b);
// Type parameters' type sets (typeset.cpp; spec "Type parameters", "Core
// types"). The predicates above hold for a type parameter when they hold for
// every type in its type set, as go/types' allInteger etc.
bool isTypeParam(const Type* t);
// The specific types of a type parameter's type set: its constraint's unions
// intersected, interface terms expanded. `restricted` false: no specific
// types (`any`, `comparable`, methods only), so no operation is permitted
// beyond what every type has.
struct TypeSetTerms {
  bool restricted = false;
  std::vector<TypeTerm> terms;
};
TypeSetTerms typeSetTerms(const Type* typeParam);
// Whether pred holds for every type of t's type set (t itself when t is not
// a type parameter); false for an unrestricted type set.
bool allInTypeSet(const Type* t, bool (*pred)(const Type*));
// Whether t's values can be nil (go/types' hasNil): pointer, slice, map,
// chan, func, interface, unsafe.Pointer, untyped nil, or a type parameter
// whose every type can.
bool hasNil(const Type* t);
// Whether every type of typeParam's type set is in the type set of the
// constraint interface `iface` (its unions only: methods and comparable are
// checked by the caller).
bool typeSetIncludes(const Type* typeParam, const Type* iface);
// Go's core type: t's underlying type; for a type parameter the one
// underlying type shared by every type in its type set, or null.
const Type* coreType(const Type* t);
// What an operation on a value of type t works with: its core type, or t
// itself for a type parameter without one (which then matches no kind).
inline const Type* operandType(const Type* t) {
  const Type* c = coreType(t);
  return c ? c : t;
}
// Size in bits of a sized integer kind (0 for int/uint/uintptr = 64).
int intBits(Kind k);
// Go's spelling of a type: "int", "[]string", "map[string]int", "main.point",
// "func(int) string", "struct { x int }", "*main.T", "chan<- int".
std::string typeString(const Type* t);
// A Go string literal holding exactly the bytes of s (struct tags in type
// strings, constant values in messages, //go:embed data).
std::string quoteString(const std::string& s);

// Interning of types. One context per compilation (and per REPL session).
class TypeContext {
 public:
  TypeContext();
  const Type* basic(Kind k) const;  // Bool..UntypedNil
  const Type* slice(const Type* elem);
  const Type* array(const Type* elem, int64_t len);
  const Type* pointer(const Type* elem);
  const Type* map(const Type* key, const Type* value);
  const Type* chan(const Type* elem, ChanDir dir);
  const Type* func(std::vector<const Type*> params, std::vector<const Type*> results,
                   bool variadic);
  const Type* tuple(std::vector<const Type*> elems);
  const Type* structType(std::vector<StructField> fields);
  const Type* interfaceType(std::vector<IfaceMethod> methods);  // sorts methods
  // A constraint interface with a type set.
  const Type* constraintType(std::vector<IfaceMethod> methods,
                             std::vector<std::vector<TypeTerm>> unions, bool comparableSet);
  // A fresh type parameter (never interned: each declaration has its own).
  Type* newTypeParam(std::string name, int index);
  // A new named type; its underlying type is set later with setUnderlying.
  Type* newNamed(std::string name, Package* pkg);
  void setUnderlying(Type* named, const Type* underlying);

  const Type* errorType() const { return error_; }  // predeclared `error`
  const Type* anyType() const { return any_; }      // interface{}

 private:
  std::vector<std::unique_ptr<Type>> owned_;
  std::map<std::string, const Type*> interned_;  // key: a structural signature
  const Type* basics_[int(Kind::UntypedNil) + 1] = {};
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
  const Type* intern(std::unique_ptr<Type> t);
};

struct FuncInfo;
struct Generic;

enum class SymKind : uint8_t { Var, Const, TypeName, Func, Package, Builtin, Nil, Label };

struct Symbol {
  SymKind kind = SymKind::Var;
  std::string name;
  Pos pos;
  const Type* type = nullptr;
  Package* pkg = nullptr;  // declaring package

  // Var:
  bool isGlobal = false;
  bool isParam = false;   // parameter or named result
  bool isResult = false;  // named result
  bool used = false;
  // The variable is referenced by a closure other than its declaring
  // function, or its address is taken (&x, x.M() with a pointer receiver,
  // x[i:] on an array, &x.f ...): the compiler must give it a heap box.
  bool captured = false;
  bool addressTaken = false;
  FuncInfo* owner = nullptr;  // declaring function (null for globals)
  int slot = -1;              // compiler: register or global index

  // Const:
  ConstValue value;

  // Func (declared function or method, or package function):
  FuncDecl* decl = nullptr;        // null for builtins
  const Type* recvType = nullptr;  // methods: T or *T
  bool native = false;             // declared without a body in a package
  std::string qualifiedName;       // "main.f", "main.T.String", "strings.Index"
  int funcIndex = -1;              // compiler: index in the program's function table

  // Builtin:
  BuiltinId builtin = BuiltinId::None;

  // Func or TypeName declared with type parameters: what the checker needs
  // to instantiate it (owned by the checker's session). Instances are
  // ordinary symbols with generic == nullptr.
  Generic* generic = nullptr;

  // Package:
  Package* package = nullptr;
};

// Per-function facts gathered by the checker for the compiler.
struct FuncInfo {
  const Type* sig = nullptr;     // Func type (without receiver)
  Symbol* recv = nullptr;        // receiver variable, or null
  std::vector<Symbol*> params;   // in order (unnamed ones get a Symbol too)
  std::vector<Symbol*> results;  // named results, or unnamed placeholders
  std::vector<Symbol*> locals;   // every local variable declared inside
  // Variables of enclosing functions that this function literal uses
  // (directly or through nested literals), in first-use order.
  std::vector<Symbol*> captures;
  FuncInfo* parent = nullptr;  // enclosing function for literals
  bool hasDefer = false;
  bool callsRecover = false;
  std::string name;  // "main.main", "main.main.func1", "main.T.M"
  Pos pos;
};

struct Package {
  std::string path;                        // "main", "strings", "math/rand"
  std::string name;                        // "main", "strings", "rand"
  std::map<std::string, Symbol*> members;  // package-level symbols
  std::vector<File*> files;
  // Package-level var specs in initialization order (Go's dependency order);
  // each spec initialises all of its names (`var a, b = f()` is one entry).
  std::vector<ValueSpec*> varInits;
  // Functions of the package: declared functions and methods, and function
  // literals, each with its FuncInfo (the compiler compiles each once).
  std::vector<FuncDecl*> funcs;
  std::vector<FuncLit*> funcLits;
  std::vector<FuncDecl*> inits;  // func init() declarations, in source order
  // Script mode: the statements of the file, run in order as the body of an
  // implicit main function, described by scriptInfo.
  FuncInfo* scriptInfo = nullptr;
  // Lazy declarations (runtime/lib/README.md): package-level vars and
  // consts the checker parses only when a program names them (package
  // unicode's ~300 tables would otherwise be parsed, checked and built at
  // every start-up). lazySource holds them; lazyDecls maps each name not yet
  // declared to its declaration's text in lazySource.
  std::string lazySource;
  std::map<std::string, std::pair<size_t, size_t>> lazyDecls;
};

}  // namespace gol
