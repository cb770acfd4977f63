#include "cli/gotest.hpp"

#include <cctype>

#include "lang/syntax/syntax.hpp"

namespace gol::cli {

namespace {

// Go's rule: Test, or Test followed by a character that is not a
// lower-case letter (TestX, Test_x, Test1; not Testify).
bool hasTestPrefix(const std::string& name, const std::string& prefix) {
  if (name.compare(0, prefix.size(), prefix) != 0) return false;
  if (name.size() == prefix.size()) return true;
  return !std::islower((unsigned char)name[prefix.size()]);
}

// Whether sig is exactly func(x *<pkg>.<type>) with no results.
bool takesPointerTo(const FuncTypeExpr* sig, const std::string& pkg, const std::string& type) {
  if (sig->params.size() != 1 || !sig->results.empty()) return false;
  const Field* p = sig->params[0];
  if (p->names.size() > 1 || p->type->kind != ExprKind::Star) return false;
  const Expr* x = static_cast<const StarExpr*>(p->type)->x;
  if (x->kind != ExprKind::Selector) return false;
  auto* sel = static_cast<const SelectorExpr*>(x);
  return sel->x->kind == ExprKind::Ident && static_cast<const Ident*>(sel->x)->name == pkg &&
         sel->sel->name == type;
}

}  // namespace

bool isGoTestFile(const std::string& path) {
  const std::string suffix = "_test.gol";
  return path.size() > suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool appendTestMain(const std::string& filename, std::string& source, std::string& error) {
  Diagnostics diags;
  std::unique_ptr<File> file = parseFile(filename, source, diags);
  if (!file || diags.any() || file->scriptMode) return true;
  std::string pkg;
  for (const ImportSpec* imp : file->imports)
    if (imp->path == "testing") pkg = imp->name ? imp->name->name : "testing";
  if (pkg.empty() || pkg == "_" || pkg == ".") return true;

  std::string tests, benchmarks;
  for (const TopLevel& item : file->items) {
    const FuncDecl* fd = item.func;
    if (!fd || fd->recv || !fd->typeParams.empty()) continue;
    const std::string& name = fd->name->name;
    if (name == "main") {
      error = filename + ":" + std::to_string(fd->name->pos.line) + ":" +
              std::to_string(fd->name->pos.col) +
              ": func main must not be declared in a test file (gol generates it)";
      return false;
    }
    struct Kind {
      const char* prefix;
      const char* type;
      const char* param;
      std::string* list;
    };
    for (const Kind& k :
         {Kind{"Test", "T", "t", &tests}, Kind{"Benchmark", "B", "b", &benchmarks}}) {
      if (!hasTestPrefix(name, k.prefix)) continue;
      if (!takesPointerTo(fd->sig, pkg, k.type)) {
        error = filename + ":" + std::to_string(fd->pos.line) + ":" + std::to_string(fd->pos.col) +
                ": wrong signature for " + name + ", must be: func " + name + "(" + k.param +
                " *testing." + k.type + ")";
        return false;
      }
      *k.list += "{\"" + name + "\", " + name + "}, ";
    }
  }
  source += "\n\nfunc main() {\n\t" + pkg + ".Main(nil, []" + pkg + ".InternalTest{" + tests +
            "}, []" + pkg + ".InternalBenchmark{" + benchmarks + "}, nil)\n}\n";
  return true;
}

}  // namespace gol::cli
