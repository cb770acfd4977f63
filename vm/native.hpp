// The interface between the VM and native functions (the standard packages'
// functions declared without a body, implemented in C++ in runtime/lib/).
//
// A native receives its arguments in regs[0..nparams) (a receiver first;
// variadic arguments packed into one slice) and writes its results to
// regs[0..nresults). It returns Ok, or Panic after ctx.panic*(), or Block
// after arranging (through the runtime) to be woken up; when a blocked
// goroutine resumes, execution continues after the call with the results
// the waker stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bytecode/program.hpp"
#include "bytecode/value.hpp"
#include "vm/object.hpp"

namespace gol::vm {

enum class NativeStatus : uint8_t { Ok, Panic, Block };

class Vm;
struct Goroutine;

// What a native may do. Implemented by the VM (vm/native_ctx.cpp).
struct NativeCtx {
  Vm& vm;
  Goroutine* g;  // the calling goroutine

  const Program& program() const;
  const RtType& type(uint32_t tid) const;
  const std::string& name(uint32_t nameId) const;

  // Allocation (may trigger a collection: keep live values in regs or in
  // Values returned by these calls before allocating again).
  Value newString(std::string_view s);
  // A new slice of the slice type `sliceTid` with len and cap `len`, zeroed.
  Value newSlice(uint32_t sliceTid, uint32_t len);
  // The same with capacity cap >= len.
  Value newSlice(uint32_t sliceTid, uint32_t len, uint32_t cap);
  // A []byte holding a copy of `bytes` (tid of []byte is looked up once).
  Value newByteSlice(std::string_view bytes);
  // A new zero value of any type (aggregates are allocated).
  Value zeroValue(uint32_t tid);

  // Panics. panicError makes a runtime error ("runtime error: " is NOT
  // added: pass the full text) that satisfies `error`; panicValue panics
  // with an arbitrary interface value. Both return NativeStatus::Panic for
  // `return ctx.panicError(...)`.
  NativeStatus panicError(std::string message);
  NativeStatus panicValue(Value ifaceValue);
  // runtime.Goexit: unwinds like a panic that recover does not see; the
  // goroutine then ends quietly (Vm::endedByGoexit).
  NativeStatus goexit();

  // Calls a gol function value (closure) synchronously from native code, on
  // the calling goroutine, and waits for it to return (a nested run of the
  // interpreter loop). Results are stored into results[0..nresults). Returns
  // false if the callee panicked (the panic is then pending and the native
  // must return NativeStatus::Panic) or tried to block (a fatal error).
  bool call(Value funcValue, const Value* args, uint32_t nargs, Value* results, uint32_t nresults);
  // Looks up method `name` in the method set of the dynamic type of the
  // interface value `v`; returns false if it has none. On success, calls it
  // with v's payload as the receiver (no further arguments) and stores its
  // first result into *result.
  bool findMethod(const Value& v, std::string_view name) const;
  bool callMethod(const Value& v, std::string_view name, Value* result);

  // Output: buffered stdout (flushed by the VM at exit, on panic and before
  // os.Exit) and unbuffered stderr.
  void writeStdout(std::string_view s);
  void writeStderr(std::string_view s);
  // Writes out buffered stdout now (before a read from stdin: a prompt must
  // be visible before the program waits for its answer).
  void flushStdout();

  // Program arguments (os.Args: [program, args...]).
  const std::vector<std::string>& args() const;
  // Ends the process after flushing output (os.Exit).
  [[noreturn]] void exit(int code);
};

// The registry of native functions: "strings.Index" -> function. Each
// standard package registers its natives from runtime/lib/.
struct NativeEntry {
  const char* name;
  NativeFn fn;
};
void registerNatives(const NativeEntry* entries, size_t count);
NativeFn findNative(std::string_view name);

}  // namespace gol::vm
