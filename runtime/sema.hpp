// Wait queues keyed by an address, for the sync natives (Go's sema.go,
// without the treap: one thread, FIFO per key). A key is any stable
// address (a Mutex's object, a WaitGroup's counter); only keys with
// waiters have an entry.
#pragma once

#include <cstddef>
#include <deque>
#include <unordered_map>

#include "vm/vm.hpp"

namespace gol::runtime {

class SemaTable {
 public:
  void push(const void* key, vm::Goroutine* g) { queues_[key].push_back(g); }
  // The first waiter on key, removed; null if none.
  vm::Goroutine* pop(const void* key);
  size_t waiters(const void* key) const;

 private:
  std::unordered_map<const void*, std::deque<vm::Goroutine*>> queues_;
};

}  // namespace gol::runtime
