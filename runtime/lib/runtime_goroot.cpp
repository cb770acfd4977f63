// runtime.GOROOT. Go answers $GOROOT as it was when the process started,
// else the root of the Go tree that built the program (baked in by the
// linker). gol has no build tree; the Go tree a `go run` of the program
// would use is the one whose `go` comes first in PATH, so gol answers its
// root: the directory above that `go`'s bin/ holding pkg/tool, trying the
// path as found and then with its symbolic links resolved (Debian's
// /usr/bin/go -> /usr/lib/go-1.19/bin/go), as the go command finds its own
// root. No process is started; with no such tree the answer is "".
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

std::string envAtStart(const char* key) {
  const char* v = std::getenv(key);
  return v ? v : "";
}

// Read before main runs: os.Setenv("GOROOT", ...) later does not change
// runtime.GOROOT, as in Go (whose answer is fixed when it starts).
const std::string gorootAtStart = envAtStart("GOROOT");
const std::string pathAtStart = envAtStart("PATH");

bool isDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string parentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// The Go root above the executable exe (ROOT/bin/go), or "".
std::string rootAbove(const std::string& exe) {
  std::string root = parentDir(parentDir(exe));
  return isDir(root + "/pkg/tool") ? root : "";
}

std::string rootOfGoInPath() {
  const std::string& path = pathAtStart;
  for (size_t at = 0; at <= path.size();) {
    size_t colon = path.find(':', at);
    if (colon == std::string::npos) colon = path.size();
    std::string dir = path.substr(at, colon - at);
    at = colon + 1;
    if (dir.empty()) dir = ".";
    std::string exe = dir + "/go";
    struct stat st;
    if (::stat(exe.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::access(exe.c_str(), X_OK) != 0)
      continue;
    // Only absolute roots are honest answers (a relative PATH entry names
    // a different place once the program changes directory).
    char resolved[PATH_MAX];
    if (exe[0] == '/')
      if (std::string root = rootAbove(exe); !root.empty()) return root;
    if (::realpath(exe.c_str(), resolved)) return rootAbove(resolved);
    return "";
  }
  return "";
}

// func GOROOT() string
NativeStatus goroot(NativeCtx& ctx, Value* regs) {
  if (!gorootAtStart.empty()) {
    regs[0] = ctx.newString(gorootAtStart);
    return NativeStatus::Ok;
  }
  static const std::string found = rootOfGoInPath();
  regs[0] = ctx.newString(found);
  return NativeStatus::Ok;
}

}  // namespace

void registerRuntimeGorootNatives() {
  static const vm::NativeEntry entries[] = {
      {"runtime.GOROOT", goroot},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
