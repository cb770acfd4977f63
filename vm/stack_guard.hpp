// The C++ stack under gol code. Go calls never grow it (the interpreter
// keeps gol frames on the goroutine's own register stack, limited by
// Vm::maxFrames), but a native that calls back into gol (fmt calling a String
// method that calls fmt ...) or recurses over a value (fmt printing a slice
// that contains itself) does. Such re-entry checks the room left and ends
// the program as Go ends a goroutine whose stack exceeds its limit, instead
// of running off the end of the thread's stack.
#pragma once

namespace gol::vm {

// Go's message for a goroutine whose stack exceeds its limit.
inline constexpr const char* kStackOverflowText =
    "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow";

// True when less than a safety margin of the current thread's stack is
// left: the caller must not recurse further.
bool nativeStackExhausted();

// Throws FatalError with kStackOverflowText when nativeStackExhausted().
void checkNativeStack();

}  // namespace gol::vm
