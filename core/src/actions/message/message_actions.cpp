// actions/message/message_actions.cpp -- Message Find By Conversation, Message: Create, Message:
// Lookup (By External ID), Message: Lookup (By ID), Message: Update, Customer: Lookup Last
// Message; and RegisterMessageActions.

#include "actions/action_kit.h"
#include "kws/actions/context.h"
#include "kws/actions/registry.h"

namespace kws {

namespace message_actions {

using namespace action_kit;

namespace {

constexpr const char* kByIdHelp =
    "The message associated with the given message ID. For a full list of available attributes visit the message "
    "Klass settings page.";

std::vector<FieldSpec> MessageFields() {
  return {
      In("body", FieldType::kText, false, "Body", "Text of the message"),
      In("preview", FieldType::kString, false, "Preview", "Preview text (defaults to the start of the body)"),
      In("subject", FieldType::kString, false, "Subject", "Subject (email)"),
      In("meta", FieldType::kObject, false, "Meta", "Channel details in JSON format: {\"from\", \"to\", \"cc\", \"bcc\", \"subject\"}"),
      In("status", FieldType::kString, false, "Status", "sent, received, error, ..."),
      In("sentAt", FieldType::kDate, false, "SentAt", "When the message was sent or received (ISO 8601)"),
      In("externalId", FieldType::kString, false, "ExternalId", "External ID of the message"),
      In("lang", FieldType::kString, false, "Lang", "Language of the message (en, es, ...)"),
      In("custom", FieldType::kObject, false, "Custom", "Custom attributes in JSON format, named with their type suffix"),
  };
}

std::optional<Outcome> AddMessageFields(const ActionContext& ctx, Json* body) {
  CopyPresent(ctx, {"body", "preview", "subject", "status", "sentAt", "externalId", "lang"}, body);
  for (const char* object : {"meta", "custom"}) {
    std::string error;
    std::optional<Json> v = ObjectParam(ctx, object, &error);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, object);
    if (v) (*body)[object] = std::move(*v);
  }
  return std::nullopt;
}

Outcome FindByConversation(ActionContext& ctx) {
  std::optional<std::string> direction = DirectionParam(ctx, "direction");
  if (!direction) return Outcome::Fail(kParamInvalid, "direction must be in, out or blank, got \"" + ctx.String("direction") + "\"", "direction");
  return ListConversationItems(ctx, "messages", direction->empty() ? "" : "direction=" + Seg(*direction));
}

Outcome Create(ActionContext& ctx) {
  Json body = Json::object();
  body["customer"] = Trim(ctx.String("customer"));
  body["app"] = Trim(ctx.String("app"));
  body["size"] = NumberOrAsGiven(ctx, "size");
  body["channel"] = Trim(ctx.String("channel"));
  CopyPresent(ctx, {"conversation", "direction"}, &body);
  if (auto fail = AddMessageFields(ctx, &body)) return *fail;
  KWS_AWAIT(r, ctx.Api("POST", "/v1/messages", body));
  return MutationOutcome(r, "creating a message for customer \"" + GetString(body, "customer") + "\"", "customer");
}

Outcome Update(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  Json body = Json::object();
  CopyPresent(ctx, {"direction"}, &body);
  if (auto fail = AddMessageFields(ctx, &body)) return *fail;
  KWS_AWAIT(r, ctx.Api("PUT", "/v1/messages/" + Seg(id), body));
  return MutationOutcome(r, "updating message \"" + id + "\"", "id");
}

}  // namespace

ActionDescriptor MessageFindByConversation() {
  ActionDescriptor d = Descriptor("kustomer.message.find-by-conversation", "Message Find By Conversation",
                                  "Finds all messages on the given conversation", /*inferred=*/true);
  d.aliases = {"kustomer.message.find-by-conversation-id", "kustomer.conversation.find-messages"};
  d.inputs = {In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
              InEnum("direction", false, "Direction", "Only inbound (in) or outbound (out) messages; blank = all",
                     {"", "in", "out"}),
              InEnum("sort", false, "Sort", "asc: oldest first (default); desc: newest first", {"asc", "desc"}),
              In("page", FieldType::kNumber, false, "Page", "Page number, from 1"),
              In("pageSize", FieldType::kNumber, false, "PageSize", "Messages per page (default 100, at most 1000)")};
  d.outputs = ListOutputs("messages");
  d.output_help = "A GET API response to the v1/conversationId/messages endpoint";
  d.handler = FindByConversation;
  return d;
}

ActionDescriptor MessageCreate() {
  ActionDescriptor d = Descriptor("kustomer.message.create", "Message: Create",
                                  "Creates a message in the UI. If no conversation is specified, a new conversation is "
                                  "created. (Does not send message to the customer)");
  d.inputs = {In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
              In("app", FieldType::kString, true, "App", "App used to create message (e.g. Postmark/Gmail/form)"),
              In("size", FieldType::kNumber, true, "Size", "Size of message, in most cases you can just input \"0\"."),
              In("channel", FieldType::kString, true, "Channel", "Channel of the message"),
              In("conversation", FieldType::kId, false, "Conversation",
                 "Conversation ID; leave blank to start a new conversation", "conversation"),
              InEnum("direction", false, "Direction", "in: from the customer (default); out: to the customer", {"in", "out"})};
  for (FieldSpec& f : MessageFields()) d.inputs.push_back(std::move(f));
  d.outputs = MessageOutputs();
  d.output_object = "message";
  d.output_help =
      "The created message. For a full list of available attributes, visit the message Klass settings page.";
  d.handler = Create;
  return d;
}

ActionDescriptor MessageLookupByExternalId() {
  ActionDescriptor d = Descriptor("kustomer.message.find-by-external", "Message: Lookup (By External ID)",
                                  "Finds a message with the given external ID");
  d.aliases = {"kustomer.message.find-by-external-id"};
  d.inputs = {In("identifier", FieldType::kString, true, "Identifier", "External ID")};
  d.outputs = MessageOutputs();
  d.output_object = "message";
  d.output_help =
      "The message associated with the given external ID. For a full list of available attributes, visit the message "
      "Klass settings page.";
  d.handler = LookupByParam("identifier", "/v1/messages/externalId=", "looking up the message with external ID");
  return d;
}

ActionDescriptor MessageLookupById() {
  ActionDescriptor d = Descriptor("kustomer.message.find-by-id", "Message: Lookup (By ID)",
                                  "Finds a message with the given message ID");
  d.aliases = {"kustomer.message.find"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "Message ID", "message")};
  d.outputs = MessageOutputs();
  d.output_object = "message";
  d.output_help = kByIdHelp;
  d.handler = LookupByParam("id", "/v1/messages/", "looking up message");
  return d;
}

ActionDescriptor MessageUpdate() {
  ActionDescriptor d = Descriptor("kustomer.message.update", "Message: Update",
                                  "Updates the given message with the data included in the Optional Fields");
  d.inputs = {In("id", FieldType::kId, true, "Id", "Message ID", "message"),
              InEnum("direction", false, "Direction", "in or out", {"in", "out"})};
  for (FieldSpec& f : MessageFields()) d.inputs.push_back(std::move(f));
  d.outputs = MessageOutputs();
  d.output_object = "message";
  d.output_help = kByIdHelp;
  d.handler = Update;
  return d;
}

ActionDescriptor CustomerLookupLastMessage() {
  ActionDescriptor d = Descriptor("kustomer.message.find-last", "Customer: Lookup Last Message",
                                  "Find the most recent inbound message from the customer");
  d.aliases = {"kustomer.customer.find-last-message"};
  d.inputs = {In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer")};
  d.outputs = MessageOutputs();
  d.output_object = "message";
  d.output_help =
      "The most recent inbound message from the given customer. For a full list of available attributes, visit the "
      "message Klass settings page.";
  d.handler = LookupByParam("customer", "/v1/customers/", "looking up the last message of customer",
                            "/messages?direction=in&sort=desc&pageSize=1");
  return d;
}

}  // namespace message_actions

void RegisterMessageActions(ActionRegistry& r) {
  using namespace message_actions;
  r.Add(MessageFindByConversation());
  r.Add(MessageCreate());
  r.Add(MessageLookupByExternalId());
  r.Add(MessageLookupById());
  r.Add(MessageUpdate());
  r.Add(CustomerLookupLastMessage());
}

}  // namespace kws
