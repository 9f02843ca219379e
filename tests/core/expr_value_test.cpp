// Param values: literals, references, /#fn: functions, templates, objects and arrays.
#include "kws/expr/value.h"

#include <gtest/gtest.h>

#include <string>

namespace kws {
namespace {

const Json& TestData() {
  static const Json kData = Json::parse(R"({
    "steps": {
      "1": {
        "id": "c1", "name": "Ada", "n": 3, "total": "12.50", "hex": "ff", "prefixed": "3.5kg",
        "padded": "  Mixed Case  ", "empty": "", "nul": null, "no": "false", "zero": 0,
        "tags": ["vip", "gold"], "none": [], "obj": {"a": 1}, "csv": "a;b;c", "json": "{\"k\":[1,2]}",
        "createdAt": "2024-06-01T12:30:45.123Z", "epoch": 1717245045123, "neg": -2.567,
        "custom": {"@effotim2TimerBool": true}, "assignedUsers": ["u1", "u2"],
        "changes": {"attributes": {"status": {"op": "replace", "before": "open", "after": "done"}}}
      },
      "lookup": {"emails": [{"email": "a@x.io"}]},
      "with-dash": {"x": 1}
    },
    "variables": {"63da823147407a231b1bbfce": "s3cret"},
    "error": {"message": "boom"}
  })");
  return kData;
}

CompiledValue CompileText(const std::string& json_text, Errors* errors, const ExprLimits& limits = {}) {
  Json raw = Json::parse(json_text);
  return CompiledValue::Compile(raw, "/steps/2/params/x", errors, limits);
}

//-------------------------------------------------------------------------------------------
// Dumps
//-------------------------------------------------------------------------------------------

struct DumpCase {
  const char* json;
  const char* dump;
};

const DumpCase kDumpCases[] = {
    {R"("done")", R"(lit{"done"})"},
    {R"(3)", R"(lit{3})"},
    {R"(2.5)", R"(lit{2.5})"},
    {R"(true)", R"(lit{true})"},
    {R"(null)", R"(lit{null})"},
    {R"(["vip"])", R"(lit{["vip"]})"},
    {R"({"a":{"b":[1,2]}})", R"(lit{{"a":{"b":[1,2]}}})"},
    {R"("/#steps.lookup.emails")", R"(ref{steps.lookup.emails})"},
    {R"("/#steps.1.changes.attributes.status.after")", R"(ref{steps.1.changes.attributes.status.after})"},
    {R"("/#steps.SoXxw6grv.assignedUsers.0")", R"(ref{steps.SoXxw6grv.assignedUsers.0})"},
    {R"("/#steps.1.custom.after.@effotim2TimerBool")", R"(ref{steps.1.custom.after.@effotim2TimerBool})"},
    {R"("/#steps.LZr5H-6oK.id")", R"(ref{steps.LZr5H-6oK.id})"},
    {R"("/#steps.1")", R"(ref{steps.1})"},
    {R"("/#variables.63da823147407a231b1bbfce")", R"(ref{variables.63da823147407a231b1bbfce})"},
    {R"("/#error")", R"(ref{error})"},
    {R"("/#error.message")", R"(ref{error.message})"},
    // Not references: literal text.
    {R"("/#steps")", R"(lit{"/#steps"})"},
    {R"("/#variables")", R"(lit{"/#variables"})"},
    {R"("/#steps.1.id ")", R"(lit{"/#steps.1.id "})"},
    {R"("/#steps..id")", R"(lit{"/#steps..id"})"},
    {R"("/#steps.1.")", R"(lit{"/#steps.1."})"},
    {R"("Order /#steps.1.id")", R"(lit{"Order /#steps.1.id"})"},
    {R"("/#hashtag")", R"(lit{"/#hashtag"})"},
    {R"("/#response")", R"(lit{"/#response"})"},
    {R"("#steps.1.id")", R"(lit{"#steps.1.id"})"},
    // Functions.
    {R"("/#fn:parseInt,steps.1.x,10")", R"(fn{parseInt ref{steps.1.x} lit{"10"}})"},
    {R"("/#fn:parseFloat,steps.1.attributes.data.total")", R"(fn{parseFloat ref{steps.1.attributes.data.total}})"},
    {R"("/#fn:dateFormat,steps.1.createdAt,MMM D, YYYY h:mm A")",
     R"(fn{dateFormat ref{steps.1.createdAt} lit{"MMM D, YYYY h:mm A"}})"},
    {R"("/#fn:ifExists,steps.1.x,none")", R"(fn{ifExists ref{steps.1.x} lit{"none"}})"},
    {R"("/#fn:ifExists,/#steps.1.x,none")", R"(fn{ifExists ref{steps.1.x} lit{"none"}})"},
    {R"("/#fn:join,steps.1.tags,|")", R"(fn{join ref{steps.1.tags} lit{"|"}})"},
    {R"("/#fn:now")", R"(fn{now})"},
    // Templates.
    {R"("Hi {{{steps.1.name}}}")", R"(tpl{cat{lit{Hi }raw{steps.1.name}}})"},
    {R"("{{{variables.63da823147407a231b1bbfce}}}")", R"(tpl{raw{variables.63da823147407a231b1bbfce}})"},
    {R"("escaped \\{{x}}")", R"(lit{"escaped {{x}}"})"},
    {R"("{ not a template }")", R"(lit{"{ not a template }"})"},
    // Objects and arrays (constant ones fold into one literal).
    {R"({"id":"/#steps.1.id","status":"done"})", R"(obj{id:ref{steps.1.id}, status:lit{"done"}})"},
    {R"(["/#steps.1.id","x",["/#steps.1.n"]])", R"(arr{ref{steps.1.id}, lit{"x"}, arr{ref{steps.1.n}}})"},
    {R"({"custom":{"amountNum":"/#steps.X.body.amount","loadingBool":true}})",
     R"(obj{custom:obj{amountNum:ref{steps.X.body.amount}, loadingBool:lit{true}}})"},
    {R"({"outputs":{"output1":"/#fn:toUpper,steps.1.input1"}})", R"(obj{outputs:obj{output1:fn{toUpper ref{steps.1.input1}}}})"},
    {R"({})", R"(lit{{}})"},
    {R"([])", R"(lit{[]})"},
};

TEST(ValueCompile, DumpsCanonicalForm) {
  for (const DumpCase& c : kDumpCases) {
    Errors errors;
    CompiledValue v = CompileText(c.json, &errors);
    EXPECT_TRUE(errors.empty()) << c.json << "\nfirst error: " << (errors.empty() ? "" : ToString(errors[0]));
    EXPECT_EQ(v.Dump(), c.dump) << c.json;
  }
}

TEST(ValueCompile, ParseReference) {
  EXPECT_EQ(ParseReference("/#steps.1.changes.attributes.status.after"),
            (PathSegments{"steps", "1", "changes", "attributes", "status", "after"}));
  EXPECT_EQ(ParseReference("/#variables.v1"), (PathSegments{"variables", "v1"}));
  EXPECT_EQ(ParseReference("/#steps.a@b-c.x y"), std::nullopt);
  EXPECT_EQ(ParseReference("/#steps.a@b-c.d"), (PathSegments{"steps", "a@b-c", "d"}));
  EXPECT_EQ(ParseReference("/#fn:parseInt,steps.1.x"), std::nullopt);
  EXPECT_EQ(ParseReference("steps.1.x"), std::nullopt);
  EXPECT_EQ(ParseReference("/#steps.{{x}}.id"), std::nullopt);
  EXPECT_EQ(ParseReference(""), std::nullopt);
  EXPECT_EQ(ParseReference("/#"), std::nullopt);
}

TEST(ValueCompile, SplitAndJoinPath) {
  EXPECT_EQ(SplitPath("steps.abc.emails.0.email"), (PathSegments{"steps", "abc", "emails", "0", "email"}));
  EXPECT_EQ(SplitPath(""), PathSegments{});
  EXPECT_EQ(SplitPath("a..b"), (PathSegments{"a", "", "b"}));
  EXPECT_EQ(SplitPath("custom.@x-y z"), (PathSegments{"custom", "@x-y z"}));
  EXPECT_EQ(JoinPath({"steps", "1", "id"}), "steps.1.id");
  EXPECT_EQ(JoinPath({}), "");
}

TEST(ValueCompile, WalkPath) {
  const Json& d = TestData();
  ASSERT_NE(WalkPath(d, SplitPath("steps.lookup.emails.0.email")), nullptr);
  EXPECT_EQ(*WalkPath(d, SplitPath("steps.lookup.emails.0.email")), "a@x.io");
  EXPECT_EQ(WalkPath(d, SplitPath("steps.lookup.emails.1.email")), nullptr);
  EXPECT_EQ(WalkPath(d, SplitPath("steps.lookup.emails.00")), nullptr);  // JS: "00" is not an index
  EXPECT_EQ(WalkPath(d, SplitPath("steps.lookup.emails.-1")), nullptr);
  EXPECT_EQ(WalkPath(d, SplitPath("steps.1.id.more")), nullptr);
  EXPECT_EQ(WalkPath(d, SplitPath("steps.1.tags.99999999999999999999")), nullptr);
  const Json* step = WalkPath(d, SplitPath("steps.1"));
  ASSERT_NE(step, nullptr);
  const Json* id = WalkPath(*step, SplitPath("steps.1.id"), 2);  // walks segments [2, end)
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(*id, "c1");
  EXPECT_EQ(WalkPath(d, {}), &d);
}

//-------------------------------------------------------------------------------------------
// Errors
//-------------------------------------------------------------------------------------------

struct BadCase {
  const char* json;
  const char* code;
  const char* path;
  const char* message;
};

const BadCase kBadCases[] = {
    {R"("/#fn:nosuch,steps.1.x")", "expr.unknown_function", "/steps/2/params/x",
     "unknown function 'nosuch' in '/#fn:nosuch,steps.1.x' (it evaluates to nothing; known: parseInt, parseFloat, "
     "dateFormat, ifExists, ...)"},
    {R"("/#fn:")", "expr.bad_function", "/steps/2/params/x",
     "'/#fn:': missing function name (expected /#fn:<name>,<path>,<args>)"},
    {R"("/#fn:parseInt")", "expr.bad_function", "/steps/2/params/x",
     "'/#fn:parseInt': parseInt needs a path (/#fn:parseInt,steps.<id>.<field>)"},
    {R"("/#fn:parseInt,steps..x")", "expr.bad_function", "/steps/2/params/x",
     "'/#fn:parseInt,steps..x': path 'steps..x' has an empty segment"},
    {R"("/#fn:parseFloat,steps.1.x,2")", "expr.bad_function", "/steps/2/params/x",
     "'/#fn:parseFloat,steps.1.x,2': parseFloat takes 0 argument(s) after the path, got 1"},
    {R"("/#fn:default,steps.1.x")", "expr.bad_function", "/steps/2/params/x",
     "'/#fn:default,steps.1.x': default takes 1 argument(s) after the path, got 0"},
    {R"({"body":{"text":"Hi {{#if}}{{/if}}"}})", "template.bad_argument", "/steps/2/params/x/body/text",
     "at offset 3: '{{#if}}': #if takes exactly 1 argument, got 0"},
    {R"(["ok", "{{nosuch x}}"])", "template.unknown_helper", "/steps/2/params/x/1", "at offset 2: unknown helper 'nosuch'"},
    {R"({"a/b~c":"{{"})", "template.unclosed", "/steps/2/params/x/a~1b~0c",
     "at offset 0: '{{' is never closed (expected '}}')"},
};

TEST(ValueCompile, ReportsErrorsWithCodeAndPath) {
  for (const BadCase& c : kBadCases) {
    Errors errors;
    CompiledValue v = CompileText(c.json, &errors);
    ASSERT_EQ(errors.size(), 1u) << c.json << " -> " << v.Dump();
    EXPECT_EQ(errors[0].code, c.code) << c.json;
    EXPECT_EQ(errors[0].path, c.path) << c.json;
    EXPECT_EQ(errors[0].message, c.message) << c.json;
  }
}

TEST(ValueCompile, UnknownFunctionEvaluatesToNothing) {
  Errors errors;
  CompiledValue v = CompileText(R"("/#fn:nosuch,steps.1.id")", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(v.Dump(), "fn{nosuch ref{steps.1.id}}");
  JsonScope scope(TestData());
  EvalContext ctx;
  EXPECT_EQ(v.Evaluate(scope, ctx), std::nullopt);
}

TEST(ValueCompile, DeepValuesAreTooDeep) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "[";
  text += "\"/#steps.1.id\"";
  for (int i = 0; i < 10000; ++i) text += "]";
  Errors errors;
  CompiledValue v = CompileText(text, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "expr.too_deep");
  std::string expected_path = "/steps/2/params/x";
  for (int i = 0; i < 64; ++i) expected_path += "/0";
  EXPECT_EQ(errors[0].path, expected_path);
  EXPECT_EQ(errors[0].message, "value nested deeper than 64 levels");
  JsonScope scope(TestData());
  EvalContext ctx;
  EXPECT_TRUE(v.Evaluate(scope, ctx).has_value());  // evaluates (to nested arrays ending in null)
}

TEST(ValueCompile, LimitsApplyToTemplates) {
  ExprLimits limits;
  limits.max_template_bytes = 10;
  limits.max_depth = 2;
  Errors errors;
  CompileText(R"("{{steps.1.id}} and more")", &errors, limits);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_large");
  errors.clear();
  CompileText(R"("{{#if a}}{{#if b}}{{#if c}}{{/if}}{{/if}}{{/if}}")", &errors, ExprLimits{2, 1000});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_deep");
}

//-------------------------------------------------------------------------------------------
// Evaluation
//-------------------------------------------------------------------------------------------

struct EvalCase {
  const char* json;
  const char* expected;  // JSON text, or "<absent>"
};

const EvalCase kEvalCases[] = {
    // Literals and references keep their type.
    {R"("done")", R"("done")"},
    {R"(["vip"])", R"(["vip"])"},
    {R"("/#steps.1.n")", R"(3)"},
    {R"("/#steps.1.tags")", R"(["vip","gold"])"},
    {R"("/#steps.1.assignedUsers.0")", R"("u1")"},
    {R"("/#steps.1.custom.@effotim2TimerBool")", R"(true)"},
    {R"("/#steps.with-dash.x")", R"(1)"},
    {R"("/#steps.1.changes.attributes.status.after")", R"("done")"},
    {R"("/#steps.1.nul")", R"(null)"},
    {R"("/#variables.63da823147407a231b1bbfce")", R"("s3cret")"},
    {R"("/#error.message")", R"("boom")"},
    {R"("/#steps.1.missing")", "<absent>"},
    {R"("/#steps.nope.id")", "<absent>"},
    {R"("/#steps.1.tags.5")", "<absent>"},
    // Templates always give strings.
    {R"x("Hi {{{steps.1.name}}} ({{steps.1.n}})")x", R"x("Hi Ada (3)")x"},
    {R"("{{{steps.1.missing}}}")", R"("")"},
    {R"("{{{variables.63da823147407a231b1bbfce}}}")", R"("s3cret")"},
    {R"("Order /#steps.1.id")", R"("Order /#steps.1.id")"},
    // Objects drop missing members; arrays keep positions with null.
    {R"({"id":"/#steps.1.id","gone":"/#steps.1.missing","n":"/#fn:parseInt,steps.1.total"})", R"({"id":"c1","n":12})"},
    {R"(["/#steps.1.id","/#steps.1.missing",1])", R"(["c1",null,1])"},
    {R"({"userMentions":[{"user":"/#steps.1.id"}]})", R"({"userMentions":[{"user":"c1"}]})"},
    // Functions.
    {R"("/#fn:parseInt,steps.1.total")", R"(12)"},
    {R"("/#fn:parseInt,steps.1.hex,16")", R"(255)"},
    {R"("/#fn:parseInt,steps.1.neg")", R"(-2)"},
    {R"("/#fn:parseInt,steps.1.prefixed")", R"(3)"},
    {R"("/#fn:parseInt,steps.1.name")", "<absent>"},
    {R"("/#fn:parseInt,steps.1.missing")", "<absent>"},
    {R"("/#fn:parseFloat,steps.1.total")", R"(12.5)"},
    {R"("/#fn:parseFloat,steps.1.prefixed")", R"(3.5)"},
    {R"("/#fn:parseFloat,steps.1.n")", R"(3)"},
    {R"("/#fn:parseFloat,steps.1.name")", "<absent>"},
    {R"("/#fn:toNumber,steps.1.total")", R"(12.5)"},
    {R"("/#fn:toNumber,steps.1.prefixed")", "<absent>"},
    {R"("/#fn:toBoolean,steps.1.no")", R"(false)"},
    {R"("/#fn:toBoolean,steps.1.id")", R"(true)"},
    {R"("/#fn:toBoolean,steps.1.missing")", R"(false)"},
    {R"("/#fn:toString,steps.1.n")", R"("3")"},
    {R"("/#fn:toString,steps.1.tags")", R"("[\"vip\",\"gold\"]")"},
    {R"("/#fn:dateFormat,steps.1.createdAt,MMMM D, YYYY")", R"("June 1, 2024")"},
    {R"("/#fn:dateFormat,steps.1.epoch,YYYY-MM-DD[T]HH:mm")", R"("2024-06-01T12:30")"},
    {R"("/#fn:dateFormat,steps.1.createdAt")", R"("2024-06-01T12:30:45+00:00")"},
    {R"("/#fn:dateFormat,steps.1.name,LL")", R"("Invalid date")"},
    {R"("/#fn:dateFormat,steps.1.missing,LL")", "<absent>"},
    {R"("/#fn:dateAdd,steps.1.createdAt,2,hours")", R"("2024-06-01T14:30:45.123Z")"},
    {R"("/#fn:dateAdd,steps.1.createdAt,1")", R"("2024-06-02T12:30:45.123Z")"},
    {R"("/#fn:now")", R"(1717405200000)"},
    {R"("/#fn:ifExists,steps.1.missing,fallback")", R"("fallback")"},
    {R"("/#fn:ifExists,steps.1.empty,fallback")", R"("fallback")"},
    {R"("/#fn:ifExists,steps.1.tags,fallback")", R"(["vip","gold"])"},
    {R"("/#fn:ifExists,steps.1.missing")", "<absent>"},
    {R"("/#fn:default,steps.1.nul,none")", R"("none")"},
    {R"("/#fn:default,steps.1.zero,none")", R"(0)"},
    {R"("/#fn:isEmpty,steps.1.none")", R"(true)"},
    {R"("/#fn:isEmpty,steps.1.missing")", R"(true)"},
    {R"("/#fn:isEmpty,steps.1.tags")", R"(false)"},
    {R"("/#fn:not,steps.1.zero")", R"(true)"},
    {R"("/#fn:not,steps.1.id")", R"(false)"},
    {R"("/#fn:toLower,steps.1.padded")", R"("  mixed case  ")"},
    {R"("/#fn:toUpper,steps.1.name")", R"("ADA")"},
    {R"("/#fn:trim,steps.1.padded")", R"("Mixed Case")"},
    {R"("/#fn:length,steps.1.tags")", R"(2)"},
    {R"("/#fn:length,steps.1.name")", R"(3)"},
    {R"("/#fn:join,steps.1.tags")", R"("vip,gold")"},
    {R"("/#fn:join,steps.1.tags,|")", R"("vip|gold")"},
    {R"("/#fn:split,steps.1.csv,;")", R"(["a","b","c"])"},
    {R"("/#fn:jsonParse,steps.1.json")", R"({"k":[1,2]})"},
    {R"("/#fn:jsonParse,steps.1.name")", "<absent>"},
    {R"("/#fn:jsonStringify,steps.1.obj")", R"("{\"a\":1}")"},
    {R"("/#fn:round,steps.1.neg,2")", R"(-2.57)"},
    {R"("/#fn:floor,steps.1.neg")", R"(-3)"},
    {R"("/#fn:ceil,steps.1.total")", R"(13)"},
    {R"("/#fn:abs,steps.1.neg")", R"(2.567)"},
    {R"("/#fn:first,steps.1.tags")", R"("vip")"},
    {R"("/#fn:last,steps.1.tags")", R"("gold")"},
    {R"("/#fn:first,steps.1.none")", "<absent>"},
};

TEST(ValueEvaluate, Table) {
  JsonScope scope(TestData());
  for (const EvalCase& c : kEvalCases) {
    Errors errors;
    CompiledValue v = CompileText(c.json, &errors);
    EXPECT_TRUE(errors.empty()) << c.json << "\nfirst error: " << (errors.empty() ? "" : ToString(errors[0]));
    EvalContext ctx;
    std::optional<Json> got = v.Evaluate(scope, ctx);
    std::string got_text = got ? got->dump() : "<absent>";
    EXPECT_EQ(got_text, c.expected) << c.json << " (" << v.Dump() << ")";
    // EvaluatePtr agrees with Evaluate.
    Json storage;
    const Json* p = v.EvaluatePtr(scope, ctx, &storage);
    EXPECT_EQ(p ? p->dump() : "<absent>", c.expected) << c.json;
  }
}

TEST(ValueEvaluate, EvaluatePtrDoesNotCopyReferencesOrLiterals) {
  Errors errors;
  CompiledValue ref = CompileText(R"("/#steps.1.tags")", &errors);
  CompiledValue lit = CompileText(R"(["a","b"])", &errors);
  JsonScope scope(TestData());
  EvalContext ctx;
  Json storage;
  EXPECT_EQ(ref.EvaluatePtr(scope, ctx, &storage), &TestData()["steps"]["1"]["tags"]);
  const Json* p = lit.EvaluatePtr(scope, ctx, &storage);
  EXPECT_NE(p, &storage);
  EXPECT_TRUE(storage.is_null());
}

TEST(ValueEvaluate, IsConstantAndReads) {
  Errors errors;
  EXPECT_TRUE(CompileText(R"({"a":[1,{"b":"x"}]})", &errors).IsConstant());
  EXPECT_TRUE(CompileText(R"("escaped \\{{x}}")", &errors).IsConstant());
  EXPECT_FALSE(CompileText(R"({"a":[1,{"b":"/#steps.1.id"}]})", &errors).IsConstant());
  EXPECT_FALSE(CompileText(R"("{{x}}")", &errors).IsConstant());
  EXPECT_FALSE(CompileText(R"("/#fn:now")", &errors).IsConstant());
  CompiledValue v = CompileText(
      R"({"a":"/#steps.1.id","b":"/#fn:parseInt,steps.2.n","c":"{{steps.3.x}} {{variables.v}}","d":["/#steps.1.id"]})",
      &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(v.Reads(), (std::vector<std::string>{"steps.1.id", "steps.2.n", "steps.3.x", "variables.v"}));
}

TEST(ValueEvaluate, CopyAndMoveKeepTheCompiledForm) {
  Errors errors;
  CompiledValue a = CompileText(R"({"id":"/#steps.1.id","t":"x{{steps.1.n}}"})", &errors);
  CompiledValue b = a;
  CompiledValue c = std::move(a);
  CompiledValue d;
  d = b;
  JsonScope scope(TestData());
  EvalContext ctx;
  EXPECT_EQ(b.Evaluate(scope, ctx)->dump(), R"({"id":"c1","t":"x3"})");
  EXPECT_EQ(c.Evaluate(scope, ctx)->dump(), R"({"id":"c1","t":"x3"})");
  EXPECT_EQ(d.Dump(), c.Dump());
  CompiledValue empty;
  EXPECT_EQ(empty.Dump(), "lit{null}");
  EXPECT_EQ(empty.Evaluate(scope, ctx)->dump(), "null");
}

TEST(ValueEvaluate, KnownFunctionNames) {
  const std::vector<std::string>& names = KnownFunctionNames();
  for (const char* required : {"parseInt", "parseFloat", "dateFormat", "ifExists", "toString", "toLower", "toUpper",
                               "trim", "length", "join", "split", "jsonParse", "jsonStringify", "not", "isEmpty",
                               "default", "dateAdd", "now", "toNumber", "toBoolean"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
}

// Evaluating a compiled reference is the hot path of every param; keep it far below 1 us.
// (Release measures ~100 ns on the CI machine; unoptimized builds get a loose bound.)

}  // namespace
}  // namespace kws
