// `//go:embed` directives: placement (the compiler's checkEmbed rules) and
// pattern resolution (the go command's resolveEmbed rules), with Go's texts.
#include "lang/syntax/embed.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <string_view>

#include "lang/syntax/literals.hpp"

namespace gol {
namespace {

// ------------------------------------------------------------ arguments

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v';
}

// Splits a directive's arguments as Go's parseGoEmbed does: words separated
// by spaces, or "quoted" / `raw` strings. Offsets are from the start of args.
bool splitPatterns(std::string_view args, std::vector<std::pair<size_t, std::string>>& out,
                   std::string& error) {
  size_t i = 0;
  auto skipSpace = [&] {
    while (i < args.size() && isSpace(args[i])) i++;
  };
  auto bad = [&](std::string_view rest) {
    error = "invalid quoted string in //go:embed: " + std::string(rest);
    out.clear();
    return false;
  };
  for (skipSpace(); i < args.size(); skipSpace()) {
    size_t start = i;
    std::string path;
    if (args[i] == '`') {
      size_t close = args.find('`', i + 1);
      if (close == std::string_view::npos) return bad(args.substr(i));
      path = std::string(args.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (args[i] == '"') {
      size_t j = i + 1;
      for (; j < args.size(); j++) {
        if (args[j] == '\\') {
          j++;
          continue;
        }
        if (args[j] == '"') break;
      }
      if (j >= args.size()) return bad(args.substr(i));
      path = decodeStringLit(args.substr(i, j + 1 - i));
      i = j + 1;
    } else {
      while (i < args.size() && !isSpace(args[i])) i++;
      path = std::string(args.substr(start, i - start));
    }
    if (i < args.size() && !isSpace(args[i])) return bad(args.substr(i));
    out.push_back({start, std::move(path)});
  }
  return true;
}

// ------------------------------------------------------------ path.Match

// One rune of a class range (Go's getEsc): false on a malformed pattern.
bool classChar(std::string_view& p, uint32_t& r) {
  if (p.empty() || p[0] == '-' || p[0] == ']') return false;
  if (p[0] == '\\') {
    p.remove_prefix(1);
    if (p.empty()) return false;
  }
  size_t n = 1;
  unsigned char c = (unsigned char)p[0];
  r = c;
  if (c >= 0x80) {
    n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (p.size() < n) return false;
    r = c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; k++) r = (r << 6) | ((unsigned char)p[k] & 0x3F);
  }
  p.remove_prefix(n);
  return !p.empty();
}

// A [class] at the start of p (after '['): whether r is in it; false in
// `ok` when malformed.
bool matchClass(std::string_view& p, uint32_t r, bool& ok) {
  bool negated = !p.empty() && p[0] == '^';
  if (negated) p.remove_prefix(1);
  bool in = false;
  for (int n = 0;; n++) {
    if (!p.empty() && p[0] == ']' && n > 0) {
      p.remove_prefix(1);
      break;
    }
    uint32_t lo, hi;
    if (!classChar(p, lo)) return ok = false;
    hi = lo;
    if (p[0] == '-') {
      p.remove_prefix(1);
      if (!classChar(p, hi)) return ok = false;
    }
    if (lo <= r && r <= hi) in = true;
  }
  return in != negated;
}

uint32_t nextRune(std::string_view& s) {
  std::string_view p = s;
  uint32_t r = 0;
  unsigned char c = (unsigned char)p[0];
  size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (n > s.size()) n = 1;
  r = n == 1 ? c : c & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; k++) r = (r << 6) | ((unsigned char)p[k] & 0x3F);
  s.remove_prefix(n);
  return r;
}

// Whether the whole pattern is well formed (path.Match's ErrBadPattern).
bool validGlob(std::string_view p) {
  while (!p.empty()) {
    char c = p[0];
    p.remove_prefix(1);
    if (c == '\\') {
      if (p.empty()) return false;
      nextRune(p);
    } else if (c == '[') {
      bool ok = true;
      matchClass(p, 0, ok);
      if (!ok) return false;
    }
  }
  return true;
}

// path.Match for one path element (the pattern is known to be valid).
bool globMatch(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    char c = p[0];
    if (c == '*') {
      while (!p.empty() && p[0] == '*') p.remove_prefix(1);
      if (p.empty()) return true;
      for (size_t i = 0; i <= s.size(); i++)
        if (globMatch(p, s.substr(i))) return true;
      return false;
    }
    if (s.empty()) return false;
    p.remove_prefix(1);
    if (c == '?') {
      nextRune(s);
    } else if (c == '[') {
      bool ok = true;
      if (!matchClass(p, nextRune(s), ok)) return false;
    } else {
      if (c == '\\') {
        c = p[0];
        p.remove_prefix(1);
      }
      if (s[0] != c) return false;
      s.remove_prefix(1);
    }
  }
  return s.empty();
}

bool hasMeta(std::string_view s) {
  return s.find_first_of("*?[\\") != std::string_view::npos;
}

// ------------------------------------------------------------ files

std::vector<std::string> splitPath(std::string_view p) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= p.size(); i++)
    if (i == p.size() || p[i] == '/') {
      out.emplace_back(p.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// fs.ValidPath, less ".": no empty, "." or ".." element, no leading slash.
bool validEmbedPattern(std::string_view glob) {
  if (glob.empty() || glob == ".") return false;
  for (const std::string& e : splitPath(glob))
    if (e.empty() || e == "." || e == "..") return false;
  return true;
}

// Names a module cannot hold (module.CheckFilePath) and VCS directories.
bool isBadEmbedName(const std::string& name) {
  static const std::set<std::string> vcs = {".bzr", ".hg", ".git", ".svn"};
  if (name.empty() || name == "." || name == ".." || vcs.count(name)) return true;
  if (name.back() == '.') return true;
  for (unsigned char c : name) {
    if (c >= 0x80) continue;
    if (std::isalnum(c)) continue;
    if (!std::strchr("!#$%&()+,-.=@[]^_{}~ ", c)) return true;
  }
  std::string stem = name.substr(0, name.find('.'));
  for (char& c : stem) c = char(std::toupper((unsigned char)c));
  static const std::set<std::string> reserved = {"CON", "PRN", "AUX", "NUL"};
  if (reserved.count(stem)) return true;
  if (stem.size() == 4 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0) &&
      stem[3] >= '1' && stem[3] <= '9')
    return true;
  return false;
}

std::string joinRel(const std::string& a, const std::string& b) {
  return a.empty() ? b : a + "/" + b;
}

std::vector<std::string> listDir(const std::string& path) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(path.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Resolver {
 public:
  explicit Resolver(std::string dir) : dir_(dir.empty() ? "." : std::move(dir)) {}

  // The files `pattern` names, sorted; Go's error text (without the
  // "pattern P: " prefix) on failure.
  bool resolve(const std::string& pattern, std::vector<std::string>& list, std::string& err) {
    bool all = pattern.compare(0, 4, "all:") == 0;
    std::string glob = all ? pattern.substr(4) : pattern;
    if (!validGlob(glob) || !validEmbedPattern(glob)) {
      err = "invalid pattern syntax";
      return false;
    }
    std::vector<std::string> matches;
    expand(splitPath(glob), 0, "", matches);
    std::set<std::string> have;
    for (const std::string& rel : matches) {
      struct stat st;
      if (::lstat(abs(rel).c_str(), &st) != 0) continue;
      const char* what = S_ISDIR(st.st_mode) ? "directory" : "file";
      if (!checkParents(rel, what, err)) return false;
      if (S_ISREG(st.st_mode)) {
        have.insert(rel);
      } else if (S_ISDIR(st.st_mode)) {
        size_t count = 0;
        walk(rel, all, have, count);
        if (count == 0) {
          err = "cannot embed directory " + rel + ": contains no embeddable files";
          return false;
        }
      } else {
        err = "cannot embed irregular file " + rel;
        return false;
      }
    }
    if (have.empty()) {
      err = "no matching files found";
      return false;
    }
    list.assign(have.begin(), have.end());
    return true;
  }

  bool read(const std::string& rel, std::string& data, std::string& err) {
    int fd = ::open(abs(rel).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      err = "open " + rel + ": " + std::strerror(errno);
      return false;
    }
    data.clear();
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        err = "read " + rel + ": " + std::strerror(errno);
        ::close(fd);
        return false;
      }
      if (n == 0) break;
      data.append(buf, size_t(n));
    }
    ::close(fd);
    return true;
  }

 private:
  std::string abs(const std::string& rel) const { return dir_ + "/" + rel; }
  bool exists(const std::string& rel) const {
    struct stat st;
    return ::lstat(abs(rel).c_str(), &st) == 0;
  }

  // filepath.Glob, element by element: the relative paths that exist.
  void expand(const std::vector<std::string>& elems, size_t i, const std::string& prefix,
              std::vector<std::string>& out) {
    if (i == elems.size()) {
      if (exists(prefix)) out.push_back(prefix);
      return;
    }
    if (!hasMeta(elems[i])) {
      expand(elems, i + 1, joinRel(prefix, elems[i]), out);
      return;
    }
    for (const std::string& name : listDir(prefix.empty() ? dir_ : abs(prefix)))
      if (globMatch(elems[i], name)) expand(elems, i + 1, joinRel(prefix, name), out);
  }

  // The directories from `rel` up to (not including) the source's: none may
  // start another module, be a non-directory or have a bad name.
  bool checkParents(const std::string& rel, const char* what, std::string& err) {
    for (std::string d = rel; !d.empty() && !dirOK_.count(d);) {
      if (exists(d + "/go.mod")) {
        err = std::string("cannot embed ") + what + " " + rel + ": in different module";
        return false;
      }
      struct stat st;
      if (d != rel && ::lstat(abs(d).c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
        err = std::string("cannot embed ") + what + " " + rel + ": in non-directory " + d;
        return false;
      }
      dirOK_.insert(d);
      size_t slash = d.rfind('/');
      std::string elem = slash == std::string::npos ? d : d.substr(slash + 1);
      if (isBadEmbedName(elem)) {
        err = std::string("cannot embed ") + what + " " + rel +
              (d == rel ? ": invalid name " : ": in invalid directory ") + elem;
        return false;
      }
      d = slash == std::string::npos ? "" : d.substr(0, slash);
    }
    return true;
  }

  // The regular files under a matched directory, in lexical order, less
  // hidden ones (unless all:), bad names and nested modules.
  void walk(const std::string& rel, bool all, std::set<std::string>& have, size_t& count) {
    for (const std::string& name : listDir(abs(rel))) {
      std::string p = rel + "/" + name;
      if (isBadEmbedName(name) || ((name[0] == '.' || name[0] == '_') && !all)) continue;
      struct stat st;
      if (::lstat(abs(p).c_str(), &st) != 0) continue;
      if (S_ISDIR(st.st_mode)) {
        if (!exists(p + "/go.mod")) walk(p, all, have, count);
      } else if (S_ISREG(st.st_mode)) {
        count++;
        have.insert(p);
      }
    }
  }

  std::string dir_;
  std::set<std::string> dirOK_;
};

// ------------------------------------------------------------ placement

// Where each line of the source starts, to find the code below a directive.
class Lines {
 public:
  explicit Lines(const std::string& src) : src_(src) {
    starts_.push_back(0);
    for (size_t i = 0; i < src.size(); i++)
      if (src[i] == '\n') starts_.push_back(i + 1);
  }
  // The text of line n (1-based) without leading blanks.
  std::string_view trimmed(uint32_t n) const {
    if (n == 0 || n > starts_.size()) return {};
    size_t b = starts_[n - 1], e = n < starts_.size() ? starts_[n] : src_.size();
    std::string_view s(src_.data() + b, e - b);
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    return s;
  }
  // The first line after `line` that holds code (not blank, not a comment).
  uint32_t nextCode(uint32_t line) const {
    for (uint32_t n = line + 1; n <= starts_.size(); n++) {
      std::string_view t = trimmed(n);
      if (!t.empty() && t.substr(0, 2) != "//") return n;
    }
    return 0;
  }

 private:
  const std::string& src_;
  std::vector<size_t> starts_;
};

bool startsWithVar(std::string_view t) {
  return t.size() > 3 && t.substr(0, 3) == "var" && (isSpace(t[3]) || t[3] == '(');
}

}  // namespace

bool resolveEmbeds(File& file, const std::string& source, const std::string& dir,
                   Diagnostics& diags) {
  if (file.embedDirectives.empty()) return true;
  size_t before = diags.list.size();
  bool haveEmbed = false;
  for (ImportSpec* imp : file.imports) haveEmbed |= imp->path == "embed";

  // The package-level var specs (and the var declarations of functions) by
  // the line they start on.
  std::map<uint32_t, std::pair<GenDecl*, ValueSpec*>> varLines;
  std::vector<std::pair<uint32_t, uint32_t>> funcBodies;
  for (TopLevel& item : file.items) {
    if (item.gen && item.gen->tok == DeclTok::Var && !file.scriptMode) {
      for (Spec* sp : item.gen->specs)
        varLines[sp->pos.line] = {item.gen, static_cast<ValueSpec*>(sp)};
      if (!item.gen->specs.empty())
        varLines.emplace(item.gen->pos.line,
                         std::pair{item.gen, static_cast<ValueSpec*>(item.gen->specs[0])});
    } else if (item.func && item.func->body) {
      funcBodies.push_back({item.func->pos.line, item.func->body->rbrace.line});
    } else if (item.gen && item.gen->tok == DeclTok::Var) {
      funcBodies.push_back({item.gen->pos.line, item.gen->pos.line});  // script mode: a statement
    }
  }

  Lines lines(source);
  std::map<ValueSpec*, EmbedSpec*> embeds;
  std::vector<ValueSpec*> order;
  std::set<ValueSpec*> rejected;
  for (const EmbedDirective& d : file.embedDirectives) {
    std::vector<std::pair<size_t, std::string>> words;
    std::string err;
    if (!splitPatterns(d.args, words, err)) diags.add(file.filename, d.pos, err);
    if (words.empty()) {
      diags.add(file.filename, d.pos, "usage: //go:embed pattern...");
      continue;
    }
    uint32_t code = lines.nextCode(d.pos.line);
    auto it = varLines.find(code);
    if (it == varLines.end()) {
      bool inFunc = false;
      for (auto [from, to] : funcBodies) inFunc |= from <= code && code <= to;
      if (inFunc && startsWithVar(lines.trimmed(code))) {
        diags.add(file.filename, d.pos,
                  haveEmbed ? "go:embed cannot apply to var inside func"
                            : "go:embed only allowed in Go files that import \"embed\"");
      } else {
        diags.add(file.filename, d.pos, "misplaced go:embed directive");
      }
      continue;
    }
    ValueSpec* spec = it->second.second;
    if (rejected.count(spec)) continue;
    EmbedSpec*& e = embeds[spec];
    if (!e) {
      const char* problem = !haveEmbed ? "go:embed only allowed in Go files that import \"embed\""
                            : spec->names.size() > 1 ? "go:embed cannot apply to multiple vars"
                            : !spec->values.empty()
                                ? "go:embed cannot apply to var with initializer"
                            : !spec->type ? "go:embed cannot apply to var without type"
                                          : nullptr;
      if (problem) {
        diags.add(file.filename, d.pos, problem);
        rejected.insert(spec);
        embeds.erase(spec);
        continue;
      }
      e = file.arena.make<EmbedSpec>();
      e->pos = d.pos;
      order.push_back(spec);
    }
    uint32_t argsCol = d.pos.col + uint32_t(std::strlen("go:embed"));
    for (auto& [offset, text] : words)
      e->patterns.push_back({Pos{d.pos.line, argsCol + uint32_t(offset)}, std::move(text)});
  }
  if (diags.list.size() != before) return false;

  Resolver resolver(dir);
  for (ValueSpec* spec : order) {
    EmbedSpec* e = embeds[spec];
    std::set<std::string> names;
    bool ok = true;
    for (const EmbedSpec::Pattern& p : e->patterns) {
      std::vector<std::string> list;
      std::string err;
      if (!resolver.resolve(p.text, list, err)) {
        diags.add(file.filename, p.pos, "pattern " + p.text + ": " + err);
        ok = false;
        break;
      }
      names.insert(list.begin(), list.end());
    }
    if (!ok) continue;
    for (const std::string& name : names) {
      EmbedSpec::EmbeddedFile f{name, {}};
      std::string err;
      if (!resolver.read(name, f.data, err)) {
        diags.add(file.filename, e->patterns[0].pos, "pattern " + e->patterns[0].text + ": " + err);
        break;
      }
      e->files.push_back(std::move(f));
    }
    spec->embed = e;
  }
  return diags.list.size() == before;
}

}  // namespace gol
