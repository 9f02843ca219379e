// actions/note/note_actions.cpp -- Note Find By Conversation, Note Create, Note: Lookup (By
// External ID), Note: Lookup (By ID), Note: Update; and RegisterNoteActions.
//
// Notes a workflow creates are marked createdByWorkflow, which is what lets Note: Update change
// them later: Kustomer only lets automations update notes automations wrote (403 otherwise).

#include "actions/action_kit.h"
#include "kws/actions/context.h"
#include "kws/actions/registry.h"

namespace kws {

namespace note_actions {

using namespace action_kit;

namespace {

constexpr const char* kNoteOutputHelp =
    "ID: Note ID Body: Text included in the note CreatedAt: Timestamp of when note was created UpdatedAt: Timestamp "
    "of when note was updated (In most cases this will be the same as CreatedAt) Customer: Customer ID of customer "
    "associated with the given conversation Conversation: Conversation ID of conversation the note was created on "
    "UserMentions: Array of UserId's mentioned on the note";

FieldSpec MentionsField() {
  return In("userMentions", FieldType::kArray, false, "UserMentions",
            "Users or teams to mention: [{\"user\": \"<id>\"}, {\"team\": \"<id>\"}], or user/team IDs separated by "
            "commas");
}

// Note Create's output: exactly what Kustomer's run context stores (kustomer-format.md §1.3).
Outcome SeedNoteOutput(Outcome o) {
  if (!o.ok()) return o;
  Json out = Json::object();
  for (const char* k : {"id", "body", "createdAt", "updatedAt", "customer", "conversation", "userMentions"}) {
    const Json* v = Find(o.output, k);
    out[k] = v ? *v : Json();
  }
  return Outcome::Ok(std::move(out));
}

Outcome FindByConversation(ActionContext& ctx) { return ListConversationItems(ctx, "notes", ""); }

Outcome Create(ActionContext& ctx) {
  const std::string conversation = Trim(ctx.String("conversation"));
  Json body = Json::object();
  body["body"] = ctx.String("body");
  if (ctx.Has("userMentions")) body["userMentions"] = ListParam(ctx, "userMentions");
  CopyPresent(ctx, {"externalId"}, &body);
  body["createdByWorkflow"] = true;
  KWS_AWAIT(r, ctx.Api("POST", "/v1/conversations/" + Seg(conversation) + "/notes", body));
  return SeedNoteOutput(MutationOutcome(r, "creating a note on conversation \"" + conversation + "\"", "conversation"));
}

Outcome Update(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  Json body = Json::object();
  CopyPresent(ctx, {"body", "externalId"}, &body);
  if (ctx.Has("userMentions")) body["userMentions"] = ListParam(ctx, "userMentions");
  KWS_AWAIT(r, ctx.Api("PUT", "/v1/notes/" + Seg(id), body));
  if (r.status() == 403) {
    return Outcome::Fail("note.update.forbidden",
                         "Note: Update only changes notes created by automations (workflows or machine users); " +
                             FailFromCall(r, "note \"" + id + "\"", "id").error.message,
                         "id");
  }
  return MutationOutcome(r, "updating note \"" + id + "\"", "id");
}

}  // namespace

ActionDescriptor NoteFindByConversation() {
  ActionDescriptor d = Descriptor("kustomer.note.find-by-conversation", "Note Find By Conversation",
                                  "Finds all notes on the given conversation", /*inferred=*/true);
  d.aliases = {"kustomer.note.find-by-conversation-id", "kustomer.conversation.find-notes"};
  d.inputs = {In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
              InEnum("sort", false, "Sort", "asc: oldest first (default); desc: newest first", {"asc", "desc"}),
              In("page", FieldType::kNumber, false, "Page", "Page number, from 1"),
              In("pageSize", FieldType::kNumber, false, "PageSize", "Notes per page (default 100, at most 1000)")};
  d.outputs = ListOutputs("notes");
  d.output_help = "A GET API response to the v1/conversations/conversationId/notes endpoint";
  d.handler = FindByConversation;
  return d;
}

ActionDescriptor NoteCreate() {
  ActionDescriptor d = Descriptor("kustomer.note.create", "Note Create", "Creates a note on the given conversation");
  d.inputs = {In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
              In("body", FieldType::kText, true, "Body", "Body of the note you'd like to create"), MentionsField(),
              In("externalId", FieldType::kString, false, "ExternalId", "External ID of the note")};
  d.outputs = NoteOutputs();
  d.output_object = "note";
  d.output_help = kNoteOutputHelp;
  d.handler = Create;
  return d;
}

ActionDescriptor NoteLookupByExternalId() {
  ActionDescriptor d = Descriptor("kustomer.note.find-by-external", "Note: Lookup (By External ID)",
                                  "Finds a note with the given external ID");
  d.aliases = {"kustomer.note.find-by-external-id"};
  d.inputs = {In("identifier", FieldType::kString, true, "Identifier", "External Id")};
  d.outputs = NoteOutputs();
  d.output_object = "note";
  d.output_help = kNoteOutputHelp;
  d.handler = LookupByParam("identifier", "/v1/notes/externalId=", "looking up the note with external ID");
  return d;
}

ActionDescriptor NoteLookupById() {
  ActionDescriptor d = Descriptor("kustomer.note.find-by-id", "Note: Lookup (By ID)", "Finds a note with the given Note ID");
  d.aliases = {"kustomer.note.find"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "Note ID", "note")};
  d.outputs = NoteOutputs();
  d.output_object = "note";
  d.output_help = kNoteOutputHelp;
  d.handler = LookupByParam("id", "/v1/notes/", "looking up note");
  return d;
}

ActionDescriptor NoteUpdate() {
  ActionDescriptor d = Descriptor("kustomer.note.update", "Note: Update",
                                  "Updates the given note. This can only be used on notes created by automations. This "
                                  "cannot be used on notes created by an agent");
  d.inputs = {In("id", FieldType::kId, true, "Id", "Note ID", "note"),
              In("body", FieldType::kText, false, "Body", "New text of the note"), MentionsField(),
              In("externalId", FieldType::kString, false, "ExternalId", "External ID of the note")};
  d.outputs = NoteOutputs();
  d.output_object = "note";
  d.output_help = kNoteOutputHelp;
  d.handler = Update;
  return d;
}

}  // namespace note_actions

void RegisterNoteActions(ActionRegistry& r) {
  using namespace note_actions;
  r.Add(NoteFindByConversation());
  r.Add(NoteCreate());
  r.Add(NoteLookupByExternalId());
  r.Add(NoteLookupById());
  r.Add(NoteUpdate());
}

}  // namespace kws
