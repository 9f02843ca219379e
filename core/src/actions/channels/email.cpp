// actions/channels/email.cpp -- Gmail: Message Send and Postmark: Message Send (one handler,
// two apps: only the app recorded on the message and in the outbox differs).

#include "actions/action_kit.h"
#include "actions/channels/channels.h"

namespace kws::channels {

using namespace action_kit;

namespace {

// Validates an address list param; `required` lists must hold at least one address.
std::optional<Outcome> CheckAddresses(const ActionContext& ctx, const char* field, const char* label, bool required,
                                      Json* out) {
  *out = Json::array();
  const Json* v = ctx.Param(field);
  std::vector<std::string> list = v ? EmailList(*v) : std::vector<std::string>();
  if (list.empty() && required) {
    return Outcome::Fail("channel.email.invalid", std::string("\"") + label + "\" needs at least one email address", field);
  }
  for (const std::string& a : list) {
    if (!IsEmail(a)) {
      return Outcome::Fail("channel.email.invalid",
                           std::string("\"") + label + "\" holds \"" + a + "\", which is not a valid email address", field);
    }
    out->push_back(a);
  }
  return std::nullopt;
}

Outcome RunEmailSend(ActionContext& ctx, const char* app) {
  const std::string customer = ctx.String("customer");
  const std::string conversation = ctx.String("conversation");

  // From: one address.
  std::vector<std::string> from_list = EmailList(ctx.Param("from") ? *ctx.Param("from") : Json());
  if (from_list.size() != 1 || !IsEmail(from_list.front())) {
    return Outcome::Fail("channel.email.invalid",
                         "\"From\" must be one valid email address, got \"" + ctx.String("from") + "\"", "from");
  }
  const std::string from = from_list.front();
  Json to, cc, bcc, reply_to;
  if (auto bad = CheckAddresses(ctx, "to", "To", true, &to)) return *bad;
  if (auto bad = CheckAddresses(ctx, "cc", "CC", false, &cc)) return *bad;
  if (auto bad = CheckAddresses(ctx, "bcc", "BCC", false, &bcc)) return *bad;
  if (auto bad = CheckAddresses(ctx, "replyTo", "ReplyTo", false, &reply_to)) return *bad;
  const std::string subject = ctx.String("subject");
  const std::string body = ctx.String("body");

  Json meta = Json::object();
  meta["from"] = from;
  meta["to"] = to;
  meta["cc"] = cc;
  meta["bcc"] = bcc;
  meta["subject"] = subject;
  if (!reply_to.empty()) meta["replyTo"] = reply_to.size() == 1 ? reply_to[0] : reply_to;
  Json message = Json::object();
  message["channel"] = "email";
  message["app"] = app;
  message["direction"] = "out";
  message["preview"] = Utf8Prefix(body, 200);
  message["body"] = body;
  message["meta"] = std::move(meta);
  Json created;
  if (std::optional<Outcome> failed = SendOnConversation(ctx, conversation, customer, std::move(message), &created)) {
    return *failed;
  }
  Json flat = FlattenResource(created);
  Json tail = Json::object();
  AddMessageOutputs(flat, &tail);
  // Seed order: Id, From, To, CC, BCC, Subject, Body, Status, SendAt, CreatedAt, ModifiedAt,
  // UpdatedAt, Conversation.
  Json out = Json::object();
  out["id"] = tail["id"];
  out["from"] = from;
  out["to"] = to;
  out["cc"] = cc;
  out["bcc"] = bcc;
  out["subject"] = subject;
  out["body"] = body;
  out["status"] = tail["status"];
  out["sendAt"] = tail["sendAt"];
  out["createdAt"] = tail["createdAt"];
  out["modifiedAt"] = tail["modifiedAt"];
  out["updatedAt"] = tail["updatedAt"];
  out["conversation"] = tail["conversation"];
  return Outcome::Ok(std::move(out));
}

ActionDescriptor EmailSend(const char* app_id, const char* app_name, const char* description) {
  ActionDescriptor d;
  d.id = std::string("kustomer.app.") + app_id + ".message.send";
  d.id_inferred = true;
  d.aliases = {std::string("kustomer.") + app_id + ".message.send", std::string("kustomer.app.") + app_id + ".send-message"};
  d.app = app_name;
  d.app_version = std::string(app_id) + "-^1.0.0";
  d.display_name = "Message Send";
  d.description = description;
  d.inputs = {
      In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
      In("conversation", FieldType::kId, true, "Conversation", "Conversation ID", "conversation"),
      In("from", FieldType::kEmail, true, "From", "From email Address"),
      In("to", FieldType::kAny, true, "To",
         "To email address (one address, a comma separated list or an array of addresses)"),
      In("cc", FieldType::kAny, false, "CC", "CC'd email addresses (comma separated or an array)"),
      In("bcc", FieldType::kAny, false, "BCC", "BCC'd email addresses (comma separated or an array)"),
      In("subject", FieldType::kString, false, "Subject", "Subject of the email message"),
      In("body", FieldType::kText, false, "Body", "Body of the email message"),
      In("replyTo", FieldType::kEmail, false, "ReplyTo", "Reply-To email address"),
  };
  d.inputs[2].example = "support@acme.example";
  d.inputs[3].example = "ada@example.com";
  d.outputs = {
      Out("id", FieldType::kId, "Message Id of message that was sent.", "Id"),
      Out("from", FieldType::kEmail, "From email address", "From"),
      Out("to", FieldType::kArray, "Array of To email addresses", "To"),
      Out("cc", FieldType::kArray, "Array of CC'd email addresses", "CC"),
      Out("bcc", FieldType::kArray, "Array of BCC'd email addresses", "BCC"),
      Out("subject", FieldType::kString, "Subject of email message", "Subject"),
      Out("body", FieldType::kText, "Body of email message", "Body"),
      Out("status", FieldType::kString, "Status of message", "Status"),
      Out("sendAt", FieldType::kDate,
          "Timestamp of when the message should be sent. (In most cases this will be the same as the CreatedAt output value).",
          "SendAt"),
      Out("createdAt", FieldType::kDate, "Time Stamp of when message was created.", "CreatedAt"),
      Out("modifiedAt", FieldType::kDate,
          "Timestamp of when the message was modified (In most cases this will be the same as the CreatedAt output value).",
          "ModifiedAt"),
      Out("updatedAt", FieldType::kDate,
          "Timestamp of when the message was updated (In most cases this will be the same as the CreatedAt output value)",
          "UpdatedAt"),
      Out("conversation", FieldType::kId, "The ID of the conversation.", "Conversation"),
  };
  d.output_help =
      "Id: Message Id of message that was sent. From: From email address To: Array of To email addresses CC: Array of CC'd "
      "email addresses BCC: Array of BCC'd email addresses Subject: Subject of email message Body: Body of email message "
      "Status: Status of message SendAt: Timestamp of when the message should be sent. (In most cases this will be the same "
      "as the CreatedAt output value). CreatedAt: Time Stamp of when message was created. ModifiedAt: Timestamp of when the "
      "message was modified (In most cases this will be the same as the CreatedAt output value). UpdatedAt: Timestamp of "
      "when the message was updated (In most cases this will be the same as the CreatedAt output value) Conversation: The ID "
      "of the conversation.";
  std::string app = app_id;
  d.handler = [app](ActionContext& ctx) { return RunEmailSend(ctx, app.c_str()); };
  return d;
}

}  // namespace

ActionDescriptor GmailMessageSend() { return EmailSend("gmail", "Gmail", "Sends an email message using Gmail"); }
ActionDescriptor PostmarkMessageSend() { return EmailSend("postmark", "Postmark", "Sends an email message using Postmark"); }

}  // namespace kws::channels
