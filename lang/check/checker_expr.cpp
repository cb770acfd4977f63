// Expressions: operands, operators, selectors, indexing, calls, literals.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

void invalidate(Expr* e) {
  e->mode = Mode::Invalid;
}

Expr* unparen(Expr* e) {
  while (e && e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

// Standard packages whose name differs from their path.
std::string pathForName(const std::string& name) {
  if (name == "rand") return "math/rand";
  if (name == "utf8") return "unicode/utf8";
  if (name == "atomic") return "sync/atomic";
  return name;
}

void appendUtf8(std::string& s, uint32_t r) {
  if (r < 0x80) {
    s += char(r);
  } else if (r < 0x800) {
    s += char(0xC0 | (r >> 6));
    s += char(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    s += char(0xE0 | (r >> 12));
    s += char(0x80 | ((r >> 6) & 0x3F));
    s += char(0x80 | (r & 0x3F));
  } else {
    s += char(0xF0 | (r >> 18));
    s += char(0x80 | ((r >> 12) & 0x3F));
    s += char(0x80 | ((r >> 6) & 0x3F));
    s += char(0x80 | (r & 0x3F));
  }
}

int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the body of an interpreted string or rune literal (without quotes).
// `runes` receives code points when decoding a rune literal.
std::string unescape(const std::string& body, std::vector<uint32_t>* runes) {
  std::string out;
  for (size_t i = 0; i < body.size();) {
    unsigned char c = body[i];
    if (c != '\\') {
      // copy one UTF-8 sequence
      size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
      if (runes) {
        uint32_t r = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < n && i + k < body.size(); k++) r = (r << 6) | (body[i + k] & 0x3F);
        runes->push_back(r);
      }
      out.append(body, i, n);
      i += n;
      continue;
    }
    char e = i + 1 < body.size() ? body[i + 1] : 0;
    i += 2;
    uint32_t v = 0;
    bool isByte = false;
    switch (e) {
      case 'a': v = 7; break;
      case 'b': v = 8; break;
      case 'f': v = 12; break;
      case 'n': v = 10; break;
      case 'r': v = 13; break;
      case 't': v = 9; break;
      case 'v': v = 11; break;
      case '\\': v = '\\'; break;
      case '\'': v = '\''; break;
      case '"': v = '"'; break;
      case 'x':
        for (int k = 0; k < 2 && i < body.size(); k++) v = v * 16 + hexVal(body[i++]);
        isByte = true;
        break;
      case 'u':
        for (int k = 0; k < 4 && i < body.size(); k++) v = v * 16 + hexVal(body[i++]);
        break;
      case 'U':
        for (int k = 0; k < 8 && i < body.size(); k++) v = v * 16 + hexVal(body[i++]);
        break;
      default:
        if (e >= '0' && e <= '7') {
          v = e - '0';
          for (int k = 0; k < 2 && i < body.size(); k++) v = v * 8 + (body[i++] - '0');
          isByte = true;
        }
    }
    if (runes) runes->push_back(v);
    if (isByte)
      out += char(v);
    else
      appendUtf8(out, v);
  }
  return out;
}

bool parseIntLit(const std::string& raw, __int128& out) {
  std::string s;
  for (char c : raw)
    if (c != '_') s += c;
  int base = 10;
  size_t i = 0;
  if (s.size() > 1 && s[0] == '0') {
    char p = std::tolower((unsigned char)s[1]);
    if (p == 'x')
      base = 16, i = 2;
    else if (p == 'b')
      base = 2, i = 2;
    else if (p == 'o')
      base = 8, i = 2;
    else
      base = 8, i = 1;
  }
  __int128 v = 0;
  for (; i < s.size(); i++) {
    int d = hexVal(s[i]);
    if (d < 0 || d >= base) return false;
    if (__builtin_mul_overflow(v, (__int128)base, &v)) return false;
    if (__builtin_add_overflow(v, (__int128)d, &v)) return false;
  }
  out = v;
  return true;
}

}  // namespace

void Checker::expr(Expr* e, const Type* hint) {
  rawExpr(e, hint);
}

void Checker::rvalue(Expr* e, const Type* hint) {
  rawExpr(e, hint);
  switch (e->mode) {
    case Mode::TypeExpr:
      error(e->pos, exprString(e) + " (type) is not an expression");
      invalidate(e);
      return;
    case Mode::Builtin:
      error(e->pos, exprString(e) + " (built-in) must be called");
      invalidate(e);
      return;
    case Mode::PackageName:
      error(e->pos, "use of package " + exprString(e) + " without selector");
      invalidate(e);
      return;
    case Mode::NoValue:
      error(e->pos, exprString(e) + " (no value) used as value");
      invalidate(e);
      return;
    default: break;
  }
  if (e->mode != Mode::Invalid && e->type && e->type->kind == Kind::Tuple) {
    error(e->pos, "multiple-value " + exprString(e) + " (value of type " + tstr(e->type) +
                      ") in single-value context");
    invalidate(e);
  }
}

void Checker::singleValue(Expr* e, const Type* hint, size_t nvars) {
  if (nvars != 1 || unparen(e)->kind != ExprKind::Call) {
    rvalue(e, hint);
    return;
  }
  multiValue(e);
  if (e->mode != Mode::Invalid && e->type && e->type->kind == Kind::Tuple) {
    error(e->pos, "assignment mismatch: 1 variable but " +
                      exprString(static_cast<CallExpr*>(unparen(e))->fun) + " returns " +
                      std::to_string(e->type->elems.size()) + " values");
    invalidate(e);
  }
}

void Checker::multiValue(Expr* e) {
  rawExpr(e, nullptr);
  if (e->mode == Mode::TypeExpr || e->mode == Mode::Builtin || e->mode == Mode::PackageName ||
      e->mode == Mode::NoValue) {
    if (e->mode == Mode::NoValue)
      error(e->pos, exprString(e) + " (no value) used as value");
    else if (e->mode == Mode::TypeExpr)
      error(e->pos, exprString(e) + " (type) is not an expression");
    else if (e->mode == Mode::Builtin)
      error(e->pos, exprString(e) + " (built-in) must be called");
    else
      error(e->pos, "use of package " + exprString(e) + " without selector");
    invalidate(e);
  }
}

void Checker::rawExpr(Expr* e, const Type* hint) {
  e->mode = Mode::Invalid;
  e->type = nullptr;
  switch (e->kind) {
    case ExprKind::Bad: break;
    case ExprKind::Ident: ident(static_cast<Ident*>(e)); break;
    case ExprKind::BasicLit: basicLit(static_cast<BasicLit*>(e)); break;
    case ExprKind::CompositeLit: compositeLit(static_cast<CompositeLit*>(e), hint); break;
    case ExprKind::FuncLit: funcLit(static_cast<FuncLit*>(e)); break;
    case ExprKind::Paren: {
      auto* p = static_cast<ParenExpr*>(e);
      rawExpr(p->x, hint);
      e->mode = p->x->mode;
      e->type = p->x->type;
      e->value = p->x->value;
      break;
    }
    case ExprKind::Selector: selector(static_cast<SelectorExpr*>(e)); break;
    case ExprKind::Index: indexExpr(static_cast<IndexExpr*>(e)); break;
    case ExprKind::Slice: sliceExpr(static_cast<SliceExpr*>(e)); break;
    case ExprKind::TypeAssert: typeAssert(static_cast<TypeAssertExpr*>(e)); break;
    case ExprKind::Call: call(static_cast<CallExpr*>(e)); break;
    case ExprKind::Star: star(static_cast<StarExpr*>(e)); break;
    case ExprKind::Unary: unary(static_cast<UnaryExpr*>(e), hint); break;
    case ExprKind::Binary: binary(static_cast<BinaryExpr*>(e), hint); break;
    case ExprKind::KeyValue: error(e->pos, "unexpected key:value expression"); break;
    default: {
      const Type* t = typeExpr(e);
      e->type = t;
      e->mode = t->kind == Kind::Invalid ? Mode::Invalid : Mode::TypeExpr;
      break;
    }
  }
  if (e->mode == Mode::Invalid && !e->type) e->type = invalid();
}

// ---------------------------------------------------------------- operands

void Checker::ident(Ident* e) {
  if (e->name == "_") {
    error(e->pos, "cannot use _ as value or type");
    return;
  }
  Symbol* sym = lookup(e->name);
  if (!sym && file_ && file_->scriptMode) {
    if (Package* p = importPackage(pathForName(e->name), e->pos, true)) {
      sym = newSym(SymKind::Package, e->name, e->pos);
      sym->package = p;
      fileScopes_[file_]->names[e->name] = sym;
    }
  }
  if (!sym) {
    error(e->pos, "undefined: " + e->name);
    return;
  }
  e->sym = sym;
  switch (sym->kind) {
    case SymKind::Var:
      resolve(sym);
      sym->used = true;
      e->mode = Mode::Variable;
      e->type = sym->type;
      if (sym->isGlobal && curDecl_) curDecl_->deps.push_back(sym);
      if (sym->owner && fn_ && sym->owner != fn_->info) {
        // A variable of an enclosing function: every literal in between
        // captures it.
        sym->captured = true;
        for (FuncCtx* c = fn_; c && c->info != sym->owner; c = c->outer) {
          auto& caps = c->info->captures;
          if (std::find(caps.begin(), caps.end(), sym) == caps.end()) caps.push_back(sym);
        }
      }
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::Const:
      resolve(sym);
      e->mode = Mode::Constant;
      e->type = sym->type;
      e->value = sym->value;
      if (sym->name == "iota" && !sym->pkg) {
        if (iota_ < 0) {
          error(e->pos, "cannot use iota outside constant declaration");
          e->mode = Mode::Invalid;
          break;
        }
        e->value = ConstValue::ofInt(iota_);
      }
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::TypeName:
      resolve(sym);
      e->mode = Mode::TypeExpr;
      e->type = sym->type;
      if (!sym->type || sym->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      break;
    case SymKind::Func:
      resolve(sym);
      e->mode = Mode::Value;
      e->type = sym->type;
      if (curDecl_) curDecl_->deps.push_back(sym);
      break;
    case SymKind::Builtin: e->mode = Mode::Builtin; break;
    case SymKind::Package:
      usedImports_.insert(sym);
      e->mode = Mode::PackageName;
      break;
    case SymKind::Nil:
      e->mode = Mode::Value;
      e->type = basic(Kind::UntypedNil);
      break;
    case SymKind::Label: break;
  }
}

void Checker::basicLit(BasicLit* e) {
  e->mode = Mode::Constant;
  const std::string& raw = e->raw;
  switch (e->litKind) {
    case LitKind::Int: {
      __int128 v;
      if (!parseIntLit(raw, v)) {
        error(e->pos, "integer constant overflow or invalid literal " + raw);
        e->mode = Mode::Invalid;
        return;
      }
      e->type = basic(Kind::UntypedInt);
      e->value = ConstValue::ofInt(v);
      return;
    }
    case LitKind::Float: {
      std::string s;
      for (char c : raw)
        if (c != '_') s += c;
      e->type = basic(Kind::UntypedFloat);
      e->value = ConstValue::ofFloat(std::strtold(s.c_str(), nullptr));
      return;
    }
    case LitKind::Imag:
      error(e->pos, "complex numbers are not supported");
      e->mode = Mode::Invalid;
      return;
    case LitKind::Rune: {
      std::vector<uint32_t> runes;
      unescape(raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : "", &runes);
      e->type = basic(Kind::UntypedRune);
      e->value = ConstValue::ofInt(runes.empty() ? 0 : runes[0]);
      return;
    }
    case LitKind::String: {
      e->type = basic(Kind::UntypedString);
      if (!raw.empty() && raw[0] == '`') {
        std::string s;
        for (size_t i = 1; i + 1 < raw.size(); i++)
          if (raw[i] != '\r') s += raw[i];
        e->value = ConstValue::ofString(s);
      } else {
        e->value = ConstValue::ofString(
            unescape(raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : "", nullptr));
      }
      return;
    }
  }
}

void Checker::funcLit(FuncLit* e) {
  FuncInfo* info = newFuncInfo();
  FuncInfo* parent = fn_ ? fn_->info : nullptr;
  info->parent = parent;
  info->pos = e->pos;
  int n = ++litCounters_[parent];
  if (!parent)
    info->name = pkg_->path + ".glob..func" + std::to_string(n);
  else if (litInfos_.count(parent))
    info->name = parent->name + "." + std::to_string(n);
  else
    info->name = parent->name + ".func" + std::to_string(n);
  litInfos_.insert(info);
  e->info = info;
  pkg_->funcLits.push_back(e);
  Scope* saved = scope_;
  checkFuncBody(info, e->sig, e->body, nullptr);
  scope_ = saved;
  e->type = info->sig;
  e->mode = Mode::Value;
}

// -------------------------------------------------------------- composite

void Checker::compositeLit(CompositeLit* e, const Type* hint) {
  const Type* T = nullptr;
  const Type* resultType = nullptr;
  bool ellipsisArray = false;
  if (e->typeExpr) {
    if (e->typeExpr->kind == ExprKind::ArrayType &&
        static_cast<ArrayTypeExpr*>(e->typeExpr)->ellipsisLen) {
      auto* a = static_cast<ArrayTypeExpr*>(e->typeExpr);
      const Type* el = typeExpr(a->elem);
      if (el->kind == Kind::Invalid) {
        for (Expr* x : e->elts)
          rvalue(x->kind == ExprKind::KeyValue ? static_cast<KeyValueExpr*>(x)->value : x);
        return;
      }
      T = el;  // element type; fixed up below
      ellipsisArray = true;
    } else {
      T = typeExpr(e->typeExpr);
    }
  } else if (hint) {
    T = hint;
    if (T->underlying() && T->underlying()->kind == Kind::Pointer) {
      resultType = T;
      T = T->underlying()->elem;
    }
  } else {
    error(e->pos, "invalid composite literal type: missing type");
    return;
  }
  if (T->kind == Kind::Invalid || !T->underlying()) {
    for (Expr* x : e->elts)
      if (x->kind != ExprKind::KeyValue) rvalue(x);
    return;
  }
  const Type* u = ellipsisArray ? nullptr : T->underlying();
  e->indices.clear();
  if (ellipsisArray || u->kind == Kind::Array || u->kind == Kind::Slice) {
    const Type* elem = ellipsisArray ? T : u->elem;
    int64_t idx = 0, maxIdx = 0;
    std::set<int64_t> seen;
    for (Expr* x : e->elts) {
      Expr* val = x;
      if (x->kind == ExprKind::KeyValue) {
        auto* kv = static_cast<KeyValueExpr*>(x);
        rvalue(kv->key);
        if (kv->key->mode == Mode::Constant && isInteger(kv->key->type) && kv->key->value.i >= 0) {
          idx = int64_t(kv->key->value.i);
          if (isUntyped(kv->key->type)) setFinalType(kv->key, basic(Kind::Int));
        } else if (kv->key->mode != Mode::Invalid) {
          error(kv->key->pos, "index " + exprString(kv->key) + " must be integer constant");
        }
        val = kv->value;
      }
      if (!ellipsisArray && u->kind == Kind::Array && idx >= u->len) {
        error(val->pos,
              "index " + std::to_string(idx) + " out of bounds [0:" + std::to_string(u->len) + "]");
      }
      if (!seen.insert(idx).second)
        error(x->pos, "duplicate index " + std::to_string(idx) + " in array or slice literal");
      e->indices.push_back(idx);
      rvalue(val, elem);
      assignTo(val, elem, "array or slice literal");
      if (x != val) {
        x->type = val->type;
        x->mode = val->mode;
      }
      idx++;
      if (idx > maxIdx) maxIdx = idx;
    }
    if (ellipsisArray) {
      T = prog_.types.array(elem, maxIdx);
      e->typeExpr->type = T;
      e->typeExpr->mode = Mode::TypeExpr;
    }
  } else if (u->kind == Kind::Struct) {
    bool keyed = !e->elts.empty() && e->elts[0]->kind == ExprKind::KeyValue;
    std::set<int> seen;
    for (size_t i = 0; i < e->elts.size(); i++) {
      Expr* x = e->elts[i];
      if ((x->kind == ExprKind::KeyValue) != keyed) {
        error(x->pos, "mixture of field:value and value elements in struct literal");
        continue;
      }
      if (keyed) {
        auto* kv = static_cast<KeyValueExpr*>(x);
        int fi = -1;
        if (kv->key->kind == ExprKind::Ident) {
          const std::string& name = static_cast<Ident*>(kv->key)->name;
          for (size_t k = 0; k < u->fields.size(); k++)
            if (u->fields[k].name == name) fi = int(k);
          if (fi < 0) {
            error(kv->key->pos,
                  "unknown field '" + name + "' in struct literal of type " + tstr(T));
            rvalue(kv->value);
            continue;
          }
          if (!seen.insert(fi).second) {
            Pos p = kv->key->pos;  // Go reports at the colon
            p.col += uint32_t(name.size());
            error(p, "duplicate field name " + name + " in struct literal");
          }
        } else {
          error(kv->key->pos, "invalid field name " + exprString(kv->key) + " in struct literal");
          continue;
        }
        kv->key->type = u->fields[fi].type;
        e->indices.push_back(fi);
        rvalue(kv->value, u->fields[fi].type);
        assignTo(kv->value, u->fields[fi].type, "struct literal");
        x->type = kv->value->type;
        x->mode = kv->value->mode;
      } else {
        if (i >= u->fields.size()) {
          error(x->pos, "too many values in " + exprString(e));
          break;
        }
        e->indices.push_back(int64_t(i));
        rvalue(x, u->fields[i].type);
        assignTo(x, u->fields[i].type, "struct literal");
      }
    }
    if (!keyed && !e->elts.empty() && e->elts.size() < u->fields.size())
      error(e->rbrace, "too few values in " + exprString(e));
  } else if (u->kind == Kind::Map) {
    std::map<std::string, bool> keys;
    for (Expr* x : e->elts) {
      if (x->kind != ExprKind::KeyValue) {
        error(x->pos, "missing key in map literal");
        rvalue(x);
        continue;
      }
      auto* kv = static_cast<KeyValueExpr*>(x);
      rvalue(kv->key, u->key);
      if (assignTo(kv->key, u->key, "map literal") && kv->key->mode == Mode::Constant) {
        std::string k = cops::str(kv->key->value);
        if (keys.count(k))
          error(kv->key->pos, "duplicate key " + exprString(kv->key) + " in map literal");
        keys[k] = true;
      }
      rvalue(kv->value, u->elem);
      assignTo(kv->value, u->elem, "map literal");
    }
  } else {
    error(e->pos, "invalid composite literal type " + tstr(T));
    return;
  }
  e->type = resultType ? resultType : T;
  e->mode = Mode::Value;
}

// --------------------------------------------------------------- selectors

std::vector<Symbol*>& Checker::methodsOf(const Type* named) {
  return const_cast<Type*>(named)->declaredMethods;
}

Checker::Lookup Checker::lookupFieldOrMethod(const Type* T, const std::string& name) {
  struct Entry {
    const Type* t;
    std::vector<int> path;
    std::vector<bool> derefs;
    bool indirect;
  };
  Lookup res;
  if (!T || name == "_") return res;
  std::vector<Entry> current{{T, {}, {}, false}};
  std::set<const Type*> seen;
  bool top = true;
  while (!current.empty()) {
    std::vector<Lookup> found;
    std::vector<Entry> next;
    for (Entry& en : current) {
      const Type* t = en.t;
      bool deref = false;
      if (t->kind == Kind::Pointer) {
        t = t->elem;
        deref = true;
      } else if (top && t->isNamed() && t->underlying() && t->underlying()->kind == Kind::Pointer) {
        // Named pointer types have no methods, but their base's fields are
        // reachable.
        t = t->underlying()->elem;
        deref = true;
      }
      if (t->isNamed()) {
        if (seen.count(t)) continue;
        seen.insert(t);
        for (Symbol* m : t->declaredMethods) {
          if (m->name != name) continue;
          Lookup l;
          l.kind = Lookup::Method;
          l.path = en.path;
          l.derefs = en.derefs;
          l.method = m;
          l.type = m->type;
          l.indirect = en.indirect || deref;
          l.recvBase = en.t;
          found.push_back(l);
        }
      }
      const Type* u = t->underlying();
      if (!u) continue;
      if (u->kind == Kind::Struct) {
        for (size_t i = 0; i < u->fields.size(); i++) {
          const StructField& f = u->fields[i];
          if (f.name == name) {
            Lookup l;
            l.kind = Lookup::Field;
            l.path = en.path;
            l.path.push_back(int(i));
            l.derefs = en.derefs;
            l.derefs.push_back(deref);
            l.type = f.type;
            l.indirect = en.indirect || deref;
            found.push_back(l);
          }
          if (f.embedded) {
            Entry ne{f.type, en.path, en.derefs, en.indirect || deref};
            ne.path.push_back(int(i));
            ne.derefs.push_back(deref);
            next.push_back(ne);
          }
        }
      } else if (u->kind == Kind::Interface && !deref) {
        for (size_t i = 0; i < u->methods.size(); i++) {
          if (u->methods[i].name == name) {
            Lookup l;
            l.kind = Lookup::Method;
            l.path = en.path;
            l.derefs = en.derefs;
            l.type = u->methods[i].sig;
            l.ifaceIndex = int(i);
            l.indirect = en.indirect;
            l.recvBase = en.t;
            found.push_back(l);
          }
        }
      }
    }
    if (found.size() == 1) return found[0];
    if (found.size() > 1) {
      res.kind = Lookup::Ambiguous;
      return res;
    }
    current = std::move(next);
    top = false;
  }
  return res;
}

void Checker::selector(SelectorExpr* e) {
  const std::string& name = e->sel->name;
  // Qualified identifier pkg.Name.
  if (e->x->kind == ExprKind::Ident) {
    auto* xi = static_cast<Ident*>(e->x);
    Symbol* s = lookup(xi->name);
    if (!s && file_ && file_->scriptMode) {
      if (Package* p = importPackage(pathForName(xi->name), xi->pos, true)) {
        s = newSym(SymKind::Package, xi->name, xi->pos);
        s->package = p;
        fileScopes_[file_]->names[xi->name] = s;
      }
    }
    if (s && s->kind == SymKind::Package) {
      xi->sym = s;
      xi->mode = Mode::PackageName;
      usedImports_.insert(s);
      Package* p = s->package;
      auto it = p->members.find(name);
      if (it == p->members.end() || !std::isupper((unsigned char)name[0])) {
        error(e->sel->pos, "undefined: " + xi->name + "." + name);
        return;
      }
      Symbol* m = it->second;
      e->selKind = SelKind::Qualified;
      e->target = m;
      e->sel->sym = m;
      switch (m->kind) {
        case SymKind::Var:
          e->mode = Mode::Variable;
          e->type = m->type;
          break;
        case SymKind::Const:
          e->mode = Mode::Constant;
          e->type = m->type;
          e->value = m->value;
          break;
        case SymKind::TypeName:
          e->mode = Mode::TypeExpr;
          e->type = m->type;
          break;
        case SymKind::Func:
          e->mode = Mode::Value;
          e->type = m->type;
          break;
        default: error(e->sel->pos, "undefined: " + xi->name + "." + name); return;
      }
      if (!e->type || e->type->kind == Kind::Invalid) e->mode = Mode::Invalid;
      return;
    }
  }
  rawExpr(e->x, nullptr);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) return;
  if (x->mode == Mode::TypeExpr) {
    // Method expression T.M or (*T).M.
    const Type* T = x->type;
    Lookup l = lookupFieldOrMethod(T, name);
    if (l.kind != Lookup::Method) {
      error(e->sel->pos,
            exprString(e) + " undefined (type " + tstr(T) + " has no method " + name + ")");
      return;
    }
    std::vector<const Type*> params{T};
    for (auto* p : l.type->params) params.push_back(p);
    e->selKind = SelKind::MethodExpr;
    e->target = l.method;
    e->path = l.path;
    e->derefs = l.derefs;
    e->methodIndex = l.ifaceIndex;
    if (l.method && l.method->recvType && l.method->recvType->kind == Kind::Pointer &&
        T->kind != Kind::Pointer) {
      error(e->sel->pos, "invalid method expression " + exprString(e) +
                             " (needs pointer receiver (*" + tstr(T) + ")." + name + ")");
      return;
    }
    e->type = prog_.types.func(params, l.type->results, l.type->variadic);
    e->mode = Mode::Value;
    if (l.method && curDecl_) curDecl_->deps.push_back(l.method);
    return;
  }
  if (x->mode == Mode::NoValue || x->mode == Mode::Builtin || x->mode == Mode::PackageName ||
      (x->type && x->type->kind == Kind::Tuple)) {
    rvalue(x);  // reports
    return;
  }
  const Type* T = x->type;
  if (isUntyped(T)) {
    defaultType(x);
    T = x->type;
  }
  Lookup l = lookupFieldOrMethod(T, name);
  if (l.kind == Lookup::None) {
    error(e->sel->pos,
          exprString(e) + " undefined (type " + tstr(T) + " has no field or method " + name + ")");
    return;
  }
  if (l.kind == Lookup::Ambiguous) {
    error(e->sel->pos, "ambiguous selector " + exprString(e));
    return;
  }
  e->path = l.path;
  e->derefs = l.derefs;
  bool anyDeref = false;
  for (bool d : l.derefs) anyDeref |= d;
  if (l.kind == Lookup::Field) {
    e->selKind = SelKind::Field;
    e->type = l.type;
    e->mode = (x->mode == Mode::Variable || anyDeref) ? Mode::Variable : Mode::Value;
    return;
  }
  e->type = l.type;
  e->mode = Mode::Value;
  if (!l.method) {
    e->selKind = SelKind::InterfaceMethod;
    e->methodIndex = l.ifaceIndex;
    return;
  }
  e->selKind = SelKind::Method;
  e->target = l.method;
  if (curDecl_) curDecl_->deps.push_back(l.method);
  bool recvIsPtr = l.recvBase->kind == Kind::Pointer;
  bool wantPtr = l.method->recvType && l.method->recvType->kind == Kind::Pointer;
  if (wantPtr && !recvIsPtr) {
    if (x->mode == Mode::Variable || anyDeref) {
      e->addrRecv = true;
      if (!anyDeref) markAddrTaken(x);
    } else {
      error(e->pos, "cannot call pointer method " + name + " on " + tstr(T));
      e->mode = Mode::Invalid;
    }
  } else if (!wantPtr && recvIsPtr) {
    e->derefRecv = true;
  }
}

// ----------------------------------------------------------------- indexing

int64_t Checker::constIndex(Expr* idx, int64_t length, const char* what) {
  rvalue(idx);
  if (idx->mode == Mode::Invalid) return -1;
  if (idx->mode == Mode::Constant && isUntyped(idx->type)) {
    ConstValue v = idx->value;
    if (!cops::represent(v, basic(Kind::Int), nullptr)) {
      error(idx->pos,
            std::string("invalid argument: ") + what + " " + describe(idx) + " must be integer");
      return -1;
    }
    setFinalType(idx, basic(Kind::Int));
  }
  if (!isInteger(idx->type)) {
    error(idx->pos,
          std::string("invalid argument: ") + what + " " + describe(idx) + " must be integer");
    return -1;
  }
  if (idx->mode == Mode::Constant) {
    if (idx->value.i < 0) {
      error(idx->pos, std::string("invalid argument: ") + what + " " + describe(idx) +
                          " must not be negative");
      return -1;
    }
    if (length >= 0 && idx->value.i >= length) {
      error(idx->pos, std::string("invalid argument: ") + what + " " + cops::str(idx->value) +
                          " out of bounds [0:" + std::to_string(length) + "]");
      return -1;
    }
    return int64_t(idx->value.i);
  }
  return -1;
}

void Checker::indexExpr(IndexExpr* e) {
  rvalue(e->x);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) {
    rvalue(e->index);
    return;
  }
  const Type* u = x->type->underlying();
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString: {
      int64_t len = x->mode == Mode::Constant ? int64_t(x->value.s.size()) : -1;
      constIndex(e->index, len, "index");
      if (isUntyped(x->type)) setFinalType(x, basic(Kind::String));
      e->type = basic(Kind::Uint8);
      e->mode = Mode::Value;
      if (x->mode == Mode::Constant && e->index->mode == Mode::Constant && e->index->value.i >= 0 &&
          e->index->value.i < (__int128)x->value.s.size()) {
        e->mode = Mode::Constant;
        e->value = ConstValue::ofInt((unsigned char)x->value.s[size_t(e->index->value.i)]);
        e->mode = Mode::Value;  // Go: indexing a constant string is not constant
      }
      return;
    }
    case Kind::Array:
      constIndex(e->index, u->len, "index");
      e->type = u->elem;
      e->mode = x->mode == Mode::Variable ? Mode::Variable : Mode::Value;
      return;
    case Kind::Pointer:
      if (u->elem->underlying() && u->elem->underlying()->kind == Kind::Array) {
        constIndex(e->index, u->elem->underlying()->len, "index");
        e->type = u->elem->underlying()->elem;
        e->mode = Mode::Variable;
        return;
      }
      break;
    case Kind::Slice:
      constIndex(e->index, -1, "index");
      e->type = u->elem;
      e->mode = Mode::Variable;
      return;
    case Kind::Map:
      rvalue(e->index, u->key);
      assignTo(e->index, u->key, "map index");
      e->type = u->elem;
      e->mode = Mode::MapIndex;
      return;
    default: break;
  }
  error(x->pos, "invalid operation: cannot index " + describe(x));
  rvalue(e->index);
}

void Checker::sliceExpr(SliceExpr* e) {
  rvalue(e->x);
  Expr* x = e->x;
  auto indices = [&](int64_t len) {
    int64_t prev = -1;
    for (Expr* i : {e->lo, e->hi, e->max}) {
      if (!i) continue;
      int64_t v = constIndex(i, len >= 0 ? len + 1 : -1, "index");
      if (v >= 0 && prev >= 0 && v < prev)
        error(i->pos, "invalid slice indices: " + std::to_string(v) + " < " + std::to_string(prev));
      if (v >= 0) prev = v;
    }
  };
  if (x->mode == Mode::Invalid) {
    indices(-1);
    return;
  }
  const Type* u = x->type->underlying();
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString:
      if (e->slice3) error(x->pos, "invalid operation: 3-index slice of string");
      indices(x->mode == Mode::Constant ? int64_t(x->value.s.size()) : -1);
      if (isUntyped(x->type)) setFinalType(x, basic(Kind::String));
      e->type = x->type;
      e->mode = Mode::Value;
      return;
    case Kind::Array:
      if (x->mode != Mode::Variable) {
        error(x->pos, "invalid operation: " + describe(x) + " (slice of unaddressable value)");
        indices(u->len);
        return;
      }
      markAddrTaken(x);
      indices(u->len);
      e->type = prog_.types.slice(u->elem);
      e->mode = Mode::Value;
      return;
    case Kind::Pointer:
      if (u->elem->underlying() && u->elem->underlying()->kind == Kind::Array) {
        indices(u->elem->underlying()->len);
        e->type = prog_.types.slice(u->elem->underlying()->elem);
        e->mode = Mode::Value;
        return;
      }
      break;
    case Kind::Slice:
      indices(-1);
      e->type = x->type;
      e->mode = Mode::Value;
      return;
    default: break;
  }
  error(x->pos, "cannot slice " + describe(x));
  indices(-1);
}

void Checker::typeAssert(TypeAssertExpr* e) {
  if (!e->typeExpr) {
    error(e->x->pos, "invalid AST: use of .(type) outside type switch");
    rvalue(e->x);
    return;
  }
  rvalue(e->x);
  const Type* T = typeExpr(e->typeExpr);
  if (e->x->mode == Mode::Invalid || T->kind == Kind::Invalid) return;
  if (!isInterface(e->x->type)) {
    error(e->x->pos, "invalid operation: " + describe(e->x) + " is not an interface");
    return;
  }
  if (!isInterface(T)) {
    std::string reason;
    if (!implements(T, e->x->type, &reason)) {
      error(e->x->pos, "impossible type assertion: " + exprString(e) + "\n\t" + reason);
      return;
    }
  }
  e->type = T;
  e->mode = Mode::CommaOk;
}

void Checker::star(StarExpr* e) {
  rawExpr(e->x, nullptr);
  Expr* x = e->x;
  if (x->mode == Mode::Invalid) return;
  if (x->mode == Mode::TypeExpr) {
    e->type = prog_.types.pointer(x->type);
    e->mode = Mode::TypeExpr;
    return;
  }
  rvalue(x);
  if (x->mode == Mode::Invalid) return;
  if (x->type->kind == Kind::UntypedNil) {
    error(x->pos, "invalid operation: cannot indirect nil");
    return;
  }
  if (x->type->underlying()->kind != Kind::Pointer) {
    error(x->pos, "invalid operation: cannot indirect " + describe(x));
    return;
  }
  e->type = x->type->underlying()->elem;
  e->mode = Mode::Variable;
}

// ---------------------------------------------------------------- operators

bool Checker::addressable(const Expr* e) const {
  return e->mode == Mode::Variable;
}

void Checker::markAddrTaken(Expr* e) {
  for (;;) {
    switch (e->kind) {
      case ExprKind::Paren: e = static_cast<ParenExpr*>(e)->x; continue;
      case ExprKind::Selector: {
        auto* s = static_cast<SelectorExpr*>(e);
        if (s->selKind != SelKind::Field) return;
        for (bool d : s->derefs)
          if (d) return;
        e = s->x;
        continue;
      }
      case ExprKind::Index: {
        auto* ix = static_cast<IndexExpr*>(e);
        if (!ix->x->type || ix->x->type->underlying()->kind != Kind::Array) return;
        e = ix->x;
        continue;
      }
      case ExprKind::Ident: {
        Symbol* s = static_cast<Ident*>(e)->sym;
        if (s && s->kind == SymKind::Var) s->addressTaken = true;
        return;
      }
      default: return;
    }
  }
}

void Checker::unary(UnaryExpr* e, const Type* hint) {
  Expr* x = e->x;
  if (e->op == Op::Addr) {
    Expr* ux = unparen(x);
    if (ux->kind == ExprKind::CompositeLit) {
      const Type* h = hint && hint->underlying() && hint->underlying()->kind == Kind::Pointer
                          ? hint->underlying()->elem
                          : nullptr;
      rvalue(x, h);
      if (x->mode == Mode::Invalid) return;
      e->type = prog_.types.pointer(x->type);
      e->mode = Mode::Value;
      return;
    }
    rvalue(x);
    if (x->mode == Mode::Invalid) return;
    if (x->mode != Mode::Variable) {
      error(x->pos, "invalid operation: cannot take address of " + describe(x));
      return;
    }
    markAddrTaken(x);
    e->type = prog_.types.pointer(x->type);
    e->mode = Mode::Value;
    return;
  }
  if (e->op == Op::Arrow) {
    rvalue(x);
    if (x->mode == Mode::Invalid) return;
    const Type* u = x->type->underlying();
    if (u->kind != Kind::Chan) {
      error(x->pos, "invalid operation: cannot receive from non-channel " + describe(x));
      return;
    }
    if (u->dir == ChanDir::Send) {
      error(x->pos, "invalid operation: cannot receive from send-only channel " + describe(x));
      return;
    }
    e->type = u->elem;
    e->mode = Mode::CommaOk;
    return;
  }
  rvalue(x, hint);
  if (x->mode == Mode::Invalid) return;
  const Type* t = x->type;
  bool ok = false;
  switch (e->op) {
    case Op::Add:
    case Op::Sub: ok = isNumeric(t); break;
    case Op::Not: ok = isBoolean(t); break;
    case Op::Xor: ok = isInteger(t); break;
    default: break;
  }
  if (!ok) {
    error(x->pos, std::string("invalid operation: operator ") + opText(e->op) + " not defined on " +
                      describe(x));
    return;
  }
  e->type = t;
  e->mode = x->mode == Mode::Constant ? Mode::Constant : Mode::Value;
  if (e->mode == Mode::Constant) {
    e->value = cops::unary(e->op, x->value, isUntyped(t) ? nullptr : t);
    if (!isUntyped(t)) {
      ConstValue v = e->value;
      if (!cops::represent(v, t, nullptr)) {
        error(e->pos, "constant " + cops::str(e->value) + " overflows " + tstr(t));
        e->mode = Mode::Invalid;
        return;
      }
      e->value = v;
    }
  }
}

namespace {
int untypedRank(Kind k) {
  switch (k) {
    case Kind::UntypedInt: return 1;
    case Kind::UntypedRune: return 2;
    case Kind::UntypedFloat: return 3;
    default: return 0;
  }
}
bool isComparisonOp(Op op) {
  return op == Op::Eql || op == Op::Neq || op == Op::Lss || op == Op::Leq || op == Op::Gtr ||
         op == Op::Geq;
}
}  // namespace

// Converts the untyped operand `u` of binary expression `e` to the other
// operand's type `T`, reporting Go's error if it cannot.
bool Checker::untypedOperand(Expr* u, const Type* T, BinaryExpr* e, Pos mismatchPos) {
  std::string why;
  std::string desc = describe(u);
  if (convertUntyped(u, T, &why)) return true;
  if (why == "overflows") {
    error(u->pos, desc + " overflows " + tstr(T));
  } else if (why == "truncated") {
    error(u->pos, desc + " truncated to " + tstr(T));
  } else {
    error(mismatchPos, "invalid operation: " + exprString(e) + " (mismatched types " +
                           tstr(e->x->type) + " and " + tstr(e->y->type) + ")");
  }
  return false;
}

void Checker::binary(BinaryExpr* e, const Type* hint) {
  if (e->op == Op::Shl || e->op == Op::Shr) {
    shift(e);
    return;
  }
  if (isComparisonOp(e->op)) {
    comparison(e);
    return;
  }
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x, hint);
  rvalue(y, hint);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  // Match operand types: an untyped operand takes the other's type.
  bool xu = isUntyped(x->type), yu = isUntyped(y->type);
  if (xu && !yu) {
    if (!untypedOperand(x, y->type, e, x->pos)) return;
  } else if (yu && !xu) {
    if (!untypedOperand(y, x->type, e, x->pos)) return;
  } else if (xu && yu) {
    int rx = untypedRank(x->type->kind), ry = untypedRank(y->type->kind);
    if (rx && ry) {
      const Type* t = rx >= ry ? x->type : y->type;
      x->type = t;
      y->type = t;
    } else if (x->type != y->type) {
      error(x->pos, "invalid operation: " + exprString(e) + " (mismatched types " + tstr(x->type) +
                        " and " + tstr(y->type) + ")");
      return;
    }
  }
  if (x->type != y->type) {
    error(x->pos, "invalid operation: " + exprString(e) + " (mismatched types " + tstr(x->type) +
                      " and " + tstr(y->type) + ")");
    return;
  }
  const Type* t = x->type;
  bool ok = false;
  switch (e->op) {
    case Op::Add: ok = isNumeric(t) || isString(t); break;
    case Op::Sub:
    case Op::Mul:
    case Op::Quo: ok = isNumeric(t); break;
    case Op::Rem:
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::AndNot: ok = isInteger(t); break;
    case Op::LAnd:
    case Op::LOr: ok = isBoolean(t); break;
    default: break;
  }
  if (!ok) {
    error(x->pos, std::string("invalid operation: operator ") + opText(e->op) + " not defined on " +
                      describe(x));
    return;
  }
  if ((e->op == Op::Quo || e->op == Op::Rem) && y->mode == Mode::Constant &&
      cops::isZero(y->value) && (isInteger(t) || x->mode == Mode::Constant)) {
    error(y->pos, "invalid operation: division by zero");
    return;
  }
  e->type = t;
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    ConstValue v;
    if (!cops::binary(e->op, x->value, y->value, isInteger(t), v)) {
      error(e->pos, "constant overflow");
      return;
    }
    if (!isUntyped(t)) {
      ConstValue r = v;
      if (!cops::represent(r, t, nullptr)) {
        error(x->pos, "constant " + cops::str(v) + " overflows " + tstr(t));
        return;
      }
      v = r;
    } else if (t->kind != Kind::UntypedFloat && v.kind == ConstKind::Float) {
      // untyped int arithmetic stays integral
    }
    e->value = v;
    e->mode = Mode::Constant;
    return;
  }
  e->mode = Mode::Value;
}

void Checker::shift(BinaryExpr* e) {
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x);
  rvalue(y);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  // The count.
  if (y->mode == Mode::Constant) {
    ConstValue v = y->value;
    if (!cops::represent(v, basic(Kind::UntypedInt), nullptr) || v.i < 0) {
      error(y->pos, "invalid shift count " + describe(y));
      return;
    }
    if (isUntyped(y->type)) setFinalType(y, basic(Kind::Uint));
  } else if (!isInteger(y->type)) {
    error(y->pos, "invalid operation: shift count " + describe(y) + " must be integer");
    return;
  }
  // The shifted operand.
  if (x->mode == Mode::Constant && isUntyped(x->type)) {
    ConstValue v = x->value;
    if (!cops::represent(v, basic(Kind::UntypedInt), nullptr)) {
      error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
      return;
    }
    if (y->mode == Mode::Constant) {
      ConstValue r;
      if (!cops::binary(e->op, v, y->value, true, r)) {
        error(x->pos, "constant shift overflow");
        return;
      }
      e->type = x->type->kind == Kind::UntypedRune ? x->type : basic(Kind::UntypedInt);
      x->type = e->type;
      x->value = v;
      e->value = r;
      e->mode = Mode::Constant;
      return;
    }
    // Non-constant shift of an untyped constant: the type comes from context.
    x->value = v;
    x->type = basic(Kind::UntypedInt);
    e->type = x->type;
    e->mode = Mode::Value;
    return;
  }
  if (!isInteger(x->type)) {
    error(x->pos, "invalid operation: shifted operand " + describe(x) + " must be integer");
    return;
  }
  e->type = x->type;
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    ConstValue r;
    if (!cops::binary(e->op, x->value, y->value, true, r) ||
        !cops::represent(r, x->type, nullptr)) {
      error(x->pos, "constant " + cops::str(r) + " overflows " + tstr(x->type));
      return;
    }
    e->value = r;
    e->mode = Mode::Constant;
    return;
  }
  e->mode = Mode::Value;
}

namespace {
std::string kindString(const Type* t) {
  switch (t->underlying()->kind) {
    case Kind::Slice: return "slice";
    case Kind::Map: return "map";
    case Kind::Func: return "func";
    case Kind::Struct: return "struct";
    case Kind::Array: return "array";
    case Kind::Pointer: return "pointer";
    case Kind::Chan: return "chan";
    case Kind::Interface: return "interface";
    default: return "";
  }
}
bool hasNil(const Type* t) {
  switch (t->underlying()->kind) {
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
    case Kind::Pointer:
    case Kind::Chan:
    case Kind::Interface:
    case Kind::UnsafePointer:
    case Kind::UntypedNil: return true;
    default: return false;
  }
}
bool ordered(const Type* t) {
  return isNumeric(t) || isString(t);
}
// Go's reason why a struct or array type is not comparable.
std::string incomparableCause(const Type* t, const Package* pkg) {
  const Type* u = t->underlying();
  if (u->kind == Kind::Struct) {
    for (auto& f : u->fields)
      if (!comparable(f.type))
        return "struct containing " + typeStringIn(f.type, pkg) + " cannot be compared";
  }
  if (u->kind == Kind::Array) return typeStringIn(t, pkg) + " cannot be compared";
  return "";
}
}  // namespace

void Checker::comparison(BinaryExpr* e) {
  Expr* x = e->x;
  Expr* y = e->y;
  rvalue(x);
  rvalue(y);
  if (x->mode == Mode::Invalid || y->mode == Mode::Invalid) return;
  bool xu = isUntyped(x->type), yu = isUntyped(y->type);
  const bool xNil = x->type->kind == Kind::UntypedNil, yNil = y->type->kind == Kind::UntypedNil;
  auto mismatch = [&]() {
    error(y->pos, "invalid operation: " + exprString(e) + " (mismatched types " + tstr(x->type) +
                      " and " + tstr(y->type) + ")");
  };
  if (xu && !yu) {
    if (!untypedOperand(x, y->type, e, y->pos)) return;
  } else if (yu && !xu) {
    if (!untypedOperand(y, x->type, e, y->pos)) return;
  } else if (xu && yu) {
    int rx = untypedRank(x->type->kind), ry = untypedRank(y->type->kind);
    bool xn = x->type->kind == Kind::UntypedNil, yn = y->type->kind == Kind::UntypedNil;
    if (xn && yn) {
      error(x->pos, "invalid operation: " + exprString(e) + " (operator " + opText(e->op) +
                        " not defined on nil)");
      return;
    }
    if (!(rx && ry) && x->type != y->type) return mismatch();
  }
  if (!xu || !yu) {
    std::string r;
    if (!assignableType(x->type, y->type) && !assignableType(y->type, x->type) &&
        x->type->kind != Kind::UntypedNil && y->type->kind != Kind::UntypedNil)
      return mismatch();
  }
  Expr* errOp = x;
  std::string cause;
  bool bad = false;
  if (e->op == Op::Eql || e->op == Op::Neq) {
    bool xn = xNil, yn = yNil;
    if (xn || yn) {
      const Type* t = xn ? y->type : x->type;
      if (!hasNil(t)) {
        errOp = y;
        bad = true;
      }
    } else if (!comparable(x->type)) {
      bad = true;
      std::string k = kindString(x->type);
      cause = (k == "slice" || k == "map" || k == "func") ? k + " can only be compared to nil"
                                                          : incomparableCause(x->type, pkg_);
    } else if (!comparable(y->type)) {
      errOp = y;
      bad = true;
      std::string k = kindString(y->type);
      cause = (k == "slice" || k == "map" || k == "func") ? k + " can only be compared to nil"
                                                          : incomparableCause(y->type, pkg_);
    }
  } else {
    if (!ordered(x->type)) {
      bad = true;
    } else if (!ordered(y->type)) {
      errOp = y;
      bad = true;
    }
  }
  if (bad) {
    if (cause.empty()) {
      std::string k =
          isUntyped(errOp->type) || !kindString(errOp->type).empty() ? kindString(errOp->type) : "";
      if (k.empty()) k = tstr(errOp->type);
      cause = std::string("operator ") + opText(e->op) + " not defined on " + k;
    }
    error(errOp->pos, "invalid operation: " + exprString(e) + " (" + cause + ")");
    return;
  }
  if (x->mode == Mode::Constant && y->mode == Mode::Constant) {
    e->value = ConstValue::ofBool(cops::compare(e->op, x->value, y->value));
    e->mode = Mode::Constant;
  } else {
    e->mode = Mode::Value;
  }
  if (isUntyped(x->type) && x->type->kind != Kind::UntypedNil) defaultType(x);
  if (isUntyped(y->type) && y->type->kind != Kind::UntypedNil) defaultType(y);
  e->type = basic(Kind::UntypedBool);
}

// --------------------------------------------------------------------- calls

void Checker::call(CallExpr* e) {
  rawExpr(e->fun, nullptr);
  Expr* f = e->fun;
  if (f->mode == Mode::Invalid) {
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  if (f->mode == Mode::TypeExpr) {
    e->callKind = CallKind::Conversion;
    conversion(e, f->type);
    return;
  }
  if (f->mode == Mode::Builtin) {
    e->callKind = CallKind::Builtin;
    Symbol* s = nullptr;
    Expr* uf = unparen(f);
    if (uf->kind == ExprKind::Ident) s = static_cast<Ident*>(uf)->sym;
    e->builtin = s ? s->builtin : BuiltinId::None;
    builtinCall(e, e->builtin);
    return;
  }
  rvalue(f);
  if (f->mode == Mode::Invalid) {
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  if (f->type->underlying()->kind != Kind::Func) {
    error(f->pos, "invalid operation: cannot call non-function " + describe(f));
    for (Expr* a : e->args) multiValue(a);
    return;
  }
  const Type* sig = f->type->underlying();
  Expr* uf = unparen(f);
  e->callKind = CallKind::Dynamic;
  if (uf->kind == ExprKind::Ident) {
    Symbol* s = static_cast<Ident*>(uf)->sym;
    if (s && s->kind == SymKind::Func) {
      e->callKind = CallKind::Static;
      e->callee = s;
    }
  } else if (uf->kind == ExprKind::Selector) {
    auto* sel = static_cast<SelectorExpr*>(uf);
    if (sel->selKind == SelKind::Qualified && sel->target && sel->target->kind == SymKind::Func) {
      e->callKind = CallKind::Static;
      e->callee = sel->target;
    } else if (sel->selKind == SelKind::Method) {
      e->callKind = CallKind::Method;
      e->callee = sel->target;
    } else if (sel->selKind == SelKind::InterfaceMethod) {
      e->callKind = CallKind::Interface;
    }
  }
  checkArgs(e, sig, exprString(e->fun));
  if (sig->results.empty()) {
    e->mode = Mode::NoValue;
    e->type = prog_.types.tuple({});
  } else if (sig->results.size() == 1) {
    e->mode = Mode::Value;
    e->type = sig->results[0];
  } else {
    e->mode = Mode::Value;
    e->type = prog_.types.tuple(sig->results);
  }
}

void Checker::checkArgs(CallExpr* e, const Type* sig, const std::string& fname) {
  std::vector<const Type*> argTypes;
  bool spread = false;
  if (e->args.size() == 1 && !e->hasEllipsis) {
    multiValue(e->args[0]);
    Expr* a = e->args[0];
    if (a->mode == Mode::Invalid) return;
    if (a->type && a->type->kind == Kind::Tuple) {
      spread = true;
      argTypes = a->type->elems;
    }
  } else {
    for (size_t i = 0; i < e->args.size(); i++) {
      const Type* hint = nullptr;
      if (i < sig->params.size()) hint = sig->params[i];
      rvalue(e->args[i], hint);
    }
  }
  for (Expr* a : e->args)
    if (a->mode == Mode::Invalid) return;
  if (!spread)
    for (Expr* a : e->args) argTypes.push_back(a->type);
  size_t np = sig->params.size();
  size_t na = argTypes.size();
  auto listOf = [&](const std::vector<const Type*>& ts, bool variadic) {
    std::string s = "(";
    for (size_t i = 0; i < ts.size(); i++) {
      if (i) s += ", ";
      const Type* t = ts[i];
      if (variadic && i + 1 == ts.size()) {
        s += "..." + tstr(t->elem);
      } else if (isUntyped(t) && isNumeric(t)) {
        s += "number";
      } else {
        s += tstr(t);
      }
    }
    return s + ")";
  };
  if (e->hasEllipsis) {
    if (!sig->variadic) {
      error(e->args.back()->pos, "have (...) used with non-variadic function " + fname);
      return;
    }
    if (na != np) {
      error(na < np ? e->rparen : e->args[np]->pos,
            std::string(na < np ? "not enough" : "too many") + " arguments in call to " + fname +
                "\n\thave " + listOf(argTypes, false) + "\n\twant " +
                listOf(sig->params, sig->variadic));
      return;
    }
    for (size_t i = 0; i < na; i++) assignTo(e->args[i], sig->params[i], "argument to " + fname);
    return;
  }
  size_t fixed = sig->variadic ? np - 1 : np;
  if (na < fixed || (!sig->variadic && na > np)) {
    bool few = na < fixed;
    Pos p = few ? (e->args.empty() ? e->pos : e->args.back()->pos)
                : (spread ? e->args[0]->pos : e->args[np]->pos);
    error(p, std::string(few ? "not enough" : "too many") + " arguments in call to " + fname +
                 "\n\thave " + listOf(argTypes, false) + "\n\twant " +
                 listOf(sig->params, sig->variadic));
    return;
  }
  if (spread) {
    for (size_t i = 0; i < na; i++) {
      const Type* pt = i < fixed ? sig->params[i] : sig->params[np - 1]->elem;
      if (!assignableType(argTypes[i], pt))
        error(e->args[0]->pos, "cannot use " + exprString(e->args[0]) + " (value of type " +
                                   tstr(argTypes[i]) + ") as type " + tstr(pt) +
                                   " in argument to " + fname);
    }
    return;
  }
  for (size_t i = 0; i < na; i++) {
    const Type* pt = i < fixed ? sig->params[i] : sig->params[np - 1]->elem;
    assignTo(e->args[i], pt, "argument to " + fname);
  }
}

}  // namespace gol
