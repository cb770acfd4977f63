#include "runtime/interrupt.hpp"

#include <unistd.h>

#include <cstdlib>

namespace gol::runtime {

namespace {
// A signal handler can only set a flag; this is that flag.
volatile std::sig_atomic_t gInterrupt = 0;
void onInterrupt(int) {
  gInterrupt = 1;
}
}  // namespace

void catchInterrupt() {
  struct sigaction sa {};
  sa.sa_handler = onInterrupt;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
}

bool interruptPending() {
  return gInterrupt != 0;
}

void dieOfInterrupt() {
  std::signal(SIGINT, SIG_DFL);
  std::raise(SIGINT);
  std::_Exit(130);
}

}  // namespace gol::runtime
