// Literals: basic literals (numbers, runes, strings), function literals and
// composite literals, as go/types keeps them in literals.go.
#include <cctype>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

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

}  // namespace

void Checker::basicLit(BasicLit* e) {
  e->mode = Mode::Constant;
  const std::string& raw = e->raw;
  // gc's cap on numeric literals: longer ones cannot be meaningful (512
  // bits, or 4096 per part of an exact fraction) and cost time to convert.
  constexpr size_t kMaxNumberLength = 10000;
  if ((e->litKind == LitKind::Int || e->litKind == LitKind::Float || e->litKind == LitKind::Imag) &&
      raw.size() > kMaxNumberLength) {
    errorf(e->pos, "excessively long constant: %s... (%d chars)", raw.substr(0, 10), raw.size());
    e->mode = Mode::Invalid;
    return;
  }
  switch (e->litKind) {
    case LitKind::Int: {
      BigInt v;
      if (!BigInt::parseLiteral(raw, v)) {
        errorf(e->pos, "malformed constant: %s", raw);
        e->mode = Mode::Invalid;
        return;
      }
      e->type = basic(Kind::UntypedInt);
      e->value = ConstValue::ofInt(std::move(v));
      return;
    }
    case LitKind::Float:
    case LitKind::Imag: {
      // An imaginary literal's mantissa reads as a float literal, even
      // with a leading 0 ("0123i" is 123i); 0x, 0o and 0b keep their base.
      std::string_view text = raw;
      if (e->litKind == LitKind::Imag) text.remove_suffix(1);
      ConstFloat v;
      if (!ConstFloat::parseLiteral(text, v)) {
        errorf(e->pos, "malformed constant: %s", raw);
        e->mode = Mode::Invalid;
        return;
      }
      if (e->litKind == LitKind::Imag) {
        e->type = basic(Kind::UntypedComplex);
        e->value = ConstValue::ofComplex(ConstFloat(), std::move(v));
      } else {
        e->type = basic(Kind::UntypedFloat);
        e->value = ConstValue::ofFloat(std::move(v));
      }
      return;
    }
    case LitKind::Rune: {
      std::vector<uint32_t> runes;
      unescape(raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : "", &runes);
      e->type = basic(Kind::UntypedRune);
      e->value = ConstValue::ofInt(int64_t(runes.empty() ? 0 : runes[0]));
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
    error(e->pos, "missing type in composite literal");
    return;
  }
  if (T->kind == Kind::Invalid || !T->underlying()) {
    for (Expr* x : e->elts)
      if (x->kind != ExprKind::KeyValue) rvalue(x);
    return;
  }
  const Type* u = ellipsisArray ? nullptr : operandType(T);
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
          idx = kv->key->value.i.fitsInt64() ? kv->key->value.i.toInt64() : INT64_MAX;
          if (isUntyped(kv->key->type)) setFinalType(kv->key, basic(Kind::Int));
        } else if (kv->key->mode != Mode::Invalid) {
          errorf(kv->key->pos, "index %s must be integer constant", kv->key);
        }
        val = kv->value;
      }
      if (!ellipsisArray && u->kind == Kind::Array && idx >= u->len) {
        errorf(val->pos, "index %s out of bounds [0:%s]", idx, u->len);
      }
      if (!seen.insert(idx).second)
        errorf(x->pos, "duplicate index %s in array or slice literal", idx);
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
            errorf(kv->key->pos, "unknown field '%s' in struct literal of type %s", name, T);
            rvalue(kv->value);
            continue;
          }
          if (!seen.insert(fi).second) {
            Pos p = kv->key->pos;  // Go reports at the colon
            p.col += uint32_t(name.size());
            errorf(p, "duplicate field name %s in struct literal", name);
          }
        } else {
          errorf(kv->key->pos, "invalid field name %s in struct literal", kv->key);
          continue;
        }
        kv->key->type = u->fields[fi].type;
        e->indices.push_back(fi);
        // A field's value gets no type hint: only array, slice and map
        // elements (and keys) may elide their literal type.
        rvalue(kv->value);
        assignTo(kv->value, u->fields[fi].type, "struct literal");
        x->type = kv->value->type;
        x->mode = kv->value->mode;
      } else {
        if (i >= u->fields.size()) {
          errorf(x->pos, "too many values in %s", e);
          break;
        }
        e->indices.push_back(int64_t(i));
        rvalue(x);
        assignTo(x, u->fields[i].type, "struct literal");
      }
    }
    if (!keyed && !e->elts.empty() && e->elts.size() < u->fields.size())
      errorf(e->rbrace, "too few values in %s", e);
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
        // Under an interface key type, 1 and int64(1) are different keys.
        std::string k = tstr(kv->key->type) + ":" + cops::exactKey(kv->key->value);
        if (keys.count(k)) errorf(kv->key->pos, "duplicate key %s in map literal", kv->key);
        keys[k] = true;
      }
      rvalue(kv->value, u->elem);
      assignTo(kv->value, u->elem, "map literal");
    }
  } else {
    errorf(e->pos, "invalid composite literal type %s", T);
    return;
  }
  e->type = resultType ? resultType : T;
  e->mode = Mode::Value;
}

}  // namespace gol
