// actions/utility/assistant.cpp -- Assistant Launch.
//
// POST /v1/assistants/:publicId/launch {conversation, message}: the simulated org starts the
// assistant on the conversation (conversation.assistant = {id, publicId, launchedAt, status:
// "active"}) and sends its greeting as an outbound message. The seed lists no output.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"

namespace kws::utility {

namespace {

using namespace action_kit;

Outcome RunAssistantLaunch(ActionContext& ctx) {
  const std::string public_id = Trim(ctx.String("publicId"));
  const std::string message = Trim(ctx.String("messageId"));
  const std::string conversation = Trim(ctx.String("conversationId"));
  Json body = Json{{"conversation", conversation}, {"message", message}};
  KWS_AWAIT(r, ctx.Api("POST", "/v1/assistants/" + Seg(public_id) + "/launch", body));
  if (r.ok()) return Outcome::Empty();
  // The route says which part is missing with a JSON:API source pointer.
  std::string pointer;
  if (const Json* errors = Find(r.response.json, "errors"); errors && errors->is_array() && !errors->empty()) {
    if (const Json* source = Find((*errors)[0], "source")) pointer = GetString(*source, "pointer");
  }
  if (r.status() == 404) {
    if (pointer == "/conversation") {
      return Outcome::Fail("kustomer.not_found", "conversation \"" + conversation + "\" does not exist", "conversationId");
    }
    if (pointer == "/message") {
      return Outcome::Fail("kustomer.not_found",
                           "message \"" + message + "\" does not exist on conversation \"" + conversation + "\"", "messageId");
    }
    return Outcome::Fail("assistant.not_found", "there is no assistant with public id \"" + public_id + "\"", "publicId");
  }
  std::string field = pointer == "/conversation" ? "conversationId" : pointer == "/message" ? "messageId" : "publicId";
  return FailFromApi(r, "launching assistant \"" + public_id + "\"", field);
}

}  // namespace

ActionDescriptor AssistantLaunch() {
  ActionDescriptor d = Descriptor("kustomer.assistant.launch", "Assistant Launch",
                                  "Launches a conversational assistant on a chat conversation", /*inferred=*/true);
  d.aliases = {"kustomer.conversation.assistant.launch", "kustomer.app.assistant.launch"};
  FieldSpec public_id = In("publicId", FieldType::kString, true, "PublicId", "ID of the assistant you'd like to launch.");
  public_id.example = "asst-orders";
  d.inputs = {
      public_id,
      In("messageId", FieldType::kId, true, "MessageId", "ID of the initial inbound message on the conversation.", "message"),
      In("conversationId", FieldType::kId, true, "ConversationId", "ID of the conversation", "conversation"),
  };
  d.output_help = "No output";
  d.handler = RunAssistantLaunch;
  return d;
}

}  // namespace kws::utility
