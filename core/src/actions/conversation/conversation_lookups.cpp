// actions/conversation/conversation_lookups.cpp -- Conversation: Lookup (By ID), Lookup (By
// External ID) and Lookup Body.

#include "actions/action_kit.h"
#include "actions/conversation/conversation_actions.h"
#include "kws/actions/context.h"

namespace kws::conversation_actions {

using namespace action_kit;

namespace {

constexpr const char* kConversationOutputHelp =
    "The conversation associated with the given conversation ID. For a full list of available attributes, visit "
    "your conversation Klass settings page.";

// Lookup Body joins the bodies with a blank line: readable in a note or an email, and a regex
// can still tell the messages apart.
constexpr const char* kBodySeparator = "\n\n";
constexpr int kPageSize = 1000;
constexpr int kMaxPages = 1000;  // 1,000,000 messages

Outcome LookupBody(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("conversation"));
  std::optional<std::string> direction = DirectionParam(ctx, "direction");
  if (!direction) {
    return Outcome::Fail(kParamInvalid, "direction must be In, Out or blank (all messages), got \"" + ctx.String("direction") + "\"",
                         "direction");
  }
  std::string body;
  bool first = true;
  for (int page = 1; page <= kMaxPages; ++page) {
    std::string path = "/v1/conversations/" + Seg(id) + "/messages?sort=desc&pageSize=" + std::to_string(kPageSize) +
                       "&page=" + std::to_string(page);
    if (!direction->empty()) path += "&direction=" + *direction;
    KWS_AWAIT(r, ctx.Api("GET", path));
    if (r.status() == 404) return Outcome::Empty();
    if (!r.ok()) return FailFromCall(r, "reading the messages of conversation \"" + id + "\"", "conversation");
    const Json& data = r.data();
    if (!data.is_array()) break;
    for (const Json& m : data) {
      Json flat = FlattenResource(m);
      std::string text = GetString(flat, "body");
      if (text.empty()) text = GetString(flat, "preview");
      if (text.empty()) continue;
      if (!first) body += kBodySeparator;
      body += text;
      first = false;
    }
    const Json* links = Find(r.response.json, "links");
    const Json* next = links ? Find(*links, "next") : nullptr;
    if (data.size() < static_cast<size_t>(kPageSize) || !next || next->is_null()) break;
  }
  return Outcome::Ok(Json::object({{"body", body}}));
}

}  // namespace

ActionDescriptor ConversationLookupById() {
  ActionDescriptor d = Descriptor("kustomer.conversation.find-by-id", "Conversation: Lookup (By ID)",
                                  "Finds a conversation with the given conversation ID");
  d.aliases = {"kustomer.conversation.find"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "Conversation ID", "conversation")};
  d.outputs = ConversationOutputs();
  d.output_object = "conversation";
  d.output_help = kConversationOutputHelp;
  d.handler = LookupByParam("id", "/v1/conversations/", "looking up conversation");
  return d;
}

ActionDescriptor ConversationLookupByExternalId() {
  ActionDescriptor d = Descriptor("kustomer.conversation.find-by-external-id", "Conversation: Lookup (By External ID)",
                                  "Finds a conversation with the given external ID");
  d.aliases = {"kustomer.conversation.find-by-external"};
  d.inputs = {In("externalId", FieldType::kString, true, "ExternalId",
                 "External ID of the conversation you'd like to find.")};
  d.outputs = ConversationOutputs();
  d.output_object = "conversation";
  d.output_help =
      "The conversation associated with the given external ID. For a full list of available attributes, visit your "
      "conversation Klass settings page.";
  d.handler =
      LookupByParam("externalId", "/v1/conversations/externalId=", "looking up the conversation with external ID");
  return d;
}

ActionDescriptor ConversationLookupBody() {
  ActionDescriptor d = Descriptor("kustomer.conversation.find-body", "Conversation: Lookup Body",
                                  "Finds the body of all messages in a given conversation");
  d.aliases = {"kustomer.conversation.lookup-body"};
  // Direction is listed with the seed's fields but "leaving it blank will output all messages":
  // it is optional here.
  d.inputs = {In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
              InEnum("direction", false, "Direction",
                     "(In/Out) Determines which message bodies are in the output. Selecting In will output inbound "
                     "messages. Leaving it blank will output all messages.",
                     {"", "in", "out", "In", "Out"})};
  d.outputs = {Out("body", FieldType::kText,
                   "A string of all included message bodies concatenated together, in reverse order from the time they "
                   "were created (newest first, separated by a blank line).",
                   "Body")};
  d.output_help =
      "Body: A string of all included message bodies concatenated together, in reverse order from the time they were "
      "created.";
  d.handler = LookupBody;
  return d;
}

}  // namespace kws::conversation_actions
