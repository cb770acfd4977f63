// Natives of package fmt: the Print family over the formatting engine.
#include <string>

#include "runtime/lib/fmt_format.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/reflect_value.hpp"
#include "vm/map.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

class VmFmtEnv final : public FmtEnv {
 public:
  explicit VmFmtEnv(NativeCtx& ctx) : ctx_(ctx) {}
  const vm::RtType& type(uint32_t tid) const override { return ctx_.type(tid); }
  const std::string& name(uint32_t nameId) const override { return ctx_.name(nameId); }
  bool callStringMethod(const Value& v, std::string_view method, std::string& out) override {
    Value r;
    size_t panicsBefore = ctx_.g->panics.size();
    recovered_ = false;
    if (!ctx_.callMethod(v, method, &r)) {
      // A panic the method raised (and nothing in it recovered) is fmt's to
      // recover: it is dropped and printed in the output instead.
      if (ctx_.g->panics.size() > panicsBefore && !ctx_.g->hasPendingPanic) {
        Value pv = ctx_.g->panics.back().value;
        ctx_.g->pins.push_back(pv);
        ctx_.g->panics.resize(panicsBefore);
        panicText_ = ctx_.vm.panicValueText(ctx_.g, pv);
        recovered_ = true;
      }
      return false;
    }
    out = std::string(vm::strView(r));
    return true;
  }
  bool recoveredPanic(std::string& text) override {
    if (!recovered_) return false;
    text = panicText_;
    recovered_ = false;
    return true;
  }
  bool stringMethodSignature(uint32_t sigId) const override {
    return ctx_.program().signatures[sigId] == "func() string";
  }
  bool pointerReceiver(uint32_t tid, std::string_view method) const override {
    const vm::Program& prog = ctx_.program();
    for (const vm::RtMethod& m : ctx_.type(tid).methods) {
      if (ctx_.name(m.nameId) != method) continue;
      const std::string& fn = prog.funcs[m.funcIndex]->name;
      return fn.find(".(*") != std::string::npos;
    }
    return false;
  }
  int reflectValue(const Value& arg, Value* held) override {
    return reflectValueOperand(ctx_, arg, held);
  }
  void mapEntries(const Value& m, std::vector<std::pair<Value, Value>>& out) override {
    auto* map = static_cast<vm::MapObj*>(m.o);
    for (int64_t i = map->nextFrom(0); i >= 0; i = map->nextFrom(i + 1)) {
      vm::MapEntry& e = map->entryAt(i);
      out.emplace_back(e.key, e.val);
    }
  }

 private:
  NativeCtx& ctx_;
  bool recovered_ = false;
  std::string panicText_;
};

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
