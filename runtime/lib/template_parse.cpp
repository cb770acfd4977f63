// text/template's lexer and parser (see template_parse.hpp).
#include "runtime/lib/template_parse.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "runtime/lib/textconv.hpp"
#include "vm/stack_guard.hpp"

namespace gol::lib::tmpl {

namespace {

enum class Item : uint8_t {
  Error,
  Bool,
  Char,
  CharConstant,
  Complex,
  Assign,
  Declare,
  Eof,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,  // keywords follow
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
};

struct Token {
  Item typ;
  int pos;
  std::string val;
  int line;
  // Go's item.String, as error messages show a token.
  std::string str() const {
    if (typ == Item::Eof) return "EOF";
    if (typ == Item::Error) return val;
    if (typ > Item::Keyword) return "<" + val + ">";
    if (val.size() > 10) {
      // %.10q: the first ten runes, quoted.
      size_t i = 0;
      for (int n = 0; n < 10 && i < val.size(); ++n) {
        int w = 1;
        decodeRune(val, i, &w);
        i += size_t(w);
      }
      return quoteString(val.substr(0, i), false) + "...";
    }
    return quoteString(val, false);
  }
};

Item keyword(const std::string& w) {
  static const std::map<std::string, Item> keys = {
      {".", Item::Dot},
      {"block", Item::Block},
      {"break", Item::Break},
      {"continue", Item::Continue},
      {"define", Item::Define},
      {"else", Item::Else},
      {"end", Item::End},
      {"if", Item::If},
      {"range", Item::Range},
      {"nil", Item::Nil},
      {"template", Item::Template},
      {"with", Item::With},
  };
  auto it = keys.find(w);
  return it == keys.end() ? Item::Error : it->second;
}

bool isSpace(int32_t r) {
  return r == ' ' || r == '\t' || r == '\r' || r == '\n';
}

bool isAlphaNumeric(int32_t r) {
  return r == '_' || isLetterRune(r) || isDigitRune(r);
}

// fmt's %#U.
std::string runeU(int32_t r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(r));
  std::string s = buf;
  if (r >= 0 && isPrintRune(r)) {
    s += " '";
    appendRune(s, r);
    s += "'";
  }
  return s;
}

class Lexer {
 public:
  Lexer(const std::string& input, const std::string& left, const std::string& right, bool breakOK,
        bool continueOK)
      : in_(input), left_(left), right_(right), breakOK_(breakOK), continueOK_(continueOK) {}

  std::vector<Token> run() {
    St s = St::Text;
    while (s != St::Stop) s = step(s);
    return std::move(items_);
  }

 private:
  // The states of the scanner (Go's state functions).
  enum class St : uint8_t {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    Inside,
    Space,
    Identifier,
    FieldOrDot,
    Variable,
    Char,
    Number,
    Quote,
    RawQuote,
    Stop
  };
  St step(St s) {
    switch (s) {
      case St::Text: return lexText();
      case St::LeftDelim: return lexLeftDelim();
      case St::Comment: return lexComment();
      case St::RightDelim: return lexRightDelim();
      case St::Inside: return lexInsideAction();
      case St::Space: return lexSpace();
      case St::Identifier: return lexIdentifier();
      case St::FieldOrDot: return fieldOrVariable(Item::Field);
      case St::Variable: return lexVariable();
      case St::Char: return lexChar();
      case St::Number: return lexNumber();
      case St::Quote: return lexQuote();
      case St::RawQuote: return lexRawQuote();
      case St::Stop: break;
    }
    return St::Stop;
  }

  const std::string& in_;
  std::string left_, right_;
  bool breakOK_, continueOK_;
  size_t pos_ = 0, start_ = 0;
  int parenDepth_ = 0;
  std::vector<Token> items_;
  int width_ = 0;

  // The line of byte p (items are emitted in order: count forward).
  int lineAt(size_t p) {
    if (p < linePos_) linePos_ = 0, line_ = 1;
    for (; linePos_ < p && linePos_ < in_.size(); ++linePos_)
      if (in_[linePos_] == '\n') ++line_;
    return line_;
  }
  size_t linePos_ = 0;
  int line_ = 1;
  int32_t next() {
    if (pos_ >= in_.size()) {
      width_ = 0;
      return -1;
    }
    int32_t r = decodeRune(in_, pos_, &width_);
    pos_ += size_t(width_);
    return r;
  }
  void backup() { pos_ -= size_t(width_); }
  int32_t peek() {
    int32_t r = next();
    backup();
    return r;
  }
  void emit(Item t) {
    items_.push_back({t, int(start_), in_.substr(start_, pos_ - start_), lineAt(start_)});
    start_ = pos_;
  }
  void ignore() { start_ = pos_; }
  bool accept(const char* valid) {
    int32_t r = next();
    if (r > 0 && r < 128 && std::strchr(valid, char(r))) return true;
    backup();
    return false;
  }
  void acceptRun(const char* valid) {
    for (;;) {
      int32_t r = next();
      if (!(r > 0 && r < 128 && std::strchr(valid, char(r)))) break;
    }
    backup();
  }
  St errorf(std::string msg) {
    items_.push_back({Item::Error, int(start_), std::move(msg), lineAt(start_)});
    return St::Stop;
  }
  bool startsWith(size_t p, const std::string& s) const {
    return p <= in_.size() && in_.compare(p, s.size(), s) == 0;
  }
  bool hasLeftTrimMarker(size_t p) const {
    return p + 2 <= in_.size() && in_[p] == '-' && isSpace((unsigned char)in_[p + 1]);
  }
  bool hasRightTrimMarker(size_t p) const {
    return p + 2 <= in_.size() && isSpace((unsigned char)in_[p]) && in_[p + 1] == '-';
  }
  // Whether the input at pos_ is the right delimiter, and with a trim marker.
  bool atRightDelim(bool* trim) const {
    if (hasRightTrimMarker(pos_) && startsWith(pos_ + 2, right_)) {
      *trim = true;
      return true;
    }
    *trim = false;
    return startsWith(pos_, right_);
  }
  bool atTerminator() {
    int32_t r = peek();
    if (isSpace(r)) return true;
    switch (r) {
      case -1:
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(': return true;
    }
    return startsWith(pos_, right_);
  }

  St lexText() {
    size_t x = in_.find(left_, pos_);
    if (x != std::string::npos) {
      size_t trimmed = x;
      if (hasLeftTrimMarker(x + left_.size()))
        while (trimmed > start_ && isSpace((unsigned char)in_[trimmed - 1])) --trimmed;
      pos_ = trimmed;
      if (pos_ > start_) emit(Item::Text);
      pos_ = x;
      ignore();
      return St::LeftDelim;
    }
    pos_ = in_.size();
    if (pos_ > start_) emit(Item::Text);
    emit(Item::Eof);
    return St::Stop;
  }
  void skipLeadingSpace() {
    while (pos_ < in_.size() && isSpace((unsigned char)in_[pos_])) ++pos_;
  }
  St lexLeftDelim() {
    pos_ += left_.size();
    bool trim = hasLeftTrimMarker(pos_);
    size_t after = trim ? 2 : 0;
    if (startsWith(pos_ + after, "/*")) {
      pos_ += after;
      ignore();
      return St::Comment;
    }
    emit(Item::LeftDelim);
    pos_ += after;
    ignore();
    parenDepth_ = 0;
    return St::Inside;
  }
  St lexComment() {
    pos_ += 2;
    size_t i = in_.find("*/", pos_);
    if (i == std::string::npos) return errorf("unclosed comment");
    pos_ = i + 2;
    bool trim;
    if (!atRightDelim(&trim)) return errorf("comment ends before closing delimiter");
    if (trim) pos_ += 2;
    pos_ += right_.size();
    if (trim) skipLeadingSpace();
    ignore();
    return St::Text;
  }
  St lexRightDelim() {
    bool trim = hasRightTrimMarker(pos_);
    if (trim) {
      pos_ += 2;
      ignore();
    }
    pos_ += right_.size();
    emit(Item::RightDelim);
    if (trim) {
      skipLeadingSpace();
      ignore();
    }
    return St::Text;
  }
  St lexInsideAction() {
    bool trim;
    if (atRightDelim(&trim)) {
      if (parenDepth_ == 0) return St::RightDelim;
      return errorf("unclosed left paren");
    }
    int32_t r = next();
    if (r == -1) return errorf("unclosed action");
    if (isSpace(r)) {
      backup();
      return St::Space;
    }
    switch (r) {
      case '=': emit(Item::Assign); return St::Inside;
      case ':':
        if (next() != '=') return errorf("expected :=");
        emit(Item::Declare);
        return St::Inside;
      case '|': emit(Item::Pipe); return St::Inside;
      case '"': return St::Quote;
      case '`': return St::RawQuote;
      case '$': return St::Variable;
      case '\'': return St::Char;
      case '(':
        emit(Item::LeftParen);
        ++parenDepth_;
        return St::Inside;
      case ')':
        emit(Item::RightParen);
        if (--parenDepth_ < 0) return errorf("unexpected right paren " + runeU(r));
        return St::Inside;
    }
    if (r == '.') {
      if (pos_ < in_.size() && (in_[pos_] < '0' || in_[pos_] > '9')) return St::FieldOrDot;
    }
    if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
      backup();
      return St::Number;
    }
    if (isAlphaNumeric(r)) {
      backup();
      return St::Identifier;
    }
    if (r < 128 && isPrintRune(r)) {
      emit(Item::Char);
      return St::Inside;
    }
    return errorf("unrecognized character in action: " + runeU(r));
  }
  St lexSpace() {
    int n = 0;
    while (isSpace(peek())) {
      next();
      ++n;
    }
    if (hasRightTrimMarker(pos_ - 1) && startsWith(pos_ - 1 + 2, right_)) {
      --pos_;
      if (n == 1) return St::RightDelim;
    }
    emit(Item::Space);
    return St::Inside;
  }
  St lexIdentifier() {
    for (;;) {
      int32_t r = next();
      if (isAlphaNumeric(r)) continue;
      backup();
      std::string word = in_.substr(start_, pos_ - start_);
      if (!atTerminator()) return errorf("bad character " + runeU(r));
      Item k = keyword(word);
      if (k > Item::Keyword) {
        if ((k == Item::Break && !breakOK_) || (k == Item::Continue && !continueOK_))
          emit(Item::Identifier);
        else
          emit(k);
      } else if (word[0] == '.') {
        emit(Item::Field);
      } else if (word == "true" || word == "false") {
        emit(Item::Bool);
      } else {
        emit(Item::Identifier);
      }
      return St::Inside;
    }
  }
  St lexVariable() {
    if (atTerminator()) {
      emit(Item::Variable);
      return St::Inside;
    }
    return fieldOrVariable(Item::Variable);
  }
  St fieldOrVariable(Item typ) {
    if (atTerminator()) {
      emit(typ == Item::Variable ? Item::Variable : Item::Dot);
      return St::Inside;
    }
    int32_t r;
    for (;;) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    if (!atTerminator()) return errorf("bad character " + runeU(r));
    emit(typ);
    return St::Inside;
  }
  St lexChar() {
    for (;;) {
      int32_t r = next();
      if (r == '\\') {
        r = next();
        if (r != -1 && r != '\n') continue;
      }
      if (r == -1 || r == '\n') return errorf("unterminated character constant");
      if (r == '\'') break;
    }
    emit(Item::CharConstant);
    return St::Inside;
  }
  bool scanNumber() {
    accept("+-");
    const char* digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX"))
        digits = "0123456789abcdefABCDEF_";
      else if (accept("oO"))
        digits = "01234567_";
      else if (accept("bB"))
        digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    size_t nd = std::strlen(digits);
    if (nd == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (nd == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  }
  St lexNumber() {
    if (!scanNumber())
      return errorf("bad number syntax: " + quoteString(in_.substr(start_, pos_ - start_), false));
    int32_t sign = peek();
    if (sign == '+' || sign == '-') {
      if (!scanNumber() || in_[pos_ - 1] != 'i')
        return errorf("bad number syntax: " +
                      quoteString(in_.substr(start_, pos_ - start_), false));
      emit(Item::Complex);
    } else {
      emit(Item::Number);
    }
    return St::Inside;
  }
  St lexQuote() {
    for (;;) {
      int32_t r = next();
      if (r == '\\') {
        r = next();
        if (r != -1 && r != '\n') continue;
      }
      if (r == -1 || r == '\n') return errorf("unterminated quoted string");
      if (r == '"') break;
    }
    emit(Item::String);
    return St::Inside;
  }
  St lexRawQuote() {
    for (;;) {
      int32_t r = next();
      if (r == -1) return errorf("unterminated raw quoted string");
      if (r == '`') break;
    }
    emit(Item::RawString);
    return St::Inside;
  }
};

struct ParseError {
  std::string msg;
};

// Go's strconv.ParseUint/ParseInt with base 0 over a number literal:
// prefixes 0x 0o 0b and a leading 0 for octal, underscores between digits.
bool parseInteger(std::string text, bool wantSigned, int64_t* i, uint64_t* u) {
  bool neg = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    if (!wantSigned) return false;
    neg = text[0] == '-';
    text.erase(0, 1);
  }
  int base = 10;
  std::string digits = text;
  bool prefixed = false;
  if (text.size() > 1 && text[0] == '0') {
    char c = char(text[1] | 0x20);
    if (c == 'x')
      base = 16, digits = text.substr(2), prefixed = true;
    else if (c == 'o')
      base = 8, digits = text.substr(2), prefixed = true;
    else if (c == 'b')
      base = 2, digits = text.substr(2), prefixed = true;
    else
      base = 8, digits = text.substr(1);
  }
  std::string clean;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (digits[k] == '_') {
      // Underscores only between digits (or after a base prefix).
      bool before = k > 0 ? digits[k - 1] != '_' : prefixed;
      if (!before || k + 1 == digits.size()) return false;
      continue;
    }
    clean += digits[k];
  }
  if (clean.empty()) return base == 8 && !prefixed ? (*i = 0, *u = 0, true) : false;
  uint64_t v = 0;
  for (char c : clean) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      d = (c | 0x20) - 'a' + 10;
    else
      return false;
    if (d >= base) return false;
    if (v > (UINT64_MAX - uint64_t(d)) / uint64_t(base)) return false;
    v = v * uint64_t(base) + uint64_t(d);
  }
  if (!wantSigned) {
    *u = v;
    return true;
  }
  if (neg) {
    if (v > uint64_t(INT64_MAX) + 1) return false;
    *i = int64_t(0 - v);
  } else {
    if (v > uint64_t(INT64_MAX)) return false;
    *i = int64_t(v);
  }
  return true;
}

bool parseFloatText(const std::string& text, double* f) {
  std::string clean;
  for (char c : text)
    if (c != '_') clean += c;
  if (clean.empty()) return false;
  errno = 0;
  char* end = nullptr;
  *f = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size()) return false;
  return !(errno == ERANGE && std::isinf(*f));
}

class Parser {
 public:
  Parser(std::vector<Token> toks, const ParseOptions& opts,
         std::map<std::string, std::shared_ptr<const Tree>>& set,
         std::shared_ptr<const std::string> text, std::string parseName)
      : toks_(std::move(toks)),
        opts_(opts),
        set_(set),
        text_(std::move(text)),
        parseName_(std::move(parseName)) {}

  void parseTop(const std::string& name) {
    auto tree = newTree(name);
    tree_ = tree.get();
    vars_ = {"$"};
    tree->root = newList(peek().pos);
    while (peek().typ != Item::Eof) {
      if (peek().typ == Item::LeftDelim) {
        size_t mark = idx_;
        next();
        if (nextNonSpace().typ == Item::Define) {
          parseDefinition();
          tree_ = tree.get();
          continue;
        }
        idx_ = mark;
      }
      auto n = textOrAction();
      if (n->type == NodeType::End || n->type == NodeType::Else) errorf("unexpected " + n->str());
      tree->root->nodes.push_back(std::move(n));
    }
    add(std::move(tree));
  }

 private:
  std::vector<Token> toks_;
  size_t idx_ = 0, fetched_ = 0;
  const ParseOptions& opts_;
  std::map<std::string, std::shared_ptr<const Tree>>& set_;
  std::shared_ptr<const std::string> text_;
  std::string parseName_;
  Tree* tree_ = nullptr;
  std::vector<std::string> vars_;
  int rangeDepth_ = 0;
  int actionLine_ = 0;
  int nesting_ = 0;

  // Nested pipelines and control structures recurse in C++: past a depth
  // no template needs (or when the thread's stack runs low) the text is
  // rejected rather than overflowing the stack.
  static constexpr int kMaxNesting = 10000;
  struct Nest {
    explicit Nest(Parser& p) : p(p) {
      if (++p.nesting_ > kMaxNesting || vm::nativeStackExhausted())
        p.errorf("exceeded maximum nesting depth (" + std::to_string(kMaxNesting) + ")");
    }
    ~Nest() { --p.nesting_; }
    Parser& p;
  };

  std::unique_ptr<Tree> newTree(const std::string& name) {
    auto t = std::make_unique<Tree>();
    t->name = name;
    t->parseName = parseName_;
    t->text = text_;
    return t;
  }
  std::unique_ptr<Node> node(NodeType type, int pos, int line = 0) {
    auto n = std::make_unique<Node>(type);
    n->pos = pos;
    n->line = line;
    n->tree = tree_;
    return n;
  }
  std::unique_ptr<Node> newList(int pos) { return node(NodeType::List, pos); }

  const Token& next() {
    size_t k = idx_ < toks_.size() ? idx_ : toks_.size() - 1;
    if (idx_ < toks_.size()) ++idx_;
    if (idx_ > fetched_) fetched_ = idx_;
    return toks_[k];
  }
  void backup() { --idx_; }
  const Token& peek() {
    const Token& t = next();
    backup();
    return t;
  }
  const Token& nextNonSpace() {
    for (;;) {
      const Token& t = next();
      if (t.typ != Item::Space) return t;
    }
  }
  const Token& peekNonSpace() {
    const Token& t = nextNonSpace();
    backup();
    return t;
  }

  [[noreturn]] void errorf(const std::string& msg) {
    size_t k = fetched_ == 0 ? 0 : std::min(fetched_, toks_.size()) - 1;
    int line = toks_.empty() ? 1 : toks_[k].line;
    throw ParseError{"template: " + parseName_ + ":" + std::to_string(line) + ": " + msg};
  }
  [[noreturn]] void unexpected(const Token& tok, const std::string& context) {
    if (tok.typ == Item::Error) {
      std::string extra;
      if (actionLine_ != 0 && actionLine_ != tok.line) {
        extra = " in action started at " + parseName_ + ":" + std::to_string(actionLine_);
        if (tok.val.size() >= 7 && tok.val.compare(tok.val.size() - 7, 7, " action") == 0)
          extra = extra.substr(10);
      }
      errorf(tok.val + extra);
    }
    errorf("unexpected " + tok.str() + " in " + context);
  }
  const Token& expect(Item want, const std::string& context) {
    const Token& t = nextNonSpace();
    if (t.typ != want) unexpected(t, context);
    return t;
  }

  void add(std::unique_ptr<Tree> tree) {
    std::string name = tree->name;
    auto it = set_.find(name);
    if (it == set_.end() || isEmptyTree(it->second->root.get())) {
      set_[name] = std::shared_ptr<const Tree>(std::move(tree));
      return;
    }
    if (!isEmptyTree(tree->root.get()))
      errorf("template: multiple definition of template " + quoteString(tree->name, false));
  }

  void parseDefinition() {
    const std::string context = "define clause";
    const Token& nameTok = nextNonSpace();
    if (nameTok.typ != Item::String && nameTok.typ != Item::RawString) unexpected(nameTok, context);
    std::string name;
    if (!unquote(nameTok.val, name)) errorf("invalid syntax");
    auto tree = newTree(name);
    tree_ = tree.get();
    std::vector<std::string> saved = vars_;
    vars_ = {"$"};
    expect(Item::RightDelim, context);
    std::unique_ptr<Node> end;
    tree->root = itemList(&end);
    if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
    vars_ = saved;
    add(std::move(tree));
  }

  std::unique_ptr<Node> itemList(std::unique_ptr<Node>* end) {
    auto list = newList(peekNonSpace().pos);
    while (peekNonSpace().typ != Item::Eof) {
      auto n = textOrAction();
      if (n->type == NodeType::End || n->type == NodeType::Else) {
        *end = std::move(n);
        return list;
      }
      list->nodes.push_back(std::move(n));
    }
    errorf("unexpected EOF");
  }

  std::unique_ptr<Node> textOrAction() {
    const Token& tok = nextNonSpace();
    switch (tok.typ) {
      case Item::Text: {
        auto n = node(NodeType::Text, tok.pos);
        n->text = tok.val;
        return n;
      }
      case Item::LeftDelim: {
        actionLine_ = tok.line;
        auto n = action();
        actionLine_ = 0;
        return n;
      }
      default: unexpected(tok, "input");
    }
  }

  std::unique_ptr<Node> action() {
    const Token& tok = nextNonSpace();
    switch (tok.typ) {
      case Item::Block: return blockControl();
      case Item::Break:
      case Item::Continue: {
        bool isBreak = tok.typ == Item::Break;
        int pos = tok.pos, line = tok.line;
        const Token& t2 = nextNonSpace();
        std::string word = isBreak ? "{{break}}" : "{{continue}}";
        if (t2.typ != Item::RightDelim) unexpected(t2, word);
        if (rangeDepth_ == 0) errorf(word + " outside {{range}}");
        return node(isBreak ? NodeType::Break : NodeType::Continue, pos, line);
      }
      case Item::Else: return elseControl();
      case Item::End: {
        const Token& t2 = expect(Item::RightDelim, "end");
        return node(NodeType::End, t2.pos);
      }
      case Item::If: return branch(NodeType::If, "if", true);
      case Item::Range: return branch(NodeType::Range, "range", false);
      case Item::With: return branch(NodeType::With, "with", true);
      case Item::Template: return templateControl();
      default: break;
    }
    backup();
    const Token& t = peek();
    auto n = node(NodeType::Action, t.pos, t.line);
    n->pipe = pipeline("command", Item::RightDelim);
    return n;
  }

  std::unique_ptr<Node> elseControl() {
    const Token& p = peekNonSpace();
    if (p.typ == Item::If || p.typ == Item::With) {
      auto n = node(NodeType::Else, p.pos, p.line);
      return n;
    }
    const Token& t = expect(Item::RightDelim, "else");
    return node(NodeType::Else, t.pos, t.line);
  }

  // if, range and with: the pipeline, the list, the else list (with
  // `else if` and `else with` chains, Go 1.23).
  std::unique_ptr<Node> branch(NodeType type, const std::string& context, bool allowElseChain) {
    Nest nest(*this);
    size_t nvars = vars_.size();
    auto pipe = pipeline(context, Item::RightDelim);
    if (type == NodeType::Range) ++rangeDepth_;
    std::unique_ptr<Node> next;
    auto list = itemList(&next);
    if (type == NodeType::Range) --rangeDepth_;
    std::unique_ptr<Node> elseList;
    if (next->type == NodeType::Else) {
      Item chained = type == NodeType::If ? Item::If : Item::With;
      if (allowElseChain && peek().typ == chained) {
        this->next();
        elseList = newList(next->pos);
        elseList->nodes.push_back(
            branch(type, type == NodeType::If ? "if" : "with", allowElseChain));
      } else {
        std::unique_ptr<Node> end;
        elseList = itemList(&end);
        if (end->type != NodeType::End) errorf("expected end; found " + end->str());
      }
    }
    vars_.resize(nvars);
    auto n = node(type, pipe->pos, pipe->line);
    n->pipe = std::move(pipe);
    n->list = std::move(list);
    n->elseList = std::move(elseList);
    return n;
  }

  std::string templateName(const Token& tok, const std::string& context) {
    if (tok.typ != Item::String && tok.typ != Item::RawString) unexpected(tok, context);
    std::string s;
    if (!unquote(tok.val, s)) errorf("invalid syntax");
    return s;
  }

  std::unique_ptr<Node> blockControl() {
    const std::string context = "block clause";
    const Token& tok = nextNonSpace();
    int pos = tok.pos, line = tok.line;
    std::string name = templateName(tok, context);
    auto pipe = pipeline(context, Item::RightDelim);
    Tree* outer = tree_;
    auto block = newTree(name);
    tree_ = block.get();
    std::vector<std::string> saved = vars_;
    vars_ = {"$"};
    std::unique_ptr<Node> end;
    block->root = itemList(&end);
    if (end->type != NodeType::End) errorf("unexpected " + end->str() + " in " + context);
    vars_ = saved;
    add(std::move(block));
    tree_ = outer;
    auto n = node(NodeType::Template, pos, line);
    n->text = name;
    n->pipe = std::move(pipe);
    return n;
  }

  std::unique_ptr<Node> templateControl() {
    const std::string context = "template clause";
    const Token& tok = nextNonSpace();
    int pos = tok.pos, line = tok.line;
    std::string name = templateName(tok, context);
    std::unique_ptr<Node> pipe;
    if (nextNonSpace().typ != Item::RightDelim) {
      backup();
      pipe = pipeline(context, Item::RightDelim);
    }
    auto n = node(NodeType::Template, pos, line);
    n->text = name;
    n->pipe = std::move(pipe);
    return n;
  }

  std::unique_ptr<Node> variable(int pos, const std::string& name) {
    auto n = node(NodeType::Variable, pos);
    size_t i = 0;
    for (;;) {
      size_t j = name.find('.', i);
      n->ident.push_back(name.substr(i, j == std::string::npos ? std::string::npos : j - i));
      if (j == std::string::npos) break;
      i = j + 1;
    }
    return n;
  }

  std::unique_ptr<Node> pipeline(const std::string& context, Item end) {
    Nest nest(*this);
    const Token& first = peekNonSpace();
    auto pipe = node(NodeType::Pipe, first.pos, first.line);
    for (;;) {
      const Token& v = peekNonSpace();
      if (v.typ != Item::Variable) break;
      size_t varIdx = idx_;
      next();
      const Token& after = peek();
      size_t afterIdx = idx_;
      const Token& nx = peekNonSpace();
      if (nx.typ == Item::Assign || nx.typ == Item::Declare) {
        pipe->isAssign = nx.typ == Item::Assign;
        nextNonSpace();
        pipe->decl.push_back(variable(toks_[varIdx].pos, toks_[varIdx].val));
        vars_.push_back(toks_[varIdx].val);
        break;
      }
      if (nx.typ == Item::Char && nx.val == ",") {
        nextNonSpace();
        pipe->decl.push_back(variable(toks_[varIdx].pos, toks_[varIdx].val));
        vars_.push_back(toks_[varIdx].val);
        if (context == "range" && pipe->decl.size() < 2) {
          Item t = peekNonSpace().typ;
          if (t == Item::Variable || t == Item::RightDelim || t == Item::RightParen) continue;
          errorf("range can only initialize variables");
        }
        errorf("too many declarations in " + context);
      }
      (void)after;
      (void)afterIdx;
      idx_ = varIdx;
      break;
    }
    for (;;) {
      const Token& tok = nextNonSpace();
      if (tok.typ == end) {
        if (pipe->nodes.empty()) errorf("missing value for " + context);
        for (size_t i = 1; i < pipe->nodes.size(); ++i) {
          NodeType t = pipe->nodes[i]->nodes[0]->type;
          if (t == NodeType::Bool || t == NodeType::Dot || t == NodeType::Nil ||
              t == NodeType::Number || t == NodeType::String)
            errorf("non executable command in pipeline stage " + std::to_string(i + 1));
        }
        return pipe;
      }
      switch (tok.typ) {
        case Item::Bool:
        case Item::CharConstant:
        case Item::Complex:
        case Item::Dot:
        case Item::Field:
        case Item::Identifier:
        case Item::Number:
        case Item::Nil:
        case Item::RawString:
        case Item::String:
        case Item::Variable:
        case Item::LeftParen:
          backup();
          pipe->nodes.push_back(command());
          break;
        default: unexpected(tok, context);
      }
    }
  }

  std::unique_ptr<Node> command() {
    auto cmd = node(NodeType::Command, peekNonSpace().pos);
    for (;;) {
      peekNonSpace();
      auto op = operand();
      if (op) cmd->nodes.push_back(std::move(op));
      const Token& tok = next();
      if (tok.typ == Item::Space) continue;
      if (tok.typ == Item::RightDelim || tok.typ == Item::RightParen) {
        backup();
      } else if (tok.typ != Item::Pipe) {
        unexpected(tok, "operand");
      }
      break;
    }
    if (cmd->nodes.empty()) errorf("empty command");
    return cmd;
  }

  std::unique_ptr<Node> operand() {
    auto n = term();
    if (!n) return n;
    if (peek().typ == Item::Field) {
      int pos = peek().pos;
      std::vector<std::string> fields;
      while (peek().typ == Item::Field) fields.push_back(next().val.substr(1));
      switch (n->type) {
        case NodeType::Field:
        case NodeType::Variable:
          for (auto& f : fields) n->ident.push_back(f);
          if (n->type == NodeType::Field) n->pos = pos;
          return n;
        case NodeType::Bool:
        case NodeType::String:
        case NodeType::Number:
        case NodeType::Nil:
        case NodeType::Dot: errorf("unexpected . after term " + quoteString(n->str(), false));
        default: {
          auto chain = node(NodeType::Chain, pos);
          chain->ident = std::move(fields);
          chain->pipe = std::move(n);
          return chain;
        }
      }
    }
    return n;
  }

  std::unique_ptr<Node> term() {
    const Token& tok = nextNonSpace();
    switch (tok.typ) {
      case Item::Identifier: {
        if (!opts_.skipFuncCheck && !opts_.hasFunction(tok.val))
          errorf("function " + quoteString(tok.val, false) + " not defined");
        auto n = node(NodeType::Identifier, tok.pos);
        n->text = tok.val;
        return n;
      }
      case Item::Dot: return node(NodeType::Dot, tok.pos);
      case Item::Nil: return node(NodeType::Nil, tok.pos);
      case Item::Variable: {
        auto v = variable(tok.pos, tok.val);
        for (const auto& name : vars_)
          if (name == v->ident[0]) return v;
        errorf("undefined variable " + quoteString(v->ident[0], false));
      }
      case Item::Field: {
        auto n = node(NodeType::Field, tok.pos);
        const std::string& s = tok.val;
        size_t i = 1;
        for (;;) {
          size_t j = s.find('.', i);
          n->ident.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
          if (j == std::string::npos) break;
          i = j + 1;
        }
        return n;
      }
      case Item::Bool: {
        auto n = node(NodeType::Bool, tok.pos);
        n->boolVal = tok.val == "true";
        return n;
      }
      case Item::CharConstant:
      case Item::Complex:
      case Item::Number: return number(tok);
      case Item::LeftParen: return pipeline("parenthesized pipeline", Item::RightParen);
      case Item::String:
      case Item::RawString: {
        auto n = node(NodeType::String, tok.pos);
        n->quoted = tok.val;
        if (!unquote(tok.val, n->text)) errorf("invalid syntax");
        return n;
      }
      default: break;
    }
    backup();
    return nullptr;
  }

  std::unique_ptr<Node> number(const Token& tok) {
    auto n = node(NodeType::Number, tok.pos);
    const std::string& text = tok.val;
    n->text = text;
    if (tok.typ == Item::CharConstant) {
      std::string s;
      int w = 0;
      if (!unquote(text, s) || s.empty()) errorf("malformed character constant: " + text);
      int32_t r = decodeRune(s, 0, &w);
      n->i64 = r;
      n->isInt = true;
      n->u64 = uint64_t(r);
      n->isUint = true;
      n->f64 = r;
      n->isFloat = true;
      return n;
    }
    if (tok.typ == Item::Complex) {
      // real+imag i: both parts must be numbers.
      size_t split = text.find_last_of("+-");
      double re = 0, im = 0;
      if (split == 0 || split == std::string::npos || !parseFloatText(text.substr(0, split), &re) ||
          !parseFloatText(text.substr(split, text.size() - split - 1), &im))
        errorf("illegal number syntax: " + quoteString(text, false));
      n->isComplex = true;
      n->f64 = re;
      n->imag = im;
      return n;
    }
    if (!text.empty() && text.back() == 'i') {
      double im;
      if (!parseFloatText(text.substr(0, text.size() - 1), &im))
        errorf("illegal number syntax: " + quoteString(text, false));
      n->isComplex = true;
      n->imag = im;
      return n;
    }
    uint64_t u = 0;
    int64_t i = 0;
    if (parseInteger(text, false, &i, &u)) {
      n->isUint = true;
      n->u64 = u;
    }
    if (parseInteger(text, true, &i, &u)) {
      n->isInt = true;
      n->i64 = i;
      if (i == 0) {
        n->isUint = true;
        n->u64 = 0;
      }
    }
    if (n->isInt) {
      n->isFloat = true;
      n->f64 = double(n->i64);
    } else if (n->isUint) {
      n->isFloat = true;
      n->f64 = double(n->u64);
    } else {
      double f;
      bool hex = text.size() > 1 && (text[1] == 'x' || text[1] == 'X' ||
                                     (text.size() > 2 && (text[2] == 'x' || text[2] == 'X')));
      bool ok = parseFloatText(text, &f);
      if (ok && hex && text.find_first_of("pP") == std::string::npos) ok = false;
      if (ok) {
        if (text.find_first_of(".eEpP") == std::string::npos)
          errorf("integer overflow: " + quoteString(text, false));
        n->isFloat = true;
        n->f64 = f;
        if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 && double(int64_t(f)) == f) {
          n->isInt = true;
          n->i64 = int64_t(f);
        }
        if (f >= 0 && f < 18446744073709551616.0 && double(uint64_t(f)) == f) {
          n->isUint = true;
          n->u64 = uint64_t(f);
        }
      }
    }
    if (!n->isInt && !n->isUint && !n->isFloat)
      errorf("illegal number syntax: " + quoteString(text, false));
    return n;
  }
};

void writeNode(const Node& n, std::string& out);

void writeList(const Node* n, std::string& out) {
  if (n)
    for (const auto& c : n->nodes) writeNode(*c, out);
}

void writeNode(const Node& n, std::string& out) {
  switch (n.type) {
    case NodeType::Text: out += n.text; break;
    case NodeType::Comment: out += "{{" + n.text + "}}"; break;
    case NodeType::Action:
      out += "{{";
      writeNode(*n.pipe, out);
      out += "}}";
      break;
    case NodeType::If:
    case NodeType::Range:
    case NodeType::With:
      out += n.type == NodeType::If ? "{{if " : n.type == NodeType::Range ? "{{range " : "{{with ";
      writeNode(*n.pipe, out);
      out += "}}";
      writeList(n.list.get(), out);
      if (n.elseList) {
        out += "{{else}}";
        writeList(n.elseList.get(), out);
      }
      out += "{{end}}";
      break;
    case NodeType::Template:
      out += "{{template " + quoteString(n.text, false);
      if (n.pipe) {
        out += ' ';
        writeNode(*n.pipe, out);
      }
      out += "}}";
      break;
    case NodeType::Break: out += "{{break}}"; break;
    case NodeType::Continue: out += "{{continue}}"; break;
    case NodeType::List: writeList(&n, out); break;
    case NodeType::Pipe:
      for (size_t i = 0; i < n.decl.size(); ++i) {
        if (i) out += ", ";
        writeNode(*n.decl[i], out);
      }
      if (!n.decl.empty()) out += " := ";
      for (size_t i = 0; i < n.nodes.size(); ++i) {
        if (i) out += " | ";
        writeNode(*n.nodes[i], out);
      }
      break;
    case NodeType::Command:
      for (size_t i = 0; i < n.nodes.size(); ++i) {
        if (i) out += ' ';
        if (n.nodes[i]->type == NodeType::Pipe) {
          out += '(';
          writeNode(*n.nodes[i], out);
          out += ')';
        } else {
          writeNode(*n.nodes[i], out);
        }
      }
      break;
    case NodeType::Field:
      for (const auto& id : n.ident) out += "." + id;
      break;
    case NodeType::Variable:
      for (size_t i = 0; i < n.ident.size(); ++i) {
        if (i) out += '.';
        out += n.ident[i];
      }
      break;
    case NodeType::Dot: out += '.'; break;
    case NodeType::Nil: out += "nil"; break;
    case NodeType::Bool: out += n.boolVal ? "true" : "false"; break;
    case NodeType::Number: out += n.text; break;
    case NodeType::String: out += n.quoted; break;
    case NodeType::Identifier: out += n.text; break;
    case NodeType::Chain:
      if (n.pipe->type == NodeType::Pipe) {
        out += '(';
        writeNode(*n.pipe, out);
        out += ')';
      } else {
        writeNode(*n.pipe, out);
      }
      for (const auto& f : n.ident) out += "." + f;
      break;
    case NodeType::Else: out += "{{else}}"; break;
    case NodeType::End: out += "{{end}}"; break;
  }
}

}  // namespace

std::string Node::str() const {
  std::string out;
  writeNode(*this, out);
  return out;
}

std::string Tree::location(const Node& n) const {
  const std::string& t = *text;
  size_t pos = std::min(size_t(n.pos), t.size());
  size_t nl = t.rfind('\n', pos == 0 ? std::string::npos : pos - 1);
  int line = 1;
  for (size_t i = 0; i < pos; ++i)
    if (t[i] == '\n') ++line;
  size_t col = nl == std::string::npos || pos == 0 ? pos : pos - (nl + 1);
  return parseName + ":" + std::to_string(line) + ":" + std::to_string(col);
}

bool isEmptyTree(const Node* n) {
  if (!n) return true;
  switch (n->type) {
    case NodeType::Comment: return true;
    case NodeType::List:
      for (const auto& c : n->nodes)
        if (!isEmptyTree(c.get())) return false;
      return true;
    case NodeType::Text:
      for (char c : n->text)
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'))
          return false;
      return true;
    default: return false;
  }
}

std::string parse(const std::string& name, const std::string& text, const ParseOptions& opts,
                  std::map<std::string, std::shared_ptr<const Tree>>& set) {
  bool breakOK = !opts.hasFunction || !opts.hasFunction("break");
  bool continueOK = !opts.hasFunction || !opts.hasFunction("continue");
  std::string left = opts.leftDelim.empty() ? "{{" : opts.leftDelim;
  std::string right = opts.rightDelim.empty() ? "}}" : opts.rightDelim;
  auto shared = std::make_shared<const std::string>(text);
  Lexer lex(*shared, left, right, breakOK, continueOK);
  std::vector<Token> toks = lex.run();
  // One Parse call has a tree set of its own (a name defined twice in it is
  // an error); its trees then join the template's set, where a later
  // definition replaces an earlier one unless it is empty (Go's associate).
  std::map<std::string, std::shared_ptr<const Tree>> fresh;
  Parser p(std::move(toks), opts, fresh, shared, name);
  try {
    p.parseTop(name);
  } catch (ParseError& e) {
    return e.msg;
  }
  for (auto& [tname, tree] : fresh) {
    auto it = set.find(tname);
    if (it != set.end() && it->second && isEmptyTree(tree->root.get())) continue;
    set[tname] = tree;
  }
  return "";
}
}  // namespace gol::lib::tmpl
