// Hand-assembling small vm::Programs for the engine's unit tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bytecode/fixed_types.hpp"
#include "bytecode/program.hpp"
#include "runtime/sched.hpp"
#include "vm/vm.hpp"

namespace gol::vmtest {

using vm::Instr;
using vm::Opcode;

inline Instr ins(Opcode op, int a = 0, int b = 0, int c = 0, int x = 0) {
  return Instr{op, uint8_t(x), uint16_t(a), uint16_t(b), uint16_t(c)};
}
// A jump with a signed 32-bit offset in b:c.
inline Instr jmp(Opcode op, int a, int32_t off) {
  uint32_t u = uint32_t(off);
  return Instr{op, 0, uint16_t(a), uint16_t(u >> 16), uint16_t(u & 0xFFFF)};
}

struct ProgramBuilder {
  std::unique_ptr<vm::Program> p = std::make_unique<vm::Program>();

  ProgramBuilder() {
    vm::appendFixedTypes(p->types);
    p->names.push_back("Error");
    p->signatures.push_back("func() string");
    vm::RtMethod m;
    m.nameId = 0;
    m.sigId = 0;
    m.funcIndex = func("runtime.Error.Error", 1, 1, 1, {});
    p->funcs[m.funcIndex]->isNative = true;
    p->funcs[m.funcIndex]->nativeName = "runtime.Error.Error";
    p->types[vm::kTidRuntimeError].methods.push_back(m);
    p->types[vm::kTidError].methods.push_back(m);
  }

  uint32_t type(vm::RtType t) {
    t.underlying = uint32_t(p->types.size());
    p->types.push_back(t);
    return t.underlying;
  }
  uint32_t mapType(uint32_t key, uint32_t val) {
    vm::RtType t;
    t.kind = vm::RtKind::Map;
    t.key = key;
    t.elem = val;
    t.hasRef = true;
    t.comparable = false;
    t.name = "map[" + p->types[key].name + "]" + p->types[val].name;
    return type(t);
  }
  uint32_t chanType(uint32_t elem) {
    vm::RtType t;
    t.kind = vm::RtKind::Chan;
    t.elem = elem;
    t.hasRef = true;
    t.name = "chan " + p->types[elem].name;
    return type(t);
  }

  uint32_t func(const std::string& name, int nparams, int nresults, int nregs,
                std::vector<Instr> code, std::vector<vm::Constant> k = {}) {
    auto f = std::make_unique<vm::FuncProto>();
    f->name = name;
    f->file = "test.gol";
    f->nparams = uint16_t(nparams);
    f->nresults = uint16_t(nresults);
    f->nregs = uint16_t(nregs);
    f->lines.assign(code.size(), 1);
    for (size_t i = 0; i < code.size(); ++i) f->lines[i] = uint32_t(i + 1);
    f->code = std::move(code);
    f->constants = std::move(k);
    p->funcs.push_back(std::move(f));
    return uint32_t(p->funcs.size() - 1);
  }
  // Reserves a function slot (for recursion) and fills it later.
  uint32_t reserve() { return func("", 0, 0, 1, {}); }
  void define(uint32_t idx, const std::string& name, int nparams, int nresults, int nregs,
              std::vector<Instr> code, std::vector<vm::Constant> k = {}) {
    uint32_t tmp = func(name, nparams, nresults, nregs, std::move(code), std::move(k));
    p->funcs[idx] = std::move(p->funcs[tmp]);
    p->funcs.pop_back();
  }
  uint32_t native(const std::string& name, int nparams, int nresults) {
    uint32_t f = func(name, nparams, nresults, std::max(nparams, nresults), {});
    p->funcs[f]->isNative = true;
    p->funcs[f]->nativeName = name;
    return f;
  }
};

inline vm::Constant kstr(const std::string& s) {
  vm::Constant c;
  c.kind = vm::Constant::Kind::String;
  c.s = s;
  return c;
}

// Runs a program to completion; globals survive in `machine`.
struct Run {
  vm::Vm machine;
  runtime::RunOptions options;
  int code = -1;
  Run(vm::Program& p, uint64_t seed = 1, bool virtualTime = true) : machine(p, nullptr) {
    options.seed = seed;
    options.virtualTime = virtualTime;
    runtime::registerRuntimeNatives();
    std::string err;
    if (!machine.load(&err)) {
      code = -2;
      return;
    }
    runtime::Scheduler sched(machine, options);
    code = sched.run();
  }
  vm::Value global(size_t i) { return machine.globals()[i]; }
};

}  // namespace gol::vmtest
