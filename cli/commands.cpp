// Index of this file
// [SECTION] Usage and argument helpers
// [SECTION] kwsandbox actions
// [SECTION] kwsandbox validate
// [SECTION] kwsandbox run
// [SECTION] kwsandbox demo
// [SECTION] kwsandbox serve
// [SECTION] Main

#include "commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "kws/actions/registry.h"
#include "kws/engine/engine.h"
#include "kws/mocks/native_http.h"
#include "kws/mocks/sandbox.h"
#include "kws/model/workflow.h"

namespace kws::cli {
namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Usage and argument helpers
//-------------------------------------------------------------------------------------------------

constexpr const char* kUsage = R"(kwsandbox -- run Kustomer workflows against a simulated org

usage:
  kwsandbox actions [--json]
      The action catalogue: id, app, name, description, inputs (* = required), outputs.
  kwsandbox validate FILE...
      Exit 0 when every workflow is valid; otherwise one line per problem
      FILE:POINTER: [code] message, and exit 1.
  kwsandbox run [--org ORG.json] [--app APP.json]... --workflow FILE...
                (--event EVENT.json | --call WORKFLOW_ID --inputs JSON)
                [--advance DURATION] [--http stub|live] [--stubs FILE] [--no-org]
      Runs the workflows and prints a JSON report: runs, org, outbox, scheduled.
      Without --org the built-in demo org is used. DURATION: 90s, 15m, 2h, 3d, 1h30m.
      Exit 0 when every run completed (or is waiting/scheduled), 1 when a run failed.
  kwsandbox demo
      Runs the demo org's sample workflows on sample events and prints a summary.
  kwsandbox serve [--org ORG.json] [--port 8081] [--api-key KEY]
      Serves the simulated org as Kustomer's REST API on http://127.0.0.1:PORT (loopback
      only; --port 0 picks a free port), for the browser app's "Kustomer-compatible API"
      connection and for tests. With --api-key, requests must carry
      "Authorization: Bearer KEY" (401 otherwise), as Kustomer's API requires.
)";

bool ReadFile(const std::string& path, std::string* out, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "kwsandbox: cannot read " << path << "\n";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Reads a JSON file; on error prints FILE: message and returns nullopt.
std::optional<Json> ReadJsonFile(const std::string& path, std::ostream& err) {
  std::string text;
  if (!ReadFile(path, &text, err)) return std::nullopt;
  std::string msg;
  auto j = ParseJson(text, &msg);
  if (!j) err << path << ":: [json.syntax] " << msg << "\n";
  return j;
}

void PrintErrors(const std::string& file, const Errors& errors, std::ostream& out) {
  for (const Error& e : errors) out << file << ":" << e.path << ": [" << e.code << "] " << e.message << "\n";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] kwsandbox actions
//-------------------------------------------------------------------------------------------------

int Actions(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool json = false;
  for (const std::string& a : args) {
    if (a == "--json") json = true;
    else {
      err << "kwsandbox actions: unknown option " << a << "\n" << kUsage;
      return 2;
    }
  }
  const ActionRegistry& reg = BuiltinActions();
  if (json) {
    Json arr = Json::array();
    for (const auto& d : reg.all()) arr.push_back(*d);
    out << Dump(arr, 2) << "\n";
    return 0;
  }
  for (const std::string& app : reg.Apps()) {
    out << app << "\n";
    for (const auto& d : reg.all()) {
      if (d->app != app) continue;
      out << "  " << d->id << "  -- " << d->display_name << "\n      " << d->description << "\n";
      std::string ins;
      for (const FieldSpec& f : d->inputs) ins += (ins.empty() ? "" : ", ") + f.name + (f.required ? "*" : "");
      std::string outs;
      for (const FieldSpec& f : d->outputs) outs += (outs.empty() ? "" : ", ") + f.name;
      out << "      inputs: " << (ins.empty() ? "none" : ins) << "\n      outputs: " << (outs.empty() ? (d->output_object.empty() ? "none" : d->output_object + " object") : outs) << "\n";
    }
  }
  return 0;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] kwsandbox validate
//-------------------------------------------------------------------------------------------------

int Validate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  if (files.empty()) {
    err << "kwsandbox validate: give at least one FILE\n" << kUsage;
    return 2;
  }
  int status = 0;
  for (const std::string& file : files) {
    std::string text;
    if (!ReadFile(file, &text, err)) {
      status = 2;
      continue;
    }
    ParsedDocument doc = ParseWorkflowText(text);
    // App actions count as known actions for the workflows of the same document.
    ActionRegistry reg;
    RegisterBuiltinActions(reg);
    for (const AppAction& a : doc.app_actions) reg.AddAppAction(a);
    Errors all = doc.errors;
    for (const Workflow& wf : doc.workflows) {
      for (Error e : ValidateWorkflow(wf, reg)) {
        e.path = wf.source_pointer + e.path;
        all.push_back(std::move(e));
      }
    }
    if (doc.workflows.empty() && doc.errors.empty()) {
      all.push_back(Error{"document.empty", "", "no workflow found in the document"});
    }
    PrintErrors(file, all, out);
    if (!all.empty() && status == 0) status = 1;
  }
  return status;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] kwsandbox run
//-------------------------------------------------------------------------------------------------

int RunCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string org_file, event_file, call_id, inputs_text, advance, http = "stub", stubs_file;
  std::vector<std::string> apps, workflows;
  bool include_org = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* dst) {
      if (i + 1 >= args.size()) {
        err << "kwsandbox run: " << a << " needs a value\n";
        return false;
      }
      *dst = args[++i];
      return true;
    };
    if (a == "--org") { if (!value(&org_file)) return 2; }
    else if (a == "--app") { std::string v; if (!value(&v)) return 2; apps.push_back(v); }
    else if (a == "--workflow") {
      std::string v;
      if (!value(&v)) return 2;
      workflows.push_back(v);
      while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) workflows.push_back(args[++i]);
    }
    else if (a == "--event") { if (!value(&event_file)) return 2; }
    else if (a == "--call") { if (!value(&call_id)) return 2; }
    else if (a == "--inputs") { if (!value(&inputs_text)) return 2; }
    else if (a == "--advance") { if (!value(&advance)) return 2; }
    else if (a == "--http") { if (!value(&http)) return 2; }
    else if (a == "--stubs") { if (!value(&stubs_file)) return 2; }
    else if (a == "--no-org") include_org = false;
    else {
      err << "kwsandbox run: unknown argument " << a << "\n" << kUsage;
      return 2;
    }
  }
  if (workflows.empty() && apps.empty()) {
    err << "kwsandbox run: give --workflow FILE (or --app APP.json)\n";
    return 2;
  }
  if (event_file.empty() == call_id.empty()) {
    err << "kwsandbox run: give exactly one of --event EVENT.json or --call WORKFLOW_ID\n";
    return 2;
  }
  if (http != "stub" && http != "live") {
    err << "kwsandbox run: --http must be stub or live\n";
    return 2;
  }
  std::optional<TimeMs> advance_ms;
  if (!advance.empty()) {
    advance_ms = ParseDuration(advance);
    if (!advance_ms) {
      err << "kwsandbox run: --advance " << advance << ": expected a duration such as 90s, 15m, 2h, 3d\n";
      return 2;
    }
  }

  Sandbox sb;
  CurlConnector live;
  if (http == "live") {
    sb.SetLiveConnector(&live);
    sb.SetHttpMode(HttpMode::kLive);
  }
  if (org_file.empty()) {
    sb.LoadDemoOrg();
  } else {
    auto org = ReadJsonFile(org_file, err);
    if (!org) return 2;
    Errors errs = sb.LoadOrg(*org);
    if (!errs.empty()) {
      PrintErrors(org_file, errs, err);
      return 2;
    }
  }
  if (!stubs_file.empty()) {
    auto stubs = ReadJsonFile(stubs_file, err);
    if (!stubs) return 2;
    Errors errs = sb.SetStubs(*stubs);
    if (!errs.empty()) {
      PrintErrors(stubs_file, errs, err);
      return 2;
    }
  }
  bool load_failed = false;
  auto load = [&](const std::string& file) {
    auto doc = ReadJsonFile(file, err);
    if (!doc) {
      load_failed = true;
      return;
    }
    Errors problems;
    std::vector<std::string> ids = sb.LoadWorkflows(*doc, &problems);
    // Unrunnable workflows are reported; warnings (unreachable steps...) go to stderr too.
    PrintErrors(file, problems, err);
    if (ids.empty()) load_failed = true;
  };
  for (const std::string& f : apps) load(f);
  for (const std::string& f : workflows) load(f);
  if (load_failed) {
    err << "kwsandbox run: some workflows could not be loaded (see above)\n";
    return 2;
  }

  if (!event_file.empty()) {
    auto event = ReadJsonFile(event_file, err);
    if (!event) return 2;
    auto r = sb.SendEvent(*event);
    if (!r.ok()) {
      err << event_file << ":" << r.error().path << ": [" << r.error().code << "] " << r.error().message << "\n";
      return 2;
    }
  } else {
    Json inputs = Json::object();
    if (!inputs_text.empty()) {
      std::string msg;
      auto parsed = ParseJson(inputs_text, &msg);
      if (!parsed || !parsed->is_object()) {
        err << "kwsandbox run: --inputs must be a JSON object" << (msg.empty() ? "" : ": " + msg) << "\n";
        return 2;
      }
      inputs = *parsed;
    }
    auto r = sb.Call(call_id, inputs);
    if (!r.ok()) {
      err << "--inputs:" << r.error().path << ": [" << r.error().code << "] " << r.error().message << "\n";
      return 2;
    }
  }
  if (advance_ms) sb.Advance(*advance_ms);
  Json report = sb.Report(include_org);
  out << Dump(report, 2) << "\n";
  for (const auto& run : sb.engine().runs()) {
    if (run->status == RunStatus::kFailed) return 1;
  }
  return 0;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] kwsandbox demo
//-------------------------------------------------------------------------------------------------

int Demo(std::ostream& out, std::ostream& err) {
  Sandbox sb;
  sb.LoadDemoOrg();
  Errors problems;
  std::vector<Json> samples = DemoWorkflows();
  for (const Json& wf : samples) sb.LoadWorkflows(wf, &problems);
  PrintErrors("demo", problems, err);
  out << "kwsandbox demo: " << sb.org().org().value("displayName", std::string("demo org")) << " with "
      << sb.org().Count("customer") << " customers, " << sb.org().Count("conversation") << " conversations, "
      << sb.engine().workflows().size() << " sample workflows\n";
  // A new inbound chat on the first open conversation: triggers the demo workflows that
  // listen to message and conversation events.
  const Resource* conv = nullptr;
  for (const Resource* c : sb.org().List("conversation")) {
    conv = c;
    break;
  }
  if (!conv) return 1;
  std::string customer = GetString(FlattenResource(*conv), "customer");
  Json event = Json{{"type", "message"},
                    {"attributes", Json{{"channel", "chat"}, {"app", "chat"}, {"direction", "in"},
                                        {"preview", "Hi, where is my order? It has not arrived yet and I am upset."},
                                        {"body", "Hi, where is my order? It has not arrived yet and I am upset."}}},
                    {"relationships", Json{{"conversation", GetString(*conv, "id")}, {"customer", customer}}}};
  auto r = sb.SendEvent(event);
  if (!r.ok()) {
    err << "demo: " << ToString(r.error()) << "\n";
    return 1;
  }
  sb.Advance(24 * 3600 * 1000LL);
  int failed = 0;
  for (const auto& run : sb.engine().runs()) {
    out << "  run " << run->id << " " << run->workflow_name << " [" << RunStatusName(run->status) << "] path:";
    for (const std::string& s : run->path) out << " " << s;
    if (run->error) out << "  error: " << ToString(*run->error);
    out << "\n";
    if (run->status == RunStatus::kFailed) ++failed;
  }
  out << "  outbox: " << sb.org().outbox().size() << " entries; scheduled: " << sb.engine().scheduled().size() << "\n";
  out << "Open the browser app for the full experience: scripts/run.sh\n";
  return failed ? 1 : 0;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] kwsandbox serve
//-------------------------------------------------------------------------------------------------

int Serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string org_file, api_key;
  int port = 8081;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--org" && i + 1 < args.size()) org_file = args[++i];
    else if (args[i] == "--api-key" && i + 1 < args.size()) api_key = args[++i];
    else if (args[i] == "--port" && i + 1 < args.size()) {
      const std::string& p = args[++i];
      char* end = nullptr;
      long v = std::strtol(p.c_str(), &end, 10);
      if (p.empty() || *end != '\0' || v < 0 || v > 65535) {
        err << "kwsandbox serve: --port expects a number from 0 to 65535, got \"" << p << "\"\n";
        return 2;
      }
      port = static_cast<int>(v);
    }
    else {
      err << "kwsandbox serve: unknown argument " << args[i] << "\n" << kUsage;
      return 2;
    }
  }
  Sandbox sb;
  if (org_file.empty()) {
    sb.LoadDemoOrg();
  } else {
    auto org = ReadJsonFile(org_file, err);
    if (!org) return 2;
    Errors errs = sb.LoadOrg(*org);
    if (!errs.empty()) {
      PrintErrors(org_file, errs, err);
      return 2;
    }
  }
  LoopbackServer server;
  std::string error;
  LoopbackServer::Handler handler = RequireApiKey(api_key, [&sb](const HttpRequest& r) { return sb.org().Handle(r); });
  auto listening = [&out](int bound) {
    out << "kwsandbox: serving the simulated org as Kustomer's API on http://127.0.0.1:" << bound << std::endl;
  };
  if (!server.Serve(port, handler, &error, listening)) {
    err << "kwsandbox serve: " << error << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Main
//-------------------------------------------------------------------------------------------------

int Main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  const std::string& cmd = args[0];
  if (cmd == "actions") return Actions(rest, out, err);
  if (cmd == "validate") return Validate(rest, out, err);
  if (cmd == "run") return RunCommand(rest, out, err);
  if (cmd == "demo") return Demo(out, err);
  if (cmd == "serve") return Serve(rest, out, err);
  err << "kwsandbox: unknown command \"" << cmd << "\"\n" << kUsage;
  return 2;
}

}  // namespace kws::cli
