// Statements to bytecode.
#include "bytecode/select_case.hpp"
#include "lang/compile/compiler_impl.hpp"

namespace gol {

namespace {

Expr* unparen(Expr* e) {
  while (e->kind == ExprKind::Paren) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

bool isBlank(Expr* e) {
  e = unparen(e);
  return e->kind == ExprKind::Ident && static_cast<Ident*>(e)->name == "_";
}

Symbol* identSym(Expr* e) {
  e = unparen(e);
  return e->kind == ExprKind::Ident ? static_cast<Ident*>(e)->sym : nullptr;
}

bool isSizedInt(Kind k) {
  return k == Kind::Int8 || k == Kind::Int16 || k == Kind::Int32 || k == Kind::Uint8 ||
         k == Kind::Uint16 || k == Kind::Uint32;
}

}  // namespace

void FuncCompiler::block(const StmtList& stmts) {
  int saved = top();
  for (Stmt* s : stmts) stmt(s);
  freeTo(saved);
}

void FuncCompiler::stmt(Stmt* s) {
  setLine(s->pos);
  int saved = top();
  // Calls run ahead by hoistCalls belong to this statement only.
  struct HoistedScope {
    FuncCompiler& fc;
    ~HoistedScope() { fc.clearHoisted(); }
  } hoistedScope{*this};
  switch (s->kind) {
    case StmtKind::Bad:
    case StmtKind::Empty: return;
    case StmtKind::Decl: {
      GenDecl* d = static_cast<DeclStmt*>(s)->decl;
      if (d->tok != DeclTok::Var) return;
      for (Spec* sp : d->specs) {
        auto* vs = static_cast<ValueSpec*>(sp);
        setLine(vs->pos);
        defineVars(vs->names, vs->values, vs->type ? vs->type->type : nullptr);
      }
      return;  // the new locals stay allocated until the block ends
    }
    case StmtKind::Labeled: labeledStmt(static_cast<LabeledStmt*>(s)); return;
    case StmtKind::ExprS: {
      Expr* x = unparen(static_cast<ExprStmt*>(s)->x);
      if (x->kind == ExprKind::Call) {
        auto* c = static_cast<CallExpr*>(x);
        if (c->callKind == CallKind::Builtin) {
          hoistCalls({&c->args}, {});
          int r = alloc();
          builtinCall(c, r);
        } else {
          hoistCalls({}, {c}, c);
          callToBase(c);
        }
      } else {
        int r = alloc();
        expr(x, r);
      }
      freeTo(saved);
      return;
    }
    case StmtKind::Send: send(static_cast<SendStmt*>(s)); break;
    case StmtKind::IncDec: incDec(static_cast<IncDecStmt*>(s)); break;
    case StmtKind::Assign: {
      auto* a = static_cast<AssignStmt*>(s);
      assign(a);
      if (a->define) return;  // keep the new variables' registers
      break;
    }
    case StmtKind::Go: goDefer(static_cast<GoStmt*>(s)->call, true); break;
    case StmtKind::Defer:
      goDefer(static_cast<DeferStmt*>(s)->call, false, static_cast<DeferStmt*>(s)->frame);
      break;
    case StmtKind::Return: returnStmt(static_cast<ReturnStmt*>(s)); break;
    case StmtKind::Branch: branchStmt(static_cast<BranchStmt*>(s)); break;
    case StmtKind::Block: block(static_cast<BlockStmt*>(s)->stmts); break;
    case StmtKind::If: ifStmt(static_cast<IfStmt*>(s)); break;
    case StmtKind::Switch: switchStmt(static_cast<SwitchStmt*>(s)); break;
    case StmtKind::TypeSwitch: typeSwitchStmt(static_cast<TypeSwitchStmt*>(s)); break;
    case StmtKind::Select: selectStmt(static_cast<SelectStmt*>(s)); break;
    case StmtKind::For: forStmt(static_cast<ForStmt*>(s)); break;
    case StmtKind::Range: {
      auto* r = static_cast<RangeStmt*>(s);
      if (!r->lowered) {
        rangeStmt(r);
        break;
      }
      // A range over a function, lowered by the checker; its body's defers
      // name this frame (DEFERTO).
      if (r->deferFrame) {
        int fr = alloc();
        emit(Opcode::FRAMEIDX, fr);
        declareLocal(r->deferFrame, fr);
      }
      stmt(r->lowered);
      break;
    }
    default: unsupported(s->pos, "this statement");
  }
  freeTo(saved);
}

void FuncCompiler::send(SendStmt* s) {
  hoistCalls({}, {s->chan, s->value});
  int c = exprReg(s->chan);
  int v = alloc();
  exprAs(s->value, under(s->chan->type)->elem, v);
  setLine(s->pos);
  emit(Opcode::SEND, c, v);
}

void FuncCompiler::incDec(IncDecStmt* s) {
  const Type* ut = under(s->x->type);
  if (Symbol* v = identSym(s->x); v && isInteger(ut) && !isSizedInt(ut->kind)) {
    VarLoc l = locate(v);
    if (l.home == VarHome::Reg) {
      emit(Opcode::ADDIK, l.index, l.index, uint16_t(int16_t(s->inc ? 1 : -1)));
      return;
    }
  }
  if (Expr* x = unparen(s->x); x->kind == ExprKind::Index && isInteger(ut) &&
                               !isSizedInt(ut->kind) &&
                               under(static_cast<IndexExpr*>(x)->x->type)->kind == Kind::Map) {
    // m[k]++: one hash lookup instead of a get and a set.
    LValue lv = lvalue(s->x);
    emit(Opcode::MAPADDI, lv.obj, lv.key, uint16_t(int16_t(s->inc ? 1 : -1)));
    return;
  }
  LValue lv = lvalue(s->x);
  int t = alloc();
  load(lv, t);
  const Type* u = under(s->x->type);
  if (isComplex(u)) {
    int one = alloc();
    loadComplexConst(one, u, ConstValue::ofComplex(ConstFloat::fromInt(1), ConstFloat()));
    complexArith(s->inc ? Op::Add : Op::Sub, u, t, t, one);
  } else if (isFloat(u)) {
    int one = alloc();
    vm::Constant c;
    c.kind = vm::Constant::Kind::Float;
    c.f = 1.0;
    emit(Opcode::LOADK, one, konst(c));
    emit(s->inc ? Opcode::ADDF : Opcode::SUBF, t, t, one);
  } else {
    emit(Opcode::ADDIK, t, t, uint16_t(int16_t(s->inc ? 1 : -1)));
    if (isSizedInt(u->kind)) emit(Opcode::TRUNC, t, t, 0, int(elemKindOf(u)));
  }
  store(lv, t);
}

// ------------------------------------------------------------- assignment

FuncCompiler::LValue FuncCompiler::lvalue(Expr* e) {
  e = unparen(e);
  LValue lv;
  lv.type = e->type;
  switch (e->kind) {
    case ExprKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      if (id->name == "_" || !id->sym) return lv;
      lv.kind = LValue::Var;
      lv.var = id->sym;
      return lv;
    }
    case ExprKind::Index: {
      auto* ix = static_cast<IndexExpr*>(e);
      const Type* ct = under(ix->x->type);
      lv.containerType = ct;
      lv.obj = exprReg(ix->x);
      lv.objIsRef = ct->kind != Kind::Array;
      if (ct->kind == Kind::Map) {
        lv.kind = LValue::MapElem;
        lv.key = alloc();
        exprAs(ix->index, ct->key, lv.key);
      } else {
        lv.kind = ct->kind == Kind::Slice ? LValue::SliceElem : LValue::ArrayElem;
        lv.key = exprReg(ix->index);
        if (ct->kind == Kind::Pointer) lv.containerType = under(ct->elem);
      }
      return lv;
    }
    case ExprKind::Selector: {
      auto* s = static_cast<SelectorExpr*>(e);
      if (s->selKind == SelKind::Qualified) {
        lv.kind = LValue::Var;
        lv.var = s->target ? s->target : s->sel->sym;
        return lv;
      }
      lv.kind = LValue::Field;
      lv.objIsRef = s->path.size() == 1 && under(s->x->type)->kind == Kind::Pointer;
      lv.obj = fieldBase(s);
      lv.fieldIndex = s->path.back();
      return lv;
    }
    case ExprKind::Star: {
      lv.kind = LValue::Deref;
      lv.objIsRef = true;
      lv.obj = exprReg(static_cast<StarExpr*>(e)->x);
      return lv;
    }
    default: unsupported(e->pos, "assignment to this expression");
  }
}

void FuncCompiler::pinOperands(LValue& lv, int firstTemp) {
  auto pin = [&](int& r) {
    if (r < 0 || r >= firstTemp) return;
    int t = alloc();
    emit(Opcode::MOVE, t, r);
    r = t;
  };
  if (lv.objIsRef) pin(lv.obj);
  if (lv.kind == LValue::SliceElem || lv.kind == LValue::ArrayElem) pin(lv.key);
}

void FuncCompiler::load(const LValue& lv, int dst) {
  switch (lv.kind) {
    case LValue::Var: loadVar(lv.var, dst); return;
    case LValue::Field: emit(Opcode::GETF, dst, lv.obj, lv.fieldIndex); return;
    case LValue::SliceElem:
      emit(Opcode::GETSL, dst, lv.obj, lv.key, int(elemKindOf(lv.containerType->elem)));
      return;
    case LValue::ArrayElem:
      emit(Opcode::GETARR, dst, lv.obj, lv.key, int(elemKindOf(lv.containerType->elem)));
      return;
    case LValue::MapElem: emit(Opcode::MAPGET, dst, lv.obj, lv.key); return;
    case LValue::Deref:
      emit(lv.type && isAggregate(lv.type) ? Opcode::MOVE : Opcode::LOADPTR, dst, lv.obj);
      return;
    case LValue::Blank: return;
  }
}

void FuncCompiler::store(const LValue& lv, int src) {
  bool agg = lv.type && isAggregate(lv.type);
  int t = -1;
  if (agg && lv.kind != LValue::Var && lv.kind != LValue::MapElem && lv.kind != LValue::Blank) {
    // Aggregate locations are never re-bound: copy into the existing object.
    if (lv.kind == LValue::Deref) {
      emit(Opcode::COPYINTO, lv.obj, src);
      return;
    }
    t = alloc();
    load(lv, t);
    emit(Opcode::COPYINTO, t, src);
    freeTo(t);
    return;
  }
  switch (lv.kind) {
    case LValue::Var: storeVar(lv.var, src); return;
    case LValue::Field: emit(Opcode::SETF, lv.obj, lv.fieldIndex, src); return;
    case LValue::SliceElem:
      emit(Opcode::SETSL, lv.obj, lv.key, src, int(elemKindOf(lv.containerType->elem)));
      return;
    case LValue::ArrayElem:
      emit(Opcode::SETARR, lv.obj, lv.key, src, int(elemKindOf(lv.containerType->elem)));
      return;
    case LValue::MapElem: emit(Opcode::MAPSET, lv.obj, lv.key, src); return;
    case LValue::Deref: emit(Opcode::STOREPTR, lv.obj, src); return;
    case LValue::Blank: return;
  }
}

// Evaluates a comma-ok expression (map index, type assertion, receive) into
// dst (value) and dst+1 (ok).
static bool commaOk(FuncCompiler& fc, Expr* e, int dst) {
  e = unparen(e);
  int saved = fc.top();
  if (e->kind == ExprKind::Index) {
    auto* ix = static_cast<IndexExpr*>(e);
    const Type* ct = under(ix->x->type);
    if (ct->kind != Kind::Map) return false;
    int m = fc.exprReg(ix->x);
    int k = fc.alloc();
    fc.exprAs(ix->index, ct->key, k);
    fc.mapGet(ct, dst, m, k, true);
    fc.freeTo(saved);
    return true;
  }
  if (e->kind == ExprKind::TypeAssert) {
    fc.typeAssert(static_cast<TypeAssertExpr*>(e), dst, true);
    return true;
  }
  if (e->kind == ExprKind::Unary && static_cast<UnaryExpr*>(e)->op == Op::Arrow) {
    int c = fc.exprReg(static_cast<UnaryExpr*>(e)->x);
    fc.emit(Opcode::RECV2, dst, c);
    fc.freeTo(saved);
    return true;
  }
  return false;
}

void FuncCompiler::defineVars(const std::vector<Ident*>& names, const ExprList& values,
                              const Type* declType) {
  size_t n = names.size();
  // New variables get registers first (they outlive the statement's temps).
  int first = alloc(int(n));
  if (values.empty()) {
    for (size_t i = 0; i < n; ++i) {
      Symbol* s = names[i]->sym;
      if (!s) continue;
      zeroValue(s->type, first + int(i));
      declareLocal(s, first + int(i));
    }
    return;
  }
  int saved = top();
  if (values.size() == n) hoistCalls({&values}, {});
  if (values.size() == 1 && n > 1) {
    int tmp = alloc(int(n));
    if (!commaOk(*this, values[0], tmp)) {
      int base = callToBase(static_cast<CallExpr*>(unparen(values[0])));
      for (size_t i = 0; i < n; ++i) emit(Opcode::MOVE, tmp + int(i), base + int(i));
    }
    for (size_t i = 0; i < n; ++i) {
      Symbol* s = names[i]->sym;
      emit(Opcode::MOVE, first + int(i), tmp + int(i));
      if (s) {
        const Type* from = values[0]->type && values[0]->type->kind == Kind::Tuple
                               ? values[0]->type->elems[i]
                               : nullptr;
        if (from) convertInPlace(first + int(i), from, s->type);
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) {
      Symbol* s = names[i]->sym;
      const Type* target = s ? s->type : (declType ? declType : values[i]->type);
      exprAs(values[i], target, first + int(i));
    }
  }
  freeTo(saved);
  for (size_t i = 0; i < n; ++i) declareLocal(names[i]->sym, first + int(i));
}

void FuncCompiler::assign(AssignStmt* s) {
  size_t nl = s->lhs.size(), nr = s->rhs.size();
  if (s->define) {
    // Mix of new and existing variables: new ones are declared, existing
    // ones assigned, all values evaluated first.
    bool allNew = true;
    for (size_t i = 0; i < nl; ++i) {
      bool isNew = i < s->isNew.size() ? s->isNew[i] : true;
      if (!isNew && !isBlank(s->lhs[i])) allNew = false;
    }
    if (allNew) {
      std::vector<Ident*> names;
      for (Expr* e : s->lhs) names.push_back(static_cast<Ident*>(unparen(e)));
      defineVars(names, s->rhs, nullptr);
      return;
    }
  }
  // v, ok = <-c (or x.(T)) receives where it stands; its operands are ordered.
  // x op= y reads x as well.
  if (s->op == Op::None)
    hoistCalls({&s->rhs}, {}, nl > nr ? s->rhs[0] : nullptr, &s->lhs);
  else
    hoistCalls({&s->lhs, &s->rhs}, {});
  if (s->op != Op::None) {
    if (Symbol* v = identSym(s->lhs[0]); v && v->kind == SymKind::Var) {
      VarLoc l = locate(v);
      if (l.home == VarHome::Reg && !isAggregate(v->type)) {
        // Compile as the binary expression x op y straight into x's register.
        BinaryExpr bin;
        bin.pos = s->pos;
        bin.op = s->op;
        bin.x = s->lhs[0];
        bin.y = s->rhs[0];
        bin.type = s->lhs[0]->type;
        bin.mode = Mode::Value;
        binary(&bin, l.index);
        return;
      }
    }
    int saved = top();
    LValue lv = lvalue(s->lhs[0]);
    int t = alloc();
    const Type* u = under(s->lhs[0]->type);
    int y = alloc();
    Op op = s->op;
    const Type* yt = (op == Op::Shl || op == Op::Shr) ? s->rhs[0]->type : s->lhs[0]->type;
    exprAs(s->rhs[0], yt, y);
    // Go reads x after evaluating y (`x[0] += g()` sees what g stored).
    load(lv, t);
    if (isComplex(u)) {
      setLine(s->pos);
      load(lv, t);
      complexArith(op, u, t, t, y);
      store(lv, t);
      freeTo(saved);
      return;
    }
    bool fl = isFloat(u), uns = isUnsigned(u);
    Opcode opc = Opcode::NOP;
    switch (op) {
      case Op::Add: opc = isString(u) ? Opcode::CONCAT : fl ? Opcode::ADDF : Opcode::ADDI; break;
      case Op::Sub: opc = fl ? Opcode::SUBF : Opcode::SUBI; break;
      case Op::Mul: opc = fl ? Opcode::MULF : Opcode::MULI; break;
      case Op::Quo: opc = fl ? Opcode::DIVF : uns ? Opcode::DIVU : Opcode::DIVI; break;
      case Op::Rem: opc = uns ? Opcode::REMU : Opcode::REMI; break;
      case Op::And: opc = Opcode::ANDI; break;
      case Op::Or: opc = Opcode::ORI; break;
      case Op::Xor: opc = Opcode::XORI; break;
      case Op::AndNot: opc = Opcode::ANDNOTI; break;
      case Op::Shl: opc = Opcode::SHLI; break;
      case Op::Shr: opc = uns ? Opcode::SHRU : Opcode::SHRI; break;
      default: unsupported(s->pos, "this assignment operator");
    }
    setLine(s->pos);
    bool unsignedCount = (op == Op::Shl || op == Op::Shr) && isUnsigned(s->rhs[0]->type);
    emit(opc, t, t, y, unsignedCount ? 1 : 0);  // as in binary(): x marks an unsigned count
    if (isSizedInt(u->kind)) emit(Opcode::TRUNC, t, t, 0, int(elemKindOf(u)));
    if (u->kind == Kind::Float32) emit(Opcode::ROUNDF32, t, t);
    store(lv, t);
    freeTo(saved);
    return;
  }
  int saved = top();
  // Fast path: x = e for a plain register variable.
  if (nl == 1 && nr == 1) {
    Symbol* v = identSym(s->lhs[0]);
    if (v && v->kind == SymKind::Var && !isBoxedVar(v) && !isAggregate(v->type)) {
      auto it = regs_.find(v);
      if (it != regs_.end()) {
        exprAs(s->rhs[0], v->type, it->second);
        return;
      }
    }
    if (isBlank(s->lhs[0])) {
      int r = alloc();
      expr(s->rhs[0], r);
      freeTo(saved);
      return;
    }
  }
  // General case: operands of the left side, then every value, then stores.
  std::vector<LValue> lvs;
  for (Expr* e : s->lhs) lvs.push_back(lvalue(e));
  if (nl > 1)
    for (LValue& lv : lvs) pinOperands(lv, saved);
  int vals = alloc(int(nl));
  if (nr == 1 && nl > 1) {
    if (!commaOk(*this, s->rhs[0], vals)) {
      int base = callToBase(static_cast<CallExpr*>(unparen(s->rhs[0])));
      for (size_t i = 0; i < nl; ++i) emit(Opcode::MOVE, vals + int(i), base + int(i));
    }
    const Type* tt = s->rhs[0]->type;
    for (size_t i = 0; i < nl; ++i)
      if (tt && tt->kind == Kind::Tuple && lvs[i].type)
        convertInPlace(vals + int(i), tt->elems[i], lvs[i].type);
  } else {
    for (size_t i = 0; i < nl; ++i) {
      int keep = top();
      exprAs(s->rhs[i], lvs[i].type ? lvs[i].type : s->rhs[i]->type, vals + int(i));
      freeTo(keep);
    }
  }
  for (size_t i = 0; i < nl; ++i) {
    bool isNew = s->define && i < s->isNew.size() && s->isNew[i];
    if (isNew) {
      Symbol* v = identSym(s->lhs[i]);
      int r = alloc();
      emit(Opcode::MOVE, r, vals + int(i));
      declareLocal(v, r);
    } else {
      store(lvs[i], vals + int(i));
    }
  }
  if (!s->define) freeTo(saved);
}

// ------------------------------------------------------------ control flow

void FuncCompiler::returnStmt(ReturnStmt* s) {
  int nres = int(resultTypes_.size());
  if (s->results.empty()) {
    emit(Opcode::RET, resultReg_, nres, 0, resultsBoxed_ ? 1 : 0);
    return;
  }
  if (int(s->results.size()) == nres) hoistCalls({&s->results}, {});
  int vals = alloc(nres);
  if (int(s->results.size()) < nres) {
    int base = callToBase(static_cast<CallExpr*>(unparen(s->results[0])));
    const Type* tt = s->results[0]->type;
    for (int i = 0; i < nres; ++i) {
      emit(Opcode::MOVE, vals + i, base + i);
      if (tt && tt->kind == Kind::Tuple)
        convertInPlace(vals + i, tt->elems[size_t(i)], resultTypes_[size_t(i)]);
    }
  } else {
    for (int i = 0; i < nres; ++i) {
      int keep = top();
      exprAs(s->results[size_t(i)], resultTypes_[size_t(i)], vals + i);
      freeTo(keep);
    }
  }
  setLine(s->pos);
  if (!info || !info->hasDefer) {
    emit(Opcode::RET, vals, nres);
    return;
  }
  // Deferred calls may read or change the results: store them first.
  for (int i = 0; i < nres; ++i) {
    if (resultsBoxed_)
      emit(Opcode::SETF, resultReg_ + i, 0, vals + i);
    else
      emit(Opcode::MOVE, resultReg_ + i, vals + i);
  }
  emit(Opcode::RET, resultReg_, nres, 0, resultsBoxed_ ? 1 : 0);
}

FuncCompiler::Loop* FuncCompiler::findLoop(Stmt* target) {
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
    if (it->stmt == target) return &*it;
  return nullptr;
}

void FuncCompiler::branchStmt(BranchStmt* s) {
  switch (s->tok) {
    case BranchKind::Break: {
      Loop* l = s->target ? findLoop(s->target) : (loops_.empty() ? nullptr : &loops_.back());
      if (!l) unsupported(s->pos, "break target");
      l->breaks.push_back(emitJump(Opcode::JMP));
      return;
    }
    case BranchKind::Continue: {
      Loop* l = nullptr;
      if (s->target) {
        l = findLoop(s->target);
      } else {
        for (auto it = loops_.rbegin(); it != loops_.rend(); ++it)
          if (it->stmt->kind == StmtKind::For || it->stmt->kind == StmtKind::Range) {
            l = &*it;
            break;
          }
      }
      if (!l) unsupported(s->pos, "continue target");
      l->continues.push_back(emitJump(Opcode::JMP));
      return;
    }
    case BranchKind::Fallthrough: pendingFallthrough_.push_back(emitJump(Opcode::JMP)); return;
    case BranchKind::Goto: gotoStmt(s); return;
  }
}

void FuncCompiler::ifStmt(IfStmt* s) {
  int saved = top();
  if (s->init) stmt(s->init);
  int condStart = top();
  hoistCalls({}, {s->cond});
  int c = exprReg(s->cond);
  int jf = emitJump(Opcode::JF, c);
  freeTo(condStart);
  block(s->then->stmts);
  if (s->els) {
    int jend = emitJump(Opcode::JMP);
    patchJumpHere(jf);
    stmt(s->els);
    patchJumpHere(jend);
  } else {
    patchJumpHere(jf);
  }
  freeTo(saved);
}

// Emits "if cond then jump to target" for a backward target, fusing an
// integer comparison into one instruction when possible.
static void condJumpBack(FuncCompiler& fc, Expr* cond, int target) {
  Expr* c = unparen(cond);
  if (c->kind == ExprKind::Binary) {
    auto* b = static_cast<BinaryExpr*>(c);
    const Type* t = b->x->type ? under(b->x->type) : nullptr;
    bool signedInt = t && isInteger(t) && !isUnsigned(t) && b->y->type &&
                     isInteger(under(b->y->type)) && !isUnsigned(under(b->y->type));
    if (signedInt &&
        (b->op == Op::Lss || b->op == Op::Leq || b->op == Op::Gtr || b->op == Op::Geq)) {
      int saved = fc.top();
      if (b->y->mode == Mode::Constant && b->x->mode != Mode::Constant) {
        int x = fc.exprReg(b->x);
        vm::Constant k;
        k.kind = vm::Constant::Kind::Int;
        k.i = b->y->value.asInt64();
        uint16_t ki = fc.konst(k);
        Opcode op = b->op == Op::Lss   ? Opcode::JLTK
                    : b->op == Op::Leq ? Opcode::JLEK
                    : b->op == Op::Gtr ? Opcode::JGTK
                                       : Opcode::JGEK;
        int off = target - (fc.here() + 1);
        if (off >= INT16_MIN) {
          fc.emit(op, x, ki, uint16_t(int16_t(off)));
          fc.freeTo(saved);
          return;
        }
        fc.freeTo(saved);
      }
      int x = fc.exprReg(b->x);
      int y = fc.exprReg(b->y);
      Opcode op = (b->op == Op::Lss || b->op == Op::Gtr) ? Opcode::JLT : Opcode::JLE;
      if (b->op == Op::Gtr || b->op == Op::Geq) std::swap(x, y);
      int off = target - (fc.here() + 1);
      if (off >= INT16_MIN) {
        fc.emit(op, x, y, uint16_t(int16_t(off)));
        fc.freeTo(saved);
        return;
      }
      fc.freeTo(saved);
    }
  }
  int saved = fc.top();
  int r = fc.exprReg(cond);
  int j = fc.emitJump(Opcode::JT, r);
  fc.patchJumpTo(j, target);
  fc.freeTo(saved);
}

void FuncCompiler::forStmt(ForStmt* s) {
  int saved = top();
  if (s->init) stmt(s->init);
  // Variables declared by init that escape get a fresh copy per iteration.
  std::vector<Symbol*> perIter;
  if (s->init && s->init->kind == StmtKind::Assign) {
    auto* a = static_cast<AssignStmt*>(s->init);
    if (a->define)
      for (Expr* e : a->lhs)
        if (Symbol* v = identSym(e); v && isBoxedVar(v)) perIter.push_back(v);
  }
  int jcond = s->cond ? emitJump(Opcode::JMP) : -1;
  int bodyStart = here();
  loops_.push_back(Loop{s, {}, {}, -1});
  block(s->body->stmts);
  int contTarget = here();
  for (Symbol* v : perIter) {
    int r = regs_[v];
    int t = alloc();
    emit(Opcode::GETF, t, r, 0);
    emit(Opcode::NEWBOX, r, t, int(pc.tid(v->type)));
    freeTo(t);
  }
  if (s->post) stmt(s->post);
  if (s->cond) {
    patchJumpHere(jcond);
    setLine(s->cond->pos);
    int condStart = top();
    hoistCalls({}, {s->cond});
    condJumpBack(*this, s->cond, bodyStart);
    freeTo(condStart);
  } else {
    emitJumpBack(bodyStart);
  }
  Loop l = std::move(loops_.back());
  loops_.pop_back();
  for (int j : l.continues) patchJumpTo(j, contTarget);
  for (int j : l.breaks) patchJumpHere(j);
  freeTo(saved);
}

void FuncCompiler::rangeStmt(RangeStmt* s) {
  int saved = top();
  const Type* xt = under(s->x->type);
  bool hasKey = s->key && !isBlank(s->key);
  bool hasVal = s->value && !isBlank(s->value);
  // Per-iteration variables (:=) get registers outside the loop; escaping
  // ones get a new box each iteration (declareLocal in the body).
  Symbol* keySym = s->define && hasKey ? identSym(s->key) : nullptr;
  Symbol* valSym = s->define && hasVal ? identSym(s->value) : nullptr;
  int keyReg = alloc(), valReg = alloc();
  hoistCalls({}, {s->x});
  auto bindVars = [&](int k, int v, const Type* vt) {
    if (hasKey && hasVal && !s->define) {
      // `for k, x[k] = range ...` assigns as the tuple k, x[k] = key, value:
      // both left sides' operands are evaluated before either store.
      if (vt && isAggregate(vt)) emit(Opcode::COPY, v, v);
      int keep = top();
      LValue klv = lvalue(s->key);
      LValue vlv = lvalue(s->value);
      pinOperands(klv, keep);
      pinOperands(vlv, keep);
      store(klv, k);
      store(vlv, v);
      freeTo(keep);
      return;
    }
    if (hasKey) {
      if (s->define) {
        emit(Opcode::MOVE, keyReg, k);
        declareLocal(keySym, keyReg);
      } else {
        int keep = top();
        LValue lv = lvalue(s->key);
        store(lv, k);
        freeTo(keep);
      }
    }
    if (hasVal) {
      if (vt && isAggregate(vt)) emit(Opcode::COPY, v, v);
      if (s->define) {
        emit(Opcode::MOVE, valReg, v);
        declareLocal(valSym, valReg);
      } else {
        int keep = top();
        LValue lv = lvalue(s->value);
        store(lv, v);
        freeTo(keep);
      }
    }
  };
  loops_.push_back(Loop{s, {}, {}, -1});
  int contTarget = -1;
  if (isInteger(xt) || xt->kind == Kind::Slice || xt->kind == Kind::Array ||
      xt->kind == Kind::Pointer || xt->kind == Kind::String) {
    int coll = alloc(), n = alloc(), i = alloc(), cur = alloc(), width = alloc();
    bool isStr = xt->kind == Kind::String;
    if (isInteger(xt)) {
      exprAs(s->x, s->x->type, n);
    } else {
      expr(s->x, coll);
      // Ranging over an array value iterates over a copy of it.
      if (xt->kind == Kind::Array && hasVal) emit(Opcode::COPY, coll, coll);
      const Type* at = xt->kind == Kind::Pointer ? under(xt->elem) : xt;
      if (at->kind == Kind::Array)
        loadInt(n, at->len);
      else
        emit(isStr ? Opcode::LENS : Opcode::LENSL, n, coll);
    }
    loadInt(i, 0);
    int jcond = emitJump(Opcode::JMP);
    int bodyStart = here();
    int inner = top();
    const Type* vt = nullptr;
    if (isInteger(xt)) {
      bindVars(i, i, nullptr);
    } else if (isStr) {
      emit(Opcode::NEXTRUNE, cur, coll, i);  // cur = rune, width = cur+1
      bindVars(i, cur, nullptr);
    } else {
      const Type* at = xt->kind == Kind::Pointer ? under(xt->elem) : xt;
      vt = at->elem;
      if (hasVal)
        emit(at->kind == Kind::Array ? Opcode::GETARR : Opcode::GETSL, cur, coll, i,
             int(elemKindOf(at->elem)));
      bindVars(i, cur, vt);
    }
    block(s->body->stmts);
    freeTo(inner);
    contTarget = here();
    if (isStr)
      emit(Opcode::ADDI, i, i, width);
    else
      emit(Opcode::ADDIK, i, i, 1);
    patchJumpHere(jcond);
    int off = bodyStart - (here() + 1);
    if (off >= INT16_MIN) {
      emit(Opcode::JLT, i, n, uint16_t(int16_t(off)));
    } else {
      int t = alloc();
      emit(Opcode::LTI, t, i, n);
      int j = emitJump(Opcode::JT, t);
      patchJumpTo(j, bodyStart);
    }
  } else if (xt->kind == Kind::Map) {
    int m = alloc(), cursor = alloc(), kv = alloc(2);
    expr(s->x, m);
    loadInt(cursor, 0);
    int loop = here();
    emit(Opcode::MAPNEXT, kv, m, cursor);
    int jexit = emitJump(Opcode::JMP);
    bindVars(kv, kv + 1, xt->elem);
    block(s->body->stmts);
    contTarget = here();
    emitJumpBack(loop);
    patchJumpHere(jexit);
  } else if (xt->kind == Kind::Chan) {
    int c = alloc(), v = alloc(2);
    expr(s->x, c);
    int loop = here();
    emit(Opcode::RECV2, v, c);
    int jexit = emitJump(Opcode::JF, v + 1);
    // For channels the single iteration variable is the received value.
    bool saveHasVal = hasVal;
    hasVal = hasKey;
    hasKey = false;
    Symbol* saveVal = valSym;
    valSym = keySym;
    Expr* saveValue = s->value;
    s->value = s->key;
    bindVars(v, v, xt->elem);
    s->value = saveValue;
    valSym = saveVal;
    hasKey = hasVal;
    hasVal = saveHasVal;
    block(s->body->stmts);
    contTarget = here();
    emitJumpBack(loop);
    patchJumpHere(jexit);
  } else {
    unsupported(s->pos, "range over this type");
  }
  Loop l = std::move(loops_.back());
  loops_.pop_back();
  for (int j : l.continues) patchJumpTo(j, contTarget);
  for (int j : l.breaks) patchJumpHere(j);
  freeTo(saved);
}

void FuncCompiler::switchStmt(SwitchStmt* s) {
  int saved = top();
  if (s->init) stmt(s->init);
  int tag = -1;
  const Type* tagType = nullptr;
  if (s->tag) {
    tagType = s->tag->type;
    tag = alloc();
    hoistCalls({}, {s->tag});
    exprAs(s->tag, tagType, tag);
  }
  std::vector<std::vector<int>> toBody(s->clauses.size());
  int defaultClause = -1;
  int t = alloc();
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    CaseClause* cc = s->clauses[ci];
    if (cc->isDefault) defaultClause = int(ci);
    for (Expr* e : cc->list) {
      setLine(e->pos);
      int keep = top();
      hoistCalls({}, {e});  // each case expression is ordered on its own
      if (tag >= 0) {
        int v = alloc();
        const Type* ct = tagType;
        if (isInterface(tagType) || !isInterface(e->type)) {
          exprAs(e, tagType, v);
        } else {
          ct = e->type;
          exprAs(e, ct, v);
          convertInPlace(tag, tagType, ct);
        }
        compare(Op::Eql, ct, t, tag, v);
        toBody[ci].push_back(emitJump(Opcode::JT, t));
      } else if (isInterface(e->type)) {
        // Tagless: the case is compared with true, as an interface value.
        int v = alloc();
        exprAs(e, e->type, v);
        int tru = alloc();
        loadInt(tru, 1);
        convertInPlace(tru, pc.src.types.basic(Kind::Bool), e->type);
        compare(Op::Eql, e->type, t, v, tru);
        toBody[ci].push_back(emitJump(Opcode::JT, t));
      } else {
        int v = exprReg(e);
        toBody[ci].push_back(emitJump(Opcode::JT, v));
      }
      freeTo(keep);
    }
  }
  int jdefault = emitJump(Opcode::JMP);
  loops_.push_back(Loop{s, {}, {}, -1});
  std::vector<int> ends;
  std::vector<int> bodyStarts(s->clauses.size());
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    bodyStarts[ci] = here();
    for (int j : toBody[ci]) patchJumpHere(j);
    if (int(ci) == defaultClause) patchJumpHere(jdefault);
    std::vector<int> fall;
    std::swap(fall, pendingFallthrough_);
    for (int j : fall) patchJumpHere(j);
    block(s->clauses[ci]->body);
    if (pendingFallthrough_.empty()) ends.push_back(emitJump(Opcode::JMP));
  }
  if (defaultClause < 0) patchJumpHere(jdefault);
  for (int j : ends) patchJumpHere(j);
  for (int j : pendingFallthrough_) patchJumpHere(j);
  pendingFallthrough_.clear();
  Loop l = std::move(loops_.back());
  loops_.pop_back();
  for (int j : l.breaks) patchJumpHere(j);
  freeTo(saved);
}

void FuncCompiler::typeSwitchStmt(TypeSwitchStmt* s) {
  int saved = top();
  if (s->init) stmt(s->init);
  int x = alloc();
  expr(s->assert->x, x);
  int t = alloc();
  std::vector<std::vector<int>> toBody(s->clauses.size());
  int defaultClause = -1;
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    CaseClause* cc = s->clauses[ci];
    if (cc->isDefault) defaultClause = int(ci);
    for (Expr* e : cc->list) {
      bool isNil = e->kind == ExprKind::Ident && static_cast<Ident*>(e)->sym &&
                   static_cast<Ident*>(e)->sym->kind == SymKind::Nil;
      if (isNil)
        emit(Opcode::TYPEIS, t, x, 0);
      else if (isInterface(e->type))
        emit(Opcode::IMPLEMENTS, t, x, int(pc.tid(e->type)));
      else
        emit(Opcode::TYPEIS, t, x, int(pc.tid(e->type)));
      toBody[ci].push_back(emitJump(Opcode::JT, t));
    }
  }
  int jdefault = emitJump(Opcode::JMP);
  loops_.push_back(Loop{s, {}, {}, -1});
  std::vector<int> ends;
  for (size_t ci = 0; ci < s->clauses.size(); ++ci) {
    CaseClause* cc = s->clauses[ci];
    for (int j : toBody[ci]) patchJumpHere(j);
    if (int(ci) == defaultClause) patchJumpHere(jdefault);
    int inner = top();
    if (Symbol* v = cc->implicitVar) {
      int r = alloc();
      const Type* vt = v->type;
      if (cc->list.size() == 1 && !isInterface(vt)) {
        emit(Opcode::IFACEDATA, r, x);
        if (isAggregate(vt)) emit(Opcode::COPY, r, r);
      } else {
        emit(Opcode::MOVE, r, x);
      }
      declareLocal(v, r);
    }
    block(cc->body);
    freeTo(inner);
    ends.push_back(emitJump(Opcode::JMP));
  }
  if (defaultClause < 0) patchJumpHere(jdefault);
  for (int j : ends) patchJumpHere(j);
  Loop l = std::move(loops_.back());
  loops_.pop_back();
  for (int j : l.breaks) patchJumpHere(j);
  freeTo(saved);
}

void FuncCompiler::selectStmt(SelectStmt* s) {
  int saved = top();
  std::vector<CommClause*> cases;
  CommClause* def = nullptr;
  for (CommClause* cc : s->clauses) {
    if (cc->comm)
      cases.push_back(cc);
    else
      def = cc;
  }
  using L = vm::SelectCaseLayout;
  int n = int(cases.size());
  int chosen = alloc();
  int base = alloc(L::kSize * std::max(n, 1));
  for (int i = 0; i < n; ++i) {
    Stmt* c = cases[size_t(i)]->comm;
    int r = base + L::kSize * i;
    setLine(c->pos);
    int keep = top();
    if (c->kind == StmtKind::Send) {
      auto* ss = static_cast<SendStmt*>(c);
      // gc evaluates the channel and then the value, each on its own.
      hoistCalls({}, {ss->chan});
      expr(ss->chan, r + L::kChan);
      hoistCalls({}, {ss->value});
      exprAs(ss->value, under(ss->chan->type)->elem, r + L::kValue);
      loadInt(r + L::kDirOk, int64_t(vm::SelectDir::Send));
    } else {
      Expr* rx = c->kind == StmtKind::ExprS ? static_cast<ExprStmt*>(c)->x
                                            : static_cast<AssignStmt*>(c)->rhs[0];
      rx = unparen(rx);
      hoistCalls({}, {static_cast<UnaryExpr*>(rx)->x});
      expr(static_cast<UnaryExpr*>(rx)->x, r + L::kChan);
      loadInt(r + L::kDirOk, int64_t(vm::SelectDir::Recv));
    }
    freeTo(keep);
  }
  setLine(s->pos);
  emit(Opcode::SELECT, chosen, base, n, def ? 1 : 0);
  loops_.push_back(Loop{s, {}, {}, -1});
  std::vector<int> ends;
  // One jump through a table instead of n compare-and-branches.
  emit(Opcode::JTAB, chosen, n);
  std::vector<int> jumps;
  for (int i = 0; i < n; ++i) jumps.push_back(emitJump(Opcode::JMP));
  int jdef = emitJump(Opcode::JMP);
  for (int i = 0; i < n; ++i) {
    patchJumpHere(jumps[size_t(i)]);
    CommClause* cc = cases[size_t(i)];
    int inner = top();
    if (cc->comm->kind == StmtKind::Assign) {
      auto* a = static_cast<AssignStmt*>(cc->comm);
      int r = base + L::kSize * i;
      const Type* elem = under(unparen(static_cast<UnaryExpr*>(unparen(a->rhs[0]))->x)->type)->elem;
      for (size_t li = 0; li < a->lhs.size() && li < 2; ++li) {
        if (isBlank(a->lhs[li])) continue;
        // v from the value slot, ok from the direction slot (ok on exit).
        int src = r + (li == 0 ? L::kValue : L::kDirOk);
        if (a->define) {
          int v = alloc();
          emit(Opcode::MOVE, v, src);
          declareLocal(identSym(a->lhs[li]), v);
        } else {
          int keep = top();
          LValue lv = lvalue(a->lhs[li]);
          if (li == 0) convertInPlace(src, elem, lv.type);
          store(lv, src);
          freeTo(keep);
        }
      }
    }
    block(cc->body);
    freeTo(inner);
    ends.push_back(emitJump(Opcode::JMP));
  }
  patchJumpHere(jdef);
  if (def) block(def->body);
  for (int j : ends) patchJumpHere(j);
  Loop l = std::move(loops_.back());
  loops_.pop_back();
  for (int j : l.breaks) patchJumpHere(j);
  freeTo(saved);
}

}  // namespace gol
