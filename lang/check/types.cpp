// Type predicates, Go's spelling of types, and the interning TypeContext.
#include "lang/check/types.hpp"

#include <algorithm>
#include <cstdio>

#include "lang/check/checker.hpp"

namespace gol {

bool isInteger(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isInteger);
  if (!t) return false;
  Kind k = t->underlying() ? t->underlying()->kind : Kind::Invalid;
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
}

bool isUnsigned(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isUnsigned);
  if (!t || !t->underlying()) return false;
  Kind k = t->underlying()->kind;
  return k >= Kind::Uint && k <= Kind::Uintptr;
}

bool isFloat(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isFloat);
  if (!t || !t->underlying()) return false;
  Kind k = t->underlying()->kind;
  return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat;
}

bool isComplex(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isComplex);
  if (!t || !t->underlying()) return false;
  Kind k = t->underlying()->kind;
  return k == Kind::Complex64 || k == Kind::Complex128 || k == Kind::UntypedComplex;
}

bool isNumeric(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isNumeric);
  return isInteger(t) || isFloat(t) || isComplex(t);
}

bool isString(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isString);
  if (!t || !t->underlying()) return false;
  Kind k = t->underlying()->kind;
  return k == Kind::String || k == Kind::UntypedString;
}

bool isBoolean(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isBoolean);
  if (!t || !t->underlying()) return false;
  Kind k = t->underlying()->kind;
  return k == Kind::Bool || k == Kind::UntypedBool;
}

bool isUntyped(const Type* t) {
  return t && t->kind >= Kind::UntypedBool && t->kind <= Kind::UntypedNil;
}

bool isInterface(const Type* t) {
  return t && t->underlying() && t->underlying()->kind == Kind::Interface;
}

bool isConstType(const Type* t) {
  if (isTypeParam(t)) return allInTypeSet(t, isConstType);
  return isNumeric(t) || isString(t) || isBoolean(t);
}

bool comparable(const Type* t) {
  if (isTypeParam(t)) {
    const Type* c = t->constraint ? t->constraint->underlying() : nullptr;
    return (c && c->comparableSet) || allInTypeSet(t, comparable);
  }
  if (!t || !t->underlying()) return false;
  const Type* u = t->underlying();
  switch (u->kind) {
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
    case Kind::Tuple:
    case Kind::Invalid: return false;
    case Kind::Array: return comparable(u->elem);
    case Kind::Struct:
      for (auto& f : u->fields)
        if (!comparable(f.type)) return false;
      return true;
    default: return true;
  }
}

int intBits(Kind k) {
  switch (k) {
    case Kind::Int8:
    case Kind::Uint8: return 8;
    case Kind::Int16:
    case Kind::Uint16: return 16;
    case Kind::Int32:
    case Kind::Uint32: return 32;
    case Kind::Int64:
    case Kind::Uint64: return 64;
    default: return 0;
  }
}

namespace {

const char* basicName(Kind k) {
  switch (k) {
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Int8: return "int8";
    case Kind::Int16: return "int16";
    case Kind::Int32: return "int32";
    case Kind::Int64: return "int64";
    case Kind::Uint: return "uint";
    case Kind::Uint8: return "uint8";
    case Kind::Uint16: return "uint16";
    case Kind::Uint32: return "uint32";
    case Kind::Uint64: return "uint64";
    case Kind::Uintptr: return "uintptr";
    case Kind::Float32: return "float32";
    case Kind::Float64: return "float64";
    case Kind::Complex64: return "complex64";
    case Kind::Complex128: return "complex128";
    case Kind::String: return "string";
    case Kind::UnsafePointer: return "unsafe.Pointer";
    case Kind::UntypedBool: return "untyped bool";
    case Kind::UntypedInt: return "untyped int";
    case Kind::UntypedRune: return "untyped rune";
    case Kind::UntypedFloat: return "untyped float";
    case Kind::UntypedComplex: return "untyped complex";
    case Kind::UntypedString: return "untyped string";
    case Kind::UntypedNil: return "untyped nil";
    default: return "invalid type";
  }
}

void writeType(std::string& out, const Type* t, const Package* current, bool errStyle);
void writeUnion(std::string& out, const std::vector<TypeTerm>& u, const Package* current,
                bool errStyle);

void writeTuple(std::string& out, const std::vector<const Type*>& ts, bool variadic,
                const Package* current, bool errStyle) {
  out += '(';
  for (size_t i = 0; i < ts.size(); i++) {
    if (i) out += ", ";
    if (variadic && i + 1 == ts.size() && ts[i]->kind == Kind::Slice) {
      out += "...";
      writeType(out, ts[i]->elem, current, errStyle);
    } else {
      writeType(out, ts[i], current, errStyle);
    }
  }
  out += ')';
}

void writeSignature(std::string& out, const Type* t, const Package* current, bool errStyle) {
  writeTuple(out, t->params, t->variadic, current, errStyle);
  if (t->results.size() == 1) {
    out += ' ';
    writeType(out, t->results[0], current, errStyle);
  } else if (!t->results.empty()) {
    out += ' ';
    writeTuple(out, t->results, false, current, errStyle);
  }
}

void writeUnion(std::string& out, const std::vector<TypeTerm>& u, const Package* current,
                bool errStyle) {
  for (size_t i = 0; i < u.size(); i++) {
    if (i) out += " | ";
    if (u[i].tilde) out += '~';
    writeType(out, u[i].type, current, errStyle);
  }
}

void writeType(std::string& out, const Type* t, const Package* current, bool errStyle) {
  if (!t) {
    out += "invalid type";
    return;
  }
  switch (t->kind) {
    case Kind::Uint8: out += errStyle ? "byte" : "uint8"; return;
    case Kind::Named:
      if (t->pkg && t->pkg != current) {
        out += t->pkg->name;
        out += '.';
      }
      out += t->name;
      if (!t->typeArgs.empty()) {
        // Go's (reflect's and go/types') spelling: no space after commas.
        out += '[';
        for (size_t i = 0; i < t->typeArgs.size(); i++) {
          if (i) out += ',';
          writeType(out, t->typeArgs[i], current, errStyle);
        }
        out += ']';
      }
      return;
    case Kind::TypeParam: out += t->name; return;
    case Kind::Array:
      out += '[' + std::to_string(t->len) + ']';
      writeType(out, t->elem, current, errStyle);
      return;
    case Kind::Slice:
      out += "[]";
      writeType(out, t->elem, current, errStyle);
      return;
    case Kind::Pointer:
      out += '*';
      writeType(out, t->elem, current, errStyle);
      return;
    case Kind::Map:
      out += "map[";
      writeType(out, t->key, current, errStyle);
      out += ']';
      writeType(out, t->elem, current, errStyle);
      return;
    case Kind::Chan:
      if (t->dir == ChanDir::Recv) out += "<-";
      out += "chan";
      if (t->dir == ChanDir::Send) out += "<-";
      out += ' ';
      if (t->dir != ChanDir::Send && t->elem->kind == Kind::Chan && t->elem->dir == ChanDir::Recv) {
        out += '(';
        writeType(out, t->elem, current, errStyle);
        out += ')';
      } else {
        writeType(out, t->elem, current, errStyle);
      }
      return;
    case Kind::Func:
      out += "func";
      writeSignature(out, t, current, errStyle);
      return;
    case Kind::Tuple: writeTuple(out, t->elems, false, current, errStyle); return;
    case Kind::Struct:
      if (t->fields.empty()) {
        out += errStyle ? "struct{}" : "struct {}";
        return;
      }
      out += errStyle ? "struct{" : "struct { ";
      for (size_t i = 0; i < t->fields.size(); i++) {
        if (i) out += "; ";
        if (!t->fields[i].embedded) {
          out += t->fields[i].name;
          out += ' ';
        }
        writeType(out, t->fields[i].type, current, errStyle);
        if (!t->fields[i].tag.empty()) {
          out += ' ';
          out += quoteString(t->fields[i].tag);
        }
      }
      out += errStyle ? "}" : " }";
      return;
    case Kind::Interface: {
      if (t->methods.empty() && t->unions.empty() && !t->comparableSet) {
        out += errStyle ? "any" : "interface {}";
        return;
      }
      out += errStyle ? "interface{" : "interface { ";
      bool first = true;
      auto sep = [&] {
        if (!first) out += "; ";
        first = false;
      };
      if (t->comparableSet) {
        sep();
        out += "comparable";
      }
      for (auto& m : t->methods) {
        sep();
        out += m.name;
        writeSignature(out, m.sig, current, errStyle);
      }
      for (auto& u : t->unions) {
        sep();
        writeUnion(out, u, current, errStyle);
      }
      out += errStyle ? "}" : " }";
      return;
    }
    default: out += basicName(t->kind); return;
  }
}

// A structural key: identical types give identical keys.
std::string key(const Type* t);

std::string keyList(const std::vector<const Type*>& ts) {
  std::string s = "(";
  for (auto* e : ts) s += key(e) + ",";
  return s + ")";
}

std::string key(const Type* t) {
  char buf[32];
  switch (t->kind) {
    case Kind::Named: std::snprintf(buf, sizeof buf, "N%p", (const void*)t); return buf;
    case Kind::Array: return "A" + std::to_string(t->len) + key(t->elem);
    case Kind::Slice: return "S" + key(t->elem);
    case Kind::Pointer: return "P" + key(t->elem);
    case Kind::Map: return "M" + key(t->key) + key(t->elem);
    case Kind::Chan: return "C" + std::to_string(int(t->dir)) + key(t->elem);
    case Kind::Func:
      return std::string("F") + (t->variadic ? "v" : "") + keyList(t->params) + keyList(t->results);
    case Kind::Tuple: return "T" + keyList(t->elems);
    case Kind::Struct: {
      std::string s = "{";
      for (auto& f : t->fields) {
        s += (f.embedded ? "!" : "") + f.name + " " + key(f.type);
        if (!f.tag.empty()) s += " `" + std::to_string(f.tag.size()) + ":" + f.tag;
        s += ";";
      }
      return s + "}";
    }
    case Kind::Interface: {
      std::string s = "I{";
      for (auto& m : t->methods) s += m.name + key(m.sig) + ";";
      for (auto& u : t->unions) {
        s += "|";
        for (auto& term : u) s += (term.tilde ? "~" : "") + key(term.type) + ",";
      }
      if (t->comparableSet) s += "#cmp";
      return s + "}";
    }
    case Kind::TypeParam: std::snprintf(buf, sizeof buf, "Q%p", (const void*)t); return buf;
    default: return "B" + std::to_string(int(t->kind));
  }
}

}  // namespace

// A Go string literal for s as strconv.Quote writes ASCII: escapes for the
// quote, backslash and control bytes; other bytes as they are.
std::string quoteString(const std::string& s) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

std::string typeString(const Type* t) {
  std::string s;
  writeType(s, t, nullptr, false);
  return s;
}

std::string unionString(const std::vector<TypeTerm>& u, const Package* current) {
  std::string s;
  writeUnion(s, u, current, true);
  return s;
}

std::string typeStringIn(const Type* t, const Package* current) {
  std::string s;
  writeType(s, t, current, true);
  return s;
}

TypeContext::TypeContext() {
  for (int k = int(Kind::Invalid); k <= int(Kind::UntypedNil); k++) {
    auto t = std::make_unique<Type>();
    t->kind = Kind(k);
    basics_[k] = t.get();
    owned_.push_back(std::move(t));
  }
  any_ = interfaceType({});
  const Type* errSig = func({}, {basic(Kind::String)}, false);
  Type* err = newNamed("error", nullptr);
  setUnderlying(err, interfaceType({IfaceMethod{"Error", errSig}}));
  error_ = err;
}

const Type* TypeContext::basic(Kind k) const {
  return basics_[int(k)];
}

const Type* TypeContext::intern(std::unique_ptr<Type> t) {
  std::string k = key(t.get());
  auto it = interned_.find(k);
  if (it != interned_.end()) return it->second;
  const Type* raw = t.get();
  owned_.push_back(std::move(t));
  interned_.emplace(std::move(k), raw);
  return raw;
}

const Type* TypeContext::slice(const Type* elem) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Slice;
  t->elem = elem;
  return intern(std::move(t));
}

const Type* TypeContext::array(const Type* elem, int64_t len) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Array;
  t->elem = elem;
  t->len = len;
  return intern(std::move(t));
}

const Type* TypeContext::pointer(const Type* elem) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Pointer;
  t->elem = elem;
  return intern(std::move(t));
}

const Type* TypeContext::map(const Type* key, const Type* value) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Map;
  t->key = key;
  t->elem = value;
  return intern(std::move(t));
}

const Type* TypeContext::chan(const Type* elem, ChanDir dir) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Chan;
  t->elem = elem;
  t->dir = dir;
  return intern(std::move(t));
}

const Type* TypeContext::func(std::vector<const Type*> params, std::vector<const Type*> results,
                              bool variadic) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Func;
  t->params = std::move(params);
  t->results = std::move(results);
  t->variadic = variadic;
  return intern(std::move(t));
}

const Type* TypeContext::tuple(std::vector<const Type*> elems) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Tuple;
  t->elems = std::move(elems);
  return intern(std::move(t));
}

const Type* TypeContext::structType(std::vector<StructField> fields) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Struct;
  t->fields = std::move(fields);
  return intern(std::move(t));
}

const Type* TypeContext::constraintType(std::vector<IfaceMethod> methods,
                                        std::vector<std::vector<TypeTerm>> unions,
                                        bool comparableSet) {
  std::sort(methods.begin(), methods.end(),
            [](const IfaceMethod& a, const IfaceMethod& b) { return a.name < b.name; });
  auto t = std::make_unique<Type>();
  t->kind = Kind::Interface;
  t->methods = std::move(methods);
  t->unions = std::move(unions);
  t->comparableSet = comparableSet;
  return intern(std::move(t));
}

Type* TypeContext::newTypeParam(std::string name, int index) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::TypeParam;
  t->name = std::move(name);
  t->len = index;
  Type* raw = t.get();
  owned_.push_back(std::move(t));
  return raw;
}

const Type* TypeContext::interfaceType(std::vector<IfaceMethod> methods) {
  std::sort(methods.begin(), methods.end(),
            [](const IfaceMethod& a, const IfaceMethod& b) { return a.name < b.name; });
  auto t = std::make_unique<Type>();
  t->kind = Kind::Interface;
  t->methods = std::move(methods);
  return intern(std::move(t));
}

Type* TypeContext::newNamed(std::string name, Package* pkg) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::Named;
  t->name = std::move(name);
  t->pkg = pkg;
  Type* raw = t.get();
  owned_.push_back(std::move(t));
  return raw;
}

void TypeContext::setUnderlying(Type* named, const Type* underlying) {
  named->underlyingType = underlying ? underlying->underlying() : nullptr;
}

bool identicalIgnoringTags(const Type* a, const Type* b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  auto lists = [](const std::vector<const Type*>& x, const std::vector<const Type*>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!identicalIgnoringTags(x[i], y[i])) return false;
    return true;
  };
  switch (a->kind) {
    case Kind::Pointer:
    case Kind::Slice: return identicalIgnoringTags(a->elem, b->elem);
    case Kind::Array: return a->len == b->len && identicalIgnoringTags(a->elem, b->elem);
    case Kind::Map:
      return identicalIgnoringTags(a->key, b->key) && identicalIgnoringTags(a->elem, b->elem);
    case Kind::Chan: return a->dir == b->dir && identicalIgnoringTags(a->elem, b->elem);
    case Kind::Func:
      return a->variadic == b->variadic && lists(a->params, b->params) &&
             lists(a->results, b->results);
    case Kind::Tuple: return lists(a->elems, b->elems);
    case Kind::Struct: {
      if (a->fields.size() != b->fields.size()) return false;
      for (size_t i = 0; i < a->fields.size(); ++i) {
        const StructField& x = a->fields[i];
        const StructField& y = b->fields[i];
        if (x.name != y.name || x.embedded != y.embedded || !identicalIgnoringTags(x.type, y.type))
          return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace gol
