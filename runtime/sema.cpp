// Wait queues keyed by an address: see sema.hpp.
#include "runtime/sema.hpp"

namespace gol::runtime {

vm::Goroutine* SemaTable::pop(const void* key) {
  auto it = queues_.find(key);
  if (it == queues_.end()) return nullptr;
  vm::Goroutine* g = it->second.front();
  it->second.pop_front();
  if (it->second.empty()) queues_.erase(it);
  return g;
}

size_t SemaTable::waiters(const void* key) const {
  auto it = queues_.find(key);
  return it == queues_.end() ? 0 : it->second.size();
}

}  // namespace gol::runtime
