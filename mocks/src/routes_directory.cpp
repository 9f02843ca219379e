// routes_directory.cpp -- the org, teams, tags, routing (queues, work items, work sessions),
// snippets, hooks (incl. inbound hook posts), commands and assistant launches.
// Route table and answers: docs/api/directory.md.
//
// Index of this file
// [SECTION] Helpers
// [SECTION] Indexes
// [SECTION] Org, teams, tags
// [SECTION] Routing: work items and work sessions of a queue
// [SECTION] Snippets, hooks, commands
// [SECTION] Assistants
// [SECTION] InstallDirectoryRoutes

#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include "routes_messaging.h"

#include <algorithm>
#include <cctype>

namespace kws {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

constexpr const char* kApiBase = "https://api.kustomerapp.com";

// Index names (SimOrg::DefineIndex) this file defines.
constexpr const char* kByKey = "key";              // snippet: lowercased key
constexpr const char* kByHash = "hash";            // hook: hash as given
constexpr const char* kByName = "lowerName";       // command, team: lowercased name/displayName
constexpr const char* kByPublicId = "publicId";    // assistant: publicId as given (trimmed)
constexpr const char* kByQueue = "queue";          // work_item, work_session: queue id

using messaging::Attrs;
using messaging::ErrorAnswer;
using messaging::IsDeleted;
using messaging::Member;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A request to another family's route, through the router (the same validation and effects as
// a client's request).
HttpResponse Internal(SimOrg& org, const char* method, const std::string& path, const Json& body = Json()) {
  HttpRequest rq;
  rq.method = method;
  rq.url = std::string(kApiBase) + path;
  if (!body.is_null()) {
    rq.json = body;
    rq.body = Dump(body);
    rq.headers["content-type"] = "application/json";
  }
  return org.Handle(rq);
}

std::vector<const Resource*> Live(std::vector<const Resource*> rs) {
  rs.erase(std::remove_if(rs.begin(), rs.end(), [](const Resource* r) { return !r || IsDeleted(*r); }), rs.end());
  return rs;
}

const Resource* LiveGet(const SimOrg& org, std::string_view type, std::string_view id) {
  const Resource* r = org.Get(type, id);
  return r && !IsDeleted(*r) ? r : nullptr;
}

// Milliseconds of an ISO time attribute; `fallback` when absent or unparsable.
TimeMs TimeAttr(const Json& attrs, const char* key, TimeMs fallback) {
  const Json* v = Find(attrs, key);
  if (v && v->is_string()) {
    if (auto t = ParseIso(v->get_ref<const std::string&>())) return *t;
  }
  if (v && v->is_number()) return static_cast<TimeMs>(v->get<double>());
  return fallback;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Indexes
//-------------------------------------------------------------------------------------------------

void DefineDirectoryIndexes(SimOrg& org) {
  org.DefineIndex("snippet", kByKey, [](const Resource& r) {
    std::vector<std::string> keys;
    std::string key = Lower(Trim(GetString(Attrs(r), "key")));
    if (!key.empty()) keys.push_back(std::move(key));
    return keys;
  });
  org.DefineIndex("hook", kByHash, [](const Resource& r) {
    std::vector<std::string> keys;
    std::string hash = Trim(GetString(Attrs(r), "hash"));
    if (!hash.empty()) keys.push_back(std::move(hash));
    return keys;
  });
  auto by_names = [](const Resource& r) {
    std::vector<std::string> keys;
    for (const char* k : {"name", "displayName"}) {
      std::string name = Lower(Trim(GetString(Attrs(r), k)));
      if (!name.empty()) keys.push_back(std::move(name));
    }
    return keys;
  };
  org.DefineIndex("command", kByName, by_names);
  org.DefineIndex("team", kByName, by_names);
  org.DefineIndex("assistant", kByPublicId, [](const Resource& r) {
    std::vector<std::string> keys;
    std::string id = Trim(GetString(Attrs(r), "publicId"));
    if (!id.empty()) keys.push_back(std::move(id));
    return keys;
  });
  org.DefineIndex("work_item", kByQueue, [](const Resource& r) {
    std::vector<std::string> keys;
    std::string q = SimOrg::RelatedId(r, "queue");
    if (!q.empty()) keys.push_back(std::move(q));
    return keys;
  });
  // A work session serves several queues: relationships.queues is to-many (a single `queue`
  // relationship is accepted too).
  org.DefineIndex("work_session", kByQueue, [](const Resource& r) {
    std::vector<std::string> keys;
    const Json& rels = Member(r, "relationships");
    const Json& data = Member(Member(rels, "queues"), "data");
    if (data.is_array()) {
      for (const Json& d : data) {
        std::string id = GetString(d, "id");
        if (!id.empty()) keys.push_back(std::move(id));
      }
    } else if (data.is_object()) {
      std::string id = GetString(data, "id");
      if (!id.empty()) keys.push_back(std::move(id));
    }
    std::string q = SimOrg::RelatedId(r, "queue");
    if (!q.empty()) keys.push_back(std::move(q));
    return keys;
  });
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Org, teams, tags
//-------------------------------------------------------------------------------------------------

HttpResponse OrgCurrent(const SimOrg& org) {
  const Json& o = org.org();
  Json attrs = Json::object();
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (it.key() != "id" && it.key() != "now") attrs[it.key()] = it.value();
  }
  if (!attrs.contains("displayName")) attrs["displayName"] = GetString(o, "name");
  Json res = Json::object();
  res["type"] = "org";
  res["id"] = org.org_id();
  res["attributes"] = std::move(attrs);
  res["links"] = Json{{"self", "/v1/orgs/" + org.org_id()}};
  return SimOrg::Ok(res);
}

HttpResponse ByName(const SimOrg& org, const char* type, const char* index, const std::string& name) {
  const Resource* r = org.FindBy(type, index, Lower(Trim(name)));
  return r ? SimOrg::Ok(*r) : SimOrg::NotFound(std::string(type) + " named \"" + name + "\"");
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Routing
//-------------------------------------------------------------------------------------------------

// The queue of a routing route, or a 404 answer.
const Resource* QueueOf(const SimOrg& org, const RouteRequest& rq, std::optional<HttpResponse>* error) {
  const std::string& id = rq.params.at("id");
  const Resource* q = LiveGet(org, "queue", id);
  if (!q) *error = ErrorAnswer(404, "not_found", "queue \"" + id + "\" does not exist");
  return q;
}

HttpResponse WorkItemsOfQueue(const SimOrg& org, const RouteRequest& rq) {
  std::optional<HttpResponse> error;
  if (!QueueOf(org, rq, &error)) return *error;
  const std::string status = GetString(rq.query, "status");
  std::vector<const Resource*> items = Live(org.FindAllBy("work_item", kByQueue, rq.params.at("id")));
  if (!status.empty()) {
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Resource* r) { return GetString(Attrs(*r), "status") != status; }),
                items.end());
  }
  return SimOrg::OkPage(rq, items);
}

// The work item routing picks next: queued and not paused; higher priority first, then the one
// waiting longest (firstEnterQueueAt ascending), then creation order.
HttpResponse NextWorkItem(const SimOrg& org, const RouteRequest& rq) {
  std::optional<HttpResponse> error;
  const Resource* queue = QueueOf(org, rq, &error);
  if (!queue) return *error;
  const double queue_priority = GetNumber(Attrs(*queue), "priority", 0);
  struct Candidate {
    double priority;
    TimeMs entered;
    size_t order;
    const Resource* r;
  };
  std::vector<Candidate> candidates;
  std::vector<const Resource*> items = Live(org.FindAllBy("work_item", kByQueue, rq.params.at("id")));
  for (size_t i = 0; i < items.size(); ++i) {
    const Json& a = Attrs(*items[i]);
    if (GetString(a, "status") != "queued" || GetBool(a, "paused")) continue;
    TimeMs created = TimeAttr(a, "createdAt", 0);
    candidates.push_back({GetNumber(a, "priority", queue_priority), TimeAttr(a, "firstEnterQueueAt", created), i, items[i]});
  }
  if (candidates.empty()) return JsonResponse(200, Json{{"data", nullptr}});
  auto best = std::min_element(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.entered != y.entered) return x.entered < y.entered;
    return x.order < y.order;
  });
  return SimOrg::Ok(*best->r);
}

HttpResponse WorkSessionsOfQueue(const SimOrg& org, const RouteRequest& rq) {
  std::optional<HttpResponse> error;
  if (!QueueOf(org, rq, &error)) return *error;
  std::string status = GetString(rq.query, "statusType");
  if (status.empty()) status = GetString(rq.query, "status");
  if (!status.empty() && status != "available" && status != "unavailable" && status != "busy" && status != "offline") {
    return ErrorAnswer(400, "invalid", "statusType must be available, unavailable, busy or offline; got \"" + status + "\"",
                       "/statusType");
  }
  std::vector<const Resource*> sessions = Live(org.FindAllBy("work_session", kByQueue, rq.params.at("id")));
  if (!status.empty()) {
    sessions.erase(std::remove_if(sessions.begin(), sessions.end(),
                                  [&](const Resource* r) { return GetString(Attrs(*r), "statusType") != status; }),
                   sessions.end());
  }
  return SimOrg::OkPage(rq, sessions);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Snippets, hooks, commands
//-------------------------------------------------------------------------------------------------

// The resource as stored, with relationships.org filled in when a fixture left it out (the
// seed's lookups output the Org).
HttpResponse OkWithOrg(const SimOrg& org, const Resource& r) {
  if (!SimOrg::RelatedId(r, "org").empty()) return SimOrg::Ok(r);
  Resource copy = r;
  if (!copy.contains("relationships") || !copy["relationships"].is_object()) copy["relationships"] = Json::object();
  copy["relationships"]["org"] = Json{{"data", Json{{"type", "org"}, {"id", org.org_id()}}}};
  return SimOrg::Ok(copy);
}

HttpResponse SnippetByKey(const SimOrg& org, const RouteRequest& rq) {
  const std::string& key = rq.params.at("key");
  const Resource* r = org.FindBy("snippet", kByKey, Lower(Trim(key)));
  return r ? OkWithOrg(org, *r) : SimOrg::NotFound("snippet with key \"" + key + "\"");
}

HttpResponse HookById(const SimOrg& org, const RouteRequest& rq) {
  const std::string& id = rq.params.at("id");
  const Resource* r = LiveGet(org, "hook", id);
  return r ? OkWithOrg(org, *r) : SimOrg::NotFound("hook " + id);
}

// The posted body: JSON as is; a form (a=1&b=2) as an object of strings; other text as text.
Json HookPayload(const RouteRequest& rq) {
  if (!rq.body().is_null()) return rq.body();
  const std::string& raw = rq.http.body;
  if (raw.empty()) return Json::object();
  std::string type;
  for (auto it = rq.http.headers.begin(); rq.http.headers.is_object() && it != rq.http.headers.end(); ++it) {
    if (Lower(it.key()) == "content-type" && it.value().is_string()) type = Lower(it.value().get<std::string>());
  }
  if (type.find("x-www-form-urlencoded") != std::string::npos ||
      (type.empty() && raw.find('=') != std::string::npos && raw.find(' ') == std::string::npos)) {
    return ParseQuery(raw);
  }
  return raw;
}

// POST /v1/hooks/:kind/:orgId/:hash -- an inbound hook post. Emits the hook's event
// (kustomer.hooks.<kind>.<hookId>.receive unless the hook names another) with the posted body
// under data.attributes.data, which is what hook-triggered workflows read as
// /#steps.1.attributes.data.<field>.
HttpResponse HookPost(SimOrg& org, const RouteRequest& rq) {
  const std::string& kind = rq.params.at("kind");
  const std::string& owner = rq.params.at("orgId");
  const std::string& hash = rq.params.at("hash");
  const Resource* hook = org.FindBy("hook", kByHash, hash);
  if (!hook) return ErrorAnswer(404, "not_found", "no hook has this URL");
  const std::string hook_id = GetString(*hook, "id");
  const std::string hook_type = GetString(Attrs(*hook), "type");
  if ((!hook_type.empty() && hook_type != kind) || (owner != org.org_id() && owner != hook_id)) {
    return ErrorAnswer(404, "not_found", "no hook has this URL");
  }
  std::string event_name = GetString(Attrs(*hook), "eventName");
  if (event_name.empty()) event_name = "kustomer.hooks." + kind + "." + hook_id + ".receive";
  const TimeMs now = org.clock().Now();
  Json tx = Json::object();
  tx["type"] = "hook-transaction";
  tx["id"] = org.ids().Next(now);
  tx["attributes"] = Json{{"data", HookPayload(rq)}, {"createdAt", FormatIso(now)}};
  tx["relationships"] = Json{{"hook", Json{{"data", Json{{"type", "hook"}, {"id", hook_id}}}}}};
  org.Emit(Json{{"name", event_name}, {"data", tx}});
  return JsonResponse(200, Json{{"data", tx}});
}

HttpResponse CommandByName(const SimOrg& org, const RouteRequest& rq) {
  const std::string& name = rq.params.at("name");
  const Resource* r = org.FindBy("command", kByName, Lower(Trim(name)));
  return r ? SimOrg::Ok(*r) : SimOrg::NotFound("command named \"" + name + "\"");
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Assistants
//-------------------------------------------------------------------------------------------------

// POST /v1/assistants/:publicId/launch {conversation, message}: sends the assistant's greeting
// on the conversation (the channel-send route: message, conversation counters, outbox) and
// marks the conversation with the running assistant.
HttpResponse AssistantLaunch(SimOrg& org, const RouteRequest& rq) {
  const std::string& public_id = rq.params.at("publicId");
  const Resource* assistant = org.FindBy("assistant", kByPublicId, Trim(public_id));
  if (!assistant) assistant = LiveGet(org, "assistant", public_id);
  if (!assistant) return ErrorAnswer(404, "not_found", "there is no assistant with public id \"" + public_id + "\"");
  const Json& body = rq.body();
  if (!body.is_object()) return ErrorAnswer(400, "invalid", "expected a JSON object {conversation, message}");
  const std::string conversation_id = ToText(Member(body, "conversation"));
  const std::string message_id = ToText(Member(body, "message"));
  if (conversation_id.empty()) return ErrorAnswer(400, "invalid", "conversation is required", "/conversation");
  const Resource* conv = LiveGet(org, "conversation", conversation_id);
  if (!conv) return ErrorAnswer(404, "not_found", "conversation \"" + conversation_id + "\" does not exist", "/conversation");
  if (!message_id.empty()) {
    const Resource* msg = org.Get("message", message_id);
    if (!msg) return ErrorAnswer(404, "not_found", "message \"" + message_id + "\" does not exist", "/message");
    if (SimOrg::RelatedId(*msg, "conversation") != conversation_id) {
      return ErrorAnswer(400, "invalid", "message \"" + message_id + "\" is not on conversation \"" + conversation_id + "\"",
                         "/message");
    }
  }
  // Copies: the org changes below.
  const std::string assistant_id = GetString(*assistant, "id");
  const Json a = Attrs(*assistant);
  const std::string customer = SimOrg::RelatedId(*conv, "customer");
  const std::string now = FormatIso(org.clock().Now());

  std::string greeting_id;
  const std::string greeting = GetString(a, "greeting");
  if (!greeting.empty()) {
    const std::string channel = GetString(a, "channel", "chat");
    Json msg = Json::object();
    msg["channel"] = channel;
    msg["app"] = messaging::DefaultApp(channel);
    msg["direction"] = "out";
    msg["preview"] = Utf8Prefix(greeting, 200);
    msg["body"] = greeting;
    msg["auto"] = true;
    if (!customer.empty()) msg["customer"] = customer;
    HttpResponse sent = Internal(org, "POST", "/v1/conversations/" + UrlEncode(conversation_id) + "/messages", msg);
    if (sent.status < 200 || sent.status >= 300) return sent;
    greeting_id = GetString(Member(sent.json, "data"), "id");
  }
  Json state = Json::object();
  state["id"] = assistant_id;
  state["publicId"] = GetString(a, "publicId", public_id);
  state["launchedAt"] = now;
  state["status"] = "active";
  if (!message_id.empty()) state["message"] = message_id;
  org.Update("conversation", conversation_id, Json{{"assistant", state}});

  Json attrs = Json::object();
  attrs["assistant"] = assistant_id;
  attrs["publicId"] = state["publicId"];
  attrs["conversation"] = conversation_id;
  attrs["message"] = message_id.empty() ? Json() : Json(message_id);
  attrs["greetingMessage"] = greeting_id.empty() ? Json() : Json(greeting_id);
  attrs["launchedAt"] = now;
  attrs["status"] = "active";
  return JsonResponse(200, Json{{"data", Json{{"type", "assistant-launch"}, {"attributes", std::move(attrs)}}}});
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] InstallDirectoryRoutes
//-------------------------------------------------------------------------------------------------

void InstallDirectoryRoutes(SimOrg& org) {
  DefineDirectoryIndexes(org);
  messaging::DefineMessagingIndexes(org);  // tag names (shared index; safe to define twice)
  SimOrg* o = &org;
  o->AddRoute("GET", "/v1/orgs/current", [o](const RouteRequest&) { return OrgCurrent(*o); });
  o->AddRoute("GET", "/v1/teams/name=:name",
              [o](const RouteRequest& rq) { return ByName(*o, "team", kByName, rq.params.at("name")); });
  o->AddRoute("GET", "/v1/tags/name=:name",
              [o](const RouteRequest& rq) { return ByName(*o, "tag", messaging::kTagByName, rq.params.at("name")); });
  o->AddRoute("GET", "/v1/routing/queues/:id/work-items", [o](const RouteRequest& rq) { return WorkItemsOfQueue(*o, rq); });
  o->AddRoute("GET", "/v1/routing/queues/:id/work-items/next", [o](const RouteRequest& rq) { return NextWorkItem(*o, rq); });
  o->AddRoute("GET", "/v1/routing/queues/:id/work-sessions", [o](const RouteRequest& rq) { return WorkSessionsOfQueue(*o, rq); });
  o->AddRoute("GET", "/v1/snippets/key=:key", [o](const RouteRequest& rq) { return SnippetByKey(*o, rq); });
  o->AddRoute("GET", "/v1/hooks/:id", [o](const RouteRequest& rq) { return HookById(*o, rq); });
  o->AddRoute("POST", "/v1/hooks/:kind/:orgId/:hash", [o](const RouteRequest& rq) { return HookPost(*o, rq); });
  o->AddRoute("GET", "/v1/commands/name=:name", [o](const RouteRequest& rq) { return CommandByName(*o, rq); });
  o->AddRoute("POST", "/v1/assistants/:publicId/launch", [o](const RouteRequest& rq) { return AssistantLaunch(*o, rq); });
  // GET /v1/routing/queues/:id, /v1/workflow-variables/:id, /v1/teams[/:id] and
  // /v1/tags[/:id] are SimOrg's generic routes (the stored resource as is).
}

}  // namespace kws
