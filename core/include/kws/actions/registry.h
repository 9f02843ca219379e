// kws/actions/registry.h -- the action catalogue.
//
// Registration is an explicit list per family (RegisterConversationActions(registry), ...),
// never static self-registration. RegisterBuiltinActions() calls every family and is what the
// engine, the CLI and the browser app use; a test asserts it registers all 73 seed actions.
#pragma once

#include "kws/actions/descriptor.h"
#include "kws/model/workflow.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kws {

class ActionRegistry {
 public:
  // Adds a descriptor; returns false (and keeps the first) when the id or an alias is taken.
  bool Add(ActionDescriptor descriptor);
  // By id or alias; null when unknown.
  const ActionDescriptor* Find(std::string_view id) const;
  const std::vector<std::unique_ptr<ActionDescriptor>>& all() const { return all_; }
  size_t size() const { return all_.size(); }
  // Registers an app's rest_api action as a runnable custom action (handler renders its
  // inputTemplate with the step's params and sends it). Replaces an earlier one of that name.
  void AddAppAction(const AppAction& action);
  // Apps in palette order: AI, Aircall, Chat, Facebook, Gmail, Kustomer, Postmark, Scheduler, custom.
  std::vector<std::string> Apps() const;

 private:
  std::vector<std::unique_ptr<ActionDescriptor>> all_;
  std::map<std::string, const ActionDescriptor*, std::less<>> by_id_;
};

// One per family; each file under core/src/actions/<family>/ defines one of these.
void RegisterAiActions(ActionRegistry& r);            // ai/: conversation automate, intent, nlp
void RegisterChannelActions(ActionRegistry& r);       // channels/: aircall, chat, facebook, gmail, postmark
void RegisterConversationActions(ActionRegistry& r);  // conversation/
void RegisterCustomerActions(ActionRegistry& r);      // customer/ (incl. merge)
void RegisterCompanyActions(ActionRegistry& r);       // company/
void RegisterMessageActions(ActionRegistry& r);       // message/ (incl. customer last message)
void RegisterNoteActions(ActionRegistry& r);          // note/
void RegisterDraftActions(ActionRegistry& r);         // draft/
void RegisterKobjectActions(ActionRegistry& r);       // kobject/ (kobjects + klasses)
void RegisterUserActions(ActionRegistry& r);          // user/
void RegisterRoutingActions(ActionRegistry& r);       // routing/: work items, work sessions
void RegisterUtilityActions(ActionRegistry& r);       // utility/: regex, transform, rest api x2,
                                                      //   org current, publish event, hook get,
                                                      //   snippet find, command run, assistant launch
void RegisterSchedulerActions(ActionRegistry& r);     // scheduler/: schedule a workflow

void RegisterBuiltinActions(ActionRegistry& r);

// The shared registry of built-in actions (built on first use).
const ActionRegistry& BuiltinActions();

}  // namespace kws
