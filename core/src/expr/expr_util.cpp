// expr/expr_util.cpp -- numbers, casting comparisons, text utilities and deterministic ids.
//
// Index of this file:
// [SECTION] Numbers
// [SECTION] Comparison with casting
// [SECTION] Text
// [SECTION] Randomness
#include "expr/expr_internal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace kws::expr_internal {

const Json& NullJson() {
  static const Json kNull;
  return kNull;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Numbers
//-------------------------------------------------------------------------------------------
// - ParseNumber()
// - AsNumber()
// - NumberJson()

bool ParseNumber(std::string_view text, double* out) {
  std::string_view s = TrimView(text);
  if (s.empty() || s.size() > 64) return false;
  // Validate the JS numeric-literal shape first: strtod alone would accept "inf", "0x1p3"...
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != s.size()) return false;
  char buf[72];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  double d = std::strtod(buf, nullptr);
  if (!std::isfinite(d)) return false;
  *out = d;
  return true;
}

std::optional<double> AsNumber(const Json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    double d;
    if (ParseNumber(j.get_ref<const std::string&>(), &d)) return d;
  }
  return std::nullopt;
}

Json NumberJson(double d) {
  if (!std::isfinite(d)) return Json();
  if (d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) {
    if (d == 0) return Json(0);  // also folds -0
    return Json(static_cast<int64_t>(d));
  }
  return Json(d);
}

//-------------------------------------------------------------------------------------------
// [SECTION] Comparison with casting
//-------------------------------------------------------------------------------------------
// - LooseEquals() / EqualsAt() [Internal]
// - LooseCompare()
// - LooseContains()
// - Exists() / IsEmptyValue()

namespace {

// Past this nesting, values compare unequal rather than recursing further (user data).
constexpr int kMaxCompareDepth = 200;

bool IsNull(const Json* v) { return v == nullptr || v->is_null(); }

int CompareNumbers(const Json& a, const Json& b) {
  // Exact for two integers (ids as numbers can exceed 2^53).
  if (a.is_number_integer() && b.is_number_integer()) {
    if (a.is_number_unsigned() || b.is_number_unsigned()) {
      // Compare via signedness: an unsigned is >= 0.
      if (a.is_number_unsigned() && b.is_number_unsigned()) {
        uint64_t x = a.get<uint64_t>(), y = b.get<uint64_t>();
        return x < y ? -1 : x > y ? 1 : 0;
      }
      if (a.is_number_unsigned()) {
        int64_t y = b.get<int64_t>();
        if (y < 0) return 1;
        uint64_t x = a.get<uint64_t>();
        return x < static_cast<uint64_t>(y) ? -1 : x > static_cast<uint64_t>(y) ? 1 : 0;
      }
      return -CompareNumbers(b, a);
    }
    int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  double x = a.get<double>(), y = b.get<double>();
  return x < y ? -1 : x > y ? 1 : 0;
}

bool EqualsAt(const Json* a, const Json* b, int depth) {
  if (IsNull(a) || IsNull(b)) return IsNull(a) && IsNull(b);
  if (depth > kMaxCompareDepth) return false;
  if (a->is_number() && b->is_number()) return CompareNumbers(*a, *b) == 0;
  if (a->is_string() && b->is_string()) {
    const std::string& x = a->get_ref<const std::string&>();
    const std::string& y = b->get_ref<const std::string&>();
    if (x == y) return true;
    double dx, dy;
    return ParseNumber(x, &dx) && ParseNumber(y, &dy) && dx == dy;
  }
  if (a->is_boolean() && b->is_boolean()) return a->get<bool>() == b->get<bool>();
  if ((a->is_number() && b->is_string()) || (a->is_string() && b->is_number())) {
    const Json& num = a->is_number() ? *a : *b;
    const Json& str = a->is_number() ? *b : *a;
    double d;
    return ParseNumber(str.get_ref<const std::string&>(), &d) && d == num.get<double>();
  }
  if ((a->is_boolean() && b->is_string()) || (a->is_string() && b->is_boolean())) {
    const Json& boolean = a->is_boolean() ? *a : *b;
    const std::string& str = (a->is_boolean() ? *b : *a).get_ref<const std::string&>();
    return str == (boolean.get<bool>() ? "true" : "false");
  }
  if (a->is_array() && b->is_array()) {
    if (a->size() != b->size()) return false;
    for (size_t i = 0; i < a->size(); ++i) {
      if (!EqualsAt(&(*a)[i], &(*b)[i], depth + 1)) return false;
    }
    return true;
  }
  if (a->is_object() && b->is_object()) {
    if (a->size() != b->size()) return false;
    for (auto it = a->begin(); it != a->end(); ++it) {
      auto other = b->find(it.key());
      if (other == b->end() || !EqualsAt(&*it, &*other, depth + 1)) return false;
    }
    return true;
  }
  return false;
}

bool ContainsText(std::string_view haystack, const Json& needle) {
  if (needle.is_string()) return haystack.find(needle.get_ref<const std::string&>()) != std::string_view::npos;
  if (needle.is_number() || needle.is_boolean()) return haystack.find(ToText(needle)) != std::string_view::npos;
  return false;
}

}  // namespace

bool LooseEquals(const Json* a, const Json* b) { return EqualsAt(a, b, 0); }

std::optional<int> LooseCompare(const Json* a, const Json* b) {
  if (IsNull(a) || IsNull(b)) return std::nullopt;
  if (a->is_number() && b->is_number()) return CompareNumbers(*a, *b);
  std::optional<double> x = AsNumber(*a), y = AsNumber(*b);
  if (x && y) return *x < *y ? -1 : *x > *y ? 1 : 0;
  if (a->is_string() && b->is_string()) {
    int c = a->get_ref<const std::string&>().compare(b->get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a->is_boolean() && b->is_boolean()) return static_cast<int>(a->get<bool>()) - static_cast<int>(b->get<bool>());
  return std::nullopt;
}

bool LooseContains(const Json* haystack, const Json* needle) {
  if (IsNull(haystack) || IsNull(needle)) return false;
  const Json& h = *haystack;
  const Json& n = *needle;
  if (h.is_string() || h.is_number()) {
    std::string text_storage;
    std::string_view text;
    if (h.is_string()) {
      text = h.get_ref<const std::string&>();
    } else {
      text_storage = ToText(h);
      text = text_storage;
    }
    if (n.is_array()) {
      for (const Json& e : n) {
        if (!ContainsText(text, e)) return false;
      }
      return true;
    }
    return ContainsText(text, n);
  }
  if (h.is_array()) {
    auto has = [&h](const Json* x) {
      for (const Json& e : h) {
        if (EqualsAt(&e, x, 1)) return true;
      }
      return false;
    };
    if (n.is_array()) {
      // Tag checks ("tags contains [id1, id2]") mean: every listed element is present.
      for (const Json& e : n) {
        if (!has(&e)) return false;
      }
      return true;
    }
    return has(&n);
  }
  if (h.is_object()) {
    if (n.is_string()) return h.find(n.get_ref<const std::string&>()) != h.end();
    if (n.is_number()) return h.find(ToText(n)) != h.end();
    return false;
  }
  return false;
}

bool Exists(const Json* v) {
  if (IsNull(v)) return false;
  if (v->is_string() && v->get_ref<const std::string&>().empty()) return false;
  return true;
}

bool IsEmptyValue(const Json* v) {
  if (IsNull(v)) return true;
  if (v->is_string()) return v->get_ref<const std::string&>().empty();
  if (v->is_array() || v->is_object()) return v->empty();
  return false;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Text
//-------------------------------------------------------------------------------------------

std::string_view TrimView(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

void AppendText(std::string* out, const Json& j) {
  if (j.is_string()) {
    *out += j.get_ref<const std::string&>();
  } else if (j.is_structured()) {
    *out += SafeDump(j);
  } else if (!j.is_null()) {
    *out += ToText(j);
  }
}

void AppendHtmlEscaped(std::string* out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* rep = nullptr;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#x27;"; break;
      case '`': rep = "&#x60;"; break;
      case '=': rep = "&#x3D;"; break;
      default: continue;
    }
    out->append(s.data() + run, i - run);
    *out += rep;
    run = i + 1;
  }
  out->append(s.data() + run, s.size() - run);
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Utf8Slice(std::string_view s, size_t start, size_t count) {
  size_t i = 0, cp = 0;
  while (i < s.size() && cp < start) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++cp;
  }
  size_t begin = i;
  size_t taken = 0;
  while (i < s.size() && taken < count) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++taken;
  }
  return s.substr(begin, i - begin);
}

size_t CodePointOffset(std::string_view s, size_t byte_offset) {
  return Utf8Length(s.substr(0, std::min(byte_offset, s.size())));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Excerpt(std::string_view s, size_t max_chars) {
  std::string out = "'";
  if (Utf8Length(s) > max_chars) {
    out += Utf8Slice(s, 0, max_chars);
    out += "...";
  } else {
    out += s;
  }
  out += "'";
  return out;
}

namespace {

void DumpShortAt(const Json& j, size_t max, int depth, std::string* out) {
  if (out->size() > max) return;
  if (depth > 8) {
    *out += "...";
    return;
  }
  if (j.is_array()) {
    *out += '[';
    bool first = true;
    for (const Json& e : j) {
      if (!first) *out += ',';
      first = false;
      if (out->size() > max) break;
      DumpShortAt(e, max, depth + 1, out);
    }
    *out += ']';
  } else if (j.is_object()) {
    *out += '{';
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) *out += ',';
      first = false;
      if (out->size() > max) break;
      *out += Dump(Json(it.key()));
      *out += ':';
      DumpShortAt(*it, max, depth + 1, out);
    }
    *out += '}';
  } else {
    *out += Dump(j);
  }
}

}  // namespace

std::string DumpShort(const Json& j, size_t max) {
  std::string out;
  DumpShortAt(j, max, 0, &out);
  if (out.size() > max) {
    out.resize(max);
    // Do not cut a UTF-8 sequence in half.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
    out += "...";
  }
  return out;
}

bool DepthExceeds(const Json& j, int limit) {
  if (!j.is_structured()) return false;
  struct Item {
    const Json* v;
    int depth;
  };
  std::vector<Item> stack{{&j, 1}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    if (it.depth > limit) return true;
    for (const Json& child : *it.v) {
      if (child.is_structured()) stack.push_back({&child, it.depth + 1});
    }
  }
  return false;
}

std::string SafeDump(const Json& j, int indent) {
  if (DepthExceeds(j, kMaxDumpDepth)) return "null";
  return Dump(j, indent);
}

std::optional<Json> SafeParseJson(std::string_view text) {
  std::optional<Json> j = ParseJson(text);
  if (!j || DepthExceeds(*j, kMaxDumpDepth)) return std::nullopt;
  return j;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Randomness
//-------------------------------------------------------------------------------------------

namespace {
uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
}  // namespace

std::string NextRandomId(EvalContext& ctx) {
  uint64_t base = SplitMix64(ctx.random_seed) ^ (ctx.random_counter * 0xD1B54A32D192ED03ULL);
  ++ctx.random_counter;
  uint64_t a = SplitMix64(base);
  uint64_t b = SplitMix64(a);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx%08llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b >> 32));
  return buf;
}

}  // namespace kws::expr_internal
