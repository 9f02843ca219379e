// Handlebars templates: canonical dumps, compile errors, rendering, helpers, budgets.
#include "kws/expr/template.h"

#include <gtest/gtest.h>

#include <string>

namespace kws {
namespace {

const Json& TestData() {
  static const Json kData = Json::parse(R"({
    "steps": {
      "1": {
        "id": "c1", "name": "Ada <Lovelace>", "status": "done", "count": 0, "n": 3,
        "total": "12.50", "float": 2.5, "empty": "", "nul": null, "yes": true, "no": false,
        "tags": ["vip", "gold"], "none": [],
        "items": [{"sku": "A", "qty": 2}, {"sku": "B", "qty": 1}],
        "obj": {"a": 1, "b": "x"},
        "createdAt": "2024-06-01T12:30:45.123Z", "epoch": 1717245045123,
        "changes": {"attributes": {"status": {"op": "replace", "before": "open", "after": "done"}}},
        "custom": {"@effotim2TimerBool": true, "orderNumberStr": "A-17"},
        "json": "{\"a\":[1,2]}", "email": "ada@example.com", "phone": "+1 (555) 010-9999",
        "html": "a&b=\"c\" 'd' `e`"
      },
      "lookup": {"emails": [{"email": "a@x.io"}], "body": {"name": "outer"}}
    },
    "variables": {"63da823147407a231b1bbfce": "s3cret"}
  })");
  return kData;
}

std::string Render(const std::string& text, EvalContext* ctx_in = nullptr, Errors* errors_out = nullptr) {
  Errors errors;
  CompiledTemplate t = CompiledTemplate::Compile(text, "/t", &errors);
  if (errors_out) *errors_out = errors;
  EvalContext local;
  EvalContext& ctx = ctx_in ? *ctx_in : local;
  JsonScope scope(TestData());
  return t.Render(scope, ctx);
}

//-------------------------------------------------------------------------------------------
// Dumps
//-------------------------------------------------------------------------------------------

struct DumpCase {
  const char* input;
  const char* dump;
};

const DumpCase kDumpCases[] = {
    {"", "cat{}"},
    {"Hello", "lit{Hello}"},
    {"Hi {{{steps.1.name}}}", "cat{lit{Hi }raw{steps.1.name}}"},
    {"{{steps.1.name}}", "esc{steps.1.name}"},
    {"{{ steps.1.name }}", "esc{steps.1.name}"},
    {"{{&steps.1.name}}", "raw{steps.1.name}"},
    {"{{steps/1/name}}", "esc{steps.1.name}"},
    {"{{steps.1.[first name]}}", "esc{steps.1.[first name]}"},
    {"{{steps.1.custom.@effotim2TimerBool}}", "esc{steps.1.custom.@effotim2TimerBool}"},
    {"{{{variables.63da823147407a231b1bbfce}}}", "raw{variables.63da823147407a231b1bbfce}"},
    {"{{toLower steps.1.subject}}", "esc{call{toLower path{steps.1.subject}}}"},
    {"{{ math steps.A.match \"+\" steps.B.custom.n }}",
     "esc{call{math path{steps.A.match} \"+\" path{steps.B.custom.n}}}"},
    {"{{{date 'hours' count=-2}}}", "raw{call{date \"hours\" count=-2}}"},
    {"{{dateDiff 'milliseconds' from=steps.A.x to=steps.B.match}}",
     "esc{call{dateDiff \"milliseconds\" from=path{steps.A.x} to=path{steps.B.match}}}"},
    {"{{{dateFormat steps.1.createdAt format='LL'}}}", "raw{call{dateFormat path{steps.1.createdAt} format=\"LL\"}}"},
    {"{{randomId}}", "esc{call{randomId}}"},
    {"{{concat 1 2.5 true false null undefined}}", "esc{call{concat 1 2.5 true false null null}}"},
    {"{{concat \"a \\\"q\\\" b\"}}", "esc{call{concat \"a \\\"q\\\" b\"}}"},
    {"{{concat (toUpper (trim steps.1.a)) \"x\"}}", "esc{call{concat call{toUpper call{trim path{steps.1.a}}} \"x\"}}"},
    {"{{#if steps.1.x}}yes{{/if}}", "if{path{steps.1.x} then{lit{yes}}}"},
    {"{{#if steps.1.x}}yes{{else}}no{{/if}}", "if{path{steps.1.x} then{lit{yes}} else{lit{no}}}"},
    {"{{#if x includeZero=true}}z{{/if}}", "if{path{x} includeZero=true then{lit{z}}}"},
    {"{{#if (eq steps.1.status \"done\")}}D{{/if}}", "if{call{eq path{steps.1.status} \"done\"} then{lit{D}}}"},
    {"{{#unless a}}u{{/unless}}", "unless{path{a} then{lit{u}}}"},
    {"{{^a}}inv{{/a}}", "unless{path{a} then{lit{inv}}}"},
    {"{{#if a}}1{{else if b}}2{{else}}3{{/if}}",
     "if{path{a} then{lit{1}} else{if{path{b} then{lit{2}} else{lit{3}}}}}"},
    {"{{#if a}}1{{^}}2{{/if}}", "if{path{a} then{lit{1}} else{lit{2}}}"},
    {"{{#each steps.1.items}}{{sku}}:{{@index}}{{/each}}",
     "each{path{steps.1.items} then{esc{sku}lit{:}esc{@index}}}"},
    {"{{#each xs as |x i|}}{{x.a}}{{i}}{{/each}}", "each{path{xs} as|x i| then{esc{x.a}esc{i}}}"},
    {"{{#each xs}}{{this}}{{.}}{{../top}}{{..}}{{this.a}}{{./b}}{{/each}}",
     "each{path{xs} then{esc{this}esc{this}esc{../top}esc{..}esc{this.a}esc{this.b}}}"},
    {"{{#with steps.1.obj}}{{a}}{{/with}}", "with{path{steps.1.obj} then{esc{a}}}"},
    {"{{#eq a \"b\"}}same{{else}}diff{{/eq}}", "block{call{eq path{a} \"b\"} then{lit{same}} else{lit{diff}}}"},
    {"{{@root.steps.1.id}}", "esc{@root.steps.1.id}"},
    {"a{{! a comment }}b", "lit{ab}"},
    {"a{{!-- has }} inside --}}b", "lit{ab}"},
    {"a \\{{not}} b", "lit{a {{not}} b}"},
    {"a \\\\{{x}}", "cat{lit{a \\}esc{x}}"},
    {"a  {{~x~}}  b", "cat{lit{a}esc{x}lit{b}}"},
    {"{{x}}\n{{#if a}}\n  inside\n{{/if}}\nend", "cat{esc{x}lit{\n}if{path{a} then{lit{  inside\n}}}lit{end}}"},
    {"{{replace s \"}}\" \"x\"}}", "esc{call{replace path{s} \"}}\" \"x\"}}"},
    {"Ünïcødé {{steps.1.naïve}} ✓", "cat{lit{Ünïcødé }esc{steps.1.naïve}lit{ ✓}}"},
};

TEST(TemplateCompile, DumpsCanonicalForm) {
  for (const DumpCase& c : kDumpCases) {
    Errors errors;
    CompiledTemplate t = CompiledTemplate::Compile(c.input, "/p", &errors);
    EXPECT_TRUE(errors.empty()) << "input: " << c.input << "\nfirst error: " << (errors.empty() ? "" : ToString(errors[0]));
    EXPECT_EQ(t.Dump(), c.dump) << "input: " << c.input;
  }
}

TEST(TemplateCompile, PlainText) {
  Errors errors;
  EXPECT_TRUE(CompiledTemplate::Compile("no tags at all", "", &errors).IsPlainText());
  EXPECT_TRUE(CompiledTemplate::Compile("escaped \\{{x}}", "", &errors).IsPlainText());
  EXPECT_FALSE(CompiledTemplate::Compile("{{x}}", "", &errors).IsPlainText());
  EXPECT_FALSE(CompiledTemplate::Compile("{{! only a comment }}", "", &errors).IsPlainText());
  EXPECT_TRUE(errors.empty());
}

TEST(TemplateCompile, DefaultConstructedRendersEmpty) {
  CompiledTemplate t;
  JsonScope scope(TestData());
  EvalContext ctx;
  EXPECT_EQ(t.Render(scope, ctx), "");
  EXPECT_EQ(t.Dump(), "cat{}");
}

//-------------------------------------------------------------------------------------------
// Errors: code, path and offset
//-------------------------------------------------------------------------------------------

struct BadCase {
  const char* input;
  const char* code;
  const char* message;  // exact
};

const BadCase kBadCases[] = {
    {"{{", "template.unclosed", "at offset 0: '{{' is never closed (expected '}}')"},
    {"Hi {{steps.1.name", "template.unclosed", "at offset 3: '{{steps.1.name' is never closed (expected '}}')"},
    {"ab {{{x}}", "template.unclosed", "at offset 3: '{{{x}}' is never closed (expected '}}}')"},
    {"{{!-- never", "template.unclosed", "at offset 0: '{{!-- never' is never closed (expected '--}}')"},
    {"{{concat \"abc}}", "template.unclosed", "at offset 0: '{{concat \"abc}}' is never closed (expected '}}')"},
    {"é{{", "template.unclosed", "at offset 1: '{{' is never closed (expected '}}')"},
    {"{{#if x}}", "template.unbalanced_block", "at offset 0: '{{#if x}}' is never closed (expected '{{/if}}')"},
    {"ab{{/if}}", "template.unbalanced_block", "at offset 2: '{{/if}}' closes a block that was never opened"},
    {"{{#if x}}{{/each}}", "template.unbalanced_block",
     "at offset 9: '{{/each}}' does not close '{{#if x}}' (opened at offset 0)"},
    {"{{else}}", "template.unbalanced_block", "at offset 0: '{{else}}' is outside of any block"},
    {"{{#if a}}{{else}}{{else}}{{/if}}", "template.unbalanced_block",
     "at offset 17: '{{else}}': '{{#if}}' already has an {{else}}"},
    {"{{#each}}{{/each}}", "template.bad_argument", "at offset 0: '{{#each}}': #each takes exactly 1 argument, got 0"},
    {"{{#if a b}}{{/if}}", "template.bad_argument", "at offset 0: '{{#if a b}}': #if takes exactly 1 argument, got 2"},
    {"{{#if a foo=1}}{{/if}}", "template.bad_argument", "at offset 0: '{{#if a foo=1}}': #if does not take 'foo='"},
    {"{{#with a as |x y|}}{{/with}}", "template.bad_argument",
     "at offset 0: '{{#with a as |x y|}}': #with takes at most 1 block parameters"},
    {"{{#foo a}}{{/foo}}", "template.unknown_helper", "at offset 3: unknown helper 'foo'"},
    {"x {{nosuch a b}}", "template.unknown_helper", "at offset 4: unknown helper 'nosuch'"},
    {"{{concat (nosuch 1)}}", "template.unknown_helper", "at offset 9: unknown helper 'nosuch'"},
    {"{{toLower}}", "template.bad_argument", "at offset 2: 'toLower' takes 1 argument, got 0"},
    {"{{toLower a b}}", "template.bad_argument", "at offset 2: 'toLower' takes 1 argument, got 2"},
    {"{{replace a b}}", "template.bad_argument", "at offset 2: 'replace' takes 3 arguments, got 2"},
    {"{{default a}}", "template.bad_argument", "at offset 2: 'default' takes at least 2 arguments, got 1"},
    {"{{}}", "template.bad_argument", "at offset 2: expected an expression"},
    {"{{a..b}}", "template.bad_argument", "at offset 4: unexpected '.'"},
    {"{{a.}}", "template.bad_argument", "at offset 4: expected a path segment"},
    {"{{concat (toLower a}}", "template.bad_argument", "at offset 9: subexpression '(' is not closed with ')'"},
    {"{{concat ()}}", "template.bad_argument", "at offset 10: empty subexpression '()'"},
    {"{{date count=1 'x'}}", "template.bad_argument", "at offset 15: positional argument after key=value arguments"},
    {"{{@foo}}", "template.bad_argument",
     "at offset 2: unknown data variable '@foo' (expected @index, @key, @first, @last or @root)"},
    {"{{> partial}}", "template.bad_argument", "at offset 0: '{{> partial}}': partials are not supported"},
    {"{{\"lit\" a}}", "template.bad_argument", "at offset 2: the literal \"lit\" cannot take arguments"},
    {"{{a.b c}}", "template.bad_argument", "at offset 2: 'a.b' is not a helper name"},
    {"{{concat 'abc}}'", "template.unclosed", "at offset 0: '{{concat 'abc}}'' is never closed (expected '}}')"},
};

TEST(TemplateCompile, ReportsErrorsWithCodePathAndOffset) {
  for (const BadCase& c : kBadCases) {
    Errors errors;
    CompiledTemplate t = CompiledTemplate::Compile(c.input, "/steps/2/params/body", &errors);
    ASSERT_FALSE(errors.empty()) << "input: " << c.input << " dump: " << t.Dump();
    EXPECT_EQ(errors[0].code, c.code) << "input: " << c.input << " message: " << errors[0].message;
    EXPECT_EQ(errors[0].path, "/steps/2/params/body") << "input: " << c.input;
    EXPECT_EQ(errors[0].message, c.message) << "input: " << c.input;
    // A broken template renders its source as is: visible, never half-evaluated.
    JsonScope scope(TestData());
    EvalContext ctx;
    EXPECT_EQ(t.Render(scope, ctx), c.input);
  }
}

TEST(TemplateCompile, CollectsSeveralNonStructuralErrors) {
  Errors errors;
  CompiledTemplate::Compile("{{foo a}} and {{bar b}} and {{toLower}}", "/x", &errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].code, "template.unknown_helper");
  EXPECT_EQ(errors[1].code, "template.unknown_helper");
  EXPECT_EQ(errors[2].code, "template.bad_argument");
}

TEST(TemplateCompile, NullErrorsPointerIsAllowed) {
  CompiledTemplate t = CompiledTemplate::Compile("{{#if}}", "", nullptr);
  EXPECT_EQ(t.Dump(), "lit{{{#if}}}");
}

TEST(TemplateCompile, TooLarge) {
  Errors errors;
  std::string big(300 * 1024, 'a');
  CompiledTemplate::Compile(big + "{{x}}", "/big", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_large");
  EXPECT_EQ(errors[0].message, "at offset 0: template is 307205 bytes; the limit is 262144");
  errors.clear();
  CompiledTemplate::Compile("{{x}}{{y}}", "/small", &errors, 64, 5);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_large");
}

//-------------------------------------------------------------------------------------------
// Depth limits and hostile input
//-------------------------------------------------------------------------------------------

TEST(TemplateLimits, TenThousandNestedIfsAreTooDeep) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "{{#if a}}";
  text += "x";
  for (int i = 0; i < 10000; ++i) text += "{{/if}}";
  Errors errors;
  CompiledTemplate t = CompiledTemplate::Compile(text, "/deep", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_deep");
  EXPECT_EQ(errors[0].path, "/deep");
  EXPECT_EQ(errors[0].message, "at offset 576: '{{#if a}}': blocks nested deeper than 64");
}

TEST(TemplateLimits, DepthLimitIsConfigurable) {
  auto nested = [](int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += "{{#if a}}";
    for (int i = 0; i < n; ++i) text += "{{/if}}";
    return text;
  };
  Errors errors;
  CompiledTemplate::Compile(nested(4), "", &errors, 4);
  EXPECT_TRUE(errors.empty());
  CompiledTemplate::Compile(nested(5), "", &errors, 4);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_deep");
}

TEST(TemplateLimits, TenThousandNestedSubexpressionsAreTooDeep) {
  std::string text = "{{concat ";
  for (int i = 0; i < 10000; ++i) text += "(concat ";
  text += "1";
  for (int i = 0; i < 10000; ++i) text += ")";
  text += "}}";
  Errors errors;
  CompiledTemplate::Compile(text, "/sub", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "template.too_deep");
  EXPECT_EQ(errors[0].message, "at offset 521: subexpressions nested deeper than 64");
}

TEST(TemplateLimits, TenThousandUnclosedBracesDoNotCrash) {
  std::string text(20000, '{');
  Errors errors;
  CompiledTemplate::Compile(text, "", &errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, "template.unclosed");
}

TEST(TemplateLimits, MalformedInputsNeverCrash) {
  const char* inputs[] = {"{{", "}}", "{{{", "{{#each}}", "{{/if}}", "{{#if}}{{/if}}", "{{else}}", "{{^}}",
                          "{{!", "{{!--", "{{~", "{{~}}", "{{#}}", "{{/}}", "{{(}}", "{{)}}", "{{a=}}", "{{=}}",
                          "{{'}}", "{{\"}}", "{{[}}", "{{a.[b}}", "{{#each a as |}}{{/each}}", "{{#each a as ||}}{{/each}}",
                          "{{@}}", "{{@root}}", "{{../}}", "{{this/}}", "{{-}}", "{{-1}}", "{{1.2.3}}",
                          "\xff\xfe{{\xff}}", "{{\xc3}}", "{{#if a}}{{else if}}{{/if}}", "{{#if a}}{{else foo}}{{/if}}",
                          "{{{{raw}}}}", "{{{a}}", "{{&}}", "{{*dec}}", "{{#>p}}{{/p}}", "\\", "\\{{", "\\\\{{"};
  for (const char* in : inputs) {
    Errors errors;
    CompiledTemplate t = CompiledTemplate::Compile(in, "/m", &errors);
    JsonScope scope(TestData());
    EvalContext ctx;
    std::string out = t.Render(scope, ctx);
    (void)out;
    (void)t.Dump();
  }
  SUCCEED();
}

TEST(TemplateLimits, OutputBudgetCutsAndReports) {
  EvalContext ctx;
  ctx.max_output_bytes = 10;
  std::string out = Render("{{#each steps.1.tags}}{{this}}-{{this}}-{{/each}}", &ctx);
  EXPECT_EQ(out, "vip-vip-go");
  EXPECT_EQ(ctx.error, "template.too_large: rendered output exceeds 10 bytes; cut");
}

TEST(TemplateLimits, OutputBudgetDoesNotSplitUtf8) {
  EvalContext fits;
  fits.max_output_bytes = 5;
  EXPECT_EQ(Render("abc\xc3\xa9", &fits), "abc\xc3\xa9");  // exactly 5 bytes
  EXPECT_TRUE(fits.error.empty());
  EvalContext cut;
  cut.max_output_bytes = 4;  // byte 4 is the middle of the 2-byte character
  EXPECT_EQ(Render("abc\xc3\xa9", &cut), "abc");
  EXPECT_FALSE(cut.error.empty());
}

TEST(TemplateLimits, ReplaceCannotBlowUpPastTheBudget) {
  Json data = Json::parse(R"({"steps": {"1": {}}})");
  data["steps"]["1"]["big"] = std::string(100000, 'a');
  CompiledTemplate t =
      CompiledTemplate::Compile("{{{replace steps.1.big \"a\" (concat steps.1.big steps.1.big)}}}", "", nullptr);
  JsonScope scope(data);
  EvalContext ctx;
  ctx.max_output_bytes = 1000;
  EXPECT_EQ(t.Render(scope, ctx).size(), 1000u);
  EXPECT_EQ(ctx.error, "template.too_large: rendered output exceeds 1000 bytes; cut");
}

//-------------------------------------------------------------------------------------------
// Rendering
//-------------------------------------------------------------------------------------------

struct RenderCase {
  const char* input;
  const char* output;
};

const RenderCase kRenderCases[] = {
    // Paths, escaping, types.
    {"Hi {{{steps.1.name}}}", "Hi Ada <Lovelace>"},
    {"Hi {{steps.1.name}}", "Hi Ada &lt;Lovelace&gt;"},
    {"{{steps.1.html}}", "a&amp;b&#x3D;&quot;c&quot; &#x27;d&#x27; &#x60;e&#x60;"},
    {"{{{steps.1.html}}}", "a&b=\"c\" 'd' `e`"},
    {"{{&steps.1.html}}", "a&b=\"c\" 'd' `e`"},
    {"[{{steps.1.missing}}][{{steps.nope.x}}][{{steps.1.nul}}]", "[][][]"},
    {"{{steps.1.n}} {{steps.1.float}} {{steps.1.count}} {{steps.1.yes}} {{steps.1.no}}", "3 2.5 0 true false"},
    {"{{{steps.1.tags}}}", "[\"vip\",\"gold\"]"},
    {"{{{steps.1.obj}}}", "{\"a\":1,\"b\":\"x\"}"},
    {"{{steps.1.obj}}", "{&quot;a&quot;:1,&quot;b&quot;:&quot;x&quot;}"},
    {"{{steps.1.tags.0}}/{{steps.1.tags.1}}/{{steps.1.tags.2}}", "vip/gold/"},
    {"{{steps.1.items.1.sku}}", "B"},
    {"{{{steps.1.changes.attributes.status.after}}}", "done"},
    {"{{{steps.1.custom.@effotim2TimerBool}}}", "true"},
    {"{{{steps.1.custom.[orderNumberStr]}}}", "A-17"},
    {"{{{variables.63da823147407a231b1bbfce}}}", "s3cret"},
    {"{{@root.steps.1.id}}", "c1"},
    {"Order /#steps.1.id", "Order /#steps.1.id"},
    {"a \\{{steps.1.id}} b", "a {{steps.1.id}} b"},
    {"{{\"literal\"}} {{42}} {{true}}", "literal 42 true"},
    // #if / #unless / else chains.
    {"{{#if steps.1.id}}yes{{else}}no{{/if}}", "yes"},
    {"{{#if steps.1.missing}}yes{{else}}no{{/if}}", "no"},
    {"{{#if steps.1.count}}y{{else}}n{{/if}}", "n"},
    {"{{#if steps.1.count includeZero=true}}y{{else}}n{{/if}}", "y"},
    {"{{#if steps.1.none}}y{{else}}n{{/if}}", "n"},
    {"{{#if steps.1.obj}}y{{else}}n{{/if}}", "y"},
    {"{{#if steps.1.empty}}y{{else}}n{{/if}}", "n"},
    {"{{#unless steps.1.missing}}u{{/unless}}", "u"},
    {"{{^steps.1.missing}}inv{{/steps.1.missing}}", "inv"},
    {"{{#if steps.1.no}}1{{else if steps.1.count}}2{{else if steps.1.n}}3{{else}}4{{/if}}", "3"},
    {"{{#if (eq steps.1.status \"done\")}}D{{else}}O{{/if}}", "D"},
    {"{{#if (and steps.1.yes (gt steps.1.total 10))}}big{{/if}}", "big"},
    {"{{#if (or steps.1.no (not steps.1.id))}}x{{else}}y{{/if}}", "y"},
    {"{{#eq steps.1.status \"done\"}}same{{else}}diff{{/eq}}", "same"},
    {"{{#contains steps.1.tags \"gold\"}}has gold{{/contains}}", "has gold"},
    // #each / #with / data variables / block params / parent access.
    {"{{#each steps.1.tags}}{{@index}}={{this}}{{#unless @last}},{{/unless}}{{/each}}", "0=vip,1=gold"},
    {"{{#each steps.1.items}}{{sku}}x{{qty}};{{/each}}", "Ax2;Bx1;"},
    {"{{#each steps.1.obj}}{{@key}}={{this}}{{#if @first}}(first){{/if}} {{/each}}", "a=1(first) b=x "},
    {"{{#each steps.1.none}}x{{else}}empty{{/each}}", "empty"},
    {"{{#each steps.1.missing}}x{{else}}empty{{/each}}", "empty"},
    {"{{#each steps.1.items as |item i|}}{{i}}:{{item.sku}} {{/each}}", "0:A 1:B "},
    {"{{#each steps.1.obj as |v k|}}{{k}}={{v}} {{/each}}", "a=1 b=x "},
    {"{{#each steps.1.items}}{{steps.1.id}}-{{sku}} {{/each}}", "c1-A c1-B "},
    {"{{#with steps.lookup.body}}{{name}}/{{#each ../steps.1.tags}}{{this}}{{/each}}{{/with}}", "outer/vipgold"},
    {"{{#with steps.lookup}}{{#each emails}}{{email}}|{{../body.name}}{{/each}}{{/with}}", "a@x.io|outer"},
    {"{{#with steps.1.missing}}x{{else}}none{{/with}}", "none"},
    {"{{#each steps.1.items}}{{#each ../steps.1.tags}}{{/each}}{{this.sku}}{{/each}}", "AB"},
    {"{{#each steps.1.items}}{{lookup ../steps.1.tags @index}} {{/each}}", "vip gold "},
    {"{{#each steps.1.items as |it|}}{{#each ../steps.1.tags}}{{it.sku}}{{this}} {{/each}}{{/each}}",
     "Avip Agold Bvip Bgold "},
    {"{{#each steps.1.items as |it|}}{{#each steps.1.tags}}{{it.sku}}{{this}} {{/each}}{{/each}}",
     "Avip Agold Bvip Bgold "},
    // Whitespace control and standalone lines.
    {"a  {{~steps.1.id~}}  b", "ac1b"},
    {"{{#if steps.1.id}}\n  yes\n{{/if}}\n", "  yes\n"},
    {"list:\n{{#each steps.1.tags}}\n- {{this}}\n{{/each}}\ndone", "list:\n- vip\n- gold\ndone"},
    {"{{#if steps.1.no}}\nA\n{{else}}\nB\n{{/if}}", "B\n"},
    {"  {{! standalone comment }}  \nx", "x"},
    {"x {{#if steps.1.id}}y{{/if}} z", "x y z"},
    // Helpers: strings.
    {"{{toLower \"HeLLo\"}} {{toUpper steps.1.status}} {{capitalize \"ada\"}} [{{trim \"  t  \"}}]", "hello DONE Ada [t]"},
    {"{{replace \"a-b-c\" \"-\" \"+\"}} {{replace \"abc\" \"\" \"x\"}}", "a+b+c abc"},
    {"{{substring \"hello\" 1 3}} {{substring \"hello\" 3 1}} {{substring \"hello\" -2}} {{substring \"héllo\" 1 2}}",
     "el el hello é"},
    {"{{truncate \"hello world\" 5}} {{truncate \"hello world\" 8 \"...\"}} {{truncate \"hi\" 5 \"...\"}}",
     "hello hello... hi"},
    {"{{concat \"a\" 1 true steps.1.missing \"b\"}}", "a1trueb"},
    {"{{{join steps.1.tags \", \"}}} {{join steps.1.tags}}", "vip, gold vip,gold"},
    {"{{{split \"a,b,c\"}}} {{{split \"a b\" \" \"}}} {{length (split \"a,b,c\" \",\")}}", "[\"a\",\"b\",\"c\"] [\"a\",\"b\"] 3"},
    {"{{length \"héllo\"}} {{length steps.1.tags}} {{length steps.1.obj}} {{length steps.1.missing}}", "5 2 2 0"},
    {"{{default steps.1.missing \"fallback\"}} {{default steps.1.empty steps.1.nul \"last\"}} {{default steps.1.id \"x\"}}",
     "fallback last c1"},
    {"{{startsWith \"hello\" \"he\"}} {{endsWith \"hello\" \"lo\"}} {{endsWith \"lo\" \"hello\"}}", "true true false"},
    {"{{encodeURIComponent \"a b&c/é\"}}", "a%20b%26c%2F%C3%A9"},
    {"{{toString 5}} {{toNumber \"7.50\"}} {{toNumber \"x\"}}", "5 7.5 "},
    // Helpers: JSON.
    {"{{{json steps.1.obj}}}", "{\"a\":1,\"b\":\"x\"}"},
    {"{{{stringify steps.1.tags}}}", "[\"vip\",\"gold\"]"},
    {"{{{json steps.1.id}}}|{{{json steps.1.missing}}}", "\"c1\"|"},
    {"{{{json steps.1.obj 2}}}", "{\n  \"a\": 1,\n  \"b\": \"x\"\n}"},
    {"{{{jsonParse steps.1.json}}} {{lookup (jsonParse steps.1.json) \"a\"}}", "{\"a\":[1,2]} [1,2]"},
    {"[{{jsonParse \"{bad\"}}]", "[]"},
    {"{{lookup steps.1.obj \"b\"}} {{lookup steps.1.tags 1}} [{{lookup steps.1.tags 5}}]", "x gold []"},
    {"{{first steps.1.tags}} {{last steps.1.tags}}", "vip gold"},
    // Helpers: logic and validation.
    {"{{eq 1 \"1\"}} {{eq \"a\" \"A\"}} {{neq 1 2}} {{gt \"10\" \"9\"}} {{lt \"a\" \"b\"}} {{gte 2 2}} {{lte 3 2}}",
     "true false true true true true false"},
    {"{{and true 1 \"x\"}} {{and true 0}} {{or 0 \"\" 5}} {{or 0 false}} {{not steps.1.missing}}",
     "true false true false true"},
    {"{{contains \"hello\" \"ell\"}} {{includes steps.1.tags \"vip\"}} {{contains steps.1.obj \"a\"}}", "true true true"},
    {"{{isEmpty steps.1.none}} {{isEmpty steps.1.missing}} {{isEmpty steps.1.obj}} {{isEmpty 0}}", "true true false false"},
    {"{{isEmail steps.1.email}} {{isEmail \"nope@\"}} {{isEmail \"a@b\"}} {{isEmail \"a b@c.de\"}}", "true false false false"},
    {"{{isPhone steps.1.phone}} {{isPhone \"12-34\"}} {{isPhone \"555-0100 x\"}} {{isPhone 15550109999}}",
     "true false false true"},
    {"{{isNumber \"12.5\"}} {{isNumber 3}} {{isNumber \"12a\"}} {{isNumber \"\"}}", "true true false false"},
    // Helpers: math.
    {"{{ math steps.1.n \"+\" steps.1.total }}", "15.5"},
    {"{{math 7 \"-\" 10}} {{math 6 \"*\" 7}} {{math 7 \"/\" 2}} {{math 7 \"%\" 4}} {{math 2 \"^\" 10}}",
     "-3 42 3.5 3 1024"},
    {"{{math 3 \"min\" 4}} {{math 3 \"max\" 4}} {{math 2.5 \"round\"}} {{math \"floor\" 2.7}} {{math -2 \"abs\"}}",
     "3 4 3 2 2"},
    {"{{math 3.14159 \"round\" 2}} {{math 0.1 \"+\" 0.2}}", "3.14 0.30000000000000004"},
    {"[{{math 1 \"/\" 0}}][{{math \"a\" \"+\" 1}}][{{math 1 \"?\" 1}}]", "[][][]"},
    {"{{toFixed 3.14159 2}} {{toFixed \"2\" 1}}", "3.14 2.0"},
    // Helpers: dates (now = 2024-06-03T09:00:00.000Z).
    {"{{{date}}}", "2024-06-03T09:00:00.000Z"},
    {"{{{date 'hours' count=-2}}}", "2024-06-03T07:00:00.000Z"},
    {"{{{date 'days' 3}}}", "2024-06-06T09:00:00.000Z"},
    {"{{{date 'months' count=1 format='YYYY-MM-DD'}}}", "2024-07-03"},
    {"{{{date 'weeks' count=-1}}} {{{date 'years' count=1}}}", "2024-05-27T09:00:00.000Z 2025-06-03T09:00:00.000Z"},
    {"{{{date 'minutes' count=90}}} {{{date 'seconds' count=30}}} {{{date 'milliseconds' count=5}}}",
     "2024-06-03T10:30:00.000Z 2024-06-03T09:00:30.000Z 2024-06-03T09:00:00.005Z"},
    {"[{{date 'fortnights' count=1}}]", "[]"},
    {"{{{dateFormat steps.1.createdAt format='LL'}}}", "June 1, 2024"},
    {"{{{dateFormat steps.1.createdAt 'YYYY-MM-DD HH:mm:ss.SSS'}}}", "2024-06-01 12:30:45.123"},
    {"{{{dateFormat steps.1.epoch 'LLLL'}}}", "Saturday, June 1, 2024 12:30 PM"},
    {"{{{dateFormat steps.1.createdAt}}}", "2024-06-01T12:30:45+00:00"},
    {"[{{dateFormat steps.1.missing 'LL'}}] {{dateFormat \"garbage\" 'LL'}}", "[] Invalid date"},
    {"{{dateDiff 'days' from='2024-06-01' to='2024-06-03T12:00:00Z'}}", "2"},
    {"{{dateDiff 'hours' from='2024-06-03T12:00:00Z' to='2024-06-03T09:30:00Z'}}", "-2"},
    {"{{dateDiff 'milliseconds' from=steps.1.createdAt to=steps.1.epoch}}", "0"},
    {"{{dateDiff 'months' from='2024-01-31' to='2024-02-29'}} {{dateDiff 'years' from='2020-06-03' to='2024-06-02'}}",
     "1 3"},
    {"{{dateDiff 'minutes' from='2024-06-03T08:00:00Z'}}", "60"},
    {"[{{dateDiff 'days' from='nope'}}]", "[]"},
    {"{{{dateAdd steps.1.createdAt 2 'days'}}} {{{dateAdd steps.1.createdAt count=-1 unit='months'}}}",
     "2024-06-03T12:30:45.123Z 2024-05-01T12:30:45.123Z"},
    {"{{{dateAdd '2024-01-31' 1 'months' format='YYYY-MM-DD'}}}", "2024-02-29"},
};

TEST(TemplateRender, Table) {
  for (const RenderCase& c : kRenderCases) {
    Errors errors;
    std::string out = Render(c.input, nullptr, &errors);
    EXPECT_TRUE(errors.empty()) << "input: " << c.input << "\nfirst error: " << (errors.empty() ? "" : ToString(errors[0]));
    EXPECT_EQ(out, c.output) << "input: " << c.input;
  }
}

struct MomentCase {
  const char* date;
  const char* format;
  const char* output;
};

// moment.js tokens in UTC (English locale).
const MomentCase kMomentCases[] = {
    {"2024-06-01T12:30:45.123Z", "YYYY YY Y MM M DD D", "2024 24 2024 06 6 01 1"},
    {"2024-06-01T12:30:45.123Z", "HH H hh h kk k mm m ss s", "12 12 12 12 12 12 30 30 45 45"},
    {"2024-06-01T12:30:45.123Z", "S SS SSS SSSS A a", "1 12 123 1230 PM pm"},
    {"2024-06-01T12:30:45.123Z", "dddd ddd dd d do e E", "Saturday Sat Sa 6 6th 6 6"},
    {"2024-06-01T12:30:45.123Z", "MMMM MMM Mo Q Qo", "June Jun 6th 2 2nd"},
    {"2024-06-01T12:30:45.123Z", "Do DDD DDDD DDDo", "1st 153 153 153rd"},
    {"2024-06-01T12:30:45.123Z", "W WW Wo w ww wo GGGG gggg GG gg", "22 22 22nd 22 22 22nd 2024 2024 24 24"},
    {"2024-06-01T12:30:45.123Z", "Z ZZ z X x", "+00:00 +0000 UTC 1717245045 1717245045123"},
    {"2024-06-01T12:30:45.123Z", "L", "06/01/2024"},
    {"2024-06-01T12:30:45.123Z", "LL", "June 1, 2024"},
    {"2024-06-01T12:30:45.123Z", "LLL", "June 1, 2024 12:30 PM"},
    {"2024-06-01T12:30:45.123Z", "LLLL", "Saturday, June 1, 2024 12:30 PM"},
    {"2024-06-01T12:30:45.123Z", "LT", "12:30 PM"},
    {"2024-06-01T12:30:45.123Z", "LTS", "12:30:45 PM"},
    {"2024-06-01T12:30:45.123Z", "l | ll | lll | llll", "6/1/2024 | Jun 1, 2024 | Jun 1, 2024 12:30 PM | Sat, Jun 1, 2024 12:30 PM"},
    {"2024-06-01T12:30:45.123Z", "[Today is] dddd [LL] \\Y", "Today is Saturday LL Y"},
    {"2024-06-01T12:30:45.123Z", "YYYY-MM-DD[T]HH:mm:ss.SSS[Z]", "2024-06-01T12:30:45.123Z"},
    {"2024-06-01T12:30:45.123Z", "", "2024-06-01T12:30:45+00:00"},
    {"2024-01-07T00:05:09.007Z", "h:mm:ss A k SSS SSSS", "12:05:09 AM 24 007 0070"},
    {"2024-01-07T00:05:09.007Z", "W w E d Qo", "1 2 7 0 1st"},
    {"2020-12-31T23:59:59Z", "W GGGG w gggg", "53 2020 1 2021"},
    {"2021-01-03T10:00:00Z", "W GGGG w gggg", "53 2020 2 2021"},
    {"2024-02-11T00:00:00Z", "Do", "11th"},
    {"2024-02-12T00:00:00Z", "Do", "12th"},
    {"2024-02-13T00:00:00Z", "Do", "13th"},
    {"2024-02-21T00:00:00Z", "Do", "21st"},
    {"2024-02-22T00:00:00Z", "Do", "22nd"},
    {"2024-02-23T00:00:00Z", "Do", "23rd"},
    {"2024-12-31T12:00:00+02:00", "YYYY-MM-DD HH:mm", "2024-12-31 10:00"},
    {"1969-12-31T23:59:59.999Z", "YYYY-MM-DD HH:mm:ss.SSS dddd X x", "1969-12-31 23:59:59.999 Wednesday -1 -1"},
    {"0", "YYYY-MM-DD", "1970-01-01"},
};

TEST(TemplateRender, MomentFormatTokens) {
  for (const MomentCase& c : kMomentCases) {
    Json data = {{"steps", {{"1", {{"d", c.date}, {"f", c.format}}}}}};
    if (std::string(c.date) == "0") data["steps"]["1"]["d"] = 0;
    Errors errors;
    CompiledTemplate t = CompiledTemplate::Compile("{{{dateFormat steps.1.d steps.1.f}}}", "", &errors);
    ASSERT_TRUE(errors.empty());
    JsonScope scope(data);
    EvalContext ctx;
    EXPECT_EQ(t.Render(scope, ctx), c.output) << c.date << " / " << c.format;
  }
}

TEST(TemplateRender, RandomIdIsDeterministic) {
  EvalContext a, b;
  a.random_seed = b.random_seed = 42;
  std::string first = Render("{{randomId}} {{randomId}}", &a);
  std::string second = Render("{{randomId}} {{randomId}}", &b);
  EXPECT_EQ(first, second);
  EXPECT_EQ(a.random_counter, 2u);
  ASSERT_EQ(first.size(), 24u * 2 + 1);
  EXPECT_NE(first.substr(0, 24), first.substr(25));  // the counter advances
  for (char c : first.substr(0, 24)) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << first;
  EvalContext other;
  other.random_seed = 43;
  EXPECT_NE(Render("{{randomId}}", &other), first.substr(0, 24));
  // The counter continues across renders of the same run.
  EXPECT_NE(Render("{{randomId}}", &a), first.substr(0, 24));
  EXPECT_EQ(a.random_counter, 3u);
}

TEST(TemplateRender, UsesContextClock) {
  EvalContext ctx;
  ctx.now = 0;
  EXPECT_EQ(Render("{{{date}}} {{{date 'days' count=1 format='dddd Do MMMM YYYY'}}}", &ctx),
            "1970-01-01T00:00:00.000Z Friday 2nd January 1970");
}

TEST(TemplateRender, EachIterationBudget) {
  Json data = Json::parse(R"({"steps": {"1": {"xs": []}}})");
  for (int i = 0; i < 1000; ++i) data["steps"]["1"]["xs"].push_back(i);
  CompiledTemplate t = CompiledTemplate::Compile(
      "{{#each steps.1.xs}}{{#each ../steps.1.xs}}{{#each ../../steps.1.xs}}{{/each}}{{/each}}{{/each}}", "", nullptr);
  JsonScope scope(data);
  EvalContext ctx;
  EXPECT_EQ(t.Render(scope, ctx), "");
  EXPECT_EQ(ctx.error, "template.too_large: more than 1000000 #each iterations");
}

//-------------------------------------------------------------------------------------------
// Reads and helper names
//-------------------------------------------------------------------------------------------

TEST(TemplateReads, ListsScopePathsOnce) {
  CompiledTemplate t = CompiledTemplate::Compile(
      "{{steps.1.a}} {{toLower steps.2.b}} {{#if variables.v1}}{{steps.1.a}}{{/if}}"
      "{{#each steps.3.items}}{{sku}}{{this.x}}{{steps.4.c}}{{/each}}{{@root.steps.5.d}}",
      "", nullptr);
  EXPECT_EQ(t.Reads(), (std::vector<std::string>{"steps.1.a", "steps.2.b", "variables.v1", "steps.3.items",
                                                 "steps.4.c", "steps.5.d"}));
}

TEST(TemplateHelpers, KnownHelperNamesCoverTheDocumentedSet) {
  const std::vector<std::string>& names = KnownHelperNames();
  for (const char* required : {"if", "unless", "each", "with", "date", "dateFormat", "dateDiff", "dateAdd", "math",
                               "toLower", "toUpper", "capitalize", "trim", "replace", "substring", "truncate", "split",
                               "join", "concat", "length", "default", "json", "stringify", "jsonParse", "eq", "neq",
                               "gt", "gte", "lt", "lte", "and", "or", "not", "isEmpty", "isEmail", "isPhone",
                               "isNumber", "contains", "includes", "randomId"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
}

}  // namespace
}  // namespace kws
