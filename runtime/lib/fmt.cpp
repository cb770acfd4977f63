// Natives of package fmt: the Print family over the formatting engine.
#include <string>

#include "runtime/lib/fmt_format.hpp"
#include "runtime/lib/fmt_vm.hpp"
#include "runtime/lib/native_util.hpp"
#include "vm/map.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

enum class Kind { Print, Println, Printf };

// Formats the operands in regs (format first for Printf) into out.
bool format(NativeCtx& ctx, Value* regs, Kind kind, std::string& out) {
  VmFmtEnv env(ctx);
  size_t n;
  switch (kind) {
    case Kind::Print: {
      const Value* a = anyElems(regs[0], &n);
      return formatPrint(env, out, a, n);
    }
    case Kind::Println: {
      const Value* a = anyElems(regs[0], &n);
      return formatPrintln(env, out, a, n);
    }
    case Kind::Printf: {
      const Value* a = anyElems(regs[1], &n);
      return formatPrintf(env, out, vm::strView(regs[0]), a, n);
    }
  }
  return true;
}

template <Kind K>
NativeStatus sprintNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  if (!format(ctx, regs, K, out)) return NativeStatus::Panic;
  regs[0] = ctx.newString(out);
  return NativeStatus::Ok;
}

template <Kind K>
NativeStatus printNative(NativeCtx& ctx, Value* regs) {
  std::string out;
  if (!format(ctx, regs, K, out)) return NativeStatus::Panic;
  ctx.writeStdout(out);
  regs[0] = Value::ofInt(int64_t(out.size()));
  regs[1] = Value();
  return NativeStatus::Ok;
}

// errorf(format string, a []any, wrapped []bool) (string, int, int):
// Sprintf where %w wraps. It returns how many %w verbs had an operand and
// the operand index of the first; wrapped[i] (len(a) long) is set for every
// operand named by a %w. That is all Errorf needs: with two or more, Go
// keeps the error operands in ascending order without repeats.
NativeStatus errorfNative(NativeCtx& ctx, Value* regs) {
  VmFmtEnv env(ctx);
  size_t n;
  const Value* a = anyElems(regs[1], &n);
  std::string out;
  std::vector<int> wrapped;
  if (!formatPrintf(env, out, vm::strView(regs[0]), a, n, &wrapped)) return NativeStatus::Panic;
  if (auto* marks = static_cast<vm::SliceObj*>(regs[2].o)) {
    for (int i : wrapped)
      if (uint32_t(i) < marks->len) marks->array->set(marks->off + uint32_t(i), boolValue(true));
  }
  regs[0] = ctx.newString(out);
  regs[1] = Value::ofInt(int64_t(wrapped.size()));
  regs[2] = Value::ofInt(wrapped.empty() ? -1 : wrapped.front());
  return NativeStatus::Ok;
}

}  // namespace

void registerFmtNatives() {
  static const vm::NativeEntry entries[] = {
      {"fmt.Sprint", sprintNative<Kind::Print>},
      {"fmt.Sprintln", sprintNative<Kind::Println>},
      {"fmt.Sprintf", sprintNative<Kind::Printf>},
      {"fmt.Print", printNative<Kind::Print>},
      {"fmt.Println", printNative<Kind::Println>},
      {"fmt.Printf", printNative<Kind::Printf>},
      {"fmt.errorf", errorfNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
