// actions/utility/regex.cpp -- Generic Regex Match (kustomer.regex-match.generic).
//
// RE2 through kws::Regex (linear time, no catastrophic backtracking). Patterns may be plain
// ("order #(\d+)") or JavaScript literals ("/order #(\d+)/i") as Kustomer users write them.
// Outputs: match (whole match), captures (groups 1..n), index (byte offset), original. No match:
// match "", captures [], index -1 -- a result, not an error, so workflows branch on it.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"
#include "kws/text/regex.h"

#include <list>
#include <mutex>
#include <unordered_map>

namespace kws::utility {

namespace {

using namespace action_kit;

// Regexes are compiled once per distinct pattern and kept in a small LRU cache: a workflow that
// runs a thousand times compiles its pattern once. Compile errors are cached too.
class RegexCache {
 public:
  Result<std::shared_ptr<const Regex>> Get(const std::string& pattern) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(pattern);
    if (it != map_.end()) {
      order_.splice(order_.begin(), order_, it->second.second);
      return it->second.first;
    }
    Result<std::shared_ptr<const Regex>> compiled = Regex::Compile(pattern);
    order_.push_front(pattern);
    map_.emplace(pattern, std::make_pair(compiled, order_.begin()));
    if (map_.size() > kCapacity) {
      map_.erase(order_.back());
      order_.pop_back();
    }
    return compiled;
  }

 private:
  static constexpr size_t kCapacity = 256;
  std::mutex mu_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string, std::pair<Result<std::shared_ptr<const Regex>>, std::list<std::string>::iterator>> map_;
};

RegexCache& Cache() {
  static RegexCache* cache = new RegexCache();  // never destroyed: safe during static teardown
  return *cache;
}

Outcome RunRegexMatch(ActionContext& ctx) {
  const std::string text = ctx.String("testString");
  const std::string pattern = ctx.String("regex");
  Result<std::shared_ptr<const Regex>> re = Cache().Get(pattern);
  if (!re.ok()) {
    return Outcome::Fail(re.error().code.empty() ? "regex.invalid" : re.error().code,
                         "\"Regex\" is not a valid regular expression: " + re.error().message, "regex");
  }
  RegexMatch m = (*re)->Search(text);
  Json out = Json::object();
  Json captures = Json::array();
  if (m.matched) {
    for (const std::string& c : m.captures) captures.push_back(c);
  }
  out["match"] = m.matched ? m.match : std::string();
  out["captures"] = std::move(captures);
  out["index"] = m.matched ? m.index : -1;
  out["original"] = text;
  return Outcome::Ok(std::move(out));
}

}  // namespace

ActionDescriptor GenericRegexMatch() {
  ActionDescriptor d = Descriptor("kustomer.regex-match.generic", "Generic Regex Match",
                                  "Runs a regular expression on a string");
  d.aliases = {"kustomer.regex.match", "kustomer.regex-match"};
  d.inputs = {
      In("testString", FieldType::kText, true, "TestString", "String you would like to run through regex."),
      In("regex", FieldType::kString, true, "Regex", "Regular expression"),
  };
  d.inputs[0].example = "Order #1234 has shipped";
  d.inputs[1].example = "#(\\d+)";
  d.outputs = {
      Out("match", FieldType::kString, "Text matched by the regular expression.", "Match"),
      Out("captures", FieldType::kArray, "Array of strings captured by the regular expression.", "Captures"),
      Out("index", FieldType::kNumber, "The position in the string the match can be found.", "Index"),
      Out("original", FieldType::kString, "The string the regex was run on.", "Original"),
  };
  d.output_help =
      "Match: Text matched by the regular expression. Captures: Array of strings captured by the regular expression. Index: "
      "The position in the string the match can be found. Original: The string the regex was run on.";
  d.handler = RunRegexMatch;
  return d;
}

}  // namespace kws::utility
