// Model: parsing every Kustomer envelope, export in Kustomer's key order, round trips,
// malformed input, SlugifyName.

#include "kws/model/workflow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kws {
namespace {

std::string ImportDir() { return std::string(KWS_SOURCE_DIR) + "/tests/workflows/import"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ImportFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(ImportDir())) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

ParsedDocument ParseFile(const std::string& name) { return ParseWorkflowText(ReadFile(ImportDir() + "/" + name)); }

// "code@path" lines: the canonical dump the tables compare against.
std::string DumpErrors(const Errors& errors) {
  std::string out;
  for (const Error& e : errors) out += e.code + "@" + e.path + "\n";
  return out;
}

std::vector<std::string> Keys(const Json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

using Strings = std::vector<std::string>;

// ---- Envelopes -------------------------------------------------------------------------------

TEST(ModelEnvelope, BareAuthoringObject) {
  ParsedDocument doc = ParseFile("sync_closed_conversations.json");
  EXPECT_EQ(doc.envelope, "workflow");
  ASSERT_EQ(doc.workflows.size(), 1u);
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  const Workflow& wf = doc.workflows[0];
  EXPECT_EQ(wf.source_pointer, "");
  EXPECT_EQ(wf.id, "");
  EXPECT_EQ(wf.name, "sync-closed-conversations");
  EXPECT_EQ(wf.DisplayName(), "Sync closed conversations");
  EXPECT_TRUE(wf.enabled);
  EXPECT_TRUE(wf.has_enabled);
  EXPECT_EQ(wf.trigger.id, "1");
  EXPECT_EQ(wf.trigger.event_name, "kustomer.conversation.update");
  EXPECT_EQ(wf.trigger.app_version, "kustomer-^1.10.4");
  ASSERT_EQ(wf.trigger.transitions.size(), 1u);
  EXPECT_EQ(wf.trigger.transitions[0].target, "lookupCus");
  EXPECT_EQ(wf.trigger.transitions[0].meta, Json({{"name", "Status changed to done"}}));
  ASSERT_EQ(wf.steps.size(), 4u);
  const Step& post = wf.steps[1];
  EXPECT_EQ(post.id, "postSync");
  EXPECT_EQ(post.action, "kustomer.rest-api.json");
  EXPECT_TRUE(post.has_params);
  EXPECT_TRUE(post.has_error_cases);
  EXPECT_EQ(post.params["method"], "POST");
  ASSERT_EQ(post.transitions.size(), 2u);
  EXPECT_EQ(post.transitions[1].target, "noteFail");
  EXPECT_EQ(post.transitions[1].condition["op"], "gte");
  EXPECT_EQ(wf.StepIndex("noteFail"), 3);
  EXPECT_EQ(wf.StepIndex("nope"), -1);
  ASSERT_NE(wf.FindStep("tagOk"), nullptr);
  EXPECT_EQ(wf.FindStep("tagOk")->action, "kustomer.conversation.append-tags");
  EXPECT_EQ(wf.FindStep("zzz"), nullptr);
  EXPECT_TRUE(wf.extra.empty());
}

TEST(ModelEnvelope, JsonApiResourceStripsBookkeeping) {
  ParsedDocument doc = ParseFile("export_callable_resource.json");
  EXPECT_EQ(doc.envelope, "resource");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 1u);
  const Workflow& wf = doc.workflows[0];
  EXPECT_EQ(wf.source_pointer, "/attributes");
  EXPECT_EQ(wf.id, "61b928c394014f001b1f3b0b");
  EXPECT_EQ(wf.name, "bot---new-mi-tienda");
  EXPECT_EQ(wf.DisplayName(), "Bot - New Mi tienda");
  EXPECT_TRUE(wf.trigger.callable);
  EXPECT_EQ(wf.trigger.schema["required"], Json::array({"conversationId"}));
  EXPECT_EQ(wf.response, Json::parse(R"({"schema":{"properties":{},"required":[]}})"));
  // API bookkeeping is gone; the rest is kept in document order.
  EXPECT_EQ(Keys(wf.extra), (Strings{"schedules", "dynamicSchedules", "appSettings", "objectMapping"}));
  for (const Step& s : wf.steps) {
    EXPECT_TRUE(s.extra.empty()) << s.id << ": " << Dump(s.extra);
  }
  const Step* condition_node = wf.FindStep("8dJvVsfGa");
  ASSERT_NE(condition_node, nullptr);
  EXPECT_EQ(condition_node->action, "");
  EXPECT_FALSE(condition_node->has_params);
  EXPECT_EQ(condition_node->transitions[0].meta["name"], "Colombia");
  const Step* last = wf.FindStep("e_r_w7wx8");
  ASSERT_NE(last, nullptr);
  ASSERT_EQ(last->error_cases.size(), 1u);
  EXPECT_EQ(last->error_cases[0].action_type, "continue");
  EXPECT_EQ(last->error_cases[0].condition["op"], "and");

  Json exported = ExportWorkflow(wf);
  EXPECT_EQ(exported["id"], "61b928c394014f001b1f3b0b");
  for (const char* k : {"rev", "createdAt", "updatedAt", "modifiedAt", "loggingAt", "appDisabled",
                        "systemDisabled", "editable", "containsVariables", "lastError", "relationships", "links"}) {
    EXPECT_FALSE(exported.contains(k)) << k;
  }
  EXPECT_FALSE(exported["steps"][0].contains("_id"));
  EXPECT_FALSE(ExportWorkflow(wf, /*include_id=*/false).contains("id"));
}

TEST(ModelEnvelope, DataMemberWithResource) {
  ParsedDocument doc = ParseFile("data_envelope.json");
  EXPECT_EQ(doc.envelope, "data");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 1u);
  const Workflow& wf = doc.workflows[0];
  EXPECT_EQ(wf.source_pointer, "/data/attributes");
  EXPECT_EQ(wf.id, "6650c0ffee00000000000001");
  EXPECT_FALSE(wf.enabled);
  EXPECT_TRUE(wf.has_enabled);
  EXPECT_EQ(Keys(wf.extra), (Strings{"replaces", "schedules"}));
  EXPECT_TRUE(wf.trigger.extra.empty()) << Dump(wf.trigger.extra);  // trigger _id stripped
  EXPECT_EQ(wf.trigger.meta["displayName"], "Conversation created");
  const Step* tag = wf.FindStep("tagVip");
  ASSERT_NE(tag, nullptr);
  ASSERT_EQ(tag->error_cases.size(), 1u);
  EXPECT_EQ(tag->error_cases[0].action_type, "retry-action");
  EXPECT_EQ(tag->error_cases[0].error_action["maxRetries"], 2);
}

TEST(ModelEnvelope, DataMemberWithArray) {
  ParsedDocument doc = ParseFile("data_array.json");
  EXPECT_EQ(doc.envelope, "data");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 2u);
  EXPECT_EQ(doc.workflows[0].source_pointer, "/data/0/attributes");
  EXPECT_EQ(doc.workflows[1].source_pointer, "/data/1/attributes");
  EXPECT_EQ(doc.workflows[1].id, "6650c0ffee00000000000012");
  EXPECT_FALSE(doc.workflows[1].steps[0].has_error_cases);
  EXPECT_FALSE(ExportWorkflow(doc.workflows[1])["steps"][0].contains("errorCases"));
}

TEST(ModelEnvelope, ArrayOfAuthoringAndResource) {
  ParsedDocument doc = ParseFile("array.json");
  EXPECT_EQ(doc.envelope, "array");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 2u);
  EXPECT_EQ(doc.workflows[0].source_pointer, "/0");
  EXPECT_EQ(doc.workflows[0].id, "");
  EXPECT_EQ(Keys(doc.workflows[0].extra), (Strings{"logging"}));
  EXPECT_EQ(doc.workflows[0].trigger.app_version, "hooks-^1.0.0");
  EXPECT_EQ(doc.workflows[1].source_pointer, "/1/attributes");
  EXPECT_EQ(doc.workflows[1].id, "629806ce83f4a07ef11e0c76");
}

TEST(ModelEnvelope, ArrayOfDataEnvelopes) {
  ParsedDocument doc = ParseWorkflowText(R"([{"data": {"type": "workflow", "id": "w1", "attributes": {"name": "a"}}},
                                              {"data": [{"type": "workflow", "id": "w2", "attributes": {"name": "b"}}]}])");
  EXPECT_EQ(doc.envelope, "array");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 2u);
  EXPECT_EQ(doc.workflows[0].source_pointer, "/0/data/attributes");
  EXPECT_EQ(doc.workflows[1].source_pointer, "/1/data/0/attributes");
  EXPECT_EQ(doc.workflows[1].id, "w2");
}

TEST(ModelEnvelope, AppDefinition) {
  ParsedDocument doc = ParseFile("app_effort_timer.json");
  EXPECT_EQ(doc.envelope, "app");
  EXPECT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  ASSERT_EQ(doc.workflows.size(), 2u);
  EXPECT_EQ(doc.workflows[0].source_pointer, "/workflows/0");
  EXPECT_EQ(doc.workflows[0].id, "629806ce83f4a07ef11e0c76");  // app authors pick ids for callable targets
  EXPECT_FALSE(doc.workflows[0].has_enabled);
  EXPECT_EQ(doc.workflows[1].source_pointer, "/workflows/1");
  // Only rest_api actions; the "responsive" one is the platform's business.
  ASSERT_EQ(doc.app_actions.size(), 2u);
  const AppAction& put = doc.app_actions[0];
  EXPECT_EQ(put.name, "kustomer.app.effort_timer.put-request");
  EXPECT_EQ(put.app, "effort_timer");
  EXPECT_EQ(put.app_version, "effort_timer-^0.0.30");
  EXPECT_EQ(put.display_name, "Put Request");
  EXPECT_EQ(put.input_template["method"], "PUT");
  EXPECT_EQ(put.input_schema["required"], Json::array({"conversationId", "minutes"}));
  EXPECT_EQ(put.output_template["body"], "/#body");
  EXPECT_EQ(put.raw["type"], "rest_api");
  EXPECT_EQ(doc.app_actions[1].name, "kustomer.app.effort_timer.get-total");
}

TEST(ModelEnvelope, AppActionProblems) {
  ParsedDocument doc = ParseWorkflowText(R"({"app": "x", "actions": [
      {"type": "rest_api", "inputTemplate": {"uri": "https://a"}},
      {"type": "rest_api", "name": "kustomer.app.x.y", "inputSchema": []},
      "junk"]})");
  EXPECT_EQ(doc.envelope, "app");
  EXPECT_EQ(DumpErrors(doc.errors),
            "app.action.missing_name@/actions/0\n"
            "workflow.type@/actions/1/inputSchema\n"
            "app.action.missing_template@/actions/1/inputTemplate\n");
  ASSERT_EQ(doc.app_actions.size(), 1u);
  EXPECT_EQ(doc.app_actions[0].app_version, "");
}

// ---- Export ----------------------------------------------------------------------------------

TEST(ModelExport, CanonicalDocumentExportsUnchanged) {
  // The §7.2 example is already in Kustomer's key order: export reproduces it exactly.
  Json original = Json::parse(ReadFile(ImportDir() + "/sync_closed_conversations.json"));
  ParsedDocument doc = ParseWorkflowDocument(original);
  ASSERT_EQ(doc.workflows.size(), 1u);
  EXPECT_EQ(Dump(ExportWorkflow(doc.workflows[0]), 2), Dump(original, 2));
}

TEST(ModelExport, KeyOrder) {
  ParsedDocument doc = ParseWorkflowText(R"({
    "steps": [{"zeta": 1, "transitions": [{"meta": {"name": "x"}, "extraT": 1, "target": "b"}],
               "errorCases": [{"errorAction": {"max": 2, "type": "retry-action"}, "condition": {"op": "and", "values": []}}],
               "meta": {"displayName": "A"}, "params": {"z": 1, "a": 2}, "appVersion": "kustomer-^1",
               "action": "kustomer.customer.find", "id": "a"},
              {"id": "b", "transitions": []}],
    "trigger": {"transitions": [], "custom": true, "meta": {}, "schema": {"properties": {}}, "callable": true,
                "appVersion": "v", "eventName": "kustomer.workflow.x.call", "id": "1"},
    "logging": true, "meta": {"displayName": "D"}, "replaces": null, "enabled": false,
    "description": "d", "response": {"schema": {}}, "name": "n", "id": "abc"})");
  ASSERT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  Json j = ExportWorkflow(doc.workflows[0]);
  EXPECT_EQ(Keys(j), (Strings{"id", "name", "description", "enabled", "meta", "logging", "replaces", "trigger",
                              "steps", "response"}));
  EXPECT_EQ(Keys(j["trigger"]),
            (Strings{"id", "eventName", "appVersion", "callable", "schema", "meta", "transitions", "custom"}));
  EXPECT_EQ(Keys(j["steps"][0]),
            (Strings{"id", "action", "appVersion", "params", "meta", "transitions", "errorCases", "zeta"}));
  EXPECT_EQ(Keys(j["steps"][0]["params"]), (Strings{"z", "a"}));  // params keep their order
  EXPECT_EQ(Keys(j["steps"][0]["transitions"][0]), (Strings{"target", "meta", "extraT"}));
  EXPECT_EQ(Keys(j["steps"][0]["errorCases"][0]), (Strings{"condition", "errorAction"}));
  EXPECT_EQ(j["steps"][0]["errorCases"][0]["errorAction"], Json::parse(R"({"max": 2, "type": "retry-action"})"));
  EXPECT_EQ(Keys(j["steps"][1]), (Strings{"id", "transitions"}));
}

TEST(ModelExport, EditedFieldsWin) {
  Workflow wf;
  wf.name = "n";
  Step s;
  s.id = "a";
  ErrorCase e;
  e.action_type = "stop-processing";
  e.error_action = Json{{"type", "continue"}, {"note", "kept"}};
  s.error_cases.push_back(e);
  wf.steps.push_back(s);
  Json j = ExportWorkflow(wf);
  EXPECT_EQ(j["steps"][0]["errorCases"][0]["errorAction"], Json::parse(R"({"type":"stop-processing","note":"kept"})"));
  EXPECT_EQ(j["enabled"], true);
  EXPECT_EQ(j["trigger"], Json::parse(R"({"id":"1","transitions":[]})"));
  EXPECT_FALSE(j.contains("id"));
  EXPECT_FALSE(j.contains("response"));
}

// ---- Round trip ------------------------------------------------------------------------------

// parse -> export -> parse -> export: the exports are identical and the workflows equal (the
// first parse may lack "enabled", which export always writes).
TEST(ModelRoundTrip, EveryImportDocument) {
  std::vector<std::string> files = ImportFiles();
  ASSERT_GE(files.size(), 6u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    ParsedDocument doc = ParseWorkflowText(ReadFile(file));
    ASSERT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
    ASSERT_FALSE(doc.workflows.empty());
    for (const Workflow& wf1 : doc.workflows) {
      Json e1 = ExportWorkflow(wf1);
      ParsedDocument d2 = ParseWorkflowDocument(e1);
      ASSERT_TRUE(d2.errors.empty()) << DumpErrors(d2.errors);
      ASSERT_EQ(d2.envelope, "workflow");
      ASSERT_EQ(d2.workflows.size(), 1u);
      Workflow wf2 = d2.workflows[0];
      Json e2 = ExportWorkflow(wf2);
      EXPECT_EQ(Dump(e1, 2), Dump(e2, 2));

      Workflow a = wf1, b = wf2;
      a.source_pointer = b.source_pointer = "";
      a.has_enabled = b.has_enabled = true;
      EXPECT_TRUE(a == b) << Dump(e1, 2);

      ParsedDocument d3 = ParseWorkflowDocument(e2);
      ASSERT_EQ(d3.workflows.size(), 1u);
      EXPECT_TRUE(d3.workflows[0] == wf2);
    }
  }
}

TEST(ModelRoundTrip, UnknownFieldsSurvive) {
  const char* text = R"({"name": "x", "description": "", "enabled": true, "futureRoot": {"a": [1, 2]},
    "trigger": {"id": "1", "eventName": "kustomer.customer.create", "transitions": [], "futureTrigger": 1},
    "steps": [{"id": "a", "transitions": [{"target": "a", "futureTransition": "t"}],
               "errorCases": [{"errorAction": {"type": "continue"}, "futureCase": null}], "futureStep": false}]})";
  ParsedDocument doc = ParseWorkflowText(text);
  ASSERT_TRUE(doc.errors.empty()) << DumpErrors(doc.errors);
  Json exported = ExportWorkflow(doc.workflows[0]);
  EXPECT_EQ(Dump(exported), Dump(Json::parse(text)));
}

// ---- Malformed input -------------------------------------------------------------------------

struct MalformedCase {
  const char* name;
  std::string text;
  std::string errors;  // DumpErrors format
  size_t workflows;
};

TEST(ModelMalformed, Table) {
  const MalformedCase cases[] = {
      {"number", "42", "workflow.type@\n", 0},
      {"string", R"("workflow")", "workflow.type@\n", 0},
      {"syntax", R"({"name": )", "json.syntax@\n", 0},
      {"empty text", "", "json.syntax@\n", 0},
      {"not a workflow", R"({"foo": 1})", "document.not_workflow@\n", 0},
      {"steps not an array", R"({"name": "x", "steps": {"id": "a"}})", "workflow.type@/steps\n", 1},
      {"trigger not an object", R"({"name": "x", "trigger": "kustomer.conversation.update"})",
       "workflow.type@/trigger\n", 1},
      {"step not an object", R"({"name": "x", "steps": ["a", {"id": "b"}]})", "workflow.type@/steps/0\n", 1},
      {"numbers where strings are expected",
       R"({"name": 5, "description": false, "trigger": {"eventName": 7, "transitions": [{"target": 3}]},
           "steps": [{"id": 1, "action": ["x"]}, {"id": "b", "transitions": [{"target": {"id": "c"}}]}]})",
       "workflow.type@/name\nworkflow.type@/description\nworkflow.type@/trigger/eventName\n"
       "workflow.type@/trigger/transitions/0/target\nworkflow.type@/steps/0/id\nworkflow.type@/steps/0/action\n"
       "workflow.type@/steps/1/transitions/0/target\n",
       1},
      {"bad booleans and objects",
       R"({"name": "x", "enabled": "yes", "meta": 5, "trigger": {"callable": "true", "meta": []},
           "steps": [{"id": "a", "params": "p", "meta": "m", "transitions": {}, "errorCases": "none"}]})",
       "workflow.type@/enabled\nworkflow.type@/meta\nworkflow.type@/trigger/callable\nworkflow.type@/trigger/meta\n"
       "workflow.type@/steps/0/params\nworkflow.type@/steps/0/meta\nworkflow.type@/steps/0/transitions\n"
       "workflow.type@/steps/0/errorCases\n",
       1},
      {"transition and error case not objects",
       R"({"name": "x", "steps": [{"id": "a", "transitions": [1, {"target": "a", "meta": 2}],
                                   "errorCases": [[], {"errorAction": "continue"}, {"errorAction": {"type": 4}}]}]})",
       "workflow.type@/steps/0/transitions/0\nworkflow.type@/steps/0/transitions/1/meta\n"
       "workflow.type@/steps/0/errorCases/0\nworkflow.type@/steps/0/errorCases/1/errorAction\n"
       "workflow.type@/steps/0/errorCases/2/errorAction/type\n",
       1},
      {"missing step ids", R"({"name": "x", "steps": [{"action": "a"}, {"id": ""}, {"id": null}]})",
       "workflow.step.missing_id@/steps/0\nworkflow.step.missing_id@/steps/1\nworkflow.step.missing_id@/steps/2\n", 1},
      {"duplicate step ids", R"({"name": "x", "steps": [{"id": "a"}, "junk", {"id": "b"}, {"id": "a"}, {"id": "a"}]})",
       "workflow.type@/steps/1\nworkflow.step.duplicate_id@/steps/3/id\nworkflow.step.duplicate_id@/steps/4/id\n", 1},
      {"resource of another type", R"({"type": "customer", "id": "c1", "attributes": {"name": "Ada"}})",
       "document.not_workflow@/type\n", 0},
      {"resource without attributes", R"({"type": "workflow", "id": "w1"})", "workflow.type@/attributes\n", 0},
      {"resource with a numeric id", R"({"type": "workflow", "id": 7, "attributes": {"name": "a"}})",
       "workflow.type@/id\n", 1},
      {"type errors point into the envelope", R"({"data": {"type": "workflow", "attributes": {"name": 5}}})",
       "workflow.type@/data/attributes/name\n", 1},
      {"data of junk", R"({"data": [1, {"x": 1}]})", "workflow.type@/data/0\ndocument.not_workflow@/data/1\n", 0},
      {"app workflows not an array", R"({"app": "a", "workflows": {}, "actions": 1})",
       "workflow.type@/workflows\nworkflow.type@/actions\n", 0},
      {"app workflow errors point into the app", R"({"app": "a", "workflows": [{"name": "w", "steps": [{}]}]})",
       "workflow.step.missing_id@/workflows/0/steps/0\n", 1},
      {"array of junk", R"([1, "x", null])", "workflow.type@/0\nworkflow.type@/1\nworkflow.type@/2\n", 0},
      {"empty array", "[]", "", 0},
  };
  for (const MalformedCase& c : cases) {
    SCOPED_TRACE(c.name);
    ParsedDocument doc = ParseWorkflowText(c.text);
    EXPECT_EQ(DumpErrors(doc.errors), c.errors);
    EXPECT_EQ(doc.workflows.size(), c.workflows);
    for (const Error& e : doc.errors) EXPECT_FALSE(e.message.empty()) << e.code;
  }
}

TEST(ModelMalformed, PartialWorkflowStillParses) {
  ParsedDocument doc = ParseWorkflowText(R"({"name": "x", "steps": [{"id": "a", "transitions": [{"target": 5},
      {"target": "b"}]}, {"id": "b"}]})");
  ASSERT_EQ(doc.workflows.size(), 1u);
  const Workflow& wf = doc.workflows[0];
  ASSERT_EQ(wf.steps.size(), 2u);
  ASSERT_EQ(wf.steps[0].transitions.size(), 2u);
  EXPECT_EQ(wf.steps[0].transitions[0].target, "");
  EXPECT_EQ(wf.steps[0].transitions[1].target, "b");
}

TEST(ModelMalformed, DeeplyNestedTextIsRejected) {
  std::string deep = R"({"name": "x", "steps": [{"id": "a", "params": {"p": )" + std::string(10000, '[') +
                     std::string(10000, ']') + "}}]}";
  ParsedDocument doc = ParseWorkflowText(deep);
  EXPECT_EQ(DumpErrors(doc.errors), "json.too_deep@\n");
  EXPECT_TRUE(doc.workflows.empty());

  // Brackets inside strings do not count.
  std::string in_string = R"({"name": "x", "description": ")" + std::string(10000, '[') + R"("})";
  ParsedDocument ok = ParseWorkflowText(in_string);
  EXPECT_TRUE(ok.errors.empty()) << DumpErrors(ok.errors);
  ASSERT_EQ(ok.workflows.size(), 1u);
  EXPECT_EQ(ok.workflows[0].description.size(), 10000u);
}

TEST(ModelMalformed, DeeplyNestedJsonIsRejected) {
  // Built without recursion; ParseWorkflowDocument must refuse it without copying it.
  std::optional<Json> deep = ParseJson(std::string(10000, '[') + std::string(10000, ']'));
  ASSERT_TRUE(deep.has_value());
  Json doc = Json::object();
  doc["name"] = "x";
  doc["meta"] = std::move(*deep);
  ParsedDocument parsed = ParseWorkflowDocument(doc);
  EXPECT_EQ(DumpErrors(parsed.errors), "json.too_deep@\n");
  EXPECT_TRUE(parsed.workflows.empty());
}

TEST(ModelMalformed, ParseWorkflowDirectly) {
  Errors errors;
  Workflow wf = ParseWorkflow(Json::array(), "/workflows/3", &errors);
  EXPECT_EQ(DumpErrors(errors), "workflow.type@/workflows/3\n");
  EXPECT_EQ(wf.source_pointer, "/workflows/3");
  // A null errors pointer is allowed.
  Workflow quiet = ParseWorkflow(Json::parse(R"({"name": 1, "steps": [{}]})"), "", nullptr);
  EXPECT_EQ(quiet.steps.size(), 1u);
}

// ---- SlugifyName / DisplayName ---------------------------------------------------------------

TEST(ModelSlugify, Table) {
  const std::pair<const char*, const char*> cases[] = {
      {"Bot - New Mi tienda", "bot---new-mi-tienda"},
      {"VIP first reply", "vip-first-reply"},
      {"Sync closed conversations", "sync-closed-conversations"},
      {"  padded  ", "padded"},
      {"Tabs\tand\nnewlines", "tabs-and-newlines"},
      {"snake_case and-dash", "snake_case-and-dash"},
      {"Order #123: ship!", "order-123-ship"},
      {"Ça va? Résumé", "ca-va-resume"},
      {"Ñandú Über", "nandu-uber"},
      {"emoji \xF0\x9F\x9A\x80 rocket", "emoji--rocket"},
      {"ALL CAPS", "all-caps"},
      {"", ""},
      {"   ", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(SlugifyName(in), out) << in;
}

TEST(ModelWorkflow, DisplayNameFallbacks) {
  Workflow wf;
  wf.id = "w1";
  EXPECT_EQ(wf.DisplayName(), "w1");
  wf.name = "my-flow";
  EXPECT_EQ(wf.DisplayName(), "my-flow");
  wf.meta = Json{{"displayName", ""}};
  EXPECT_EQ(wf.DisplayName(), "my-flow");
  wf.meta = Json{{"displayName", "My flow"}};
  EXPECT_EQ(wf.DisplayName(), "My flow");
  wf.meta = Json{{"displayName", 5}};
  EXPECT_EQ(wf.DisplayName(), "my-flow");
}

}  // namespace
}  // namespace kws
