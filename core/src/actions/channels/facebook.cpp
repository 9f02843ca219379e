// actions/channels/facebook.cpp -- Facebook: Pass Thread Control (Messenger Handover Protocol).
//
// POST https://graph.facebook.com/v15.0/me/pass_thread_control {recipient: {id}, target_app_id,
// metadata}. The sandbox answers with a mock (mocks/src/services.cpp) and records the request in
// the outbox. Facebook's refusal is an output (success: false), not a step error: the seed's
// Success output exists to branch on it.

#include "actions/action_kit.h"
#include "actions/channels/channels.h"

#include <cctype>

namespace kws::channels {

using namespace action_kit;

namespace {

constexpr const char* kPassThreadControl = "https://graph.facebook.com/v15.0/me/pass_thread_control";

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Outcome RunPassThreadControl(ActionContext& ctx) {
  // The seed spells the field "RecepientId"; Facebook and most people spell it recipientId.
  std::string recipient = Trim(ctx.String("recepientId"));
  if (recipient.empty()) recipient = Trim(ctx.String("recipientId"));
  if (recipient.empty()) {
    return Outcome::Fail("step.param.missing",
                         "required input \"recepientId\" (RecepientId) is missing or empty: The PSID for the customer who "
                         "sent the message.",
                         "recepientId");
  }
  const std::string target = Trim(ctx.String("targetAppId"));
  const std::string page = Trim(ctx.String("pageId"));
  if (!AllDigits(target)) {
    return Outcome::Fail("channel.facebook.invalid_id", "\"TargetAppId\" must be a numeric Facebook app id, got \"" + target + "\"",
                         "targetAppId");
  }
  if (!AllDigits(recipient)) {
    return Outcome::Fail("channel.facebook.invalid_id",
                         "\"RecepientId\" must be a numeric page-scoped user id (PSID), got \"" + recipient + "\"", "recepientId");
  }
  if (!AllDigits(page)) {
    return Outcome::Fail("channel.facebook.invalid_id", "\"PageId\" must be a numeric Facebook page id, got \"" + page + "\"",
                         "pageId");
  }
  Json body = Json::object();
  body["recipient"] = Json{{"id", recipient}};
  body["target_app_id"] = target;
  if (ctx.Has("metadata")) body["metadata"] = ctx.String("metadata");
  HttpRequest request;
  request.method = "POST";
  request.url = kPassThreadControl;
  request.headers["content-type"] = "application/json";
  request.body = Dump(body);
  request.json = body;
  KWS_AWAIT(result, ctx.Call(request));
  if (result.status() == 0) return Outcome::Fail("http.transport", "Facebook did not answer: " + result.Describe());
  Json out = Json::object();
  out["success"] = result.ok() && GetBool(result.response.json, "success");
  if (!out["success"].get<bool>()) {
    const Json* err = Find(result.response.json, "error");
    out["error"] = err ? GetString(*err, "message", result.Describe()) : result.Describe();
  }
  return Outcome::Ok(std::move(out));
}

}  // namespace

ActionDescriptor FacebookPassThreadControl() {
  ActionDescriptor d;
  d.id = "kustomer.app.facebook.pass-thread-control";
  d.id_inferred = true;
  d.aliases = {"kustomer.app.facebook.pass_thread_control", "kustomer.facebook.pass-thread-control"};
  d.app = "Facebook";
  d.app_version = "facebook-^1.0.0";
  d.display_name = "Pass Thread Control";
  d.description = "Allows users to pass control of a Facebook message via the Message Platform Handover Protocol";
  d.inputs = {
      In("targetAppId", FieldType::kString, true, "TargetAppId", "The ID for the app that is getting control."),
      // Required (the handler enforces it) but not marked so: the alias recipientId must be
      // able to stand in for it, and the engine checks required inputs by name.
      In("recepientId", FieldType::kString, false, "RecepientId",
         "Required. The PSID for the customer who sent the message. Can be found in facebookIDs attribute on the "
         "customer profile. (recipientId is accepted too.)"),
      In("pageId", FieldType::kString, true, "PageId",
         "The ID of your Facebook Business page. Can be found in facebookIDs attribute on the customer profile."),
      In("recipientId", FieldType::kString, false, "RecipientId", "Alias of RecepientId (the usual spelling)."),
      In("metadata", FieldType::kString, false, "Metadata", "Text passed to the app that receives control."),
  };
  d.inputs[0].example = "263902037430900";
  d.inputs[1].example = "444555666";
  d.inputs[2].example = "111222333";
  d.outputs = {Out("success", FieldType::kBoolean,
                   "Boolean indicating whether or not the handoff was successful.", "Success")};
  d.output_help = "Success: Boolean indicating whether or not the handoff was successful.";
  d.handler = RunPassThreadControl;
  return d;
}

}  // namespace kws::channels
