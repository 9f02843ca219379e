// actions/channels/chat.cpp -- Chat: Message Send.

#include "actions/channels/channels.h"
#include "actions/utility/action_util.h"

namespace kws::channels {

using namespace action_util;

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
      Field("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
      Field("body", FieldType::kText, true, "Body", "The message you'd like to send."),
      Field("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
      Field("externalId", FieldType::kString, false, "ExternalId", "An external id to store on the message."),
  };
  d.outputs = {
      Output("body", FieldType::kText, "Body", "The message inputed in the Message Send step."),
      Output("conversation", FieldType::kId, "Conversation", "The ID of the conversation."),
      Output("createdAt", FieldType::kDate, "CreatedAt", "Timestamp of when message was created."),
      Output("id", FieldType::kId, "Id", "The ID of the created Message."),
      Output("modifiedAt", FieldType::kDate, "ModifiedAt",
             "Timestamp of when the message was modified (In most cases this will be the same as the CreatedAt output value)."),
      Output("sendAt", FieldType::kDate, "SendAt",
             "Timestamp of when the message should be sent. (In most cases this will be the same as the CreatedAt output value)."),
      Output("status", FieldType::kString, "Status", "The status of the message."),
      Output("updatedAt", FieldType::kDate, "UpdatedAt",
             "Timestamp of when the message was updated (In most cases this will be the same as the CreatedAt output value)."),
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
