// The register record of one `select` case: the compiler fills it before
// the SELECT instruction, the runtime (runtime/select.cpp) reads it and
// writes the outcome back. It is named here, once, so that neither side
// restates `cases[3*k+2]`.
//
// Deliberately standalone: the compiler needs only register offsets. The
// runtime views the same registers through runtime/select.hpp's SelectCase.
#pragma once

#include <cstdint>

namespace gol::vm {

// Case k of a SELECT whose cases start at register b occupies registers
// b + k*kSize + {kChan, kValue, kDirOk}.
struct SelectCaseLayout {
  // The channel (a nil channel's case never proceeds).
  static constexpr int kChan = 0;
  // Send: the value to send. Receive: on exit, the value received (the
  // element's zero value from a closed channel).
  static constexpr int kValue = 1;
  // On entry: the direction, an int holding SelectDir. On exit, for the
  // chosen receive case: ok (a bool), as in `v, ok := <-c`.
  static constexpr int kDirOk = 2;
  static constexpr int kSize = 3;
};

enum class SelectDir : int64_t { Recv = 0, Send = 1 };

}  // namespace gol::vm
