// Natives of internal/template, the implementation text/template and
// html/template share: a template set is a TemplateSetObj on the gol heap
// holding the parse trees by name (template_parse); execution runs
// template_exec over it. The gol side (internal_template.gol) keeps the
// Template values, the FuncMap and the options, and builds Go's errors.
#include <string>

#include "runtime/lib/native_util.hpp"
#include "runtime/lib/template_exec.hpp"
#include "runtime/lib/template_parse.hpp"
#include "vm/map.hpp"
#include "vm/vm.hpp"

namespace gol::lib {

using vm::NativeCtx;
using vm::NativeStatus;
using vm::Value;

namespace {

struct TemplateSetObj final : vm::Object {
  std::map<std::string, std::shared_ptr<const tmpl::Tree>> trees;
  TemplateSetObj() : vm::Object(vm::ObjKind::Other) {}
  void trace(vm::Tracer&) override {}
};

TemplateSetObj* setOf(const Value& v) {
  return static_cast<TemplateSetObj*>(v.o);
}

Value newSetValue(NativeCtx& ctx, TemplateSetObj* obj) {
  Value h = Value::ofRef(obj, vm::kTidRef);
  ctx.g->pins.push_back(h);
  return h;
}

// Whether the FuncMap m (map[string]any) has a non-nil entry `name`.
bool funcMapHas(NativeCtx& ctx, const Value& m, const std::string& name) {
  if (!m.o) return false;
  Value key = ctx.newString(name);
  key.tid = vm::kTidString;
  Value* slot = static_cast<vm::MapObj*>(m.o)->find(key);
  return slot && slot->tid != 0;
}

// newSet() chan struct{}
NativeStatus newSetNative(NativeCtx& ctx, Value* regs) {
  regs[0] = newSetValue(ctx, ctx.vm.heap().make<TemplateSetObj>());
  return NativeStatus::Ok;
}

// cloneSet(set chan struct{}) chan struct{}
NativeStatus cloneSetNative(NativeCtx& ctx, Value* regs) {
  TemplateSetObj* from = setOf(regs[0]);
  auto* obj = ctx.vm.heap().make<TemplateSetObj>();
  if (from) obj->trees = from->trees;
  regs[0] = newSetValue(ctx, obj);
  return NativeStatus::Ok;
}

// parse(set chan struct{}, name, text, left, right string, funcs FuncMap)
// (names string, err string): names lists the trees the text defined, each
// followed by a NUL.
NativeStatus parseNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  TemplateSetObj* set = setOf(regs[0]);
  std::string name(vm::strView(regs[1])), text(vm::strView(regs[2]));
  tmpl::ParseOptions opts;
  opts.leftDelim = std::string(vm::strView(regs[3]));
  opts.rightDelim = std::string(vm::strView(regs[4]));
  Value funcs = regs[5];
  opts.hasFunction = [&](const std::string& f) {
    return funcMapHas(ctx, funcs, f) || tmpl::isBuiltin(f);
  };
  std::map<std::string, std::shared_ptr<const tmpl::Tree>> before = set->trees;
  std::string err = tmpl::parse(name, text, opts, set->trees);
  std::string names;
  if (err.empty()) {
    for (const auto& [n, tree] : set->trees) {
      auto it = before.find(n);
      if (it == before.end() || it->second != tree) {
        names += n;
        names += '\0';
      }
    }
  }
  regs[0] = ctx.newString(names);
  regs[1] = ctx.newString(err);
  return NativeStatus::Ok;
}

// hasTree(set chan struct{}, name string) bool
NativeStatus hasTreeNative(NativeCtx&, Value* regs) {
  TemplateSetObj* set = setOf(regs[0]);
  auto it = set->trees.find(std::string(vm::strView(regs[1])));
  regs[0] = Value::ofBool(it != set->trees.end() && it->second->root);
  return NativeStatus::Ok;
}

// execute(set chan struct{}, name string, data any, funcs FuncMap,
// missingKey int, html bool) (out []byte, failed bool, text string,
// tmplName string, wrapped error)
NativeStatus executeNative(NativeCtx& ctx, Value* regs) {
  HeapPause pause(ctx.vm.heap());
  tmpl::ExecRequest rq;
  rq.set = &setOf(regs[0])->trees;
  rq.name = std::string(vm::strView(regs[1]));
  rq.data = regs[2];
  rq.funcs = regs[3];
  rq.missingKey = tmpl::MissingKey(regs[4].i);
  rq.html = regs[5].i != 0;
  tmpl::ExecResult res;
  if (!tmpl::execute(ctx, rq, res)) return NativeStatus::Panic;
  Value out = ctx.newByteSlice(res.out);
  ctx.g->pins.push_back(out);
  regs[0] = out;
  regs[1] = Value::ofBool(res.failed);
  regs[2] = ctx.newString(res.errText);
  regs[3] = ctx.newString(res.errTemplate);
  regs[4] = res.wrapped;
  return NativeStatus::Ok;
}

// funcKind(f any) (isFunc bool, results int, secondIsError bool): what
// Funcs checks of a FuncMap entry.
NativeStatus funcKindNative(NativeCtx& ctx, Value* regs) {
  Value f = regs[0];
  bool isFunc = false;
  int64_t nres = 0;
  bool errSecond = false;
  if (f.tid != 0) {
    const vm::RtType& t = ctx.type(ctx.type(f.tid).underlying);
    if (t.kind == vm::RtKind::Func) {
      isFunc = true;
      nres = int64_t(t.results.size());
      errSecond = nres == 2 && t.results[1] == vm::kTidError;
    }
  }
  regs[0] = Value::ofBool(isFunc);
  regs[1] = Value::ofInt(nres);
  regs[2] = Value::ofBool(errSecond);
  return NativeStatus::Ok;
}

// IsTrue(val any) (truth, ok bool)
NativeStatus isTrueNative(NativeCtx& ctx, Value* regs) {
  bool ok;
  bool t = tmpl::isTrue(ctx, regs[0], &ok);
  regs[0] = Value::ofBool(t);
  regs[1] = Value::ofBool(ok);
  return NativeStatus::Ok;
}

// htmlEscapeString(s string) string, jsEscapeString, queryEscape
NativeStatus htmlEscapeNative(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(tmpl::htmlEscapeString(vm::strView(regs[0])));
  return NativeStatus::Ok;
}
NativeStatus jsEscapeNative(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(tmpl::jsEscapeString(vm::strView(regs[0])));
  return NativeStatus::Ok;
}
NativeStatus queryEscapeNative(NativeCtx& ctx, Value* regs) {
  regs[0] = ctx.newString(tmpl::queryEscape(vm::strView(regs[0])));
  return NativeStatus::Ok;
}

}  // namespace

void registerTemplateNatives() {
  static const vm::NativeEntry entries[] = {
      {"internal/template.newSet", newSetNative},
      {"internal/template.cloneSet", cloneSetNative},
      {"internal/template.parse", parseNative},
      {"internal/template.hasTree", hasTreeNative},
      {"internal/template.execute", executeNative},
      {"internal/template.funcKind", funcKindNative},
      {"internal/template.HTMLEscapeString", htmlEscapeNative},
      {"internal/template.JSEscapeString", jsEscapeNative},
      {"internal/template.queryEscape", queryEscapeNative},
      {"internal/template.IsTrue", isTrueNative},
  };
  vm::registerNatives(entries, sizeof entries / sizeof entries[0]);
}

}  // namespace gol::lib
