// actions/conversation/conversation_merge_events.cpp -- Conversation Merge and Publish Event,
// and RegisterConversationActions (the family's explicit list).

#include "actions/action_kit.h"
#include "actions/conversation/conversation_actions.h"
#include "kws/actions/context.h"
#include "kws/actions/registry.h"

namespace kws {

namespace conversation_actions {

using namespace action_kit;

namespace {

Outcome Merge(ActionContext& ctx) {
  const std::string source = Trim(ctx.String("source"));
  const std::string target = Trim(ctx.String("target"));
  KWS_AWAIT(r, ctx.Api("POST", "/v1/conversations/merges", Json::object({{"source", source}, {"target", target}})));
  Outcome o = MutationOutcome(r, "merging conversation \"" + source + "\" into \"" + target + "\"", "source");
  if (!o.ok()) return o;
  // The seed's outputs, nothing else: the merge request is not a conversation.
  Json out = Json::object();
  for (const char* k : {"id", "status", "createdAt", "updatedAt", "customer"}) {
    const Json* v = Find(o.output, k);
    out[k] = v ? *v : Json();
  }
  return Outcome::Ok(std::move(out));
}

Outcome Publish(ActionContext& ctx) {
  const std::string conversation = Trim(ctx.String("conversation"));
  Json body = Json::object();
  if (ctx.Has("name")) body["name"] = Trim(ctx.String("name"));
  std::string error;
  std::optional<Json> data = ObjectParam(ctx, "data", &error);
  if (!error.empty()) return Outcome::Fail(kParamInvalid, error, "data");
  body["data"] = data ? std::move(*data) : Json::object();
  KWS_AWAIT(r, ctx.Api("POST", "/v1/conversations/" + Seg(conversation) + "/events", body));
  if (!r.ok()) return FailFromCall(r, "publishing an event on conversation \"" + conversation + "\"", "conversation");
  return Outcome::Empty();
}

}  // namespace

ActionDescriptor ConversationMerge() {
  ActionDescriptor d = Descriptor("kustomer.conversation.merge", "Conversation Merge", "Merges two conversations together",
                                  /*inferred=*/true);
  d.aliases = {"kustomer.conversation.merges", "kustomer.conversations.merge"};
  d.inputs = {In("source", FieldType::kId, true, "Source",
                 "ID of the conversation you'd like to merge into another conversation. This conversation will be soft "
                 "deleted.",
                 "conversation"),
              In("target", FieldType::kId, true, "Target",
                 "ID of the conversation you'd like the source to merge into. This conversation will remain on the "
                 "customer timeline.",
                 "conversation")};
  d.outputs = {Out("id", FieldType::kId, "ID of the merge request", "Id"),
               Out("status", FieldType::kString, "Status of the merge request (success/failure)", "Status"),
               Out("createdAt", FieldType::kDate, "Timestamp of when the merge took place", "CreatedAt"),
               Out("updatedAt", FieldType::kDate,
                   "Timestamp of when the merge request was updated (in most cases this will match the CreatedAt "
                   "timestamp).",
                   "UpdatedAt"),
               Out("customer", FieldType::kId, "Customer ID of both conversations", "Customer")};
  d.output_help = "Id, Status, CreatedAt, UpdatedAt and Customer of the merge request.";
  d.handler = Merge;
  return d;
}

ActionDescriptor PublishEvent() {
  ActionDescriptor d = Descriptor("kustomer.event.publish", "Publish Event",
                                  "Publishes an event to the events endpoint of a conversation");
  d.aliases = {"kustomer.conversation.publish-event"};
  d.inputs = {In("conversation", FieldType::kId, true, "Conversation",
                 "Conversation ID of the conversation you'd like to publish an event for", "conversation"),
              In("name", FieldType::kString, false, "Name",
                 "Event name workflows can trigger on (default kustomer.conversation.event)"),
              In("data", FieldType::kObject, false, "Data", "Event data in JSON format")};
  d.output_help = "No outputs";
  d.handler = Publish;
  return d;
}

}  // namespace conversation_actions

void RegisterConversationActions(ActionRegistry& r) {
  using namespace conversation_actions;
  r.Add(ConversationMerge());
  r.Add(ConversationMoveCustomer());
  r.Add(ConversationAddTags());
  r.Add(ConversationAssignTeam());
  r.Add(ConversationAssignUser());
  r.Add(ConversationCreate());
  r.Add(ConversationLookupByExternalId());
  r.Add(ConversationLookupById());
  r.Add(ConversationLookupBody());
  r.Add(ConversationRemoveTags());
  r.Add(ConversationUpdate());
  r.Add(PublishEvent());
}

}  // namespace kws
