// routes_messaging.cpp -- helpers shared by the conversation and message route families: body
// reading and validation, tag resolution, message creation (the channel send contract) and the
// per-conversation / per-customer message indexes.
//
// Index of this file:
// - [SECTION] Answers and body reading
// - [SECTION] Custom attributes, times, ids, tags
// - [SECTION] Indexes and ordered listings
// - [SECTION] Conversations and messages
//
// Cost: listing the messages of one conversation or customer reads one index bucket (O(k) for
// k messages of that conversation/customer) and sorts only that bucket; nothing here scans all
// messages of the org.

#include "routes_messaging.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace kws::messaging {

//-------------------------------------------------------------------------------------------------
// [SECTION] Answers and body reading
//-------------------------------------------------------------------------------------------------

HttpResponse ErrorAnswer(int status, std::string_view code, std::string_view title, std::string_view pointer) {
  Json err = Json::object();
  err["status"] = std::to_string(status);
  err["code"] = code;
  err["title"] = title;
  if (!pointer.empty()) err["source"] = Json::object({{"pointer", pointer}});
  return JsonResponse(status, Json::object({{"errors", Json::array({std::move(err)})}}));
}

namespace {

const Json& NullJson() {
  static const Json kNull;
  return kNull;
}

}  // namespace

const Json& Member(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  return v ? *v : NullJson();
}

namespace {

// The id a relationship value names: {"data": {"id"}}, {"id"}, "<id>"; "" otherwise.
std::string RelId(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object()) return "";
  if (const Json* data = Find(v, "data")) {
    if (data->is_object()) return GetString(*data, "id");
    return "";
  }
  return GetString(v, "id");
}

}  // namespace

std::optional<Json> PlainBody(const Json& body, std::string* error) {
  if (!body.is_object()) {
    *error = body.is_null() ? "expected a JSON object body, got no body" : "expected a JSON object body";
    return std::nullopt;
  }
  const Json* res = &body;
  if (const Json* data = Find(body, "data"); data && data->is_object()) res = data;
  const Json* attrs = Find(*res, "attributes");
  if (res == &body && !(attrs && attrs->is_object())) return body;
  Json out = Json::object();
  if (attrs && attrs->is_object()) out = *attrs;
  if (const Json* rels = Find(*res, "relationships"); rels && rels->is_object()) {
    for (auto it = rels->begin(); it != rels->end(); ++it) {
      const Json* data = Find(it.value(), "data");
      if (data && data->is_array()) {
        Json ids = Json::array();
        for (const Json& d : *data) ids.push_back(GetString(d, "id"));
        out[it.key()] = std::move(ids);
      } else if (data && data->is_null()) {
        out[it.key()] = nullptr;
      } else {
        out[it.key()] = RelId(it.value());
      }
    }
  }
  return out;
}

const Json& Attrs(const Resource& r) {
  const Json* a = Find(r, "attributes");
  return a && a->is_object() ? *a : NullJson();
}

bool IsDeleted(const Resource& r) { return GetBool(Attrs(r), "deleted"); }

//-------------------------------------------------------------------------------------------------
// [SECTION] Custom attributes, times, ids, tags
//-------------------------------------------------------------------------------------------------

std::optional<std::string> NormalizeTime(const Json& v) {
  if (v.is_number()) {
    double d = v.get<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return FormatIso(static_cast<TimeMs>(d));
  }
  if (v.is_string()) {
    if (auto t = ParseIso(v.get_ref<const std::string&>())) return FormatIso(*t);
  }
  return std::nullopt;
}

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::optional<double> NumberOf(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  return d;
}

Json NumberJson(double d) {
  if (std::floor(d) == d && std::fabs(d) < 9.0e15) return Json(static_cast<int64_t>(d));
  return Json(d);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<Json> NormalizeCustom(const Json& custom, const std::string& base, std::optional<HttpResponse>* error) {
  if (!custom.is_object()) {
    *error = ErrorAnswer(400, "invalid", "custom must be an object of custom attributes", base);
    return std::nullopt;
  }
  Json out = Json::object();
  for (auto it = custom.begin(); it != custom.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    const std::string ptr = PointerJoin(base, key);
    if (v.is_null()) {
      out[key] = nullptr;
      continue;
    }
    if (EndsWith(key, "Num")) {
      std::optional<double> d = NumberOf(v);
      if (!d) {
        *error = ErrorAnswer(400, "invalid", "custom attribute \"" + key + "\" is a number (...Num), got " + Dump(v), ptr);
        return std::nullopt;
      }
      out[key] = NumberJson(*d);
    } else if (EndsWith(key, "Bool")) {
      if (v.is_boolean()) {
        out[key] = v;
      } else if (v.is_string() && (Lower(v.get<std::string>()) == "true" || Lower(v.get<std::string>()) == "false")) {
        out[key] = Lower(v.get<std::string>()) == "true";
      } else {
        *error = ErrorAnswer(400, "invalid", "custom attribute \"" + key + "\" is a boolean (...Bool), got " + Dump(v), ptr);
        return std::nullopt;
      }
    } else if (EndsWith(key, "At")) {
      std::optional<std::string> t = NormalizeTime(v);
      if (!t) {
        *error = ErrorAnswer(400, "invalid",
                             "custom attribute \"" + key + "\" is a date (...At): expected ISO 8601 text or epoch milliseconds, got " + Dump(v),
                             ptr);
        return std::nullopt;
      }
      out[key] = *t;
    } else if (EndsWith(key, "Str") || EndsWith(key, "Txt") || EndsWith(key, "Url") || EndsWith(key, "Tree")) {
      if (v.is_object() || v.is_array()) {
        *error = ErrorAnswer(400, "invalid", "custom attribute \"" + key + "\" is text, got " + Dump(v), ptr);
        return std::nullopt;
      }
      out[key] = ToText(v);
    } else {
      out[key] = v;
    }
  }
  return out;
}

std::vector<std::string> IdsOf(const Json& v) {
  std::vector<std::string> out;
  auto add = [&](const Json& e) {
    if (e.is_string()) {
      std::string_view s = e.get_ref<const std::string&>();
      size_t start = 0;
      while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string_view::npos) comma = s.size();
        std::string id = Trim(s.substr(start, comma - start));
        if (!id.empty()) out.push_back(std::move(id));
        start = comma + 1;
      }
    } else if (e.is_number()) {
      out.push_back(ToText(e));
    } else if (e.is_object()) {
      std::string id = RelId(e);
      if (!id.empty()) out.push_back(std::move(id));
    }
  };
  if (v.is_array()) {
    for (const Json& e : v) add(e);
  } else {
    add(v);
  }
  return out;
}

std::optional<std::vector<std::string>> ResolveTags(const SimOrg& org, const Json& tags, const std::string& pointer,
                                                    std::optional<HttpResponse>* error) {
  if (!tags.is_array() && !tags.is_string()) {
    *error = ErrorAnswer(400, "invalid", "tags must be an array of tag ids or names (or a comma separated string)", pointer);
    return std::nullopt;
  }
  std::vector<std::string> out;
  std::vector<std::string> given = IdsOf(tags);
  for (size_t i = 0; i < given.size(); ++i) {
    const std::string& v = given[i];
    std::string id;
    if (org.Get("tag", v)) {
      id = v;
    } else if (const Resource* t = org.FindBy("tag", kTagByName, Lower(Trim(v)))) {
      id = GetString(*t, "id");
    } else if (IsObjectId(v)) {
      id = v;
    } else {
      *error = ErrorAnswer(400, "unknown_tag", "unknown tag \"" + v + "\": no tag has that id or name",
                           tags.is_array() ? PointerJoin(pointer, i) : pointer);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Indexes and ordered listings
//-------------------------------------------------------------------------------------------------

void DefineMessagingIndexes(SimOrg& org) {
  auto external_id = [](const Resource& r) {
    std::vector<std::string> keys;
    const Json* v = Find(Attrs(r), "externalId");
    if (v && (v->is_string() || v->is_number())) {
      std::string k = ToText(*v);
      if (!k.empty()) keys.push_back(std::move(k));
    }
    return keys;
  };
  auto related = [](const char* key) {
    return [key](const Resource& r) {
      std::vector<std::string> keys;
      std::string id = SimOrg::RelatedId(r, key);
      if (!id.empty()) keys.push_back(std::move(id));
      return keys;
    };
  };
  org.DefineIndex("conversation", kByExternalId, external_id);
  org.DefineIndex("message", kByExternalId, external_id);
  org.DefineIndex("note", kByExternalId, external_id);
  org.DefineIndex("message", kByConversation, related("conversation"));
  org.DefineIndex("message", kByCustomer, related("customer"));
  org.DefineIndex("note", kByConversation, related("conversation"));
  org.DefineIndex("conversation-event", kByConversation, related("conversation"));
  org.DefineIndex("tag", kTagByName, [](const Resource& r) {
    std::vector<std::string> keys;
    std::string name = Lower(Trim(GetString(Attrs(r), "name")));
    if (!name.empty()) keys.push_back(std::move(name));
    return keys;
  });
}

namespace {

// Orders by createdAt; FindAllBy already gives creation order, which breaks ties.
std::vector<const Resource*> Ordered(std::vector<const Resource*> list, std::string_view direction, bool desc) {
  if (!direction.empty()) {
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Resource* r) { return GetString(Attrs(*r), "direction") != direction; }),
               list.end());
  }
  std::vector<std::pair<TimeMs, const Resource*>> keyed;
  keyed.reserve(list.size());
  for (const Resource* r : list) {
    std::optional<TimeMs> t = ParseIso(GetString(Attrs(*r), "createdAt"));
    keyed.emplace_back(t ? *t : 0, r);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Resource*> out;
  out.reserve(keyed.size());
  for (const auto& k : keyed) out.push_back(k.second);
  if (desc) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<const Resource*> MessagesOfConversation(const SimOrg& org, std::string_view conversation,
                                                    std::string_view direction, bool desc) {
  return Ordered(org.FindAllBy("message", kByConversation, conversation), direction, desc);
}

std::vector<const Resource*> MessagesOfCustomer(const SimOrg& org, std::string_view customer, std::string_view direction,
                                                bool desc) {
  return Ordered(org.FindAllBy("message", kByCustomer, customer), direction, desc);
}

std::vector<const Resource*> NotesOfConversation(const SimOrg& org, std::string_view conversation, bool desc) {
  return Ordered(org.FindAllBy("note", kByConversation, conversation), "", desc);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Conversations and messages
//-------------------------------------------------------------------------------------------------

std::string DefaultApp(std::string_view channel) {
  if (channel == "email") return "postmark";
  if (channel == "sms") return "twilio";
  if (channel == "whatsapp") return "twilio_whatsapp";
  if (channel == "facebook") return "facebook";
  if (channel == "instagram") return "instagram";
  if (channel == "chat") return "chat";
  if (channel == "twitter-dm" || channel == "twitter-tweet") return "twitter";
  return std::string(channel);
}

std::optional<MessageInput> ReadMessageBody(const SimOrg& org, const Json& body_in, std::string_view default_direction,
                                            std::optional<HttpResponse>* error) {
  std::string perr;
  std::optional<Json> plain = PlainBody(body_in, &perr);
  if (!plain) {
    *error = ErrorAnswer(400, "invalid", perr);
    return std::nullopt;
  }
  const Json& b = *plain;
  auto fail = [&](std::string_view pointer, std::string title) {
    *error = ErrorAnswer(400, "invalid", title, pointer);
    return std::nullopt;
  };
  MessageInput in;
  Json& a = in.attributes;

  const Json* channel = Find(b, "channel");
  if (!channel || !channel->is_string() || channel->get_ref<const std::string&>().empty()) {
    return fail("/channel", "channel is required: the message channel (email, sms, chat, whatsapp, facebook, ...)");
  }
  const std::string ch = Lower(Trim(channel->get<std::string>()));
  std::string app = DefaultApp(ch);
  if (const Json* v = Find(b, "app"); v && !v->is_null()) {
    if (!v->is_string()) return fail("/app", "app must be text (postmark, gmail, chat, twilio, ...)");
    if (!v->get_ref<const std::string&>().empty()) app = Lower(Trim(v->get<std::string>()));
  }
  std::string dir(default_direction);
  if (const Json* v = Find(b, "direction"); v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty())) {
    std::string d = v->is_string() ? Lower(Trim(v->get<std::string>())) : "";
    if (d == "inbound") d = "in";
    if (d == "outbound") d = "out";
    if (d != "in" && d != "out") return fail("/direction", "direction must be \"in\" or \"out\", got " + Dump(*v));
    dir = d;
  }
  in.direction = dir;
  std::string text;
  if (const Json* v = Find(b, "body"); v && !v->is_null()) {
    if (v->is_object() || v->is_array()) return fail("/body", "body must be text");
    text = ToText(*v);
  }
  std::string preview;
  if (const Json* v = Find(b, "preview"); v && !v->is_null()) {
    if (v->is_object() || v->is_array()) return fail("/preview", "preview must be text");
    preview = ToText(*v);
  }
  if (preview.empty()) preview = Utf8Prefix(text, 200);
  Json meta = Json::object();
  if (const Json* v = Find(b, "meta"); v && !v->is_null()) {
    if (!v->is_object()) return fail("/meta", "meta must be an object {from, to, cc, bcc, subject}");
    meta = *v;
    for (const char* k : {"to", "cc", "bcc"}) {
      const Json* l = Find(meta, k);
      if (l && !l->is_null() && !l->is_array() && !l->is_string()) {
        return fail(std::string("/meta/") + k, std::string(k) + " must be an array of addresses or text");
      }
    }
  }
  if (const Json* v = Find(b, "customer"); v && !v->is_null()) {
    in.customer = RelId(*v);
    if (in.customer.empty() && !(v->is_string() && v->get<std::string>().empty())) {
      return fail("/customer", "customer must be a customer id");
    }
    if (!in.customer.empty()) {
      const Resource* c = org.Get("customer", in.customer);
      if (!c || IsDeleted(*c)) return fail("/customer", "customer \"" + in.customer + "\" does not exist");
    }
  }

  a["channel"] = ch;
  a["app"] = app;
  a["direction"] = dir;
  a["preview"] = preview;
  a["body"] = text;
  if (const Json* v = Find(b, "subject"); v && !v->is_null()) {
    if (v->is_object() || v->is_array()) return fail("/subject", "subject must be text");
    a["subject"] = ToText(*v);
  }
  a["meta"] = meta;
  if (const Json* v = Find(b, "size"); v && !v->is_null()) {
    std::optional<double> d = NumberOf(*v);
    if (!d || *d < 0) return fail("/size", "size must be a number of bytes, got " + Dump(*v));
    a["size"] = NumberJson(*d);
  } else {
    a["size"] = static_cast<int64_t>(text.size());
  }
  if (const Json* v = Find(b, "status"); v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty())) {
    if (!v->is_string()) return fail("/status", "status must be text (sent, received, error, ...)");
    a["status"] = *v;
  }
  for (const char* k : {"sentAt", "sendAt", "createdAt"}) {
    if (const Json* v = Find(b, k); v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty())) {
      std::optional<std::string> t = NormalizeTime(*v);
      if (!t) return fail(std::string("/") + k, std::string(k) + " must be an ISO 8601 time or epoch milliseconds, got " + Dump(*v));
      a[k] = *t;
    }
  }
  if (const Json* v = Find(b, "externalId"); v && !v->is_null()) {
    if (v->is_object() || v->is_array()) return fail("/externalId", "externalId must be text");
    if (!ToText(*v).empty()) a["externalId"] = ToText(*v);
  }
  if (const Json* v = Find(b, "custom"); v && !v->is_null()) {
    std::optional<Json> c = NormalizeCustom(*v, "/custom", error);
    if (!c) return std::nullopt;
    a["custom"] = std::move(*c);
  }
  // Everything else Kustomer's message body has (auto, lang, attachments, reference, sentiment,
  // queue...) is kept as given.
  static const char* const kHandled[] = {"channel", "app", "direction", "body", "preview", "meta", "customer",
                                         "conversation", "subject", "size", "status", "sentAt", "sendAt",
                                         "createdAt", "externalId", "custom", "id", "type", "rev",
                                         "updatedAt", "modifiedAt"};
  for (auto it = b.begin(); it != b.end(); ++it) {
    if (std::find_if(std::begin(kHandled), std::end(kHandled), [&](const char* k) { return it.key() == k; }) !=
        std::end(kHandled)) {
      continue;
    }
    a[it.key()] = it.value();
  }
  return in;
}

namespace {

Json Conversation0() {
  Json a = Json::object();
  a["status"] = "open";
  a["priority"] = 3;
  a["channels"] = Json::array();
  a["tags"] = Json::array();
  a["assignedUsers"] = Json::array();
  a["assignedTeams"] = Json::array();
  a["messageCount"] = 0;
  a["inboundMessageCount"] = 0;
  a["outboundMessageCount"] = 0;
  a["noteCount"] = 0;
  a["custom"] = Json::object();
  return a;
}

// A counter attribute plus one, or (when the attribute is absent) `computed`.
Json Bump(const Json& attrs, const char* key, int64_t computed) {
  const Json* v = Find(attrs, key);
  if (v && v->is_number()) return v->get<int64_t>() + 1;
  return computed;
}

Json ToList(const Json& v) {
  if (v.is_null()) return Json::array();
  if (v.is_array()) return v;
  return Json::array({v});
}

}  // namespace

std::string CreateConversation(SimOrg& org, const std::string& customer, Json attributes, Json relationships) {
  Json a = Conversation0();
  if (attributes.is_object()) {
    for (auto it = attributes.begin(); it != attributes.end(); ++it) a[it.key()] = it.value();
  }
  if (!relationships.is_object()) relationships = Json::object();
  if (!customer.empty()) relationships["customer"] = customer;
  return GetString(org.Create("conversation", std::move(a), std::move(relationships)), "id");
}

HttpResponse AppendMessage(SimOrg& org, const std::string& conversation_id, MessageInput input, bool send) {
  const Resource* conv = org.Get("conversation", conversation_id);
  if (!conv || IsDeleted(*conv)) {
    return ErrorAnswer(404, "not_found", "conversation \"" + conversation_id + "\" does not exist");
  }
  const Json conv_attrs = Attrs(*conv);  // copies: the org changes below
  const std::string owner = SimOrg::RelatedId(*conv, "customer");
  if (!input.customer.empty() && !owner.empty() && input.customer != owner) {
    return ErrorAnswer(400, "invalid",
                       "conversation \"" + conversation_id + "\" belongs to customer \"" + owner + "\", not \"" + input.customer + "\"",
                       "/customer");
  }
  const std::string customer = input.customer.empty() ? owner : input.customer;
  const std::string now = FormatIso(org.clock().Now());
  Json& a = input.attributes;
  const std::string dir = input.direction;
  const std::string channel = GetString(a, "channel");
  if (!a.contains("status")) a["status"] = dir == "out" ? "sent" : "received";
  if (!a.contains("sentAt")) a["sentAt"] = now;
  if (!a.contains("sendAt") && dir == "out") a["sendAt"] = GetString(a, "sentAt");
  // Counters come from the conversation's attributes (O(1) per message); the thread is counted
  // only for a conversation that has no counter yet (fixtures written without them).
  const Json* have_count = Find(conv_attrs, "messageCount");
  const bool first_message = have_count && have_count->is_number()
                                 ? have_count->get<int64_t>() == 0
                                 : org.FindAllBy("message", kByConversation, conversation_id).empty();
  a["directionType"] = (first_message ? "initial-" : "response-") + dir;

  Json rels = Json::object();
  rels["conversation"] = conversation_id;
  if (!customer.empty()) rels["customer"] = customer;
  const std::string message_id = GetString(org.Create("message", a, std::move(rels)), "id");
  const std::string sent_at = GetString(a, "sentAt");

  // The conversation: counters, channels, first/last message, preview; an inbound message
  // reopens a done or snoozed conversation (Kustomer does the same).
  auto counted = [&](std::string_view direction) {
    int64_t n = 0;
    for (const Resource* m : org.FindAllBy("message", kByConversation, conversation_id)) {
      if (direction.empty() || GetString(Attrs(*m), "direction") == direction) ++n;
    }
    return n;
  };
  auto bump = [&](const char* key, std::string_view direction) -> Json {
    const Json* v = Find(conv_attrs, key);
    if (v && v->is_number()) return v->get<int64_t>() + 1;
    return counted(direction);  // includes the new message
  };
  Json patch = Json::object();
  patch["messageCount"] = bump("messageCount", "");
  if (dir == "in") patch["inboundMessageCount"] = bump("inboundMessageCount", "in");
  if (dir == "out") patch["outboundMessageCount"] = bump("outboundMessageCount", "out");
  Json channels = ToList(Member(conv_attrs, "channels"));
  if (!channel.empty() && std::find(channels.begin(), channels.end(), Json(channel)) == channels.end()) {
    channels.push_back(channel);
  }
  patch["channels"] = channels;
  Json info = Json::object({{"id", message_id}, {"sentAt", sent_at}, {"channel", channel}});
  const char* first = dir == "in" ? "firstMessageIn" : "firstMessageOut";
  const char* last = dir == "in" ? "lastMessageIn" : "lastMessageOut";
  const Json* have_first = Find(conv_attrs, first);
  if (!have_first || have_first->is_null()) patch[first] = info;
  patch[last] = info;
  patch["lastMessageAt"] = sent_at;
  patch["lastMessageDirection"] = dir;
  patch["preview"] = GetString(a, "preview");
  patch["lastActivityAt"] = now;
  if (!conv_attrs.contains("direction") || conv_attrs["direction"].is_null()) patch["direction"] = dir;
  if (GetString(conv_attrs, "name").empty()) {
    std::string name = GetString(a, "subject");
    if (name.empty()) name = GetString(Member(a, "meta"), "subject");
    if (name.empty()) name = Utf8Prefix(GetString(a, "preview"), 80);
    if (!name.empty()) patch["name"] = name;
  }
  const std::string status = GetString(conv_attrs, "status");
  if (dir == "in" && (status == "done" || status == "snoozed")) {
    patch["status"] = "open";
    if (const Json* sn = Find(conv_attrs, "snooze"); sn && !sn->is_null()) patch["snooze"] = nullptr;
    if (status == "done") patch["reopenCount"] = Bump(conv_attrs, "reopenCount", 1);
  }
  org.Update("conversation", conversation_id, patch);

  if (send && dir == "out") {
    const Json& meta = Member(a, "meta");
    auto list = [&](const char* k) { return ToList(Member(meta, k)); };
    std::string subject = GetString(meta, "subject");
    if (subject.empty()) subject = GetString(a, "subject");
    Json entry = Json::object();
    entry["kind"] = "message";
    entry["channel"] = channel;
    entry["app"] = GetString(a, "app");
    entry["conversation"] = conversation_id;
    entry["customer"] = customer.empty() ? Json() : Json(customer);
    entry["messageId"] = message_id;
    const Json* from = Find(meta, "from");
    entry["from"] = from ? *from : Json();
    entry["to"] = list("to");
    entry["cc"] = list("cc");
    entry["bcc"] = list("bcc");
    entry["subject"] = subject.empty() ? Json() : Json(subject);
    entry["body"] = GetString(a, "body");
    org.RecordOutbox(std::move(entry));
  }
  const Resource* msg = org.Get("message", message_id);
  if (!msg) return ErrorAnswer(500, "internal", "the message was deleted while it was being created");
  return SimOrg::Ok(*msg, 201);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Requests: workflow origin, list queries, external ids, mentions
//-------------------------------------------------------------------------------------------------

bool FromWorkflow(const RouteRequest& rq) {
  const Json& h = rq.http.headers;
  if (!h.is_object()) return false;
  for (auto it = h.begin(); it != h.end(); ++it) {
    std::string k = Lower(it.key());
    if ((k == "x-kustomer-source-type" || k == "x-kustomer-client") && it.value() == "workflow") return true;
  }
  return false;
}

bool ReadListQuery(const RouteRequest& rq, std::string* direction, bool* desc, std::optional<HttpResponse>* err) {
  *direction = Lower(Trim(GetString(rq.query, "direction")));
  if (*direction == "inbound") *direction = "in";
  if (*direction == "outbound") *direction = "out";
  if (!direction->empty() && *direction != "in" && *direction != "out") {
    *err = ErrorAnswer(400, "invalid", "query direction must be in or out, got \"" + *direction + "\"");
    return false;
  }
  std::string sort = Lower(Trim(GetString(rq.query, "sort")));
  if (!sort.empty() && sort != "asc" && sort != "desc") {
    *err = ErrorAnswer(400, "invalid", "query sort must be asc or desc, got \"" + sort + "\"");
    return false;
  }
  *desc = sort == "desc";
  return true;
}

HttpResponse FindByExternalId(const SimOrg& org, const char* type, const RouteRequest& rq) {
  const std::string& key = rq.params.at("externalId");
  const Resource* r = org.FindBy(type, kByExternalId, key);
  if (!r) return ErrorAnswer(404, "not_found", std::string(type) + " with externalId \"" + key + "\" does not exist");
  return SimOrg::Ok(*r);
}

std::optional<HttpResponse> ReadMentions(const SimOrg& org, const Json& v, Json* out) {
  *out = Json::array();
  if (v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty())) return std::nullopt;
  const std::string base = "/userMentions";
  if (!v.is_array() && !v.is_string()) {
    return ErrorAnswer(400, "invalid", "userMentions must be an array of {\"user\": id} or {\"team\": id}", base);
  }
  Json list = v.is_array() ? v : Json::array();
  if (v.is_string()) {
    for (const std::string& id : IdsOf(v)) list.push_back(id);
  }
  auto first_id = [](const Json& x) {
    std::vector<std::string> ids = IdsOf(x);
    return ids.empty() ? std::string() : ids[0];
  };
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& m = list[i];
    const std::string ptr = PointerJoin(base, i);
    std::string user, team;
    if (m.is_string()) {
      const std::string& id = m.get_ref<const std::string&>();
      if (org.Get("user", id)) user = id;
      else if (org.Get("team", id)) team = id;
      else return ErrorAnswer(400, "unknown_user", "no user or team has id \"" + id + "\"", ptr);
    } else if (m.is_object()) {
      user = first_id(Member(m, "user"));
      team = first_id(Member(m, "team"));
      if (user.empty() && team.empty()) {
        return ErrorAnswer(400, "invalid", "a mention is {\"user\": \"<id>\"} or {\"team\": \"<id>\"}", ptr);
      }
      if (!user.empty() && !org.Get("user", user)) {
        return ErrorAnswer(400, "unknown_user", "user \"" + user + "\" does not exist", ptr);
      }
      if (user.empty() && !org.Get("team", team)) {
        return ErrorAnswer(400, "unknown_team", "team \"" + team + "\" does not exist", ptr);
      }
    } else {
      return ErrorAnswer(400, "invalid", "a mention is {\"user\": \"<id>\"} or {\"team\": \"<id>\"}", ptr);
    }
    Json mention = user.empty() ? Json::object({{"team", team}}) : Json::object({{"user", user}});
    if (std::find(out->begin(), out->end(), mention) == out->end()) out->push_back(std::move(mention));
  }
  return std::nullopt;
}

}  // namespace kws::messaging
