#include "vm/stack_guard.hpp"

#include <pthread.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "vm/vm.hpp"

namespace gol::vm {

namespace {

// Room kept free below the limit: a native's deepest non-recursive work
// (formatting one value, a sanitizer's bigger frames) fits in it.
constexpr uintptr_t kMargin = uintptr_t(1) << 20;
// The most C++ stack that gol code nested in natives may use. Go's limit is
// 1 GB of goroutine stack; gol's gol-to-gol calls do not use the C++ stack
// at all, so this bounds only re-entry through natives, at some 10,000 or
// more levels. Below 64 MB also because ASan cannot unwind an exception
// through a deeper stack (docs/testing.md), and the overflow is reported by
// one.
constexpr uintptr_t kNativeBudget = uintptr_t(48) << 20;

// The lowest address this thread's stack may reach, found once per thread
// (0: unknown, never exhausted).
uintptr_t stackLimit() {
  thread_local uintptr_t limit = [] {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return uintptr_t(0);
    void* addr = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    if (rc != 0 || size <= 2 * kMargin) return uintptr_t(0);
    uintptr_t low = reinterpret_cast<uintptr_t>(addr);
    uintptr_t byBudget = size > kNativeBudget ? low + size - kNativeBudget : 0;
    return std::max(low + kMargin, byBudget);
  }();
  return limit;
}

}  // namespace

bool nativeStackExhausted() {
  // The frame address, not a local's: under ASan locals may live on a fake
  // stack in the heap. Stacks grow down on every target gol builds for.
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < stackLimit();
}

void checkNativeStack() {
  if (nativeStackExhausted()) throw FatalError{kStackOverflowText};
}

}  // namespace gol::vm
