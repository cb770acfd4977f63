// Natives of os/signal (over the runtime's SigQueue) and the syscall
// natives that signals and processes need.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "runtime/lib/native_util.hpp"
#include "runtime/sched.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

runtime::SigQueue& sigq(NativeCtx& ctx) {
  return runtime::schedulerOf(ctx).sigqueue();
}

// func enableSignal(sig int) bool
NativeStatus enableSignal(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofBool(sigq(ctx).enable(int(r[0].i)));
  return NativeStatus::Ok;
}

// func disableSignal(sig int)
NativeStatus disableSignal(NativeCtx& ctx, Value* r) {
  sigq(ctx).disable(int(r[0].i));
  return NativeStatus::Ok;
}

// func ignoreSignal(sig int)
NativeStatus ignoreSignal(NativeCtx& ctx, Value* r) {
  sigq(ctx).ignore(int(r[0].i));
  return NativeStatus::Ok;
}

// func signalIgnored(sig int) bool
NativeStatus signalIgnored(NativeCtx& ctx, Value* r) {
  r[0] = Value::ofBool(sigq(ctx).ignored(int(r[0].i)));
  return NativeStatus::Ok;
}

// func signalRecv() int: the next signal; parks until one comes.
NativeStatus signalRecv(NativeCtx& ctx, Value* r) {
  return sigq(ctx).recv(ctx.g, &r[0]) ? NativeStatus::Ok : NativeStatus::Block;
}

// func kill(pid int, sig int) (errno int)
NativeStatus killNative(NativeCtx&, Value* r) {
  int e = ::kill(pid_t(r[0].i), int(r[1].i)) < 0 ? errno : 0;
  r[0] = Value::ofInt(e);
  return NativeStatus::Ok;
}

// func getpid() int
NativeStatus getpidNative(NativeCtx&, Value* r) {
  r[0] = Value::ofInt(::getpid());
  return NativeStatus::Ok;
}

std::vector<std::string> strings(const Value& v) {
  std::vector<std::string> out;
  auto* s = static_cast<vm::SliceObj*>(v.o);
  if (!s) return out;
  for (uint32_t i = 0; i < s->len; ++i)
    out.emplace_back(vm::strView(s->array->values()[s->off + i]));
  return out;
}

// func execve(argv0 string, argv, envv []string) (errno int). The new
// program gets what was printed so far and the signal mask this one
// started with (the runtime blocks the signals it reads via signalfd).
NativeStatus execveNative(NativeCtx& ctx, Value* r) {
  std::string path(vm::strView(r[0]));
  std::vector<std::string> argv = strings(r[1]), envv = strings(r[2]);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : envv) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  ctx.vm.flushStdout();
  sigset_t now;
  pthread_sigmask(SIG_SETMASK, &sigq(ctx).originalMask(), &now);
  ::execve(path.c_str(), cargv.data(), cenv.data());
  int e = errno;
  pthread_sigmask(SIG_SETMASK, &now, nullptr);
  r[0] = Value::ofInt(e);
  return NativeStatus::Ok;
}

}  // namespace

void registerOsSignalNatives() {
  static const vm::NativeEntry entries[] = {
      {"os/signal.enableSignal", enableSignal}, {"os/signal.disableSignal", disableSignal},
      {"os/signal.ignoreSignal", ignoreSignal}, {"os/signal.signalIgnored", signalIgnored},
      {"os/signal.signalRecv", signalRecv},     {"syscall.kill", killNative},
      {"syscall.getpid", getpidNative},         {"syscall.execve", execveNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
