// runtime.Caller: the file and line of a frame of the calling goroutine,
// for log's Lshortfile/Llongfile. Natives run without a frame of their
// own, so skip 0 is the top frame: the function that called Caller, as in
// Go.
#include <unistd.h>

#include "runtime/lib/native_util.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// The line of the instruction before pc: the call a caller frame is in.
uint32_t frameLine(const vm::Frame& f) {
  const vm::FuncProto* p = f.fn;
  if (p->code.empty() || p->lines.empty()) return p->line;
  const vm::Instr* start = p->code.data();
  const vm::Instr* cur = f.pc - 1;
  if (cur < start || cur >= start + p->code.size()) return p->lines.back();
  size_t idx = size_t(cur - start);
  return idx < p->lines.size() ? p->lines[idx] : p->line;
}

// Go reports the absolute path the file was compiled from; gol knows the
// name it was given, made absolute against the working directory.
std::string absolutePath(const std::string& file) {
  if (file.empty() || file[0] == '/') return file;
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return file;
  std::string dir = buf;
  std::string rest = file;
  while (rest.rfind("./", 0) == 0) rest = rest.substr(2);
  return dir == "/" ? "/" + rest : dir + "/" + rest;
}

// Caller(skip int) (pc uintptr, file string, line int, ok bool)
NativeStatus caller(NativeCtx& ctx, Value* regs) {
  int64_t skip = regs[0].i;
  const auto& frames = ctx.g->frames;
  if (skip < 0 || size_t(skip) >= frames.size()) {
    regs[0] = Value::ofInt(0);
    regs[1] = ctx.newString("");
    regs[2] = Value::ofInt(0);
    regs[3] = Value::ofBool(false);
    return NativeStatus::Ok;
  }
  const vm::Frame& f = frames[frames.size() - 1 - size_t(skip)];
  uint32_t line = frameLine(f);
  // A stable, non-zero pc: the frame's function and instruction index.
  uint64_t pc = (uint64_t(reinterpret_cast<uintptr_t>(f.fn)) & 0xffffffffffffULL) ^
                uint64_t(f.pc - f.fn->code.data());
  regs[1] = ctx.newString(absolutePath(f.fn->file));
  regs[0] = Value::ofInt(int64_t(pc));
  regs[2] = Value::ofInt(int64_t(line));
  regs[3] = Value::ofBool(true);
  return NativeStatus::Ok;
}

// callerFunc(skip int) string: the Go name of that frame's function
// ("main.main"), for slog's Source.Function.
NativeStatus callerFunc(NativeCtx& ctx, Value* regs) {
  int64_t skip = regs[0].i;
  const auto& frames = ctx.g->frames;
  if (skip < 0 || size_t(skip) >= frames.size()) {
    regs[0] = ctx.newString("");
    return NativeStatus::Ok;
  }
  regs[0] = ctx.newString(frames[frames.size() - 1 - size_t(skip)].fn->name);
  return NativeStatus::Ok;
}

}  // namespace

void registerRuntimeCallerNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.Caller", caller},
      {"log/slog.callerFunc", callerFunc},
      {"testing.callerFunc", callerFunc},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
