// runtime.Caller: the file and line of a frame of the calling goroutine,
// for log's Lshortfile/Llongfile. Natives run without a frame of their
// own, so skip 0 is the top frame: the function that called Caller, as in
// Go.
#include <unistd.h>

#include "runtime/lib/func_pc.hpp"
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

uint64_t framePc(const NativeCtx& ctx, const vm::Frame& f) {
  return funcEntryPc(ctx.program(), f.fn) | uint64_t(f.pc - f.fn->code.data());
}

constexpr const char* kGoexitFile = "runtime/asm_amd64.s";
constexpr int64_t kGoexitLine = 1594;  // Go 1.19's

uint64_t goexitPc(const NativeCtx& ctx) {
  return lib::goexitPc(ctx.program());
}

// The function a pc names (null: none; *isGoexit: the pseudo-function).
const vm::FuncProto* funcOfPc(const NativeCtx& ctx, uint64_t pc, bool* isGoexit) {
  uint64_t fi = pc >> kPcFuncShift;
  const auto& funcs = ctx.program().funcs;
  *isGoexit = fi == funcs.size() + 1;
  if (fi == 0 || fi > funcs.size()) return nullptr;
  // Past the function's last instruction (and its return address) is no
  // longer the function, as past a Go function's code.
  const vm::FuncProto* fn = funcs[fi - 1].get();
  if ((pc & ((uint64_t(1) << kPcFuncShift) - 1)) > fn->code.size()) return nullptr;
  return fn;
}

// Caller(skip int) (pc uintptr, file string, line int, ok bool)
NativeStatus caller(NativeCtx& ctx, Value* regs) {
  int64_t skip = regs[0].i;
  const auto& frames = ctx.g->frames;
  if (skip >= 0 && size_t(skip) == frames.size()) {  // Go's runtime.goexit
    regs[0] = Value::ofInt(int64_t(goexitPc(ctx)));
    regs[1] = ctx.newString(kGoexitFile);
    regs[2] = Value::ofInt(kGoexitLine);
    regs[3] = Value::ofBool(true);
    return NativeStatus::Ok;
  }
  if (skip < 0 || size_t(skip) >= frames.size()) {
    regs[0] = Value::ofInt(0);
    regs[1] = ctx.newString("");
    regs[2] = Value::ofInt(0);
    regs[3] = Value::ofBool(false);
    return NativeStatus::Ok;
  }
  const vm::Frame& f = frames[frames.size() - 1 - size_t(skip)];
  uint32_t line = frameLine(f);
  uint64_t pc = framePc(ctx, f);
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

// callerPC(skip int) (pc uintptr, ok bool): the pc of frame skip (0: the
// top frame, the gol function that called this native), then Go's
// runtime.goexit below the bottom frame.
NativeStatus callerPC(NativeCtx& ctx, Value* regs) {
  int64_t skip = regs[0].i;
  const auto& frames = ctx.g->frames;
  regs[1] = Value::ofBool(true);
  if (skip >= 0 && size_t(skip) < frames.size()) {
    regs[0] = Value::ofInt(int64_t(framePc(ctx, frames[frames.size() - 1 - size_t(skip)])));
  } else if (skip >= 0 && size_t(skip) == frames.size()) {
    regs[0] = Value::ofInt(int64_t(goexitPc(ctx)));
  } else {
    regs[0] = Value::ofInt(0);
    regs[1] = Value::ofBool(false);
  }
  return NativeStatus::Ok;
}

// pcInfo(pc uintptr) (name string, entry uintptr, file string, line int, ok bool)
NativeStatus pcInfo(NativeCtx& ctx, Value* regs) {
  uint64_t pc = regs[0].u;
  bool isGoexit = false;
  const vm::FuncProto* fn = funcOfPc(ctx, pc, &isGoexit);
  uint64_t entry = pc >> kPcFuncShift << kPcFuncShift;
  std::string name, file;
  int64_t line = 0;
  bool ok = true;
  if (fn) {
    size_t idx = size_t(pc & ((uint64_t(1) << kPcFuncShift) - 1));
    name = fn->name;
    file = absolutePath(fn->file);
    line = fn->line;
    if (idx > 0 && idx <= fn->lines.size()) line = fn->lines[idx - 1];
  } else if (isGoexit) {
    name = "runtime.goexit";
    file = kGoexitFile;
    line = kGoexitLine;
  } else {
    ok = false;
    entry = 0;
  }
  regs[0] = ctx.newString(name);
  regs[1] = Value::ofInt(int64_t(entry));
  regs[2] = ctx.newString(file);
  regs[3] = Value::ofInt(line);
  regs[4] = Value::ofBool(ok);
  return NativeStatus::Ok;
}

}  // namespace

void registerRuntimeCallerNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.Caller", caller},         {"runtime.callerPC", callerPC},
      {"runtime.pcInfo", pcInfo},         {"log/slog.callerFunc", callerFunc},
      {"testing.callerFunc", callerFunc},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
