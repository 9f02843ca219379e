// actions/channels/channels.h -- the channel actions' descriptors (private to this family).
//
// Channel sends go through the conversations family's contract (POST
// /v1/conversations/:id/messages, direction "out"): the simulated org creates the message,
// updates the conversation and records the outbox entry. Aircall and Facebook actions call the
// services' own APIs through ctx.Call; the sandbox answers them with mocks (mocks/src/services.cpp).
#pragma once

#include "kws/actions/context.h"
#include "kws/actions/descriptor.h"

#include <string>

namespace kws::channels {

ActionDescriptor AircallContactCreate();
ActionDescriptor ChatMessageSend();
ActionDescriptor FacebookPassThreadControl();
ActionDescriptor GmailMessageSend();
ActionDescriptor PostmarkMessageSend();

// Shared by the chat and email sends: checks that `conversation` exists and belongs to
// `customer`, then posts `message` (the channel-send body, without "customer") to it.
// On success `*created` is the message resource; otherwise the returned Outcome is the error
// (or Waiting). Returns nullopt on success.
std::optional<Outcome> SendOnConversation(ActionContext& ctx, const std::string& conversation,
                                          const std::string& customer, Json message, Json* created);

// The message timestamps and status every send outputs (seed: Status, SendAt, CreatedAt,
// ModifiedAt, UpdatedAt) plus id and conversation, from the flattened message.
void AddMessageOutputs(const Json& flat, Json* out);

}  // namespace kws::channels
