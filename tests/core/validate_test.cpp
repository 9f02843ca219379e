// Validate: CompileWorkflow / ValidateWorkflow against a small registry, table-driven
// (workflow mutation -> expected {code, path} list), plus the compiled form.

#include "kws/engine/engine.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace kws {
namespace {

FieldSpec Field(std::string name, FieldType type, bool required, std::string label,
                std::vector<std::string> choices = {}, std::string object_type = "") {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.label = std::move(label);
  f.choices = std::move(choices);
  f.object_type = std::move(object_type);
  return f;
}

ActionDescriptor Action(std::string id, std::string display, std::vector<FieldSpec> inputs,
                        std::vector<std::string> aliases = {}) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.app = "Kustomer";
  d.display_name = std::move(display);
  d.inputs = std::move(inputs);
  d.aliases = std::move(aliases);
  d.handler = [](ActionContext&) { return Outcome::Empty(); };
  return d;
}

// The actions the test documents use, with the shapes the real descriptors have.
const ActionRegistry& TestRegistry() {
  static const ActionRegistry* r = [] {
    auto* reg = new ActionRegistry();
    using T = FieldType;
    reg->Add(Action("kustomer.customer.find", "Customer: Lookup by ID",
                    {Field("identifier", T::kId, true, "Identifier", {}, "customer")}));
    reg->Add(Action("kustomer.note.create", "Note: Create",
                    {Field("conversation", T::kId, true, "Conversation", {}, "conversation"),
                     Field("body", T::kText, true, "Body"), Field("userMentions", T::kArray, false, "UserMentions")}));
    reg->Add(Action("kustomer.conversation.update", "Conversation: Update",
                    {Field("id", T::kId, true, "Id", {}, "conversation"), Field("priority", T::kNumber, false, "Priority"),
                     Field("status", T::kEnum, false, "Status", {"open", "snoozed", "done"}),
                     Field("custom", T::kObject, false, "Custom"), Field("locked", T::kBoolean, false, "Locked"),
                     Field("queue", T::kId, false, "Queue", {}, "queue"), Field("dueAt", T::kDate, false, "DueAt")}));
    reg->Add(Action("kustomer.conversation.append-tags", "Conversation: Add Tags",
                    {Field("id", T::kId, true, "Id", {}, "conversation"), Field("tags", T::kIdList, true, "Tags", {}, "tag")},
                    {"kustomer.conversation.add-tags"}));
    reg->Add(Action("kustomer.conversation.find-by-id", "Conversation: Lookup by ID",
                    {Field("id", T::kId, true, "Id", {}, "conversation")}));
    reg->Add(Action("kustomer.user.find-by-id", "User: Find By ID", {Field("id", T::kId, true, "Id", {}, "user")}));
    reg->Add(Action("kustomer.rest-api.json", "Rest API: JSON",
                    {Field("uri", T::kString, true, "URI"),
                     Field("method", T::kEnum, true, "Method", {"GET", "POST", "PUT", "PATCH", "DELETE"}),
                     Field("headers", T::kObject, false, "Headers"), Field("qs", T::kObject, false, "Qs"),
                     Field("data", T::kAny, false, "Data"), Field("json", T::kBoolean, false, "Json")}));
    return reg;
  }();
  return *r;
}

// Parse errors (missing ids...) are the parser's tests' business; here only validation counts.
Workflow FromJson(const Json& j) {
  ParsedDocument doc = ParseWorkflowDocument(j);
  return doc.workflows.empty() ? Workflow() : doc.workflows[0];
}

// A small valid workflow: trigger -> a (customer.find) -> b (note.create).
Json Base() {
  return Json::parse(R"({
    "name": "t",
    "trigger": {"id": "1", "eventName": "kustomer.conversation.update",
                "transitions": [{"target": "a", "condition": {"op": "true", "values": [true]}}]},
    "steps": [
      {"id": "a", "action": "kustomer.customer.find", "params": {"identifier": "/#steps.1.customer"},
       "transitions": [{"target": "b", "condition": {"op": "exists", "values": ["/#steps.a.id"]}}]},
      {"id": "b", "action": "kustomer.note.create",
       "params": {"conversation": "/#steps.1.id", "body": "Hi {{{steps.a.name}}}"}, "transitions": []}
    ]})");
}

Json UpdateStep(const char* id, Json params) {
  return Json{{"id", id}, {"action", "kustomer.conversation.update"}, {"params", std::move(params)},
              {"transitions", Json::array()}};
}

// Expected error: exact path, or a prefix when it ends with '*' (codes owned by kws/cond and
// kws/expr, whose precise sub-paths are theirs to define).
struct Expected {
  std::string code;
  std::string path;
};

std::string DumpErrors(const Errors& errors) {
  std::string out;
  for (const Error& e : errors) out += e.code + "@" + e.path + "  (" + e.message + ")\n";
  return out;
}

bool Matches(const Error& e, const Expected& x) {
  if (e.code != x.code) return false;
  if (!x.path.empty() && x.path.back() == '*') return e.path.rfind(x.path.substr(0, x.path.size() - 1), 0) == 0;
  return e.path == x.path;
}

struct Case {
  const char* name;
  std::function<void(Json&)> mutate;
  std::vector<Expected> expected;
};

TEST(ValidateTable, Cases) {
  const Case cases[] = {
      {"valid", [](Json&) {}, {}},
      // workflow and trigger
      {"name missing", [](Json& w) { w.erase("name"); }, {{"workflow.name.missing", "/name"}}},
      {"event missing", [](Json& w) { w["trigger"].erase("eventName"); },
       {{"trigger.event.missing", "/trigger/eventName"}}},
      {"event not kustomer", [](Json& w) { w["trigger"]["eventName"] = "conversation.update"; },
       {{"trigger.event.unknown", "/trigger/eventName"}}},
      {"unseen kustomer event is fine", [](Json& w) { w["trigger"]["eventName"] = "kustomer.kobject.order.create"; }, {}},
      {"callable without schema",
       [](Json& w) {
         w["trigger"].erase("eventName");
         w["trigger"]["callable"] = true;
       },
       {{"trigger.schema.invalid", "/trigger/schema"}}},
      {"callable with a good schema",
       [](Json& w) {
         w["trigger"]["callable"] = true;
         w["trigger"]["eventName"] = "kustomer.workflow.abc.call";
         w["trigger"]["schema"] = Json::parse(R"({"properties": {"x": {"type": "string"}}, "required": ["x"]})");
       },
       {}},
      {"callable schema: required names an unknown property",
       [](Json& w) {
         w["trigger"]["callable"] = true;
         w["trigger"]["schema"] = Json::parse(R"({"properties": {"x": {"type": "string"}}, "required": ["x", "y", 3]})");
       },
       {{"trigger.schema.invalid", "/trigger/schema/required/1"}, {"trigger.schema.invalid", "/trigger/schema/required/2"}}},
      {"callable schema: wrong shapes",
       [](Json& w) {
         w["trigger"]["callable"] = true;
         w["trigger"]["schema"] = Json::parse(R"({"properties": [], "required": "x"})");
       },
       {{"trigger.schema.invalid", "/trigger/schema/properties"}, {"trigger.schema.invalid", "/trigger/schema/required"}}},
      {"callable schema: property not an object",
       [](Json& w) {
         w["trigger"]["callable"] = true;
         w["trigger"]["schema"] = Json::parse(R"({"properties": {"a/b": "string"}})");
       },
       {{"trigger.schema.invalid", "/trigger/schema/properties/a~1b"}}},
      {"response schema invalid", [](Json& w) { w["response"] = Json::parse(R"({"schema": {"required": {}}})"); },
       {{"workflow.response.invalid", "/response/schema/properties"}, {"workflow.response.invalid", "/response/schema/required"}}},
      // actions and params
      {"unknown action", [](Json& w) { w["steps"][0]["action"] = "kustomer.customer.fnd"; },
       {{"step.action.unknown", "/steps/0/action"}}},
      {"alias is accepted", [](Json& w) {
         w["steps"][1] = Json::parse(R"({"id": "b", "action": "kustomer.conversation.add-tags",
                                          "params": {"id": "/#steps.1.id", "tags": "t1,t2"}})");
       }, {}},
      {"required param missing", [](Json& w) { w["steps"][1]["params"].erase("body"); },
       {{"step.param.missing", "/steps/1/params/body"}}},
      {"required param empty or null",
       [](Json& w) {
         w["steps"][1]["params"]["body"] = "";
         w["steps"][1]["params"]["conversation"] = nullptr;
       },
       {{"step.param.missing", "/steps/1/params/conversation"}, {"step.param.missing", "/steps/1/params/body"}}},
      {"no params at all", [](Json& w) { w["steps"][0].erase("params"); },
       {{"step.param.missing", "/steps/0/params/identifier"}}},
      {"literal types",
       [](Json& w) {
         w["steps"][1] = UpdateStep("b", Json::parse(R"({"id": "/#steps.1.id", "priority": {}, "status": "closed",
             "locked": 3, "custom": "x", "queue": true, "dueAt": []})"));
       },
       {{"step.param.type", "/steps/1/params/priority"}, {"step.param.choice", "/steps/1/params/status"},
        {"step.param.type", "/steps/1/params/locked"}, {"step.param.type", "/steps/1/params/custom"},
        {"step.param.type", "/steps/1/params/queue"}, {"step.param.type", "/steps/1/params/dueAt"}}},
      {"number as non-numeric text", [](Json& w) {
         w["steps"][1] = UpdateStep("b", Json::parse(R"({"id": "x", "priority": "high"})"));
       }, {{"step.param.type", "/steps/1/params/priority"}}},
      {"castable literals and dynamic values are fine",
       [](Json& w) {
         w["steps"][1] = UpdateStep("b", Json::parse(R"({"id": "/#steps.1.id", "priority": "4", "status": "done",
             "locked": "true", "custom": {"a": "/#steps.a.id"}, "queue": "/#steps.a.queue",
             "dueAt": "2024-06-03T09:00:00Z"})"));
       },
       {}},
      {"references and templates skip the literal check",
       [](Json& w) {
         w["steps"][1] = UpdateStep("b", Json::parse(R"({"id": "/#steps.1.id", "priority": "/#steps.a.custom.p",
             "status": "{{{steps.a.custom.status}}}", "locked": "/#fn:parseInt,steps.a.x"})"));
       },
       {}},
      {"unknown params are allowed", [](Json& w) { w["steps"][0]["params"]["somethingElse"] = Json::object(); }, {}},
      // references
      {"reference to a missing step in a param", [](Json& w) { w["steps"][1]["params"]["body"] = "Hi {{{steps.nope.name}}}"; },
       {{"expr.unknown_step", "/steps/1/params/body"}}},
      {"whole-string reference to a missing step", [](Json& w) { w["steps"][1]["params"]["conversation"] = "/#steps.zz.id"; },
       {{"expr.unknown_step", "/steps/1/params/conversation"}}},
      {"reference to a missing step in a condition",
       [](Json& w) { w["steps"][0]["transitions"][0]["condition"]["values"][0] = "/#steps.zzz.id"; },
       {{"expr.unknown_step", "/steps/0/transitions/0/condition"}}},
      {"reference to the trigger and variables is fine",
       [](Json& w) { w["steps"][1]["params"]["body"] = "{{{steps.1.id}}} {{{variables.63da823147407a231b1bbfce}}}"; }, {}},
      // transitions and graph
      {"target not a step", [](Json& w) { w["steps"][0]["transitions"][0]["target"] = "nope"; },
       {{"transition.target.missing", "/steps/0/transitions/0/target"}, {"step.unreachable", "/steps/1"}}},
      {"target empty", [](Json& w) { w["steps"][0]["transitions"][0].erase("target"); },
       {{"transition.target.missing", "/steps/0/transitions/0/target"}, {"step.unreachable", "/steps/1"}}},
      {"trigger targets itself", [](Json& w) { w["trigger"]["transitions"][0]["target"] = "1"; },
       {{"transition.target.missing", "/trigger/transitions/0/target"}, {"step.unreachable", "/steps/0"},
        {"step.unreachable", "/steps/1"}}},
      {"unreachable step",
       [](Json& w) { w["steps"].push_back(Json::parse(R"({"id": "c", "transitions": [{"target": "b"}]})")); },
       {{"step.unreachable", "/steps/2"}}},
      {"two-step cycle", [](Json& w) { w["steps"][1]["transitions"].push_back(Json{{"target", "a"}}); },
       {{"workflow.cycle", "/steps/1/transitions/0"}}},
      {"self loop", [](Json& w) { w["steps"][1]["transitions"].push_back(Json{{"target", "b"}}); },
       {{"workflow.cycle", "/steps/1/transitions/0"}}},
      {"one error per looping component",
       [](Json& w) {
         w["steps"][1]["transitions"].push_back(Json{{"target", "a"}, {"condition", {{"op", "false"}, {"values", {false}}}}});
         w["steps"][1]["transitions"].push_back(Json{{"target", "b"}});
       },
       {{"workflow.cycle", "/steps/1/transitions/0"}}},
      {"two separate cycles",
       [](Json& w) {
         w["steps"][1]["transitions"].push_back(Json{{"target", "b"}});
         w["trigger"]["transitions"].push_back(Json{{"target", "c"}});
         w["steps"].push_back(Json::parse(R"({"id": "c", "transitions": [{"target": "d"}]})"));
         w["steps"].push_back(Json::parse(R"({"id": "d", "transitions": [{"target": "c"}]})"));
       },
       {{"workflow.cycle", "/steps/1/transitions/0"}, {"workflow.cycle", "/steps/3/transitions/0"}}},
      {"condition node cycle",
       [](Json& w) {
         w["steps"][1]["transitions"].push_back(Json{{"target", "c"}});
         w["steps"].push_back(Json::parse(R"({"id": "c", "transitions": [{"target": "d"}]})"));
         w["steps"].push_back(Json::parse(R"({"id": "d", "transitions": [{"target": "b"}]})"));
       },
       {{"workflow.cycle", "/steps/3/transitions/0"}}},
      // step ids
      {"missing step id",
       [](Json& w) { w["steps"].push_back(Json::parse(R"({"id": "", "transitions": []})")); },
       {{"workflow.step.missing_id", "/steps/2/id"}}},
      {"reserved step id", [](Json& w) { w["steps"].push_back(Json::parse(R"({"id": "1"})")); },
       {{"workflow.step.reserved_id", "/steps/2/id"}, {"step.unreachable", "/steps/2"}}},
      // error cases
      {"error cases",
       [](Json& w) {
         w["steps"][0]["errorCases"] = Json::parse(R"([
           {"condition": {"op": "and", "values": []}, "errorAction": {"type": "continue"}},
           {"condition": {"op": "eq", "values": [1, 1]}, "errorAction": {"type": "explode"}},
           {"errorAction": {}},
           {"condition": {"op": "or", "values": [{"op": "exists", "values": ["/#steps.ghost.x"]}]},
            "errorAction": {"type": "retry-workflow"}}])");
       },
       {{"errorcase.action.unknown", "/steps/0/errorCases/1/errorAction/type"},
        {"errorcase.condition", "/steps/0/errorCases/1/condition/op"},
        {"errorcase.action.unknown", "/steps/0/errorCases/2/errorAction/type"},
        {"expr.unknown_step", "/steps/0/errorCases/3/condition"}}},
      // conditions and templates (codes from kws/cond and kws/expr)
      {"unknown condition op", [](Json& w) { w["steps"][0]["transitions"][0]["condition"]["op"] = "bigger"; },
       {{"condition.unknown_op", "/steps/0/transitions/0/condition*"}}},
      {"condition not an object", [](Json& w) { w["trigger"]["transitions"][0]["condition"] = "yes"; },
       {{"condition.not_object", "/trigger/transitions/0/condition*"}}},
      {"unclosed template", [](Json& w) { w["steps"][1]["params"]["body"] = "Hi {{steps.a.name"; },
       {{"template.unclosed", "/steps/1/params/body*"}}},
      // many at once, in document order then graph order
      {"all at once",
       [](Json& w) {
         w.erase("name");
         w["trigger"]["eventName"] = "";
         w["steps"][0]["action"] = "kustomer.nothing.at-all";
         w["steps"][0]["transitions"][0]["target"] = "gone";
         w["steps"][1]["params"].erase("body");
         w["steps"][1]["transitions"] = Json::parse(R"([{"target": "b"}])");
       },
       {{"workflow.name.missing", "/name"}, {"trigger.event.missing", "/trigger/eventName"},
        {"step.action.unknown", "/steps/0/action"}, {"transition.target.missing", "/steps/0/transitions/0/target"},
        {"step.param.missing", "/steps/1/params/body"}, {"step.unreachable", "/steps/1"},
        {"workflow.cycle", "/steps/1/transitions/0"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Json j = Base();
    c.mutate(j);
    Workflow wf = FromJson(j);
    Errors errors = ValidateWorkflow(wf, TestRegistry());
    bool same = errors.size() == c.expected.size();
    for (size_t i = 0; same && i < errors.size(); ++i) same = Matches(errors[i], c.expected[i]);
    std::string want;
    for (const Expected& x : c.expected) want += x.code + "@" + x.path + "\n";
    EXPECT_TRUE(same) << "got:\n" << DumpErrors(errors) << "want:\n" << want;
    for (const Error& e : errors) EXPECT_FALSE(e.message.empty()) << e.code;
  }
}

TEST(ValidateMessages, SaySomethingUseful) {
  Json j = Base();
  j["steps"][0]["action"] = "kustomer.customer.fnd";
  j["steps"][1]["params"].erase("conversation");
  j["steps"][1]["transitions"] = Json::parse(R"([{"target": "a"}])");
  Errors errors = ValidateWorkflow(FromJson(j), TestRegistry());
  ASSERT_EQ(errors.size(), 3u) << DumpErrors(errors);
  EXPECT_NE(errors[0].message.find("did you mean \"kustomer.customer.find\""), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[1].message.find("Conversation"), std::string::npos) << errors[1].message;
  EXPECT_NE(errors[1].message.find("conversation id"), std::string::npos) << errors[1].message;
  EXPECT_EQ(errors[2].code, "workflow.cycle");
  EXPECT_NE(errors[2].message.find("\"a\" -> \"b\" -> \"a\""), std::string::npos) << errors[2].message;

  // Far from everything: no suggestion, but a hint for app actions.
  j = Base();
  j["steps"][0]["action"] = "kustomer.app.shopify_5e7b9c1a2f3d4e0012345678.order-refund";
  errors = ValidateWorkflow(FromJson(j), TestRegistry());
  ASSERT_EQ(errors.size(), 1u) << DumpErrors(errors);
  EXPECT_EQ(errors[0].message.find("did you mean"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("app definition"), std::string::npos) << errors[0].message;
}

TEST(ValidateDocuments, ImportExamplesAreClean) {
  for (const char* name : {"sync_closed_conversations.json", "export_callable_resource.json"}) {
    SCOPED_TRACE(name);
    std::ifstream in(std::string(KWS_SOURCE_DIR) + "/tests/workflows/import/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    ParsedDocument doc = ParseWorkflowText(ss.str());
    ASSERT_EQ(doc.workflows.size(), 1u);
    Errors errors = ValidateWorkflow(doc.workflows[0], TestRegistry());
    EXPECT_TRUE(errors.empty()) << DumpErrors(errors);
  }
}

// Every import document against the real catalogue (plus the app definition's own actions):
// the documents are modelled on real exports, so a problem here means a descriptor or the
// validator disagrees with what Kustomer workflows actually contain.
TEST(ValidateDocuments, ImportDocumentsAgainstBuiltins) {
  std::string dir = std::string(KWS_SOURCE_DIR) + "/tests/workflows/import/";
  for (const char* name : {"sync_closed_conversations.json", "export_callable_resource.json", "data_envelope.json",
                           "data_array.json", "array.json", "app_effort_timer.json"}) {
    SCOPED_TRACE(name);
    std::ifstream in(dir + name);
    std::stringstream ss;
    ss << in.rdbuf();
    ParsedDocument doc = ParseWorkflowText(ss.str());
    ASSERT_FALSE(doc.workflows.empty());
    ActionRegistry registry;
    RegisterBuiltinActions(registry);
    for (const AppAction& a : doc.app_actions) registry.AddAppAction(a);
    for (const Workflow& wf : doc.workflows) {
      Errors errors = ValidateWorkflow(wf, registry);
      EXPECT_TRUE(errors.empty()) << wf.name << ":\n" << DumpErrors(errors);
    }
  }
}

TEST(ValidateCompile, CompiledShape) {
  Json j = Base();
  j["steps"][0]["transitions"][0]["meta"] = Json{{"name", "Found"}};
  j["steps"][0]["errorCases"] = Json::parse(R"([{"condition": {"op": "and", "values": []}, "errorAction": {"type": "continue"}}])");
  j["steps"].push_back(Json::parse(R"({"id": "c", "transitions": [{"target": "b"}, {"target": "missing"}]})"));
  j["trigger"]["transitions"].push_back(Json{{"target", "c"}});
  Workflow wf = FromJson(j);
  Errors errors;
  std::shared_ptr<CompiledWorkflow> cw = CompileWorkflow(wf, TestRegistry(), &errors);
  ASSERT_NE(cw, nullptr);
  ASSERT_EQ(errors.size(), 1u) << DumpErrors(errors);
  EXPECT_EQ(errors[0].code, "transition.target.missing");
  EXPECT_EQ(cw->id, "");
  EXPECT_TRUE(cw->source == wf);
  EXPECT_EQ(cw->trigger.id, "1");
  EXPECT_EQ(cw->trigger.descriptor, nullptr);
  ASSERT_EQ(cw->trigger.transitions.size(), 2u);
  EXPECT_EQ(cw->trigger.transitions[0].target_index, 0);
  EXPECT_EQ(cw->trigger.transitions[1].target_index, 2);
  ASSERT_EQ(cw->steps.size(), 3u);
  EXPECT_EQ(cw->steps[0].id, "a");
  EXPECT_EQ(cw->steps[0].action, "kustomer.customer.find");
  ASSERT_NE(cw->steps[0].descriptor, nullptr);
  EXPECT_EQ(cw->steps[0].descriptor, TestRegistry().Find("kustomer.customer.find"));
  ASSERT_EQ(cw->steps[0].params.size(), 1u);
  EXPECT_EQ(cw->steps[0].params[0].first, "identifier");
  EXPECT_FALSE(cw->steps[0].params[0].second.IsConstant());
  EXPECT_EQ(cw->steps[0].transitions[0].name, "Found");
  EXPECT_EQ(cw->steps[0].transitions[0].target, "b");
  EXPECT_EQ(cw->steps[0].transitions[0].target_index, 1);
  ASSERT_EQ(cw->steps[0].error_cases.size(), 1u);
  EXPECT_EQ(cw->steps[0].error_cases[0].action_type, "continue");
  ASSERT_EQ(cw->steps[1].params.size(), 2u);
  EXPECT_EQ(cw->steps[1].params[0].first, "conversation");  // document order
  EXPECT_EQ(cw->steps[1].params[1].first, "body");
  EXPECT_EQ(cw->steps[2].action, "");
  EXPECT_EQ(cw->steps[2].descriptor, nullptr);
  EXPECT_EQ(cw->steps[2].transitions[1].target_index, -1);
  EXPECT_EQ(cw->index.size(), 3u);
  EXPECT_EQ(cw->index.at("c"), 2);

  // With an id, and without an error sink.
  wf.id = "6650c0ffee00000000000099";
  std::shared_ptr<CompiledWorkflow> cw2 = CompileWorkflow(wf, TestRegistry(), nullptr);
  EXPECT_EQ(cw2->id, "6650c0ffee00000000000099");
}

TEST(ValidateCompile, DuplicateIdsIndexTheFirst) {
  Json j = Base();
  j["steps"].push_back(Json::parse(R"({"id": "a", "transitions": []})"));
  ParsedDocument doc = ParseWorkflowDocument(j);
  ASSERT_EQ(doc.errors.size(), 1u);  // the parser reports it too, with a document pointer
  Errors errors;
  auto cw = CompileWorkflow(doc.workflows[0], TestRegistry(), &errors);
  ASSERT_EQ(errors.size(), 1u) << DumpErrors(errors);
  EXPECT_EQ(errors[0].code, "workflow.step.duplicate_id");
  EXPECT_EQ(errors[0].path, "/steps/2/id");
  EXPECT_EQ(cw->index.at("a"), 0);
  EXPECT_EQ(cw->steps.size(), 3u);
}

TEST(ValidateGraph, LongChainsAndManyCyclesWithoutRecursion) {
  // 5,000 steps in one chain, then closed into one big cycle: the graph walks are iterative.
  Json j = Json::parse(R"({"name": "long", "trigger": {"eventName": "kustomer.customer.create",
                           "transitions": [{"target": "s0"}]}, "steps": []})");
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    Json s = {{"id", "s" + std::to_string(i)}, {"transitions", Json::array()}};
    if (i + 1 < n) s["transitions"].push_back(Json{{"target", "s" + std::to_string(i + 1)}});
    j["steps"].push_back(std::move(s));
  }
  Workflow wf = FromJson(j);
  EXPECT_TRUE(ValidateWorkflow(wf, TestRegistry()).empty());
  wf.steps.back().transitions.push_back(Transition{"s0"});
  Errors errors = ValidateWorkflow(wf, TestRegistry());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "workflow.cycle");
  EXPECT_EQ(errors[0].path, "/steps/4999/transitions/0");
}

TEST(ValidateGraph, CanvasBuiltWorkflow) {
  // Built in code (as the canvas does), not parsed.
  Workflow wf;
  wf.name = "canvas";
  wf.trigger.event_name = "kustomer.customer.create";
  wf.trigger.transitions.push_back(Transition{"x"});
  Step x;
  x.id = "x";
  x.params = Json{{"note", "{{#if steps.1.id}}yes{{/if}}"}};
  wf.steps.push_back(x);
  Step blank;  // freshly dropped node, no id yet
  wf.steps.push_back(blank);
  Errors errors = ValidateWorkflow(wf, TestRegistry());
  ASSERT_EQ(errors.size(), 1u) << DumpErrors(errors);
  EXPECT_EQ(errors[0].code, "workflow.step.missing_id");
  EXPECT_EQ(errors[0].path, "/steps/1/id");
}

}  // namespace
}  // namespace kws
