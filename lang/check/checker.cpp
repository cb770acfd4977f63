// The checker's driver: packages, imports, package-level declarations,
// initialisation order and function bodies.
#include "lang/check/checker.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>
#include <unordered_set>

namespace gol {

Checker::Checker(Program& prog, Package* pkg, const PackageSource& src, Scope* universe,
                 std::vector<Diagnostic>& errs, std::set<std::string>& importing)
    : prog_(prog), pkg_(pkg), src_(src), universe_(universe), errs_(errs), importing_(importing) {
  pkgScope_.parent = universe_;
}

void Checker::error(Pos p, std::string msg) {
  errs_.push_back(Diagnostic{file_ ? file_->filename : std::string(), p, std::move(msg)});
}

std::string Checker::expandErrorf(std::string_view format, const std::string* args, size_t n) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] == '%' && i + 1 < format.size() && format[i + 1] == 's' && next < n) {
      out += args[next++];
      i++;
    } else {
      out += format[i];
    }
  }
  return out;
}

std::string Checker::posStr(Pos p) const {
  return (file_ ? file_->filename : std::string()) + ":" + std::to_string(p.line) + ":" +
         std::to_string(p.col);
}

Symbol* Checker::newSym(SymKind k, const std::string& name, Pos pos) {
  auto s = std::make_unique<Symbol>();
  s->kind = k;
  s->name = name;
  s->pos = pos;
  s->pkg = pkg_;
  Symbol* raw = s.get();
  prog_.symbols.push_back(std::move(s));
  return raw;
}

FuncInfo* Checker::newFuncInfo() {
  prog_.funcInfos.push_back(std::make_unique<FuncInfo>());
  return prog_.funcInfos.back().get();
}

// Go's " constrained by C" after a type parameter operand's type: the
// constraint as declared, a bare type set without spaces (`~int|~string`).
std::string Checker::constrainedBy(const Type* t) const {
  if (!isTypeParam(t) || !t->constraint) return "";
  if (!t->implicitConstraint) return " constrained by " + tstr(t->constraint);
  std::string out = " constrained by ";
  const Type* c = t->constraint->underlying();
  for (size_t i = 0; c && i < c->unions.size(); i++) {
    if (i) out += "; ";
    for (size_t j = 0; j < c->unions[i].size(); j++) {
      if (j) out += '|';
      if (c->unions[i][j].tilde) out += '~';
      out += tstr(c->unions[i][j].type);
    }
  }
  return out;
}

std::string Checker::describe(const Expr* e) const {
  std::string s = exprString(e);
  const Type* t = e->type;
  switch (e->mode) {
    case Mode::Invalid: return s + " (invalid operand)";
    case Mode::NoValue: return s + " (no value)";
    case Mode::Builtin: return s + " (built-in)";
    case Mode::TypeExpr: return s + " (type)";
    case Mode::PackageName: return s + " (package)";
    case Mode::Constant: {
      std::string v = cops::str(e->value);
      if (isUntyped(t)) {
        return s + " (" + tstr(t) + " constant" + (v == s ? "" : " " + v) + ")";
      }
      return s + " (constant " + (v == s ? "" : v + " ") + "of type " + tstr(t) + ")";
    }
    case Mode::Variable: return s + " (variable of type " + tstr(t) + constrainedBy(t) + ")";
    case Mode::MapIndex:
      return s + " (map index expression of type " + tstr(t) + constrainedBy(t) + ")";
    case Mode::CommaOk:
      return s + " (comma, ok expression of type " + tstr(t) + constrainedBy(t) + ")";
    case Mode::Value:
      if (t && t->kind == Kind::UntypedNil) return s;
      if (isUntyped(t)) return s + " (" + tstr(t) + " value)";
      return s + " (value of type " + tstr(t) + constrainedBy(t) + ")";
  }
  return s;
}

Symbol* Checker::lookup(const std::string& name) {
  for (Scope* s = scope_; s; s = s->parent)
    if (Symbol* sym = s->lookupLocal(name)) return sym;
  // A lazy declaration naming another of its package (unicode's tables
  // name tableOf).
  if (!pkg_->lazyDecls.empty()) return lazyMember(pkg_, name);
  return nullptr;
}

void Checker::declare(Scope* s, Symbol* sym, Pos pos) {
  if (sym->name == "_") return;
  if (Symbol* old = s->lookupLocal(sym->name)) {
    errorf(pos, "%s redeclared in this block\n\t%s: other declaration of %s", sym->name,
           posStr(old->pos), sym->name);
    return;
  }
  s->names[sym->name] = sym;
}

void Checker::openScope() {
  scopes_.push_back(std::make_unique<Scope>());
  scopes_.back()->parent = scope_;
  scope_ = scopes_.back().get();
}

void Checker::closeScope() {
  scope_ = scope_->parent;
}

// ----------------------------------------------------------------- imports

std::string pathForName(const std::string& name) {
  if (name == "rand") return "math/rand";
  if (name == "cmplx") return "math/cmplx";
  if (name == "utf8") return "unicode/utf8";
  if (name == "atomic") return "sync/atomic";
  if (name == "filepath") return "path/filepath";
  if (name == "fs") return "io/fs";
  if (name == "ioutil") return "io/ioutil";
  if (name == "utf16") return "unicode/utf16";
  if (name == "tabwriter") return "text/tabwriter";
  if (name == "slog") return "log/slog";
  if (name == "debug") return "runtime/debug";
  if (name == "base64" || name == "hex" || name == "binary" || name == "csv")
    return "encoding/" + name;
  if (name == "sha256" || name == "sha1" || name == "sha512" || name == "md5" || name == "hmac")
    return "crypto/" + name;
  if (name == "crc32" || name == "fnv") return "hash/" + name;
  if (name == "url") return "net/url";
  if (name == "json") return "encoding/json";
  if (name == "xml") return "encoding/xml";
  if (name == "template") return "text/template";
  return name;
}

namespace {

// Each top-level `var NAME` or `const NAME` line of the lazy source starts
// the declaration of NAME, which runs to the next such line.
void indexLazyDecls(Package* p) {
  const std::string& src = p->lazySource;
  std::string last;
  size_t lastStart = 0;
  for (size_t at = 0; at < src.size();) {
    size_t eol = src.find('\n', at);
    if (eol == std::string::npos) eol = src.size();
    std::string_view line(src.data() + at, eol - at);
    size_t kw = line.starts_with("var ") ? 4 : line.starts_with("const ") ? 6 : 0;
    if (kw) {
      if (!last.empty()) p->lazyDecls[last] = {lastStart, at - lastStart};
      size_t end = kw;
      while (end < line.size() && (std::isalnum((unsigned char)line[end]) || line[end] == '_'))
        ++end;
      last = std::string(line.substr(kw, end - kw));
      lastStart = at;
    }
    at = eol + 1;
  }
  if (!last.empty()) p->lazyDecls[last] = {lastStart, src.size() - lastStart};
}

}  // namespace

Package* Checker::importPackage(const std::string& path, Pos pos, bool implicit) {
  for (auto& p : prog_.packages)
    if (p->path == path) return p.get();
  if (importing_.count(path)) {
    if (!implicit) error(pos, "import cycle not allowed");
    return nullptr;
  }
  if (path == "unsafe") return unsafePackage();
  std::string source;
  // A '#' names a part of a package (PKG#lazy), never a package.
  if (!src_ || path.find('#') != std::string::npos || !src_(path, source)) {
    if (!implicit)
      errorf(pos, "package %s is not in std (not among gol's standard packages)", path);
    return nullptr;
  }
  Diagnostics pd;
  std::string fname = path + ".gol";
  auto file = parseFile(fname, source, pd);
  for (auto& d : pd.list) errs_.push_back(d);
  if (!file) return nullptr;
  auto pkg = std::make_unique<Package>();
  pkg->path = path;
  pkg->name = file->packageName ? file->packageName->name : path.substr(path.rfind('/') + 1);
  Package* raw = pkg.get();
  std::unique_ptr<File> lazyFile;
  if (src_(path + "#lazy", raw->lazySource)) {
    if (context_->eagerLazy) {
      Diagnostics lazyDiags;
      lazyFile = parseFile(path + ".lazy.gol", raw->lazySource, lazyDiags);
      for (auto& d : lazyDiags.list) errs_.push_back(d);
      raw->lazySource.clear();
    }
  }
  importing_.insert(path);
  {
    // A REPL session passes its own scope as the universe: an imported
    // package must see only the real one (the root).
    Scope* root = universe_;
    while (root->parent) root = root->parent;
    auto sub = std::make_unique<Checker>(prog_, raw, src_, root, errs_, importing_);
    sub->context_ = context_;
    context_->checkerOf[raw] = sub.get();
    if (lazyFile)
      sub->checkPackage({file.get(), lazyFile.get()});
    else
      sub->checkPackage({file.get()});
    // Indexed once the package's own code is checked: only code checked
    // later declares them.
    if (!raw->lazySource.empty()) indexLazyDecls(raw);
    // Kept: its generics may be instantiated later.
    context_->checkers.push_back(std::move(sub));
  }
  importing_.erase(path);
  raw->files.push_back(file.get());
  prog_.files.push_back(std::move(file));
  if (lazyFile) prog_.files.push_back(std::move(lazyFile));
  prog_.packages.push_back(std::move(pkg));
  return raw;
}

Symbol* Checker::lazyMember(Package* p, const std::string& name) {
  auto it = p->lazyDecls.find(name);
  if (it == p->lazyDecls.end()) return nullptr;
  auto [start, len] = it->second;
  p->lazyDecls.erase(it);
  auto owner = context_->checkerOf.find(p);
  if (owner == context_->checkerOf.end()) return nullptr;
  // The package clause and enough newlines that positions are the lazy
  // file's own lines.
  size_t line =
      size_t(std::count(p->lazySource.begin(), p->lazySource.begin() + long(start), '\n'));
  std::string text =
      "package " + p->name + std::string(line, '\n') + p->lazySource.substr(start, len);
  return owner->second->declareLate(text, name);
}

Symbol* Checker::declareLate(const std::string& source, const std::string& name) {
  Diagnostics pd;
  auto file = parseFile(pkg_->path + ".lazy.gol", source, pd);
  for (auto& d : pd.list) errs_.push_back(d);
  if (!file) return nullptr;
  File* f = file.get();
  prog_.files.push_back(std::move(file));
  File* savedFile = file_;
  Scope* savedScope = scope_;
  collect(f);
  // The declaration's names join the package. Its initialiser runs after
  // the package's own and after the lazy declarations it names (declared
  // while it is resolved, so before it is appended).
  std::vector<Symbol*> declared;
  std::vector<ValueSpec*> inits;
  for (auto& item : f->items) {
    if (!item.gen) continue;
    for (Spec* sp : item.gen->specs) {
      auto* vs = static_cast<ValueSpec*>(sp);
      for (Ident* id : vs->names)
        if (id->sym) declared.push_back(id->sym);
      if (item.gen->tok == DeclTok::Var && !vs->values.empty()) inits.push_back(vs);
    }
  }
  for (Symbol* s : declared) pkg_->members[s->name] = s;
  for (Symbol* s : declared) resolve(s);
  for (ValueSpec* vs : inits) pkg_->varInits.push_back(vs);
  file_ = savedFile;
  scope_ = savedScope;
  auto it = pkg_->members.find(name);
  return it == pkg_->members.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------- collection

namespace {
// The receiver's base type expression, without parentheses and '*'.
Expr* recvBase(FuncDecl* fd) {
  Expr* rt = fd->recv->type;
  while (rt && (rt->kind == ExprKind::Paren || rt->kind == ExprKind::Star))
    rt = rt->kind == ExprKind::Paren ? static_cast<ParenExpr*>(rt)->x
                                     : static_cast<StarExpr*>(rt)->x;
  return rt;
}
// A method of a generic type names the type's parameters: `(l *List[T])`.
bool recvIsGeneric(FuncDecl* fd) {
  Expr* b = fd->recv ? recvBase(fd) : nullptr;
  return b && b->kind == ExprKind::Index;
}
}  // namespace

std::string recvBaseNameOf(FuncDecl* fd) {
  Expr* x = static_cast<IndexExpr*>(recvBase(fd))->x;
  return x->kind == ExprKind::Ident ? static_cast<Ident*>(x)->name : std::string();
}

void Checker::collect(File* f) {
  file_ = f;
  auto fs = std::make_unique<Scope>();
  fs->parent = &pkgScope_;
  Scope* fileScope = fs.get();
  scopes_.push_back(std::move(fs));
  fileScopes_[f] = fileScope;
  for (ImportSpec* imp : f->imports) {
    Package* p = importPackage(imp->path, imp->pos, false);
    if (!p) continue;
    std::string name = imp->name ? imp->name->name : p->name;
    if (name == "_") continue;
    Symbol* s = newSym(SymKind::Package, name, imp->pos);
    s->package = p;
    declare(fileScope, s, imp->pos);
    importSyms_.push_back(s);
    s->decl = nullptr;
    s->qualifiedName = imp->path;
  }
  for (auto& item : f->items) {
    if (item.gen) {
      GenDecl* g = item.gen;
      if (g->tok == DeclTok::Import) continue;
      if (f->scriptMode && g->tok == DeclTok::Var) continue;  // statements in script mode
      ValueSpec* src = nullptr;
      for (Spec* sp : g->specs) {
        if (g->tok == DeclTok::Type) {
          auto* ts = static_cast<TypeSpec*>(sp);
          Symbol* s = newSym(SymKind::TypeName, ts->name->name, ts->name->pos);
          if (!ts->typeParams.empty())
            newGeneric(s, f, ts->typeParams)->tspec = ts;
          else if (!ts->alias)
            s->type = prog_.types.newNamed(ts->name->name, pkg_);
          ObjDecl d;
          d.k = ObjDecl::Type;
          d.file = f;
          d.tspec = ts;
          d.order = declCounter_++;
          decls_[s] = d;
          typeSyms_.push_back(s);
          ts->name->sym = s;
          declare(&pkgScope_, s, ts->name->pos);
          continue;
        }
        auto* vs = static_cast<ValueSpec*>(sp);
        if (g->tok == DeclTok::Const && (!vs->values.empty() || vs->type)) src = vs;
        for (size_t i = 0; i < vs->names.size(); i++) {
          Ident* id = vs->names[i];
          Symbol* s =
              newSym(g->tok == DeclTok::Const ? SymKind::Const : SymKind::Var, id->name, id->pos);
          s->isGlobal = g->tok == DeclTok::Var;
          s->used = true;
          ObjDecl d;
          d.k = g->tok == DeclTok::Const ? ObjDecl::Const : ObjDecl::Var;
          d.file = f;
          d.spec = vs;
          d.index = int(i);
          d.valueSrc = g->tok == DeclTok::Const ? src : vs;
          d.order = declCounter_++;
          decls_[s] = d;
          id->sym = s;
          declare(&pkgScope_, s, id->pos);
        }
      }
    } else if (item.func) {
      FuncDecl* fd = item.func;
      if (recvIsGeneric(fd)) {
        // Instantiated with each instance of its type.
        genericMethods_[recvBaseNameOf(fd)].push_back(fd);
        genericDecls_.push_back(fd);
        continue;
      }
      Symbol* s = newSym(SymKind::Func, fd->name->name, fd->name->pos);
      s->decl = fd;
      s->native = !fd->body;
      if (!fd->typeParams.empty()) {
        newGeneric(s, f, fd->typeParams)->fdecl = fd;
        genericDecls_.push_back(fd);
      }
      ObjDecl d;
      d.k = ObjDecl::Func;
      d.file = f;
      d.fdecl = fd;
      d.order = declCounter_++;
      decls_[s] = d;
      fd->name->sym = s;
      if (fd->recv) continue;  // methods: collectMethods
      s->qualifiedName = pkg_->path + "." + fd->name->name;
      if (fd->name->name == "init" && !f->scriptMode) {
        pkg_->inits.push_back(fd);
        if (!fd->sig->params.empty() || !fd->sig->results.empty())
          error(fd->name->pos, "func init must have no arguments and no return values");
        continue;
      }
      if (fd->name->name == "main" && pkg_->path == "main" &&
          (!fd->sig->params.empty() || !fd->sig->results.empty()))
        error(fd->name->pos, "func main must have no arguments and no return values");
      declare(&pkgScope_, s, fd->name->pos);
    }
  }
}

void Checker::resolve(Symbol* sym) {
  auto it = decls_.find(sym);
  if (it == decls_.end()) return;
  ObjDecl& d = it->second;
  if (d.state == 2) return;
  if (d.state == 1) {
    if (d.k == ObjDecl::Const || d.k == ObjDecl::Var) {
      errorf(sym->pos, "initialization cycle or invalid recursive reference to %s", sym->name);
      sym->type = invalid();
    }
    if (d.k == ObjDecl::Type && d.tspec && d.tspec->alias && !sym->type) reportAliasCycle(sym);
    return;
  }
  d.state = 1;
  File* savedFile = file_;
  Scope* savedScope = scope_;
  ObjDecl* savedDecl = curDecl_;
  FuncCtx* savedFn = fn_;
  file_ = d.file;
  scope_ = fileScopes_[d.file];
  fn_ = nullptr;
  switch (d.k) {
    case ObjDecl::Const:
      curDecl_ = nullptr;
      resolveConst(sym, d);
      break;
    case ObjDecl::Var:
      curDecl_ = &d;
      resolveVar(sym, d);
      break;
    case ObjDecl::Type:
      curDecl_ = nullptr;
      typesResolving_.push_back(sym);
      resolveTypeDecl(sym, d);
      typesResolving_.pop_back();
      break;
    case ObjDecl::Func:
      curDecl_ = nullptr;
      resolveFunc(sym, d);
      break;
  }
  d.state = 2;
  file_ = savedFile;
  scope_ = savedScope;
  curDecl_ = savedDecl;
  fn_ = savedFn;
}

namespace {

// Go's size of a value of type t on amd64, without alignment padding (what
// the address-space check needs), saturating at UINT64_MAX. Sets *big to
// the first array type inside t whose size exceeds 2^50 bytes (the
// compiler's limit on amd64).
uint64_t sizeForLimit(const Type* t, const Type** big, int depth = 0) {
  constexpr uint64_t kMaxWidth = uint64_t(1) << 50;
  if (!t || *big || depth > 100) return 0;
  if (t->isNamed()) return sizeForLimit(t->underlyingType, big, depth + 1);
  switch (t->kind) {
    case Kind::Bool:
    case Kind::Int8:
    case Kind::Uint8: return 1;
    case Kind::Int16:
    case Kind::Uint16: return 2;
    case Kind::Int32:
    case Kind::Uint32:
    case Kind::Float32: return 4;
    case Kind::String:
    case Kind::Interface: return 16;
    case Kind::Slice: return 24;
    case Kind::Array: {
      uint64_t el = sizeForLimit(t->elem, big, depth + 1);
      if (*big) return 0;
      uint64_t n = t->len < 0 ? 0 : uint64_t(t->len);
      uint64_t total = (el != 0 && n > UINT64_MAX / el) ? UINT64_MAX : el * n;
      if (total > kMaxWidth) *big = t;
      return total;
    }
    case Kind::Struct: {
      uint64_t total = 0;
      for (const StructField& f : t->fields) {
        uint64_t fs = sizeForLimit(f.type, big, depth + 1);
        if (*big) return 0;
        total = total > UINT64_MAX - fs ? UINT64_MAX : total + fs;
      }
      return total;
    }
    default: return 8;
  }
}

}  // namespace

// The first array type inside t too large for the address space, or null.
const Type* Checker::tooLargeArray(const Type* t) {
  const Type* big = nullptr;
  sizeForLimit(t, &big);
  return big;
}

// An alias met again while it is being resolved: `type A = B; type B = A`
// (or `type A = []A`). Go's text names the cycle from the alias on.
void Checker::reportAliasCycle(Symbol* alias) {
  auto it = std::find(typesResolving_.begin(), typesResolving_.end(), alias);
  if (it == typesResolving_.end()) return;
  // Through a defined type the cycle is fine (type A = *N; type N struct{ a A }).
  for (auto p = it; p != typesResolving_.end(); ++p) {
    const ObjDecl& pd = decls_[*p];
    if (!pd.tspec || !pd.tspec->alias) return;
  }
  File* saved = file_;
  file_ = decls_[alias].file;
  std::string msg = "invalid recursive type " + alias->name;
  for (auto p = it; p != typesResolving_.end(); ++p)
    msg += "\n\t" + posStr((*p)->pos) + ": " + (*p)->name + " refers to";
  msg += "\n\t" + posStr(alias->pos) + ": " + alias->name;
  error(alias->pos, msg);
  file_ = saved;
  alias->type = invalid();
}

void Checker::resolveTypeDecl(Symbol* sym, ObjDecl& d) {
  if (sym->generic) {
    resolveGeneric(sym->generic);
    return;
  }
  if (d.tspec->alias) {
    sym->type = typeExpr(d.tspec->type);
    return;
  }
  Type* named = const_cast<Type*>(sym->type);
  const Type* u = typeExpr(d.tspec->type);
  if (!u->underlying()) {
    errorf(sym->pos, "invalid recursive type %s", sym->name);
    u = invalid();
  }
  if (const Type* big = tooLargeArray(u))
    errorf(sym->pos, "type %s larger than address space", big);
  prog_.types.setUnderlying(named, u);
}

void Checker::resolveFunc(Symbol* sym, ObjDecl& d) {
  if (sym->generic) {
    resolveGeneric(sym->generic);
    return;
  }
  sym->type = funcSignature(d.fdecl->sig, nullptr, nullptr, nullptr);
}

void Checker::resolveConst(Symbol* sym, ObjDecl& d) {
  sym->type = invalid();
  if (!d.valueSrc || d.valueSrc->values.size() <= size_t(d.index)) {
    if (d.valueSrc && d.index == 0)
      error(sym->pos, "missing init expr for const declaration");
    else
      error(sym->pos, "missing init expr for const declaration");
    return;
  }
  std::vector<Ident*> names{d.spec->names[d.index]};
  ExprList values{d.valueSrc->values[d.index]};
  std::vector<Symbol*> syms{sym};
  constDecl(names, d.valueSrc->type, values, d.spec->iota, syms, d.valueSrc != d.spec);
}

// Shared by package-level and local constants: checks values[i] with iota and
// gives syms[i] its type and value.
void Checker::constDecl(std::vector<Ident*>& names, Expr* typeExprNode, ExprList& values,
                        int iotaVal, std::vector<Symbol*>& syms, bool) {
  const Type* T = nullptr;
  if (typeExprNode) {
    T = typeExpr(typeExprNode);
    if (T->kind != Kind::Invalid && !isConstType(T)) {
      errorf(typeExprNode->pos, "invalid constant type %s", T);
      T = invalid();
    }
  }
  int savedIota = iota_;
  iota_ = iotaVal;
  for (size_t i = 0; i < names.size() && i < values.size(); i++) {
    Symbol* s = syms[i];
    Expr* v = values[i];
    s->type = invalid();
    rvalue(v);
    if (v->mode == Mode::Invalid) continue;
    if (v->mode != Mode::Constant) {
      errorf(v->pos, "%s is not constant", Operand{v});
      continue;
    }
    if (T) {
      if (T->kind == Kind::Invalid) continue;
      if (!assignTo(v, T, "constant declaration")) continue;
    }
    s->type = v->type;
    s->value = v->value;
  }
  iota_ = savedIota;
}

// Checks a var spec's values and gives each name its type; `syms` are the
// spec's symbols in order (null for _).
void Checker::varSpec(ValueSpec* spec, std::vector<Symbol*>& syms) {
  const Type* T = spec->type ? typeExpr(spec->type) : nullptr;
  if (spec->embed && T && T->kind != Kind::Invalid) embedInitializer(spec, T);
  size_t n = spec->names.size();
  auto setAll = [&](const Type* t) {
    for (auto* s : syms)
      if (s) s->type = t;
  };
  if (spec->values.empty()) {
    setAll(T ? T : invalid());
    return;
  }
  if (spec->values.size() == n) {
    for (size_t i = 0; i < n; i++) {
      Expr* v = spec->values[i];
      const Type* t = invalid();
      if (T) {
        singleValue(v, T, n);
        if (v->mode != Mode::Invalid && assignTo(v, T, "variable declaration")) t = T;
        if (T->kind != Kind::Invalid) t = T;
      } else {
        singleValue(v, nullptr, n);
        if (v->mode != Mode::Invalid) {
          if (v->type->kind == Kind::UntypedNil) {
            error(v->pos, "use of untyped nil in variable declaration");
          } else if (v->mode == Mode::Constant && isUntyped(v->type)) {
            // The constant must fit its default type, as in `x := c`.
            const Type* d = defaultOf(v->type);
            if (assignTo(v, d, "variable declaration")) t = d;
          } else {
            defaultType(v);
            t = v->type;
          }
        }
      }
      if (syms[i]) syms[i]->type = t;
    }
    return;
  }
  if (spec->values.size() == 1) {
    Expr* v = spec->values[0];
    multiValue(v);
    if (v->mode == Mode::Invalid) {
      setAll(T ? T : invalid());
      return;
    }
    std::vector<const Type*> types;
    if (v->type && v->type->kind == Kind::Tuple) {
      types = v->type->elems;
    } else if (n == 2 && (v->mode == Mode::CommaOk || v->mode == Mode::MapIndex)) {
      types = {v->type, basic(Kind::Bool)};
    } else {
      types = {v->type};
    }
    if (types.size() != n) {
      std::string vars = std::to_string(n) + (n == 1 ? " variable" : " variables");
      if (v->kind == ExprKind::Call && v->type && v->type->kind == Kind::Tuple)
        errorf(v->pos, "assignment mismatch: %s but %s returns %s%s", vars,
               static_cast<CallExpr*>(v)->fun, types.size(),
               (types.size() == 1 ? " value" : " values"));
      else
        errorf(v->pos, "assignment mismatch: %s but 1 value", vars);
      setAll(T ? T : invalid());
      return;
    }
    for (size_t i = 0; i < n; i++) {
      const Type* t = types[i];
      if (isUntyped(t)) t = defaultOf(t);
      if (T) {
        if (!assignableType(t, T))
          errorf(v->pos, "cannot use %s value of type %s as %s value in assignment", v, t, T);
        t = T;
      }
      if (syms[i]) syms[i]->type = t;
    }
    if (v->mode == Mode::CommaOk || v->mode == Mode::MapIndex) defaultType(v);
    return;
  }
  if (spec->values.size() > n)
    errorf(spec->values[n]->pos, "extra init expr %s", spec->values[n]);
  else
    errorf(spec->names[spec->values.size()]->pos, "missing init expr for %s",
           spec->names[spec->values.size()]->name);
  for (Expr* v : spec->values) rvalue(v);
  setAll(T ? T : invalid());
}

void Checker::resolveVar(Symbol* sym, ObjDecl& d) {
  std::vector<Symbol*> syms;
  for (Ident* id : d.spec->names) syms.push_back(id->sym);
  // The whole spec is resolved at once; the others share this decl's deps.
  for (Symbol* s : syms) {
    if (s && s != sym) decls_[s].state = 1;
  }
  varSpec(d.spec, syms);
  for (Symbol* s : syms) {
    if (s && s != sym) {
      decls_[s].state = 2;
      decls_[s].deps = d.deps;
    }
  }
  if (!d.spec->values.empty()) specDecl_[d.spec] = &d;
}

// --------------------------------------------------------------- methods

void Checker::collectMethods() {
  for (auto& [sym, d] : decls_) {
    if (d.k != ObjDecl::Func || !d.fdecl->recv) continue;
    (void)sym;
  }
  // In declaration order.
  std::vector<std::pair<int, Symbol*>> ms;
  for (auto& [sym, d] : decls_)
    if (d.k == ObjDecl::Func && d.fdecl->recv) ms.push_back({d.order, sym});
  std::sort(ms.begin(), ms.end());
  for (auto& [order, sym] : ms) {
    ObjDecl& d = decls_[sym];
    FuncDecl* fd = d.fdecl;
    file_ = d.file;
    scope_ = fileScopes_[d.file];
    Expr* rt = fd->recv->type;
    while (rt && rt->kind == ExprKind::Paren) rt = static_cast<ParenExpr*>(rt)->x;
    bool ptr = false;
    if (rt && rt->kind == ExprKind::Star) {
      ptr = true;
      rt = static_cast<StarExpr*>(rt)->x;
      while (rt && rt->kind == ExprKind::Paren) rt = static_cast<ParenExpr*>(rt)->x;
    }
    Pos rpos = !fd->recv->names.empty() ? fd->recv->names[0]->pos : fd->recv->type->pos;
    if (!rt || rt->kind != ExprKind::Ident) {
      errorf(rpos, "invalid receiver type %s", fd->recv->type);
      d.state = 2;
      sym->type = funcSignature(fd->sig, nullptr, nullptr, nullptr);
      continue;
    }
    auto* rid = static_cast<Ident*>(rt);
    Symbol* base = lookup(rid->name);
    if (!base) {
      errorf(rid->pos, "undefined: %s", rid->name);
      sym->type = funcSignature(fd->sig, nullptr, nullptr, nullptr);
      continue;
    }
    rid->sym = base;
    if (base->kind != SymKind::TypeName) {
      errorf(rid->pos, "%s is not a type", rid->name);
      sym->type = funcSignature(fd->sig, nullptr, nullptr, nullptr);
      continue;
    }
    resolve(base);
    const Type* T = base->type;
    // A type of this package (in a REPL session, possibly declared by an
    // earlier entry, so not in decls_).
    if (!T || !T->isNamed() || T->pkg != pkg_ || (!decls_.count(base) && base->pkg != pkg_)) {
      errorf(rpos, "cannot define new methods on non-local type %s", T);
      sym->type = funcSignature(fd->sig, nullptr, nullptr, nullptr);
      continue;
    }
    if (T->underlying() &&
        (T->underlying()->kind == Kind::Pointer || T->underlying()->kind == Kind::Interface)) {
      errorf(rpos, "invalid receiver type %s%s", rid->name,
             (T->underlying()->kind == Kind::Pointer ? " (pointer or interface type)"
                                                     : " (pointer or interface type)"));
    }
    rid->type = T;
    rid->mode = Mode::TypeExpr;
    fd->recv->type->type = ptr ? prog_.types.pointer(T) : T;
    fd->recv->type->mode = Mode::TypeExpr;
    sym->recvType = ptr ? prog_.types.pointer(T) : T;
    sym->qualifiedName =
        pkg_->path + "." + (ptr ? "(*" + T->name + ")" : T->name) + "." + fd->name->name;
    sym->type = funcSignature(fd->sig, nullptr, nullptr, nullptr);
    d.state = 2;
    const std::string& mname = fd->name->name;
    if (mname == "_") continue;
    Type* named = const_cast<Type*>(T);
    bool dup = false;
    for (Symbol* m : named->declaredMethods) {
      if (m->name == mname && !decls_.count(m)) {
        // REPL: a method of an earlier entry is replaced, as functions are.
        std::replace(named->declaredMethods.begin(), named->declaredMethods.end(), m, sym);
        dup = true;
        break;
      }
      if (m->name == mname) {
        errorf(fd->name->pos, "%s.%s redeclared in this block\n\t%s: other declaration of %s",
               T->name, mname, posStr(m->pos), mname);
        dup = true;
        break;
      }
    }
    if (dup) continue;
    // A field of the same name in the struct declaration.
    auto tdIt = decls_.find(base);
    TypeSpec* tspec = tdIt != decls_.end() ? tdIt->second.tspec : nullptr;
    if (tspec && tspec->type && tspec->type->kind == ExprKind::StructType) {
      for (Field* f : static_cast<StructTypeExpr*>(tspec->type)->fields) {
        for (Ident* fn : f->names) {
          if (fn->name == mname) {
            errorf(fd->name->pos,
                   "field and method with the same name %s\n\t%s: other declaration of %s", mname,
                   posStr(fn->pos), mname);
            dup = true;
          }
        }
      }
    }
    if (dup) continue;
    named->declaredMethods.push_back(sym);
  }
}

// Invalid recursive types: a named type that contains itself by value.
void Checker::checkRecursiveTypes() {
  std::set<const Type*> reported;
  std::map<const Type*, Symbol*> symOf;
  for (Symbol* s : typeSyms_)
    if (s->type && s->type->isNamed() && s->type->pkg == pkg_) symOf[s->type] = s;
  for (Symbol* start : typeSyms_) {
    const Type* T = start->type;
    if (!T || !T->isNamed() || T->pkg != pkg_ || reported.count(T)) continue;
    std::vector<const Type*> path;
    std::set<const Type*> visiting;
    bool found = false;
    std::function<void(const Type*)> walk = [&](const Type* t) {
      if (found || !t) return;
      if (t->isNamed()) {
        if (t == T && !path.empty()) {
          found = true;
          return;
        }
        if (!symOf.count(t) || visiting.count(t)) return;
        visiting.insert(t);
        path.push_back(t);
        walk(t->underlyingType);
        if (!found) path.pop_back();
        return;
      }
      if (t->kind == Kind::Array) walk(t->elem);
      if (t->kind == Kind::Struct)
        for (auto& f : t->fields) walk(f.type);
    };
    walk(T);
    if (!found) continue;
    std::string msg = "invalid recursive type " + start->name;
    for (const Type* p : path) {
      reported.insert(p);
      msg += "\n\t" + posStr(symOf[p]->pos) + ": " + p->name + " refers to";
    }
    msg += "\n\t" + posStr(start->pos) + ": " + start->name;
    file_ = decls_[start].file;
    error(start->pos, msg);
  }
}

// ------------------------------------------------------------ init order

void Checker::computeInitOrder() {
  // Var specs with initialisers in declaration order, with the package-level
  // vars each depends on (transitively through functions and methods).
  std::vector<std::pair<int, ValueSpec*>> specs;
  for (auto& [spec, d] : specDecl_) specs.push_back({d->order, spec});
  std::sort(specs.begin(), specs.end());
  std::unordered_map<ValueSpec*, size_t> indexOf;
  for (size_t i = 0; i < specs.size(); ++i) indexOf[specs[i].second] = i;
  // dependents[j]: the specs that wait for spec j; waiting[i]: how many
  // specs spec i still waits for.
  std::vector<std::vector<size_t>> dependents(specs.size());
  std::vector<size_t> waiting(specs.size(), 0);
  for (size_t i = 0; i < specs.size(); ++i) {
    ValueSpec* spec = specs[i].second;
    std::unordered_set<size_t> out;
    std::unordered_set<Symbol*> seen;
    std::vector<Symbol*> work(specDecl_[spec]->deps.begin(), specDecl_[spec]->deps.end());
    while (!work.empty()) {
      Symbol* s = work.back();
      work.pop_back();
      if (!seen.insert(s).second) continue;
      auto it = decls_.find(s);
      if (it == decls_.end()) continue;
      if (it->second.k == ObjDecl::Var) {
        if (!it->second.spec->values.empty() && it->second.spec != spec)
          out.insert(indexOf.at(it->second.spec));
      } else if (it->second.k == ObjDecl::Func) {
        for (Symbol* x : it->second.deps) work.push_back(x);
      }
    }
    for (size_t j : out) dependents[j].push_back(i);
    waiting[i] = out.size();
  }
  // Go's rule: repeatedly the earliest spec in declaration order that is
  // ready. A min-heap of the ready ones makes that n log n (a rescan from
  // the start per pick was quadratic: 70,000 vars took 96 s).
  std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
  for (size_t i = 0; i < specs.size(); ++i)
    if (waiting[i] == 0) ready.push(i);
  std::vector<bool> done(specs.size(), false);
  size_t ndone = 0, firstUndone = 0;
  auto finish = [&](size_t i) {
    done[i] = true;
    ++ndone;
    pkg_->varInits.push_back(specs[i].second);
    for (size_t d : dependents[i])
      if (--waiting[d] == 0) ready.push(d);
  };
  while (ndone < specs.size()) {
    if (!ready.empty()) {
      size_t i = ready.top();
      ready.pop();
      if (!done[i]) finish(i);
      continue;
    }
    // Nothing is ready: the earliest spec left is on a cycle.
    while (done[firstUndone]) ++firstUndone;
    ValueSpec* spec = specs[firstUndone].second;
    file_ = specDecl_[spec]->file;
    errorf(spec->names[0]->pos, "initialization cycle: %s refers to itself", spec->names[0]->name);
    finish(firstUndone);
  }
}

// ------------------------------------------------------------ functions

// A func type or an interface method declares no scope gol keeps, but its
// parameter and result names share one block all the same: Go reports a
// repeated name as it does in a function declaration.
void Checker::checkParamNames(FuncTypeExpr* sig) {
  std::map<std::string, Pos> seen;
  for (const auto* list : {&sig->params, &sig->results})
    for (Field* f : *list)
      for (Ident* id : f->names) {
        if (id->name == "_") continue;
        auto [it, fresh] = seen.emplace(id->name, id->pos);
        if (!fresh)
          errorf(id->pos, "%s redeclared in this block\n\t%s: other declaration of %s", id->name,
                 posStr(it->second), id->name);
      }
}

// The signature of a function type; when `params`/`results` are given,
// declares symbols for them in `into` (a function's outermost scope).
const Type* Checker::funcSignature(FuncTypeExpr* sig, std::vector<Symbol*>* params,
                                   std::vector<Symbol*>* results, Scope* into) {
  std::vector<const Type*> ps, rs;
  bool variadic = false;
  for (size_t i = 0; i < sig->params.size(); i++) {
    Field* f = sig->params[i];
    const Type* t;
    if (f->type && f->type->kind == ExprKind::Ellipsis) {
      auto* el = static_cast<EllipsisExpr*>(f->type);
      const Type* et = typeExpr(el->elem);
      t = prog_.types.slice(et);
      el->type = t;
      el->mode = Mode::TypeExpr;
      if (i + 1 == sig->params.size() && f->names.size() <= 1)
        variadic = true;
      else
        error(f->type->pos, "can only use ... with final parameter in list");
    } else {
      t = typeExpr(f->type);
    }
    size_t count = f->names.empty() ? 1 : f->names.size();
    for (size_t j = 0; j < count; j++) {
      ps.push_back(t);
      if (params) {
        Ident* id = f->names.empty() ? nullptr : f->names[j];
        Symbol* s = newSym(SymKind::Var, id ? id->name : "_", id ? id->pos : f->pos);
        s->type = t;
        s->isParam = true;
        s->used = true;
        s->owner = fn_ ? fn_->info : nullptr;
        if (id) {
          id->sym = s;
          declare(into, s, id->pos);
        }
        params->push_back(s);
      }
    }
  }
  for (Field* f : sig->results) {
    const Type* t = typeExpr(f->type);
    size_t count = f->names.empty() ? 1 : f->names.size();
    for (size_t j = 0; j < count; j++) {
      rs.push_back(t);
      if (results) {
        Ident* id = f->names.empty() ? nullptr : f->names[j];
        Symbol* s = newSym(SymKind::Var, id ? id->name : "", id ? id->pos : f->pos);
        s->type = t;
        s->isParam = true;
        s->isResult = true;
        s->used = true;
        s->owner = fn_ ? fn_->info : nullptr;
        if (id) {
          id->sym = s;
          declare(into, s, id->pos);
        }
        results->push_back(s);
      }
    }
  }
  const Type* ft = prog_.types.func(std::move(ps), std::move(rs), variadic);
  sig->type = ft;
  sig->mode = Mode::TypeExpr;
  return ft;
}

void Checker::checkFuncBody(FuncInfo* info, FuncTypeExpr* sig, BlockStmt* body, Field* recv) {
  FuncCtx ctx;
  ctx.info = info;
  ctx.outer = fn_;
  if (auto rb = rangeBodies_.find(body); rb != rangeBodies_.end()) {
    ctx.rangeBody = true;
    ctx.rangeFrame = rb->second;
  }
  FuncCtx* saved = fn_;
  fn_ = &ctx;
  Scope* savedScope = scope_;
  openScope();
  if (recv) {
    Ident* id = recv->names.empty() ? nullptr : recv->names[0];
    Symbol* s = newSym(SymKind::Var, id ? id->name : "_", id ? id->pos : recv->pos);
    s->type = recv->type->type ? recv->type->type : invalid();
    s->isParam = true;
    s->used = true;
    s->owner = info;
    if (id) {
      id->sym = s;
      declare(scope_, s, id->pos);
    }
    info->recv = s;
  }
  info->sig = funcSignature(sig, &info->params, &info->results, scope_);
  ctx.sig = info->sig;
  if (body) {
    collectLabels(body->stmts);
    // A range-over-func body was checked with its function's.
    if (!ctx.rangeBody) checkGotos(body->pos, body->stmts);
    stmtList(body->stmts);
    if (!info->sig->results.empty() && !isTerminatingList(body->stmts))
      error(body->rbrace, "missing return");
    reportUnused();
  }
  scope_ = savedScope;
  fn_ = saved;
}

void Checker::reportUnused() {
  for (Symbol* v : fn_->vars)
    if (!v->used && v->name != "_") errorf(v->pos, "declared and not used: %s", v->name);
  // A range-over-func body's labels are its function's: their uses count
  // there, where unused ones are reported.
  if (fn_->rangeBody && fn_->outer) {
    fn_->outer->usedLabels.insert(fn_->usedLabels.begin(), fn_->usedLabels.end());
    return;
  }
  for (auto& [name, ls] : fn_->labels)
    if (!fn_->usedLabels.count(name)) errorf(ls->label->pos, "label %s defined and not used", name);
}

void Checker::checkPackage(std::vector<File*> files) {
  for (File* f : files) {
    pkg_->files.push_back(f);
    collect(f);
  }
  for (auto& [name, s] : pkgScope_.names) pkg_->members[name] = s;
  // Types first, then method signatures, then everything else.
  for (Symbol* s : typeSyms_) resolve(s);
  checkRecursiveTypes();
  collectMethods();
  std::vector<std::pair<int, Symbol*>> order;
  for (auto& [s, d] : decls_) order.push_back({d.order, s});
  std::sort(order.begin(), order.end());
  for (auto& [o, s] : order) {
    (void)o;
    resolve(s);
  }
  // Bodies, in source order.
  for (File* f : files) {
    file_ = f;
    for (auto& item : f->items) {
      if (!item.func) continue;
      FuncDecl* fd = item.func;
      Symbol* sym = fd->name->sym;
      if (!sym || sym->generic) continue;  // generic: checked per instance
      scope_ = fileScopes_[f];
      fd->info = newFuncInfo();
      fd->info->name =
          sym->qualifiedName.empty() ? pkg_->path + "." + fd->name->name : sym->qualifiedName;
      if (fd->name->name == "init" && !fd->recv) {
        fd->info->name = pkg_->path + ".init." + std::to_string(initCount_++);
      }
      fd->info->pos = fd->pos;
      pkg_->funcs.push_back(fd);
      if (!fd->body && pkg_->path == "main") error(fd->name->pos, "missing function body");
      curDecl_ = &decls_[sym];
      checkFuncBody(fd->info, fd->sig, fd->body, fd->recv);
      curDecl_ = nullptr;
    }
  }
  checkGenericBodies();
  // Script mode: top-level statements form the implicit main function.
  for (File* f : files) {
    if (!f->scriptMode) continue;
    file_ = f;
    scope_ = fileScopes_[f];
    FuncInfo* info = newFuncInfo();
    info->name = "main.main";
    info->sig = prog_.types.func({}, {}, false);
    pkg_->scriptInfo = info;
    FuncCtx ctx;
    ctx.info = info;
    ctx.sig = info->sig;
    ctx.script = true;
    fn_ = &ctx;
    openScope();
    StmtList stmts;
    for (auto& item : f->items) {
      if (item.stmt) stmts.push_back(item.stmt);
      if (item.gen && item.gen->tok == DeclTok::Var) {
        auto* ds = f->arena.make<DeclStmt>();
        ds->decl = item.gen;
        ds->pos = item.gen->pos;
        item.stmt = ds;
        item.gen = nullptr;
        stmts.push_back(ds);
      }
    }
    collectLabels(stmts);
    checkGotos(Pos{1, 1}, stmts);
    stmtList(stmts);
    closeScope();
    fn_ = nullptr;
  }
  computeInitOrder();
  markGenericImports();
  for (Symbol* s : importSyms_) {
    if (usedImports_.count(s)) continue;
    for (auto& [f, sc] : fileScopes_) {
      (void)sc;
      if (f->scriptMode) continue;
      for (ImportSpec* imp : f->imports) {
        if (imp->pos.line == s->pos.line && imp->pos.col == s->pos.col) {
          file_ = f;
          if (imp->name)
            errorf(s->pos, "\"%s\" imported as %s and not used", imp->path, s->name);
          else
            errorf(s->pos, "\"%s\" imported and not used", imp->path);
        }
      }
    }
  }
}

// ------------------------------------------------------------ entry point

bool checkProgram(Program& program, std::unique_ptr<File> mainFile, const PackageSource& packages,
                  Diagnostics& diags) {
  std::unique_ptr<Scope> universe(makeUniverse(program));
  std::vector<Diagnostic> errs;
  std::set<std::string> importing;
  program.scriptMode = mainFile->scriptMode;
  auto pkg = std::make_unique<Package>();
  pkg->path = "main";
  pkg->name = "main";
  Package* raw = pkg.get();
  File* f = mainFile.get();
  {
    CheckContext context;
    // GOL_CHECK_STD=1 (CTest std_generic_bodies) also checks every lazy
    // declaration of the packages imported.
    const char* checkStd = std::getenv("GOL_CHECK_STD");
    context.eagerLazy = checkStd && *checkStd && std::string_view(checkStd) != "0";
    Checker c(program, raw, packages, universe.get(), errs, importing);
    c.context_ = &context;
    c.checkPackage({f});
    // Instances of generic functions and methods, in every package, as
    // the checked code asked for them (each may ask for more).
    context.drain();
  }
  program.files.push_back(std::move(mainFile));
  program.packages.push_back(std::move(pkg));
  program.mainPackage = raw;
  // Go reports errors sorted by position; the main file's come after any
  // errors of imported packages.
  std::stable_sort(errs.begin(), errs.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    bool am = a.file == f->filename, bm = b.file == f->filename;
    if (am != bm) return bm;
    if (a.file != b.file) return false;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  // An error in a generic body is found once per instance: report it once.
  // And gc reports only one of equal messages on a line (base.ErrorfAt:
  // `func(a, a int) (a string)` says `a redeclared` once).
  errs.erase(std::unique(errs.begin(), errs.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                           return a.file == b.file && a.pos.line == b.pos.line &&
                                  a.message == b.message;
                         }),
             errs.end());
  for (auto& d : errs) {
    if (diags.full()) break;
    diags.list.push_back(d);
  }
  return errs.empty();
}

}  // namespace gol
