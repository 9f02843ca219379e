// actions/conversation/conversation_actions.h -- the conversation family's descriptors, one
// factory per action (private to core/src/actions). RegisterConversationActions lists them.
#pragma once

#include "kws/actions/descriptor.h"

namespace kws::conversation_actions {

// conversation_lookups.cpp
ActionDescriptor ConversationLookupById();          // kustomer.conversation.find-by-id
ActionDescriptor ConversationLookupByExternalId();  // kustomer.conversation.find-by-external-id
ActionDescriptor ConversationLookupBody();          // kustomer.conversation.find-body

// conversation_changes.cpp
ActionDescriptor ConversationCreate();              // kustomer.conversation.create
ActionDescriptor ConversationUpdate();              // kustomer.conversation.update
ActionDescriptor ConversationAddTags();             // kustomer.conversation.append-tags
ActionDescriptor ConversationRemoveTags();          // kustomer.conversation.remove-tags
ActionDescriptor ConversationAssignTeam();          // kustomer.conversation.assign-team
ActionDescriptor ConversationAssignUser();          // kustomer.conversation.assign-user
ActionDescriptor ConversationMoveCustomer();        // kustomer.conversation.move-customer [inferred]

// conversation_merge_events.cpp
ActionDescriptor ConversationMerge();               // kustomer.conversation.merge [inferred]
ActionDescriptor PublishEvent();                    // kustomer.event.publish

}  // namespace kws::conversation_actions
