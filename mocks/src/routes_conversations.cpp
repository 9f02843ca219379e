// routes_conversations.cpp -- Kustomer's conversation routes in the simulated org
// (docs/api/conversations.md).
//
// Index of this file:
// - [SECTION] Conversation bodies (validation shared by create and update)
// - [SECTION] Create, update, lookups
// - [SECTION] Tags
// - [SECTION] Merges
// - [SECTION] Messages, notes, events of a conversation
// - [SECTION] InstallConversationRoutes
//
// GET /v1/conversations/:id, GET /v1/conversations (paged) and DELETE /v1/conversations/:id
// (soft delete) are SimOrg's generic routes. Everything here validates the whole body before it
// changes anything, so a 400 never leaves half an update behind.

#include "routes_messaging.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace kws {

using messaging::Attrs;
using messaging::ErrorAnswer;
using messaging::IsDeleted;
using messaging::Member;

namespace {

using MaybeError = std::optional<HttpResponse>;

//-------------------------------------------------------------------------------------------------
// [SECTION] Conversation bodies
//-------------------------------------------------------------------------------------------------

struct ConversationPatch {
  Json attributes = Json::object();
  Json relationships = Json::object();
};

bool IsBlank(const Json& v) { return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()); }

HttpResponse Invalid(std::string_view pointer, std::string title) { return ErrorAnswer(400, "invalid", title, pointer); }

// Existing, live users or teams for an id list; 400 at pointer/<i> for the first unknown one.
MaybeError CheckAll(const SimOrg& org, const char* type, const std::vector<std::string>& ids, const std::string& pointer,
                    bool is_array) {
  for (size_t i = 0; i < ids.size(); ++i) {
    const Resource* r = org.Get(type, ids[i]);
    if (!r || IsDeleted(*r)) {
      return ErrorAnswer(400, std::string("unknown_") + type, std::string(type) + " \"" + ids[i] + "\" does not exist",
                         is_array ? PointerJoin(pointer, i) : pointer);
    }
  }
  return std::nullopt;
}

// Validates a plain conversation body. `create`: the customer is required.
MaybeError ReadConversationBody(const SimOrg& org, const Json& b, bool create, ConversationPatch* out) {
  Json& a = out->attributes;
  Json& rels = out->relationships;
  MaybeError err;
  for (auto it = b.begin(); it != b.end(); ++it) {
    const std::string& k = it.key();
    const Json& v = it.value();
    const std::string ptr = "/" + PointerEscape(k);
    if (k == "id" || k == "type" || k == "rev" || k == "updatedAt" || k == "modifiedAt" || k == "org") continue;
    if (k == "customer") {
      std::vector<std::string> ids = messaging::IdsOf(v);
      if (ids.size() != 1) return Invalid(ptr, "customer must be one customer id");
      const Resource* c = org.Get("customer", ids[0]);
      if (!c || IsDeleted(*c)) return Invalid(ptr, "customer \"" + ids[0] + "\" does not exist");
      rels["customer"] = ids[0];
    } else if (k == "queue") {
      if (IsBlank(v)) {
        if (!create) rels["queue"] = nullptr;
        continue;
      }
      std::vector<std::string> ids = messaging::IdsOf(v);
      if (ids.size() != 1) return Invalid(ptr, "queue must be one queue id");
      if (!org.Get("queue", ids[0])) return Invalid(ptr, "queue \"" + ids[0] + "\" does not exist");
      rels["queue"] = ids[0];
    } else if (k == "brand") {
      if (IsBlank(v)) rels["brand"] = nullptr;
      else rels["brand"] = messaging::IdsOf(v).empty() ? Json() : Json(messaging::IdsOf(v)[0]);
    } else if (k == "status") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s != "open" && s != "snoozed" && s != "done") {
        return Invalid(ptr, "status must be one of open, snoozed, done; got " + Dump(v));
      }
      a["status"] = s;
    } else if (k == "priority") {
      double p = -1;
      if (v.is_number()) p = v.get<double>();
      else if (v.is_string() && !v.get<std::string>().empty()) p = std::atof(v.get<std::string>().c_str());
      if (p < 1 || p > 5 || static_cast<int>(p) != p) return Invalid(ptr, "priority must be a whole number from 1 to 5, got " + Dump(v));
      a["priority"] = static_cast<int>(p);
    } else if (k == "direction") {
      std::string d = v.is_string() ? v.get<std::string>() : "";
      if (d != "in" && d != "out") return Invalid(ptr, "direction must be \"in\" or \"out\", got " + Dump(v));
      a["direction"] = d;
    } else if (k == "tags") {
      if (IsBlank(v)) {
        a["tags"] = Json::array();
        continue;
      }
      auto ids = messaging::ResolveTags(org, v, ptr, &err);
      if (!ids) return err;
      a["tags"] = *ids;
    } else if (k == "assignedUsers" || k == "assignedTeams") {
      if (IsBlank(v)) {
        a[k] = Json::array();
        continue;
      }
      if (!v.is_array() && !v.is_string()) return Invalid(ptr, k + " must be an array of ids");
      std::vector<std::string> ids = messaging::IdsOf(v);
      if (auto e = CheckAll(org, k == "assignedUsers" ? "user" : "team", ids, ptr, v.is_array())) return e;
      Json list = Json::array();
      for (const std::string& id : ids) {
        if (std::find(list.begin(), list.end(), Json(id)) == list.end()) list.push_back(id);
      }
      a[k] = std::move(list);
    } else if (k == "custom") {
      if (v.is_null()) continue;
      auto c = messaging::NormalizeCustom(v, ptr, &err);
      if (!c) return err;
      a["custom"] = std::move(*c);
    } else if (k == "snooze") {
      if (!v.is_null() && !v.is_object()) return Invalid(ptr, "snooze must be an object {time, status}");
      if (v.is_object()) {
        Json s = v;
        if (const Json* t = Find(v, "time"); t && !t->is_null()) {
          auto iso = messaging::NormalizeTime(*t);
          if (!iso) return Invalid(ptr + "/time", "snooze.time must be an ISO 8601 time or epoch milliseconds");
          s["time"] = *iso;
        }
        a["snooze"] = std::move(s);
      } else {
        a["snooze"] = nullptr;
      }
    } else if (k == "name" || k == "subStatus" || k == "externalId" || k == "defaultLang" || k == "replyChannel" ||
               k == "locale") {
      if (v.is_object() || v.is_array()) return Invalid(ptr, k + " must be text");
      a[k] = v.is_null() ? Json() : Json(ToText(v));
    } else if (k == "deleted" || k == "locked" || k == "spam") {
      if (!v.is_boolean()) return Invalid(ptr, k + " must be true or false");
      a[k] = v;
    } else if (k == "createdAt" || k == "importedAt" || k == "endedAt") {
      if (!create && k == "createdAt") continue;
      auto iso = messaging::NormalizeTime(v);
      if (!iso) return Invalid(ptr, k + " must be an ISO 8601 time or epoch milliseconds");
      a[k] = *iso;
    } else {
      a[k] = v;  // satisfaction, sentiment, suggestedTags, ended, ... as given
    }
  }
  if (create && !rels.contains("customer")) return Invalid("/customer", "customer is required: the conversation's customer id");
  return std::nullopt;
}

// The bookkeeping Kustomer does when the status changes.
void AddStatusBookkeeping(const Json& current, const std::string& now, Json* patch) {
  const Json* s = Find(*patch, "status");
  if (!s || !s->is_string()) return;
  const std::string to = s->get<std::string>();
  const std::string from = GetString(current, "status");
  if (to == from) return;
  auto bump = [&](const char* key) {
    const Json* v = Find(current, key);
    (*patch)[key] = (v && v->is_number() ? v->get<int64_t>() : 0) + 1;
  };
  if (to == "done") {
    bump("doneCount");
    Json done = Json::object({{"createdAt", now}});
    const Json* first = Find(current, "firstDone");
    if (!first || first->is_null()) (*patch)["firstDone"] = done;
    (*patch)["lastDone"] = done;
  } else if (to == "snoozed") {
    bump("snoozeCount");
  } else if (to == "open" && from == "done") {
    bump("reopenCount");
  }
  if (to != "snoozed" && !patch->contains("snooze")) {
    if (const Json* sn = Find(current, "snooze"); sn && !sn->is_null()) (*patch)["snooze"] = nullptr;
  }
}

// A live conversation or the 404 to answer.
const Resource* LiveConversation(const SimOrg& org, const std::string& id, MaybeError* err,
                                 std::string_view pointer = "") {
  const Resource* c = org.Get("conversation", id);
  if (!c) {
    *err = ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist", pointer);
    return nullptr;
  }
  if (IsDeleted(*c)) {
    std::string into = GetString(Attrs(*c), "mergedInto");
    *err = ErrorAnswer(404, "not_found",
                       "conversation \"" + id + "\" was deleted" + (into.empty() ? "" : " (merged into \"" + into + "\")"),
                       pointer);
    return nullptr;
  }
  return c;
}

HttpResponse Answer(const SimOrg& org, const std::string& type, const std::string& id, int status = 200) {
  const Resource* r = org.Get(type, id);
  if (!r) return ErrorAnswer(404, "not_found", type + " \"" + id + "\" does not exist");
  return SimOrg::Ok(*r, status);
}

// Points a conversation's messages and notes at another conversation and/or customer. Silent:
// Kustomer re-homes them as part of the move/merge (the conversation's own event says so).
void Rehome(SimOrg& org, const std::string& from_conversation, const std::string& to_conversation,
            const std::string& to_customer) {
  for (const char* type : {"message", "note"}) {
    std::vector<std::string> ids;
    for (const Resource* r : org.FindAllBy(type, messaging::kByConversation, from_conversation)) {
      ids.push_back(GetString(*r, "id"));
    }
    Json rels = Json::object();
    if (to_conversation != from_conversation) rels["conversation"] = to_conversation;
    if (!to_customer.empty()) rels["customer"] = to_customer;
    for (const std::string& id : ids) org.Update(type, id, Json::object(), rels, /*silent=*/true);
  }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Create, update, lookups
//-------------------------------------------------------------------------------------------------

HttpResponse CreateConversationRoute(SimOrg& org, const RouteRequest& rq) {
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  ConversationPatch p;
  if (auto e = ReadConversationBody(org, *b, /*create=*/true, &p)) return *e;
  std::string customer = p.relationships["customer"].get<std::string>();
  p.relationships.erase("customer");
  // Tags/assignees/custom default to empty, status to open (CreateConversation's defaults).
  for (const char* k : {"tags", "assignedUsers", "assignedTeams", "custom"}) {
    if (p.attributes.contains(k) && p.attributes[k].is_null()) p.attributes.erase(k);
  }
  std::string id = messaging::CreateConversation(org, customer, std::move(p.attributes), std::move(p.relationships));
  return Answer(org, "conversation", id, 201);
}

HttpResponse UpdateConversationRoute(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  const Resource* conv = org.Get("conversation", id);
  if (!conv) return ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist");
  if (IsDeleted(*conv) && !b->contains("deleted")) {
    MaybeError err;
    LiveConversation(org, id, &err);
    return *err;
  }
  ConversationPatch p;
  if (auto e = ReadConversationBody(org, *b, /*create=*/false, &p)) return *e;
  const Json current = Attrs(*conv);
  const std::string old_customer = SimOrg::RelatedId(*conv, "customer");
  AddStatusBookkeeping(current, FormatIso(org.clock().Now()), &p.attributes);
  org.Update("conversation", id, p.attributes, p.relationships);
  // Moving to another customer moves the conversation's messages and notes along.
  if (const Json* c = Find(p.relationships, "customer"); c && c->is_string() && *c != old_customer) {
    Rehome(org, id, id, c->get<std::string>());
  }
  return Answer(org, "conversation", id);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Tags
//-------------------------------------------------------------------------------------------------

HttpResponse ChangeTags(SimOrg& org, const RouteRequest& rq, bool add) {
  const std::string id = rq.params.at("id");
  MaybeError err;
  const Resource* conv = LiveConversation(org, id, &err);
  if (!conv) return *err;
  const Json& body = rq.body();
  const Json* tags = body.is_array() || body.is_string() ? &body : Find(body, "tags");
  std::string ptr = tags == &body ? "" : "/tags";
  if (!tags || IsBlank(*tags)) return Invalid("/tags", "tags is required: an array of tag ids or names");
  auto ids = messaging::ResolveTags(org, *tags, ptr, &err);
  if (!ids) return *err;
  if (ids->empty()) return Invalid("/tags", "tags is empty: give at least one tag id or name");
  Json current = Member(Attrs(*conv), "tags");
  Json next = Json::array();
  if (current.is_array()) next = current;
  for (const std::string& t : *ids) {
    auto pos = std::find(next.begin(), next.end(), Json(t));
    if (add && pos == next.end()) next.push_back(t);
    if (!add && pos != next.end()) next.erase(pos);
  }
  org.Update("conversation", id, Json::object({{"tags", std::move(next)}}));  // no event when unchanged
  return Answer(org, "conversation", id);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Merges
//-------------------------------------------------------------------------------------------------

int64_t CountOr(const Json& attrs, const char* key, int64_t computed) {
  const Json* v = Find(attrs, key);
  return v && v->is_number() ? v->get<int64_t>() : computed;
}

// The earlier (first) or later (last) of two {id, sentAt, channel} infos.
Json PickInfo(const Json& a, const Json& b, bool later) {
  if (!a.is_object()) return b;
  if (!b.is_object()) return a;
  auto ta = ParseIso(GetString(a, "sentAt")), tb = ParseIso(GetString(b, "sentAt"));
  if (!ta) return b;
  if (!tb) return a;
  if (later) return *tb > *ta ? b : a;
  return *tb < *ta ? b : a;
}

HttpResponse MergeRoute(SimOrg& org, const RouteRequest& rq) {
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  std::vector<std::string> src_ids = messaging::IdsOf(Member(*b, "source"));
  std::vector<std::string> dst_ids = messaging::IdsOf(Member(*b, "target"));
  if (src_ids.size() != 1) return Invalid("/source", "source is required: the id of the conversation to merge (it is soft deleted)");
  if (dst_ids.size() != 1) return Invalid("/target", "target is required: the id of the conversation to merge into");
  const std::string source = src_ids[0], target = dst_ids[0];
  if (source == target) return Invalid("/target", "cannot merge conversation \"" + source + "\" into itself");
  MaybeError err;
  const Resource* src = LiveConversation(org, source, &err, "/source");
  if (!src) return *err;
  const Resource* dst = LiveConversation(org, target, &err, "/target");
  if (!dst) return *err;
  const Json sa = Attrs(*src), ta = Attrs(*dst);
  const std::string customer = SimOrg::RelatedId(*dst, "customer");
  const std::string source_customer = SimOrg::RelatedId(*src, "customer");
  const std::string now = FormatIso(org.clock().Now());

  // Counters before anything moves (attribute when present, else counted from the indexes).
  auto counts = [&](const std::string& id, const Json& attrs) {
    int64_t in = 0, out = 0, all = 0;
    for (const Resource* m : org.FindAllBy("message", messaging::kByConversation, id)) {
      ++all;
      std::string d = GetString(Attrs(*m), "direction");
      in += d == "in";
      out += d == "out";
    }
    int64_t notes = static_cast<int64_t>(org.FindAllBy("note", messaging::kByConversation, id).size());
    return std::array<int64_t, 4>{CountOr(attrs, "messageCount", all), CountOr(attrs, "inboundMessageCount", in),
                                  CountOr(attrs, "outboundMessageCount", out), CountOr(attrs, "noteCount", notes)};
  };
  auto cs = counts(source, sa), ct = counts(target, ta);

  Json merge_rels = Json::object();
  merge_rels["source"] = Json::object({{"type", "conversation"}, {"id", source}});
  merge_rels["target"] = Json::object({{"type", "conversation"}, {"id", target}});
  if (!customer.empty()) merge_rels["customer"] = customer;
  const std::string merge_id =
      GetString(org.Create("conversation-merge", Json::object({{"status", "success"}}), merge_rels, "", /*silent=*/true), "id");

  Rehome(org, source, target, customer != source_customer ? customer : "");
  // Drafts of the source follow it too (drafts are few: a scan is fine).
  std::vector<std::string> drafts;
  for (const Resource* d : org.List("draft")) {
    if (SimOrg::RelatedId(*d, "conversation") == source) drafts.push_back(GetString(*d, "id"));
  }
  for (const std::string& d : drafts) {
    Json rels = Json::object({{"conversation", target}});
    if (!customer.empty()) rels["customer"] = customer;
    org.Update("draft", d, Json::object(), rels, /*silent=*/true);
  }

  Json patch = Json::object();
  patch["messageCount"] = cs[0] + ct[0];
  patch["inboundMessageCount"] = cs[1] + ct[1];
  patch["outboundMessageCount"] = cs[2] + ct[2];
  patch["noteCount"] = cs[3] + ct[3];
  Json channels = Member(ta, "channels").is_array() ? Member(ta, "channels") : Json::array();
  for (const Json& c : Member(sa, "channels").is_array() ? Member(sa, "channels") : Json::array()) {
    if (std::find(channels.begin(), channels.end(), c) == channels.end()) channels.push_back(c);
  }
  patch["channels"] = channels;
  Json tags = Member(ta, "tags").is_array() ? Member(ta, "tags") : Json::array();
  for (const Json& t : Member(sa, "tags").is_array() ? Member(sa, "tags") : Json::array()) {
    if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
  patch["tags"] = tags;
  for (const char* k : {"firstMessageIn", "firstMessageOut"}) {
    Json v = PickInfo(Member(ta, k), Member(sa, k), false);
    if (!v.is_null()) patch[k] = v;
  }
  for (const char* k : {"lastMessageIn", "lastMessageOut"}) {
    Json v = PickInfo(Member(ta, k), Member(sa, k), true);
    if (!v.is_null()) patch[k] = v;
  }
  auto t_last = ParseIso(GetString(ta, "lastMessageAt")), s_last = ParseIso(GetString(sa, "lastMessageAt"));
  if (s_last && (!t_last || *s_last > *t_last)) {
    patch["lastMessageAt"] = GetString(sa, "lastMessageAt");
    if (sa.contains("preview")) patch["preview"] = sa["preview"];
    if (sa.contains("lastMessageDirection")) patch["lastMessageDirection"] = sa["lastMessageDirection"];
  }
  org.Update("conversation", target, patch);
  org.Update("conversation", source,
             Json::object({{"deleted", true}, {"deletedAt", now}, {"mergedInto", target}}));
  return Answer(org, "conversation-merge", merge_id, 201);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Messages, notes, events of a conversation
//-------------------------------------------------------------------------------------------------

HttpResponse ListMessages(const SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  if (!org.Get("conversation", id)) return ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist");
  std::string direction;
  bool desc = false;
  MaybeError err;
  if (!messaging::ReadListQuery(rq, &direction, &desc, &err)) return *err;
  return SimOrg::OkPage(rq, messaging::MessagesOfConversation(org, id, direction, desc));
}

HttpResponse ListNotes(const SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  if (!org.Get("conversation", id)) return ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist");
  std::string direction;
  bool desc = false;
  MaybeError err;
  if (!messaging::ReadListQuery(rq, &direction, &desc, &err)) return *err;
  return SimOrg::OkPage(rq, messaging::NotesOfConversation(org, id, desc));
}

HttpResponse PostMessage(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  MaybeError err;
  if (!LiveConversation(org, id, &err)) return *err;
  auto in = messaging::ReadMessageBody(org, rq.body(), "out", &err);
  if (!in) return *err;
  return messaging::AppendMessage(org, id, std::move(*in), /*send=*/true);
}

HttpResponse PostNote(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  MaybeError err;
  const Resource* conv = LiveConversation(org, id, &err);
  if (!conv) return *err;
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  const Json& body = Member(*b, "body");
  if (body.is_object() || body.is_array() || IsBlank(body)) return Invalid("/body", "body is required: the text of the note");
  Json a = Json::object();
  a["body"] = ToText(body);
  Json mentions;
  if (auto e = messaging::ReadMentions(org, Member(*b, "userMentions"), &mentions)) return *e;
  a["userMentions"] = std::move(mentions);
  if (const Json& x = Member(*b, "externalId"); !IsBlank(x)) {
    if (x.is_object() || x.is_array()) return Invalid("/externalId", "externalId must be text");
    a["externalId"] = ToText(x);
  }
  if (const Json& c = Member(*b, "custom"); !c.is_null()) {
    auto custom = messaging::NormalizeCustom(c, "/custom", &err);
    if (!custom) return *err;
    a["custom"] = std::move(*custom);
  }
  if (const Json& att = Member(*b, "attachments"); !att.is_null()) a["attachments"] = att;
  const Json& wf = Member(*b, "createdByWorkflow");
  if (!wf.is_null() && !wf.is_boolean()) return Invalid("/createdByWorkflow", "createdByWorkflow must be true or false");
  if ((wf.is_boolean() && wf.get<bool>()) || (wf.is_null() && messaging::FromWorkflow(rq))) a["createdByWorkflow"] = true;
  Json rels = Json::object();
  rels["conversation"] = id;
  const std::string customer = SimOrg::RelatedId(*conv, "customer");
  if (!customer.empty()) rels["customer"] = customer;
  if (const Json& by = Member(*b, "createdBy"); !IsBlank(by)) {
    std::vector<std::string> ids = messaging::IdsOf(by);
    if (ids.size() != 1 || !org.Get("user", ids[0])) return Invalid("/createdBy", "createdBy must be the id of an existing user");
    rels["createdBy"] = Json::object({{"type", "user"}, {"id", ids[0]}});
  }
  const Json conv_attrs = Attrs(*conv);
  const std::string note_id = GetString(org.Create("note", std::move(a), std::move(rels)), "id");
  const Json* nc = Find(conv_attrs, "noteCount");
  int64_t count = nc && nc->is_number() ? nc->get<int64_t>() + 1
                                        : static_cast<int64_t>(org.FindAllBy("note", messaging::kByConversation, id).size());
  org.Update("conversation", id, Json::object({{"noteCount", count}}));
  return Answer(org, "note", note_id, 201);
}

bool ValidEventName(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == ':')) return false;
  }
  return true;
}

HttpResponse PostEvent(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  MaybeError err;
  const Resource* conv = LiveConversation(org, id, &err);
  if (!conv) return *err;
  const Json& body = rq.body().is_null() ? Json::object() : rq.body();
  if (!body.is_object()) return Invalid("", "expected a JSON object body {name, data}");
  std::string name = "kustomer.conversation.event";
  if (const Json& n = Member(body, "name"); !IsBlank(n)) {
    if (!n.is_string() || !ValidEventName(n.get<std::string>())) {
      return Invalid("/name", "name must be an event name of letters, digits and . _ - : (e.g. \"acme.order.shipped\")");
    }
    name = n.get<std::string>();
  }
  Json data = Json::object();
  if (const Json& d = Member(body, "data"); !d.is_null()) {
    if (!d.is_object()) return Invalid("/data", "data must be a JSON object");
    data = d;
  }
  Json rels = Json::object({{"conversation", id}});
  const std::string customer = SimOrg::RelatedId(*conv, "customer");
  if (!customer.empty()) rels["customer"] = customer;
  const std::string event_id = GetString(
      org.Create("conversation-event", Json::object({{"name", name}, {"data", std::move(data)}}), std::move(rels), "", /*silent=*/true),
      "id");
  const Resource* ev = org.Get("conversation-event", event_id);
  org.Emit(Json::object({{"name", name}, {"data", *ev}}));
  return Answer(org, "conversation-event", event_id, 201);
}

HttpResponse ListEvents(const SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  if (!org.Get("conversation", id)) return ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist");
  return SimOrg::OkPage(rq, org.FindAllBy("conversation-event", messaging::kByConversation, id));
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] InstallConversationRoutes
//-------------------------------------------------------------------------------------------------

void InstallConversationRoutes(SimOrg& org) {
  messaging::DefineMessagingIndexes(org);
  SimOrg* o = &org;
  o->AddRoute("POST", "/v1/conversations", [o](const RouteRequest& rq) { return CreateConversationRoute(*o, rq); });
  o->AddRoute("PUT", "/v1/conversations/:id", [o](const RouteRequest& rq) { return UpdateConversationRoute(*o, rq); });
  o->AddRoute("PATCH", "/v1/conversations/:id", [o](const RouteRequest& rq) { return UpdateConversationRoute(*o, rq); });
  o->AddRoute("GET", "/v1/conversations/externalId=:externalId",
              [o](const RouteRequest& rq) { return messaging::FindByExternalId(*o, "conversation", rq); });
  o->AddRoute("POST", "/v1/conversations/:id/tags", [o](const RouteRequest& rq) { return ChangeTags(*o, rq, true); });
  o->AddRoute("DELETE", "/v1/conversations/:id/tags", [o](const RouteRequest& rq) { return ChangeTags(*o, rq, false); });
  o->AddRoute("POST", "/v1/conversations/merges", [o](const RouteRequest& rq) { return MergeRoute(*o, rq); });
  o->AddRoute("GET", "/v1/conversations/merges/:id", [o](const RouteRequest& rq) {
    return Answer(*o, "conversation-merge", rq.params.at("id"));
  });
  o->AddRoute("GET", "/v1/conversations/:id/messages", [o](const RouteRequest& rq) { return ListMessages(*o, rq); });
  o->AddRoute("POST", "/v1/conversations/:id/messages", [o](const RouteRequest& rq) { return PostMessage(*o, rq); });
  o->AddRoute("GET", "/v1/conversations/:id/notes", [o](const RouteRequest& rq) { return ListNotes(*o, rq); });
  o->AddRoute("POST", "/v1/conversations/:id/notes", [o](const RouteRequest& rq) { return PostNote(*o, rq); });
  o->AddRoute("GET", "/v1/conversations/:id/events", [o](const RouteRequest& rq) { return ListEvents(*o, rq); });
  o->AddRoute("POST", "/v1/conversations/:id/events", [o](const RouteRequest& rq) { return PostEvent(*o, rq); });
}

}  // namespace kws
