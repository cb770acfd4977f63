// encoding/json's struct fields and methods (see json_fields.hpp).
#include "runtime/lib/json_fields.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "runtime/lib/json_scan.hpp"
#include "vm/vm.hpp"

namespace gol::lib::json {

using vm::RtKind;

namespace {

// Go's isValidTag: letters, digits and a set of punctuation.
bool isValidTagName(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c)) continue;
    if (!std::strchr("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c)) return false;
  }
  return true;
}

bool hasOption(const std::string& opts, const char* want) {
  size_t i = 0;
  while (i <= opts.size() && !opts.empty()) {
    size_t j = opts.find(',', i);
    if (j == std::string::npos) j = opts.size();
    if (opts.compare(i, j - i, want) == 0) return true;
    i = j + 1;
  }
  return false;
}

std::string asciiLower(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  return out;
}

}  // namespace

TypeCache::TypeCache(const vm::TypeInfo& ti) : ti_(&ti) {
  resolve();
}

void TypeCache::resolve() {
  const vm::TypeInfo& ti = *ti_;
  typesSeen_ = ti.program().types.size();
  methods_.marshalJSON = ti.methodKey("MarshalJSON", "func() ([]uint8, error)");
  methods_.marshalText = ti.methodKey("MarshalText", "func() ([]uint8, error)");
  methods_.unmarshalJSON = ti.methodKey("UnmarshalJSON", "func([]uint8) error");
  methods_.unmarshalText = ti.methodKey("UnmarshalText", "func([]uint8) error");
  methods_.isZero = ti.methodKey("IsZero", "func() bool");
  const auto& ts = ti.program().types;
  for (uint32_t t = vm::kFirstDynamicTid; t < ts.size(); ++t)
    if (ts[t].name == "json.Number") numberTid = t;
  anySliceTid = ti.sliceOf(vm::kTidAny);
  anyMapTid = ti.mapOf(vm::kTidString, vm::kTidAny);
}

const StructFields& TypeCache::fields(uint32_t structTid) {
  auto it = fields_.find(structTid);
  if (it != fields_.end()) return *it->second;
  const vm::TypeInfo& ti = *ti_;
  struct Pending {
    uint32_t tid;
    std::vector<Field::Step> path;
  };
  std::vector<Pending> current, next{{structTid, {}}};
  std::map<uint32_t, int> count, nextCount;
  std::map<uint32_t, bool> visited;
  std::vector<Field> found;
  while (!next.empty()) {
    current.swap(next);
    next.clear();
    count.swap(nextCount);
    nextCount.clear();
    for (const Pending& f : current) {
      if (visited[f.tid]) continue;
      visited[f.tid] = true;
      const vm::RtType& st = ti.under(f.tid);
      for (uint32_t i = 0; i < st.fields.size(); ++i) {
        const vm::RtField& sf = st.fields[i];
        if (sf.embedded) {
          uint32_t t = sf.tid;
          if (ti.kind(t) == RtKind::Pointer) t = ti.under(t).elem;
          if (!sf.exported && ti.kind(t) != RtKind::Struct) continue;
        } else if (!sf.exported) {
          continue;
        }
        std::string tag;
        vm::structTagLookup(sf.tag, "json", &tag);
        if (tag == "-") continue;
        size_t comma = tag.find(',');
        std::string name = tag.substr(0, comma);
        std::string opts = comma == std::string::npos ? "" : tag.substr(comma + 1);
        if (!isValidTagName(name)) name.clear();
        std::vector<Field::Step> path = f.path;
        path.push_back({i, sf.tid, sf.exported});
        uint32_t ft = sf.tid;
        if (!ti.type(ft).named && ti.kind(ft) == RtKind::Pointer) ft = ti.under(ft).elem;
        bool quoted = false;
        if (hasOption(opts, "string")) {
          RtKind k = ti.kind(ft);
          quoted = (k >= RtKind::Bool && k <= RtKind::Float64) || k == RtKind::String;
        }
        if (!name.empty() || !sf.embedded || ti.kind(ft) != RtKind::Struct) {
          Field fd;
          fd.tagged = !name.empty();
          fd.name = name.empty() ? sf.name : name;
          fd.lowerName = asciiLower(fd.name);
          fd.path = std::move(path);
          fd.tid = sf.tid;
          fd.omitEmpty = hasOption(opts, "omitempty");
          fd.omitZero = hasOption(opts, "omitzero");
          fd.quoted = quoted;
          fd.keyNonEsc = "\"" + fd.name + "\":";
          fd.keyEsc = "\"";
          htmlEscape(fd.keyEsc, fd.name);
          fd.keyEsc += "\":";
          found.push_back(fd);
          if (count[f.tid] > 1) found.push_back(found.back());
          continue;
        }
        if (++nextCount[ft] == 1) next.push_back({ft, std::move(path)});
      }
    }
  }
  auto byIndex = [](const Field& a, const Field& b) {
    size_t n = std::min(a.path.size(), b.path.size());
    for (size_t k = 0; k < n; ++k)
      if (a.path[k].idx != b.path[k].idx) return a.path[k].idx < b.path[k].idx;
    return a.path.size() < b.path.size();
  };
  std::stable_sort(found.begin(), found.end(), [&](const Field& a, const Field& b) {
    if (a.name != b.name) return a.name < b.name;
    if (a.path.size() != b.path.size()) return a.path.size() < b.path.size();
    if (a.tagged != b.tagged) return a.tagged;
    return byIndex(a, b);
  });
  auto out = std::make_unique<StructFields>();
  for (size_t i = 0; i < found.size();) {
    size_t j = i + 1;
    while (j < found.size() && found[j].name == found[i].name) ++j;
    // Go's dominantField: the shallowest wins unless two share its depth
    // and its taggedness.
    if (j - i == 1 || !(found[i].path.size() == found[i + 1].path.size() &&
                        found[i].tagged == found[i + 1].tagged))
      out->list.push_back(found[i]);
    i = j;
  }
  std::stable_sort(out->list.begin(), out->list.end(), byIndex);
  for (size_t k = 0; k < out->list.size(); ++k) out->byName.emplace(out->list[k].name, k);
  auto& slot = fields_[structTid];
  slot = std::move(out);
  return *slot;
}

TypeCache& typeCache(vm::TypeInfo& ti) {
  // One cache per loaded program (tests may run several in one process).
  static std::map<const vm::Program*, std::unique_ptr<TypeCache>> caches;
  auto& c = caches[&ti.program()];
  if (!c) c = std::make_unique<TypeCache>(ti);
  c->rebind(ti);
  // The REPL appends types (and method names) as entries are run.
  if (c->typesSeen() != ti.program().types.size()) c->resolve();
  return *c;
}

}  // namespace gol::lib::json
