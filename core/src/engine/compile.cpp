// engine/compile.cpp -- CompileWorkflow / ValidateWorkflow.
//
// Index of this file
// [SECTION] Helpers: suggestions, expectations, literal type checks
// [SECTION] Workflow, trigger and schema checks
// [SECTION] Steps: action, params, transitions, error cases
// [SECTION] Graph: reachability and cycles (iterative)
// [SECTION] CompileWorkflow / ValidateWorkflow
//
// Every problem is reported at once, in a stable order: workflow, trigger, each step in
// document order, then graph problems (unreachable steps, cycles). Paths are JSON pointers
// relative to the authoring object (Workflow::source_pointer says where that sits in the file).
// Codes are listed in docs/errors.md. Nothing here recurses on user-controlled depth: params
// and conditions are compiled by kws/expr and kws/cond within their own limits, and the graph
// walks use explicit stacks.

#include "kws/engine/engine.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kws {
namespace {

//-------------------------------------------------------------------------------------------
// [SECTION] Helpers: suggestions, expectations, literal type checks
//-------------------------------------------------------------------------------------------

void Add(Errors* errors, std::string code, std::string path, std::string message) {
  errors->push_back(Error{std::move(code), std::move(path), std::move(message)});
}

// Quoted, cut at 120 bytes on a UTF-8 character boundary (messages end up in JSON).
std::string Quote(std::string_view s) {
  std::string out = "\"";
  if (s.size() <= 120) {
    out.append(s);
  } else {
    size_t cut = 120;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out.append(s.substr(0, cut));
    out += "...";
  }
  out += '"';
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The registered id closest to `action` (ids and aliases; returns the canonical id), or "".
std::string SuggestAction(std::string_view action, const ActionRegistry& registry) {
  if (action.empty() || action.size() > 200) return "";
  size_t best = std::string::npos;
  std::string best_id;
  for (const auto& d : registry.all()) {
    auto consider = [&](std::string_view candidate) {
      size_t dist = EditDistance(action, candidate);
      if (dist < best) {
        best = dist;
        best_id = d->id;
      }
    };
    consider(d->id);
    for (const std::string& alias : d->aliases) consider(alias);
  }
  size_t limit = std::max<size_t>(3, action.size() / 3);
  return best <= limit ? best_id : "";
}

// What a field wants, for messages: "a conversation id", "a number", "one of open|done".
std::string Expectation(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::kString: return "text";
    case FieldType::kText: return "text";
    case FieldType::kNumber: return "a number";
    case FieldType::kBoolean: return "true or false";
    case FieldType::kId: return f.object_type.empty() ? "an id" : "a " + f.object_type + " id";
    case FieldType::kIdList:
      return (f.object_type.empty() ? std::string("ids") : f.object_type + " ids") +
             " (an array or a comma separated string)";
    case FieldType::kEmail: return "an email address";
    case FieldType::kPhone: return "a phone number";
    case FieldType::kDate: return "a date (ISO 8601 or epoch milliseconds)";
    case FieldType::kEnum: {
      std::string s = "one of ";
      for (size_t i = 0; i < f.choices.size(); ++i) s += (i ? "|" : "") + f.choices[i];
      return f.choices.empty() ? "a choice" : s;
    }
    case FieldType::kObject: return "a JSON object";
    case FieldType::kArray: return "a JSON array";
    case FieldType::kAny: return "a value";
  }
  return "a value";
}

const char* KindOf(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "text";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a value";
  }
}

bool IsNumericText(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  return end && *end == '\0' && !(s[0] == ' ' || s[0] == '\t');
}

// A literal's kind against the field's type. Returns {code, message} or an empty code.
std::pair<std::string, std::string> CheckLiteral(const FieldSpec& f, const Json& v) {
  auto bad = [&]() {
    return std::make_pair(std::string("step.param.type"),
                          "\"" + (f.label.empty() ? f.name : f.label) + "\" expects " + Expectation(f) +
                              ", got " + KindOf(v));
  };
  if (v.is_null()) return {};
  switch (f.type) {
    case FieldType::kString:
    case FieldType::kText:
    case FieldType::kEmail:
    case FieldType::kPhone:
      if (v.is_structured()) return bad();
      return {};
    case FieldType::kId:
      if (v.is_structured() || v.is_boolean()) return bad();
      return {};
    case FieldType::kIdList:
      if (!(v.is_string() || v.is_array())) return bad();
      return {};
    case FieldType::kNumber:
      if (v.is_number()) return {};
      if (v.is_string() && IsNumericText(v.get_ref<const std::string&>())) return {};
      if (v.is_string()) {
        return {"step.param.type", "\"" + (f.label.empty() ? f.name : f.label) + "\" expects a number, got the text " +
                                       Quote(v.get_ref<const std::string&>())};
      }
      return bad();
    case FieldType::kBoolean:
      if (v.is_boolean()) return {};
      if (v.is_string() && (v == "true" || v == "false")) return {};
      return bad();
    case FieldType::kDate:
      if (v.is_string() || v.is_number()) return {};
      return bad();
    case FieldType::kEnum: {
      if (v.is_structured()) return bad();
      if (f.choices.empty()) return {};
      std::string text = ToText(v);
      for (const std::string& c : f.choices) {
        if (c == text) return {};
      }
      return {"step.param.choice", "\"" + (f.label.empty() ? f.name : f.label) + "\" expects " + Expectation(f) +
                                       ", got " + Quote(text)};
    }
    case FieldType::kObject:
      if (v.is_object()) return {};
      return bad();
    case FieldType::kArray:
      if (v.is_array() || v.is_string()) return {};
      return bad();
    case FieldType::kAny: return {};
  }
  return {};
}

// References to steps that are not in the workflow ("/#steps.nope.x"): expr.unknown_step.
class StepRefChecker {
 public:
  StepRefChecker(const std::map<std::string, int, std::less<>>& index, Errors* errors)
      : index_(index), errors_(errors) {}
  void Check(const std::vector<std::string>& reads, const std::string& path) {
    std::set<std::string> reported;
    for (const std::string& dotted : reads) {
      PathSegments segs = SplitPath(dotted);
      if (segs.size() < 2 || segs[0] != "steps") continue;
      const std::string& id = segs[1];
      if (id == "1" || index_.count(id) || !reported.insert(id).second) continue;
      Add(errors_, "expr.unknown_step", path,
          "refers to step " + Quote(id) + " (" + Quote(dotted) + "), which is not in this workflow");
    }
  }

 private:
  const std::map<std::string, int, std::less<>>& index_;
  Errors* errors_;
};

//-------------------------------------------------------------------------------------------
// [SECTION] Workflow, trigger and schema checks
//-------------------------------------------------------------------------------------------

// {properties: {name: {...}}, required: ["name"]}; `required` may be absent.
void CheckSchema(const Json& schema, const std::string& path, const char* code, Errors* errors) {
  if (!schema.is_object()) {
    Add(errors, code, path, std::string("expected {\"properties\": {...}, \"required\": [...]}, got ") + KindOf(schema));
    return;
  }
  const Json* props = Find(schema, "properties");
  if (!props || !props->is_object()) {
    Add(errors, code, PointerJoin(path, "properties"),
        std::string("expected an object of input definitions like {\"conversationId\": {\"type\": \"string\"}}, got ") +
            (props ? KindOf(*props) : "nothing"));
  } else {
    for (auto it = props->begin(); it != props->end(); ++it) {
      if (!it.value().is_object()) {
        Add(errors, code, PointerJoin(PointerJoin(path, "properties"), it.key()),
            "expected a definition object like {\"type\": \"string\"}, got " + std::string(KindOf(it.value())));
      }
    }
  }
  const Json* required = Find(schema, "required");
  if (!required || required->is_null()) return;
  std::string rpath = PointerJoin(path, "required");
  if (!required->is_array()) {
    Add(errors, code, rpath, std::string("expected an array of property names, got ") + KindOf(*required));
    return;
  }
  for (size_t i = 0; i < required->size(); ++i) {
    const Json& name = (*required)[i];
    if (!name.is_string()) {
      Add(errors, code, PointerJoin(rpath, i), std::string("expected a property name, got ") + KindOf(name));
    } else if (props && props->is_object() && !Find(*props, name.get_ref<const std::string&>())) {
      Add(errors, code, PointerJoin(rpath, i),
          "names " + Quote(name.get_ref<const std::string&>()) + ", which is not in \"properties\"");
    }
  }
}

void CheckWorkflowAndTrigger(const Workflow& wf, Errors* errors) {
  if (wf.name.empty()) {
    Add(errors, "workflow.name.missing", "/name",
        "a workflow needs a \"name\" (a slug such as " +
            Quote(SlugifyName(wf.DisplayName()).empty() ? "vip-first-reply" : SlugifyName(wf.DisplayName())) + ")");
  }
  const Trigger& t = wf.trigger;
  if (!t.callable && t.event_name.empty()) {
    Add(errors, "trigger.event.missing", "/trigger/eventName",
        "an event trigger needs an \"eventName\" such as \"kustomer.conversation.update\" "
        "(or set \"callable\": true)");
  } else if (!t.event_name.empty() && t.event_name.rfind("kustomer.", 0) != 0) {
    Add(errors, "trigger.event.unknown", "/trigger/eventName",
        "event " + Quote(t.event_name) +
            " is not a Kustomer event name (they start with \"kustomer.\", e.g. kustomer.conversation.update)");
  }
  if (t.callable) {
    if (t.schema.is_null()) {
      Add(errors, "trigger.schema.invalid", "/trigger/schema",
          "a callable trigger needs a \"schema\" {\"properties\": {...}, \"required\": [...]} describing its inputs");
    } else {
      CheckSchema(t.schema, "/trigger/schema", "trigger.schema.invalid", errors);
    }
  }
  if (!wf.response.is_null()) {
    if (!wf.response.is_object()) {
      Add(errors, "workflow.response.invalid", "/response",
          std::string("expected {\"schema\": {...}}, got ") + KindOf(wf.response));
    } else if (const Json* schema = Find(wf.response, "schema"); schema && !schema->is_null()) {
      CheckSchema(*schema, "/response/schema", "workflow.response.invalid", errors);
    }
  }
}

//-------------------------------------------------------------------------------------------
// [SECTION] Steps: action, params, transitions, error cases
//-------------------------------------------------------------------------------------------

void CompileTransitions(const std::vector<Transition>& transitions, const std::string& base,
                        const std::string& own_id, const CompiledWorkflow& cw, StepRefChecker& refs,
                        std::vector<CompiledTransition>* out, Errors* errors) {
  for (size_t m = 0; m < transitions.size(); ++m) {
    const Transition& t = transitions[m];
    std::string path = PointerJoin(base, m);
    CompiledTransition ct;
    ct.target = t.target;
    ct.name = GetString(t.meta, "name");
    std::string cpath = PointerJoin(path, "condition");
    ct.condition = CompiledCondition::Compile(t.condition, cpath, errors);
    refs.Check(ct.condition.Reads(), cpath);
    if (t.target.empty()) {
      Add(errors, "transition.target.missing", PointerJoin(path, "target"),
          "a transition needs a \"target\" step id");
    } else if (auto it = cw.index.find(t.target); it != cw.index.end()) {
      ct.target_index = it->second;
    } else if (t.target == "1" || t.target == cw.trigger.id) {
      Add(errors, "transition.target.missing", PointerJoin(path, "target"),
          "the trigger (step \"1\") cannot be a transition target");
    } else {
      Add(errors, "transition.target.missing", PointerJoin(path, "target"),
          "target " + Quote(t.target) + " is not a step of this workflow" +
              (own_id.empty() ? std::string() : " (from " + Quote(own_id) + ")"));
    }
    out->push_back(std::move(ct));
  }
}

bool IsErrorActionType(std::string_view type) {
  return type == "continue" || type == "retry-action" || type == "retry-workflow" || type == "stop-processing";
}

void CompileErrorCases(const Step& s, const std::string& base, StepRefChecker& refs,
                       std::vector<CompiledErrorCase>* out, Errors* errors) {
  for (size_t k = 0; k < s.error_cases.size(); ++k) {
    const ErrorCase& e = s.error_cases[k];
    std::string path = PointerJoin(base, k);
    CompiledErrorCase ce;
    ce.action_type = e.action_type;
    if (!IsErrorActionType(e.action_type)) {
      Add(errors, "errorcase.action.unknown", path + "/errorAction/type",
          (e.action_type.empty() ? std::string("missing error action type")
                                 : "unknown error action " + Quote(e.action_type)) +
              ": expected continue, retry-action, retry-workflow or stop-processing");
    }
    std::string cpath = PointerJoin(path, "condition");
    const Json* op = Find(e.condition, "op");
    if (e.condition.is_object() && (!op || !op->is_string() || !(*op == "and" || *op == "or"))) {
      Add(errors, "errorcase.condition", PointerJoin(cpath, "op"),
          "an error case condition is a group: \"op\" must be \"and\" or \"or\"" +
              (op && op->is_string() ? ", got " + Quote(op->get_ref<const std::string&>()) : std::string()));
    } else {
      ce.condition = CompiledCondition::Compile(e.condition, cpath, errors);
      refs.Check(ce.condition.Reads(), cpath);
    }
    out->push_back(std::move(ce));
  }
}

void CompileParams(const Step& s, const std::string& base, const ActionDescriptor* d, StepRefChecker& refs,
                   CompiledStep* cs, Errors* errors) {
  std::string ppath = base + "/params";
  if (!s.params.is_null() && !s.params.is_object()) {
    Add(errors, "step.params.not_object", ppath, std::string("expected an object of params, got ") + KindOf(s.params));
  }
  if (s.params.is_object()) {
    for (auto it = s.params.begin(); it != s.params.end(); ++it) {
      std::string path = PointerJoin(ppath, it.key());
      size_t before = errors->size();
      CompiledValue value = CompiledValue::Compile(it.value(), path, errors);
      bool compiled_ok = errors->size() == before;
      refs.Check(value.Reads(), path);
      const FieldSpec* f = d ? d->FindInput(it.key()) : nullptr;
      // Only literals have a kind we know: a whole-string reference, function or template
      // produces whatever it produces at run time. Objects and arrays are objects and arrays.
      bool dynamic = it.value().is_string() && !value.IsConstant();
      if (f && compiled_ok && !dynamic) {
        auto [code, message] = CheckLiteral(*f, it.value());
        if (!code.empty()) Add(errors, code, path, message);
      }
      cs->params.emplace_back(it.key(), std::move(value));
    }
  }
  if (!d) return;
  for (const FieldSpec& f : d->inputs) {
    if (!f.required) continue;
    const Json* v = Find(s.params, f.name);
    bool missing = !v || v->is_null() || (v->is_string() && v->get_ref<const std::string&>().empty());
    if (!missing) continue;
    std::string message = "\"" + (f.label.empty() ? f.name : f.label) + "\" (" + f.name + ") is required by " +
                          Quote(d->display_name.empty() ? d->id : d->display_name) + ": it expects " + Expectation(f);
    if (!f.example.is_null()) message += ", e.g. " + Dump(f.example);
    Add(errors, "step.param.missing", PointerJoin(ppath, f.name), message);
  }
}

//-------------------------------------------------------------------------------------------
// [SECTION] Graph: reachability and cycles (iterative)
//-------------------------------------------------------------------------------------------

using Graph = std::vector<std::vector<int>>;

// Tarjan's strongly connected components with an explicit call stack.
std::vector<std::vector<int>> StronglyConnected(const Graph& adj) {
  const int n = static_cast<int>(adj.size());
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<int> stack;
  std::vector<std::pair<int, size_t>> calls;
  std::vector<std::vector<int>> out;
  int counter = 0;
  for (int root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    calls.push_back({root, 0});
    while (!calls.empty()) {
      int v = calls.back().first;
      size_t& edge = calls.back().second;
      if (edge < adj[v].size()) {
        int w = adj[v][edge++];
        if (index[w] == -1) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          calls.push_back({w, 0});  // invalidates `edge`; not used again in this iteration
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<int> component;
        int w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          component.push_back(w);
        } while (w != v);
        out.push_back(std::move(component));
      }
      calls.pop_back();
      if (!calls.empty()) {
        int parent = calls.back().first;
        low[parent] = std::min(low[parent], low[v]);
      }
    }
  }
  return out;
}

void CheckGraph(const CompiledWorkflow& cw, Errors* errors) {
  const int n = static_cast<int>(cw.steps.size());
  Graph adj(n);
  for (int i = 0; i < n; ++i) {
    for (const CompiledTransition& t : cw.steps[i].transitions) {
      if (t.target_index >= 0 &&
          std::find(adj[i].begin(), adj[i].end(), t.target_index) == adj[i].end()) {
        adj[i].push_back(t.target_index);
      }
    }
  }

  // Reachability from the trigger (any transition may be taken: conditions are not evaluated).
  std::vector<char> reached(n, 0);
  std::vector<int> todo;
  for (const CompiledTransition& t : cw.trigger.transitions) {
    if (t.target_index >= 0 && !reached[t.target_index]) {
      reached[t.target_index] = 1;
      todo.push_back(t.target_index);
    }
  }
  while (!todo.empty()) {
    int v = todo.back();
    todo.pop_back();
    for (int w : adj[v]) {
      if (!reached[w]) {
        reached[w] = 1;
        todo.push_back(w);
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    const std::string& id = cw.steps[i].id;
    if (reached[i] || id.empty()) continue;
    auto it = cw.index.find(id);
    if (it != cw.index.end() && it->second != i) continue;  // a duplicate: reported as such
    Add(errors, "step.unreachable", PointerJoin("/steps", static_cast<size_t>(i)),
        "step " + Quote(id) + " is never reached: no transition from the trigger or a reachable step targets it");
  }

  // Cycles: one error per strongly connected component that loops, showing one cycle in it.
  std::vector<std::vector<int>> sccs = StronglyConnected(adj);
  for (auto& c : sccs) std::sort(c.begin(), c.end());
  std::sort(sccs.begin(), sccs.end());
  for (const std::vector<int>& c : sccs) {
    int start = c.front();
    bool loops = c.size() > 1 ||
                 std::find(adj[start].begin(), adj[start].end(), start) != adj[start].end();
    if (!loops) continue;
    // Shortest way back to `start` inside the component (BFS).
    std::vector<int> parent(n, -2);
    std::vector<int> queue{start};
    parent[start] = -1;
    int last = -1;
    for (size_t q = 0; q < queue.size() && last < 0; ++q) {
      int v = queue[q];
      for (int w : adj[v]) {
        if (w == start) {
          last = v;
          break;
        }
        if (parent[w] == -2 && std::binary_search(c.begin(), c.end(), w)) {
          parent[w] = v;
          queue.push_back(w);
        }
      }
    }
    if (last < 0) continue;  // cannot happen for a looping component
    std::vector<int> cycle;
    for (int v = last; v != -1; v = parent[v]) cycle.push_back(v);
    std::reverse(cycle.begin(), cycle.end());
    std::string ids;
    for (int v : cycle) ids += Quote(cw.steps[v].id) + " -> ";
    ids += Quote(cw.steps[start].id);
    size_t m = 0;
    const auto& ts = cw.steps[last].transitions;
    while (m < ts.size() && ts[m].target_index != start) ++m;
    Add(errors, "workflow.cycle",
        PointerJoin(PointerJoin(PointerJoin("/steps", static_cast<size_t>(last)), "transitions"), m),
        "the steps form a cycle: " + ids + " (Kustomer rejects looping workflows when they are saved)");
  }
}

}  // namespace

//-------------------------------------------------------------------------------------------
// [SECTION] CompileWorkflow / ValidateWorkflow
//-------------------------------------------------------------------------------------------

std::shared_ptr<CompiledWorkflow> CompileWorkflow(const Workflow& wf, const ActionRegistry& registry,
                                                  Errors* errors) {
  Errors local;
  if (!errors) errors = &local;
  auto cw = std::make_shared<CompiledWorkflow>();
  cw->source = wf;
  cw->id = wf.id;

  CheckWorkflowAndTrigger(wf, errors);

  // Index first: transitions anywhere may point at any step.
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    if (!wf.steps[i].id.empty()) cw->index.emplace(wf.steps[i].id, static_cast<int>(i));
  }
  StepRefChecker refs(cw->index, errors);

  cw->trigger.id = "1";
  CompileTransitions(wf.trigger.transitions, "/trigger/transitions", "", *cw, refs, &cw->trigger.transitions,
                     errors);

  cw->steps.reserve(wf.steps.size());
  for (size_t i = 0; i < wf.steps.size(); ++i) {
    const Step& s = wf.steps[i];
    std::string base = PointerJoin("/steps", i);
    CompiledStep cs;
    cs.id = s.id;
    cs.action = s.action;
    if (s.id.empty()) {
      Add(errors, "workflow.step.missing_id", PointerJoin(base, "id"),
          "every step needs a non-empty \"id\" (transitions target it)");
    } else if (s.id == "1") {
      Add(errors, "workflow.step.reserved_id", PointerJoin(base, "id"),
          "step id \"1\" is the trigger's (/#steps.1 reads the trigger output); pick another id");
    } else if (auto it = cw->index.find(s.id); it != cw->index.end() && it->second != static_cast<int>(i)) {
      Add(errors, "workflow.step.duplicate_id", PointerJoin(base, "id"),
          "step id " + Quote(s.id) + " is used by more than one step (first at /steps/" +
              std::to_string(it->second) + ")");
    }
    if (!s.action.empty()) {
      cs.descriptor = registry.Find(s.action);
      if (!cs.descriptor) {
        std::string message = "unknown action " + Quote(s.action);
        std::string suggestion = SuggestAction(s.action, registry);
        if (!suggestion.empty()) message += "; did you mean " + Quote(suggestion) + "?";
        else if (s.action.rfind("kustomer.app.", 0) == 0) message += " (import the app definition that declares it)";
        Add(errors, "step.action.unknown", PointerJoin(base, "action"), message);
      }
    }
    CompileParams(s, base, cs.descriptor, refs, &cs, errors);
    CompileTransitions(s.transitions, PointerJoin(base, "transitions"), s.id, *cw, refs, &cs.transitions, errors);
    CompileErrorCases(s, PointerJoin(base, "errorCases"), refs, &cs.error_cases, errors);
    cw->steps.push_back(std::move(cs));
  }

  CheckGraph(*cw, errors);
  return cw;
}

Errors ValidateWorkflow(const Workflow& wf, const ActionRegistry& registry) {
  Errors errors;
  CompileWorkflow(wf, registry, &errors);
  return errors;
}

}  // namespace kws
