// The checker's part of `//go:embed` (lang/syntax/embed.cpp found the
// files): the variable's type must be a string, a byte slice or embed.FS,
// and its initialiser becomes the files' contents, checked and compiled as
// if written: `"data"`, `T("data")`, or a call of embed's unexported
// `buildFS(name1, data1, name2, data2, ...)`.
#include "lang/check/checker.hpp"

namespace gol {

void Checker::embedInitializer(ValueSpec* spec, const Type* T) {
  EmbedSpec* e = spec->embed;
  AstArena& arena = file_->arena;
  Pos pos = spec->names[0]->pos;
  auto lit = [&](const std::string& data) {
    auto* l = arena.make<BasicLit>();
    l->pos = pos;
    l->litKind = LitKind::String;
    l->raw = quoteString(data);
    return l;
  };
  const Type* u = T->underlying();
  bool isString = u->kind == Kind::String;
  bool isBytes = u->kind == Kind::Slice && u->elem->underlying()->kind == Kind::Uint8;
  bool isFS = T->kind == Kind::Named && T->name == "FS" && T->pkg && T->pkg->path == "embed";
  if (!isString && !isBytes && !isFS) {
    errorf(pos, "go:embed cannot apply to var of type %s", T);
    return;
  }
  if (!isFS && e->files.size() != 1) {
    errorf(pos, "invalid go:embed: multiple files for type %s", T);
    return;
  }
  if (isString) {
    spec->values = {lit(e->files[0].data)};
    return;
  }
  auto* call = arena.make<CallExpr>();
  call->pos = pos;
  call->rparen = pos;
  if (isBytes) {
    call->fun = spec->type;
    call->args = {lit(e->files[0].data)};
  } else {
    auto* pkg = arena.make<Ident>();
    pkg->pos = pos;
    pkg->name = "embed";
    auto* sel = arena.make<Ident>();
    sel->pos = pos;
    sel->name = "buildFS";
    auto* fun = arena.make<SelectorExpr>();
    fun->pos = pos;
    fun->x = pkg;
    fun->sel = sel;
    fun->internal = true;
    call->fun = fun;
    for (const EmbedSpec::EmbeddedFile& f : e->files) {
      call->args.push_back(lit(f.name));
      call->args.push_back(lit(f.data));
    }
  }
  spec->values = {call};
}

}  // namespace gol
