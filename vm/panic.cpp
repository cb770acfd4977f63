// Reporting unrecovered panics and goroutine traces as Go prints them.
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "vm/complex.hpp"
#include "vm/vm.hpp"

namespace gol::vm {

namespace {

std::string goFloat(double d) {
  // Go's print builtin: +1.500000e+000 (three exponent digits).
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.6e", d);
  std::string s = buf;
  size_t e = s.find('e');
  if (e == std::string::npos || e + 2 >= s.size()) return s;
  std::string digits = s.substr(e + 2);
  while (digits.size() < 3) digits = "0" + digits;
  return s.substr(0, e + 2) + digits;
}

uint32_t lineOf(const Frame& f) {
  const FuncProto* p = f.fn;
  if (p->code.empty()) return p->line;
  const Instr* start = p->code.data();
  const Instr* cur = f.pc - 1;
  if (cur < start || cur >= start + p->code.size())
    return p->lines.empty() ? p->line : p->lines.back();
  size_t idx = size_t(cur - start);
  return idx < p->lines.size() ? p->lines[idx] : p->line;
}

}  // namespace

// What Go's preprintpanics names when the Error or String method of a panic
// value panics in turn: a string value itself, any other value its type.
std::string Vm::nestedPanicText(const Value& v) const {
  const auto& ts = program_.types;
  if (v.tid == 0) return "type <nil>";
  if (v.tid == kTidRuntimeError) return "type " + std::string(runtimeErrorTypeName(strView(v)));
  const RtType& t = ts[v.tid];
  if (t.kind == RtKind::String && !t.named) return std::string(strView(v));
  return "type " + t.name;
}

std::string Vm::panicValueText(Goroutine* g, Value v) {
  const auto& ts = program_.types;
  if (v.tid == 0) return "nil";
  if (v.tid == kTidRuntimeError) return std::string(strView(v));
  const RtType& t = ts[v.tid];
  for (const char* mname : {"Error", "String"}) {
    // Go prints an error's Error() and a Stringer's String(): the method
    // must have that signature, not only that name.
    FuncProto* m = findMethod(v.tid, mname, "func() string");
    if (!m || m->nresults != 1) continue;
    ClosureObj* c = heap_.newClosure(m, 0);
    Value fn = Value::ofRef(c);
    g->pins.push_back(fn);
    Value recv = v;
    if (t.aggregate) recv = deepCopy(v);
    g->pins.push_back(recv);
    Value res;
    // The method may panic (a fatal error, as in Go), call os.Exit (an
    // ExitRequest that ends the run with its code) or overflow the stack
    // (a FatalError): those propagate.
    if (callValue(g, fn, &recv, 1, &res, 1)) return std::string(strView(res));
    Value inner = g->hasPendingPanic ? g->pendingPanic : Value();
    if (!g->panics.empty()) inner = g->panics.back().value;
    throw FatalError{"fatal error: panic while printing panic value: " + nestedPanicText(inner)};
  }
  const RtType& u = (t.underlying && t.underlying < ts.size()) ? ts[t.underlying] : t;
  std::string body;
  switch (u.kind) {
    case RtKind::Bool: body = v.i ? "true" : "false"; break;
    case RtKind::Int:
    case RtKind::Int8:
    case RtKind::Int16:
    case RtKind::Int32:
    case RtKind::Int64: body = std::to_string(v.i); break;
    case RtKind::Uint:
    case RtKind::Uint8:
    case RtKind::Uint16:
    case RtKind::Uint32:
    case RtKind::Uint64:
    case RtKind::Uintptr: body = std::to_string(v.u); break;
    case RtKind::Float32:
    case RtKind::Float64: body = goFloat(v.f); break;
    case RtKind::Complex64:
    case RtKind::Complex128: {
      Complex c = complexOf(v);
      body = "(" + goFloat(c.re) + goFloat(c.im) + "i)";
      break;
    }
    case RtKind::String:
      if (!t.named) return std::string(strView(v));
      return t.name + "(\"" + std::string(strView(v)) + "\")";
    default: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "(%s) %p", t.name.c_str(), static_cast<void*>(v.o));
      return buf;
    }
  }
  if (t.named) return t.name + "(" + body + ")";
  return body;
}

std::string Vm::traceback(Goroutine* g, const char* state) {
  std::string s = "goroutine " + std::to_string(g->id) + " [" + state + "]:\n";
  size_t shown = 0;
  for (size_t k = g->frames.size(); k-- > 0;) {
    const Frame& f = g->frames[k];
    if (f.fn->name.rfind("runtime.", 0) == 0 && k == 0) continue;
    if (++shown > 100) {
      s += "...additional frames elided...\n";
      break;
    }
    s += f.fn->name + "(...)\n\t" + f.fn->file + ":" + std::to_string(lineOf(f)) + "\n";
  }
  return s;
}

void Vm::printPanic(Goroutine* g) {
  flushStdout();
  // As Go's preprintpanics: every value's text first (its Error or String
  // method runs gol code, which may push panics and so move g->panics),
  // then the report.
  size_t n = g->panics.size();
  // Newest first, as Go walks its panic chain.
  std::vector<std::string> texts(n);
  for (size_t k = n; k-- > 0;) {
    Value v = g->panics[k].value;
    try {
      texts[k] = panicValueText(g, v);
    } catch (const FatalError&) {
      g->panics.resize(n);
      throw;
    }
  }
  std::string msg;
  for (size_t k = 0; k < n; ++k) {
    if (g->panics[k].goexit) continue;
    if (!msg.empty()) msg += "\t";
    msg += "panic: ";
    msg += texts[k];
    if (g->panics[k].recovered) msg += " [recovered]";
    msg += "\n";
    const Value& v = g->panics[k].value;
    if (v.tid == kTidRuntimeError &&
        strView(v) == "runtime error: invalid memory address or nil pointer dereference")
      msg += "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n";
  }
  msg += "\n";
  msg += traceback(g, "running");
  std::fwrite(msg.data(), 1, msg.size(), stderr);
  std::fflush(stderr);
}

}  // namespace gol::vm
