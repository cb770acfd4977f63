// runProgram: load, schedule, report.
#include "runtime/run.hpp"

#include <cstdio>
#include <exception>
#include <new>

#include "runtime/interrupt.hpp"
#include "runtime/lib/natives.hpp"
#include "runtime/sched.hpp"
#include "vm/vm.hpp"

namespace gol::runtime {

void registerRuntimeNatives();

int runProgram(vm::Program& program, const RunOptions& options) {
  lib::registerAllNatives();
  registerRuntimeNatives();
  vm::Vm machine(program, nullptr);
  machine.args = options.args;
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
