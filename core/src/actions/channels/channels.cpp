// actions/channels/channels.cpp -- RegisterChannelActions and the send helper shared by the
// chat and email sends.

#include "actions/channels/channels.h"

#include "actions/action_kit.h"
#include "kws/actions/registry.h"

namespace kws {

namespace channels {

using action_kit::FailFromApi;
using action_kit::Seg;

std::optional<Outcome> SendOnConversation(ActionContext& ctx, const std::string& conversation,
                                          const std::string& customer, Json message, Json* created) {
  // The conversation first: a clear "does not exist" for the right field, and the customer
  // check Kustomer makes (a message belongs to its conversation's customer).
  KWS_AWAIT(conv, ctx.Api("GET", "/v1/conversations/" + Seg(conversation)));
  if (conv.status() == 404) {
    return Outcome::Fail("kustomer.not_found", "conversation \"" + conversation + "\" does not exist", "conversation");
  }
  if (!conv.ok()) return FailFromApi(conv, "looking up conversation \"" + conversation + "\"", "conversation");
  const std::string owner = GetString(FlattenResource(conv.data()), "customer");
  if (!owner.empty() && !customer.empty() && owner != customer) {
    return Outcome::Fail("channel.customer_mismatch",
                         "conversation \"" + conversation + "\" belongs to customer \"" + owner + "\", not \"" + customer + "\"",
                         "customer");
  }
  message["customer"] = customer.empty() ? owner : customer;
  KWS_AWAIT(sent, ctx.Api("POST", "/v1/conversations/" + Seg(conversation) + "/messages", message));
  if (sent.status() == 404) {
    return Outcome::Fail("kustomer.not_found", "conversation \"" + conversation + "\" does not exist", "conversation");
  }
  if (!sent.ok()) return FailFromApi(sent, "sending the message", "");
  if (!sent.data().is_object()) {
    return Outcome::Fail("kustomer.api_error", "the message was sent but the answer holds no message (" + sent.Describe() + ")");
  }
  *created = sent.data();
  return std::nullopt;
}

void AddMessageOutputs(const Json& flat, Json* out) {
  auto get = [&](const char* key, const char* fallback_key = nullptr) -> Json {
    const Json* v = Find(flat, key);
    if ((!v || v->is_null()) && fallback_key) v = Find(flat, fallback_key);
    return v ? *v : Json();
  };
  Json& o = *out;
  o["id"] = get("id");
  o["conversation"] = get("conversation");
  o["status"] = get("status");
  // A sent message has sentAt; Kustomer's SendAt is the time it is (or was) to be sent.
  Json send_at = get("sendAt", "sentAt");
  o["sendAt"] = send_at.is_null() ? get("createdAt") : send_at;
  o["createdAt"] = get("createdAt");
  o["modifiedAt"] = get("modifiedAt", "createdAt");
  o["updatedAt"] = get("updatedAt", "createdAt");
}

}  // namespace channels

void RegisterChannelActions(ActionRegistry& r) {
  r.Add(channels::AircallContactCreate());
  r.Add(channels::ChatMessageSend());
  r.Add(channels::FacebookPassThreadControl());
  r.Add(channels::GmailMessageSend());
  r.Add(channels::PostmarkMessageSend());
}

}  // namespace kws
