// Entries into the live session, and the commands that read it.
#include "cli/repl_session.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cli/pipeline.hpp"
#include "lang/check/types.hpp"

namespace gol::cli {

const char* const kReplFile = "repl";

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool isIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// `package main` at the prompt (pasted from a file) is accepted and ignored:
// blank it out, keeping the lines so that positions stay right.
std::string dropPackageClause(const std::string& entry) {
  size_t b = entry.find_first_not_of(" \t\r\n");
  if (b == std::string::npos || entry.compare(b, 8, "package ") != 0) return entry;
  size_t e = entry.find('\n', b);
  std::string out = entry;
  for (size_t i = b; i < (e == std::string::npos ? out.size() : e); ++i)
    if (out[i] != ';') out[i] = ' ';
  return out;
}

// Byte offset of a 1-based line and column in `text`.
size_t offsetOf(const std::string& text, Pos p) {
  size_t off = 0;
  for (uint32_t line = 1; line < p.line && off < text.size(); ++line) {
    size_t nl = text.find('\n', off);
    if (nl == std::string::npos) return text.size();
    off = nl + 1;
  }
  return std::min(text.size(), off + (p.col ? p.col - 1 : 0));
}

bool valueMode(Mode m) {
  return m == Mode::Value || m == Mode::Variable || m == Mode::MapIndex || m == Mode::CommaOk ||
         m == Mode::Constant;
}

// A top-level `var` declaration (ending at offset `end` of `source`) as
// the assignments of its initial values, one line per spec: the saved
// program declares the variables at package level. `var x = f()` gives
// `x = f()`; a spec without values gives nothing.
std::string varAssignments(const std::string& source, const GenDecl& decl, size_t end) {
  std::string out;
  for (size_t i = 0; i < decl.specs.size(); ++i) {
    auto* vs = static_cast<ValueSpec*>(decl.specs[i]);
    if (vs->values.empty()) continue;
    size_t vb = offsetOf(source, vs->values[0]->pos);
    size_t ve = end;
    bool last = i + 1 == decl.specs.size();
    if (!last) ve = offsetOf(source, static_cast<ValueSpec*>(decl.specs[i + 1])->names[0]->pos);
    std::string vals = trim(source.substr(vb, std::min(ve, source.size()) - vb));
    while (!vals.empty() && vals.back() == ';') vals = trim(vals.substr(0, vals.size() - 1));
    // The closing parenthesis of a grouped `var ( ... )`.
    size_t kw = offsetOf(source, decl.pos);
    size_t open = source.find_first_not_of(" \t\r\n", kw + 3);
    if (last && open != std::string::npos && source[open] == '(' && !vals.empty() &&
        vals.back() == ')')
      vals.pop_back();
    while (!vals.empty() && vals.back() == ';') vals = trim(vals.substr(0, vals.size() - 1));
    std::string names;
    for (Ident* id : vs->names) names += (names.empty() ? "" : ", ") + id->name;
    out += names + " = " + trim(vals) + "\n";
  }
  return trim(out);
}

// A declaration line without the body that follows it on the line: the
// first `{` outside parentheses and brackets that does not open an
// interface or struct type (`func Since(t Time) Duration { return ... }`).
std::string withoutBody(const std::string& decl) {
  int depth = 0;
  for (size_t i = 0; i < decl.size(); ++i) {
    char c = decl[i];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c != '{') continue;
    std::string before = trim(decl.substr(0, i));
    auto endsWith = [&](const std::string& w) {
      return before.size() >= w.size() &&
             before.compare(before.size() - w.size(), w.size(), w) == 0 &&
             (before.size() == w.size() || !isIdentChar(before[before.size() - w.size() - 1]));
    };
    if (depth == 0 && !endsWith("interface") && !endsWith("struct")) return before;
    ++depth;
  }
  return decl;
}

const char* const kKeywords[] = {"break",     "case",   "chan",    "const",       "continue",
                                 "default",   "defer",  "else",    "fallthrough", "for",
                                 "func",      "go",     "goto",    "if",          "import",
                                 "interface", "map",    "package", "range",       "return",
                                 "select",    "struct", "switch",  "type",        "var"};

}  // namespace

ReplSession::ReplSession(const runtime::RunOptions& options) : options_(options) {
  options_.args = {kReplFile};
  check_ = std::make_unique<CheckSession>([](const std::string& path, std::string& src) {
    return runtime::embeddedPackageSource(path, src);
  });
  compiler_ = std::make_unique<IncrementalCompiler>(check_->program());
  live_ = std::make_unique<runtime::LiveVm>(compiler_->program(), options_);
}

ReplSession::~ReplSession() {
  live_.reset();  // the VM runs the compiler's program
  compiler_.reset();
  check_.reset();
}

void ReplSession::report(const Diagnostics& diags) {
  std::fflush(stdout);
  for (const std::string& line : diagnosticLines(diags)) std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

// An expression entry becomes a statement that prints its values: strings
// as Go literals (%q), everything else as %v, several results separated by
// ", ". The entry's text stays on its own lines, so positions in it hold.
std::string ReplSession::displayEntry(const std::string& entry, const ExprInfo& info) {
  std::vector<const Type*> types;
  if (info.type && info.type->kind == Kind::Tuple)
    types = info.type->elems;
  else
    types.push_back(info.type);
  std::string format;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) format += ", ";
    format += types[i] && isString(types[i]) ? "%q" : "%v";
  }
  std::string s = "import __gol_fmt \"fmt\"; ";
  if (types.size() == 1) return s + "__gol_fmt.Printf(\"" + format + "\\n\", " + entry + ",\n)";
  std::string vars;
  for (size_t i = 0; i < types.size(); ++i)
    vars += (i ? ", __gol_r" : "__gol_r") + std::to_string(i);
  return s + "{ " + vars + " := " + entry + "\n__gol_fmt.Printf(\"" + format + "\\n\", " + vars +
         ") }";
}

bool ReplSession::submit(const std::string& raw) {
  std::string entry = dropPackageClause(raw);
  if (trim(entry).empty()) return true;
  std::string source = entry;
  bool display = false;
  Diagnostics exprDiags;
  ExprInfo info;
  bool single = runOnLargeStack([&] {
                  return check_->exprInfo(kReplFile, entry, info, exprDiags) ? 1 : 0;
                }) != 0;
  if (single) {
    if (exprDiags.any()) {
      report(exprDiags);
      return false;
    }
    // fmt's printing functions return the byte count and an error, which
    // nobody asked to see after the text itself.
    bool printing =
        info.callee.rfind("fmt.Print", 0) == 0 || info.callee.rfind("fmt.Fprint", 0) == 0;
    if (valueMode(info.mode) && !printing) {
      source = displayEntry(entry, info);
      display = true;
    }
  }
  CheckedEntry checked;
  Diagnostics diags;
  size_t firstFunc = compiler_->program().funcs.size();
  int index = runOnLargeStack([&] {
    if (!check_->checkEntry(kReplFile, source, checked, diags)) return -1;
    return compiler_->compileEntry(checked, diags);
  });
  if (index < 0) {
    report(diags);
    return false;
  }
  std::string error;
  if (!live_->load(firstFunc, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return false;
  }
  live_->startEntry(uint32_t(index));
  if (display) return true;
  // Remember it for :save, split into package-level items and statements.
  Kept k;
  k.source = entry;
  File* f = checked.file;
  for (size_t i = 0; i < f->items.size(); ++i) {
    TopLevel& item = f->items[i];
    if (item.func) {
      std::string name = item.func->name->name;
      if (item.func->recv && item.func->name->sym && item.func->name->sym->recvType) {
        const Type* rt = item.func->name->sym->recvType;
        if (rt->kind == Kind::Pointer) rt = rt->elem;
        name = rt->name + "." + name;
      }
      k.decls.push_back(name);
    } else if (item.gen) {
      for (Spec* sp : item.gen->specs) {
        if (item.gen->tok == DeclTok::Type)
          k.decls.push_back(static_cast<TypeSpec*>(sp)->name->name);
        else if (item.gen->tok == DeclTok::Const)
          for (Ident* id : static_cast<ValueSpec*>(sp)->names) k.decls.push_back(id->name);
      }
    } else if (item.stmt) {
      k.statements = true;
    }
  }
  for (Symbol* g : checked.globals) k.globals.push_back({g->name, check_->typeString(g->type)});
  kept_.push_back(std::move(k));
  return true;
}

bool ReplSession::typeOf(const std::string& expr, std::string& out) {
  ExprInfo info;
  Diagnostics diags;
  bool single =
      runOnLargeStack([&] { return check_->exprInfo(kReplFile, expr, info, diags) ? 1 : 0; }) != 0;
  if (!single) {
    std::fprintf(stderr, "usage: :type EXPRESSION\n");
    return false;
  }
  if (diags.any()) {
    report(diags);
    return false;
  }
  if (info.mode == Mode::NoValue) {
    out = "(no value)";
    return true;
  }
  if (info.mode == Mode::PackageName) {
    out = "(package)";
    return true;
  }
  if (info.type && info.type->kind == Kind::Tuple) {
    out = "(";
    for (size_t i = 0; i < info.type->elems.size(); ++i)
      out += (i ? ", " : "") + check_->typeString(info.type->elems[i]);
    out += ")";
  } else {
    out = check_->typeString(info.type);
  }
  if (info.mode == Mode::TypeExpr)
    out = "type " + trim(expr) + " " + check_->typeString(info.type->underlying());
  return true;
}

bool ReplSession::doc(const std::string& what, std::string& out) {
  size_t dot = what.rfind('.');
  if (dot == std::string::npos || dot == 0) {
    std::fprintf(stderr, "usage: :doc pkg.Name\n");
    return false;
  }
  std::string pkg = what.substr(0, dot), name = what.substr(dot + 1);
  std::string path;
  for (const std::string& p : runtime::embeddedPackagePaths()) {
    std::string last = p.substr(p.rfind('/') + 1);
    if (p == pkg || last == pkg) path = p;
  }
  std::string src;
  if (path.empty() || !runtime::embeddedPackageSource(path, src)) {
    std::fprintf(stderr, "package %s is not among gol's standard packages\n", pkg.c_str());
    return false;
  }
  // The declaring line: func Name(, func (r T) Name(, type Name, var/const Name.
  std::vector<std::string> lines;
  for (size_t b = 0; b <= src.size();) {
    size_t e = src.find('\n', b);
    if (e == std::string::npos) e = src.size();
    lines.push_back(src.substr(b, e - b));
    b = e + 1;
  }
  auto declares = [&](const std::string& l) {
    std::string t = trim(l);
    for (const char* kw : {"func ", "type ", "var ", "const "}) {
      if (t.compare(0, std::string(kw).size(), kw) != 0) continue;
      std::string rest = t.substr(std::string(kw).size());
      if (rest[0] == '(' && std::string(kw) == "func ") {  // a method: skip the receiver
        size_t close = rest.find(')');
        if (close == std::string::npos) return false;
        rest = trim(rest.substr(close + 1));
      }
      if (rest.compare(0, name.size(), name) == 0 &&
          (rest.size() == name.size() || !isIdentChar(rest[name.size()])))
        return true;
    }
    return false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!declares(lines[i])) continue;
    std::string decl = withoutBody(trim(lines[i]));
    if (!decl.empty() && decl.back() == '{') decl = trim(decl.substr(0, decl.size() - 1));
    std::string comment;
    size_t j = i;
    while (j > 0 && trim(lines[j - 1]).compare(0, 2, "//") == 0) --j;
    for (size_t k = j; k < i; ++k) comment += trim(trim(lines[k]).substr(2)) + " ";
    // The first sentence: up to ". " (or the end).
    size_t stop = comment.find(". ");
    comment = trim(stop == std::string::npos ? comment : comment.substr(0, stop + 1));
    out = (path == "main" ? "" : "package " + path + "\n\n") + decl + "\n";
    if (!comment.empty()) out += "    " + comment + "\n";
    return true;
  }
  std::fprintf(stderr, "no %s in package %s\n", name.c_str(), path.c_str());
  return false;
}

std::string ReplSession::goProgram() const {
  // Package-level declarations: the last definition of each name survives.
  std::map<std::string, size_t> lastDecl;
  for (size_t i = 0; i < kept_.size(); ++i)
    for (const std::string& n : kept_[i].decls) lastDecl[n] = i;
  std::map<std::string, std::string> globals;  // name -> type (the last one)
  std::vector<std::string> globalOrder;
  for (const Kept& k : kept_)
    for (auto& [n, t] : k.globals) {
      if (!globals.count(n)) globalOrder.push_back(n);
      globals[n] = t;
    }
  std::string decls, body;
  for (size_t i = 0; i < kept_.size(); ++i) {
    const Kept& k = kept_[i];
    Diagnostics d;
    std::unique_ptr<File> f = parseFile(kReplFile, k.source, d);
    if (!f) continue;
    for (size_t j = 0; j < f->items.size(); ++j) {
      const TopLevel& item = f->items[j];
      Pos from = item.func ? item.func->pos : item.gen ? item.gen->pos : item.stmt->pos;
      size_t b = offsetOf(k.source, from);
      size_t e = k.source.size();
      if (j + 1 < f->items.size()) {
        const TopLevel& next = f->items[j + 1];
        e = offsetOf(k.source, next.func  ? next.func->pos
                               : next.gen ? next.gen->pos
                                          : next.stmt->pos);
      }
      std::string text = trim(k.source.substr(b, e - b));
      while (!text.empty() && text.back() == ';') text = trim(text.substr(0, text.size() - 1));
      bool packageLevel = item.func || (item.gen && item.gen->tok != DeclTok::Var);
      if (packageLevel) {
        if (item.gen && item.gen->tok == DeclTok::Import) continue;  // imports are recomputed
        // Dropped when a later entry redefines every name it declares.
        bool survives = false;
        std::vector<std::string> names;
        if (item.func) {
          names.push_back(item.func->name->name);
          if (item.func->recv) {  // methods: keyed as the session recorded them
            for (const std::string& n : k.decls)
              if (n.size() > names[0].size() &&
                  n.compare(n.size() - names[0].size(), std::string::npos, names[0]) == 0 &&
                  n[n.size() - names[0].size() - 1] == '.')
                names[0] = n;
          }
        } else {
          for (Spec* sp : item.gen->specs) {
            if (item.gen->tok == DeclTok::Type)
              names.push_back(static_cast<TypeSpec*>(sp)->name->name);
            else
              for (Ident* id : static_cast<ValueSpec*>(sp)->names) names.push_back(id->name);
          }
        }
        for (const std::string& n : names)
          if (lastDecl.count(n) && lastDecl[n] == i) survives = true;
        if (survives) decls += text + "\n\n";
        continue;
      }
      // A statement. Top-level variables are package-level in the saved
      // program (functions may use them), so `x := v` becomes `x = v` and
      // `var x T = v` becomes `x = v`.
      if (item.stmt && item.stmt->kind == StmtKind::Assign &&
          static_cast<AssignStmt*>(item.stmt)->define) {
        size_t at = text.find(":=");
        if (at != std::string::npos) text.replace(at, 2, "=");
      } else if (const GenDecl* vars = item.gen ? item.gen
                                       : item.stmt->kind == StmtKind::Decl
                                           ? static_cast<DeclStmt*>(item.stmt)->decl
                                           : nullptr) {
        if (vars->tok != DeclTok::Var) continue;
        text = varAssignments(k.source, *vars, e);
        if (text.empty()) continue;
      }
      std::string indented = "\t";
      for (char c : text) {
        indented += c;
        if (c == '\n') indented += "\t";
      }
      body += indented + "\n";
    }
  }
  std::string all = decls + body;
  for (const std::string& n : globalOrder) all += n + "\n";
  // Imports: the standard packages whose names the program uses as `name.`.
  std::string imports;
  for (const std::string& p : runtime::embeddedPackagePaths()) {
    std::string last = p.substr(p.rfind('/') + 1);
    for (size_t at = all.find(last + "."); at != std::string::npos;
         at = all.find(last + ".", at + 1)) {
      if (at > 0 && (isIdentChar(all[at - 1]) || all[at - 1] == '.')) continue;
      imports += "\t\"" + p + "\"\n";
      break;
    }
  }
  std::string out = "package main\n\n";
  if (!imports.empty()) out += "import (\n" + imports + ")\n\n";
  if (!globalOrder.empty()) {
    out += "var (\n";
    for (const std::string& n : globalOrder) out += "\t" + n + " " + globals[n] + "\n";
    out += ")\n\n";
  }
  out += decls;
  out += "func main() {\n" + body + "}\n";
  return out;
}

std::vector<std::string> ReplSession::complete(const std::string& before, const std::string& word) {
  std::vector<std::string> cands;
  auto add = [&](const std::string& n) {
    if (n.compare(0, word.size(), word) == 0 && n.compare(0, 5, "__gol") != 0) cands.push_back(n);
  };
  if (!before.empty() && before.back() == '.') {
    // x.  or pkg.  : the operand is the selector chain before the dot.
    size_t b = before.size() - 1;
    while (b > 0 && (isIdentChar(before[b - 1]) || before[b - 1] == '.')) --b;
    std::string operand = before.substr(b, before.size() - 1 - b);
    if (operand.empty()) return cands;
    Symbol* s = operand.find('.') == std::string::npos ? check_->lookup(operand) : nullptr;
    Package* pkg = s && s->kind == SymKind::Package ? s->package : nullptr;
    if (!s && operand.find('.') == std::string::npos) {
      // A package not imported yet: import it as the first use would.
      for (const std::string& p : runtime::embeddedPackagePaths())
        if (p.substr(p.rfind('/') + 1) == operand) pkg = check_->importPackage(p);
    }
    if (pkg) {
      for (auto& [n, m] : pkg->members)
        if (!n.empty() && std::isupper(static_cast<unsigned char>(n[0]))) add(n);
    } else {
      ExprInfo info;
      Diagnostics d;
      bool single = runOnLargeStack(
                        [&] { return check_->exprInfo(kReplFile, operand, info, d) ? 1 : 0; }) != 0;
      if (!single || d.any() || !info.type) return cands;
      const Type* t = info.type;
      std::set<std::string> seen;
      auto addOnce = [&](const std::string& n) {
        if (seen.insert(n).second) add(n);
      };
      for (int depth = 0; t && depth < 2; ++depth) {
        if (t->isNamed())
          for (Symbol* m : t->declaredMethods) addOnce(m->name);
        const Type* u = t->underlying();
        if (!u) break;
        if (u->kind == Kind::Struct)
          for (const StructField& f : u->fields) addOnce(f.name);
        if (u->kind == Kind::Interface)
          for (const IfaceMethod& m : u->methods) addOnce(m.name);
        t = u->kind == Kind::Pointer ? u->elem : nullptr;
      }
    }
  } else {
    for (const char* k : kKeywords) add(k);
    for (const std::string& n : check_->names()) add(n);
    for (const std::string& p : runtime::embeddedPackagePaths()) add(p.substr(p.rfind('/') + 1));
  }
  std::sort(cands.begin(), cands.end());
  cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
  return cands;
}

}  // namespace gol::cli
