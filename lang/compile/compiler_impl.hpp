// Internals of the bytecode compiler (lang/compile_*.cpp). Not for other modules.
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/opcodes.hpp"
#include "bytecode/program.hpp"
#include "lang/check/lookup.hpp"
#include "lang/compile/compiler.hpp"

namespace gol {

using vm::Opcode;

// Thrown inside the compiler for a construct it cannot compile yet; caught
// in compileProgram and reported as a positioned diagnostic.
struct CompileError {
  Pos pos;
  std::string message;
};

class FuncCompiler;

// Program-wide state: the function table, runtime types, globals, names.
class ProgramCompiler {
 public:
  ProgramCompiler(Program& program, Diagnostics& diags);
  std::unique_ptr<vm::Program> run();

  Program& src;
  Diagnostics& diags;
  std::unique_ptr<vm::Program> out;
  std::string currentFile;
  // The program imports reflect: method types are registered as well.
  bool reflectTypes = false;
  // What reflect needs besides call types: *T of every type registered
  // (for New, Addr, PointerTo), from the predeclared ones on.
  void registerTypeAssertionError();
  void registerReflectTypes();

  // Runtime type id of a checker type (registers it on first use).
  uint32_t tid(const Type* t);
  uint32_t nameId(const std::string& name);
  // Function index of a declared function/method symbol.
  uint32_t funcIndex(Symbol* fn);
  // Function index of a function literal.
  uint32_t literalIndex(FuncLit* lit);
  // A native function proto for an internal runtime helper ("runtime.bytesToString").
  uint32_t internalNative(const std::string& name, int nparams, int nresults);
  // Wrapper "bound method" proto for method values x.M: one capture (the
  // receiver), parameters = the method's parameters.
  uint32_t boundMethod(Symbol* method);
  // Wrapper for calling interface method `name` of interface type `iface`
  // as a plain function (receiver first): for defer/go of interface calls
  // and method values of interface values.
  uint32_t ifaceThunk(const Type* iface, int methodIndex);
  // The function of a method value x.M of an interface value (captured[0]).
  uint32_t boundIfaceMethod(const Type* iface, int methodIndex);
  // Wrapper that runs a builtin as a function (defer close(c), go println(...)).
  uint32_t builtinThunk(BuiltinId id, const std::vector<const Type*>& argTypes, Pos pos);
  // Function index of a method-set entry of concrete type t (value or
  // pointer): the method itself, or a generated wrapper that follows the
  // embedding path.
  int methodFunc(const Type* t, const MethodSetEntry& entry);
  // The same for method `name`, which the checker found in t's method set.
  int methodFunc(const Type* t, const std::string& name);
  // Identity of a method signature (a Func type without receiver) at run
  // time: interface satisfaction compares names and signature ids.
  uint32_t sigId(const Type* sig);

  int globalSlot(Symbol* var);
  vm::FuncProto* newProto(const std::string& name);

  std::unordered_map<Symbol*, uint32_t> funcIndices;
  std::unordered_map<FuncLit*, uint32_t> literalIndices;
  std::unordered_map<const Type*, uint32_t> tids;
  std::unordered_map<std::string, uint32_t> nameIds;
  std::unordered_map<std::string, uint32_t> internalNatives;
  std::unordered_map<Symbol*, uint32_t> boundMethods;
  std::unordered_map<std::string, uint32_t> thunks;
  std::unordered_map<std::string, int> methodFuncs;  // key: tid + "." + name
  std::unordered_map<const Type*, uint32_t> sigIds;
  MethodSets methodSets;
  std::unordered_map<Symbol*, int> globals;

 private:
  friend class IncrementalCompiler;  // the REPL's (incremental.cpp)
  void declareFunctions();
  void compileBodies();
  void buildEntry();
  void emitPackageInit(FuncCompiler& fc, Package* pkg);
  void fillMethods(uint32_t id, const Type* t);
};

// Code generation for one function body.
class FuncCompiler {
 public:
  FuncCompiler(ProgramCompiler& pc, vm::FuncProto* proto, FuncInfo* info);

  void compileFunction(FuncTypeExpr* sig, BlockStmt* body, Field* recv);
  void compileScript(Package* pkg);

  ProgramCompiler& pc;
  vm::FuncProto* fn;
  FuncInfo* info;

  // ---- emission
  int emit(Opcode op, int a = 0, int b = 0, int c = 0, int x = 0);
  int emitJump(Opcode op, int a = 0);  // returns the pc to patch
  void patchJumpHere(int at);
  void patchJumpTo(int at, int target);
  void emitJumpBack(int target);  // JMP to an earlier pc
  int here() const { return int(fn->code.size()); }
  void setLine(Pos p) {
    if (p.line) line_ = p.line;
  }
  uint16_t konst(const vm::Constant& c);
  void loadInt(int dst, int64_t v);
  void loadConst(int dst, const Type* t, const ConstValue& v);

  // ---- registers
  int alloc(int n = 1);
  // Sets the first free register. It may also grow the live range: after a
  // call, the results sit at base.. base+n, which the frame must include.
  void freeTo(int top) {
    top_ = top;
    if (top_ > fn->nregs) fn->nregs = uint16_t(top_);
  }
  int top() const { return top_; }

  // ---- variables
  enum class VarHome { Reg, Boxed, Upvalue, UpvalueAgg, Global, BoxedGlobal };
  struct VarLoc {
    VarHome home;
    int index;
  };
  VarLoc locate(Symbol* v);
  void declareLocal(Symbol* v, int valueReg);  // v's initial value in valueReg
  int declareLocalZero(Symbol* v);
  void loadVar(Symbol* v, int dst);
  void storeVar(Symbol* v, int src);
  void tellMemProfileRate(const Symbol* v, int src);
  bool isAggregate(const Type* t) const;
  bool isBoxedVar(Symbol* v) const;

  // ---- gc's order within a statement (compile_order.cpp)
  // Runs the calls (and what gc orders like calls: receives, && and ||,
  // ...) among roots first, into temporaries that expr() then reads, when
  // the statement reads an operand a call could change before that call.
  // inPlace (a call statement's call, a comma-ok receive) runs where it
  // stands; only its operands are ordered. targets: an assignment's left
  // side, whose stores are not reads. The temporaries stay allocated
  // until the statement's own registers are freed; clearHoisted() forgets
  // them.
  void hoistCalls(std::initializer_list<const ExprList*> lists, std::initializer_list<Expr*> exprs,
                  Expr* inPlace = nullptr, const ExprList* targets = nullptr);
  bool isHoisted(const Expr* e) const { return !hoisted_.empty() && hoisted_.count(e); }
  void clearHoisted() { hoisted_.clear(); }

  // ---- expressions
  void expr(Expr* e, int dst);
  int exprReg(Expr* e);  // a register holding e's value (maybe a variable's own)
  // e converted to `target` (interface boxing, aggregate copy) into dst.
  void exprAs(Expr* e, const Type* target, int dst);
  void convertInPlace(int reg, const Type* from, const Type* to);
  bool isFresh(Expr* e) const;
  void zeroValue(const Type* t, int dst);
  void binary(BinaryExpr* e, int dst);
  void compare(Op op, const Type* t, int dst, int x, int y);
  void unary(UnaryExpr* e, int dst);
  void call(CallExpr* e, int dst, int nres);  // results to dst.. (nres wanted)
  int callToBase(CallExpr* e);                // returns base holding results
  // orderEach: each argument is ordered on its own, as gc does for go and
  // defer (it copies the arguments one by one into temporaries).
  int pushArgs(CallExpr* e, const Type* sig, int base, int firstArg, bool orderEach = false);
  void keepConvertedPointersAlive(CallExpr* e);
  void builtinCall(CallExpr* e, int dst);
  void conversion(CallExpr* e, int dst);
  void unsafeConversion(CallExpr* e, int dst);
  void selector(SelectorExpr* e, int dst);
  void index(IndexExpr* e, int dst);
  void mapGet(const Type* mapType, int dst, int m, int k, bool commaOk);
  void sliceExpr(SliceExpr* e, int dst);
  void compositeLit(CompositeLit* e, const Type* t, int dst);
  void funcLit(FuncLit* e, int dst);
  void typeAssert(TypeAssertExpr* e, int dst, bool commaOk);
  // Loads the struct object reached by following a selector's embedding
  // path (all but the last step) into a register.
  int fieldBase(SelectorExpr* e);
  // Address of an addressable expression (&x): a pointer value in dst.
  void address(Expr* e, int dst);

  // ---- assignment
  struct LValue {
    enum Kind { Var, Field, SliceElem, ArrayElem, MapElem, Deref, Blank } kind = Blank;
    Symbol* var = nullptr;
    int obj = -1, key = -1;
    int fieldIndex = 0;
    const Type* type = nullptr;
    const Type* containerType = nullptr;
    // obj holds a reference (pointer, slice, map) rather than the variable
    // itself: a tuple assignment must read it before any variable changes.
    bool objIsRef = false;
  };
  // ---- complex numbers (compile_complex.cpp): calls of runtime natives
  void callComplexNative(const char* name, int dst, std::initializer_list<int> args);
  void loadComplexConst(int dst, const Type* t, const ConstValue& v);
  void complexArith(Op op, const Type* t, int dst, int x, int y);  // + - * /
  void complexCompare(Op op, int dst, int x, int y);               // == !=

  LValue lvalue(Expr* e);
  // Panics with Go's nil dereference when R[reg] (a pointer, or an
  // interface when `iface`) is nil: binding a method value does.
  void panicIfNil(int reg, bool iface);
  // Phase one of a tuple assignment: copies the operands of lv that live in
  // variables' registers (below `firstTemp`) so later stores cannot change them.
  void pinOperands(LValue& lv, int firstTemp);
  void store(const LValue& lv, int src);  // src already converted; aggregates copied
  void load(const LValue& lv, int dst);
  void assign(AssignStmt* s);
  void defineVars(const std::vector<Ident*>& names, const ExprList& values, const Type* declType);

  // ---- statements
  void block(const StmtList& stmts);
  void stmt(Stmt* s);
  void ifStmt(IfStmt* s);
  void forStmt(ForStmt* s);
  void rangeStmt(RangeStmt* s);
  void switchStmt(SwitchStmt* s);
  void typeSwitchStmt(TypeSwitchStmt* s);
  void selectStmt(SelectStmt* s);
  void returnStmt(ReturnStmt* s);
  void branchStmt(BranchStmt* s);
  void goDefer(CallExpr* call, bool isGo, Expr* deferFrame = nullptr);
  void incDec(IncDecStmt* s);
  void send(SendStmt* s);

  struct Loop {
    Stmt* stmt;
    std::vector<int> breaks;
    std::vector<int> continues;
    int continueTarget = -1;  // known target, or -1: patch continues later
  };
  std::vector<Loop> loops_;

  // goto (compile_goto.cpp): where each label's statement starts, and the
  // forward gotos waiting for a label not compiled yet.
  void labeledStmt(LabeledStmt* s);
  void gotoStmt(BranchStmt* s);
  std::unordered_map<Stmt*, int> labelPcs_;
  std::unordered_map<Stmt*, std::vector<int>> pendingGotos_;

 private:
  int top_ = 0;
  uint32_t line_ = 0;
  std::unordered_map<Symbol*, int> regs_;         // local variable -> register
  std::unordered_map<const Expr*, int> hoisted_;  // a call run ahead (hoistCalls) -> its result
  std::unordered_map<Symbol*, int> upvalues_;     // captured variable -> index
  // Named results that live in boxes because another result is captured
  // (RET with x=1 reads every result register through its box).
  std::vector<Symbol*> boxedResults_;
  std::vector<int> pendingFallthrough_;
  int resultReg_ = 0;
  bool resultsBoxed_ = false;
  std::vector<const Type*> resultTypes_;
  std::vector<Symbol*> namedResults_;
  Loop* findLoop(Stmt* target);
};

// CALLV's and CALLI's count of argument registers for the liveness
// analysis (opcodes.hpp): the count + 1, or 0 (not known) when it does not
// fit CALLI's 8 bits.
inline int argCountHint(size_t nargs) {
  return nargs < 255 ? int(nargs) + 1 : 0;
}

// Builds an instruction; a function index (CALL, CLOSURE) above 16 bits
// spills into x.
inline vm::Instr makeInstr(Opcode op, int a, int b, int c, int x = 0) {
  if ((op == Opcode::CALL || op == Opcode::CLOSURE) && b > 0xFFFF) {
    x = b >> 16;
    b &= 0xFFFF;
  }
  return vm::Instr{op, uint8_t(x), uint16_t(a), uint16_t(b), uint16_t(c)};
}

// Helpers shared by the compiler files.
const Type* under(const Type* t);
vm::ElemKind elemKindOf(const Type* t);
[[noreturn]] void unsupported(Pos pos, const std::string& what);
// The registry name of a native function or method ("strings.Index", "time.(*Timer).Stop").
std::string nativeNameOf(Package* pkg, FuncDecl* d, Symbol* sym);

}  // namespace gol
