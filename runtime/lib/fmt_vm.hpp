// fmt's formatting engine bound to the running VM: the FmtEnv that fmt's
// natives use, shared with the other packages that print values as fmt does
// (text/template).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/lib/fmt_format.hpp"
#include "runtime/lib/reflect_value.hpp"
#include "vm/map.hpp"
#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

class VmFmtEnv final : public FmtEnv {
 public:
  explicit VmFmtEnv(vm::NativeCtx& ctx) : ctx_(ctx) {}
  const vm::RtType& type(uint32_t tid) const override { return ctx_.type(tid); }
  const std::string& name(uint32_t nameId) const override { return ctx_.name(nameId); }
  bool callStringMethod(const vm::Value& v, std::string_view method, std::string& out) override {
    vm::Value r;
    size_t panicsBefore = ctx_.g->panics.size();
    recovered_ = false;
    if (!ctx_.callMethod(v, method, &r)) {
      // A panic the method raised (and nothing in it recovered) is fmt's to
      // recover: it is dropped and printed in the output instead.
      if (ctx_.g->panics.size() > panicsBefore && !ctx_.g->hasPendingPanic) {
        vm::Value pv = ctx_.g->panics.back().value;
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
  int reflectValue(const vm::Value& arg, vm::Value* held) override {
    return reflectValueOperand(ctx_, arg, held);
  }
  void mapEntries(const vm::Value& m, std::vector<std::pair<vm::Value, vm::Value>>& out) override {
    auto* map = static_cast<vm::MapObj*>(m.o);
    for (int64_t i = map->nextFrom(0); i >= 0; i = map->nextFrom(i + 1)) {
      vm::MapEntry& e = map->entryAt(i);
      out.emplace_back(e.key, e.val);
    }
  }

 private:
  vm::NativeCtx& ctx_;
  bool recovered_ = false;
  std::string panicText_;
};

}  // namespace gol::lib
