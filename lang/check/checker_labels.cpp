// goto's structural rules (spec, "Goto statements"): a goto outside a block
// cannot jump to a label inside that block, and a forward goto must not
// skip a variable declaration of the label's block. Checked on a function
// body's statements as written (before a range-over-func body moves into a
// yield function), one block at a time like gc's syntax/branches.go, so the
// errors name the same positions: the declaration (`x := 1` at its `:=`)
// and the start of the block jumped into (its `{`, or its `case`).
// Whether a label exists and is used is checked with the other branches.
#include <algorithm>

#include "lang/check/checker.hpp"

namespace gol {

namespace {

struct GotoBlock {
  const GotoBlock* parent;
  int id;  // unique in the function (a block's address may be reused)
};

struct LabelInfo {
  int block;
  Pos blockStart;
};

struct GotoChecker {
  Checker& c;
  std::map<std::string, LabelInfo> labels;  // declared so far in this function
  int blocks = 0;

  // A label of an enclosing block (or this one) declared before the goto.
  bool backwardTarget(const GotoBlock* b, const std::string& name) const {
    auto it = labels.find(name);
    if (it == labels.end()) return false;
    for (const GotoBlock* p = b; p; p = p->parent)
      if (it->second.block == p->id) return true;
    return false;
  }

  // Returns the forward gotos of the block that no label in it resolved.
  std::vector<BranchStmt*> block(const GotoBlock* parent, Pos start, const StmtList& body) {
    GotoBlock b{parent, blocks++};
    std::vector<BranchStmt*> fwd, skipped;
    bool sawVar = false;
    Pos varPos;
    std::string varName;
    auto recordVar = [&](Pos p, std::string name) {
      sawVar = true;
      varPos = p;
      varName = std::move(name);
      skipped = fwd;  // each may still leave the block, which is fine
    };
    auto inner = [&](Pos s, const StmtList& l) {
      auto rest = block(&b, s, l);
      fwd.insert(fwd.end(), rest.begin(), rest.end());
    };
    for (Stmt* s : body) {
      while (s && s->kind == StmtKind::Labeled) {
        auto* ls = static_cast<LabeledStmt*>(s);
        const std::string& name = ls->label->name;
        if (name != "_" && !labels.count(name)) {
          labels[name] = LabelInfo{b.id, start};
          std::vector<BranchStmt*> keep;
          for (BranchStmt* g : fwd) {
            if (g->label->name != name) {
              keep.push_back(g);
              continue;
            }
            if (sawVar && std::find(skipped.begin(), skipped.end(), g) != skipped.end())
              c.errorf(g->label->pos, "goto %s jumps over declaration of %s at %s", name, varName,
                       c.posStr(varPos));
          }
          fwd = std::move(keep);
        }
        s = ls->stmt;
      }
      if (!s) continue;
      switch (s->kind) {
        case StmtKind::Decl: {
          GenDecl* g = static_cast<DeclStmt*>(s)->decl;
          if (g->tok != DeclTok::Var) break;
          for (Spec* sp : g->specs) {
            auto* vs = static_cast<ValueSpec*>(sp);
            if (!vs->names.empty()) {
              recordVar(vs->names[0]->pos, vs->names[0]->name);
              break;
            }
          }
          break;
        }
        case StmtKind::Assign: {
          auto* a = static_cast<AssignStmt*>(s);
          if (!a->define) break;
          std::string names;
          for (Expr* e : a->lhs) names += (names.empty() ? "" : ", ") + exprString(e);
          recordVar(a->opPos, names);
          break;
        }
        case StmtKind::Branch: {
          auto* br = static_cast<BranchStmt*>(s);
          if (br->tok == BranchKind::Goto && br->label && !backwardTarget(&b, br->label->name))
            fwd.push_back(br);
          break;
        }
        case StmtKind::Block: {
          auto* bs = static_cast<BlockStmt*>(s);
          inner(bs->pos, bs->stmts);
          break;
        }
        case StmtKind::If: {
          auto* i = static_cast<IfStmt*>(s);
          inner(i->then->pos, i->then->stmts);
          if (i->els) inner(i->els->pos, StmtList{i->els});
          break;
        }
        case StmtKind::For: {
          auto* f = static_cast<ForStmt*>(s);
          inner(f->body->pos, f->body->stmts);
          break;
        }
        case StmtKind::Range: {
          auto* r = static_cast<RangeStmt*>(s);
          inner(r->body->pos, r->body->stmts);
          break;
        }
        case StmtKind::Switch:
          for (CaseClause* cc : static_cast<SwitchStmt*>(s)->clauses) inner(cc->pos, cc->body);
          break;
        case StmtKind::TypeSwitch:
          for (CaseClause* cc : static_cast<TypeSwitchStmt*>(s)->clauses) inner(cc->pos, cc->body);
          break;
        case StmtKind::Select:
          for (CommClause* cc : static_cast<SelectStmt*>(s)->clauses) inner(cc->pos, cc->body);
          break;
        default: break;
      }
    }
    return fwd;
  }
};

}  // namespace

void Checker::checkGotos(Pos start, const StmtList& body) {
  GotoChecker gc{*this, {}, 0};
  // Gotos no label of their blocks resolved: undefined labels (reported
  // with the other branches), or labels inside a block they are outside of.
  for (BranchStmt* g : gc.block(nullptr, start, body)) {
    auto it = gc.labels.find(g->label->name);
    if (it != gc.labels.end())
      errorf(g->label->pos, "goto %s jumps into block starting at %s", g->label->name,
             posStr(it->second.blockStart));
  }
}

}  // namespace gol
