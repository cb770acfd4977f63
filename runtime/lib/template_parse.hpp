// text/template's parse trees and parser (Go's text/template/parse): the
// lexer with its trim markers and delimiters, the action grammar, and the
// parse errors with Go's texts (`template: t:1: unexpected "}" in
// operand`). Trees are immutable once parsed and shared between the
// templates of a set and its clones.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gol::lib::tmpl {

enum class NodeType : uint8_t {
  Text,
  Action,
  If,
  Range,
  With,
  Template,
  Break,
  Continue,
  List,
  Pipe,
  Command,
  Field,     // .A.B
  Variable,  // $x.A
  Dot,
  Nil,
  Bool,
  Number,
  String,
  Identifier,  // a function name
  Chain,       // (pipeline).A.B
  Comment,
  Else,  // parser-internal
  End,   // parser-internal
};

struct Tree;

struct Node {
  NodeType type;
  int pos = 0;   // byte offset in the tree's text
  int line = 0;  // Action, Pipe, If..., Template, Break, Continue
  const Tree* tree = nullptr;

  std::string text;    // Text; String: the unquoted value; Identifier; Template: name; Number: its
                       // text; Comment
  std::string quoted;  // String: as written
  std::vector<std::string> ident;  // Field, Variable (with the $name first), Chain: the fields
  std::vector<std::unique_ptr<Node>> nodes;  // List; Command: arguments; Pipe: commands
  std::vector<std::unique_ptr<Node>> decl;   // Pipe: declared variables
  bool isAssign = false;                     // Pipe: `=` rather than `:=`
  std::unique_ptr<Node> pipe;            // Action, If, Range, With, Template; Chain: the operand
  std::unique_ptr<Node> list, elseList;  // If, Range, With
  // Bool, Number
  bool boolVal = false;
  bool isInt = false, isUint = false, isFloat = false, isComplex = false;
  int64_t i64 = 0;
  uint64_t u64 = 0;
  double f64 = 0;
  double imag = 0;  // complex: the imaginary part (f64 the real part)

  explicit Node(NodeType t) : type(t) {}
  // Go's Node.String: the source form, used in error contexts.
  std::string str() const;
};

struct Tree {
  std::string name;
  std::string parseName;  // the top-level template the text came from
  std::shared_ptr<const std::string> text;
  std::unique_ptr<Node> root;
  // Go's ErrorContext: "name:line:col" of a node.
  std::string location(const Node& n) const;
};

// Go's IsEmptyTree: only space and comments.
bool isEmptyTree(const Node* n);

struct ParseOptions {
  std::string leftDelim = "{{", rightDelim = "}}";
  // Whether a function of this name exists (builtins and the FuncMap).
  std::function<bool(const std::string&)> hasFunction;
  bool skipFuncCheck = false;
};

// Parses `text` as template `name`: the top-level tree and every
// {{define}}/{{block}} join `set` (within one text, two non-empty trees of
// one name are a "multiple definition"; in the set, an empty tree never
// replaces one that exists). Returns "" or Go's error text; on error the
// set is unchanged.
std::string parse(const std::string& name, const std::string& text, const ParseOptions& opts,
                  std::map<std::string, std::shared_ptr<const Tree>>& set);

}  // namespace gol::lib::tmpl
