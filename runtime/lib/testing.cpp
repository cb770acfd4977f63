// Natives of package testing: -test.run and -test.bench patterns. They are
// matched with std::regex (ECMAScript), which agrees with Go's RE2 syntax
// on the patterns test selection uses (names, alternation, anchors,
// classes).
#include <regex>

#include "runtime/lib/native_util.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

// matchString(pattern, name string) (matched bool, err string)
NativeStatus matchString(NativeCtx& ctx, Value* r) {
  std::string pattern(vm::strView(r[0])), name(vm::strView(r[1]));
  try {
    std::regex re(pattern, std::regex::ECMAScript);
    r[0] = Value::ofBool(std::regex_search(name, re));
    r[1] = ctx.newString("");
  } catch (const std::regex_error& e) {
    r[0] = Value::ofBool(false);
    r[1] = ctx.newString(e.what());
  }
  return NativeStatus::Ok;
}

}  // namespace

void registerTestingNatives() {
  static const vm::NativeEntry entries[] = {
      {"testing.matchString", matchString},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
