// Go's sizes: see go_sizes.hpp.
#include "vm/go_sizes.hpp"

#include <algorithm>

namespace gol::vm {

GoLayout goLayout(const std::vector<RtType>& ts, uint32_t tid) {
  if (!tid || tid >= ts.size()) return {8, 8, true};
  const RtType& t = underlyingOf(ts, tid);
  switch (t.kind) {
    case RtKind::Bool:
    case RtKind::Int8:
    case RtKind::Uint8: return {1, 1, false};
    case RtKind::Int16:
    case RtKind::Uint16: return {2, 2, false};
    case RtKind::Int32:
    case RtKind::Uint32:
    case RtKind::Float32: return {4, 4, false};
    case RtKind::Int:
    case RtKind::Int64:
    case RtKind::Uint:
    case RtKind::Uint64:
    case RtKind::Uintptr:
    case RtKind::Float64: return {8, 8, false};
    case RtKind::Complex64: return {8, 4, false};
    case RtKind::Complex128: return {16, 8, false};
    case RtKind::String:
    case RtKind::Interface: return {16, 8, true};
    case RtKind::Slice: return {24, 8, true};
    case RtKind::Array: {
      GoLayout e = goLayout(ts, t.elem);
      return {uint64_t(t.len) * e.size, e.align, t.len > 0 && e.hasPointers};
    }
    case RtKind::Struct: {
      GoLayout s{0, 1, false};
      bool lastEmpty = false;
      for (const RtField& f : t.fields) {
        GoLayout fl = goLayout(ts, f.tid);
        s.size = (s.size + fl.align - 1) / fl.align * fl.align + fl.size;
        s.align = std::max(s.align, fl.align);
        s.hasPointers = s.hasPointers || fl.hasPointers;
        lastEmpty = fl.size == 0;
      }
      // gc pads a struct ending in a zero-size field so that a pointer to
      // that field stays inside the struct.
      if (lastEmpty && s.size > 0) s.size += 1;
      s.size = (s.size + s.align - 1) / s.align * s.align;
      return s;
    }
    default: return {8, 8, true};  // pointers, maps, channels, funcs
  }
}

}  // namespace gol::vm
