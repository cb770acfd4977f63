// Natives of package time that are not the scheduler's (those are in
// runtime/time_natives.cpp): reading the zone database and $TZ. time.gol
// parses the TZif data itself, as Go's time package does.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// lookupEnv(key string) (string, bool): TZ="" (UTC) differs from no TZ.
NativeStatus lookupEnv(NativeCtx& ctx, Value* regs) {
  const char* v = std::getenv(std::string(vm::strView(regs[0])).c_str());
  regs[0] = v ? ctx.newString(v) : Value();
  regs[1] = Value::ofBool(v != nullptr);
  return NativeStatus::Ok;
}

// readFile(path string) (string, bool): a zone file is a few kilobytes,
// read synchronously; anything larger than 1 MB is not one.
NativeStatus readFile(NativeCtx& ctx, Value* regs) {
  std::string path(vm::strView(regs[0]));
  std::string data;
  bool ok = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ok = true;
    char buf[8192];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 || data.size() > (1u << 20)) {
        ok = false;
        break;
      }
      if (n == 0) break;
      data.append(buf, size_t(n));
    }
    ::close(fd);
  }
  regs[0] = ok ? ctx.newString(data) : Value();
  regs[1] = Value::ofBool(ok);
  return NativeStatus::Ok;
}

}  // namespace

void registerTimeNatives() {
  static const vm::NativeEntry entries[] = {
      {"time.lookupEnv", lookupEnv},
      {"time.readFile", readFile},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
