// actions/conversation/messaging_util.cpp -- see messaging_util.h.

#include "actions/conversation/messaging_util.h"

#include "kws/connectors/http.h"

#include <cctype>
#include <cstdlib>

namespace kws::messaging_actions {

//-------------------------------------------------------------------------------------------
// [SECTION] Descriptor building
//-------------------------------------------------------------------------------------------

FieldSpec In(std::string name, FieldType type, bool required, std::string label, std::string help,
             std::string object_type) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  f.required = required;
  f.label = std::move(label);
  f.help = std::move(help);
  f.object_type = std::move(object_type);
  return f;
}

FieldSpec InEnum(std::string name, bool required, std::string label, std::string help,
                 std::vector<std::string> choices) {
  FieldSpec f = In(std::move(name), FieldType::kEnum, required, std::move(label), std::move(help));
  f.choices = std::move(choices);
  return f;
}

FieldSpec Out(std::string name, FieldType type, std::string help, std::string label) {
  FieldSpec f;
  f.label = label.empty() ? name : std::move(label);
  f.name = std::move(name);
  f.type = type;
  f.help = std::move(help);
  return f;
}

std::vector<FieldSpec> ConversationOutputs() {
  return {
      Out("id", FieldType::kId, "Conversation ID"),
      Out("name", FieldType::kString, "Name (subject) of the conversation"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("status", FieldType::kString, "open, snoozed or done"),
      Out("priority", FieldType::kNumber, "Priority, 1 (lowest) to 5 (highest)"),
      Out("direction", FieldType::kString, "in or out: who started the conversation"),
      Out("channels", FieldType::kArray, "Channels used on the conversation (chat, email, sms, ...)"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("assignedUsers", FieldType::kArray, "IDs of the assigned users"),
      Out("assignedTeams", FieldType::kArray, "IDs of the assigned teams"),
      Out("messageCount", FieldType::kNumber, "Number of messages"),
      Out("inboundMessageCount", FieldType::kNumber, "Number of inbound messages"),
      Out("outboundMessageCount", FieldType::kNumber, "Number of outbound messages"),
      Out("noteCount", FieldType::kNumber, "Number of notes"),
      Out("preview", FieldType::kString, "Preview of the last message"),
      Out("lastMessageIn", FieldType::kObject, "Last inbound message: {id, sentAt, channel}"),
      Out("lastMessageOut", FieldType::kObject, "Last outbound message: {id, sentAt, channel}"),
      Out("lastMessageAt", FieldType::kDate, "Timestamp of the last message"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("customer", FieldType::kId, "Customer ID"),
      Out("queue", FieldType::kId, "Queue ID"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the conversation was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the conversation was last updated"),
  };
}

std::vector<FieldSpec> MessageOutputs() {
  return {
      Out("id", FieldType::kId, "Message ID"),
      Out("channel", FieldType::kString, "Channel (email, sms, chat, ...)"),
      Out("app", FieldType::kString, "App that created the message (postmark, gmail, chat, ...)"),
      Out("direction", FieldType::kString, "in (from the customer) or out (to the customer)"),
      Out("preview", FieldType::kString, "Preview of the message text"),
      Out("body", FieldType::kText, "Text of the message"),
      Out("subject", FieldType::kString, "Subject (email)"),
      Out("meta", FieldType::kObject, "Channel details: {from, to, cc, bcc, subject}"),
      Out("size", FieldType::kNumber, "Size of the message"),
      Out("status", FieldType::kString, "sent, received, error, ..."),
      Out("sentAt", FieldType::kDate, "Timestamp of when the message was sent or received"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("conversation", FieldType::kId, "Conversation ID"),
      Out("customer", FieldType::kId, "Customer ID"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the message was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the message was last updated"),
  };
}

std::vector<FieldSpec> NoteOutputs() {
  return {
      Out("id", FieldType::kId, "Note ID", "ID"),
      Out("body", FieldType::kText, "Text included in the note", "Body"),
      Out("createdAt", FieldType::kDate, "Timestamp of when note was created", "CreatedAt"),
      Out("updatedAt", FieldType::kDate,
          "Timestamp of when note was updated (In most cases this will be the same as CreatedAt)", "UpdatedAt"),
      Out("customer", FieldType::kId, "Customer ID of customer associated with the given conversation", "Customer"),
      Out("conversation", FieldType::kId, "Conversation ID of conversation the note was created on", "Conversation"),
      Out("userMentions", FieldType::kArray, "Array of UserId's mentioned on the note ({\"user\": id} or {\"team\": id})",
          "UserMentions"),
  };
}

std::vector<FieldSpec> DraftOutputs() {
  return {
      Out("id", FieldType::kId, "Draft ID", "Id"),
      Out("type", FieldType::kString, "Type of object (will say draft)", "Type"),
      Out("channel", FieldType::kString, "Draft channel (will say Note)", "Channel"),
      Out("status", FieldType::kString, "Status of the draft (will say draft)", "Status"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the draft was created", "CreatedAt"),
      Out("updatedAt", FieldType::kDate,
          "Timestamp of when the draft was updated (In most cases this will be the same as the createdAt value).",
          "UpdatedAt"),
      Out("modifiedAt", FieldType::kDate,
          "Timestamp of when the draft was modified (In most cases this will be the same as the createdAt value).",
          "ModifiedAt"),
      Out("org", FieldType::kId, "Org ID", "Org"),
      Out("customer", FieldType::kId, "Customer ID", "Customer"),
  };
}

std::vector<FieldSpec> ListOutputs(std::string_view what) {
  return {
      Out("data", FieldType::kArray, "The " + std::string(what) + " as JSON:API resources ({type, id, attributes, relationships})"),
      Out("meta", FieldType::kObject, "Paging: {page, pageSize, total}"),
      Out("links", FieldType::kObject, "Paging links: {self, first, prev, next}"),
  };
}

ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description, bool inferred) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.id_inferred = inferred;
  d.app = "Kustomer";
  d.display_name = std::move(display_name);
  d.description = std::move(description);
  return d;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Requests
//-------------------------------------------------------------------------------------------

std::string Seg(std::string_view s) { return UrlEncode(s); }

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

//-------------------------------------------------------------------------------------------
// [SECTION] Answers
//-------------------------------------------------------------------------------------------

namespace {

const Json* FirstError(const CallResult& r) {
  const Json* errors = Find(r.response.json, "errors");
  if (!errors || !errors->is_array() || errors->empty() || !(*errors)[0].is_object()) return nullptr;
  return &(*errors)[0];
}

// "/assignedTeams/0" -> "assignedTeams" (unescaped), "" when none.
std::string PointerHead(const CallResult& r) {
  const Json* e = FirstError(r);
  if (!e) return "";
  const Json* source = Find(*e, "source");
  std::string ptr = source ? GetString(*source, "pointer") : std::string();
  if (ptr.size() < 2 || ptr[0] != '/') return "";
  size_t end = ptr.find('/', 1);
  std::string head = ptr.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  std::string out;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '~' && i + 1 < head.size() && (head[i + 1] == '0' || head[i + 1] == '1')) {
      out += head[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += head[i];
    }
  }
  return out;
}

}  // namespace

Outcome FailFromCall(const CallResult& r, std::string_view what, std::string_view default_field,
                     PointerFields pointer_fields) {
  std::string field(default_field);
  std::string head = PointerHead(r);
  if (!head.empty()) {
    field = head;
    for (const auto& [ptr, param] : pointer_fields) {
      if (head == ptr) field = param;
    }
  }
  std::string detail;
  if (const Json* e = FirstError(r)) {
    detail = GetString(*e, "detail");
    if (detail.empty()) detail = GetString(*e, "title");
  }
  if (detail.empty()) detail = r.Describe();
  const std::string message = std::string(what) + ": " + detail;
  const int s = r.status();
  const char* code = s == 0                 ? kTransport
                     : s == 404             ? kNotFound
                     : s == 400 || s == 422 ? kBadRequest
                     : s == 403             ? kForbidden
                     : s == 409             ? kConflict
                                            : kApiError;
  return Outcome::Fail(code, message, field);
}

namespace {

Outcome Flattened(const CallResult& r) {
  const Json& data = r.data();
  if (data.is_object()) return Outcome::Ok(FlattenResource(data));
  if (data.is_array()) {
    if (!data.empty() && data[0].is_object()) return Outcome::Ok(FlattenResource(data[0]));
    return Outcome::Empty();
  }
  return Outcome::Empty();
}

}  // namespace

Outcome LookupOutcome(const CallResult& r, std::string_view what, std::string_view field) {
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromCall(r, what, field);
  return Flattened(r);
}

Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view default_field,
                        PointerFields pointer_fields) {
  if (!r.ok()) return FailFromCall(r, what, default_field, pointer_fields);
  if (!r.data().is_object()) {
    return Outcome::Fail(kApiError, std::string(what) + ": the answer holds no object (" + r.Describe() + ")");
  }
  return Flattened(r);
}

//-------------------------------------------------------------------------------------------
// [SECTION] Params
//-------------------------------------------------------------------------------------------

std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null() || (v->is_string() && Trim(v->get_ref<const std::string&>()).empty())) return std::nullopt;
  if (v->is_object()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    std::string perr;
    std::optional<Json> parsed = ParseJson(text, &perr);
    if (!parsed && text.front() != '{') parsed = ParseJson("{" + text + "}", nullptr);  // builder style "a": 1
    if (parsed && parsed->is_object()) return parsed;
    *error = std::string(name) + " must be a JSON object" + (parsed ? "" : " (" + perr + ")");
    return std::nullopt;
  }
  *error = std::string(name) + " must be a JSON object, got " + Dump(*v);
  return std::nullopt;
}

Json ListParam(const ActionContext& ctx, std::string_view name) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return Json::array();
  if (v->is_array()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    if (text.empty()) return Json::array();
    if (text.front() == '[') {
      if (std::optional<Json> parsed = ParseJson(text); parsed && parsed->is_array()) return *parsed;
    }
    Json out = Json::array();
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      std::string item = Trim(std::string_view(text).substr(start, comma - start));
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
    return out;
  }
  return Json::array({*v});
}

std::optional<std::string> DirectionParam(const ActionContext& ctx, std::string_view name) {
  std::string d = Trim(ctx.String(name));
  for (char& c : d) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (d.empty() || d == "all" || d == "any") return std::string();
  if (d == "in" || d == "inbound") return std::string("in");
  if (d == "out" || d == "outbound") return std::string("out");
  return std::nullopt;
}

void CopyPresent(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body) {
  for (const char* n : names) {
    if (ctx.Has(n)) (*body)[n] = *ctx.Param(n);
  }
}

Json NumberOrAsGiven(const ActionContext& ctx, std::string_view name) {
  const Json* v = ctx.Param(name);
  if (!v) return Json();
  if (v->is_string()) {
    std::string t = Trim(v->get_ref<const std::string&>());
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    if (!t.empty() && end && *end == '\0') {
      if (static_cast<double>(static_cast<int64_t>(d)) == d) return static_cast<int64_t>(d);
      return d;
    }
  }
  return *v;
}

}  // namespace kws::messaging_actions
