// text/template's executor (see template_exec.hpp).
#include "runtime/lib/template_exec.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

#include "runtime/chan.hpp"
#include "runtime/lib/fmt_vm.hpp"
#include "runtime/lib/native_util.hpp"
#include "runtime/lib/template_html.hpp"
#include "runtime/lib/textconv.hpp"
#include "vm/complex.hpp"
#include "vm/map.hpp"
#include "vm/stack_guard.hpp"
#include "vm/typeinfo.hpp"
#include "vm/vm.hpp"

namespace gol::lib::tmpl {

using vm::RtKind;
using vm::Value;

namespace {

// Go's maxExecDepth.
constexpr int kMaxExecDepth = 100000;

// A value as the executor sees it (Go's reflect.Value): the payload, its
// static type (0: the invalid value, "no value"), and its address when it
// is addressable (reached through a pointer or a slice).
struct Val {
  Value v;
  uint32_t tid = 0;
  Value addr;
  bool canAddr = false;
  Val() = default;
  Val(Value v, uint32_t tid, Value addr = Value(), bool canAddr = false)
      : v(v), tid(tid), addr(addr), canAddr(canAddr) {}
  bool valid() const { return tid != 0; }
};

// An execution error on its way to ExecResult.
struct Fail {
  std::string text;
  Value wrapped;
  std::string tmplName;  // the template being executed
};
// A gol panic that must propagate.
struct Propagate {};

enum class Flow : uint8_t { Normal, Break, Continue };

enum class Builtin : uint8_t {
  None,
  And,
  Or,
  Not,
  Len,
  Index,
  Slice,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Print,
  Printf,
  Println,
  Html,
  Js,
  Urlquery,
  Call,
};

struct BuiltinInfo {
  const char* name;
  Builtin id;
  int fixed;      // parameters before the variadic one (or all of them)
  bool variadic;  // a final ...reflect.Value / ...any parameter
};

const BuiltinInfo kBuiltins[] = {
    {"and", Builtin::And, 1, true},         {"or", Builtin::Or, 1, true},
    {"not", Builtin::Not, 1, false},        {"len", Builtin::Len, 1, false},
    {"index", Builtin::Index, 1, true},     {"slice", Builtin::Slice, 1, true},
    {"eq", Builtin::Eq, 1, true},           {"ne", Builtin::Ne, 2, false},
    {"lt", Builtin::Lt, 2, false},          {"le", Builtin::Le, 2, false},
    {"gt", Builtin::Gt, 2, false},          {"ge", Builtin::Ge, 2, false},
    {"print", Builtin::Print, 0, true},     {"printf", Builtin::Printf, 1, true},
    {"println", Builtin::Println, 0, true}, {"html", Builtin::Html, 0, true},
    {"js", Builtin::Js, 0, true},           {"urlquery", Builtin::Urlquery, 0, true},
    {"call", Builtin::Call, 1, true},
};

const BuiltinInfo* findBuiltin(const std::string& name) {
  for (const BuiltinInfo& b : kBuiltins)
    if (name == b.name) return &b;
  return nullptr;
}

// Go's isTrue: the truth of a value for if, with, and, or and not; ok
// false for kinds that have none.
bool truthOf(const vm::TypeInfo& ti, const Val& v, bool* ok) {
  *ok = true;
  if (!v.valid()) return false;
  const vm::RtType& t = ti.under(v.tid);
  switch (t.kind) {
    case RtKind::Array: return t.len > 0;
    case RtKind::Map: return v.v.o && static_cast<vm::MapObj*>(v.v.o)->size() > 0;
    case RtKind::Slice: return vm::sliceLen(v.v) > 0;
    case RtKind::String: return !vm::strView(v.v).empty();
    case RtKind::Bool: return v.v.i != 0;
    case RtKind::Complex64:
    case RtKind::Complex128: {
      vm::Complex c = vm::complexOf(v.v);
      return c.re != 0 || c.im != 0;
    }
    case RtKind::Chan:
    case RtKind::Func:
    case RtKind::Pointer: return v.v.o != nullptr;
    case RtKind::Interface: return false;
    case RtKind::Float32:
    case RtKind::Float64: return v.v.f != 0;
    case RtKind::Struct: return true;
    default:
      if (vm::isIntKind(t.kind) || vm::isUintKind(t.kind)) return v.v.i != 0;
      *ok = false;
      return false;
  }
}

// Go's basicKind classes for comparisons.
enum class Basic : uint8_t { Invalid, Bool, Complex, Int, Float, String, Uint };

class Exec {
 public:
  Exec(vm::NativeCtx& ctx, const ExecRequest& rq, ExecResult& res)
      : ctx_(ctx), ti_(ctx.vm, ctx.g), rq_(rq), res_(res), env_(ctx) {}

  void run() {
    tmplName_ = rq_.name;
    auto it = rq_.set->find(rq_.name);
    if (it == rq_.set->end() || !it->second->root)
      errorf(quoteString(rq_.name, false) + " is an incomplete or empty template");
    Val dot = fromIface(rq_.data);
    vars_.push_back({"$", dot});
    walk(dot, it->second->root.get());
  }

 private:
  vm::NativeCtx& ctx_;
  vm::TypeInfo ti_;
  const ExecRequest& rq_;
  ExecResult& res_;
  VmFmtEnv env_;
  HtmlContext html_;
  std::string tmplName_;
  const Node* at_ = nullptr;
  std::vector<std::pair<std::string, Val>> vars_;
  int depth_ = 0;

  // ---- errors

  [[noreturn]] void errorf(const std::string& msg, Value wrapped = Value()) {
    std::string text;
    if (!at_ || !at_->tree) {
      text = "template: " + tmplName_ + ": " + msg;
    } else {
      text = "template: " + at_->tree->location(*at_) + ": executing " +
             quoteString(tmplName_, false) + " at <" + at_->str() + ">: " + msg;
    }
    throw Fail{std::move(text), wrapped, tmplName_};
  }

  // ---- values

  RtKind kind(uint32_t tid) const { return ti_.kind(tid); }
  const std::string& typeName(uint32_t tid) const { return ti_.name(tid); }
  Val fromIface(const Value& iv) const {
    if (iv.tid == 0) return Val{};
    return Val{iv, iv.tid};
  }
  // The value held in a slot of static type tid.
  Val load(Value raw, uint32_t tid, Value addr = Value(), bool canAddr = false) const {
    if (kind(tid) == RtKind::Interface) {
      if (raw.tid == 0) return Val{Value(), tid};
      return Val{raw, raw.tid};
    }
    if (ti_.type(tid).hasRef && raw.o) raw.tid = tid;
    return Val{raw, tid, addr, canAddr};
  }
  Val boolVal(bool b) const { return Val{Value::ofBool(b), vm::kTidBool}; }
  Val intVal(int64_t i) const { return Val{Value::ofInt(i), vm::kTidInt}; }
  Val stringVal(std::string_view s) {
    Value v = ctx_.newString(s);
    v.tid = vm::kTidString;
    return Val{v, vm::kTidString};
  }
  // The interface value holding v (nil for the invalid value).
  Value toIface(const Val& v, bool copy) {
    if (!v.valid() || kind(v.tid) == RtKind::Interface) return v.v;
    Value x = v.v;
    if (copy && ti_.type(v.tid).aggregate) {
      x = ctx_.vm.deepCopy(x);
      ctx_.g->pins.push_back(x);
    }
    x.tid = v.tid;
    return x;
  }
  bool isNilable(uint32_t tid) const {
    switch (kind(tid)) {
      case RtKind::Chan:
      case RtKind::Func:
      case RtKind::Interface:
      case RtKind::Map:
      case RtKind::Pointer:
      case RtKind::Slice: return true;
      default: return false;
    }
  }
  bool isNil(const Val& v) const {
    if (!v.valid()) return true;
    RtKind k = kind(v.tid);
    if (k == RtKind::Interface) return true;  // a nil interface (non-nil ones are unwrapped)
    return isNilable(v.tid) && !v.v.o;
  }
  // Go's indirect: through pointers and interfaces to the first non-pointer
  // (or a nil pointer, with isNil).
  Val indirect(Val v, bool* isNilOut) const {
    *isNilOut = false;
    while (v.valid()) {
      RtKind k = kind(v.tid);
      if (k == RtKind::Interface) {
        *isNilOut = true;
        return v;
      }
      if (k != RtKind::Pointer) break;
      if (!v.v.o) {
        *isNilOut = true;
        return v;
      }
      Value p = v.v;
      uint32_t elem = ti_.under(v.tid).elem;
      v = load(ti_.loadPointee(p, v.tid), elem, p, true);
    }
    return v;
  }
  Val indirectInterface(const Val& v) const {
    if (v.valid() && kind(v.tid) == RtKind::Interface) return Val{};
    return v;
  }
  std::string sprint(const Val& v) {
    Value a = toIface(v, false);
    std::string out;
    if (!formatPrint(env_, out, &a, 1)) throw Propagate{};
    return out;
  }

  // ---- truth, length

  bool isTrue(const Val& v, bool* ok) const { return truthOf(ti_, v, ok); }
  bool truth(const Val& v) const {
    bool ok;
    return isTrue(indirectInterface(v), &ok);
  }

  // ---- fields and methods

  struct FieldPath {
    std::vector<std::pair<uint32_t, uint32_t>> steps;  // (field index, its type)
    bool exported = false;
  };
  // Go's FieldByName: the shallowest field of that name, through embedded
  // structs and pointers to structs; two at the same depth hide each other.
  bool findField(uint32_t structTid, const std::string& name, FieldPath* out) const {
    struct Level {
      uint32_t tid;
      std::vector<std::pair<uint32_t, uint32_t>> path;
    };
    std::vector<Level> cur{{structTid, {}}}, next;
    for (int depth = 0; depth < 32 && !cur.empty(); ++depth) {
      int found = 0;
      for (const Level& l : cur) {
        const vm::RtType& st = ti_.under(l.tid);
        for (uint32_t i = 0; i < st.fields.size(); ++i) {
          const vm::RtField& f = st.fields[i];
          if (f.name == name) {
            if (++found == 1) {
              out->steps = l.path;
              out->steps.push_back({i, f.tid});
              out->exported = f.exported;
            }
            continue;
          }
          if (!f.embedded) continue;
          uint32_t ft = f.tid;
          if (kind(ft) == RtKind::Pointer) ft = ti_.under(ft).elem;
          if (kind(ft) != RtKind::Struct) continue;
          Level nl{ft, l.path};
          nl.path.push_back({i, f.tid});
          next.push_back(std::move(nl));
        }
      }
      if (found == 1) return true;
      if (found > 1) return false;
      cur.swap(next);
      next.clear();
    }
    return false;
  }

  struct Method {
    const vm::RtMethod* m = nullptr;
    Value recv;
    uint32_t recvTid = 0;
  };
  // Go's ptr.MethodByName: the method set of the value, or of its address
  // when it is addressable.
  Method findMethod(const Val& r, const std::string& name) const {
    Method out;
    if (!r.valid() || kind(r.tid) == RtKind::Interface) return out;
    bool ptrLike = kind(r.tid) == RtKind::Pointer;
    if (!ptrLike && r.canAddr) {
      if (uint32_t pt = ti_.pointerTo(r.tid)) {
        if (const vm::RtMethod* m = ti_.methodByName(pt, name)) return Method{m, r.addr, pt};
      }
    }
    if (const vm::RtMethod* m = ti_.methodByName(r.tid, name)) return Method{m, r.v, r.tid};
    return out;
  }

  using Args = std::vector<const Node*>;

  Val evalField(const Val& dot, const std::string& name, const Node* node, const Args& args,
                const std::optional<Val>& final, const Val& receiver) {
    if (!receiver.valid()) {
      if (rq_.missingKey == MissingKey::Error)
        errorf("nil data; no entry for key " + quoteString(name, false));
      return Val{};
    }
    std::string typ = typeName(receiver.tid);
    bool nil;
    Val r = indirect(receiver, &nil);
    if (kind(r.tid) == RtKind::Interface && nil)
      errorf("nil pointer evaluating " + typ + "." + name);
    Method m = findMethod(r, name);
    if (m.m) return callMethod(dot, m, node, name, args, final);
    bool hasArgs = args.size() > 1 || final.has_value();
    switch (kind(r.tid)) {
      case RtKind::Struct: {
        FieldPath fp;
        if (!findField(r.tid, name, &fp)) break;
        if (!fp.exported) errorf(name + " is an unexported field of struct type " + typ);
        auto* obj = static_cast<vm::ArrayObj*>(r.v.o);
        bool canAddr = r.canAddr;
        Value raw;
        for (size_t k = 0; k < fp.steps.size(); ++k) {
          auto [idx, ftid] = fp.steps[k];
          raw = obj->get(idx);
          if (k + 1 == fp.steps.size()) {
            if (hasArgs) errorf(name + " has arguments but cannot be invoked as function");
            Value addr = canAddr ? ti_.addressOf(vm::Slot{obj, idx}, ftid) : Value();
            return load(raw, ftid, addr, canAddr);
          }
          if (kind(ftid) == RtKind::Pointer) {
            if (!raw.o)
              errorf("reflect: indirection through nil pointer to embedded struct field " +
                     ti_.under(ti_.under(ftid).elem).name);
            canAddr = true;
          }
          obj = static_cast<vm::ArrayObj*>(raw.o);
        }
        break;
      }
      case RtKind::Map: {
        const vm::RtType& mt = ti_.under(r.tid);
        bool stringKey = mt.key == vm::kTidString ||
                         (kind(mt.key) == RtKind::Interface && ti_.under(mt.key).methods.empty());
        if (!stringKey) break;
        if (hasArgs) errorf(name + " is not a method but has arguments");
        Value key = ctx_.newString(name);
        key.tid = vm::kTidString;
        Value* slot = r.v.o ? static_cast<vm::MapObj*>(r.v.o)->find(key) : nullptr;
        if (slot) return load(*slot, mt.elem);
        switch (rq_.missingKey) {
          case MissingKey::Invalid: return Val{};
          case MissingKey::Zero: return load(ti_.zero(mt.elem), mt.elem);
          case MissingKey::Error: errorf("map has no entry for key " + quoteString(name, false));
        }
        return Val{};
      }
      case RtKind::Pointer: {
        uint32_t et = ti_.under(r.tid).elem;
        FieldPath fp;
        if (kind(et) == RtKind::Struct && !findField(et, name, &fp)) break;
        if (nil) errorf("nil pointer evaluating " + typ + "." + name);
        break;
      }
      default: break;
    }
    errorf("can't evaluate field " + name + " in type " + typ);
  }

  // ---- commands and pipelines

  Val evalPipeline(const Val& dot, const Node* pipe) {
    if (!pipe) return Val{};
    at_ = pipe;
    if (vm::nativeStackExhausted())
      errorf("exceeded maximum template depth (" + std::to_string(kMaxExecDepth) + ")");
    std::optional<Val> value;
    for (const auto& cmd : pipe->nodes) {
      value = evalCommand(dot, cmd.get(), value);
      // A nil empty interface becomes the invalid value, as Go's
      // reflect.ValueOf(value.Interface()).
      if (value->valid() && kind(value->tid) == RtKind::Interface &&
          ti_.under(value->tid).methods.empty())
        value = Val{};
    }
    Val v = value.value_or(Val{});
    for (const auto& d : pipe->decl) {
      if (pipe->isAssign)
        setVar(d->ident[0], v);
      else
        vars_.push_back({d->ident[0], v});
    }
    return v;
  }

  void setVar(const std::string& name, const Val& v) {
    for (size_t i = vars_.size(); i-- > 0;) {
      if (vars_[i].first == name) {
        vars_[i].second = v;
        return;
      }
    }
    errorf("undefined variable: " + name);
  }
  Val varValue(const std::string& name) {
    for (size_t i = vars_.size(); i-- > 0;)
      if (vars_[i].first == name) return vars_[i].second;
    errorf("undefined variable: " + name);
  }

  void notAFunction(const Args& args, const std::optional<Val>& final) {
    if (args.size() > 1 || final) errorf("can't give argument to non-function " + args[0]->str());
  }

  Val evalCommand(const Val& dot, const Node* cmd, const std::optional<Val>& final) {
    const Node* first = cmd->nodes[0].get();
    Args args;
    for (const auto& a : cmd->nodes) args.push_back(a.get());
    switch (first->type) {
      case NodeType::Field: return evalFieldNode(dot, first, args, final);
      case NodeType::Chain: return evalChainNode(dot, first, args, final);
      case NodeType::Identifier: return evalFunction(dot, first, cmd, args, final);
      case NodeType::Pipe: notAFunction(args, final); return evalPipeline(dot, first);
      case NodeType::Variable: return evalVariableNode(dot, first, args, final);
      default: break;
    }
    at_ = first;
    notAFunction(args, final);
    switch (first->type) {
      case NodeType::Bool: return boolVal(first->boolVal);
      case NodeType::Dot: return dot;
      case NodeType::Nil: errorf("nil is not a command");
      case NodeType::Number: return idealConstant(first);
      case NodeType::String: return stringVal(first->text);
      default: break;
    }
    errorf("can't evaluate command " + quoteString(first->str(), false));
  }

  Val idealConstant(const Node* n) {
    at_ = n;
    const std::string& text = n->text;
    if (n->isComplex) {
      // complex128 has no fixed tid: the program's, when it registered one.
      const auto& types = ti_.program().types;
      for (uint32_t t = vm::kFirstDynamicTid; t < types.size(); ++t) {
        if (types[t].kind == RtKind::Complex128 && !types[t].named) {
          Value c = vm::newComplex(ctx_.vm.heap(), vm::Complex{n->f64, n->imag});
          c.tid = t;
          ctx_.g->pins.push_back(c);
          return Val{c, t};
        }
      }
      errorf("complex constant " + text + " needs complex128, which the program never uses");
    }
    bool hexInt = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                  text.find_first_of("pP") == std::string::npos;
    bool runeInt = !text.empty() && text[0] == '\'';
    if (n->isFloat && !hexInt && !runeInt && text.find_first_of(".eEpP") != std::string::npos)
      return Val{Value::ofFloat(n->f64), vm::kTidFloat64};
    if (n->isInt) return intVal(n->i64);
    if (n->isUint) errorf(text + " overflows int");
    return Val{};
  }

  Val evalFieldNode(const Val& dot, const Node* field, const Args& args,
                    const std::optional<Val>& final) {
    at_ = field;
    return evalFieldChain(dot, dot, field, field->ident, 0, args, final);
  }
  Val evalChainNode(const Val& dot, const Node* chain, const Args& args,
                    const std::optional<Val>& final) {
    at_ = chain;
    if (chain->pipe->type == NodeType::Nil)
      errorf("indirection through explicit nil in " + chain->str());
    Val pipe = evalArg(dot, 0, chain->pipe.get());
    return evalFieldChain(dot, pipe, chain, chain->ident, 0, args, final);
  }
  Val evalVariableNode(const Val& dot, const Node* var, const Args& args,
                       const std::optional<Val>& final) {
    at_ = var;
    Val value = varValue(var->ident[0]);
    if (var->ident.size() == 1) {
      notAFunction(args, final);
      return value;
    }
    return evalFieldChain(dot, value, var, var->ident, 1, args, final);
  }
  Val evalFieldChain(const Val& dot, Val receiver, const Node* node,
                     const std::vector<std::string>& ident, size_t from, const Args& args,
                     const std::optional<Val>& final) {
    size_t n = ident.size();
    for (size_t i = from; i + 1 < n; ++i)
      receiver = evalField(dot, ident[i], node, Args{}, std::nullopt, receiver);
    return evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  Val evalFunction(const Val& dot, const Node* node, const Node* cmd, const Args& args,
                   const std::optional<Val>& final) {
    at_ = node;
    const std::string& name = node->text;
    Value fn;
    if (lookupFunc(name, &fn)) return callFunc(dot, fn, cmd, name, args, final);
    if (const BuiltinInfo* b = findBuiltin(name)) return callBuiltin(dot, *b, cmd, args, final);
    errorf(quoteString(name, false) + " is not a defined function");
  }

  bool lookupFunc(const std::string& name, Value* fn) {
    if (!rq_.funcs.o) return false;
    Value key = ctx_.newString(name);
    key.tid = vm::kTidString;
    Value* slot = static_cast<vm::MapObj*>(rq_.funcs.o)->find(key);
    if (!slot || slot->tid == 0) return false;
    *fn = *slot;
    return true;
  }

  // ---- calls

  // The arguments of a call of a function of type ftid, evaluated and
  // checked as Go's evalCall does.
  std::vector<Val> callArgs(const Val& dot, const vm::RtType& ft, const std::string& name,
                            const Args& args, const std::optional<Val>& final) {
    size_t nargs = args.empty() ? 0 : args.size() - 1;
    size_t numIn = nargs + (final ? 1 : 0);
    size_t nparams = ft.params.size();
    size_t numFixed = nargs;
    if (ft.variadic) {
      numFixed = nparams - 1;
      if (numIn < numFixed)
        errorf("wrong number of args for " + name + ": want at least " +
               std::to_string(nparams - 1) + " got " + std::to_string(nargs));
    } else if (numIn != nparams) {
      errorf("wrong number of args for " + name + ": want " + std::to_string(nparams) + " got " +
             std::to_string(numIn));
    }
    bool good =
        ft.results.size() == 1 || (ft.results.size() == 2 && ft.results[1] == vm::kTidError);
    if (!good)
      errorf("can't call method/function " + quoteString(name, false) + " with " +
             std::to_string(ft.results.size()) + " results");
    std::vector<Val> argv;
    size_t i = 0;
    for (; i < numFixed && i < nargs; ++i) argv.push_back(evalArg(dot, ft.params[i], args[i + 1]));
    if (ft.variadic) {
      uint32_t et = ti_.under(ft.params.back()).elem;
      for (; i < nargs; ++i) argv.push_back(evalArg(dot, et, args[i + 1]));
    }
    if (final) {
      uint32_t t = ft.params.back();
      if (ft.variadic) t = numIn - 1 < numFixed ? ft.params[numIn - 1] : ti_.under(t).elem;
      argv.push_back(validateType(*final, t));
    }
    return argv;
  }

  // The registers of a call: each argument as its parameter's type holds
  // it, the variadic ones in one slice.
  std::vector<Value> callRegs(const vm::RtType& ft, std::vector<Val>& argv) {
    std::vector<Value> regs;
    size_t nfixed = ft.variadic ? ft.params.size() - 1 : ft.params.size();
    auto asParam = [&](const Val& v, uint32_t pt) {
      if (kind(pt) == RtKind::Interface) return toIface(v, true);
      Value x = v.v;
      if (ti_.type(pt).aggregate && x.o) {
        x = ctx_.vm.deepCopy(x);
        ctx_.g->pins.push_back(x);
      }
      return x;
    };
    for (size_t k = 0; k < nfixed && k < argv.size(); ++k)
      regs.push_back(asParam(argv[k], ft.params[k]));
    if (ft.variadic) {
      uint32_t st = ft.params.back();
      uint32_t et = ti_.under(st).elem;
      size_t n = argv.size() > nfixed ? argv.size() - nfixed : 0;
      Value slice = ctx_.newSlice(st, uint32_t(n));
      ctx_.g->pins.push_back(slice);
      auto* s = static_cast<vm::SliceObj*>(slice.o);
      for (size_t k = 0; k < n; ++k)
        s->array->set(s->off + uint32_t(k), asParam(argv[nfixed + k], et));
      regs.push_back(slice);
    }
    return regs;
  }

  // After a failed call: Go's safeCall recovers the panic and reports it as
  // the call's error; a fatal error propagates.
  Value recoverCallPanic(size_t panicsBefore, std::string* text) {
    vm::Goroutine* g = ctx_.g;
    if (g->panics.size() > panicsBefore && !g->hasPendingPanic) {
      Value pv = g->panics.back().value;
      g->pins.push_back(pv);
      g->panics.resize(panicsBefore);
      if (pv.tid && ti_.implements(pv.tid, vm::kTidError)) {
        std::string s;
        if (!env_.callStringMethod(pv, "Error", s)) throw Propagate{};
        *text = s;
        return pv;
      }
      std::string s;
      if (!formatPrint(env_, s, &pv, 1)) throw Propagate{};
      *text = s;
      return Value();
    }
    throw Propagate{};
  }

  Val finishCall(const vm::RtType& ft, Value* results, bool ok, size_t panicsBefore,
                 const Node* node, const std::string& name) {
    if (!ok) {
      std::string text;
      Value wrapped = recoverCallPanic(panicsBefore, &text);
      at_ = node;
      errorf("error calling " + name + ": " + text, wrapped);
    }
    if (ft.results.size() == 2 && results[1].tid != 0) {
      std::string text;
      if (!env_.callStringMethod(results[1], "Error", text)) throw Propagate{};
      at_ = node;
      errorf("error calling " + name + ": " + text, results[1]);
    }
    return load(results[0], ft.results[0]);
  }

  Val callFunc(const Val& dot, const Value& fn, const Node* node, const std::string& name,
               const Args& args, const std::optional<Val>& final) {
    const vm::RtType& ft = ti_.under(fn.tid);
    std::vector<Val> argv = callArgs(dot, ft, name, args, final);
    std::vector<Value> regs = callRegs(ft, argv);
    Value results[2];
    size_t before = ctx_.g->panics.size();
    bool ok =
        ctx_.call(fn, regs.data(), uint32_t(regs.size()), results, uint32_t(ft.results.size()));
    return finishCall(ft, results, ok, before, node, name);
  }

  Val callMethod(const Val& dot, const Method& m, const Node* node, const std::string& name,
                 const Args& args, const std::optional<Val>& final) {
    if (m.m->typeTid == 0) errorf("can't call method " + name + " (no type information)");
    const vm::RtType& ft = ti_.under(m.m->typeTid);
    std::vector<Val> argv = callArgs(dot, ft, name, args, final);
    std::vector<Value> regs = callRegs(ft, argv);
    Value results[2];
    size_t before = ctx_.g->panics.size();
    bool ok = ti_.call(*m.m, m.recv, m.recvTid, regs.data(), uint32_t(regs.size()), results,
                       uint32_t(ft.results.size()));
    return finishCall(ft, results, ok, before, node, name);
  }

  // ---- arguments

  bool assignable(uint32_t from, uint32_t to) const {
    if (from == to) return true;
    if (kind(to) == RtKind::Interface) return ti_.implements(from, to);
    const vm::RtType& f = ti_.type(from);
    const vm::RtType& t = ti_.type(to);
    return f.underlying == t.underlying && (!f.named || !t.named);
  }

  // typ 0: any value goes (Go's nil type in evalChainNode).
  Val validateType(const Val& value, uint32_t typ) {
    if (!value.valid() || (kind(value.tid) == RtKind::Interface)) {
      if (typ == 0) return Val{};
      if (isNilable(typ)) return load(Value(), typ);
      errorf("invalid value; expected " + typeName(typ));
    }
    if (typ == 0 || assignable(value.tid, typ)) return value;
    if (kind(value.tid) == RtKind::Pointer && assignable(ti_.under(value.tid).elem, typ)) {
      if (!value.v.o) errorf("dereference of nil pointer of type " + typeName(typ));
      bool nil;
      Val inner = value;
      uint32_t elem = ti_.under(value.tid).elem;
      (void)nil;
      return load(ti_.loadPointee(inner.v, inner.tid), elem, inner.v, true);
    }
    if (value.canAddr) {
      uint32_t pt = ti_.pointerTo(value.tid);
      if (pt && assignable(pt, typ)) return Val{value.addr, pt};
    }
    errorf("wrong type for value; expected " + typeName(typ) + "; got " + typeName(value.tid));
  }

  Val evalArg(const Val& dot, uint32_t typ, const Node* n) {
    at_ = n;
    switch (n->type) {
      case NodeType::Dot: return validateType(dot, typ);
      case NodeType::Nil:
        if (typ != 0 && isNilable(typ)) return load(Value(), typ);
        errorf("cannot assign nil to " + (typ ? typeName(typ) : std::string("<nil>")));
      case NodeType::Field: return validateType(evalFieldNode(dot, n, Args{n}, std::nullopt), typ);
      case NodeType::Variable:
        return validateType(evalVariableNode(dot, n, Args{}, std::nullopt), typ);
      case NodeType::Pipe: return validateType(evalPipeline(dot, n), typ);
      case NodeType::Identifier:
        return validateType(evalFunction(dot, n, n, Args{n}, std::nullopt), typ);
      case NodeType::Chain: return validateType(evalChainNode(dot, n, Args{}, std::nullopt), typ);
      default: break;
    }
    if (typ == 0) return evalEmptyInterface(dot, n);
    RtKind k = kind(typ);
    switch (k) {
      case RtKind::Bool:
        if (n->type == NodeType::Bool) return Val{Value::ofBool(n->boolVal), typ};
        errorf("expected bool; found " + n->str());
      case RtKind::String:
        if (n->type == NodeType::String) {
          Val s = stringVal(n->text);
          s.tid = typ;
          s.v.tid = typ;
          return s;
        }
        errorf("expected string; found " + n->str());
      case RtKind::Float32:
      case RtKind::Float64:
        if (n->type == NodeType::Number && n->isFloat)
          return Val{Value::ofFloat(k == RtKind::Float32 ? double(float(n->f64)) : n->f64), typ};
        errorf("expected float; found " + n->str());
      case RtKind::Interface:
        if (ti_.under(typ).methods.empty()) return evalEmptyInterface(dot, n);
        break;
      case RtKind::Complex64:
      case RtKind::Complex128: errorf("expected complex; found " + n->str());
      default:
        if (vm::isIntKind(k)) {
          if (n->type == NodeType::Number && n->isInt)
            return Val{Value::ofInt(truncInt(n->i64, k)), typ};
          errorf("expected integer; found " + n->str());
        }
        if (vm::isUintKind(k)) {
          if (n->type == NodeType::Number && n->isUint)
            return Val{Value::ofInt(int64_t(truncUint(n->u64, k))), typ};
          errorf("expected unsigned integer; found " + n->str());
        }
        break;
    }
    errorf("can't handle " + n->str() + " for arg of type " + typeName(typ));
  }

  static int64_t truncInt(int64_t v, RtKind k) {
    switch (vm::kindBits(k)) {
      case 8: return int8_t(v);
      case 16: return int16_t(v);
      case 32: return int32_t(v);
      default: return v;
    }
  }
  static uint64_t truncUint(uint64_t v, RtKind k) {
    switch (vm::kindBits(k)) {
      case 8: return uint8_t(v);
      case 16: return uint16_t(v);
      case 32: return uint32_t(v);
      default: return v;
    }
  }

  Val evalEmptyInterface(const Val& dot, const Node* n) {
    at_ = n;
    switch (n->type) {
      case NodeType::Bool: return boolVal(n->boolVal);
      case NodeType::Dot: return dot;
      case NodeType::Field: return evalFieldNode(dot, n, Args{}, std::nullopt);
      case NodeType::Identifier: return evalFunction(dot, n, n, Args{n}, std::nullopt);
      case NodeType::Nil: errorf("evalEmptyInterface: nil (can't happen)");
      case NodeType::Number: return idealConstant(n);
      case NodeType::String: return stringVal(n->text);
      case NodeType::Variable: return evalVariableNode(dot, n, Args{}, std::nullopt);
      case NodeType::Pipe: return evalPipeline(dot, n);
      default: break;
    }
    errorf("can't handle assignment of " + n->str() + " to empty interface argument");
  }

  // A builtin's argument (Go's reflect.Value and any parameters).
  Val builtinArg(const Val& dot, const Node* n) {
    at_ = n;
    if (n->type == NodeType::Nil) return Val{};
    return evalArg(dot, 0, n);
  }

  // ---- builtins

  Val callBuiltin(const Val& dot, const BuiltinInfo& b, const Node* node, const Args& args,
                  const std::optional<Val>& final) {
    const std::string name = b.name;
    size_t nargs = args.size() - 1;
    size_t numIn = nargs + (final ? 1 : 0);
    if (b.variadic) {
      if (numIn < size_t(b.fixed))
        errorf("wrong number of args for " + name + ": want at least " + std::to_string(b.fixed) +
               " got " + std::to_string(nargs));
    } else if (numIn != size_t(b.fixed)) {
      errorf("wrong number of args for " + name + ": want " + std::to_string(b.fixed) + " got " +
             std::to_string(numIn));
    }
    if (b.id == Builtin::And || b.id == Builtin::Or) {
      Val v;
      for (size_t i = 1; i < args.size(); ++i) {
        v = builtinArg(dot, args[i]);
        if (truth(v) == (b.id == Builtin::Or)) return v;
      }
      if (final) v = *final;
      return v;
    }
    std::vector<Val> argv;
    for (size_t i = 1; i < args.size(); ++i) {
      if (b.id == Builtin::Printf && i == 1) {
        argv.push_back(evalArg(dot, vm::kTidString, args[i]));
        continue;
      }
      argv.push_back(builtinArg(dot, args[i]));
    }
    if (final) {
      if (b.id == Builtin::Printf && argv.empty())
        argv.push_back(validateType(*final, vm::kTidString));
      else
        argv.push_back(*final);
    }
    std::string err;
    Val result = runBuiltin(b.id, argv, &err);
    if (!err.empty()) {
      at_ = node;
      errorf("error calling " + name + ": " + err);
    }
    return result;
  }

  Basic basicKind(const Val& v) const {
    if (!v.valid()) return Basic::Invalid;
    RtKind k = kind(v.tid);
    if (k == RtKind::Bool) return Basic::Bool;
    if (vm::isIntKind(k)) return Basic::Int;
    if (vm::isUintKind(k)) return Basic::Uint;
    if (k == RtKind::Float32 || k == RtKind::Float64) return Basic::Float;
    if (k == RtKind::Complex64 || k == RtKind::Complex128) return Basic::Complex;
    if (k == RtKind::String) return Basic::String;
    return Basic::Invalid;
  }

  bool eq(Val a1, const std::vector<Val>& rest, std::string* err) {
    a1 = indirectInterface(a1);
    if (rest.empty()) {
      *err = "missing argument for comparison";
      return false;
    }
    Basic k1 = basicKind(a1);
    for (Val a : rest) {
      a = indirectInterface(a);
      Basic k2 = basicKind(a);
      bool t = false;
      if (k1 != k2) {
        if (k1 == Basic::Int && k2 == Basic::Uint) {
          t = a1.v.i >= 0 && a1.v.u == a.v.u;
        } else if (k1 == Basic::Uint && k2 == Basic::Int) {
          t = a.v.i >= 0 && a1.v.u == a.v.u;
        } else if (a1.valid() && a.valid()) {
          *err = "incompatible types for comparison";
          return false;
        }
      } else {
        switch (k1) {
          case Basic::Bool:
          case Basic::Int:
          case Basic::Uint: t = a1.v.i == a.v.i; break;
          case Basic::Float: t = a1.v.f == a.v.f; break;
          case Basic::String: t = vm::strView(a1.v) == vm::strView(a.v); break;
          case Basic::Complex: {
            vm::Complex x = vm::complexOf(a1.v), y = vm::complexOf(a.v);
            t = x.re == y.re && x.im == y.im;
            break;
          }
          case Basic::Invalid: {
            bool bothValid = a1.valid() && a.valid();
            if (bothValid && kind(a1.tid) != kind(a.tid)) {
              *err = "non-comparable types " + sprint(a1) + ": " + typeName(a1.tid) + ", " +
                     typeName(a.tid) + ": " + sprint(a);
              return false;
            }
            if (isNil(a1) || isNil(a)) {
              t = isNil(a) == isNil(a1);
            } else {
              if (!ti_.type(a.tid).comparable) {
                *err = "non-comparable type " + sprint(a) + ": " + typeName(a.tid);
                return false;
              }
              uint32_t bad = 0;
              t = a1.tid == a.tid && vm::equalByType(ti_.program().types, a1.tid, a1.v, a.v, &bad);
            }
            break;
          }
        }
      }
      if (t) return true;
    }
    return false;
  }

  bool lt(Val a1, Val a2, std::string* err) {
    a1 = indirectInterface(a1);
    a2 = indirectInterface(a2);
    Basic k1 = basicKind(a1), k2 = basicKind(a2);
    if (k1 == Basic::Invalid || k2 == Basic::Invalid) {
      *err = "invalid type for comparison";
      return false;
    }
    if (k1 != k2) {
      if (k1 == Basic::Int && k2 == Basic::Uint) return a1.v.i < 0 || a1.v.u < a2.v.u;
      if (k1 == Basic::Uint && k2 == Basic::Int) return a2.v.i >= 0 && a1.v.u < a2.v.u;
      *err = "incompatible types for comparison";
      return false;
    }
    switch (k1) {
      case Basic::Bool:
      case Basic::Complex: *err = "invalid type for comparison"; return false;
      case Basic::Float: return a1.v.f < a2.v.f;
      case Basic::Int: return a1.v.i < a2.v.i;
      case Basic::String: return vm::strView(a1.v) < vm::strView(a2.v);
      case Basic::Uint: return a1.v.u < a2.v.u;
      default: return false;
    }
  }

  // Go's evalArgs for html, js and urlquery.
  std::string argsText(const std::vector<Val>& argv) {
    if (argv.size() == 1 && argv[0].tid == vm::kTidString)
      return std::string(vm::strView(argv[0].v));
    std::vector<Value> ifaces;
    for (const Val& a : argv) {
      Val p = printable(a, nullptr);
      ifaces.push_back(toIface(p, false));
    }
    std::string out;
    if (!formatPrint(env_, out, ifaces.data(), ifaces.size())) throw Propagate{};
    return out;
  }

  std::vector<Value> printArgs(const std::vector<Val>& argv, size_t from) {
    std::vector<Value> out;
    for (size_t k = from; k < argv.size(); ++k) out.push_back(toIface(argv[k], false));
    return out;
  }

  Val runBuiltin(Builtin id, std::vector<Val>& argv, std::string* err) {
    switch (id) {
      case Builtin::Not: return boolVal(!truth(argv[0]));
      case Builtin::Len: return intVal(length(argv[0], err));
      case Builtin::Index: return index(argv, err);
      case Builtin::Slice: return slice(argv, err);
      case Builtin::Eq: {
        std::vector<Val> rest(argv.begin() + 1, argv.end());
        return boolVal(eq(argv[0], rest, err));
      }
      case Builtin::Ne: return boolVal(!eq(argv[0], {argv[1]}, err));
      case Builtin::Lt: return boolVal(lt(argv[0], argv[1], err));
      case Builtin::Le: {
        bool t = lt(argv[0], argv[1], err);
        if (t || !err->empty()) return boolVal(t);
        return boolVal(eq(argv[0], {argv[1]}, err));
      }
      case Builtin::Gt: {
        bool t = lt(argv[0], argv[1], err);
        if (!err->empty()) return boolVal(false);
        if (t) return boolVal(false);
        return boolVal(!eq(argv[0], {argv[1]}, err));
      }
      case Builtin::Ge: {
        bool t = lt(argv[0], argv[1], err);
        return boolVal(err->empty() && !t);
      }
      case Builtin::Print:
      case Builtin::Println: {
        std::vector<Value> a = printArgs(argv, 0);
        std::string out;
        bool ok = id == Builtin::Print ? formatPrint(env_, out, a.data(), a.size())
                                       : formatPrintln(env_, out, a.data(), a.size());
        if (!ok) throw Propagate{};
        return stringVal(out);
      }
      case Builtin::Printf: {
        std::vector<Value> a = printArgs(argv, 1);
        std::string out;
        if (!formatPrintf(env_, out, vm::strView(argv[0].v), a.data(), a.size())) throw Propagate{};
        return stringVal(out);
      }
      case Builtin::Html: return stringVal(htmlEscapeString(argsText(argv)));
      case Builtin::Js: return stringVal(jsEscapeString(argsText(argv)));
      case Builtin::Urlquery: return stringVal(queryEscape(argsText(argv)));
      case Builtin::Call: return call(argv, err);
      default: break;
    }
    return Val{};
  }

  int64_t length(const Val& item0, std::string* err) {
    bool nil;
    Val item = indirect(item0, &nil);
    if (nil) {
      *err = "len of nil pointer";
      return 0;
    }
    if (item.valid()) {
      const vm::RtType& t = ti_.under(item.tid);
      switch (t.kind) {
        case RtKind::Array: return t.len;
        case RtKind::Slice: return vm::sliceLen(item.v);
        case RtKind::String: return int64_t(vm::strView(item.v).size());
        case RtKind::Map: return item.v.o ? static_cast<vm::MapObj*>(item.v.o)->size() : 0;
        case RtKind::Chan:
          return item.v.o ? int64_t(static_cast<runtime::ChanObj*>(item.v.o)->count) : 0;
        default: break;
      }
    }
    *err = "len of type " + (item.valid() ? typeName(item.tid) : std::string("<nil>"));
    return 0;
  }

  bool indexArg(const Val& index, int64_t cap, int64_t* x, std::string* err) {
    Basic k = basicKind(index);
    if (k == Basic::Int || k == Basic::Uint) {
      *x = index.v.i;
    } else if (!index.valid()) {
      *err = "cannot index slice/array with nil";
      return false;
    } else {
      *err = "cannot index slice/array with type " + typeName(index.tid);
      return false;
    }
    if (*x < 0 || *x > cap) {
      *err = "index out of range: " + std::to_string(*x);
      return false;
    }
    return true;
  }

  Val index(std::vector<Val>& argv, std::string* err) {
    Val item = indirectInterface(argv[0]);
    if (!item.valid()) {
      *err = "index of untyped nil";
      return Val{};
    }
    for (size_t k = 1; k < argv.size(); ++k) {
      Val idx = indirectInterface(argv[k]);
      bool nil;
      item = indirect(item, &nil);
      if (nil) {
        *err = "index of nil pointer";
        return Val{};
      }
      const vm::RtType& t = ti_.under(item.tid);
      switch (t.kind) {
        case RtKind::Array:
        case RtKind::Slice:
        case RtKind::String: {
          int64_t len = t.kind == RtKind::Array   ? t.len
                        : t.kind == RtKind::Slice ? vm::sliceLen(item.v)
                                                  : int64_t(vm::strView(item.v).size());
          int64_t x;
          if (!indexArg(idx, len, &x, err)) return Val{};
          if (x == len) {
            *err = "reflect: " +
                   std::string(t.kind == RtKind::String  ? "string"
                               : t.kind == RtKind::Slice ? "slice"
                                                         : "array") +
                   " index out of range";
            return Val{};
          }
          if (t.kind == RtKind::String) {
            item = Val{Value::ofInt((unsigned char)vm::strView(item.v)[size_t(x)]), vm::kTidUint8};
          } else if (t.kind == RtKind::Slice) {
            auto* s = static_cast<vm::SliceObj*>(item.v.o);
            uint32_t at = s->off + uint32_t(x);
            item = load(s->array->get(at), t.elem, ti_.addressOf(vm::Slot{s->array, at}, t.elem),
                        true);
          } else {
            auto* a = static_cast<vm::ArrayObj*>(item.v.o);
            bool canAddr = item.canAddr;
            item =
                load(a->get(uint32_t(x)), t.elem,
                     canAddr ? ti_.addressOf(vm::Slot{a, uint32_t(x)}, t.elem) : Value(), canAddr);
          }
          break;
        }
        case RtKind::Map: {
          Val key = idx;
          if (!key.valid()) {
            if (!isNilable(t.key)) {
              *err = "value is nil; should be of type " + typeName(t.key);
              return Val{};
            }
            key = load(Value(), t.key);
          } else if (!assignable(key.tid, t.key)) {
            bool intLike = (vm::isIntKind(kind(key.tid)) || vm::isUintKind(kind(key.tid))) &&
                           (vm::isIntKind(kind(t.key)) || vm::isUintKind(kind(t.key)));
            if (!intLike) {
              *err = "value has type " + typeName(key.tid) + "; should be " + typeName(t.key);
              return Val{};
            }
            key = Val{Value::ofInt(key.v.i), t.key};
          }
          Value kv = kind(t.key) == RtKind::Interface ? toIface(key, false) : key.v;
          Value* slot = item.v.o ? static_cast<vm::MapObj*>(item.v.o)->find(kv) : nullptr;
          item = slot ? load(*slot, t.elem) : load(ti_.zero(t.elem), t.elem);
          break;
        }
        default: *err = "can't index item of type " + typeName(item.tid); return Val{};
      }
    }
    return item;
  }

  Val slice(std::vector<Val>& argv, std::string* err) {
    Val item = indirectInterface(argv[0]);
    if (!item.valid()) {
      *err = "slice of untyped nil";
      return Val{};
    }
    size_t nidx = argv.size() - 1;
    if (nidx > 3) {
      *err = "too many slice indexes: " + std::to_string(nidx);
      return Val{};
    }
    const vm::RtType& t = ti_.under(item.tid);
    int64_t cap = 0, len = 0;
    switch (t.kind) {
      case RtKind::String:
        if (nidx == 3) {
          *err = "cannot 3-index slice a string";
          return Val{};
        }
        cap = len = int64_t(vm::strView(item.v).size());
        break;
      case RtKind::Slice: {
        auto* s = static_cast<vm::SliceObj*>(item.v.o);
        len = s ? s->len : 0;
        cap = s ? s->cap : 0;
        break;
      }
      case RtKind::Array:
        if (!item.canAddr) {
          *err = "reflect.Value.Slice: slice of unaddressable array";
          return Val{};
        }
        cap = len = t.len;
        break;
      default: *err = "can't slice item of type " + typeName(item.tid); return Val{};
    }
    int64_t idx[3] = {0, len, cap};
    for (size_t i = 0; i < nidx; ++i)
      if (!indexArg(argv[i + 1], cap, &idx[i], err)) return Val{};
    if (idx[0] > idx[1]) {
      *err = "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]);
      return Val{};
    }
    if (nidx == 3 && idx[1] > idx[2]) {
      *err = "invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]);
      return Val{};
    }
    int64_t newCap = nidx == 3 ? idx[2] : cap;
    if (t.kind == RtKind::String) {
      Val s = stringVal(vm::strView(item.v).substr(size_t(idx[0]), size_t(idx[1] - idx[0])));
      s.tid = item.tid;
      s.v.tid = item.tid;
      return s;
    }
    vm::ArrayObj* arr;
    uint32_t off = 0;
    uint32_t st = item.tid;
    if (t.kind == RtKind::Slice) {
      auto* s = static_cast<vm::SliceObj*>(item.v.o);
      if (!s) return item;
      arr = s->array;
      off = s->off;
    } else {
      arr = static_cast<vm::ArrayObj*>(item.v.o);
      st = ti_.sliceOf(t.elem);
      if (!st) {
        *err = "can't slice item of type " + typeName(item.tid);
        return Val{};
      }
    }
    vm::SliceObj* ns = ctx_.vm.heap().newSlice(
        arr, off + uint32_t(idx[0]), uint32_t(idx[1] - idx[0]), uint32_t(newCap - idx[0]));
    Value v = Value::ofRef(ns, st);
    return Val{v, st};
  }

  Val call(std::vector<Val>& argv, std::string* err) {
    Val fn = indirectInterface(argv[0]);
    if (!fn.valid()) {
      *err = "call of nil";
      return Val{};
    }
    if (kind(fn.tid) != RtKind::Func) {
      *err = "non-function of type " + typeName(fn.tid);
      return Val{};
    }
    const vm::RtType& ft = ti_.under(fn.tid);
    if (!(ft.results.size() == 1 || (ft.results.size() == 2 && ft.results[1] == vm::kTidError))) {
      *err =
          "function called with " + std::to_string(ft.results.size()) + " args; should be 1 or 2";
      return Val{};
    }
    size_t nargs = argv.size() - 1, numIn = ft.params.size();
    if (ft.variadic) {
      if (nargs < numIn - 1) {
        *err = "wrong number of args: got " + std::to_string(nargs) + " want at least " +
               std::to_string(numIn - 1);
        return Val{};
      }
    } else if (nargs != numIn) {
      *err =
          "wrong number of args: got " + std::to_string(nargs) + " want " + std::to_string(numIn);
      return Val{};
    }
    if (!fn.v.o) {
      *err = "call of nil";
      return Val{};
    }
    std::vector<Val> args;
    for (size_t i = 0; i < nargs; ++i) {
      uint32_t pt = ft.variadic && i >= numIn - 1 ? ti_.under(ft.params.back()).elem : ft.params[i];
      Val a = argv[i + 1];
      if (!a.valid() || kind(a.tid) == RtKind::Interface) {
        if (!isNilable(pt)) {
          *err = "arg " + std::to_string(i) + ": value is nil; should be of type " + typeName(pt);
          return Val{};
        }
        a = load(Value(), pt);
      } else if (!assignable(a.tid, pt)) {
        bool intLike = (vm::isIntKind(kind(a.tid)) || vm::isUintKind(kind(a.tid))) &&
                       (vm::isIntKind(kind(pt)) || vm::isUintKind(kind(pt)));
        if (!intLike) {
          *err = "arg " + std::to_string(i) + ": value has type " + typeName(a.tid) +
                 "; should be " + typeName(pt);
          return Val{};
        }
        a = Val{Value::ofInt(a.v.i), pt};
      }
      args.push_back(a);
    }
    std::vector<Value> regs = callRegs(ft, args);
    Value results[2];
    size_t before = ctx_.g->panics.size();
    if (!ctx_.call(fn.v, regs.data(), uint32_t(regs.size()), results,
                   uint32_t(ft.results.size()))) {
      std::string text;
      recoverCallPanic(before, &text);
      *err = text;
      return Val{};
    }
    if (ft.results.size() == 2 && results[1].tid != 0) {
      std::string text;
      if (!env_.callStringMethod(results[1], "Error", text)) throw Propagate{};
      *err = text;
      return Val{};
    }
    return load(results[0], ft.results[0]);
  }

  // ---- printing

  bool hasStringMethod(uint32_t tid) const {
    vm::MethodKey errKey = ti_.methodKey("Error", "func() string");
    vm::MethodKey strKey = ti_.methodKey("String", "func() string");
    return ti_.method(tid, errKey) || ti_.method(tid, strKey);
  }

  // Go's printableValue; ok false for channels and functions.
  Val printable(const Val& v0, bool* ok) {
    if (ok) *ok = true;
    Val v = v0;
    if (v.valid() && kind(v.tid) == RtKind::Pointer) {
      bool nil;
      v = indirect(v, &nil);
    }
    if (!v.valid()) return stringVal("<no value>");
    if (kind(v.tid) == RtKind::Interface) return v;
    if (!hasStringMethod(v.tid)) {
      uint32_t pt = ti_.pointerTo(v.tid);
      if (v.canAddr && pt && hasStringMethod(pt)) return Val{v.addr, pt};
      RtKind k = kind(v.tid);
      if ((k == RtKind::Chan || k == RtKind::Func) && ok) *ok = false;
    }
    return v;
  }

  void printValue(const Node* n, const Val& v) {
    at_ = n;
    if (rq_.html && (!v.valid() || kind(v.tid) == RtKind::Interface)) {
      // html/template's escapers skip an untyped nil (Go issue 25875).
      emitEscaped(stringVal(""));
      return;
    }
    bool ok;
    Val p = printable(v, &ok);
    if (!ok) errorf("can't print " + n->str() + " of type " + typeName(v.tid));
    if (rq_.html) {
      emitEscaped(p);
      return;
    }
    Value a = toIface(p, false);
    if (!formatPrint(env_, res_.out, &a, 1)) throw Propagate{};
  }

  // html/template: the value's text escaped for where the output is.
  void emitEscaped(const Val& p) {
    std::string text;
    ContentType ct = ContentType::Plain;
    if (p.valid() && kind(p.tid) == RtKind::String) ct = contentTypeOf(typeName(p.tid));
    if (ct != ContentType::Plain) {
      text = std::string(vm::strView(p.v));
    } else {
      Value a = toIface(p, false);
      if (!formatPrint(env_, text, &a, 1)) throw Propagate{};
    }
    std::string err;
    res_.out += html_.escape(text, ct, p.valid() && kind(p.tid) == RtKind::String, &err);
    if (!err.empty()) errorf(err);
  }

  void writeText(const std::string& text) {
    if (rq_.html) {
      html_.text(text, res_.out);
      return;
    }
    res_.out += text;
  }

  // ---- walking

  Flow walk(const Val& dot, const Node* node) {
    at_ = node;
    if (vm::nativeStackExhausted())
      errorf("exceeded maximum template depth (" + std::to_string(kMaxExecDepth) + ")");
    switch (node->type) {
      case NodeType::Action: {
        Val v = evalPipeline(dot, node->pipe.get());
        if (node->pipe->decl.empty()) printValue(node, v);
        return Flow::Normal;
      }
      case NodeType::Break: return Flow::Break;
      case NodeType::Continue: return Flow::Continue;
      case NodeType::Comment: return Flow::Normal;
      case NodeType::If:
      case NodeType::With: return walkIfOrWith(dot, node);
      case NodeType::List:
        for (const auto& c : node->nodes) {
          Flow f = walk(dot, c.get());
          if (f != Flow::Normal) return f;
        }
        return Flow::Normal;
      case NodeType::Range: return walkRange(dot, node);
      case NodeType::Template: walkTemplate(dot, node); return Flow::Normal;
      case NodeType::Text: writeText(node->text); return Flow::Normal;
      default: errorf("unknown node: " + node->str());
    }
  }

  Flow walkIfOrWith(const Val& dot, const Node* node) {
    size_t mark = vars_.size();
    Val val = evalPipeline(dot, node->pipe.get());
    bool ok;
    bool t = isTrue(indirectInterface(val), &ok);
    if (!ok) errorf("if/with can't use " + sprint(val));
    Flow f = Flow::Normal;
    if (t)
      f = walk(node->type == NodeType::With ? val : dot, node->list.get());
    else if (node->elseList)
      f = walk(dot, node->elseList.get());
    vars_.resize(mark);
    return f;
  }

  // One iteration of a range body; false when {{break}} ends the loop.
  bool iterate(const Node* r, size_t mark, const Val& index, const Val& elem) {
    const auto& decl = r->pipe->decl;
    if (r->pipe->isAssign) {
      // {{range $i, $e = ...}} (Go 1.22) assigns variables that exist.
      if (decl.size() == 1) setVar(decl[0]->ident[0], elem);
      if (decl.size() == 2) {
        setVar(decl[0]->ident[0], index);
        setVar(decl[1]->ident[0], elem);
      }
    } else {
      if (!decl.empty()) vars_[vars_.size() - 1].second = elem;
      if (decl.size() > 1) vars_[vars_.size() - 2].second = index;
    }
    Flow f = walk(elem, r->list.get());
    vars_.resize(mark);
    return f != Flow::Break;
  }

  struct MapItem {
    Value key, val;
  };
  // fmtsort's order for keys of type keyTid.
  bool keyLess(uint32_t keyTid, const Value& a, const Value& b) const {
    RtKind k = kind(keyTid);
    if (k == RtKind::String) return vm::strView(a) < vm::strView(b);
    if (vm::isIntKind(k)) return a.i < b.i;
    if (vm::isUintKind(k)) return a.u < b.u;
    if (k == RtKind::Float32 || k == RtKind::Float64) {
      if (std::isnan(a.f)) return !std::isnan(b.f);
      return a.f < b.f;
    }
    if (k == RtKind::Bool) return a.i < b.i;
    if (k == RtKind::Interface) {
      if (a.tid != b.tid) return a.tid < b.tid;
      return a.tid && keyLess(a.tid, a, b);
    }
    return false;
  }

  Flow walkRange(const Val& dot, const Node* r) {
    at_ = r;
    size_t outer = vars_.size();
    bool nilv;
    Val val = indirect(evalPipeline(dot, r->pipe.get()), &nilv);
    size_t mark = vars_.size();
    bool ran = false;
    if (val.valid() && kind(val.tid) != RtKind::Interface) {
      const vm::RtType& t = ti_.under(val.tid);
      switch (t.kind) {
        case RtKind::Array:
        case RtKind::Slice: {
          int64_t n = t.kind == RtKind::Array ? t.len : vm::sliceLen(val.v);
          for (int64_t i = 0; i < n; ++i) {
            ran = true;
            Val elem;
            if (t.kind == RtKind::Slice) {
              auto* s = static_cast<vm::SliceObj*>(val.v.o);
              uint32_t at = s->off + uint32_t(i);
              elem = load(s->array->get(at), t.elem, ti_.addressOf(vm::Slot{s->array, at}, t.elem),
                          true);
            } else {
              auto* a = static_cast<vm::ArrayObj*>(val.v.o);
              elem = load(a->get(uint32_t(i)), t.elem,
                          val.canAddr ? ti_.addressOf(vm::Slot{a, uint32_t(i)}, t.elem) : Value(),
                          val.canAddr);
            }
            if (!iterate(r, mark, intVal(i), elem)) break;
          }
          break;
        }
        case RtKind::Map: {
          auto* m = static_cast<vm::MapObj*>(val.v.o);
          if (!m || m->size() == 0) break;
          std::vector<MapItem> items;
          for (int64_t i = m->nextFrom(0); i >= 0; i = m->nextFrom(i + 1))
            items.push_back({m->entryAt(i).key, m->entryAt(i).val});
          uint32_t kt = t.key;
          std::stable_sort(items.begin(), items.end(), [&](const MapItem& a, const MapItem& b) {
            return keyLess(kt, a.key, b.key);
          });
          for (const MapItem& it : items) {
            ran = true;
            if (!iterate(r, mark, load(it.key, t.key), load(it.val, t.elem))) break;
          }
          break;
        }
        case RtKind::Chan: {
          auto* c = static_cast<runtime::ChanObj*>(val.v.o);
          if (!c) break;
          if (t.dir == vm::RtChanDir::Send) errorf("range over send-only channel " + sprint(val));
          for (int64_t i = 0;; ++i) {
            if (c->count == 0 || !c->sendq.empty()) {
              if (c->closed && c->count == 0) break;
              errorf(
                  "range over a channel that is not closed or has waiting senders (gol "
                  "reads only buffered values)");
            }
            Value v = c->popFront();
            ctx_.g->pins.push_back(v);
            ran = true;
            if (!iterate(r, mark, intVal(i), load(v, t.elem))) break;
          }
          break;
        }
        case RtKind::Func: errorf("range over functions is not supported by gol");
        default:
          if (vm::isIntKind(t.kind) || vm::isUintKind(t.kind)) {
            if (r->pipe->decl.size() > 1)
              errorf("can't use " + sprint(val) + " to iterate over more than one variable");
            int64_t n = val.v.i;
            if (vm::isUintKind(t.kind) && val.v.u > uint64_t(INT64_MAX)) n = INT64_MAX;
            for (int64_t i = 0; i < n; ++i) {
              ran = true;
              Val iv{Value::ofInt(i), val.tid};
              if (!iterate(r, mark, Val{}, iv)) break;
            }
            break;
          }
          errorf("range can't iterate over " + sprint(val));
      }
    }
    Flow f = Flow::Normal;
    if (!ran && r->elseList) f = walk(dot, r->elseList.get());
    vars_.resize(outer);
    return f == Flow::Normal ? Flow::Normal : f;
  }

  void walkTemplate(const Val& dot, const Node* t) {
    at_ = t;
    auto it = rq_.set->find(t->text);
    if (it == rq_.set->end() || !it->second->root)
      errorf("template " + quoteString(t->text, false) + " not defined");
    if (depth_ == kMaxExecDepth || vm::nativeStackExhausted())
      errorf("exceeded maximum template depth (" + std::to_string(kMaxExecDepth) + ")");
    Val newDot = evalPipeline(dot, t->pipe.get());
    std::vector<std::pair<std::string, Val>> saved;
    saved.swap(vars_);
    vars_.push_back({"$", newDot});
    std::string savedName = tmplName_;
    tmplName_ = t->text;
    ++depth_;
    walk(newDot, it->second->root.get());
    --depth_;
    tmplName_ = savedName;
    vars_.swap(saved);
  }
};

const char kHexUpper[] = "0123456789ABCDEF";

}  // namespace

bool isBuiltin(const std::string& name) {
  return findBuiltin(name) != nullptr;
}

std::string htmlEscapeString(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\0': out += "\xEF\xBF\xBD"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string jsEscapeString(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\'': out += "\\'"; break;
        case '"': out += "\\\""; break;
        case '<': out += "\\u003C"; break;
        case '>': out += "\\u003E"; break;
        case '&': out += "\\u0026"; break;
        case '=': out += "\\u003D"; break;
        default:
          if (c < ' ') {
            out += "\\u00";
            out += kHexUpper[c >> 4];
            out += kHexUpper[c & 15];
          } else {
            out += char(c);
          }
      }
      ++i;
      continue;
    }
    int w = 1;
    int32_t r = decodeRune(s, i, &w);
    if (isPrintRune(r)) {
      out.append(s.substr(i, size_t(w)));
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(r));
      out += buf;
    }
    i += size_t(w);
  }
  return out;
}

std::string queryEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHexUpper[c >> 4];
      out += kHexUpper[c & 15];
    }
  }
  return out;
}

bool isTrue(vm::NativeCtx& ctx, const vm::Value& iface, bool* ok) {
  vm::TypeInfo ti(ctx.vm, ctx.g);
  return truthOf(ti, iface.tid ? Val{iface, iface.tid} : Val{}, ok);
}

bool execute(vm::NativeCtx& ctx, const ExecRequest& rq, ExecResult& res) {
  Exec ex(ctx, rq, res);
  try {
    ex.run();
  } catch (Fail& f) {
    res.failed = true;
    res.errText = std::move(f.text);
    res.wrapped = f.wrapped;
    res.errTemplate = std::move(f.tmplName);
    return true;
  } catch (Propagate&) {
    return false;
  }
  return true;
}

}  // namespace gol::lib::tmpl
