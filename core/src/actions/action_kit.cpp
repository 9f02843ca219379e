// actions/action_kit.cpp -- see action_kit.h.

#include "actions/action_kit.h"

#include "kws/connectors/http.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace kws::action_kit {

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

ActionDescriptor Descriptor(std::string id, std::string display_name, std::string description, bool inferred) {
  ActionDescriptor d;
  d.id = std::move(id);
  d.id_inferred = inferred;
  d.app = "Kustomer";
  d.display_name = std::move(display_name);
  d.description = std::move(description);
  return d;
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

std::vector<FieldSpec> CustomerOutputs() {
  return {
      Out("id", FieldType::kId, "Customer ID"),
      Out("name", FieldType::kString, "Full name"),
      Out("displayName", FieldType::kString, "Name shown in the timeline"),
      Out("firstName", FieldType::kString, "First name"),
      Out("lastName", FieldType::kString, "Last name"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("emails", FieldType::kArray, "Emails: [{type, email, verified}]"),
      Out("phones", FieldType::kArray, "Phones: [{type, phone, verified}]"),
      Out("whatsapps", FieldType::kArray, "WhatsApp numbers: [{type, phone}]"),
      Out("socials", FieldType::kArray, "Social profiles: [{type, userid, username, url}]"),
      Out("locale", FieldType::kString, "Locale (en-US)"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("company", FieldType::kId, "Company ID"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the customer was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the customer was last updated"),
  };
}

std::vector<FieldSpec> CompanyOutputs() {
  return {
      Out("id", FieldType::kId, "Company ID"),
      Out("name", FieldType::kString, "Name of the company"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("emails", FieldType::kArray, "Emails: [{type, email}]"),
      Out("phones", FieldType::kArray, "Phones: [{type, phone}]"),
      Out("domains", FieldType::kArray, "Domains: [{domain}]"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the company was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the company was last updated"),
  };
}

std::vector<FieldSpec> KobjectOutputs() {
  return {
      Out("id", FieldType::kId, "KObject ID"),
      Out("title", FieldType::kString, "Title of the kObject"),
      Out("klassName", FieldType::kString, "Name of the klass"),
      Out("externalId", FieldType::kString, "External ID"),
      Out("description", FieldType::kString, "Description"),
      Out("data", FieldType::kObject, "Raw data of the kObject"),
      Out("custom", FieldType::kObject, "Custom attributes"),
      Out("tags", FieldType::kArray, "Tag IDs"),
      Out("klass", FieldType::kId, "Klass ID"),
      Out("customer", FieldType::kId, "Customer ID of the timeline the kObject is on"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the kObject was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the kObject was last updated"),
  };
}

std::vector<FieldSpec> KlassOutputs() {
  return {
      Out("id", FieldType::kId, "Klass ID"),
      Out("name", FieldType::kString, "Name of Klass"),
      Out("status", FieldType::kEnum, "Status of the Klass (enabled/disabled)."),
      Out("createdAt", FieldType::kDate, "Timestamp of when Klass was created."),
      Out("updatedAt", FieldType::kDate, "Timestamp of when Klass was last updated."),
      Out("org", FieldType::kId, "Org ID"),
  };
}

std::vector<FieldSpec> UserOutputs() {
  return {
      Out("id", FieldType::kId, "User ID"),
      Out("displayName", FieldType::kString, "User's display name"),
      Out("name", FieldType::kString, "User's name"),
      Out("userType", FieldType::kEnum, "Type of user (user/machine)"),
      Out("email", FieldType::kEmail, "User email"),
      Out("emailVerifiedAt", FieldType::kDate, "Timestamp of when the user verified their email"),
      Out("emailSignature", FieldType::kText, "User's email signature"),
      Out("createdAt", FieldType::kDate, "Timestamp of when the user was created"),
      Out("updatedAt", FieldType::kDate, "Timestamp of when the user was last updated"),
  };
}

//-------------------------------------------------------------------------------------------
// [SECTION] Requests
//-------------------------------------------------------------------------------------------

std::string Seg(std::string_view s) { return UrlEncode(s); }

bool IsSecretHeader(std::string_view name) {
  std::string k;
  for (char c : name) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k == "authorization" || k == "proxy-authorization" || k == "x-api-key" || k == "api-key" ||
         k == "x-auth-token" || k == "cookie";
}

Json RedactHeaders(const Json& headers) {
  Json out = Json::object();
  if (!headers.is_object()) return out;
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    out[it.key()] = IsSecretHeader(it.key()) ? Json("[redacted]") : it.value();
  }
  return out;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Answers
//-------------------------------------------------------------------------------------------

namespace {

// The first entry of a Kustomer error answer's `errors`, when it is an object.
const Json* FirstError(const CallResult& r) {
  const Json* errors = Find(r.response.json, "errors");
  if (!errors || !errors->is_array() || errors->empty() || !(*errors)[0].is_object()) return nullptr;
  return &(*errors)[0];
}

// "/assignedTeams/0" -> "assignedTeams" (unescaped), "" when none. Wording 1 maps the head
// through the action's PointerFields.
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

Outcome FlattenedData(const CallResult& r) {
  const Json& data = r.data();
  if (data.is_object()) return Outcome::Ok(FlattenResource(data));
  if (data.is_array() && !data.empty() && data[0].is_object()) return Outcome::Ok(FlattenResource(data[0]));
  return Outcome::Empty();
}

Json BodyOf(const HttpResponse& r) {
  if (!r.json.is_null()) return r.json;
  if (r.body.empty()) return "";
  if (std::optional<Json> parsed = ParseJson(r.body)) return *parsed;
  return r.body;
}

Json ResponseJson(const HttpResponse& r) {
  Json out = Json::object();
  out["statusCode"] = r.status;
  out["headers"] = r.headers.is_object() ? r.headers : Json::object();
  out["body"] = BodyOf(r);
  return out;
}

Json FlattenAll(const Json& data) {
  Json out = Json::array();
  if (data.is_array()) {
    for (const Json& r : data) out.push_back(FlattenResource(r));
  } else if (data.is_object()) {
    out.push_back(FlattenResource(data));
  }
  return out;
}

std::string OutputType(std::string_view type) {
  std::string out(type);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

// ---- Wording 1: conversations & messages ----

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

Outcome LookupOutcome(const CallResult& r, std::string_view what, std::string_view field) {
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromCall(r, what, field);
  return FlattenedData(r);
}

Outcome MutationOutcome(const CallResult& r, std::string_view what, std::string_view default_field,
                        PointerFields pointer_fields) {
  if (!r.ok()) return FailFromCall(r, what, default_field, pointer_fields);
  if (!r.data().is_object()) {
    return Outcome::Fail(kApiError, std::string(what) + ": the answer holds no object (" + r.Describe() + ")");
  }
  return FlattenedData(r);
}

// ---- Wording 2: people & objects ----

std::string ErrorCode(const CallResult& r) {
  const Json* e = FirstError(r);
  return e ? GetString(*e, "code") : std::string();
}

std::string PointerField(const CallResult& r) {
  const Json* e = FirstError(r);
  if (!e) return "";
  const Json* source = Find(*e, "source");
  if (!source) return "";
  std::string pointer = GetString(*source, "pointer");
  if (pointer.empty()) return GetString(*source, "parameter");
  size_t start = pointer[0] == '/' ? 1 : 0;
  // JSON:API bodies: /data/attributes/<field>/...
  for (const char* prefix : {"data/attributes/", "data/relationships/", "data/"}) {
    std::string_view p(prefix);
    if (pointer.compare(start, p.size(), p) == 0) {
      start += p.size();
      break;
    }
  }
  size_t end = pointer.find('/', start);
  return pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Outcome LookupOutcome(const CallResult& r, std::string_view what) {
  if (r.ok()) return FlattenedData(r);
  if (r.status() == 404) return Outcome::Empty();
  if (r.status() == 0) return Outcome::Fail(kTransport, std::string(what) + " failed: " + r.Describe());
  return Outcome::Fail(kApiError, std::string(what) + " failed: " + r.Describe(), PointerField(r));
}

Outcome FailFromAnswer(const CallResult& r, std::string_view what, std::string_view not_found_message,
                       std::string_view not_found_field) {
  const std::string summary = r.Describe();
  switch (r.status()) {
    case 0:
      return Outcome::Fail(kTransport, std::string(what) + " failed: " + summary);
    case 404:
      return Outcome::Fail(kNotFound, std::string(not_found_message) + " (" + summary + ")",
                           std::string(not_found_field));
    case 400:
    case 422:
      return Outcome::Fail(kBadRequest, std::string(what) + " was rejected: " + summary, PointerField(r));
    case 409:
      return Outcome::Fail(kConflict, std::string(what) + " was rejected: " + summary, PointerField(r));
    default:
      return Outcome::Fail(kApiError, std::string(what) + " failed: " + summary, PointerField(r));
  }
}

Outcome MutationOrNotFound(const CallResult& r, std::string_view what, std::string_view not_found_message,
                           std::string_view not_found_field) {
  if (r.ok()) {
    const Json& data = r.data();
    return Outcome::Ok(data.is_object() ? FlattenResource(data) : Json::object());
  }
  return FailFromAnswer(r, what, not_found_message, not_found_field);
}

// ---- Wording 3: channels, AI, routing, utility and scheduler ----

Outcome FailFromApi(const CallResult& r, std::string_view what, std::string_view field) {
  const int status = r.status();
  std::string describe = r.Describe();
  if (status == 0) return Outcome::Fail(kTransport, std::string(what) + ": " + describe, std::string(field));
  if (status == 404) {
    return Outcome::Fail(kNotFound, std::string(what) + " does not exist (" + describe + ")", std::string(field));
  }
  if (status == 400 || status == 422) {
    return Outcome::Fail(kBadRequest, std::string(what) + " was rejected (" + describe + ")", std::string(field));
  }
  return Outcome::Fail(kApiError, std::string(what) + " failed (" + describe + ")", std::string(field));
}

//-------------------------------------------------------------------------------------------
// [SECTION] Lookup handlers
//-------------------------------------------------------------------------------------------

ActionHandler LookupByParam(std::string param, std::string path_prefix, std::string what, std::string path_suffix) {
  return [param, path_prefix, what, path_suffix](ActionContext& ctx) -> Outcome {
    const std::string value = Trim(ctx.String(param));
    KWS_AWAIT(r, ctx.Api("GET", path_prefix + Seg(value) + path_suffix));
    return LookupOutcome(r, what + " \"" + value + "\"", param);
  };
}

ActionHandler LookupByParamOrEmpty(std::string param, std::string path_prefix, std::string what) {
  return [param, path_prefix, what](ActionContext& ctx) -> Outcome {
    const std::string value = Trim(ctx.String(param));
    if (value.empty()) return Outcome::Empty();
    KWS_AWAIT(r, ctx.Api("GET", path_prefix + Seg(value)));
    return LookupOutcome(r, what);
  };
}

Outcome ListConversationItems(ActionContext& ctx, std::string_view items, std::string query) {
  const std::string id = Trim(ctx.String("conversation"));
  std::string sort = Trim(ctx.String("sort"));
  if (!sort.empty() && sort != "asc" && sort != "desc") {
    return Outcome::Fail(kParamInvalid, "sort must be asc (oldest first) or desc (newest first), got \"" + sort + "\"", "sort");
  }
  auto add = [&](const std::string& k, const std::string& v) { query += (query.empty() ? "" : "&") + k + "=" + Seg(v); };
  if (!sort.empty()) add("sort", sort);
  if (ctx.Has("page")) add("page", ctx.String("page"));
  if (ctx.Has("pageSize")) add("pageSize", ctx.String("pageSize"));
  KWS_AWAIT(r, ctx.Api("GET", "/v1/conversations/" + Seg(id) + "/" + std::string(items) + (query.empty() ? "" : "?" + query)));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromCall(r, "listing the " + std::string(items) + " of conversation \"" + id + "\"", "conversation");
  return Outcome::Ok(r.response.json.is_object() ? r.response.json : Json::object());
}

//-------------------------------------------------------------------------------------------
// [SECTION] Params
//-------------------------------------------------------------------------------------------

namespace {

// JSON text of an object param. Kustomer's builder (and the seed's own examples) let users
// write the members without braces: "a": 1, "b": 2. Only text starting with a member name can
// parse once wrapped, so the retry never turns other text into an object. `*error` is the first
// parse's error.
std::optional<Json> ParseObjectText(const std::string& text, std::string* error) {
  std::optional<Json> parsed = ParseJson(text, error);
  if (!parsed && !text.empty() && text.front() == '"') parsed = ParseJson("{" + text + "}");
  return parsed;
}

}  // namespace

std::optional<Json> ObjectParam(const ActionContext& ctx, std::string_view name, std::string* error,
                                ObjectWording wording) {
  // Not given: the mutations leave the member out; the utility actions read {} (no extra inputs).
  const std::optional<Json> not_given =
      wording == ObjectWording::kBare ? std::optional<Json>(Json::object()) : std::nullopt;
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return not_given;
  if (v->is_object()) return *v;
  const std::string n(name);
  if (!v->is_string()) {
    if (!error) return std::nullopt;
    switch (wording) {
      case ObjectWording::kNamed:
        *error = n + " must be a JSON object, got " + Dump(*v);
        break;
      case ObjectWording::kQuoted:
        *error = "\"" + n + "\" expects a JSON object, got " + Dump(*v);
        break;
      case ObjectWording::kBare:
        *error = std::string("expected a JSON object, got ") +
                 (v->is_array() ? "an array" : v->is_number() ? "a number" : v->is_boolean() ? "a boolean" : "a value");
        break;
    }
    return std::nullopt;
  }
  const std::string text = Trim(v->get_ref<const std::string&>());
  if (text.empty()) return not_given;
  std::string parse_error;
  std::optional<Json> parsed = ParseObjectText(text, &parse_error);
  if (parsed && parsed->is_object()) return parsed;
  if (!error) return std::nullopt;
  switch (wording) {
    case ObjectWording::kNamed:
      *error = n + " must be a JSON object" + (parsed ? "" : " (" + parse_error + ")");
      break;
    case ObjectWording::kQuoted:
      *error = "\"" + n + "\" expects a JSON object such as {\"key\": \"value\"}, got " +
               (parsed ? "JSON that is not an object" : "text that is not JSON") + ": " +
               (text.size() > 80 ? text.substr(0, 80) + "..." : text);
      break;
    case ObjectWording::kBare:
      *error = parsed ? "expected a JSON object, got JSON of another kind: " + Dump(*parsed).substr(0, 80)
                      : "expected a JSON object, but the text is not JSON (" + parse_error + ")";
      break;
  }
  return std::nullopt;
}

std::optional<Json> ArrayParam(const ActionContext& ctx, std::string_view name, bool allow_scalar,
                               std::string* error) {
  const Json* v = ctx.Param(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_array()) return *v;
  if (v->is_string()) {
    std::string text = Trim(v->get_ref<const std::string&>());
    if (text.empty()) return std::nullopt;
    if (text.front() == '[') {
      std::optional<Json> parsed = ParseJson(text);
      if (parsed && parsed->is_array()) return parsed;
    }
    if (allow_scalar) return Json::array({text});
  } else if (allow_scalar && (v->is_number() || v->is_object())) {
    return Json::array({*v});
  }
  if (error) *error = "\"" + std::string(name) + "\" expects a JSON array, got " + Dump(*v);
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

void CopyPresent(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body) {
  for (const char* n : names) {
    if (ctx.Has(n)) (*body)[n] = *ctx.Param(n);
  }
}

void CopyScalars(const ActionContext& ctx, std::initializer_list<const char*> names, Json* body) {
  for (const char* n : names) {
    const Json* v = ctx.Param(n);
    if (!v || v->is_null()) continue;
    if (v->is_string() && v->get_ref<const std::string&>().empty()) continue;
    (*body)[n] = *v;
  }
}

namespace {

// Splits "a, b; c" into trimmed parts.
std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(",;", start);
    if (end == std::string_view::npos) end = s.size();
    std::string part = Trim(s.substr(start, end - start));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

// Items of a list param: an array, JSON text of an array, or a comma separated string.
std::vector<Json> ListItems(const Json& v) {
  std::vector<Json> out;
  if (v.is_array()) {
    for (const Json& e : v) out.push_back(e);
  } else if (v.is_string()) {
    std::string text = Trim(v.get_ref<const std::string&>());
    if (!text.empty() && text.front() == '[') {
      if (std::optional<Json> parsed = ParseJson(text); parsed && parsed->is_array()) {
        for (const Json& e : *parsed) out.push_back(e);
        return out;
      }
    }
    for (std::string& s : SplitList(text)) out.emplace_back(std::move(s));
  } else if (v.is_object() || v.is_number()) {
    out.push_back(v);
  }
  return out;
}

// Builds [{type, <key>: value}] entries from strings or objects, validating each value.
// Returns a failed Outcome when an entry is invalid.
std::optional<Outcome> ContactList(const Json& v, const char* field, const char* key, const char* default_type,
                                   bool (*valid)(std::string_view), const char* code, const char* what,
                                   Json* out) {
  for (const Json& e : ListItems(v)) {
    Json entry = Json::object();
    std::string value;
    if (e.is_object()) {
      entry = e;
      value = Trim(GetString(e, key));
      if (value.empty()) {
        return Outcome::Fail(kParamInvalid,
                             "\"" + std::string(field) + "\" entries need a \"" + key + "\", got " + Dump(e), field);
      }
      entry[key] = value;
      if (!entry.contains("type") && default_type) entry["type"] = default_type;
    } else if (e.is_string() || e.is_number()) {
      value = Trim(ToText(e));
      if (value.empty()) continue;
      if (default_type) entry["type"] = default_type;
      entry[key] = value;
    } else {
      return Outcome::Fail(kParamInvalid, "\"" + std::string(field) + "\" entries must be text or objects, got " + Dump(e),
                           field);
    }
    if (valid && !valid(value)) {
      return Outcome::Fail(code, "\"" + value + "\" is not a valid " + what + " (in \"" + field + "\")", field);
    }
    out->push_back(std::move(entry));
  }
  return std::nullopt;
}

bool ValidEmailFn(std::string_view s) { return IsValidEmail(s); }
bool ValidPhoneFn(std::string_view s) { return IsPlausiblePhone(s); }

}  // namespace

std::optional<Outcome> AddContactFields(const ActionContext& ctx, bool single_shorthands, Json* body) {
  Json& b = *body;
  // Emails and phones: the list params, then the singular shorthands appended.
  if (const Json* v = ctx.Param("emails"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "emails", "email", "home", ValidEmailFn, kEmailInvalid, "email address", &list)) return f;
    b["emails"] = std::move(list);
  }
  if (single_shorthands && ctx.Has("email")) {
    std::string email = Trim(ctx.String("email"));
    if (!IsValidEmail(email)) {
      return Outcome::Fail(kEmailInvalid, "\"" + email + "\" is not a valid email address", "email");
    }
    if (!b.contains("emails")) b["emails"] = Json::array();
    bool present = false;
    for (const Json& e : b["emails"]) present = present || GetString(e, "email") == email;
    if (!present) b["emails"].push_back(Json::object({{"type", "home"}, {"email", email}}));
  }
  if (const Json* v = ctx.Param("phones"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "phones", "phone", "mobile", ValidPhoneFn, kPhoneInvalid, "phone number", &list)) return f;
    b["phones"] = std::move(list);
  }
  if (single_shorthands && ctx.Has("phone")) {
    std::string phone = Trim(ctx.String("phone"));
    if (!IsPlausiblePhone(phone)) {
      return Outcome::Fail(kPhoneInvalid,
                           "\"" + phone + "\" is not a plausible phone number (expected 7 to 15 digits, e.g. +14155550101)",
                           "phone");
    }
    if (!b.contains("phones")) b["phones"] = Json::array();
    b["phones"].push_back(Json::object({{"type", "mobile"}, {"phone", phone}}));
  }
  if (single_shorthands && ctx.Has("whatsapp")) {
    std::string wa = Trim(ctx.String("whatsapp"));
    std::string digits = PhoneDigits(wa);
    if (digits.size() < 7 || digits.size() > 15) {
      return Outcome::Fail(kPhoneInvalid, "\"" + wa + "\" is not a plausible WhatsApp number (e.g. +14155550101)",
                           "whatsapp");
    }
    b["whatsapps"] = Json::array({Json::object({{"type", "mobile"}, {"phone", "whatsapp:+" + digits}})});
  }
  if (const Json* v = ctx.Param("urls"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "urls", "url", "website", nullptr, kParamInvalid, "URL", &list)) return f;
    b["urls"] = std::move(list);
  }
  if (const Json* v = ctx.Param("domains"); v && !v->is_null()) {
    Json list = Json::array();
    if (auto f = ContactList(*v, "domains", "domain", nullptr, nullptr, kParamInvalid, "domain", &list)) return f;
    b["domains"] = std::move(list);
  }
  for (const char* key : {"socials", "locations"}) {
    std::string error;
    std::optional<Json> list = ArrayParam(ctx, key, true, &error);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, key);
    if (!list) continue;
    for (const Json& e : *list) {
      if (!e.is_object()) {
        return Outcome::Fail(kParamInvalid, "\"" + std::string(key) + "\" expects an array of objects, got " + Dump(e), key);
      }
    }
    b[key] = std::move(*list);
  }
  if (ctx.Param("tags") && !ctx.Param("tags")->is_null()) {
    Json tags = Json::array();
    for (const std::string& t : ctx.IdList("tags")) tags.push_back(t);
    b["tags"] = std::move(tags);
  }
  {
    std::string error;
    std::optional<Json> custom = ObjectParam(ctx, "custom", &error, ObjectWording::kQuoted);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "custom");
    if (custom) b["custom"] = std::move(*custom);
  }
  if (ctx.Has("company")) {
    std::vector<std::string> ids = ctx.IdList("company");
    if (ids.size() != 1) {
      return Outcome::Fail(kParamInvalid, "\"company\" expects one company ID, got " + Dump(*ctx.Param("company")),
                           "company");
    }
    b["company"] = ids[0];
  }
  return std::nullopt;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Validation
//-------------------------------------------------------------------------------------------

bool IsValidEmail(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  if (local.size() > 64 || domain.empty()) return false;
  for (char c : email) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == ':' || c == '\\' || c == '"' || c == '[' || c == ']') {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  // Domain: labels of [A-Za-z0-9-] (and UTF-8 for IDNs), at least two, no empty label, the
  // last one not all digits.
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!(std::isalnum(u) || c == '-' || u >= 0x80)) return false;
    }
    start = end + 1;
  }
  std::string_view tld = domain.substr(dot + 1);
  bool all_digits = true;
  for (char c : tld) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  return !all_digits && tld.size() >= 2;
}

bool IsPlausiblePhone(std::string_view phone) {
  std::string digits = PhoneDigits(phone);
  return digits.size() >= 7 && digits.size() <= 15;
}

bool IsEmail(std::string_view s) {
  // Pragmatic check (what Kustomer's forms accept): one '@', a non-empty local part without
  // spaces, a domain with a dot, no empty labels, no spaces or angle brackets anywhere.
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || u < 0x20) return false;
  }
  std::string_view domain = s.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos) return false;
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) return false;
  if (domain.front() == '-') return false;
  return true;
}

namespace {

std::string AddressOf(std::string_view entry) {
  std::string t = Trim(entry);
  size_t lt = t.rfind('<');
  size_t gt = t.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return Trim(std::string_view(t).substr(lt + 1, gt - lt - 1));
  return t;
}

void SplitAddresses(std::string_view s, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(",;", start);
    if (end == std::string_view::npos) end = s.size();
    std::string a = AddressOf(s.substr(start, end - start));
    if (!a.empty()) out->push_back(std::move(a));
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string> EmailList(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    std::string t = Trim(s);
    // A JSON array written as text ("[\"a@b.c\"]") is what a template of an array renders to.
    if (!t.empty() && t.front() == '[') {
      if (std::optional<Json> parsed = ParseJson(t); parsed && parsed->is_array()) return EmailList(*parsed);
    }
    SplitAddresses(s, &out);
  } else if (v.is_array()) {
    for (const Json& e : v) {
      if (e.is_string()) SplitAddresses(e.get_ref<const std::string&>(), &out);
      else if (e.is_object()) {
        std::string a = AddressOf(GetString(e, "email"));
        if (!a.empty()) out.push_back(std::move(a));
      }
    }
  } else if (v.is_object()) {
    std::string a = AddressOf(GetString(v, "email"));
    if (!a.empty()) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace kws::action_kit
