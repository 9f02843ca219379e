// actions/draft/draft_actions.cpp -- Draft Delete, Draft Note Create, Draft Postpone; and
// RegisterDraftActions.
//
// Draft Postpone sets sendAt and status "scheduled": the simulated org sends a scheduled draft
// when the clock passes its sendAt (SimOrg::RunDue; a note draft becomes a note on its
// conversation).

#include "actions/action_kit.h"
#include "kws/actions/context.h"
#include "kws/actions/registry.h"

#include <algorithm>

namespace kws {

namespace draft_actions {

using namespace action_kit;

namespace {

constexpr const char* kDraftOutputHelp =
    "Id: Draft ID Type: Type of object (will say draft) Channel: Draft channel (will say Note) Status: Status of the "
    "draft (will say draft) CreatedAt: Timestamp of when the draft was created UpdatedAt: Timestamp of when the draft "
    "was updated (In most cases this will be the same as the createdAt value). ModifiedAt: Timestamp of when the draft "
    "was modified (In most cases this will be the same as the createdAt value). Org: Org ID Customer: Customer ID";

// The flattened draft plus its JSON:API type (the seed lists Type among the outputs).
Outcome DraftOutput(const CallResult& r, Outcome o) {
  if (!o.ok()) return o;
  Json out = Json::object();
  out["id"] = o.output.contains("id") ? o.output["id"] : Json();
  out["type"] = GetString(r.data(), "type", "draft");
  for (auto it = o.output.begin(); it != o.output.end(); ++it) {
    if (it.key() != "id") out[it.key()] = it.value();
  }
  return Outcome::Ok(std::move(out));
}

Outcome Delete(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  KWS_AWAIT(r, ctx.Api("DELETE", "/v1/drafts/" + Seg(id)));
  if (!r.ok()) return FailFromCall(r, "deleting draft \"" + id + "\"", "id");
  return Outcome::Empty();
}

Outcome NoteCreate(ActionContext& ctx) {
  const std::string customer = Trim(ctx.String("customer"));
  Json body = Json::object();
  body["channel"] = "note";
  body["conversation"] = Trim(ctx.String("conversation"));
  body["body"] = ctx.String("body");
  if (ctx.Has("userMentions")) body["userMentions"] = ListParam(ctx, "userMentions");
  KWS_AWAIT(r, ctx.Api("POST", "/v1/customers/" + Seg(customer) + "/drafts", body));
  // 404 is the path's customer; a bad conversation comes back as a 400 pointing at it.
  return DraftOutput(r, MutationOutcome(r, "creating a note draft for customer \"" + customer + "\"", "customer"));
}

Outcome Postpone(ActionContext& ctx) {
  const std::string id = Trim(ctx.String("id"));
  const bool has_at = ctx.Has("sendAt"), has_delay = ctx.Has("delay");
  if (!has_at && !has_delay) {
    return Outcome::Fail(kParamInvalid,
                         "give sendAt (when to send, ISO 8601 e.g. 2024-06-03T15:00:00Z) or delay (how much later, e.g. "
                         "\"2h\", \"30m\", \"1d\")",
                         "sendAt");
  }
  std::string send_at;
  if (has_at) {
    const Json* v = ctx.Param("sendAt");
    std::optional<TimeMs> t = v->is_number() ? std::optional<TimeMs>(static_cast<TimeMs>(v->get<double>()))
                                             : ParseIso(Trim(ctx.String("sendAt")));
    if (!t) {
      return Outcome::Fail(kParamInvalid, "sendAt must be an ISO 8601 time (2024-06-03T15:00:00Z) or epoch milliseconds, got \"" +
                                              ctx.String("sendAt") + "\"",
                           "sendAt");
    }
    send_at = FormatIso(*t);
  } else {
    std::optional<TimeMs> delay = ParseDuration(Trim(ctx.String("delay")));
    if (!delay || *delay <= 0) {
      return Outcome::Fail(kParamInvalid,
                           "delay must be a positive duration such as \"90s\", \"15m\", \"2h\", \"1d\" or milliseconds, got \"" +
                               ctx.String("delay") + "\"",
                           "delay");
    }
    // Postponing pushes the send time back: from the draft's own sendAt when that is still
    // ahead, else from now.
    KWS_AWAIT(current, ctx.Api("GET", "/v1/drafts/" + Seg(id)));
    if (!current.ok()) return FailFromCall(current, "reading draft \"" + id + "\"", "id");
    TimeMs base = ctx.Now();
    if (std::optional<TimeMs> at = ParseIso(GetString(FlattenResource(current.data()), "sendAt"))) base = std::max(base, *at);
    send_at = FormatIso(base + *delay);
  }
  KWS_AWAIT(r, ctx.Api("PUT", "/v1/drafts/" + Seg(id), Json::object({{"sendAt", send_at}, {"status", "scheduled"}})));
  return DraftOutput(r, MutationOutcome(r, "postponing draft \"" + id + "\"", "id"));
}

}  // namespace

ActionDescriptor DraftDelete() {
  ActionDescriptor d = Descriptor("kustomer.draft.delete", "Draft Delete", "Deletes the draft associated with the given ID",
                                  /*inferred=*/true);
  d.inputs = {In("id", FieldType::kId, true, "Id", "Draft ID", "draft")};
  d.output_help = "No output";
  d.handler = Delete;
  return d;
}

ActionDescriptor DraftNoteCreate() {
  ActionDescriptor d = Descriptor("kustomer.draft.create-note", "Draft Note Create",
                                  "Creates a note draft on the customer drafts endpoint", /*inferred=*/true);
  d.aliases = {"kustomer.draft.note.create", "kustomer.draft.note-create"};
  d.inputs = {In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
              In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
              In("body", FieldType::kText, true, "Body", "Body of the note you'd like to create."),
              In("userMentions", FieldType::kArray, false, "UserMentions",
                 "Users or teams to mention: [{\"user\": \"<id>\"}, {\"team\": \"<id>\"}], or IDs separated by commas")};
  d.outputs = DraftOutputs();
  d.output_object = "draft";
  d.output_help = kDraftOutputHelp;
  d.handler = NoteCreate;
  return d;
}

ActionDescriptor DraftPostpone() {
  ActionDescriptor d = Descriptor("kustomer.draft.postpone", "Draft Postpone",
                                  "Changes the SendAt attribute for a Draft allowing users to change when a draft is "
                                  "scheduled to be sent out",
                                  /*inferred=*/true);
  d.inputs = {In("id", FieldType::kId, true, "Id", "Draft Id", "draft"),
              In("sendAt", FieldType::kDate, false, "SendAt", "When to send the draft (ISO 8601)"),
              In("delay", FieldType::kString, false, "Delay",
                 "Or how much later to send it (\"30m\", \"2h\", \"1d\"): from the draft's current SendAt when that is "
                 "still ahead, else from now")};
  d.outputs = DraftOutputs();
  d.outputs.push_back(Out("sendAt", FieldType::kDate, "When the draft will be sent", "SendAt"));
  d.output_object = "draft";
  d.output_help = kDraftOutputHelp;
  d.handler = Postpone;
  return d;
}

}  // namespace draft_actions

void RegisterDraftActions(ActionRegistry& r) {
  using namespace draft_actions;
  r.Add(DraftDelete());
  r.Add(DraftNoteCreate());
  r.Add(DraftPostpone());
}

}  // namespace kws
