#include "bytecode/fixed_types.hpp"

#include <iterator>

namespace gol::vm {

void appendFixedTypes(std::vector<RtType>& types) {
  struct Fixed {
    RtKind kind;
    const char* name;
    bool hasRef;
    bool named;
  };
  // In the order of FixedTid.
  static const Fixed fixed[] = {
      {RtKind::None, "", false, false},
      {RtKind::None, "", true, false},
      {RtKind::Bool, "bool", false, false},
      {RtKind::Int, "int", false, false},
      {RtKind::Int8, "int8", false, false},
      {RtKind::Int16, "int16", false, false},
      {RtKind::Int32, "int32", false, false},
      {RtKind::Int64, "int64", false, false},
      {RtKind::Uint, "uint", false, false},
      {RtKind::Uint8, "uint8", false, false},
      {RtKind::Uint16, "uint16", false, false},
      {RtKind::Uint32, "uint32", false, false},
      {RtKind::Uint64, "uint64", false, false},
      {RtKind::Uintptr, "uintptr", false, false},
      {RtKind::Float32, "float32", false, false},
      {RtKind::Float64, "float64", false, false},
      {RtKind::String, "string", true, false},
      {RtKind::Pointer, "runtime.Error", true, true},
      {RtKind::Interface, "interface {}", false, false},
      {RtKind::Interface, "error", false, true},
  };
  static_assert(std::size(fixed) == kFirstDynamicTid);
  for (const Fixed& f : fixed) {
    RtType rt;
    rt.kind = f.kind;
    rt.name = f.name;
    rt.hasRef = f.hasRef;
    rt.named = f.named;
    rt.underlying = uint32_t(types.size());
    types.push_back(rt);
  }
}

}  // namespace gol::vm
