// Natives of crypto/rand: bytes from the kernel's CSPRNG (getrandom(2)),
// which Go uses on Linux too.
#include <sys/random.h>

#include <cerrno>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// fill(b []byte): fills b entirely. Go 1.24's Read never fails (it crashes
// the program instead), so there is no error to return.
NativeStatus fill(NativeCtx& ctx, Value* regs) {
  auto* s = static_cast<vm::SliceObj*>(regs[0].o);
  if (!s || s->len == 0) return NativeStatus::Ok;
  uint8_t* p = s->array->bytes() + s->off;
  size_t n = s->len;
  while (n > 0) {
    ssize_t got = getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return ctx.panicError("crypto/rand: failed to read random data");
    }
    p += got;
    n -= size_t(got);
  }
  return NativeStatus::Ok;
}

}  // namespace

void registerCryptoRandNatives() {
  static const vm::NativeEntry entries[] = {
      {"crypto/rand.fill", fill},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
