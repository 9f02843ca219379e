// routes_messaging.h -- internals shared by routes_conversations.cpp and routes_messages.cpp
// (private to mocks/src; may change).
//
// The conversation family's routes and the message/note/draft routes create the same things
// (a message on a conversation, a conversation for a customer) and validate bodies the same way;
// the shared pieces live here so both files answer alike. Every function answers client errors
// as JSON:API errors with a `source.pointer` naming the offending body member, never throws on
// user JSON and touches the org only through SimOrg::Create/Update (so events are emitted).
#pragma once

#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kws::messaging {

// ---- Answers -------------------------------------------------------------------------------------
// {"errors": [{"status", "code", "title", "source": {"pointer"}}]} with that status.
HttpResponse ErrorAnswer(int status, std::string_view code, std::string_view title, std::string_view pointer = "");

// ---- Reading bodies ------------------------------------------------------------------------------
// A request body as plain members: {"data": {"attributes", "relationships"}} and bare resources
// are folded into {"<attr>": ..., "<rel>": "<id>"}; plain objects are returned as they are.
// nullopt (and `*error` set) when the body is not an object.
std::optional<Json> PlainBody(const Json& body, std::string* error);

// j[key] without throwing: null when absent or `j` is not an object.
const Json& Member(const Json& j, std::string_view key);
// attributes of a resource (null when absent).
const Json& Attrs(const Resource& r);
bool IsDeleted(const Resource& r);

// A time given as ISO 8601 text or epoch milliseconds, as Kustomer stores it ("...T..Z").
std::optional<std::string> NormalizeTime(const Json& v);

// `custom` with Kustomer's typed suffixes checked and converted: ...Num -> number, ...Bool ->
// boolean, ...At -> ISO time, ...Str/Txt/Url/Tree -> string (numbers and booleans become
// text; numeric or true/false strings become numbers/booleans). null values are kept (they
// remove the attribute on update). Error: the pointer is `base` + "/<key>".
std::optional<Json> NormalizeCustom(const Json& custom, const std::string& base, std::optional<HttpResponse>* error);

// Ids from an array (strings or {"id"}) or a comma separated string.
std::vector<std::string> IdsOf(const Json& v);

// Tag ids for a list of tag ids or names (case-insensitive, via the tag index). A 24-hex value
// that is no tag's id nor name is kept as an id (Kustomer stores tag ids; orgs imported without
// their tags still work); any other unknown value is a 400 at `pointer`/<i>.
std::optional<std::vector<std::string>> ResolveTags(const SimOrg& org, const Json& tags, const std::string& pointer,
                                                    std::optional<HttpResponse>* error);

// ---- Messages ------------------------------------------------------------------------------------
// Kustomer's default app of a channel (email -> postmark, sms -> twilio, chat -> chat, ...).
std::string DefaultApp(std::string_view channel);

// A validated message body: the attributes to store and the customer it names ("" = none).
struct MessageInput {
  Json attributes = Json::object();
  std::string customer;
  std::string direction;
};
// Validates a message body (the channel send contract, docs/api/conversations.md). Returns a
// 400 answer in `*error` on the first problem.
std::optional<MessageInput> ReadMessageBody(const SimOrg& org, const Json& body, std::string_view default_direction,
                                            std::optional<HttpResponse>* error);

// Creates the message on a live conversation, updates the conversation's counters and
// last-message fields (one kustomer.conversation.update), and when `send` and the message is
// outbound records the outbox entry. 201 {data: message}; 404 for a missing or deleted
// conversation; 400 when the customer is not the conversation's.
HttpResponse AppendMessage(SimOrg& org, const std::string& conversation_id, MessageInput input, bool send);

// A new conversation for `customer` (conversation create defaults + `attributes`), emitting
// kustomer.conversation.create. Returns its id.
std::string CreateConversation(SimOrg& org, const std::string& customer, Json attributes, Json relationships = Json::object());

// Messages / notes of a conversation (or messages of a customer), live ones, ordered by
// createdAt (ties in creation order); `direction` "" = all. desc = newest first.
std::vector<const Resource*> MessagesOfConversation(const SimOrg& org, std::string_view conversation,
                                                    std::string_view direction, bool desc);
std::vector<const Resource*> MessagesOfCustomer(const SimOrg& org, std::string_view customer,
                                                std::string_view direction, bool desc);
std::vector<const Resource*> NotesOfConversation(const SimOrg& org, std::string_view conversation, bool desc);

// ---- Requests -----------------------------------------------------------------------------------
// True when the request comes from a workflow step (ActionContext::Api's x-kustomer-* headers).
bool FromWorkflow(const RouteRequest& rq);
// ?direction=in|out (also inbound/outbound) and ?sort=asc|desc; false + a 400 otherwise.
bool ReadListQuery(const RouteRequest& rq, std::string* direction, bool* desc, std::optional<HttpResponse>* err);
// GET .../externalId=:externalId through the externalId index of `type` (live resources only).
HttpResponse FindByExternalId(const SimOrg& org, const char* type, const RouteRequest& rq);
// userMentions of a note or note draft: [{user}|{team}] objects or bare ids (a user id, else a
// team id), normalized to objects without duplicates. A 400 at /userMentions/<i> for an
// unknown user or team.
std::optional<HttpResponse> ReadMentions(const SimOrg& org, const Json& v, Json* out);

// Index names (SimOrg::DefineIndex) this file family defines.
inline constexpr const char* kByExternalId = "externalId";
inline constexpr const char* kByConversation = "conversation";
inline constexpr const char* kByCustomer = "customer";
inline constexpr const char* kTagByName = "lowerName";

// Defines every index the conversation and message routes read (safe to call twice).
void DefineMessagingIndexes(SimOrg& org);

}  // namespace kws::messaging
