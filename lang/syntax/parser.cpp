// The gol grammar (PEGTL) and the actions that build the AST.
//
// One translation unit on purpose: PEGTL's compile time grows with
// rules x inputs x actions, so there is exactly one input type
// (memory_input), one control and one action template.
//
// Design:
// - Tokens skip their trailing white space themselves. Tokens that may end a
//   statement (identifiers, literals, ) ] }, ++ --, return/break/continue/
//   fallthrough) skip only blanks and same-line comments; every other token
//   also skips newlines. A statement ends at ';', a newline, '}' or EOF, which
//   is exactly Go's automatic semicolon insertion.
// - Actions push nodes on one value stack; a "mark" item delimits lists. The
//   control restores the stack size when any rule fails, so backtracking
//   never leaves stray nodes behind.
// - Syntax errors are thrown as SyntaxError with Go's (gc 1.19) texts and
//   caught in parseFile. Lexical errors (bad characters, unterminated
//   strings...) are recorded and the parse goes on, as Go's scanner does.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <vector>

#include "lang/syntax/literals.hpp"
#include "lang/syntax/syntax.hpp"

namespace gol {
namespace {

namespace pg = tao::pegtl;

constexpr int kMaxNesting = 100000;

struct SyntaxError {
  Pos pos;
  size_t offset;
  std::string msg;
};

enum Tag : uint8_t {
  T_NODE,
  T_MARK,
  T_NULL,
  T_OP,
  T_DEFINE,
  T_ASSIGN,
  T_SEMI,
  T_NLSEMI,
  T_COLON,
  T_DOTS,
  T_DEFAULT,
  T_PARAMS,
  T_BLOCK,
  T_POS,
  T_SEND,
  T_ALIAS,
  T_CLAUSE,
  T_RANGE,
  T_DECL,
  T_TPARAMS,
};

struct Item {
  Node* n = nullptr;
  Tag tag = T_NODE;
  Op op = Op::None;
  Pos pos;
};

struct State {
  File* file = nullptr;
  const char* begin = nullptr;
  std::vector<Item> stk;
  bool noLit = false;
  int depth = 0;
  bool sawNonImport = false;
  // offset -> (position, message); a map so that re-scanning a token while
  // backtracking records its error once.
  std::map<size_t, std::pair<Pos, std::string>> lexErrs;
  std::map<size_t, EmbedDirective> embedDirectives;  // by offset

  template <class T>
  T* make(Pos p) {
    T* n = file->arena.make<T>();
    n->pos = p;
    return n;
  }
  void push(Node* n, Tag t = T_NODE, Pos p = {}) { stk.push_back(Item{n, t, Op::None, p}); }
  Item pop() {
    Item it = stk.back();
    stk.pop_back();
    return it;
  }
  Expr* popExpr() { return static_cast<Expr*>(pop().n); }
  // Items above the most recent mark, removing them and the mark.
  std::vector<Item> popToMark() {
    size_t i = stk.size();
    while (i > 0 && stk[i - 1].tag != T_MARK) --i;
    std::vector<Item> out(stk.begin() + i, stk.end());
    stk.resize(i > 0 ? i - 1 : 0);
    return out;
  }
  void lexError(const char* at, Pos p, std::string msg) {
    lexErrs.emplace(static_cast<size_t>(at - begin), std::make_pair(p, std::move(msg)));
  }
};

template <class It>
Pos posOf(const It& it) {
  return Pos{static_cast<uint32_t>(it.line), static_cast<uint32_t>(it.column)};
}

// ------------------------------------------------------------------ lexing

bool isLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}

const char* const kKeywords[] = {"break",     "case",   "chan",    "const",       "continue",
                                 "default",   "defer",  "else",    "fallthrough", "for",
                                 "func",      "go",     "goto",    "if",          "import",
                                 "interface", "map",    "package", "range",       "return",
                                 "select",    "struct", "switch",  "type",        "var"};

bool isKeyword(std::string_view s) {
  for (const char* k : kKeywords)
    if (s == k) return true;
  return false;
}

size_t identLen(const char* p, const char* e) {
  const char* q = p;
  if (q < e && isLetter(*q)) {
    ++q;
    while (q < e && (isLetter(*q) || isDigit(*q))) ++q;
  }
  return q - p;
}

// Length of the number literal at p (0 if none), Go's syntax.
size_t numberLen(const char* p, const char* e) {
  LitError err;
  return scanNumberLit(std::string_view(p, size_t(e - p)), err);
}

// Length of the string/rune literal at p, for messages only.
size_t quotedLen(const char* p, const char* e) {
  char quote = *p;
  const char* q = p + 1;
  while (q < e && *q != quote && (quote == '`' || *q != '\n')) {
    if (*q == '\\' && quote != '`' && q + 1 < e) ++q;
    ++q;
  }
  if (q < e && *q == quote) ++q;
  return q - p;
}

// Go's description of the token at p ("newline", "EOF", "literal 4", "x"...).
std::string describeTok(const char* p, const char* e) {
  if (p >= e) return "EOF";
  char c = *p;
  if (c == '\n' || c == '\r') return "newline";
  if (c == '/' && p + 1 < e && (p[1] == '/' || p[1] == '*')) return "newline";
  if (c == ';') return "semicolon";
  if (c == ',') return "comma";
  if (isLetter(c)) return std::string(p, identLen(p, e));
  if (size_t n = numberLen(p, e)) return "literal " + std::string(p, n);
  if (c == '"' || c == '\'' || c == '`') return "literal " + std::string(p, quotedLen(p, e));
  static const char* const ops[] = {"<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--",
                                    "==",  "!=",  "<=",  ">=",  ":=", "+=", "-=", "*=", "/=",
                                    "%=",  "&=",  "|=",  "^=",  "<<", ">>", "&^"};
  for (const char* op : ops) {
    size_t n = std::strlen(op);
    if (static_cast<size_t>(e - p) >= n && std::memcmp(p, op, n) == 0) return op;
  }
  auto b = static_cast<unsigned char>(c);
  size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
  return std::string(p, std::min<size_t>(n, e - p));
}

// Formats Go's syntax error for a message given to syntaxError().
std::string syntaxMsg(std::string_view msg, const char* p, const char* e) {
  auto starts = [&](std::string_view pre) { return msg.substr(0, pre.size()) == pre; };
  std::string tok = describeTok(p, e);
  if (msg.empty()) return "syntax error: unexpected " + tok;
  if (starts("in ") || starts("at ") || starts("after "))
    return "syntax error: unexpected " + tok + " " + std::string(msg);
  if (starts("expecting ")) return "syntax error: unexpected " + tok + ", " + std::string(msg);
  return "syntax error: " + std::string(msg);
}

template <class In>
[[noreturn]] void throwAt(const In& in, std::string_view msg) {
  throw SyntaxError{posOf(in.iterator()), static_cast<size_t>(in.iterator().byte),
                    syntaxMsg(msg, in.current(), in.end())};
}

template <size_t N>
struct Text {
  char s[N];
  constexpr Text(const char (&a)[N]) { std::copy_n(a, N, s); }
};

#define GOL_CUSTOM_RULE(Name)                                                         \
  using rule_t = Name;                                                                \
  using subs_t = pg::empty_list;                                                      \
  template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action, \
            template <typename...> class Control, class In>                           \
  static bool match(In& in, State& st)

// A rule that fails the parse with Go's message.
template <Text Msg>
struct fail_ {
  GOL_CUSTOM_RULE(fail_) {
    (void)st;
    throwAt(in, Msg.s);
  }
};

template <class R, Text Msg>
struct expect : pg::sor<R, fail_<Msg>> {};

// Skips a character Go's scanner rejects, recording the error.
struct bad_char {
  GOL_CUSTOM_RULE(bad_char) {
    if (in.empty()) return false;
    auto c = static_cast<unsigned char>(in.peek_char());
    bool bad = c == '#' || c == '$' || c == '?' || c == '@' || c == '\\' || c == 0x7f ||
               (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    if (!bad) return false;
    if (c != 0) {  // NUL and invalid UTF-8 are reported by the pre-scan
      char buf[64];
      if (c >= 0x20 && c < 0x7f)
        std::snprintf(buf, sizeof buf, "invalid character U+%04X '%c'", c, c);
      else
        std::snprintf(buf, sizeof buf, "invalid character U+%04X", c);
      st.lexError(in.current(), posOf(in.iterator()), buf);
    }
    in.bump(1);
    return true;
  }
};

// "/*...*/". Mode 0: any; mode 1: only if it holds no newline (same line).
template <int Mode>
struct block_comment {
  GOL_CUSTOM_RULE(block_comment) {
    const char* p = in.current();
    const char* e = in.end();
    if (e - p < 2 || p[0] != '/' || p[1] != '*') return false;
    const char* q = p + 2;
    bool nl = false;
    while (q + 1 < e && !(q[0] == '*' && q[1] == '/')) nl |= *q++ == '\n';
    if (q + 1 >= e) {
      st.lexError(p, posOf(in.iterator()), "comment not terminated");
      in.bump(e - p);
      return true;
    }
    if (Mode == 1 && nl) return false;
    in.bump(q + 2 - p);
    return true;
  }
};

struct line_comment : pg::seq<pg::two<'/'>, pg::until<pg::at<pg::sor<pg::one<'\n'>, pg::eof>>>> {};
struct comment : pg::sor<line_comment, block_comment<0>> {};
struct sk_all : pg::star<pg::sor<pg::one<' ', '\t', '\r', '\n'>, comment, bad_char>> {};
struct sk_line : pg::star<pg::sor<pg::one<' ', '\t', '\r'>, block_comment<1>, bad_char>> {};
struct nl_like : pg::sor<pg::one<'\n'>, line_comment, block_comment<0>> {};

template <class R>
struct tE : pg::seq<R, sk_line> {};  // may end a statement
template <class R>
struct tN : pg::seq<R, sk_all> {};  // never ends one

struct ident_raw {
  GOL_CUSTOM_RULE(ident_raw) {
    (void)st;
    size_t n = identLen(in.current(), in.end());
    if (n == 0 || isKeyword(std::string_view(in.current(), n))) return false;
    in.bump(n);
    return true;
  }
};

struct ident_char {
  template <class In>
  static bool match(In& in) {
    if (in.empty()) return false;
    auto c = static_cast<unsigned char>(in.peek_char());
    if (!isLetter(c) && !isDigit(c)) return false;
    in.bump(1);
    return true;
  }
  using rule_t = ident_char;
  using subs_t = pg::empty_list;
};

struct number_raw {
  GOL_CUSTOM_RULE(number_raw) {
    const char* p = in.current();
    LitError err;
    size_t n = scanNumberLit(std::string_view(p, size_t(in.end() - p)), err);
    if (n == 0) return false;
    if (!err.message.empty()) {
      // A number never spans lines, so the column is an offset.
      Pos start = posOf(in.iterator());
      st.lexError(p + err.offset, Pos{start.line, uint32_t(start.col + err.offset)},
                  std::move(err.message));
    }
    in.bump(n);
    return true;
  }
};

// The character at q as Go's %q prints a rune: 'g', '\n', '\'', '世'.
std::string quoteRuneForMessage(const char* q, const char* e) {
  unsigned char c = static_cast<unsigned char>(*q);
  switch (c) {
    case '\n': return "'\\n'";
    case '\t': return "'\\t'";
    case '\r': return "'\\r'";
    case '\'': return "'\\''";
    case '\\': return "'\\\\'";
  }
  if (c < 0x20 || c == 0x7F) return fmt::format("'\\x{:02x}'", c);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return "'" + std::string(q, std::min(n, size_t(e - q))) + "'";
}

// Scans one escape after its backslash (q points after it) as Go's scanner
// does. Returns null when it is valid, else where Go reports the problem,
// with Go's message in `msg`.
const char* escapeError(const char*& q, const char* e, char quote, std::string& msg) {
  if (q >= e) return nullptr;  // the caller reports the unterminated literal
  char c = *q;
  if (std::strchr("abfnrtv\\", c) || c == quote) {
    ++q;
    return nullptr;
  }
  int n = 0;
  uint32_t base = 16, max = 0x10FFFF;
  if (c >= '0' && c <= '7') {
    n = 3, base = 8, max = 255;
  } else if (c == 'x') {
    n = 2, max = 255, ++q;
  } else if (c == 'u') {
    n = 4, ++q;
  } else if (c == 'U') {
    n = 8, ++q;
  } else {
    msg = "unknown escape";
    return q;
  }
  uint32_t x = 0;
  for (int i = 0; i < n; ++i, ++q) {
    if (q >= e) return nullptr;
    unsigned char ch = static_cast<unsigned char>(*q);
    uint32_t d = base;
    if (ch >= '0' && ch <= '9')
      d = ch - '0';
    else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
      d = (ch | 0x20) - 'a' + 10;
    if (d >= base) {
      msg = fmt::format("invalid character {} in {} escape", quoteRuneForMessage(q, e),
                        base == 8 ? "octal" : "hexadecimal");
      return q;
    }
    x = x * base + d;
  }
  if (x > max && base == 8) {
    msg = fmt::format("octal escape value {} > 255", x);
    return q;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    msg = fmt::format("escape is invalid Unicode code point U+{:04X}", x);
    return q;
  }
  return nullptr;
}

// Interpreted string "..." (also accepted unterminated, with an error).
struct string_raw {
  GOL_CUSTOM_RULE(string_raw) {
    const char* p = in.current();
    const char* e = in.end();
    if (p >= e || *p != '"') return false;
    const char* q = p + 1;
    auto posAt = [&](const char* at) {
      Pos s = posOf(in.iterator());
      // Literals never span lines before `at`, so the column is an offset.
      return Pos{s.line, static_cast<uint32_t>(s.col + (at - p))};
    };
    while (true) {
      if (q >= e) {
        st.lexError(p, posOf(in.iterator()), "string literal not terminated");
        break;
      }
      if (*q == '\n') {
        st.lexError(q, posAt(q), "newline in string");
        break;
      }
      if (*q == '"') {
        ++q;
        break;
      }
      if (*q == '\\') {
        const char* esc = ++q;
        std::string msg;
        if (const char* bad = escapeError(q, e, '"', msg)) {
          st.lexError(bad, posAt(bad), msg);
          if (q == esc && q < e && *q != '\n') ++q;
        }
        continue;
      }
      ++q;
    }
    in.bump(q - p);
    return true;
  }
};

struct rawstr_raw {
  GOL_CUSTOM_RULE(rawstr_raw) {
    const char* p = in.current();
    const char* e = in.end();
    if (p >= e || *p != '`') return false;
    const char* q = static_cast<const char*>(std::memchr(p + 1, '`', e - p - 1));
    if (!q) {
      st.lexError(p, posOf(in.iterator()), "string not terminated");
      in.bump(e - p);
    } else {
      in.bump(q + 1 - p);
    }
    return true;
  }
};

struct rune_raw {
  GOL_CUSTOM_RULE(rune_raw) {
    const char* p = in.current();
    const char* e = in.end();
    if (p >= e || *p != '\'') return false;
    const char* q = p + 1;
    int n = 0;
    bool reported = false;
    Pos start = posOf(in.iterator());
    while (true) {
      if (q >= e) {
        st.lexError(p, start, "rune literal not terminated");
        reported = true;
        break;
      }
      if (*q == '\n') {
        Pos at{start.line, static_cast<uint32_t>(start.col + (q - p))};
        st.lexError(q, at, "newline in rune literal");
        reported = true;
        break;
      }
      if (*q == '\'') {
        ++q;
        break;
      }
      ++n;
      if (*q == '\\') {
        const char* esc = ++q;
        std::string msg;
        if (const char* bad = escapeError(q, e, '\'', msg)) {
          Pos at{start.line, static_cast<uint32_t>(start.col + (bad - p))};
          st.lexError(bad, at, msg);
          reported = true;
          if (q == esc && q < e && *q != '\n') ++q;
        }
        continue;
      }
      auto b = static_cast<unsigned char>(*q);
      q += b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
      if (q > e) q = e;
    }
    if (!reported && n == 0)
      st.lexError(p, start, "empty rune literal or unescaped ' in rune literal");
    if (!reported && n > 1) st.lexError(p, start, "more than one character in rune literal");
    in.bump(q - p);
    return true;
  }
};

// ------------------------------------------------------------------ helpers

struct mark : pg::success {};
struct null_ : pg::success {};

// Runs R with the "no composite literal" flag set to V (Go's xnest < 0 when V).
template <bool V, class... R>
struct litflag {
  using rule_t = litflag;
  using subs_t = pg::type_list<R...>;
  template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class In>
  static bool match(In& in, State& st) {
    bool save = st.noLit;
    st.noLit = V;
    bool ok = Control<pg::seq<R...>>::template match<A, M, Action, Control>(in, st);
    st.noLit = save;
    return ok;
  }
};

// Guards recursion depth: a positioned error instead of a stack overflow.
template <class... R>
struct nest {
  using rule_t = nest;
  using subs_t = pg::type_list<R...>;
  template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class In>
  static bool match(In& in, State& st) {
    if (++st.depth > kMaxNesting)
      throw SyntaxError{posOf(in.iterator()), static_cast<size_t>(in.iterator().byte),
                        "syntax error: nesting too deep (more than 100000 levels)"};
    bool ok = Control<pg::seq<R...>>::template match<A, M, Action, Control>(in, st);
    --st.depth;
    return ok;
  }
};

// ------------------------------------------------------------------ tokens

#define GOL_KW(name, str) \
  struct k_##name : tN<pg::seq<TAO_PEGTL_STRING(str), pg::not_at<ident_char>>> {}
#define GOL_KWE(name, str) \
  struct k_##name : tE<pg::seq<TAO_PEGTL_STRING(str), pg::not_at<ident_char>>> {}
GOL_KWE(break, "break");
GOL_KW(case, "case");
GOL_KW(chan, "chan");
GOL_KW(const, "const");
GOL_KWE(continue, "continue");
GOL_KW(default, "default");
GOL_KW(defer, "defer");
GOL_KW(else, "else");
GOL_KWE(fallthrough, "fallthrough");
GOL_KW(for, "for");
GOL_KW(func, "func");
GOL_KW(go, "go");
GOL_KW(goto, "goto");
GOL_KW(if, "if");
GOL_KW(import, "import");
GOL_KW(interface, "interface");
GOL_KW(map, "map");
GOL_KW(package, "package");
GOL_KW(range, "range");
GOL_KWE(return, "return");
GOL_KW(select, "select");
GOL_KW(struct, "struct");
GOL_KW(switch, "switch");
GOL_KW(type, "type");
GOL_KW(var, "var");

struct ident : tE<ident_raw> {};
struct basic_lit : tE<pg::sor<number_raw, string_raw, rawstr_raw, rune_raw>> {};

struct p_lparen : tN<pg::one<'('>> {};
struct p_rparen : tE<pg::one<')'>> {};
struct p_lbrack : tN<pg::one<'['>> {};
struct p_rbrack : tE<pg::one<']'>> {};
struct p_lbrace : tN<pg::one<'{'>> {};
struct p_rbrace : tE<pg::one<'}'>> {};
struct rbrace_pos : tE<pg::one<'}'>> {};  // pushes its position
struct rparen_pos : tE<pg::one<')'>> {};
struct p_comma : tN<pg::one<','>> {};
struct colon_raw : pg::seq<pg::one<':'>, pg::not_at<pg::one<'='>>> {};
struct p_colon : tN<colon_raw> {};
struct slice_colon : tN<colon_raw> {};  // pushes T_COLON
struct p_define : tN<TAO_PEGTL_STRING(":=")> {};
struct assign_raw : pg::seq<pg::one<'='>, pg::not_at<pg::one<'='>>> {};
struct p_assign : tN<assign_raw> {};
struct p_dot : tN<pg::seq<pg::one<'.'>, pg::not_at<pg::one<'.'>>>> {};
struct p_ellipsis : tN<TAO_PEGTL_STRING("...")> {};
struct p_arrow : tN<TAO_PEGTL_STRING("<-")> {};
struct p_semicolon : tN<pg::one<';'>> {};

template <Op O, class R>
struct op_ : tN<R> {};  // pushes T_OP
template <char C, char... Not>
using single = pg::seq<pg::one<C>, pg::not_at<pg::one<Not...>>>;
using o_lor = op_<Op::LOr, TAO_PEGTL_STRING("||")>;
using o_land = op_<Op::LAnd, TAO_PEGTL_STRING("&&")>;
using o_eql = op_<Op::Eql, TAO_PEGTL_STRING("==")>;
using o_neq = op_<Op::Neq, TAO_PEGTL_STRING("!=")>;
using o_leq = op_<Op::Leq, TAO_PEGTL_STRING("<=")>;
using o_geq = op_<Op::Geq, TAO_PEGTL_STRING(">=")>;
using o_lss = op_<Op::Lss, single<'<', '<', '=', '-'>>;
using o_gtr = op_<Op::Gtr, single<'>', '>', '='>>;
using o_add = op_<Op::Add, single<'+', '+', '='>>;
using o_sub = op_<Op::Sub, single<'-', '-', '='>>;
using o_or = op_<Op::Or, single<'|', '|', '='>>;
using o_xor = op_<Op::Xor, single<'^', '='>>;
using o_mul = op_<Op::Mul, single<'*', '='>>;
using o_quo = op_<Op::Quo, single<'/', '/', '*', '='>>;
using o_rem = op_<Op::Rem, single<'%', '='>>;
using o_shl = op_<Op::Shl, pg::seq<TAO_PEGTL_STRING("<<"), pg::not_at<pg::one<'='>>>>;
using o_shr = op_<Op::Shr, pg::seq<TAO_PEGTL_STRING(">>"), pg::not_at<pg::one<'='>>>>;
using o_andnot = op_<Op::AndNot, pg::seq<TAO_PEGTL_STRING("&^"), pg::not_at<pg::one<'='>>>>;
using o_and = op_<Op::And, single<'&', '&', '^', '='>>;
using o_not = op_<Op::Not, single<'!', '='>>;
using o_arrow = op_<Op::Arrow, TAO_PEGTL_STRING("<-")>;
using o_tilde = op_<Op::Tilde, pg::one<'~'>>;

struct assign_op
    : pg::sor<op_<Op::Add, TAO_PEGTL_STRING("+=")>, op_<Op::Sub, TAO_PEGTL_STRING("-=")>,
              op_<Op::Mul, TAO_PEGTL_STRING("*=")>, op_<Op::Quo, TAO_PEGTL_STRING("/=")>,
              op_<Op::Rem, TAO_PEGTL_STRING("%=")>, op_<Op::AndNot, TAO_PEGTL_STRING("&^=")>,
              op_<Op::And, TAO_PEGTL_STRING("&=")>, op_<Op::Or, TAO_PEGTL_STRING("|=")>,
              op_<Op::Xor, TAO_PEGTL_STRING("^=")>, op_<Op::Shl, TAO_PEGTL_STRING("<<=")>,
              op_<Op::Shr, TAO_PEGTL_STRING(">>=")>> {};

// A statement terminator: ';', a newline (only reachable after a token that
// may end a statement) or EOF. '}' and ')' are checked by the callers.
struct semi : pg::sor<p_semicolon, pg::seq<nl_like, sk_all>, pg::eof> {};

// ------------------------------------------------------------------ types

struct type_;
struct expr;
struct expr_list;
struct block;
struct signature;
struct params;

struct qual_tail : pg::seq<p_dot, expect<ident, "expecting name">> {};
// Type arguments of a generic type in type context (`Pair[K, V]`, `node[T]`):
// after a type name, '[' can only start them.
struct type_arg_more : pg::seq<p_comma, pg::not_at<pg::one<']'>>, expect<type_, "expecting type">> {
};
struct type_args : pg::seq<p_lbrack, mark,
                           litflag<false, expect<type_, "expecting type">, pg::star<type_arg_more>,
                                   pg::opt<p_comma>>,
                           expect<p_rbrack, "expecting ]">> {};
struct type_name : pg::seq<ident, pg::opt<qual_tail>, pg::opt<type_args>> {};
struct paren_type : pg::seq<p_lparen, litflag<false, nest<expect<type_, "expecting type">>>,
                            expect<p_rparen, "expecting )">> {};
struct ptr_type : pg::seq<o_mul, nest<expect<type_, "expecting type">>> {};
struct arr_dots : p_ellipsis {};
struct slice_rbrack : p_rbrack {};
struct array_type : pg::seq<p_lbrack,
                            pg::sor<slice_rbrack, pg::seq<litflag<false, pg::sor<arr_dots, expr>>,
                                                          expect<p_rbrack, "expecting ]">>>,
                            nest<expect<type_, "expecting type">>> {};
struct map_type : pg::seq<k_map, expect<p_lbrack, "expecting [">,
                          litflag<false, expect<type_, "expecting type">>,
                          expect<p_rbrack, "expecting ]">, nest<expect<type_, "expecting type">>> {
};
struct chan_send : p_arrow {};
struct chan_type : pg::seq<k_chan, pg::opt<chan_send>, nest<expect<type_, "expecting type">>> {};
struct rchan_type : pg::seq<p_arrow, k_chan, nest<expect<type_, "expecting type">>> {};
struct func_type : pg::seq<k_func, signature> {};

struct field_tag : tE<pg::sor<string_raw, rawstr_raw>> {};
struct named_fields : pg::seq<mark, ident, pg::star<p_comma, expect<ident, "expecting name">>,
                              type_, pg::opt<field_tag>> {};
struct embed_star : o_mul {};
struct embedded_field : pg::seq<mark, pg::opt<embed_star>, type_name, pg::opt<field_tag>> {};
// `List[T]` alone in a struct embeds a generic type; it is not a field List
// of an array type, which would go on with its element type (`a [n]int`).
struct bracket_group
    : pg::seq<pg::one<'['>, pg::star<pg::sor<bracket_group, pg::not_one<'[', ']'>>>, pg::one<']'>> {
};
struct embedded_generic_ahead
    : pg::seq<ident, bracket_group, sk_line, pg::opt<field_tag>, pg::sor<semi, pg::one<'}'>>> {};
struct field_decl : pg::sor<pg::seq<pg::at<embedded_generic_ahead>, embedded_field>, named_fields,
                            embedded_field, fail_<"expecting field name or embedded type">> {};
struct struct_type
    : pg::seq<k_struct, expect<p_lbrace, "expecting {">, mark,
              litflag<false, nest<pg::star<pg::not_at<pg::one<'}'>>, field_decl,
                                           pg::sor<semi, pg::at<pg::one<'}'>>,
                                                   fail_<"in struct type; possibly missing "
                                                         "semicolon or newline or }">>>>>,
              expect<p_rbrace, "expecting }">> {};

// A constraint's type set: `~int | ~float64 | MyType`, or one type (an
// embedded interface is the one-term case).
struct tilde_term : pg::seq<o_tilde, nest<expect<type_, "expecting type">>> {};
struct union_term : pg::sor<tilde_term, type_> {};
struct union_tail : pg::seq<o_or, expect<union_term, "expecting type">> {};
struct union_elem : pg::seq<union_term, pg::star<union_tail>> {};
struct iface_method : pg::seq<ident, pg::at<pg::one<'('>>, signature> {};
struct iface_embed : union_elem {};
struct iface_elem
    : pg::sor<iface_method, iface_embed, fail_<"expecting method or interface name">> {};
struct interface_type
    : pg::seq<k_interface, expect<p_lbrace, "expecting {">, mark,
              litflag<false, nest<pg::star<pg::not_at<pg::one<'}'>>, iface_elem,
                                           pg::sor<semi, pg::at<pg::one<'}'>>,
                                                   fail_<"in interface type; possibly missing "
                                                         "semicolon or newline or }">>>>>,
              expect<p_rbrace, "expecting }">> {};

struct type_ : pg::sor<type_name, array_type, struct_type, ptr_type, func_type, interface_type,
                       map_type, chan_type, rchan_type, paren_type> {};

// Parameters: each entry is "name Type", "Type", or "name ...Type"; the
// params action groups them as Go does.
struct variadic : pg::seq<p_ellipsis, expect<type_, "expecting type">> {};
struct param_type : pg::sor<variadic, type_> {};
struct named_param : pg::seq<ident, param_type> {};
struct anon_param : param_type {};
struct param_entry : pg::sor<named_param, anon_param, fail_<"expecting )">> {};
struct params
    : pg::seq<p_lparen, mark,
              litflag<false, pg::star<pg::not_at<pg::one<')'>>, param_entry,
                                      pg::sor<p_comma, pg::at<pg::one<')'>>,
                                              fail_<"in parameter list; possibly missing comma or "
                                                    ")">>>>,
              expect<p_rparen, "in parameter list; possibly missing comma or )">> {};
struct results : pg::sor<params, type_> {};

// Type parameters `[K comparable, V any]`; no `expect` inside so that
// `type A [N]int` can backtrack to an array type.
struct tparam_entry : pg::seq<mark, ident, pg::opt<union_elem>> {};
struct tparam_more : pg::seq<p_comma, pg::not_at<pg::one<']'>>, tparam_entry> {};
struct type_params
    : pg::seq<p_lbrack, mark, litflag<false, tparam_entry, pg::star<tparam_more>, pg::opt<p_comma>>,
              p_rbrack> {};
// In a type declaration, `[` starts type parameters when a name follows that
// is not alone in the brackets (`[N]T` is an array type); Go's parser
// resolves the same ambiguity.
struct at_tparams {
  template <class In>
  static bool match(In& in) {
    const char* p = in.current();
    const char* e = in.end();
    if (p >= e || *p != '[') return false;
    ++p;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
    size_t n = identLen(p, e);
    if (n == 0) return false;
    p += n;
    while (p < e && (*p == ' ' || *p == '\t')) ++p;
    return p < e && *p != ']';
  }
  using rule_t = at_tparams;
  using subs_t = pg::empty_list;
};
struct signature : pg::seq<mark, expect<params, "expecting (">, pg::opt<results>> {};

// ------------------------------------------------------------------ expressions

struct unary_expr;
struct opt_expr : pg::sor<expr, null_> {};

struct sel_tail : ident {};
struct type_kw : k_type {};
struct assert_tail : pg::seq<p_lparen, pg::sor<type_kw, expect<type_, "expecting type">>,
                             expect<p_rparen, "expecting )">> {};
struct dot_suffix : pg::seq<p_dot, expect<pg::sor<assert_tail, sel_tail>, "expecting name or (">> {
};

struct idx_first : pg::sor<pg::seq<pg::at<pg::one<':'>>, null_>,
                           pg::seq<pg::at<pg::one<']'>>, fail_<"expecting operand">>,
                           expect<expr, "expecting expression">> {};
// More indices: only an instantiation has them (`F[int, string]`).
struct idx_more : pg::seq<p_comma, pg::not_at<pg::one<']'>>, expect<expr, "expecting expression">> {
};
struct index_suffix
    : pg::seq<p_lbrack, mark,
              litflag<false, idx_first, pg::star<idx_more>, pg::opt<p_comma>,
                      pg::opt<slice_colon, opt_expr, pg::opt<slice_colon, opt_expr>>>,
              expect<p_rbrack, "expecting ]">> {};

struct call_dots : p_ellipsis {};
struct arg : pg::seq<expect<expr, "expecting expression">, pg::opt<call_dots>> {};
struct call_suffix
    : pg::seq<p_lparen, mark,
              litflag<false, pg::star<pg::not_at<pg::one<')'>>, arg,
                                      pg::sor<p_comma, pg::at<pg::one<')'>>,
                                              fail_<"in argument list; possibly missing comma or "
                                                    ")">>>>,
              expect<rparen_pos, "in argument list; possibly missing comma or )">> {};

struct lit_value;
struct elem_val : pg::sor<lit_value, expect<expr, "expecting expression">> {};
struct keyed_tail : pg::seq<p_colon, elem_val> {};
struct element : pg::seq<elem_val, pg::opt<keyed_tail>> {};
struct lit_value
    : pg::seq<p_lbrace, mark,
              litflag<false, nest<pg::star<pg::not_at<pg::one<'}'>>, element,
                                           pg::sor<p_comma, pg::at<pg::one<'}'>>,
                                                   fail_<"in composite literal; possibly missing "
                                                         "comma or }">>>>>,
              expect<rbrace_pos, "in composite literal; possibly missing comma or }">> {};

// Whether a '{' after the expression on top of the stack opens a composite
// literal (Go's complit_ok).
struct complit_ok {
  GOL_CUSTOM_RULE(complit_ok) {
    if (in.empty() || in.peek_char() != '{' || st.stk.empty() || st.stk.back().tag != T_NODE)
      return false;
    auto* x = static_cast<Expr*>(st.stk.back().n);
    while (x->kind == ExprKind::Paren) x = static_cast<ParenExpr*>(x)->x;
    switch (x->kind) {
      case ExprKind::Ident:
      case ExprKind::Selector:
      case ExprKind::Index: return !st.noLit;  // Index: a generic type, Pair[K, V]{...}
      case ExprKind::ArrayType:
      case ExprKind::StructType:
      case ExprKind::MapType: return true;
      default: return false;
    }
  }
};
struct complit_suffix : pg::seq<complit_ok, lit_value> {};

struct suffix : pg::sor<dot_suffix, index_suffix, call_suffix, complit_suffix> {};

struct paren_expr : pg::seq<p_lparen, litflag<false, nest<expect<expr, "expecting expression">>>,
                            expect<p_rparen, "expecting )">> {};
struct func_lit : pg::seq<k_func, signature, pg::opt<block>> {};
struct operand : pg::sor<basic_lit, func_lit, paren_expr, ident, array_type, struct_type, map_type,
                         chan_type, interface_type> {};
struct primary_expr : pg::seq<operand, pg::star<suffix>> {};

struct unary_op : pg::sor<o_add, o_sub, o_not, o_xor, o_mul, o_and, o_arrow> {};
struct unary_app : pg::seq<unary_op, nest<expect<unary_expr, "expecting expression">>> {};
struct unary_expr : pg::sor<unary_app, primary_expr> {};

template <class Sub, class Ops>
struct bin_tail : pg::seq<Ops, expect<Sub, "expecting expression">> {};
template <class Sub, class Ops>
struct bin_level : pg::seq<Sub, pg::star<bin_tail<Sub, Ops>>> {};
struct e5 : bin_level<unary_expr, pg::sor<o_mul, o_quo, o_rem, o_shl, o_shr, o_andnot, o_and>> {};
struct e4 : bin_level<e5, pg::sor<o_add, o_sub, o_or, o_xor>> {};
struct e3 : bin_level<e4, pg::sor<o_eql, o_neq, o_leq, o_geq, o_lss, o_gtr>> {};
struct e2 : bin_level<e3, o_land> {};
struct expr : bin_level<e2, o_lor> {};
struct expr_list : pg::seq<expr, pg::star<p_comma, expect<expr, "expecting expression">>> {};

// ------------------------------------------------------------------ statements

struct stmt;
struct stmt_end : pg::sor<semi, pg::at<pg::one<'}'>>, fail_<"at end of statement">> {};
struct stmt_list : pg::star<pg::sor<p_semicolon, pg::seq<stmt, stmt_end>>> {};
struct block
    : pg::seq<p_lbrace, mark, litflag<false, nest<stmt_list>>, expect<rbrace_pos, "expecting }">> {
};

struct define_tail : pg::seq<p_define, mark, expect<expr_list, "expecting expression">> {};
struct assign_tail : pg::seq<p_assign, mark, expect<expr_list, "expecting expression">> {};
struct opassign_tail : pg::seq<assign_op, expect<expr, "expecting expression">> {};
struct inc_tail : tE<TAO_PEGTL_STRING("++")> {};
struct dec_tail : tE<TAO_PEGTL_STRING("--")> {};
struct send_tail : pg::seq<p_arrow, expect<expr, "expecting expression">> {};
struct exprstmt_tail : pg::success {};
struct simple_stmt : pg::seq<mark, expr_list,
                             pg::sor<define_tail, assign_tail, opassign_tail, inc_tail, dec_tail,
                                     send_tail, exprstmt_tail>> {};
struct opt_simple : pg::sor<simple_stmt, null_> {};

// A label before `}` or an explicit `;` labels the empty statement.
struct label_empty : pg::at<pg::one<'}', ';'>> {};
// Cheap lookahead: an identifier, blanks, then ':' (not ':='), so that
// ordinary statements are not parsed twice.
struct at_label {
  template <class In>
  static bool match(In& in) {
    const char* p = in.current();
    const char* e = in.end();
    size_t n = identLen(p, e);
    if (n == 0) return false;
    p += n;
    while (p < e && (*p == ' ' || *p == '\t')) ++p;
    return p < e && *p == ':' && (p + 1 >= e || p[1] != '=');
  }
  using rule_t = at_label;
  using subs_t = pg::empty_list;
};
struct labeled_stmt : pg::seq<at_label, ident, p_colon, pg::sor<label_empty, stmt>> {};
struct go_stmt : pg::seq<k_go, expect<expr, "expecting expression">> {};
struct defer_stmt : pg::seq<k_defer, expect<expr, "expecting expression">> {};
struct return_stmt : pg::seq<k_return, mark, pg::opt<expr_list>> {};
struct break_stmt : pg::seq<k_break, mark, pg::opt<ident>> {};
struct continue_stmt : pg::seq<k_continue, mark, pg::opt<ident>> {};
struct goto_stmt : pg::seq<k_goto, expect<ident, "expecting name">> {};
struct fallthrough_stmt : k_fallthrough {};

struct hdr_semi : p_semicolon {};
// Go asks for '{' right after a header without ';', and for "{ after X
// clause" once the header had an init statement.
template <Text Msg>
struct hdr_fail {
  GOL_CUSTOM_RULE(hdr_fail) {
    for (size_t i = st.stk.size(); i > 0 && st.stk[i - 1].tag != T_MARK; --i)
      if (st.stk[i - 1].tag == T_SEMI || st.stk[i - 1].tag == T_NLSEMI) throwAt(in, Msg.s);
    throwAt(in, "expecting {");
  }
};
struct hdr_nl : pg::seq<nl_like, sk_all> {};
struct header : pg::seq<opt_simple, pg::opt<pg::sor<hdr_semi, hdr_nl>, opt_simple>> {};

struct if_stmt;
struct else_part
    : pg::seq<k_else,
              pg::sor<if_stmt, block, fail_<"else must be followed by if or statement block">>> {};
struct if_stmt
    : pg::seq<k_if, mark, litflag<true, header>,
              pg::sor<block, hdr_fail<"expecting { after if clause">>, pg::opt<else_part>> {};

struct range_def : p_define {};
struct range_asg : p_assign {};
// The end of the bracketed text that opens at p ('(', '[' or '{'), with
// nested brackets, strings, runes and comments skipped.
inline const char* skipBracketed(const char* p, const char* e) {
  int depth = 0;
  while (p < e) {
    char c = *p;
    if (c == '"' || c == '\'' || c == '`') {
      p += quotedLen(p, e);
      continue;
    }
    if (c == '/' && p + 1 < e && (p[1] == '/' || p[1] == '*')) {
      const char* end = p[1] == '/' ? std::find(p, e, '\n') : std::search(p + 2, e, "*/", "*/" + 2);
      p = end < e && p[1] == '*' ? end + 2 : end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
      return p + 1;
    }
    ++p;
  }
  return e;
}

// Cheap lookahead: whether the keyword "range" occurs in a for header, before
// its block's '{' or the ';' or newline that would end a statement (strings,
// comments and bracketed text skipped, so `for a[f()] = range` and a func
// literal's body in the header are seen through).
struct at_range {
  template <class In>
  static bool match(In& in) {
    const char* p = in.current();
    const char* e = in.end();
    bool funcBody = false;  // after `func`, the next '{' opens its body
    bool typeBody = false;  // after `struct` or `interface`, the next '{' is theirs
    char last = 0;          // the last non-blank character: no semicolon after ',' or '='
    while (p < e && *p != ';' && (*p != '\n' || last == ',' || last == '=')) {
      char c = *p;
      if (c == '"' || c == '\'' || c == '`') {
        p += quotedLen(p, e);
        last = c;
        continue;
      }
      if (c == '/' && p + 1 < e && p[1] == '/') break;
      if (c == '/' && p + 1 < e && p[1] == '*') {
        const char* end = std::search(p + 2, e, "*/", "*/" + 2);
        p = end < e ? end + 2 : e;
        continue;
      }
      if (isLetter(c)) {
        size_t n = identLen(p, e);
        std::string_view word(p, n);
        if (word == "range") return true;
        if (word == "func") funcBody = true;
        if (word == "struct" || word == "interface") typeBody = true;
        p += n;
        last = 'a';
        continue;
      }
      if (c == '{') {
        if (!typeBody && !funcBody) return false;
        if (typeBody)
          typeBody = false;
        else
          funcBody = false;
        p = skipBracketed(p, e);
        last = '}';
        continue;
      }
      if (c == '(' || c == '[') {
        p = skipBracketed(p, e);
        last = ')';
        continue;
      }
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') last = c;
      ++p;
    }
    return false;
  }
  using rule_t = at_range;
  using subs_t = pg::empty_list;
};
struct range_header : pg::seq<at_range, mark, pg::opt<expr_list, pg::sor<range_def, range_asg>>,
                              k_range, expect<expr, "expecting expression">> {};
struct for_semi : p_semicolon {};
struct for_clause
    : pg::seq<opt_simple, pg::opt<for_semi, opt_simple,
                                  expect<for_semi, "expecting semicolon or newline">, opt_simple>> {
};
struct for_header : pg::sor<pg::at<pg::one<'{'>>, range_header, for_clause> {};
struct for_stmt : pg::seq<k_for, mark, litflag<true, for_header>,
                          pg::sor<block, hdr_fail<"expecting { after for clause">>> {};

struct default_kw : k_default {};
struct case_clause
    : pg::seq<mark, pg::sor<pg::seq<k_case, expect<expr_list, "expecting expression">>, default_kw>,
              expect<p_colon, "expecting :">, mark, stmt_list> {};
struct switch_stmt
    : pg::seq<k_switch, mark, litflag<true, header>,
              pg::sor<p_lbrace, hdr_fail<"missing { after switch clause">>, pg::star<case_clause>,
              expect<rbrace_pos, "expecting case or default or }">> {};
struct comm_clause
    : pg::seq<mark,
              pg::sor<pg::seq<k_case, expect<simple_stmt, "expecting expression">>, default_kw>,
              expect<p_colon, "expecting :">, mark, stmt_list> {};
struct select_stmt : pg::seq<k_select, mark, expect<p_lbrace, "expecting {">, pg::star<comm_clause>,
                             expect<rbrace_pos, "expecting case or default or }">> {};

struct gen_decl;
struct decl_stmt : pg::seq<gen_decl> {};
struct stmt : pg::sor<decl_stmt, labeled_stmt, go_stmt, defer_stmt, return_stmt, break_stmt,
                      continue_stmt, goto_stmt, fallthrough_stmt, block, if_stmt, for_stmt,
                      switch_stmt, select_stmt, simple_stmt> {};

// ------------------------------------------------------------------ declarations

template <class Spec, Text Ctx>
struct group
    : pg::seq<
          p_lparen,
          pg::star<pg::not_at<pg::one<')'>>, Spec, pg::sor<semi, pg::at<pg::one<')'>>, fail_<Ctx>>>,
          expect<p_rparen, "expecting )">> {};

struct ident_list : pg::seq<ident, pg::star<p_comma, expect<ident, "expecting name">>> {};
struct const_spec : pg::seq<mark, ident_list, mark, pg::opt<type_>, mark,
                            pg::opt<p_assign, expect<expr_list, "expecting expression">>> {};
struct var_spec
    : pg::seq<mark, ident_list, mark,
              pg::sor<pg::seq<type_, mark,
                              pg::opt<p_assign, expect<expr_list, "expecting expression">>>,
                      pg::seq<mark, p_assign, expect<expr_list, "expecting expression">>,
                      fail_<"expecting type">>> {};
struct alias_eq : p_assign {};
struct type_spec : pg::seq<expect<ident, "expecting name">, pg::opt<at_tparams, type_params>,
                           pg::opt<alias_eq>, expect<type_, "in type declaration">> {};
struct import_dot : tN<pg::one<'.'>> {};
struct import_path : tE<pg::sor<string_raw, rawstr_raw>> {};
struct import_spec : pg::seq<mark, pg::opt<pg::sor<ident, import_dot>>,
                             expect<import_path, "missing import path; require quoted string">> {};

constexpr const char kGroupCtx[] =
    "in grouped declaration; possibly missing semicolon or newline or )";
struct const_decl
    : pg::seq<k_const, mark,
              pg::sor<group<const_spec, kGroupCtx>, expect<const_spec, "expecting name">>> {};
struct var_decl : pg::seq<k_var, mark,
                          pg::sor<group<var_spec, kGroupCtx>, expect<var_spec, "expecting name">>> {
};
struct type_decl : pg::seq<k_type, mark, pg::sor<group<type_spec, kGroupCtx>, type_spec>> {};
struct gen_decl : pg::sor<const_decl, var_decl, type_decl> {};
struct import_decl : pg::seq<k_import, mark, pg::sor<group<import_spec, kGroupCtx>, import_spec>> {
};

struct func_decl : pg::seq<k_func, mark, pg::opt<params>, expect<ident, "expecting name or (">,
                           pg::opt<type_params>, signature, pg::opt<block>> {};
// Script mode: "func" may also start an expression statement (a literal).
struct script_func_decl : pg::seq<k_func, mark, pg::opt<params>, ident, pg::opt<type_params>,
                                  signature, pg::opt<block>> {};

struct top_gen : gen_decl {};
struct top_func : func_decl {};
struct late_import : k_import {};
struct stray_lbrace : pg::at<pg::one<'{'>> {};
struct top_decl : pg::sor<top_gen, top_func, late_import, stray_lbrace,
                          fail_<"non-declaration statement outside function body">> {};
struct top_end : pg::sor<semi, fail_<"after top level declaration">> {};
struct pkg_name : ident {};
struct go_file
    : pg::seq<k_package, expect<pkg_name, "expecting name">, expect<semi, "after package clause">,
              pg::star<import_decl, top_end>, pg::star<pg::not_at<pg::eof>, top_decl, top_end>> {};

struct top_stmt : stmt {};
struct script_item : pg::sor<import_decl, top_gen, script_func_decl, top_stmt, fail_<"">> {};
struct script_end : pg::sor<semi, fail_<"at end of statement">> {};
struct script_file : pg::star<pg::not_at<pg::eof>, script_item, script_end> {};

struct file_rule : pg::seq<sk_all, pg::sor<go_file, script_file>, expect<pg::eof, "">> {};
struct type_only : pg::seq<sk_all, expect<type_, "expecting type">, expect<pg::eof, "">> {};

// ------------------------------------------------------------------ control

template <class Rule>
struct Ctl : pg::normal<Rule> {
  template <pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, class In>
  static bool match(In& in, State& st) {
    size_t m = st.stk.size();
    if (pg::normal<Rule>::template match<A, M, Action, Control>(in, st)) return true;
    if (st.stk.size() > m) st.stk.erase(st.stk.begin() + m, st.stk.end());
    return false;
  }
};

// ------------------------------------------------------------------ printing

// Go's rendering of an expression in messages (syntax.String).
std::string exprString(const Expr* e) {
  if (!e) return "";
  switch (e->kind) {
    case ExprKind::Ident: return static_cast<const Ident*>(e)->name;
    case ExprKind::BasicLit: return static_cast<const BasicLit*>(e)->raw;
    case ExprKind::Paren: return "(" + exprString(static_cast<const ParenExpr*>(e)->x) + ")";
    case ExprKind::Selector: {
      auto* s = static_cast<const SelectorExpr*>(e);
      return exprString(s->x) + "." + s->sel->name;
    }
    case ExprKind::Index: {
      auto* s = static_cast<const IndexExpr*>(e);
      std::string r = exprString(s->x) + "[" + exprString(s->index);
      for (Expr* m : s->more) r += ", " + exprString(m);
      return r + "]";
    }
    case ExprKind::Star: return "*" + exprString(static_cast<const StarExpr*>(e)->x);
    case ExprKind::Unary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return std::string(opText(u->op)) + exprString(u->x);
    }
    case ExprKind::Binary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return exprString(b->x) + " " + opText(b->op) + " " + exprString(b->y);
    }
    case ExprKind::Call: {
      auto* c = static_cast<const CallExpr*>(e);
      std::string s = exprString(c->fun) + "(";
      for (size_t i = 0; i < c->args.size(); ++i) s += (i ? ", " : "") + exprString(c->args[i]);
      return s + (c->hasEllipsis ? "...)" : ")");
    }
    default: return "expression";
  }
}

// ------------------------------------------------------------------ actions

template <class Rule>
struct Act : pg::nothing<Rule> {};

template <class In>
Pos posIn(const In& in) {
  return posOf(in.iterator());
}

// `//go:embed` lines are kept for lang/syntax/embed.cpp; the map keyed by
// offset records a comment once even when backtracking scans it again.
template <>
struct Act<line_comment> {
  template <class In>
  static void apply(const In& in, State& st) {
    static constexpr std::string_view kPrefix = "//go:embed";
    std::string_view text(in.begin(), in.size());
    if (text.substr(0, kPrefix.size()) != kPrefix) return;
    std::string_view args = text.substr(kPrefix.size());
    if (!args.empty() && args[0] != ' ' && args[0] != '\t') return;  // e.g. //go:embedded
    Pos p = posIn(in);
    p.col += 2;
    st.embedDirectives[size_t(in.begin() - st.begin)] = EmbedDirective{p, std::string(args)};
  }
};

template <>
struct Act<mark> {
  static void apply0(State& st) { st.stk.push_back(Item{nullptr, T_MARK, Op::None, {}}); }
};
template <>
struct Act<null_> {
  static void apply0(State& st) { st.stk.push_back(Item{nullptr, T_NULL, Op::None, {}}); }
};
template <class In>
void pushTag(const In& in, State& st, Tag t) {
  st.stk.push_back(Item{nullptr, t, Op::None, posIn(in)});
}
#define GOL_TAG_ACTION(Rule, TagV)               \
  template <>                                    \
  struct Act<Rule> {                             \
    template <class In>                          \
    static void apply(const In& in, State& st) { \
      pushTag(in, st, TagV);                     \
    }                                            \
  }
GOL_TAG_ACTION(rbrace_pos, T_POS);
GOL_TAG_ACTION(rparen_pos, T_POS);
GOL_TAG_ACTION(slice_colon, T_COLON);
GOL_TAG_ACTION(call_dots, T_DOTS);
GOL_TAG_ACTION(arr_dots, T_DOTS);
GOL_TAG_ACTION(slice_rbrack, T_NULL);
GOL_TAG_ACTION(chan_send, T_SEND);
GOL_TAG_ACTION(type_kw, T_NULL);
GOL_TAG_ACTION(hdr_semi, T_SEMI);
GOL_TAG_ACTION(hdr_nl, T_NLSEMI);
GOL_TAG_ACTION(for_semi, T_SEMI);
GOL_TAG_ACTION(range_def, T_DEFINE);
GOL_TAG_ACTION(range_asg, T_ASSIGN);
GOL_TAG_ACTION(default_kw, T_DEFAULT);
GOL_TAG_ACTION(alias_eq, T_ALIAS);
GOL_TAG_ACTION(embed_star, T_SEND);
GOL_TAG_ACTION(import_dot, T_DOTS);

template <Op O, class R>
struct Act<op_<O, R>> {
  template <class In>
  static void apply(const In& in, State& st) {
    st.stk.push_back(Item{nullptr, T_OP, O, posIn(in)});
  }
};

template <>
struct Act<ident_raw> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* id = st.make<Ident>(posIn(in));
    id->name = in.string();
    st.push(id);
  }
};

template <LitKind K>
void pushLit(State& st, Pos p, std::string raw) {
  auto* lit = st.make<BasicLit>(p);
  lit->litKind = K;
  lit->raw = std::move(raw);
  st.push(lit);
}
template <>
struct Act<number_raw> {
  template <class In>
  static void apply(const In& in, State& st) {
    std::string s = in.string();
    bool hex = s.size() > 1 && s[0] == '0' && (s[1] | 0x20) == 'x';
    LitKind k = LitKind::Int;
    if (!s.empty() && s.back() == 'i')
      k = LitKind::Imag;
    else if (s.find('.') != std::string::npos ||
             (hex ? s.find_first_of("pP") : s.find_first_of("eE")) != std::string::npos)
      k = LitKind::Float;
    auto* lit = st.make<BasicLit>(posIn(in));
    lit->litKind = k;
    lit->raw = std::move(s);
    st.push(lit);
  }
};
template <>
struct Act<string_raw> {
  template <class In>
  static void apply(const In& in, State& st) {
    pushLit<LitKind::String>(st, posIn(in), in.string());
  }
};
template <>
struct Act<rawstr_raw> {
  template <class In>
  static void apply(const In& in, State& st) {
    pushLit<LitKind::String>(st, posIn(in), in.string());
  }
};
template <>
struct Act<rune_raw> {
  template <class In>
  static void apply(const In& in, State& st) {
    pushLit<LitKind::Rune>(st, posIn(in), in.string());
  }
};

// --- types

template <>
struct Act<qual_tail> {
  static void apply0(State& st) {
    auto* sel = static_cast<Ident*>(st.pop().n);
    Expr* x = st.popExpr();
    auto* s = st.make<SelectorExpr>(x->pos);
    s->x = x;
    s->sel = sel;
    st.push(s);
  }
};
template <>
struct Act<ptr_type> {
  static void apply0(State& st) {
    Expr* x = st.popExpr();
    Item op = st.pop();
    auto* s = st.make<StarExpr>(op.pos);
    s->x = x;
    st.push(s);
  }
};
template <>
struct Act<array_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    Expr* elem = st.popExpr();
    Item len = st.pop();
    auto* a = st.make<ArrayTypeExpr>(posIn(in));
    a->elem = elem;
    if (len.tag == T_DOTS)
      a->ellipsisLen = true;
    else if (len.tag == T_NODE)
      a->len = static_cast<Expr*>(len.n);
    st.push(a);
  }
};
template <>
struct Act<map_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* m = st.make<MapTypeExpr>(posIn(in));
    m->value = st.popExpr();
    m->key = st.popExpr();
    st.push(m);
  }
};
template <>
struct Act<chan_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* c = st.make<ChanTypeExpr>(posIn(in));
    c->elem = st.popExpr();
    if (!st.stk.empty() && st.stk.back().tag == T_SEND) {
      st.pop();
      c->dir = ChanDir::Send;
    }
    st.push(c);
  }
};
template <>
struct Act<rchan_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* c = st.make<ChanTypeExpr>(posIn(in));
    c->elem = st.popExpr();
    c->dir = ChanDir::Recv;
    st.push(c);
  }
};
template <>
struct Act<func_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    st.stk.back().n->pos = posIn(in);
  }
};

std::string tagOf(Expr* e) {
  if (e && e->kind == ExprKind::BasicLit) return decodeStringLit(static_cast<BasicLit*>(e)->raw);
  return "";
}

template <>
struct Act<named_fields> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* f = st.make<Field>(posIn(in));
    size_t n = items.size();
    // names..., type, [tag]
    size_t typeIdx = n - 1;
    if (n >= 3 && static_cast<Expr*>(items[n - 1].n)->kind == ExprKind::BasicLit) {
      f->tag = tagOf(static_cast<Expr*>(items[n - 1].n));
      typeIdx = n - 2;
    }
    f->type = static_cast<Expr*>(items[typeIdx].n);
    for (size_t i = 0; i < typeIdx; ++i) f->names.push_back(static_cast<Ident*>(items[i].n));
    st.push(f);
  }
};
template <>
struct Act<embedded_field> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* f = st.make<Field>(posIn(in));
    size_t i = 0;
    bool star = items[0].tag == T_SEND;
    if (star) ++i;
    Expr* t = static_cast<Expr*>(items[i++].n);
    if (star) {
      auto* s = st.make<StarExpr>(items[0].pos);
      s->x = t;
      t = s;
    }
    f->type = t;
    if (i < items.size()) f->tag = tagOf(static_cast<Expr*>(items[i].n));
    st.push(f);
  }
};
// A name followed by a type (a parameter, or an interface method with its
// signature) becomes one Field.
inline void pushNamedField(State& st) {
  Expr* t = st.popExpr();
  auto* name = static_cast<Ident*>(st.pop().n);
  auto* f = st.make<Field>(name->pos);
  f->names.push_back(name);
  f->type = t;
  st.push(f);
}
// A bare type (an unnamed parameter, or an embedded interface) becomes a
// Field without names.
inline void pushAnonymousField(State& st) {
  Expr* t = st.popExpr();
  auto* f = st.make<Field>(t->pos);
  f->type = t;
  st.push(f);
}
template <>
struct Act<struct_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* s = st.make<StructTypeExpr>(posIn(in));
    for (auto& it : items) s->fields.push_back(static_cast<Field*>(it.n));
    st.push(s);
  }
};
template <>
struct Act<iface_method> {
  static void apply0(State& st) { pushNamedField(st); }
};
template <>
struct Act<iface_embed> {
  static void apply0(State& st) { pushAnonymousField(st); }
};
template <>
struct Act<interface_type> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* s = st.make<InterfaceTypeExpr>(posIn(in));
    for (auto& it : items) s->methods.push_back(static_cast<Field*>(it.n));
    st.push(s);
  }
};
template <>
struct Act<variadic> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* e = st.make<EllipsisExpr>(posIn(in));
    e->elem = st.popExpr();
    st.push(e);
  }
};
template <>
struct Act<named_param> {
  static void apply0(State& st) { pushNamedField(st); }
};
template <>
struct Act<anon_param> {
  static void apply0(State& st) { pushAnonymousField(st); }
};
template <>
struct Act<params> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* holder = st.make<FuncTypeExpr>(posIn(in));
    bool anyNamed = false;
    for (auto& it : items) anyNamed |= !static_cast<Field*>(it.n)->names.empty();
    if (!anyNamed) {
      for (auto& it : items) holder->params.push_back(static_cast<Field*>(it.n));
    } else {
      std::vector<Ident*> pending;
      for (auto& it : items) {
        auto* f = static_cast<Field*>(it.n);
        if (f->names.empty()) {
          if (f->type->kind != ExprKind::Ident)
            throw SyntaxError{f->type->pos, 0, "syntax error: mixed named and unnamed parameters"};
          pending.push_back(static_cast<Ident*>(f->type));
          continue;
        }
        if (!pending.empty()) {
          f->names.insert(f->names.begin(), pending.begin(), pending.end());
          f->pos = pending.front()->pos;
          pending.clear();
        }
        holder->params.push_back(f);
      }
      if (!pending.empty())
        throw SyntaxError{pending.back()->pos, 0,
                          "syntax error: mixed named and unnamed parameters"};
    }
    st.push(holder, T_PARAMS);
  }
};
template <>
struct Act<signature> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* sig = st.make<FuncTypeExpr>(posIn(in));
    sig->params = static_cast<FuncTypeExpr*>(items[0].n)->params;
    if (items.size() > 1) {
      if (items[1].tag == T_PARAMS) {
        sig->results = static_cast<FuncTypeExpr*>(items[1].n)->params;
      } else {
        auto* f = st.make<Field>(items[1].n->pos);
        f->type = static_cast<Expr*>(items[1].n);
        sig->results.push_back(f);
      }
    }
    st.push(sig);
  }
};

template <>
struct Act<type_args> {
  static void apply0(State& st) {
    auto items = st.popToMark();
    Expr* x = st.popExpr();
    auto* ix = st.make<IndexExpr>(x->pos);
    ix->x = x;
    ix->index = static_cast<Expr*>(items[0].n);
    for (size_t i = 1; i < items.size(); ++i) ix->more.push_back(static_cast<Expr*>(items[i].n));
    st.push(ix);
  }
};
template <>
struct Act<tilde_term> {
  static void apply0(State& st) {
    Expr* x = st.popExpr();
    Item op = st.pop();
    auto* u = st.make<UnaryExpr>(op.pos);
    u->op = Op::Tilde;
    u->x = x;
    st.push(u);
  }
};
template <>
struct Act<union_tail> {
  static void apply0(State& st) {
    Expr* y = st.popExpr();
    Item op = st.pop();
    Expr* x = st.popExpr();
    auto* b = st.make<BinaryExpr>(x->pos);
    b->op = Op::Or;
    b->opPos = op.pos;
    b->x = x;
    b->y = y;
    st.push(b);
  }
};
template <>
struct Act<tparam_entry> {
  static void apply0(State& st) {
    auto items = st.popToMark();
    auto* name = static_cast<Ident*>(items[0].n);
    auto* f = st.make<Field>(name->pos);
    f->names.push_back(name);
    if (items.size() > 1) f->type = static_cast<Expr*>(items[1].n);
    st.push(f);
  }
};
// `[K, V any]`: names without a constraint share the next one's, as
// parameters share a type.
template <>
struct Act<type_params> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* holder = st.make<FuncTypeExpr>(posIn(in));
    std::vector<Ident*> pending;
    for (auto& it : items) {
      auto* f = static_cast<Field*>(it.n);
      if (!f->type) {
        pending.push_back(f->names[0]);
        continue;
      }
      if (!pending.empty()) {
        f->names.insert(f->names.begin(), pending.begin(), pending.end());
        f->pos = pending.front()->pos;
        pending.clear();
      }
      holder->params.push_back(f);
    }
    if (!pending.empty())
      throw SyntaxError{pending.back()->pos, 0, "syntax error: missing type constraint"};
    st.push(holder, T_TPARAMS);
  }
};

// --- expressions

template <>
struct Act<sel_tail> {
  static void apply0(State& st) {
    auto* sel = static_cast<Ident*>(st.pop().n);
    Expr* x = st.popExpr();
    auto* s = st.make<SelectorExpr>(x->pos);
    s->x = x;
    s->sel = sel;
    st.push(s);
  }
};
template <>
struct Act<assert_tail> {
  static void apply0(State& st) {
    Item t = st.pop();
    Expr* x = st.popExpr();
    auto* a = st.make<TypeAssertExpr>(x->pos);
    a->x = x;
    a->typeExpr = t.tag == T_NODE ? static_cast<Expr*>(t.n) : nullptr;
    st.push(a);
  }
};
template <>
struct Act<index_suffix> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    Expr* x = st.popExpr();
    auto get = [&](size_t i) {
      return i < items.size() && items[i].tag == T_NODE ? static_cast<Expr*>(items[i].n) : nullptr;
    };
    bool colon = false;
    for (auto& it : items) colon |= it.tag == T_COLON;
    if (!colon) {
      if (!get(0)) throw SyntaxError{posIn(in), 0, "syntax error: expecting operand"};
      auto* ix = st.make<IndexExpr>(x->pos);
      ix->x = x;
      ix->index = get(0);
      for (size_t i = 1; i < items.size(); ++i) ix->more.push_back(get(i));
      st.push(ix);
      return;
    }
    if (items.size() > 5 || items[1].tag != T_COLON)
      throw SyntaxError{items[1].pos, 0, "syntax error: unexpected comma; expecting ]"};
    auto* s = st.make<SliceExpr>(x->pos);
    s->x = x;
    s->lo = get(0);
    s->hi = get(2);
    if (items.size() == 5) {
      s->slice3 = true;
      s->max = get(4);
      if (!s->hi || !s->max) {
        // gc reports these (not as syntax errors) and parses on: the
        // missing middle index at the second colon, the final one at `]`.
        const char* rb = in.end();
        while (rb > in.begin() && rb[-1] != ']') --rb;
        --rb;
        Pos at = posIn(in);
        for (const char* c = in.begin(); c < rb; ++c) {
          if (*c == '\n') {
            ++at.line;
            at.col = 1;
          } else {
            ++at.col;
          }
        }
        if (!s->hi) st.lexError(rb - 1, items[3].pos, "middle index required in 3-index slice");
        if (!s->max) st.lexError(rb, at, "final index required in 3-index slice");
      }
    }
    st.push(s);
  }
};
template <>
struct Act<call_suffix> {
  static void apply0(State& st) {
    auto items = st.popToMark();
    Expr* fun = st.popExpr();
    auto* c = st.make<CallExpr>(fun->pos);
    c->fun = fun;
    for (auto& it : items) {
      if (it.tag == T_DOTS)
        c->hasEllipsis = true;
      else if (it.tag == T_POS)
        c->rparen = it.pos;
      else
        c->args.push_back(static_cast<Expr*>(it.n));
    }
    st.push(c);
  }
};
template <>
struct Act<keyed_tail> {
  static void apply0(State& st) {
    Expr* v = st.popExpr();
    Expr* k = st.popExpr();
    auto* kv = st.make<KeyValueExpr>(k->pos);
    kv->key = k;
    kv->value = v;
    st.push(kv);
  }
};
template <>
struct Act<lit_value> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* c = st.make<CompositeLit>(posIn(in));
    for (auto& it : items) {
      if (it.tag == T_POS)
        c->rbrace = it.pos;
      else
        c->elts.push_back(static_cast<Expr*>(it.n));
    }
    st.push(c);
  }
};
template <>
struct Act<complit_suffix> {
  static void apply0(State& st) {
    auto* c = static_cast<CompositeLit*>(st.popExpr());
    Expr* t = st.popExpr();
    c->typeExpr = t;
    c->pos = t->pos;
    st.push(c);
  }
};
template <>
struct Act<paren_expr> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* p = st.make<ParenExpr>(posIn(in));
    p->x = st.popExpr();
    st.push(p);
  }
};
template <>
struct Act<func_lit> {
  template <class In>
  static void apply(const In& in, State& st) {
    if (st.stk.back().tag == T_BLOCK) {
      auto* body = static_cast<BlockStmt*>(st.pop().n);
      auto* f = st.make<FuncLit>(posIn(in));
      f->body = body;
      f->sig = static_cast<FuncTypeExpr*>(st.popExpr());
      f->sig->pos = f->pos;
      st.push(f);
    } else {
      st.stk.back().n->pos = posIn(in);
    }
  }
};
template <>
struct Act<unary_app> {
  static void apply0(State& st) {
    Expr* x = st.popExpr();
    Item op = st.pop();
    if (op.op == Op::Mul) {
      auto* s = st.make<StarExpr>(op.pos);
      s->x = x;
      st.push(s);
      return;
    }
    if (op.op == Op::Arrow && x->kind == ExprKind::ChanType &&
        static_cast<ChanTypeExpr*>(x)->dir == ChanDir::Both) {
      // <-chan T in expression position is a receive-only channel type.
      static_cast<ChanTypeExpr*>(x)->dir = ChanDir::Recv;
      x->pos = op.pos;
      st.push(x);
      return;
    }
    auto* u = st.make<UnaryExpr>(op.pos);
    u->op = op.op == Op::And ? Op::Addr : op.op;
    u->x = x;
    st.push(u);
  }
};
template <class Sub, class Ops>
struct Act<bin_tail<Sub, Ops>> {
  static void apply0(State& st) {
    Expr* y = st.popExpr();
    Item op = st.pop();
    Expr* x = st.popExpr();
    auto* b = st.make<BinaryExpr>(x->pos);
    b->op = op.op;
    b->opPos = op.pos;
    b->x = x;
    b->y = y;
    st.push(b);
  }
};

// --- statements

std::vector<Expr*> exprsOf(const std::vector<Item>& items) {
  std::vector<Expr*> out;
  out.reserve(items.size());
  for (auto& it : items) out.push_back(static_cast<Expr*>(it.n));
  return out;
}

template <>
struct Act<block> {
  template <class In>
  static void apply(const In& in, State& st) {
    Item rb = st.pop();
    auto items = st.popToMark();
    auto* b = st.make<BlockStmt>(posIn(in));
    b->rbrace = rb.pos;
    b->stmts.reserve(items.size());
    for (auto& it : items) b->stmts.push_back(static_cast<Stmt*>(it.n));
    st.push(b, T_BLOCK);
  }
};

void checkDefineLhs(const std::vector<Expr*>& lhs) {
  for (Expr* e : lhs)
    if (e->kind != ExprKind::Ident)
      throw SyntaxError{e->pos, 0, "non-name " + exprString(e) + " on left side of :="};
}

template <bool Define>
void assignAction(State& st, Pos opPos = {}) {
  auto rhs = exprsOf(st.popToMark());
  auto lhs = exprsOf(st.popToMark());
  if (Define) checkDefineLhs(lhs);
  auto* a = st.make<AssignStmt>(lhs[0]->pos);
  a->lhs = std::move(lhs);
  a->rhs = std::move(rhs);
  a->define = Define;
  a->opPos = opPos;
  st.push(a);
}
template <>
struct Act<define_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    assignAction<true>(st, posIn(in));
  }
};
template <>
struct Act<assign_tail> {
  static void apply0(State& st) { assignAction<false>(st); }
};
template <>
struct Act<opassign_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    Expr* rhs = st.popExpr();
    Item op = st.pop();
    auto lhs = exprsOf(st.popToMark());
    if (lhs.size() != 1)
      throw SyntaxError{op.pos, 0,
                        std::string("syntax error: unexpected ") + opText(op.op) +
                            "=, expecting := or = or comma"};
    (void)in;
    auto* a = st.make<AssignStmt>(lhs[0]->pos);
    a->lhs = std::move(lhs);
    a->rhs.push_back(rhs);
    a->op = op.op;
    st.push(a);
  }
};
template <bool Inc>
void incDec(State& st, Pos opPos) {
  auto lhs = exprsOf(st.popToMark());
  if (lhs.size() != 1)
    throw SyntaxError{opPos, 0,
                      std::string("syntax error: unexpected ") + (Inc ? "++" : "--") +
                          ", expecting := or = or comma"};
  auto* s = st.make<IncDecStmt>(lhs[0]->pos);
  s->x = lhs[0];
  s->inc = Inc;
  st.push(s);
}
template <>
struct Act<inc_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    incDec<true>(st, posIn(in));
  }
};
template <>
struct Act<dec_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    incDec<false>(st, posIn(in));
  }
};
template <>
struct Act<send_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    Expr* v = st.popExpr();
    auto lhs = exprsOf(st.popToMark());
    if (lhs.size() != 1)
      throw SyntaxError{posIn(in), 0, "syntax error: unexpected <-, expecting := or = or comma"};
    auto* s = st.make<SendStmt>(lhs[0]->pos);
    s->chan = lhs[0];
    s->value = v;
    st.push(s);
  }
};
template <>
struct Act<exprstmt_tail> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto lhs = exprsOf(st.popToMark());
    if (lhs.size() != 1)
      throw SyntaxError{posIn(in), 0,
                        syntaxMsg("expecting := or = or comma", in.begin(), in.input().end())};
    auto* s = st.make<ExprStmt>(lhs[0]->pos);
    s->x = lhs[0];
    st.push(s);
  }
};
template <>
struct Act<label_empty> {
  template <class In>
  static void apply(const In& in, State& st) {
    st.push(st.make<EmptyStmt>(posIn(in)));
  }
};
template <>
struct Act<labeled_stmt> {
  static void apply0(State& st) {
    auto* s = static_cast<Stmt*>(st.pop().n);
    auto* label = static_cast<Ident*>(st.pop().n);
    auto* l = st.make<LabeledStmt>(label->pos);
    l->label = label;
    l->stmt = s;
    switch (s->kind) {
      case StmtKind::For: static_cast<ForStmt*>(s)->label = label; break;
      case StmtKind::Range: static_cast<RangeStmt*>(s)->label = label; break;
      case StmtKind::Switch: static_cast<SwitchStmt*>(s)->label = label; break;
      case StmtKind::TypeSwitch: static_cast<TypeSwitchStmt*>(s)->label = label; break;
      case StmtKind::Select: static_cast<SelectStmt*>(s)->label = label; break;
      default: break;
    }
    st.push(l);
  }
};
template <class S>
void goDefer(State& st, Pos pos, const char* what) {
  Expr* x = st.popExpr();
  Expr* y = x;
  while (y->kind == ExprKind::Paren) y = static_cast<ParenExpr*>(y)->x;
  if (y->kind != ExprKind::Call)
    throw SyntaxError{x->pos, 0, std::string("expression in ") + what + " must be function call"};
  if (y != x)
    throw SyntaxError{x->pos, 0,
                      std::string("expression in ") + what + " must not be parenthesized"};
  auto* s = st.make<S>(pos);
  s->call = static_cast<CallExpr*>(y);
  st.push(s);
}
template <>
struct Act<go_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    goDefer<GoStmt>(st, posIn(in), "go");
  }
};
template <>
struct Act<defer_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    goDefer<DeferStmt>(st, posIn(in), "defer");
  }
};
template <>
struct Act<return_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* r = st.make<ReturnStmt>(posIn(in));
    r->results = exprsOf(st.popToMark());
    st.push(r);
  }
};
template <BranchKind K>
void branch(State& st, Pos p, bool hasMark) {
  auto* b = st.make<BranchStmt>(p);
  b->tok = K;
  if (hasMark) {
    auto items = st.popToMark();
    if (!items.empty()) b->label = static_cast<Ident*>(items[0].n);
  } else if (K == BranchKind::Goto) {
    b->label = static_cast<Ident*>(st.pop().n);
  }
  st.push(b);
}
template <>
struct Act<break_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    branch<BranchKind::Break>(st, posIn(in), true);
  }
};
template <>
struct Act<continue_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    branch<BranchKind::Continue>(st, posIn(in), true);
  }
};
template <>
struct Act<goto_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    branch<BranchKind::Goto>(st, posIn(in), false);
  }
};
template <>
struct Act<fallthrough_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    branch<BranchKind::Fallthrough>(st, posIn(in), false);
  }
};

// A simple statement used where Go wants an expression (conditions).
Expr* condOf(Stmt* s) {
  if (!s) return nullptr;
  if (s->kind == StmtKind::ExprS) return static_cast<ExprStmt*>(s)->x;
  std::string what = "assignment";
  if (s->kind == StmtKind::Assign) {
    auto* a = static_cast<AssignStmt*>(s);
    what.clear();
    for (size_t i = 0; i < a->lhs.size(); ++i) what += (i ? ", " : "") + exprString(a->lhs[i]);
    what += a->define           ? " := "
            : a->op == Op::None ? " = "
                                : std::string(" ") + opText(a->op) + "= ";
    for (size_t i = 0; i < a->rhs.size(); ++i) what += (i ? ", " : "") + exprString(a->rhs[i]);
  } else if (s->kind == StmtKind::IncDec) {
    auto* d = static_cast<IncDecStmt*>(s);
    what = exprString(d->x) + (d->inc ? "++" : "--");
  } else if (s->kind == StmtKind::Send) {
    auto* d = static_cast<SendStmt*>(s);
    what = exprString(d->chan) + " <- " + exprString(d->value);
  }
  throw SyntaxError{s->pos, 0, "syntax error: cannot use " + what + " as value"};
}
Stmt* stmtOf(const Item& it) {
  return it.tag == T_NODE ? static_cast<Stmt*>(it.n) : nullptr;
}

struct Header {
  Stmt* init = nullptr;
  Stmt* cond = nullptr;
  bool hasSemi = false;
  Item semi;
};
// Items of `header`: [s] or [init, semi, s] (absent parts are T_NULL).
Header splitHeader(const std::vector<Item>& items, size_t& i) {
  Header h;
  if (i < items.size() && (items[i].tag == T_NODE || items[i].tag == T_NULL)) {
    h.cond = stmtOf(items[i]);
    ++i;
  }
  if (i < items.size() && (items[i].tag == T_SEMI || items[i].tag == T_NLSEMI)) {
    h.hasSemi = true;
    h.semi = items[i++];
    h.init = h.cond;
    h.cond = nullptr;
    if (i < items.size() && (items[i].tag == T_NODE || items[i].tag == T_NULL))
      h.cond = stmtOf(items[i++]);
  }
  return h;
}

template <>
struct Act<if_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    size_t i = 0;
    Header h = splitHeader(items, i);
    auto* s = st.make<IfStmt>(posIn(in));
    s->init = h.init;
    if (!h.cond) {
      if (h.hasSemi && h.semi.tag == T_NLSEMI)
        throw SyntaxError{h.semi.pos, 0,
                          "syntax error: unexpected newline, expecting { after if clause"};
      throw SyntaxError{h.hasSemi ? h.semi.pos : s->pos, 0,
                        "syntax error: missing condition in if statement"};
    }
    s->cond = condOf(h.cond);
    s->then = static_cast<BlockStmt*>(items[i++].n);
    if (i < items.size()) s->els = static_cast<Stmt*>(items[i].n);
    st.push(s);
  }
};
template <>
struct Act<range_header> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* r = st.make<RangeStmt>(posIn(in));
    r->x = static_cast<Expr*>(items.back().n);
    items.pop_back();
    if (!items.empty()) {
      r->define = items.back().tag == T_DEFINE;
      items.pop_back();
      if (items.size() > 2)
        throw SyntaxError{items[2].n->pos, 0,
                          "range clause permits at most two iteration variables"};
      if (r->define) checkDefineLhs(exprsOf(items));
      r->key = static_cast<Expr*>(items[0].n);
      if (items.size() > 1) r->value = static_cast<Expr*>(items[1].n);
    }
    st.push(r, T_RANGE);
  }
};
template <>
struct Act<for_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* body = static_cast<BlockStmt*>(items.back().n);
    items.pop_back();
    if (!items.empty() && items[0].tag == T_RANGE) {
      auto* r = static_cast<RangeStmt*>(items[0].n);
      r->pos = posIn(in);
      r->body = body;
      st.push(r);
      return;
    }
    auto* f = st.make<ForStmt>(posIn(in));
    f->body = body;
    if (items.size() == 1) {
      f->cond = condOf(stmtOf(items[0]));
    } else if (items.size() == 5) {
      f->init = stmtOf(items[0]);
      f->cond = condOf(stmtOf(items[2]));
      f->post = stmtOf(items[4]);
      if (f->post && f->post->kind == StmtKind::Assign && static_cast<AssignStmt*>(f->post)->define)
        throw SyntaxError{f->post->pos, 0,
                          "syntax error: cannot declare in post statement of for loop"};
    }
    st.push(f);
  }
};
template <>
struct Act<case_clause> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto body = st.popToMark();
    auto head = st.popToMark();
    auto* c = st.make<CaseClause>(posIn(in));
    for (auto& it : head) {
      if (it.tag == T_DEFAULT)
        c->isDefault = true;
      else
        c->list.push_back(static_cast<Expr*>(it.n));
    }
    for (auto& it : body) c->body.push_back(static_cast<Stmt*>(it.n));
    st.push(c, T_CLAUSE);
  }
};
template <>
struct Act<comm_clause> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto body = st.popToMark();
    auto head = st.popToMark();
    auto* c = st.make<CommClause>(posIn(in));
    if (!head.empty() && head[0].tag == T_NODE) c->comm = static_cast<Stmt*>(head[0].n);
    for (auto& it : body) c->body.push_back(static_cast<Stmt*>(it.n));
    st.push(c, T_CLAUSE);
  }
};
bool isTypeSwitchGuard(Expr* e) {
  return e && e->kind == ExprKind::TypeAssert && !static_cast<TypeAssertExpr*>(e)->typeExpr;
}
template <>
struct Act<switch_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    size_t i = 0;
    Header h = splitHeader(items, i);
    std::vector<CaseClause*> clauses;
    Pos rbrace;
    for (; i < items.size(); ++i) {
      if (items[i].tag == T_CLAUSE)
        clauses.push_back(static_cast<CaseClause*>(items[i].n));
      else if (items[i].tag == T_POS)
        rbrace = items[i].pos;
    }
    Stmt* tag = h.cond;
    Ident* binding = nullptr;
    Expr* guard = nullptr;
    if (tag && tag->kind == StmtKind::Assign) {
      auto* a = static_cast<AssignStmt*>(tag);
      if (a->define && a->lhs.size() == 1 && a->rhs.size() == 1 && isTypeSwitchGuard(a->rhs[0])) {
        binding = static_cast<Ident*>(a->lhs[0]);
        guard = a->rhs[0];
      }
    } else if (tag && tag->kind == StmtKind::ExprS &&
               isTypeSwitchGuard(static_cast<ExprStmt*>(tag)->x)) {
      guard = static_cast<ExprStmt*>(tag)->x;
    }
    if (guard) {
      auto* s = st.make<TypeSwitchStmt>(posIn(in));
      s->init = h.init;
      s->binding = binding;
      s->assert = static_cast<TypeAssertExpr*>(guard);
      s->clauses = std::move(clauses);
      st.push(s);
      return;
    }
    auto* s = st.make<SwitchStmt>(posIn(in));
    s->init = h.init;
    s->tag = condOf(tag);
    s->clauses = std::move(clauses);
    st.push(s);
  }
};
template <>
struct Act<select_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* s = st.make<SelectStmt>(posIn(in));
    for (auto& it : items)
      if (it.tag == T_CLAUSE) s->clauses.push_back(static_cast<CommClause*>(it.n));
    st.push(s);
  }
};

// --- declarations

template <>
struct Act<const_spec> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto values = st.popToMark();
    auto type = st.popToMark();
    auto names = st.popToMark();
    auto* v = st.make<ValueSpec>(posIn(in));
    for (auto& it : names) v->names.push_back(static_cast<Ident*>(it.n));
    if (!type.empty()) v->type = static_cast<Expr*>(type[0].n);
    v->values = exprsOf(values);
    st.push(v);
  }
};
template <>
struct Act<var_spec> : Act<const_spec> {};
template <>
struct Act<type_spec> {
  template <class In>
  static void apply(const In& in, State& st) {
    Expr* t = st.popExpr();
    auto* s = st.make<TypeSpec>(posIn(in));
    if (st.stk.back().tag == T_ALIAS) {
      st.pop();
      s->alias = true;
    }
    if (st.stk.back().tag == T_TPARAMS)
      s->typeParams = static_cast<FuncTypeExpr*>(st.pop().n)->params;
    s->name = static_cast<Ident*>(st.pop().n);
    s->type = t;
    st.push(s);
  }
};
template <>
struct Act<import_spec> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* s = st.make<ImportSpec>(posIn(in));
    auto* lit = static_cast<BasicLit*>(items.back().n);
    s->path = decodeStringLit(lit->raw);
    if (items.size() == 2) {
      if (items[0].tag == T_DOTS) {
        auto* dot = st.make<Ident>(items[0].pos);
        dot->name = ".";
        s->name = dot;
      } else {
        s->name = static_cast<Ident*>(items[0].n);
      }
    }
    st.push(s);
  }
};
template <DeclTok K>
void genDecl(State& st, Pos p) {
  auto items = st.popToMark();
  auto* g = st.make<GenDecl>(p);
  g->tok = K;
  int iota = 0;
  for (auto& it : items) {
    auto* spec = static_cast<Spec*>(it.n);
    if (K == DeclTok::Const) static_cast<ValueSpec*>(spec)->iota = iota++;
    g->specs.push_back(spec);
  }
  st.push(g, T_DECL);
}
template <>
struct Act<const_decl> {
  template <class In>
  static void apply(const In& in, State& st) {
    genDecl<DeclTok::Const>(st, posIn(in));
  }
};
template <>
struct Act<var_decl> {
  template <class In>
  static void apply(const In& in, State& st) {
    genDecl<DeclTok::Var>(st, posIn(in));
  }
};
template <>
struct Act<type_decl> {
  template <class In>
  static void apply(const In& in, State& st) {
    genDecl<DeclTok::Type>(st, posIn(in));
  }
};
template <>
struct Act<import_decl> {
  template <class In>
  static void apply(const In& in, State& st) {
    genDecl<DeclTok::Import>(st, posIn(in));
    auto* g = static_cast<GenDecl*>(st.pop().n);
    for (Spec* s : g->specs) st.file->imports.push_back(static_cast<ImportSpec*>(s));
    st.file->items.push_back(TopLevel{g, nullptr, nullptr});
  }
};
template <>
struct Act<decl_stmt> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto* d = st.make<DeclStmt>(posIn(in));
    d->decl = static_cast<GenDecl*>(st.pop().n);
    st.push(d);
  }
};
template <>
struct Act<func_decl> {
  template <class In>
  static void apply(const In& in, State& st) {
    auto items = st.popToMark();
    auto* f = st.make<FuncDecl>(posIn(in));
    size_t i = 0;
    if (items[i].tag == T_PARAMS) {
      auto* holder = static_cast<FuncTypeExpr*>(items[i++].n);
      if (holder->params.size() == 1 && holder->params[0]->names.size() <= 1) {
        f->recv = holder->params[0];
      } else {
        throw SyntaxError{
            holder->pos, 0,
            holder->params.empty() ? "method has no receiver" : "method has multiple receivers"};
      }
    }
    f->name = static_cast<Ident*>(items[i++].n);
    if (items[i].tag == T_TPARAMS) {
      f->typeParams = static_cast<FuncTypeExpr*>(items[i++].n)->params;
      if (f->recv)
        throw SyntaxError{f->typeParams[0]->pos, 0,
                          "syntax error: method must have no type parameters"};
    }
    f->sig = static_cast<FuncTypeExpr*>(items[i++].n);
    f->sig->pos = f->pos;
    if (i < items.size()) f->body = static_cast<BlockStmt*>(items[i].n);
    st.file->items.push_back(TopLevel{nullptr, f, nullptr});
  }
};
template <>
struct Act<script_func_decl> : Act<func_decl> {};
template <>
struct Act<top_func> {
  template <class In>
  static void apply(const In& in, State& st) {
    Act<func_decl>::apply(in, st);
    st.sawNonImport = true;
  }
};
template <>
struct Act<top_gen> {
  static void apply0(State& st) {
    st.sawNonImport = true;
    st.file->items.push_back(TopLevel{static_cast<GenDecl*>(st.pop().n), nullptr, nullptr});
  }
};
template <>
struct Act<top_stmt> {
  static void apply0(State& st) {
    st.file->items.push_back(TopLevel{nullptr, nullptr, static_cast<Stmt*>(st.pop().n)});
  }
};
template <>
struct Act<late_import> {
  template <class In>
  static void apply(const In& in, State&) {
    throw SyntaxError{posIn(in), 0, "syntax error: imports must appear before other declarations"};
  }
};
template <>
struct Act<stray_lbrace> {
  template <class In>
  static void apply(const In& in, State& st) {
    bool afterBodyless =
        !st.file->items.empty() && st.file->items.back().func && !st.file->items.back().func->body;
    throw SyntaxError{posIn(in), 0,
                      afterBodyless
                          ? "syntax error: unexpected semicolon or newline before {"
                          : "syntax error: non-declaration statement outside function body"};
  }
};
template <>
struct Act<pkg_name> {
  static void apply0(State& st) { st.file->packageName = static_cast<Ident*>(st.pop().n); }
};
template <>
struct Act<k_package> {
  static void apply0(State& st) { st.file->scriptMode = false; }
};

// ------------------------------------------------------------------ driver

Pos posAtOffset(const std::string& src, size_t off) {
  Pos p{1, 1};
  for (size_t i = 0; i < off && i < src.size(); ++i) {
    if (src[i] == '\n') {
      ++p.line;
      p.col = 1;
    } else {
      ++p.col;
    }
  }
  return p;
}

// Go's scanner reports NUL bytes and invalid UTF-8 wherever they are.
void prescan(const std::string& src, State& st) {
  uint32_t line = 1, col = 1;
  const auto* s = reinterpret_cast<const unsigned char*>(src.data());
  size_t n = src.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    size_t len = 1;
    if (c == 0) {
      st.lexErrs.emplace(i, std::make_pair(Pos{line, col}, "invalid NUL character"));
    } else if (c >= 0x80) {
      size_t need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool ok = need != 0 && i + need <= n && c >= 0xC2 && c <= 0xF4;
      for (size_t k = 1; ok && k < need; ++k) ok = (s[i + k] & 0xC0) == 0x80;
      if (ok && need == 3) {
        uint32_t r = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
        ok = r >= 0x800 && !(r >= 0xD800 && r <= 0xDFFF);
      } else if (ok && need == 4) {
        uint32_t r = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                     (s[i + 3] & 0x3F);
        ok = r >= 0x10000 && r <= 0x10FFFF;
      }
      if (ok)
        len = need;
      else
        st.lexErrs.emplace(i, std::make_pair(Pos{line, col}, "invalid UTF-8 encoding"));
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      col += len;
    }
    i += len;
  }
}

template <class Rule>
bool runParse(File& file, const std::string& source, State& st, Diagnostics& diags) {
  st.file = &file;
  st.begin = source.data();
  prescan(source, st);
  std::optional<SyntaxError> err;
  try {
    pg::memory_input<pg::tracking_mode::eager, pg::eol::lf_crlf> in(source.data(), source.size(),
                                                                    file.filename);
    if (!pg::parse<Rule, Act, Ctl>(in, st))
      err = SyntaxError{posAtOffset(source, source.size()), source.size(),
                        "syntax error: unexpected EOF"};
  } catch (const SyntaxError& e) {
    err = e;
  } catch (const std::exception& e) {
    err = SyntaxError{Pos{1, 1}, 0, std::string("syntax error: ") + e.what()};
  }
  std::vector<std::pair<Pos, std::string>> out;
  auto before = [](Pos a, Pos b) {
    return a.line < b.line || (a.line == b.line && a.col <= b.col);
  };
  for (auto& [off, pm] : st.lexErrs)
    if (!err || before(pm.first, err->pos)) out.push_back(pm);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first.line < b.first.line ||
           (a.first.line == b.first.line && a.first.col < b.first.col);
  });
  if (err) out.emplace_back(err->pos, err->msg);
  for (auto& [pos, msg] : out) {
    if (diags.full()) break;
    diags.add(file.filename, pos, msg);
  }
  return out.empty();
}

}  // namespace

std::unique_ptr<File> parseFile(const std::string& filename, const std::string& source,
                                Diagnostics& diags) {
  auto file = std::make_unique<File>();
  file->filename = filename;
  file->scriptMode = true;
  // Go skips a byte order mark that starts the file and rejects one
  // anywhere else; both are blanked here (three spaces keep the columns,
  // which Go counts in bytes, BOM included).
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  std::string blanked;
  State st;
  for (size_t at = source.find(kBom); at != std::string::npos; at = source.find(kBom, at + 3)) {
    if (blanked.empty()) blanked = source;
    blanked.replace(at, 3, "   ");
    if (at > 0)
      st.lexErrs.emplace(
          at, std::make_pair(posAtOffset(source, at), "invalid BOM in the middle of the file"));
  }
  bool ok = runParse<file_rule>(*file, blanked.empty() ? source : blanked, st, diags);
  if (!ok) return nullptr;
  for (auto& [offset, d] : st.embedDirectives) file->embedDirectives.push_back(std::move(d));
  return file;
}

Expr* parseTypeExpr(File& file, const std::string& text, Diagnostics& diags) {
  State st;
  if (!runParse<type_only>(file, text, st, diags) || st.stk.empty()) return nullptr;
  return static_cast<Expr*>(st.stk.back().n);
}

}  // namespace gol
