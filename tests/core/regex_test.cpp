// The RE2 facade: plain patterns, JavaScript literals, captures, byte offsets, budgets.
#include "kws/text/regex.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kws {
namespace {

struct MatchCase {
  const char* pattern;
  const char* text;
  bool matched;
  const char* match;
  std::vector<std::string> captures;
  int index;
};

const MatchCase kMatchCases[] = {
    {"a(b)c", "xxabcx", true, "abc", {"b"}, 2},
    {"a(b)c", "xxabx", false, "", {}, -1},
    {".*", "anything", true, "anything", {}, 0},
    {"", "", true, "", {}, 0},
    {"x", "", false, "", {}, -1},
    {"(\\d+)-(\\d+)", "order 12-345 ok", true, "12-345", {"12", "345"}, 6},
    {"a(x)?b", "ab", true, "ab", {""}, 0},  // a group that did not take part is ""
    // JavaScript literals.
    {"/A(B)/i", "xaby", true, "ab", {"b"}, 1},
    {"/A(B)/", "xaby", false, "", {}, -1},
    {"/^b$/m", "a\nb\nc", true, "b", {}, 2},
    {"/^b$/", "a\nb\nc", false, "", {}, -1},
    {"/a.b/s", "a\nb", true, "a\nb", {}, 0},
    {"/a.b/", "a\nb", false, "", {}, -1},
    {"/o/g", "foo boo", true, "o", {}, 1},  // g is ignored: first match
    {"/abc/y", "xabc", false, "", {}, -1},  // sticky: anchored at the start
    {"/abc/y", "abcx", true, "abc", {}, 0},
    {"/a\\/b/", "xa/b", true, "a/b", {}, 1},
    {"/[/]x/", "a/x", true, "/x", {}, 1},
    {"/(?<year>\\d{4})-(\\d{2})/u", "on 2024-06-03", true, "2024-06", {"2024", "06"}, 3},
    {"/é(.)/iu", "CAFÉ! café!", true, "É!", {"!"}, 3},  // RE2 folds É/é; index is in bytes
    // Not literals: plain patterns that happen to start with '/'.
    {"/usr/bin", "#!/usr/bin/env", true, "/usr/bin", {}, 2},
    {"/a/b/", "x/a/b/", true, "/a/b/", {}, 1},
    {"/a/ii", "/a/ii", true, "/a/ii", {}, 0},  // repeated flag: not a literal
    // Unicode: offsets in bytes.
    {"é(.)", "café!", true, "é!", {"!"}, 3},
    {"\\p{Greek}+", "abc αβγ", true, "αβγ", {}, 4},
};

TEST(Regex, SearchTable) {
  for (const MatchCase& c : kMatchCases) {
    auto re = Regex::Compile(c.pattern);
    ASSERT_TRUE(re.ok()) << c.pattern << ": " << re.error().message;
    RegexMatch m = (*re)->Search(c.text);
    EXPECT_EQ(m.matched, c.matched) << c.pattern << " on " << c.text;
    EXPECT_EQ(m.match, c.match) << c.pattern;
    EXPECT_EQ(m.captures, c.captures) << c.pattern;
    EXPECT_EQ(m.index, c.index) << c.pattern;
  }
}

TEST(Regex, CaptureCount) {
  EXPECT_EQ((*Regex::Compile("a"))->capture_count(), 0);
  EXPECT_EQ((*Regex::Compile("(a)(b(c))"))->capture_count(), 3);
  EXPECT_EQ((*Regex::Compile("/(?<n>a)(?:b)/"))->capture_count(), 1);
}

struct BadCase {
  const char* pattern;
  int max_program_size;
  const char* code;
  const char* message;
};

const BadCase kBadCases[] = {
    {"a(b", 5000, "regex.invalid", "missing ): a(b"},
    {"/a(b/i", 5000, "regex.invalid", "missing ): a(b"},
    {"/a(b/m", 5000, "regex.invalid", "missing ): a(b"},
    {"(?=x)", 5000, "regex.invalid", "invalid perl operator: (?="},  // lookahead: not in RE2
    {"/(?<=a)b/", 5000, "regex.invalid", "invalid perl operator: (?<"},
    {"(a)\\1", 5000, "regex.invalid", "invalid escape sequence: \\1"},  // backreference
    {"x**", 5000, "regex.invalid", "bad repetition operator: **"},
    {"/[/", 5000, "regex.invalid", "missing ]: ["},
    {"\\", 5000, "regex.invalid", "trailing \\"},
    {"a{2000}", 100000, "regex.invalid", "invalid repetition size: {2000}"},
    {"a{1000}", 100, "regex.too_large", "pattern compiles to 1004 instructions; the limit is 100"},
    {"\\pL{1000}\\pL{1000}\\pL{1000}", 1000000, "regex.too_large",
     "pattern is too large for the regex memory budget: pattern too large - compile failed"},
};

TEST(Regex, Errors) {
  for (const BadCase& c : kBadCases) {
    auto re = Regex::Compile(c.pattern, c.max_program_size);
    ASSERT_FALSE(re.ok()) << c.pattern;
    EXPECT_EQ(re.error().code, c.code) << c.pattern;
    EXPECT_EQ(re.error().message, c.message) << c.pattern;
    EXPECT_EQ(re.error().path, "") << "the caller sets the path";
  }
}

TEST(Regex, DefaultBudgetAcceptsOrdinaryPatterns) {
  for (const char* p : {"^[\\w.+-]+@[\\w-]+\\.[\\w.]+$", "/\\b(refund|chargeback)\\b/i", "(\\d{3})[-. ]?(\\d{4})",
                        "[A-Z]{2}-\\d{6}", "a{1000}"}) {
    auto re = Regex::Compile(p);
    EXPECT_TRUE(re.ok()) << p << ": " << (re.ok() ? "" : re.error().message);
  }
}

TEST(Regex, SharedAndThreadCompatible) {
  auto re = Regex::Compile("/(\\w+)@(\\w+)/");
  ASSERT_TRUE(re.ok());
  std::shared_ptr<const Regex> copy = *re;
  EXPECT_EQ(copy->Search("mail ada@example").captures, (std::vector<std::string>{"ada", "example"}));
  EXPECT_EQ(copy->Search("no mail").matched, false);
}

TEST(Regex, InvalidUtf8InputDoesNotCrash) {
  auto re = Regex::Compile("b(.)");
  ASSERT_TRUE(re.ok());
  std::string text = "a\xff\xfe" "b\xc3";
  RegexMatch m = (*re)->Search(text);
  (void)m;
  SUCCEED();
}

}  // namespace
}  // namespace kws
