// runProgram: load, schedule, report.
#include "runtime/run.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include "runtime/interrupt.hpp"
#include "runtime/lib/natives.hpp"
#include "runtime/sched.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

void registerRuntimeNatives();

bool parseMemorySize(const std::string& text, uint64_t* bytes) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19) return false;
  uint64_t n = std::stoull(text.substr(0, digits));
  std::string unit = text.substr(digits);
  int shift = 0;
  if (unit == "" || unit == "B")
    shift = 0;
  else if (unit == "KiB")
    shift = 10;
  else if (unit == "MiB")
    shift = 20;
  else if (unit == "GiB")
    shift = 30;
  else if (unit == "TiB")
    shift = 40;
  else
    return false;
  if (shift && n > (UINT64_MAX >> shift)) return false;
  *bytes = n << shift;
  return true;
}

int runProgram(vm::Program& program, const RunOptions& options) {
  lib::registerAllNatives();
  registerRuntimeNatives();
  vm::Vm machine(program, nullptr);
  machine.args = options.args;
  if (options.maxHeap) machine.heap().setHardLimit(size_t(options.maxHeap));
  // Go's runtime reads GOMEMLIMIT at start-up; "off" (or junk, which Go
  // rejects with a fatal error of its own) means no soft limit.
  if (const char* e = std::getenv("GOMEMLIMIT")) {
    uint64_t soft = 0;
    if (parseMemorySize(e, &soft)) machine.heap().setSoftLimit(size_t(soft));
  }
  std::string error;
  if (!machine.load(&error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  Scheduler sched(machine, options);
  catchInterrupt();
  try {
    return sched.run();
  } catch (const vm::ExitRequest& e) {
    machine.flushStdout();
    return e.code;
  } catch (const vm::FatalError& e) {
    machine.flushStdout();
    std::fprintf(stderr, "%s\n", e.message.c_str());
    return 2;
  } catch (const std::bad_alloc&) {
    machine.flushStdout();
    std::fprintf(stderr, "fatal error: runtime: out of memory\n");
    return 2;
  } catch (const std::exception& e) {
    machine.flushStdout();
    std::fprintf(stderr, "fatal error: %s\n", e.what());
    return 2;
  }
}

}  // namespace gol::runtime
