// Deep copies of syntax trees (the checker instantiates generic functions by
// checking a copy of the declaration per type-argument list).
#pragma once

#include <functional>

#include "lang/syntax/ast.hpp"

namespace gol {

// A copy of `d` allocated in `arena`, without the checker's annotations;
// `visit`, when given, sees every identifier of the declaration.
FuncDecl* cloneFuncDecl(AstArena& arena, const FuncDecl* d,
                        const std::function<void(const Ident*)>* visit = nullptr);
Expr* cloneExpr(AstArena& arena, const Expr* e);

}  // namespace gol
