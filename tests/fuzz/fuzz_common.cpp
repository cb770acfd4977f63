#include "tests/fuzz/fuzz_common.hpp"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>

#include "runtime/run.hpp"

namespace gol::fuzz {

namespace {

void* trampoline(void* arg) {
  (*static_cast<const std::function<void()>*>(arg))();
  return nullptr;
}

}  // namespace

void onLargeStack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t(1) << 30);
  pthread_t t;
  if (pthread_create(&t, &attr, trampoline, const_cast<std::function<void()>*>(&fn)) != 0) {
    std::fprintf(stderr, "fuzz: cannot start the front-end thread\n");
    std::abort();
  }
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
}

PackageSource standardPackages() {
  return [](const std::string& path, std::string& out) {
    return runtime::embeddedPackageSource(path, out);
  };
}

std::unique_ptr<Program> checkSource(const std::string& source) {
  Diagnostics diags;
  std::unique_ptr<File> file = parseFile("fuzz.gol", source, diags);
  if (!file || diags.any()) return nullptr;
  auto program = std::make_unique<Program>();
  if (!checkProgram(*program, std::move(file), standardPackages(), diags) || diags.any())
    return nullptr;
  return program;
}

}  // namespace gol::fuzz
