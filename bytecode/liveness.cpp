// Backward dataflow over a function's bytecode: live-in(pc) = reads(pc) |
// (live-out(pc) - writes(pc)), live-out(pc) = the union of live-in over its
// successors, iterated to a fixed point. Only the resume pcs the collector
// can see keep a map (stack_maps.hpp says which and what each holds).
#include "bytecode/liveness.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "bytecode/reg_effects.hpp"

namespace gol {

namespace {

// Buffers reused from one function to the next (a program has thousands).
struct Scratch {
  std::vector<vm::RegEffects> effects;
  std::vector<uint32_t> succStart, succ, tmp;
  std::vector<uint64_t> liveIn;  // one set of `words` words per pc
  std::vector<uint64_t> out, map;
  std::vector<bool> resume;
  std::unordered_multimap<uint64_t, uint32_t> unique;  // map hash -> map index
};

uint64_t hashWords(const uint64_t* w, uint32_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (uint32_t k = 0; k < n; ++k) h = (h ^ w[k]) * 0xBF58476D1CE4E5B9ull;
  return h;
}

void setRange(uint64_t* s, uint32_t nregs, uint32_t first, uint32_t count) {
  for (uint32_t r = first; r < nregs && r - first < count; ++r)
    s[r >> 6] |= uint64_t(1) << (r & 63);
}
void clearRange(uint64_t* s, uint32_t nregs, uint32_t first, uint32_t count) {
  for (uint32_t r = first; r < nregs && r - first < count; ++r)
    s[r >> 6] &= ~(uint64_t(1) << (r & 63));
}

// Past this many words of sets (pcs x registers / 64) a function keeps no
// maps: generated initialisers of big tables would cost more to analyse than
// their frames cost to scan.
constexpr size_t kMaxWords = size_t(1) << 22;

void analyse(const vm::Program& program, vm::FuncProto& fn, Scratch& sc) {
  fn.stackMaps = vm::StackMaps{};
  const uint32_t n = uint32_t(fn.code.size());
  const uint32_t nregs = fn.nregs;
  if (n == 0 || nregs == 0) return;
  const uint32_t words = (nregs + 63) / 64;
  if (size_t(n) * words > kMaxWords) return;
  const vm::Instr* code = fn.code.data();

  std::vector<vm::RegEffects>& effects = sc.effects;
  effects.resize(n);
  bool hasDefers = false;
  for (uint32_t pc = 0; pc < n; ++pc) {
    effects[pc] = vm::regEffects(program, code[pc]);
    // FRAMEIDX: a range-over-func body defers for this function.
    vm::Opcode op = code[pc].op;
    if (op == vm::Opcode::DEFER || op == vm::Opcode::DEFERTO || op == vm::Opcode::FRAMEIDX)
      hasDefers = true;
  }
  // Successors, flat: those of pc are succ[succStart[pc] .. succStart[pc+1]).
  std::vector<uint32_t>& succStart = sc.succStart;
  std::vector<uint32_t>& succ = sc.succ;
  std::vector<uint32_t>& tmp = sc.tmp;
  succStart.assign(size_t(n) + 1, 0);
  succ.clear();
  for (uint32_t pc = 0; pc < n; ++pc) {
    vm::successors(code, n, pc, tmp);
    succ.insert(succ.end(), tmp.begin(), tmp.end());
    succStart[pc + 1] = uint32_t(succ.size());
  }

  sc.liveIn.assign(size_t(n) * words, 0);
  auto liveIn = [&](size_t pc) { return sc.liveIn.data() + pc * words; };
  std::vector<uint64_t>& out = sc.out;
  out.resize(words);
  for (bool changed = true; changed;) {
    changed = false;
    for (uint32_t pc = n; pc-- > 0;) {
      std::fill(out.begin(), out.end(), 0);
      for (uint32_t k = succStart[pc]; k < succStart[pc + 1]; ++k) {
        const uint64_t* in = liveIn(succ[k]);
        for (uint32_t w = 0; w < words; ++w) out[w] |= in[w];
      }
      const vm::RegEffects& e = effects[pc];
      for (uint8_t k = 0; k < e.nwrites; ++k)
        clearRange(out.data(), nregs, e.writes[k].first, e.writes[k].count);
      for (uint8_t k = 0; k < e.nreads; ++k)
        setRange(out.data(), nregs, e.reads[k].first, e.reads[k].count);
      if (e.readsWindow) setRange(out.data(), nregs, e.windowStart, nregs);
      uint64_t* in = liveIn(pc);
      if (!std::equal(out.begin(), out.end(), in)) {
        std::copy(out.begin(), out.end(), in);
        changed = true;
      }
    }
  }

  // The resume pcs (stack_maps.hpp).
  std::vector<bool>& resume = sc.resume;
  resume.assign(size_t(n) + 1, false);
  for (uint32_t pc = 0; pc < n; ++pc) {
    if (vm::isSuspendPoint(code[pc].op)) resume[pc + 1] = true;
    if (code[pc].op == vm::Opcode::RET) resume[pc] = true;
    int64_t t = vm::jumpTarget(code[pc], pc);
    if (t >= 0 && t <= int64_t(pc)) resume[size_t(t)] = true;
  }

  vm::StackMaps& maps = fn.stackMaps;
  maps.words = words;
  sc.unique.clear();
  std::vector<uint64_t>& m = sc.map;
  m.resize(words);
  for (uint32_t p = 1; p <= n; ++p) {
    if (!resume[p]) continue;
    if (p < n)
      std::copy(liveIn(p), liveIn(p) + words, m.begin());
    else
      std::fill(m.begin(), m.end(), 0);
    // The instruction before may still be running: what it reads and
    // writes stays, except a call's frame window, which the collector
    // treats by who owns it (the callee's frame, or a native).
    const vm::Instr& prev = code[p - 1];
    const vm::RegEffects& e = effects[p - 1];
    uint32_t limit = vm::isCallOp(prev.op) ? prev.a : nregs;
    auto keep = [&](vm::RegRange r) {
      if (r.first < limit) setRange(m.data(), limit, r.first, r.count);
    };
    for (uint8_t k = 0; k < e.nreads; ++k) keep(e.reads[k]);
    for (uint8_t k = 0; k < e.nwrites; ++k) keep(e.writes[k]);
    if (hasDefers) setRange(m.data(), nregs, fn.resultReg, fn.nresults);
    // Maps are shared: the same as the previous pc's (the common case) or as
    // any earlier one.
    auto same = [&](uint32_t idx) {
      return std::equal(m.begin(), m.end(), maps.bits.begin() + ptrdiff_t(size_t(idx) * words));
    };
    uint32_t idx = uint32_t(maps.bits.size() / words);
    if (!maps.mapIndex.empty() && same(maps.mapIndex.back())) {
      idx = maps.mapIndex.back();
    } else {
      uint64_t h = hashWords(m.data(), words);
      auto range = sc.unique.equal_range(h);
      for (auto it = range.first; it != range.second; ++it)
        if (same(it->second)) {
          idx = it->second;
          break;
        }
      if (idx == maps.bits.size() / words) {
        sc.unique.emplace(h, idx);
        maps.bits.insert(maps.bits.end(), m.begin(), m.end());
      }
    }
    maps.pcs.push_back(p);
    maps.mapIndex.push_back(idx);
  }
}

}  // namespace

void computeStackMaps(const vm::Program& program, vm::FuncProto& fn) {
  Scratch sc;
  analyse(program, fn, sc);
  fn.stackMapsPending = false;
}

bool ensureStackMaps(const vm::Program& program, vm::FuncProto& fn) {
  if (fn.stackMapsPending) computeStackMaps(program, fn);
  return !fn.stackMaps.empty();
}

void computeStackMaps(vm::Program& program) {
  Scratch sc;
  for (auto& f : program.funcs)
    if (!f->isNative && !f->code.empty()) {
      analyse(program, *f, sc);
      f->stackMapsPending = false;
    }
}

}  // namespace gol
