// actions/channels/chat.cpp -- Chat: Message Send.

#include "actions/action_kit.h"
#include "actions/channels/channels.h"

namespace kws::channels {

using namespace action_kit;

namespace {

Outcome RunChatMessageSend(ActionContext& ctx) {
  const std::string customer = ctx.String("customer");
  const std::string conversation = ctx.String("conversation");
  const std::string body = ctx.String("body");
  Json message = Json::object();
  message["channel"] = "chat";
  message["app"] = "chat";
  message["direction"] = "out";
  message["preview"] = Utf8Prefix(body, 200);
  message["body"] = body;
  if (ctx.Has("externalId")) message["externalId"] = ctx.String("externalId");
  Json created;
  if (std::optional<Outcome> failed = SendOnConversation(ctx, conversation, customer, std::move(message), &created)) {
    return *failed;
  }
  Json flat = FlattenResource(created);
  Json out = Json::object();
  const Json* sent_body = Find(flat, "body");
  out["body"] = sent_body && !sent_body->is_null() ? *sent_body : Json(body);
  AddMessageOutputs(flat, &out);
  // Seed order: Body, Conversation, CreatedAt, Id, ModifiedAt, SendAt, Status, UpdatedAt.
  Json ordered = Json::object();
  for (const char* k : {"body", "conversation", "createdAt", "id", "modifiedAt", "sendAt", "status", "updatedAt"}) {
    ordered[k] = out[k];
  }
  return Outcome::Ok(std::move(ordered));
}

}  // namespace

ActionDescriptor ChatMessageSend() {
  ActionDescriptor d;
  d.id = "kustomer.app.chat.message.send";
  d.id_inferred = true;
  d.aliases = {"kustomer.chat.message.send", "kustomer.app.chat.send-message"};
  d.app = "Chat";
  d.app_version = "chat-^1.0.0";
  d.display_name = "Message Send";
  d.description = "Sends a chat message";
  d.inputs = {
      In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
      In("body", FieldType::kText, true, "Body", "The message you'd like to send."),
      In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
      In("externalId", FieldType::kString, false, "ExternalId", "An external id to store on the message."),
  };
  d.outputs = {
      Out("body", FieldType::kText, "The message inputed in the Message Send step.", "Body"),
      Out("conversation", FieldType::kId, "The ID of the conversation.", "Conversation"),
      Out("createdAt", FieldType::kDate, "Timestamp of when message was created.", "CreatedAt"),
      Out("id", FieldType::kId, "The ID of the created Message.", "Id"),
      Out("modifiedAt", FieldType::kDate,
          "Timestamp of when the message was modified (In most cases this will be the same as the CreatedAt output value).",
          "ModifiedAt"),
      Out("sendAt", FieldType::kDate,
          "Timestamp of when the message should be sent. (In most cases this will be the same as the CreatedAt output value).",
          "SendAt"),
      Out("status", FieldType::kString, "The status of the message.", "Status"),
      Out("updatedAt", FieldType::kDate,
          "Timestamp of when the message was updated (In most cases this will be the same as the CreatedAt output value).",
          "UpdatedAt"),
  };
  d.output_help =
      "Body: The message inputed in the Message Send step. Conversation: The ID of the conversation. CreatedAt: Timestamp of "
      "when message was created. Id: The ID of the created Message. ModifiedAt: Timestamp of when the message was modified "
      "(In most cases this will be the same as the CreatedAt output value). SendAt: Timestamp of when the message should be "
      "sent. (In most cases this will be the same as the CreatedAt output value). Status: The status of the message. "
      "UpdatedAt: Timestamp of when the message was updated (In most cases this will be the same as the CreatedAt output value).";
  d.handler = RunChatMessageSend;
  return d;
}

}  // namespace kws::channels
