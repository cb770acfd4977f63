// The universe scope and Go's ExprString for error messages.
#include <iterator>

#include "lang/check/checker.hpp"

namespace gol {

// Ordered by BuiltinId so that predeclaredFunc() can index it.
const PredeclaredFunc kPredeclaredFuncs[] = {
    {"append", BuiltinId::Append, true},   {"cap", BuiltinId::Cap, true},
    {"clear", BuiltinId::Clear, false},    {"close", BuiltinId::Close, false},
    {"complex", BuiltinId::Complex, true}, {"copy", BuiltinId::Copy, false},
    {"delete", BuiltinId::Delete, false},  {"imag", BuiltinId::Imag, true},
    {"len", BuiltinId::Len, true},         {"make", BuiltinId::Make, true},
    {"max", BuiltinId::Max, true},         {"min", BuiltinId::Min, true},
    {"new", BuiltinId::New, true},         {"panic", BuiltinId::Panic, false},
    {"print", BuiltinId::Print, false},    {"println", BuiltinId::Println, false},
    {"real", BuiltinId::Real, true},       {"recover", BuiltinId::Recover, false},
};

// The functions of package unsafe, ordered by BuiltinId after Recover.
const PredeclaredFunc kUnsafeFuncs[] = {
    {"unsafe.Sizeof", BuiltinId::Sizeof, true},
    {"unsafe.Alignof", BuiltinId::Alignof, true},
    {"unsafe.Offsetof", BuiltinId::Offsetof, true},
    {"unsafe.Add", BuiltinId::Add, true},
    {"unsafe.Slice", BuiltinId::Slice, true},
    {"unsafe.SliceData", BuiltinId::SliceData, true},
    {"unsafe.String", BuiltinId::String, true},
    {"unsafe.StringData", BuiltinId::StringData, true},
};

const PredeclaredFunc& predeclaredFunc(BuiltinId id) {
  static_assert(std::size(kPredeclaredFuncs) == size_t(BuiltinId::Recover));
  static_assert(std::size(kUnsafeFuncs) ==
                size_t(BuiltinId::StringData) - size_t(BuiltinId::Recover));
  static const PredeclaredFunc none{"?", BuiltinId::None, false};
  if (id == BuiltinId::None) return none;
  if (id > BuiltinId::Recover) return kUnsafeFuncs[size_t(id) - size_t(BuiltinId::Recover) - 1];
  return kPredeclaredFuncs[size_t(id) - 1];
}

Scope* makeUniverse(Program& prog) {
  static const struct {
    const char* name;
    Kind kind;
  } kBasics[] = {
      {"bool", Kind::Bool},
      {"int", Kind::Int},
      {"int8", Kind::Int8},
      {"int16", Kind::Int16},
      {"int32", Kind::Int32},
      {"int64", Kind::Int64},
      {"uint", Kind::Uint},
      {"uint8", Kind::Uint8},
      {"uint16", Kind::Uint16},
      {"uint32", Kind::Uint32},
      {"uint64", Kind::Uint64},
      {"uintptr", Kind::Uintptr},
      {"float32", Kind::Float32},
      {"float64", Kind::Float64},
      {"string", Kind::String},
      {"byte", Kind::Uint8},
      {"rune", Kind::Int32},
      {"complex64", Kind::Complex64},
      {"complex128", Kind::Complex128},
  };
  auto* u = new Scope();
  auto add = [&](SymKind k, const std::string& name, const Type* t) {
    auto s = std::make_unique<Symbol>();
    s->kind = k;
    s->name = name;
    s->type = t;
    Symbol* raw = s.get();
    prog.symbols.push_back(std::move(s));
    u->names[name] = raw;
    return raw;
  };
  for (auto& b : kBasics) add(SymKind::TypeName, b.name, prog.types.basic(b.kind));
  add(SymKind::TypeName, "error", prog.types.errorType());
  add(SymKind::TypeName, "any", prog.types.anyType());
  Type* cmp = prog.types.newNamed("comparable", nullptr);
  prog.types.setUnderlying(cmp, prog.types.constraintType({}, {}, true));
  add(SymKind::TypeName, "comparable", cmp);
  add(SymKind::Const, "true", prog.types.basic(Kind::UntypedBool))->value =
      ConstValue::ofBool(true);
  add(SymKind::Const, "false", prog.types.basic(Kind::UntypedBool))->value =
      ConstValue::ofBool(false);
  add(SymKind::Const, "iota", prog.types.basic(Kind::UntypedInt))->value = ConstValue::ofInt(0);
  add(SymKind::Nil, "nil", prog.types.basic(Kind::UntypedNil));
  for (auto& b : kPredeclaredFuncs) add(SymKind::Builtin, b.name, nullptr)->builtin = b.id;
  return u;
}

namespace {

void writeExpr(std::string& out, const Expr* e);

void writeFields(std::string& out, const std::vector<Field*>& fields, const char* sep) {
  for (size_t i = 0; i < fields.size(); i++) {
    if (i) out += sep;
    const Field* f = fields[i];
    for (size_t j = 0; j < f->names.size(); j++) {
      if (j) out += ", ";
      out += f->names[j]->name;
    }
    if (!f->names.empty()) out += ' ';
    writeExpr(out, f->type);
  }
}

void writeSig(std::string& out, const FuncTypeExpr* f) {
  out += '(';
  writeFields(out, f->params, ", ");
  out += ')';
  if (f->results.empty()) return;
  out += ' ';
  if (f->results.size() == 1 && f->results[0]->names.empty()) {
    writeExpr(out, f->results[0]->type);
    return;
  }
  out += '(';
  writeFields(out, f->results, ", ");
  out += ')';
}

void writeList(std::string& out, const ExprList& l) {
  for (size_t i = 0; i < l.size(); i++) {
    if (i) out += ", ";
    writeExpr(out, l[i]);
  }
}

void writeExpr(std::string& out, const Expr* e) {
  if (!e) return;
  switch (e->kind) {
    case ExprKind::Bad: out += "_"; return;
    case ExprKind::Ident: out += static_cast<const Ident*>(e)->name; return;
    case ExprKind::BasicLit: out += static_cast<const BasicLit*>(e)->raw; return;
    case ExprKind::CompositeLit: {
      auto* c = static_cast<const CompositeLit*>(e);
      writeExpr(out, c->typeExpr);
      out += c->elts.empty() ? "{}" : "{…}";
      return;
    }
    case ExprKind::FuncLit: {
      auto* f = static_cast<const FuncLit*>(e);
      out += "func";
      writeSig(out, f->sig);
      out += " {…}";
      return;
    }
    case ExprKind::Paren:
      out += '(';
      writeExpr(out, static_cast<const ParenExpr*>(e)->x);
      out += ')';
      return;
    case ExprKind::Selector: {
      auto* s = static_cast<const SelectorExpr*>(e);
      writeExpr(out, s->x);
      out += '.';
      out += s->sel->name;
      return;
    }
    case ExprKind::Index: {
      auto* s = static_cast<const IndexExpr*>(e);
      writeExpr(out, s->x);
      out += '[';
      writeExpr(out, s->index);
      out += ']';
      return;
    }
    case ExprKind::Slice: {
      auto* s = static_cast<const SliceExpr*>(e);
      writeExpr(out, s->x);
      out += '[';
      writeExpr(out, s->lo);
      out += ':';
      writeExpr(out, s->hi);
      if (s->slice3) {
        out += ':';
        writeExpr(out, s->max);
      }
      out += ']';
      return;
    }
    case ExprKind::TypeAssert: {
      auto* s = static_cast<const TypeAssertExpr*>(e);
      writeExpr(out, s->x);
      out += ".(";
      if (s->typeExpr)
        writeExpr(out, s->typeExpr);
      else
        out += "type";
      out += ')';
      return;
    }
    case ExprKind::Call: {
      auto* c = static_cast<const CallExpr*>(e);
      writeExpr(out, c->fun);
      out += '(';
      writeList(out, c->args);
      if (c->hasEllipsis) out += "...";
      out += ')';
      return;
    }
    case ExprKind::Star:
      out += '*';
      writeExpr(out, static_cast<const StarExpr*>(e)->x);
      return;
    case ExprKind::Unary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      out += opText(u->op);
      writeExpr(out, u->x);
      return;
    }
    case ExprKind::Binary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      writeExpr(out, b->x);
      out += ' ';
      out += opText(b->op);
      out += ' ';
      writeExpr(out, b->y);
      return;
    }
    case ExprKind::KeyValue: {
      auto* kv = static_cast<const KeyValueExpr*>(e);
      writeExpr(out, kv->key);
      out += ": ";
      writeExpr(out, kv->value);
      return;
    }
    case ExprKind::ArrayType: {
      auto* a = static_cast<const ArrayTypeExpr*>(e);
      out += '[';
      if (a->ellipsisLen) out += "...";
      writeExpr(out, a->len);
      out += ']';
      writeExpr(out, a->elem);
      return;
    }
    case ExprKind::StructType:
      out += "struct{";
      writeFields(out, static_cast<const StructTypeExpr*>(e)->fields, "; ");
      out += '}';
      return;
    case ExprKind::FuncType:
      out += "func";
      writeSig(out, static_cast<const FuncTypeExpr*>(e));
      return;
    case ExprKind::InterfaceType: {
      auto* it = static_cast<const InterfaceTypeExpr*>(e);
      out += "interface{";
      for (size_t i = 0; i < it->methods.size(); i++) {
        if (i) out += "; ";
        const Field* m = it->methods[i];
        if (m->names.empty()) {
          writeExpr(out, m->type);
        } else {
          out += m->names[0]->name;
          if (m->type && m->type->kind == ExprKind::FuncType)
            writeSig(out, static_cast<const FuncTypeExpr*>(m->type));
        }
      }
      out += '}';
      return;
    }
    case ExprKind::MapType: {
      auto* m = static_cast<const MapTypeExpr*>(e);
      out += "map[";
      writeExpr(out, m->key);
      out += ']';
      writeExpr(out, m->value);
      return;
    }
    case ExprKind::ChanType: {
      auto* c = static_cast<const ChanTypeExpr*>(e);
      if (c->dir == ChanDir::Recv) out += "<-";
      out += "chan";
      if (c->dir == ChanDir::Send) out += "<-";
      out += ' ';
      writeExpr(out, c->elem);
      return;
    }
    case ExprKind::Ellipsis:
      out += "...";
      writeExpr(out, static_cast<const EllipsisExpr*>(e)->elem);
      return;
  }
}

}  // namespace

std::string exprString(const Expr* e) {
  std::string s;
  writeExpr(s, e);
  return s;
}

}  // namespace gol
