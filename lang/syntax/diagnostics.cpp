#include <fmt/format.h>

#include "lang/syntax/syntax.hpp"

namespace gol {

std::string Diagnostic::str() const {
  if (pos.line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, pos.line, pos.col, message);
}

void Diagnostics::add(const std::string& file, Pos pos, std::string message) {
  list.push_back(Diagnostic{file, pos, std::move(message)});
}

}  // namespace gol
