// A compiled program: what the compiler (lang/) produces and the VM runs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bytecode/opcodes.hpp"
#include "bytecode/rttype.hpp"
#include "bytecode/stack_maps.hpp"
#include "bytecode/value.hpp"

namespace gol::vm {

struct NativeCtx;
enum class NativeStatus : uint8_t;
// A native function: arguments are in regs[0..nparams), results are written
// to regs[0..nresults). See native.hpp.
using NativeFn = NativeStatus (*)(NativeCtx& ctx, Value* regs);

// A constant of a function's pool, materialised into Values when loaded.
struct Constant {
  enum class Kind : uint8_t { Int, Float, String } kind = Kind::Int;
  int64_t i = 0;
  double f = 0;
  std::string s;
};

struct FuncProto {
  std::string name;      // Go's name for traces: "main.main", "main.(*T).M", "main.main.func1"
  std::string file;      // source file name, for traces
  uint32_t line = 0;     // line of the declaration
  uint16_t nparams = 0;  // registers holding parameters (receiver included)
  uint16_t nresults = 0;
  uint16_t nregs = 0;  // frame size (>= nparams, >= nresults)
  std::vector<Instr> code;
  std::vector<uint32_t> lines;  // source line of each instruction
  std::vector<Constant> constants;
  std::vector<Value> k;  // constants materialised by the VM at load
  // The function's one closure without captured variables, made by the VM
  // on first use: a func literal that captures nothing (or a top-level
  // function as a value) allocates once, as Go's static closures do.
  Value closure0;
  // Where the results live during the call (named results, or the values of
  // the last `return`): when a panic is recovered, the frame returns as if
  // by `RET resultReg nresults x=resultsBoxed`.
  uint16_t resultReg = 0;
  bool resultsBoxed = false;
  // A generated function that only hands its arguments on (a method value's
  // or a promoted method's wrapper, reflect's MakeFunc trampoline): like
  // Go's wrapper frames it is transparent to recover(), so the function it
  // calls recovers as if the deferred call had been that function itself.
  bool wrapper = false;
  // Live registers where a frame of this function can be suspended
  // (stack_maps.hpp); empty: the collector scans every register. Made on
  // demand (bytecode/liveness.hpp) for the functions the compiler marks
  // pending; functions made later (the REPL's, reflect's trampolines) are
  // scanned whole.
  StackMaps stackMaps;
  bool stackMapsPending = false;

  // Natives: declared without a body in a standard package.
  bool isNative = false;
  std::string nativeName;     // "strings.Index", "fmt.Sprintf", "time.(*Timer).Stop"
  NativeFn native = nullptr;  // bound by the VM at load (unknown name: load error)
};

struct Program {
  std::vector<std::unique_ptr<FuncProto>> funcs;
  std::vector<RtType> types;       // indexed by tid; [0, kFirstDynamicTid) fixed
  std::vector<std::string> names;  // interned method and field names
  // Interned method signatures ("func(int) string"), indexed by
  // RtMethod::sigId; two ids are equal exactly when the types are identical.
  std::vector<std::string> signatures;
  uint32_t numGlobals = 0;
  // Whether func types carry their parameter and result types and methods
  // their func type (RtType::params, RtMethod::typeTid): set when the
  // program imports a package that calls functions and methods found at
  // run time (text/template), so that other programs register no more
  // types than they use.
  bool callTypes = false;
  // The entry function: initialises globals in order, runs init functions,
  // then calls main.main. Returns when main.main returns.
  uint32_t entry = 0;
  std::string mainFile;
  // *runtime.TypeAssertionError, when the program loads package runtime
  // (and so can name the type): failed type assertions panic with one.
  // 0: they panic with a kTidRuntimeError text like other run-time errors.
  uint32_t typeAssertionErrorTid = 0;
};

}  // namespace gol::vm
