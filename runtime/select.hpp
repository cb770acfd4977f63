// select after Go's select.go, for one OS thread. The case records are the
// SELECT instruction's registers, laid out by bytecode/select_case.hpp (the
// compiler fills them); select.cpp's header says how a select waits and
// why it needs no third pass.
#pragma once

#include <cstdint>
#include <vector>

#include "bytecode/select_case.hpp"
#include "bytecode/value.hpp"
#include "runtime/chan.hpp"

namespace gol::runtime {

// The runtime's view of one case record (registers, see bytecode/select_case.hpp).
class SelectCase {
  using L = vm::SelectCaseLayout;

 public:
  SelectCase(vm::Value* cases, uint32_t k) : r_(cases + size_t(k) * L::kSize) {}
  const vm::Value& chanValue() const { return r_[L::kChan]; }
  ChanObj* chan() const { return static_cast<ChanObj*>(r_[L::kChan].o); }
  bool isSend() const { return r_[L::kDirOk].i == int64_t(vm::SelectDir::Send); }
  vm::Value& value() const { return r_[L::kValue]; }
  vm::Value& ok() const { return r_[L::kDirOk]; }

 private:
  vm::Value* r_;
};

// A select that is waiting: its goroutine, its case records and one sudog
// per non-nil case, each queued on its channel.
struct SelectState {
  vm::Goroutine* g = nullptr;
  vm::Value* cases = nullptr;  // the SELECT instruction's case registers
  vm::Value* chosen = nullptr;
  std::vector<SudoG*> sudogs;
};

// Sudogs and select states, recycled: a select that waits allocates only
// until the pools have grown to the program's widest concurrent need.
class SelectPool {
 public:
  SelectPool() = default;
  SelectPool(const SelectPool&) = delete;
  SelectPool& operator=(const SelectPool&) = delete;
  ~SelectPool();
  SudoG* newSudog();
  void freeSudog(SudoG* s);
  SelectState* newSelect();
  void freeSelect(SelectState* s);

 private:
  std::vector<SudoG*> sudogPool_, allSudogs_;  // all*: owners, freed at exit
  std::vector<SelectState*> selectPool_, allSelects_;
};

// The SELECT instruction (the Scheduler's hook forwards here).
vm::OpStatus selectgo(Scheduler& s, vm::Goroutine* g, vm::Value* cases, uint32_t n, bool hasDefault,
                      vm::Value* chosen);

// A partner operation completed `won`, one record of a waiting select:
// records the chosen case (for a receive case, `received` and `ok` go into
// its record), takes every other record of that select off its channel and
// recycles them. The caller makes the select's goroutine ready.
void selectWon(Scheduler& s, SudoG* won, const vm::Value* received, bool ok);

}  // namespace gol::runtime
