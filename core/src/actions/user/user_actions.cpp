// actions/user/user_actions.cpp -- User: Find By Email, User: Find By ID, RegisterUserActions.
//
// Routes: GET /v1/users/email=:email, GET /v1/users/:id (docs/api/customers.md). Not found ->
// empty output.

#include "actions/action_kit.h"

#include "kws/actions/registry.h"

namespace kws {

namespace {

using namespace kws::action_kit;

constexpr const char* kUserOutputHelp =
    "Id: User ID DisplayName: User's display name Name: User's name UserType: Type of user (user/machine) Email: User "
    "email EmailVerifiedAt: Timestamp of when the user verified their email Email Signature: User's email signature "
    "CreatedAt: Timestamp of when the user was created UpdatedAt: Timestamp of when the user was last updated";

ActionDescriptor UserFindByEmail() {
  ActionDescriptor d = Descriptor("kustomer.user.find-by-email", "User: Find By Email", "Finds a user with the given email");
  d.inputs = {In("email", FieldType::kEmail, true, "Email", "Email address")};
  d.inputs[0].example = "alex@sandbox.example";
  d.outputs = UserOutputs();
  d.output_object = "user";
  d.output_help = kUserOutputHelp;
  d.handler = LookupByParamOrEmpty("email", "/v1/users/email=", "User lookup by email");
  return d;
}

ActionDescriptor UserFindById() {
  ActionDescriptor d = Descriptor("kustomer.user.find-by-id", "User: Find By ID", "Finds a user with the given User ID");
  d.aliases = {"kustomer.user.find"};
  d.inputs = {In("id", FieldType::kId, true, "Id", "User ID", "user")};
  d.outputs = UserOutputs();
  d.output_object = "user";
  d.output_help = kUserOutputHelp;
  d.handler = LookupByParamOrEmpty("id", "/v1/users/", "User lookup by ID");
  return d;
}

}  // namespace

void RegisterUserActions(ActionRegistry& r) {
  r.Add(UserFindByEmail());
  r.Add(UserFindById());
}

}  // namespace kws
