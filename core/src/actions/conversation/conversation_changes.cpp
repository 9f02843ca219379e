// actions/conversation/conversation_changes.cpp -- Conversation: Create, Update, Add Tags,
// Remove Tags, Assign Team, Assign User, and Conversation Move Customer.
//
// Each renders one request; the simulated org (routes_conversations.cpp) validates the body
// (status, priority 1-5, tags by id or name, users/teams/queues/customers that exist, custom
// attributes by their typed suffix) and answers 400 with a pointer the handler turns into the
// param name.

#include "actions/action_kit.h"
#include "actions/conversation/conversation_actions.h"
#include "kws/actions/context.h"

namespace kws::conversation_actions {

using namespace action_kit;

namespace {

constexpr const char* kConversationOutputHelp =
    "The conversation associated with the given conversation ID. For a full list of available attributes, visit "
    "your conversation Klass settings page.";

// The optional conversation fields Kustomer's create/update bodies take (kustomer-format.md §5).
std::vector<FieldSpec> ConversationFields(bool update) {
  std::vector<FieldSpec> f = {
      In("name", FieldType::kString, false, "Name", "Name (subject) of the conversation"),
      In("externalId", FieldType::kString, false, "ExternalId", "External ID of the conversation"),
      InEnum("status", false, "Status", "Status of the conversation",
             update ? std::vector<std::string>{"open", "snoozed", "done"} : std::vector<std::string>{"open", "done"}),
  };
  if (update) f.push_back(In("subStatus", FieldType::kString, false, "SubStatus", "Sub-status ID"));
  f.push_back(In("priority", FieldType::kNumber, false, "Priority", "Priority from 1 (lowest) to 5 (highest)"));
  f.push_back(InEnum("direction", false, "Direction", "in: started by the customer; out: started by the org", {"in", "out"}));
  f.push_back(In("tags", FieldType::kIdList, false, "Tags",
                 update ? "Tag IDs or names; replaces the conversation's tags" : "Tag IDs or names", "tag"));
  f.push_back(In("assignedUsers", FieldType::kIdList, false, "AssignedUsers", "IDs of the users to assign", "user"));
  f.push_back(In("assignedTeams", FieldType::kIdList, false, "AssignedTeams", "IDs of the teams to assign", "team"));
  f.push_back(In("queue", FieldType::kId, false, "Queue", "ID of the routing queue", "queue"));
  f.push_back(In("custom", FieldType::kObject, false, "Custom",
                 "Custom attributes in JSON format, named with their type suffix: {\"orderNumberStr\": \"A-1\", "
                 "\"amountNum\": 12}"));
  if (update) {
    f.push_back(In("snooze", FieldType::kObject, false, "Snooze", "Snooze settings {\"time\": ISO time, \"status\": \"open\"}"));
  }
  f.push_back(In("defaultLang", FieldType::kString, false, "DefaultLang", "Default language (en, es, ...)"));
  return f;
}

std::optional<Outcome> AddConversationFields(const ActionContext& ctx, bool update, Json* body) {
  CopyPresent(ctx, {"name", "externalId", "status", "direction", "queue", "defaultLang"}, body);
  if (update) CopyPresent(ctx, {"subStatus"}, body);
  if (ctx.Has("priority")) (*body)["priority"] = NumberOrAsGiven(ctx, "priority");
  for (const char* list : {"tags", "assignedUsers", "assignedTeams"}) {
    if (ctx.Has(list)) (*body)[list] = ListParam(ctx, list);
  }
  for (const char* object : {"custom", "snooze"}) {
    if (!update && std::string_view(object) == "snooze") continue;
    std::string error;
    std::optional<Json> v = ObjectParam(ctx, object, &error);
    if (!error.empty()) return Outcome::Fail(kParamInvalid, error, object);
    if (v) (*body)[object] = std::move(*v);
  }
  return std::nullopt;
}

Outcome Create(ActionContext& ctx) {
  const std::string customer = Trim(ctx.String("customer"));
  Json body = Json::object({{"customer", customer}});
  if (auto fail = AddConversationFields(ctx, false, &body)) return *fail;
  KWS_AWAIT(r, ctx.Api("POST", "/v1/conversations", body));
  return MutationOutcome(r, "creating a conversation for customer \"" + customer + "\"", "customer");
}

Outcome Update(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  Json body = Json::object();
  if (auto fail = AddConversationFields(ctx, true, &body)) return *fail;
  KWS_AWAIT(r, ctx.Api("PUT", "/v1/conversations/" + Seg(id), body));
  return MutationOutcome(r, "updating conversation \"" + id + "\"", "id");
}

// Add Tags (POST) and Remove Tags (DELETE) share the body and the answer mapping.
ActionHandler ChangeTags(bool add) {
  return [add](ActionContext& ctx) -> Outcome {
    const std::string id = Trim(ctx.String("id"));
    Json tags = ListParam(ctx, "tags");
    if (tags.empty()) return Outcome::Fail(kParamInvalid, "tags is empty: give tag IDs or names", "tags");
    KWS_AWAIT(r, ctx.Api(add ? "POST" : "DELETE", "/v1/conversations/" + Seg(id) + "/tags", Json::object({{"tags", tags}})));
    return MutationOutcome(r, std::string(add ? "adding tags to" : "removing tags from") + " conversation \"" + id + "\"",
                           "id", {{"tags", "tags"}});
  };
}

// Assign Team / Assign User: `param` ("team") goes into the one-element list `list`
// ("assignedTeams"). Assigning replaces the assignee (a conversation has one assigned user/team
// in Kustomer's UI).
ActionHandler Assign(std::string param, std::string list) {
  return [param, list](ActionContext& ctx) -> Outcome {
    const std::string id = Trim(ctx.String("id"));
    const std::string who = Trim(ctx.String(param));
    KWS_AWAIT(r, ctx.Api("PUT", "/v1/conversations/" + Seg(id), Json::object({{list, Json::array({who})}})));
    return MutationOutcome(r, "assigning " + param + " \"" + who + "\" to conversation \"" + id + "\"", "id",
                           {{list.c_str(), param.c_str()}});
  };
}

Outcome MoveCustomer(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  const std::string customer = Trim(ctx.String("customer"));
  KWS_AWAIT(r, ctx.Api("PUT", "/v1/conversations/" + Seg(id), Json::object({{"customer", customer}})));
  return MutationOutcome(r, "moving conversation \"" + id + "\" to customer \"" + customer + "\"", "id");
}

ActionDescriptor ConversationDescriptor(std::string id, std::string name, std::string description, bool inferred = false) {
  ActionDescriptor d = Descriptor(std::move(id), std::move(name), std::move(description), inferred);
  d.outputs = ConversationOutputs();
  d.output_object = "conversation";
  d.output_help = kConversationOutputHelp;
  return d;
}

// A conversation action whose inputs are the conversation "id" and one more required input.
ActionDescriptor ConversationAndOne(std::string id, std::string name, std::string description, FieldSpec input,
                                    ActionHandler handler) {
  ActionDescriptor d = ConversationDescriptor(std::move(id), std::move(name), std::move(description));
  d.inputs = {In("id", FieldType::kId, true, "Id", "Conversation ID", "conversation"), std::move(input)};
  d.handler = std::move(handler);
  return d;
}

// Add Tags / Remove Tags: the same inputs and handler; `add` picks POST or DELETE.
ActionDescriptor TagsAction(bool add, std::string id, std::string name, std::string description, std::string tags_help) {
  return ConversationAndOne(std::move(id), std::move(name), std::move(description),
                            In("tags", FieldType::kIdList, true, "Tags", std::move(tags_help), "tag"), ChangeTags(add));
}

// Assign Team / Assign User: `kind` ("team") names the action, its input and the object type;
// the value goes into the list `list` ("assignedTeams").
ActionDescriptor AssignAction(const std::string& kind, const std::string& label, std::string list, std::string help) {
  return ConversationAndOne("kustomer.conversation.assign-" + kind, "Conversation: Assign " + label,
                            "Assigns a " + kind + " to a conversation",
                            In(kind, FieldType::kId, true, label, std::move(help), kind), Assign(kind, std::move(list)));
}

}  // namespace

ActionDescriptor ConversationCreate() {
  ActionDescriptor d = ConversationDescriptor("kustomer.conversation.create", "Conversation: Create",
                                              "Creates a conversation on the given customer's timeline.");
  d.inputs = {In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer")};
  for (FieldSpec& f : ConversationFields(false)) d.inputs.push_back(std::move(f));
  d.output_help = "The newly created conversation.";
  d.handler = Create;
  return d;
}

ActionDescriptor ConversationUpdate() {
  ActionDescriptor d = ConversationDescriptor("kustomer.conversation.update", "Conversation: Update",
                                              "Updates the given conversation with the data included in the Optional Fields");
  d.inputs = {In("id", FieldType::kId, true, "Id", "Conversation ID", "conversation")};
  for (FieldSpec& f : ConversationFields(true)) d.inputs.push_back(std::move(f));
  d.handler = Update;
  return d;
}

ActionDescriptor ConversationAddTags() {
  ActionDescriptor d = TagsAction(
      true, "kustomer.conversation.append-tags", "Conversation: Add Tags", "Adds tags to a conversation",
      "List of tags you'd like to add. You can either use UI to select tags, or type in tag ID's separated by commas.");
  d.aliases = {"kustomer.conversation.add-tags"};
  return d;
}

ActionDescriptor ConversationRemoveTags() {
  return TagsAction(false, "kustomer.conversation.remove-tags", "Conversation: Remove Tags",
                    "Removes selected tags from the given conversation",
                    "Tags to be removed from conversation. You can select them using the drop down menu, or enter their "
                    "tag ID's manually in a comma separated list.");
}

ActionDescriptor ConversationAssignTeam() {
  return AssignAction("team", "Team", "assignedTeams",
                      "ID of team you'd like to assign. You can use the UI to select a team from the drop down menu or "
                      "enter in the ID of the team manually.");
}

ActionDescriptor ConversationAssignUser() {
  return AssignAction("user", "User", "assignedUsers",
                      "ID of the user you'd like to assign. You can use the UI to select a user from the drop down "
                      "menu or enter in the ID of the user manually.");
}

ActionDescriptor ConversationMoveCustomer() {
  ActionDescriptor d = ConversationDescriptor("kustomer.conversation.move-customer", "Conversation Move Customer",
                                              "Moves a conversation to a different customer timeline", /*inferred=*/true);
  d.aliases = {"kustomer.conversation.move", "kustomer.conversation.change-customer"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "ID of conversation you'd like to move.", "conversation"),
              In("customer", FieldType::kId, true, "Customer", "Customer ID of destination customer timeline.", "customer")};
  d.handler = MoveCustomer;
  return d;
}

}  // namespace kws::conversation_actions
