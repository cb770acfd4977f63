// goto: a jump to the label's statement. The checker has made sure that a
// goto never enters a block and never skips a declaration of the label's
// block, so the registers live at the label are live at every goto to it
// and a plain JMP is all it takes (a backward goto re-runs the
// declarations after the label, which make fresh variables as Go does).
#include "lang/compile/compiler_impl.hpp"

namespace gol {

void FuncCompiler::labeledStmt(LabeledStmt* s) {
  int at = here();
  labelPcs_[s] = at;
  auto it = pendingGotos_.find(s);
  if (it != pendingGotos_.end()) {
    for (int j : it->second) patchJumpTo(j, at);
    pendingGotos_.erase(it);
  }
  stmt(s->stmt);
}

void FuncCompiler::gotoStmt(BranchStmt* s) {
  setLine(s->pos);
  int j = emitJump(Opcode::JMP);
  auto it = labelPcs_.find(s->target);
  if (it != labelPcs_.end())
    patchJumpTo(j, it->second);
  else
    pendingGotos_[s->target].push_back(j);
}

}  // namespace gol
