// Package unsafe: Sizeof, Alignof and Offsetof as constants with the sizes
// of gc on amd64 (go/types' gcSizes), and the conversions through
// unsafe.Pointer that gol's values can mean.
//
// gol's values are not bytes in memory: a pointer names a heap object or
// one slot of it, and a slot holds a 16-byte Value. So a pointer converts
// to a pointer of another type only when both element types are stored
// alike (sameRepresentation): int64, uint64 and float64 share one 64-bit
// payload (math.Float64bits through a pointer works), narrower integers
// are stored sign- or zero-extended and so only as themselves, structs
// field by field. Pointer arithmetic (unsafe.Add, uintptr back to a
// Pointer) and the raw-memory functions have no meaning here and are
// compile errors that say so.
#include "lang/check/checker.hpp"
#include "lang/check/gc_sizes.hpp"

namespace gol {

namespace {

constexpr int64_t kWordSize = 8;  // gc on amd64
constexpr int64_t kMaxAlign = 8;

int64_t roundUp(int64_t x, int64_t a) {
  return (x + a - 1) / a * a;
}

int64_t alignOf(const Type* t);

int64_t sizeOf(const Type* t) {
  const Type* u = t->underlying();
  if (!u) return -1;
  switch (u->kind) {
    case Kind::Bool:
    case Kind::Int8:
    case Kind::Uint8: return 1;
    case Kind::Int16:
    case Kind::Uint16: return 2;
    case Kind::Int32:
    case Kind::Uint32:
    case Kind::Float32: return 4;
    case Kind::Int:
    case Kind::Int64:
    case Kind::Uint:
    case Kind::Uint64:
    case Kind::Uintptr:
    case Kind::Float64:
    case Kind::Complex64: return 8;
    case Kind::Complex128: return 16;
    case Kind::String: return 2 * kWordSize;
    case Kind::Slice: return 3 * kWordSize;
    case Kind::Interface: return 2 * kWordSize;
    case Kind::UnsafePointer:
    case Kind::Pointer:
    case Kind::Map:
    case Kind::Chan:
    case Kind::Func: return kWordSize;
    case Kind::Array: {
      int64_t e = sizeOf(u->elem);
      return e < 0 ? -1 : e * u->len;
    }
    case Kind::Struct: {
      if (u->fields.empty()) return 0;
      int64_t off = 0, last = 0;
      for (const StructField& f : u->fields) {
        int64_t a = alignOf(f.type), s = sizeOf(f.type);
        if (a < 0 || s < 0) return -1;
        off = roundUp(off, a);
        last = s;
        off += s;
      }
      // gc: a struct that ends in a zero-size field gets one byte more, so
      // that the address of that field stays inside the struct.
      if (last == 0 && off > 0) off++;
      return roundUp(off, alignOf(u));
    }
    default: return -1;  // type parameters, untyped kinds
  }
}

int64_t alignOf(const Type* t) {
  const Type* u = t->underlying();
  if (!u) return -1;
  switch (u->kind) {
    case Kind::Array: return alignOf(u->elem);
    case Kind::Struct: {
      int64_t a = 1;
      for (const StructField& f : u->fields) {
        int64_t fa = alignOf(f.type);
        if (fa < 0) return -1;
        a = std::max(a, fa);
      }
      return a;
    }
    case Kind::Complex64: return 4;
    case Kind::Complex128: return 8;
    case Kind::String:
    case Kind::Slice:
    case Kind::Interface: return kWordSize;
    default: {
      int64_t s = sizeOf(u);
      return s < 0 ? -1 : std::clamp<int64_t>(s, 1, kMaxAlign);
    }
  }
}

// The field offsets of struct type u, gc's layout.
int64_t fieldOffset(const Type* u, int index) {
  int64_t off = 0;
  for (int i = 0; i <= index; i++) {
    int64_t a = alignOf(u->fields[size_t(i)].type);
    if (a < 0) return -1;
    off = roundUp(off, a);
    if (i < index) off += sizeOf(u->fields[size_t(i)].type);
  }
  return off;
}

bool isWord64(Kind k) {
  return k == Kind::Int || k == Kind::Int64 || k == Kind::Uint || k == Kind::Uint64 ||
         k == Kind::Uintptr || k == Kind::Float64;
}

// Whether values of a and b are stored alike in gol's VM, so that reading
// one through a pointer to the other means what it means in Go. Mirrored
// over run-time descriptors by runtime/lib/unsafe.cpp.
bool sameRepresentation(const Type* a, const Type* b) {
  const Type* ua = a->underlying();
  const Type* ub = b->underlying();
  if (!ua || !ub) return false;
  if (identicalIgnoringTags(ua, ub)) return true;
  if (isWord64(ua->kind) && isWord64(ub->kind)) return true;
  auto pointerLike = [](Kind k) { return k == Kind::Pointer || k == Kind::UnsafePointer; };
  if (pointerLike(ua->kind) && pointerLike(ub->kind)) return true;
  if (ua->kind != ub->kind) return false;
  switch (ua->kind) {
    case Kind::Array: return ua->len == ub->len && sameRepresentation(ua->elem, ub->elem);
    case Kind::Slice: return sameRepresentation(ua->elem, ub->elem);
    case Kind::Struct:
      if (ua->fields.size() != ub->fields.size()) return false;
      for (size_t i = 0; i < ua->fields.size(); i++)
        if (!sameRepresentation(ua->fields[i].type, ub->fields[i].type)) return false;
      return true;
    default: return false;
  }
}

bool isUnsafePointer(const Type* t) {
  return t->underlying() && t->underlying()->kind == Kind::UnsafePointer;
}

}  // namespace

int64_t gcSizeOf(const Type* t) {
  return sizeOf(t);
}
int64_t gcAlignOf(const Type* t) {
  return alignOf(t);
}

Package* Checker::unsafePackage() {
  auto pkg = std::make_unique<Package>();
  pkg->path = "unsafe";
  pkg->name = "unsafe";
  Package* raw = pkg.get();
  Symbol* ptr = newSym(SymKind::TypeName, "Pointer", Pos{});
  ptr->type = basic(Kind::UnsafePointer);
  ptr->pkg = raw;
  raw->members["Pointer"] = ptr;
  for (size_t i = 0; i < size_t(BuiltinId::StringData) - size_t(BuiltinId::Recover); i++) {
    const PredeclaredFunc& f = kUnsafeFuncs[i];
    std::string name = std::string(f.name).substr(sizeof "unsafe." - 1);
    Symbol* s = newSym(SymKind::Builtin, name, Pos{});
    s->builtin = f.id;
    s->pkg = raw;
    raw->members[name] = s;
  }
  prog_.packages.push_back(std::move(pkg));
  return raw;
}

void Checker::unsafeBuiltin(CallExpr* e, BuiltinId id) {
  auto& args = e->args;
  for (size_t i = 0; i < args.size(); i++) {
    if (id == BuiltinId::Offsetof && i == 0)
      rawExpr(args[i], nullptr);
    else
      rvalue(args[i]);
  }
  const char* name = predeclaredFunc(id).name;
  switch (id) {
    case BuiltinId::Add:
    case BuiltinId::Slice:
    case BuiltinId::SliceData:
    case BuiltinId::String:
    case BuiltinId::StringData:
      errorf(e->pos,
             "%s is not supported by gol: its values are not bytes in memory, so there is no "
             "pointer arithmetic",
             name);
      return;
    default: break;
  }
  if (args.size() != 1) {
    errorf(e->pos, "invalid operation: %s arguments for %s (expected 1, found %s)",
           args.empty() ? "not enough" : "too many", e, args.size());
    return;
  }
  Expr* x = args[0];
  int64_t v = -1;
  if (id == BuiltinId::Offsetof) {
    Expr* ux = unparen(x);
    if (ux->kind != ExprKind::Selector) {
      errorf(x->pos, "invalid argument: %s is not a selector expression", x);
      return;
    }
    if (x->mode == Mode::Invalid) return;
    auto* sel = static_cast<SelectorExpr*>(ux);
    if (sel->selKind != SelKind::Field) {
      errorf(x->pos, "invalid argument: %s is a method value", x);
      return;
    }
    for (size_t k = 1; k < sel->derefs.size(); k++)
      if (sel->derefs[k]) {
        const Type* base = sel->x->type;
        if (base->underlying()->kind == Kind::Pointer) base = base->underlying()->elem;
        errorf(x->pos, "invalid argument: field %s is embedded via a pointer in %s", sel->sel->name,
               base);
        return;
      }
    // The offset from x through the embedded fields to the field.
    const Type* holder = sel->x->type;
    if (holder->underlying()->kind == Kind::Pointer) holder = holder->underlying()->elem;
    int64_t off = 0;
    for (size_t k = 0; k < sel->path.size(); k++) {
      const Type* u = holder->underlying();
      off += fieldOffset(u, sel->path[k]);
      holder = u->fields[size_t(sel->path[k])].type;
    }
    v = off;
  } else {
    if (x->mode == Mode::Invalid) return;
    if (isUntyped(x->type)) defaultType(x);
    v = id == BuiltinId::Sizeof ? sizeOf(x->type) : alignOf(x->type);
  }
  if (v < 0) {
    errorf(x->pos, "%s of %s is not supported by gol", name, Operand{x});
    return;
  }
  e->type = basic(Kind::Uintptr);
  e->mode = Mode::Constant;
  e->value = ConstValue::ofInt(v);
}

// Conversions that involve unsafe.Pointer: any pointer converts to it,
// it converts to any pointer (checked for representation below and at run
// time) and to uintptr; a uintptr does not convert back.
bool Checker::unsafeConvertible(Expr* x, const Type* T) {
  const Type* V = x->type;
  const Type* vu = V->underlying();
  const Type* tu = T->underlying();
  if (isUnsafePointer(T)) {
    if (vu->kind == Kind::Pointer || vu->kind == Kind::UnsafePointer) return true;
    if (vu->kind == Kind::Uintptr) {
      errorf(x->pos,
             "cannot convert %s to type %s: gol does not support converting an integer to a "
             "pointer (there is no pointer arithmetic)",
             Operand{x}, T);
      x->mode = Mode::Invalid;
      return true;
    }
    return false;
  }
  if (!isUnsafePointer(V)) return false;
  if (tu->kind == Kind::Uintptr) return true;
  if (tu->kind != Kind::Pointer) return false;
  // Where the pointer converted is in sight, its element type is checked
  // now; otherwise the conversion checks it when it runs.
  Expr* ux = unparen(x);
  if (ux->kind == ExprKind::Call) {
    auto* c = static_cast<CallExpr*>(ux);
    if (c->callKind == CallKind::Conversion && c->args.size() == 1 && c->args[0]->type &&
        c->args[0]->type->underlying()->kind == Kind::Pointer) {
      const Type* from = c->args[0]->type;
      if (!sameRepresentation(from->underlying()->elem, tu->elem)) {
        errorf(x->pos,
               "cannot convert %s (a %s) to type %s: gol does not support it, because %s and %s "
               "are stored differently in gol",
               x, from, T, from->underlying()->elem, tu->elem);
        x->mode = Mode::Invalid;
      }
    }
  }
  return true;
}

}  // namespace gol
