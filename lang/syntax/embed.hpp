// `//go:embed`: from directive comments to the files a variable holds.
//
// Go splits this between the go command (patterns to file lists,
// cmd/go/internal/load's resolveEmbed) and the compiler (where a directive
// may stand, noder's checkEmbed; which types may be embedded). gol has no
// build step, so this stage does the go command's part and the placement
// checks right after parsing; the checker checks the variable's type and
// turns the files into its initialiser (lang/check/checker_embed.cpp).
#pragma once

#include <string>

#include "lang/syntax/syntax.hpp"

namespace gol {

// Attaches each of file.embedDirectives to the package-level var declared
// on the next line of code (ValueSpec::embed) and reads the files its
// patterns match, relative to `dir` (the source file's directory). Errors
// have Go's texts and positions. Returns false if there were any.
bool resolveEmbeds(File& file, const std::string& source, const std::string& dir,
                   Diagnostics& diags);

}  // namespace gol
