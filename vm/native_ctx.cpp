// NativeCtx: what native functions may ask of the VM.
#include <cstdio>

#include "vm/native.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

const Program& NativeCtx::program() const {
  return vm.program();
}
const RtType& NativeCtx::type(uint32_t tid) const {
  return vm.program().types[tid];
}
const std::string& NativeCtx::name(uint32_t nameId) const {
  return vm.program().names[nameId];
}

Value NativeCtx::newString(std::string_view s) {
  if (s.empty()) return Value();
  Value v = Value::ofRef(vm.heap().newString(s), kTidString);
  g->pins.push_back(v);
  return v;
}

Value NativeCtx::newSlice(uint32_t sliceTid, uint32_t len) {
  Value v = vm.makeSlice(sliceTid, len, len);
  g->pins.push_back(v);
  return v;
}

Value NativeCtx::newSlice(uint32_t sliceTid, uint32_t len, uint32_t cap) {
  Value v = vm.makeSlice(sliceTid, len, cap);
  g->pins.push_back(v);
  return v;
}

Value NativeCtx::newByteSlice(std::string_view bytes) {
  const auto& ts = vm.program().types;
  uint32_t tid = 0;
  for (uint32_t k = kFirstDynamicTid; k < ts.size(); ++k)
    if (ts[k].kind == RtKind::Slice && ts[k].elem == kTidUint8 && !ts[k].named) {
      tid = k;
      break;
    }
  ArrayObj* a = vm.heap().newArray(uint32_t(bytes.size()), ElemKind::U8, 0, kTidUint8);
  if (!bytes.empty()) std::memcpy(a->bytes(), bytes.data(), bytes.size());
  vm.heap().pause();
  SliceObj* s = vm.heap().newSlice(a, 0, uint32_t(bytes.size()), uint32_t(bytes.size()));
  vm.heap().resume();
  Value v = Value::ofRef(s, tid ? tid : kTidRef);
  v.tid = kTidRef;
  g->pins.push_back(v);
  return v;
}

Value NativeCtx::zeroValue(uint32_t tid) {
  Value v = vm.zeroValue(tid);
  if (v.o) g->pins.push_back(v);
  return v;
}

NativeStatus NativeCtx::panicError(std::string message) {
  vm.runtimeError(g, message);
  return NativeStatus::Panic;
}

NativeStatus NativeCtx::panicValue(Value v) {
  g->pendingPanic = v;
  g->hasPendingPanic = true;
  return NativeStatus::Panic;
}

NativeStatus NativeCtx::goexit() {
  g->pendingPanic = Value();
  g->pendingGoexit = true;
  g->hasPendingPanic = true;
  return NativeStatus::Panic;
}

bool NativeCtx::call(Value funcValue, const Value* args, uint32_t nargs, Value* results,
                     uint32_t nresults) {
  g->pins.push_back(funcValue);
  return vm.callValue(g, funcValue, args, nargs, results, nresults);
}

bool NativeCtx::findMethod(const Value& v, std::string_view name) const {
  if (v.tid == 0) return false;
  uint32_t id = vm.nameIdOf(name);
  return id != UINT32_MAX && vm.findMethod(v.tid, id) != nullptr;
}

bool NativeCtx::callMethod(const Value& v, std::string_view name, Value* result) {
  if (v.tid == 0) return false;
  uint32_t id = vm.nameIdOf(name);
  if (id == UINT32_MAX) return false;
  FuncProto* m = vm.findMethod(v.tid, id);
  if (!m) return false;
  ClosureObj* c = vm.heap().newClosure(m, 0);
  Value fn = Value::ofRef(c);
  g->pins.push_back(fn);
  Value recv = v;
  if (vm.program().types[v.tid].aggregate) {
    recv = vm.deepCopy(v);
    recv.tid = v.tid;
    g->pins.push_back(recv);
  }
  Value res[2];
  uint32_t nres = m->nresults < 2 ? m->nresults : 2;
  if (!vm.callValue(g, fn, &recv, 1, res, nres)) return false;
  if (result) *result = nres ? res[0] : Value();
  return true;
}

void NativeCtx::writeStdout(std::string_view s) {
  vm.writeStdout(s);
}

void NativeCtx::writeStderr(std::string_view s) {
  vm.flushStdout();
  std::fwrite(s.data(), 1, s.size(), stderr);
  std::fflush(stderr);
}

void NativeCtx::flushStdout() {
  vm.flushStdout();
}

const std::vector<std::string>& NativeCtx::args() const {
  return vm.args;
}

void NativeCtx::exit(int code) {
  vm.flushStdout();
  throw ExitRequest{code};
}

}  // namespace gol::vm
