// Parking a goroutine on a descriptor: natives that would block (a read
// from an empty pipe) ask the runtime's poller to wake the goroutine when
// the descriptor is ready, and return EAGAIN for the gol side to retry.
#pragma once

#include <poll.h>

#include <cerrno>

#include "runtime/lib/native_util.hpp"
#include "runtime/sched.hpp"

namespace gol::lib {

// Parks the goroutine until fd is ready; its results are (0, EAGAIN), so
// the gol caller retries the call. (0, errno) if fd cannot be watched.
inline vm::NativeStatus waitReady(vm::NativeCtx& ctx, vm::Value* r, int fd,
                                  runtime::PollMode mode) {
  if (!runtime::schedulerOf(ctx).poller().waitFd(ctx.g, fd, mode)) return ok2(r, 0, errno);
  ok2(r, 0, EAGAIN);
  return vm::NativeStatus::Block;
}

// Whether a read from fd would return at once (data, end of file or an
// error): always so for regular files.
inline bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  int k;
  do k = ::poll(&p, 1, 0);
  while (k < 0 && errno == EINTR);
  return k != 0;
}

}  // namespace gol::lib
