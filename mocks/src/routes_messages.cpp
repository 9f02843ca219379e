// routes_messages.cpp -- Kustomer's message, note and draft routes in the simulated org
// (docs/api/messages.md).
//
// Index of this file:
// - [SECTION] Messages (create without a conversation, update, lookups, a customer's messages)
// - [SECTION] Notes (update of automation notes, lookup by external id)
// - [SECTION] Drafts (create on a customer, update)
// - [SECTION] InstallMessageRoutes
//
// GET /v1/messages/:id, /v1/notes/:id, /v1/drafts/:id and DELETE /v1/drafts/:id are SimOrg's
// generic routes. Sending a message on a conversation (the channel send contract) and creating a
// note live in routes_conversations.cpp; the message creation itself is shared
// (routes_messaging.cpp). A scheduled draft is sent by SimOrg::RunDue when its sendAt passes.

#include "routes_messaging.h"

#include <algorithm>

namespace kws {

using messaging::Attrs;
using messaging::ErrorAnswer;
using messaging::IsDeleted;
using messaging::Member;

namespace {

using MaybeError = std::optional<HttpResponse>;

bool IsBlank(const Json& v) { return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()); }

HttpResponse Invalid(std::string_view pointer, std::string title) { return ErrorAnswer(400, "invalid", title, pointer); }

HttpResponse Answer(const SimOrg& org, const std::string& type, const std::string& id, int status = 200) {
  const Resource* r = org.Get(type, id);
  if (!r) return ErrorAnswer(404, "not_found", type + " \"" + id + "\" does not exist");
  return SimOrg::Ok(*r, status);
}

// Text members of an update body: strings (numbers/booleans become text); objects and arrays
// are a 400 at /<key>.
MaybeError CopyText(const Json& b, std::initializer_list<const char*> keys, Json* out) {
  for (const char* k : keys) {
    const Json* v = Find(b, k);
    if (!v) continue;
    if (v->is_object() || v->is_array()) return Invalid(std::string("/") + k, std::string(k) + " must be text");
    (*out)[k] = v->is_null() ? Json() : Json(ToText(*v));
  }
  return std::nullopt;
}

MaybeError CopyTimes(const Json& b, std::initializer_list<const char*> keys, Json* out) {
  for (const char* k : keys) {
    const Json* v = Find(b, k);
    if (!v) continue;
    if (IsBlank(*v)) {
      (*out)[k] = nullptr;
      continue;
    }
    auto iso = messaging::NormalizeTime(*v);
    if (!iso) return Invalid(std::string("/") + k, std::string(k) + " must be an ISO 8601 time or epoch milliseconds, got " + Dump(*v));
    (*out)[k] = *iso;
  }
  return std::nullopt;
}

MaybeError CopyAddressLists(const Json& b, std::initializer_list<const char*> keys, Json* out) {
  for (const char* k : keys) {
    const Json* v = Find(b, k);
    if (!v) continue;
    if (!v->is_null() && !v->is_array() && !v->is_string()) {
      return Invalid(std::string("/") + k, std::string(k) + " must be an array of addresses or text");
    }
    (*out)[k] = *v;
  }
  return std::nullopt;
}

bool IsHandled(const std::string& key, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (key == k) return true;
  }
  return false;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Messages
//-------------------------------------------------------------------------------------------------

// POST /v1/messages: a message in the UI (not sent). Without a conversation it starts one for
// the customer.
HttpResponse CreateMessageRoute(SimOrg& org, const RouteRequest& rq) {
  MaybeError err;
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  auto in = messaging::ReadMessageBody(org, *b, "in", &err);
  if (!in) return *err;
  std::string conversation;
  if (const Json& c = Member(*b, "conversation"); !IsBlank(c)) {
    std::vector<std::string> ids = messaging::IdsOf(c);
    if (ids.size() != 1) return Invalid("/conversation", "conversation must be one conversation id");
    const Resource* conv = org.Get("conversation", ids[0]);
    if (!conv || IsDeleted(*conv)) return Invalid("/conversation", "conversation \"" + ids[0] + "\" does not exist");
    conversation = ids[0];
  }
  if (conversation.empty()) {
    if (in->customer.empty()) {
      return Invalid("/customer", "customer is required: the customer whose timeline gets the message");
    }
    Json attrs = Json::object();
    attrs["direction"] = in->direction;
    std::string name = GetString(in->attributes, "subject");
    if (name.empty()) name = GetString(Member(in->attributes, "meta"), "subject");
    if (!name.empty()) attrs["name"] = name;
    conversation = messaging::CreateConversation(org, in->customer, std::move(attrs));
  }
  return messaging::AppendMessage(org, conversation, std::move(*in), /*send=*/false);
}

HttpResponse UpdateMessageRoute(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  const Resource* msg = org.Get("message", id);
  if (!msg) return ErrorAnswer(404, "not_found", "message \"" + id + "\" does not exist");
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  for (const char* rel : {"conversation", "customer"}) {
    const Json& v = Member(*b, rel);
    if (IsBlank(v)) continue;
    std::vector<std::string> ids = messaging::IdsOf(v);
    if (ids.size() != 1 || ids[0] != SimOrg::RelatedId(*msg, rel)) {
      return Invalid(std::string("/") + rel, std::string("a message's ") + rel +
                                                 " cannot change (move or merge the conversation instead)");
    }
  }
  Json patch = Json::object();
  if (auto e = CopyText(*b, {"channel", "app", "status", "preview", "body", "subject", "externalId", "lang"}, &patch)) return *e;
  if (auto e = CopyTimes(*b, {"sentAt", "sendAt", "errorAt"}, &patch)) return *e;
  if (const Json* d = Find(*b, "direction")) {
    if (!d->is_string() || (*d != "in" && *d != "out")) return Invalid("/direction", "direction must be \"in\" or \"out\"");
    patch["direction"] = *d;
  }
  if (const Json* m = Find(*b, "meta")) {
    if (!m->is_object()) return Invalid("/meta", "meta must be an object {from, to, cc, bcc, subject}");
    patch["meta"] = *m;
  }
  if (const Json* s = Find(*b, "size")) {
    if (!s->is_number() || s->get<double>() < 0) return Invalid("/size", "size must be a number of bytes");
    patch["size"] = *s;
  }
  if (const Json* c = Find(*b, "custom"); c && !c->is_null()) {
    MaybeError err;
    auto custom = messaging::NormalizeCustom(*c, "/custom", &err);
    if (!custom) return *err;
    patch["custom"] = std::move(*custom);
  }
  for (auto it = b->begin(); it != b->end(); ++it) {
    if (IsHandled(it.key(), {"channel", "app", "status", "preview", "body", "subject", "externalId", "lang", "sentAt",
                             "sendAt", "errorAt", "direction", "meta", "size", "custom", "conversation", "customer",
                             "id", "type", "rev", "createdAt", "updatedAt", "modifiedAt", "org"})) {
      continue;
    }
    patch[it.key()] = it.value();  // sentiment, error, reactions, auto, ... as given
  }
  org.Update("message", id, patch);
  return Answer(org, "message", id);
}

HttpResponse CustomerMessages(const SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  if (!org.Get("customer", id)) return ErrorAnswer(404, "not_found", "customer \"" + id + "\" does not exist");
  std::string direction;
  bool desc = false;
  MaybeError err;
  if (!messaging::ReadListQuery(rq, &direction, &desc, &err)) return *err;
  return SimOrg::OkPage(rq, messaging::MessagesOfCustomer(org, id, direction, desc));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Notes
//-------------------------------------------------------------------------------------------------

// Kustomer lets workflows change only notes an automation wrote: ones a workflow created
// (attributes.createdByWorkflow) or whose author is a machine user.
bool WrittenByAutomation(const SimOrg& org, const Resource& note) {
  if (GetBool(Attrs(note), "createdByWorkflow")) return true;
  const std::string by = SimOrg::RelatedId(note, "createdBy");
  if (by.empty()) return false;
  const Resource* user = org.Get("user", by);
  return user && GetString(Attrs(*user), "userType") == "machine";
}

HttpResponse UpdateNoteRoute(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  const Resource* note = org.Get("note", id);
  if (!note || IsDeleted(*note)) return ErrorAnswer(404, "not_found", "note \"" + id + "\" does not exist");
  if (!WrittenByAutomation(org, *note)) {
    std::string by = SimOrg::RelatedId(*note, "createdBy");
    return ErrorAnswer(403, "forbidden",
                       "note \"" + id + "\" was written by " + (by.empty() ? std::string("an agent") : "user \"" + by + "\"") +
                           ": only notes created by automations (workflows, machine users) can be updated");
  }
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  Json patch = Json::object();
  if (const Json* body = Find(*b, "body")) {
    if (body->is_object() || body->is_array() || IsBlank(*body)) return Invalid("/body", "body must be non-empty text");
    patch["body"] = ToText(*body);
  }
  if (const Json* m = Find(*b, "userMentions")) {
    Json mentions;
    if (auto e = messaging::ReadMentions(org, *m, &mentions)) return *e;
    patch["userMentions"] = std::move(mentions);
  }
  if (auto e = CopyText(*b, {"externalId"}, &patch)) return *e;
  if (const Json* c = Find(*b, "custom"); c && !c->is_null()) {
    MaybeError err;
    auto custom = messaging::NormalizeCustom(*c, "/custom", &err);
    if (!custom) return *err;
    patch["custom"] = std::move(*custom);
  }
  if (const Json* att = Find(*b, "attachments")) patch["attachments"] = *att;
  for (auto it = b->begin(); it != b->end(); ++it) {
    if (IsHandled(it.key(), {"conversation", "customer", "createdBy"}) && !IsBlank(it.value())) {
      return Invalid("/" + it.key(), "a note's " + it.key() + " cannot change");
    }
  }
  org.Update("note", id, patch);
  return Answer(org, "note", id);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Drafts
//-------------------------------------------------------------------------------------------------

constexpr const char* kDraftChannels[] = {"email", "sms",        "whatsapp",  "chat", "facebook",
                                          "twitter-tweet", "twitter-dm", "instagram", "note"};

bool IsDraftChannel(const std::string& c) {
  return std::find_if(std::begin(kDraftChannels), std::end(kDraftChannels), [&](const char* k) { return c == k; }) !=
         std::end(kDraftChannels);
}

// Members shared by draft create and update (everything but channel, customer, conversation).
MaybeError ReadDraftMembers(const SimOrg& org, const Json& b, Json* a) {
  if (auto e = CopyText(b, {"app", "body", "htmlBody", "subject", "from", "replyTo", "lang", "source"}, a)) return e;
  if (auto e = CopyAddressLists(b, {"to", "cc", "bcc"}, a)) return e;
  if (auto e = CopyTimes(b, {"sendAt"}, a)) return e;
  if (const Json* s = Find(b, "status"); s && !s->is_null()) {
    if (*s != "draft" && *s != "scheduled") return Invalid("/status", "status must be \"draft\" or \"scheduled\"");
    (*a)["status"] = *s;
  }
  for (const char* k : {"scheduled", "auto"}) {
    if (const Json* v = Find(b, k); v && !v->is_null()) {
      if (!v->is_boolean()) return Invalid(std::string("/") + k, std::string(k) + " must be true or false");
      (*a)[k] = *v;
    }
  }
  if (const Json* m = Find(b, "userMentions")) {
    Json mentions;
    if (auto e = messaging::ReadMentions(org, *m, &mentions)) return e;
    (*a)["userMentions"] = std::move(mentions);
  }
  for (auto it = b.begin(); it != b.end(); ++it) {
    if (IsHandled(it.key(), {"app", "body", "htmlBody", "subject", "from", "replyTo", "lang", "source", "to", "cc", "bcc",
                             "sendAt", "status", "scheduled", "auto", "userMentions", "channel", "customer",
                             "conversation", "id", "type", "rev", "createdAt", "updatedAt", "modifiedAt", "org"})) {
      continue;
    }
    (*a)[it.key()] = it.value();  // payload, shortcuts, kbArticles, headers, template, ... as given
  }
  return std::nullopt;
}

HttpResponse CreateDraftRoute(SimOrg& org, const RouteRequest& rq) {
  const std::string customer = rq.params.at("id");
  const Resource* cust = org.Get("customer", customer);
  if (!cust || IsDeleted(*cust)) return ErrorAnswer(404, "not_found", "customer \"" + customer + "\" does not exist");
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  const Json& ch = Member(*b, "channel");
  if (!ch.is_string() || !IsDraftChannel(ch.get<std::string>())) {
    return Invalid("/channel",
                   "channel is required: one of email, sms, whatsapp, chat, facebook, twitter-tweet, twitter-dm, instagram, note");
  }
  const std::string channel = ch.get<std::string>();
  std::string conversation;
  if (const Json& c = Member(*b, "conversation"); !IsBlank(c)) {
    std::vector<std::string> ids = messaging::IdsOf(c);
    if (ids.size() != 1) return Invalid("/conversation", "conversation must be one conversation id");
    const Resource* conv = org.Get("conversation", ids[0]);
    if (!conv || IsDeleted(*conv)) return Invalid("/conversation", "conversation \"" + ids[0] + "\" does not exist");
    const std::string owner = SimOrg::RelatedId(*conv, "customer");
    if (!owner.empty() && owner != customer) {
      return Invalid("/conversation", "conversation \"" + ids[0] + "\" belongs to customer \"" + owner + "\", not \"" + customer + "\"");
    }
    conversation = ids[0];
  }
  Json a = Json::object();
  a["channel"] = channel;
  if (channel != "note") a["app"] = messaging::DefaultApp(channel);
  a["status"] = "draft";
  if (auto e = ReadDraftMembers(org, *b, &a)) return *e;
  if (channel == "note" && GetString(a, "body").empty()) return Invalid("/body", "body is required: the text of the note");
  if (conversation.empty() && GetString(rq.query, "createConversation") == "true") {
    conversation = messaging::CreateConversation(org, customer, Json::object({{"direction", "out"}}));
  }
  Json rels = Json::object({{"customer", customer}});
  if (!conversation.empty()) rels["conversation"] = conversation;
  const std::string id = GetString(org.Create("draft", std::move(a), std::move(rels)), "id");
  return Answer(org, "draft", id, 201);
}

HttpResponse UpdateDraftRoute(SimOrg& org, const RouteRequest& rq) {
  const std::string id = rq.params.at("id");
  const Resource* draft = org.Get("draft", id);
  if (!draft || IsDeleted(*draft)) return ErrorAnswer(404, "not_found", "draft \"" + id + "\" does not exist");
  if (GetString(Attrs(*draft), "status") == "sent") {
    return ErrorAnswer(409, "conflict", "draft \"" + id + "\" was already sent at " + GetString(Attrs(*draft), "sentAt"));
  }
  std::string perr;
  std::optional<Json> b = messaging::PlainBody(rq.body(), &perr);
  if (!b) return ErrorAnswer(400, "invalid", perr);
  const std::string channel = GetString(Attrs(*draft), "channel");
  if (const Json& ch = Member(*b, "channel"); !IsBlank(ch) && ch != channel) {
    return Invalid("/channel", "a draft's channel cannot change (it is \"" + channel + "\")");
  }
  for (const char* rel : {"conversation", "customer"}) {
    const Json& v = Member(*b, rel);
    if (IsBlank(v)) continue;
    std::vector<std::string> ids = messaging::IdsOf(v);
    if (ids.size() != 1 || ids[0] != SimOrg::RelatedId(*draft, rel)) {
      return Invalid(std::string("/") + rel, std::string("a draft's ") + rel + " cannot change");
    }
  }
  Json patch = Json::object();
  if (auto e = ReadDraftMembers(org, *b, &patch)) return *e;
  org.Update("draft", id, patch);
  return Answer(org, "draft", id);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] InstallMessageRoutes
//-------------------------------------------------------------------------------------------------

void InstallMessageRoutes(SimOrg& org) {
  messaging::DefineMessagingIndexes(org);  // also done by InstallConversationRoutes; harmless twice
  SimOrg* o = &org;
  o->AddRoute("POST", "/v1/messages", [o](const RouteRequest& rq) { return CreateMessageRoute(*o, rq); });
  o->AddRoute("PUT", "/v1/messages/:id", [o](const RouteRequest& rq) { return UpdateMessageRoute(*o, rq); });
  o->AddRoute("PATCH", "/v1/messages/:id", [o](const RouteRequest& rq) { return UpdateMessageRoute(*o, rq); });
  o->AddRoute("GET", "/v1/messages/externalId=:externalId",
              [o](const RouteRequest& rq) { return messaging::FindByExternalId(*o, "message", rq); });
  o->AddRoute("GET", "/v1/customers/:id/messages", [o](const RouteRequest& rq) { return CustomerMessages(*o, rq); });
  o->AddRoute("PUT", "/v1/notes/:id", [o](const RouteRequest& rq) { return UpdateNoteRoute(*o, rq); });
  o->AddRoute("PATCH", "/v1/notes/:id", [o](const RouteRequest& rq) { return UpdateNoteRoute(*o, rq); });
  o->AddRoute("GET", "/v1/notes/externalId=:externalId",
              [o](const RouteRequest& rq) { return messaging::FindByExternalId(*o, "note", rq); });
  o->AddRoute("POST", "/v1/customers/:id/drafts", [o](const RouteRequest& rq) { return CreateDraftRoute(*o, rq); });
  o->AddRoute("PUT", "/v1/drafts/:id", [o](const RouteRequest& rq) { return UpdateDraftRoute(*o, rq); });
  o->AddRoute("PATCH", "/v1/drafts/:id", [o](const RouteRequest& rq) { return UpdateDraftRoute(*o, rq); });
}

}  // namespace kws
