// text/template's executor (Go's exec.go and funcs.go): walks a parse tree
// over a gol value by its run-time types (vm/typeinfo), in place of Go's
// reflection: fields (promoted through embedded structs), map keys,
// methods and FuncMap functions called back into the VM with their
// arguments converted as Go's evalArg does, the builtin functions, and Go's
// error texts (`template: t:1:7: executing "t" at <.X>: ...`). In html
// mode (html/template) printed values are escaped for the HTML context the
// output has reached (template_html.hpp).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "runtime/lib/template_parse.hpp"
#include "vm/native.hpp"

namespace gol::lib::tmpl {

enum class MissingKey : uint8_t { Invalid, Zero, Error };

struct ExecRequest {
  const std::map<std::string, std::shared_ptr<const Tree>>* set = nullptr;
  std::string name;  // the template to run
  vm::Value data;    // an interface value
  vm::Value funcs;   // map[string]any (or nil)
  MissingKey missingKey = MissingKey::Invalid;
  bool html = false;
};

struct ExecResult {
  std::string out;
  // An ExecError: its text, the template it happened in, and the error it
  // wraps (a function's error), if any.
  bool failed = false;
  std::string errText, errTemplate;
  vm::Value wrapped;
};

// False when a gol panic is pending (a function panicked in a way Go's
// safeCall does not recover: a fatal error); else res tells the outcome.
bool execute(vm::NativeCtx& ctx, const ExecRequest& rq, ExecResult& res);

// Go's IsTrue over an interface value.
bool isTrue(vm::NativeCtx& ctx, const vm::Value& iface, bool* ok);

// Whether name is a builtin function (parse-time check).
bool isBuiltin(const std::string& name);

// The escapers text/template exports and its builtins use.
std::string htmlEscapeString(std::string_view s);
std::string jsEscapeString(std::string_view s);
std::string queryEscape(std::string_view s);

}  // namespace gol::lib::tmpl
