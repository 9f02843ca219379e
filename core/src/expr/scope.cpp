// expr/scope.cpp -- dotted paths and walking them through JSON.
#include "kws/expr/scope.h"

namespace kws {

PathSegments SplitPath(std::string_view dotted) {
  PathSegments out;
  if (dotted.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) {
      out.emplace_back(dotted.substr(start));
      break;
    }
    out.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

std::string JoinPath(const PathSegments& segments) {
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i) out += '.';
    out += segments[i];
  }
  return out;
}

namespace {

// Decimal array index without sign, leading '+' or overflow; "01" is accepted like JS does not
// (JS treats "01" as a property name) -- we follow JS and reject leading zeros.
bool ParseIndex(const std::string& s, size_t* out) {
  if (s.empty() || s.size() > 18) return false;
  if (s.size() > 1 && s[0] == '0') return false;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

const Json* WalkPath(const Json& root, const PathSegments& segments, size_t from) {
  const Json* cur = &root;
  for (size_t i = from; i < segments.size(); ++i) {
    const std::string& seg = segments[i];
    if (cur->is_object()) {
      auto it = cur->find(seg);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t index;
      if (!ParseIndex(seg, &index) || index >= cur->size()) return nullptr;
      cur = &(*cur)[index];
    } else {
      return nullptr;
    }
  }
  return cur;
}

}  // namespace kws
