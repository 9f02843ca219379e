// actions/kobject/klass_actions.cpp -- Klass: Create and Klass: Lookup (By Klass name).
//
// Routes: POST /v1/klasses {name, status, displayName?, icon?, color?, description?} and
// GET /v1/klasses/:name (a name or a klass id) -- docs/api/objects.md.

#include "actions/action_kit.h"
#include "actions/kobject/kobject_actions.h"

namespace kws::kobject_actions {

using namespace kws::action_kit;

namespace {

constexpr const char* kKlassOutputHelp =
    "Id: Klass ID Name: Name of Klass Status: Status of the Klass (enabled/disabled). CreatedAt: Timestamp of when "
    "Klass was created. UpdatedAt: Timestamp of when Klass was last updated. Org: Org ID";

}  // namespace

ActionDescriptor KlassCreate() {
  ActionDescriptor d = Descriptor("kustomer.klass.create", "Klass: Create", "Creates a Klass");
  d.inputs = {
      In("name", FieldType::kString, true, "Name", "Name of the Klass you'd like to create"),
      InEnum("status", true, "Status", "enabled/disabled", {"enabled", "disabled"}),
      In("displayName", FieldType::kString, false, "DisplayName", "Name shown in the UI (default: the name)"),
      In("icon", FieldType::kString, false, "Icon", "Icon name, e.g. cart"),
      In("color", FieldType::kString, false, "Color", "Color, e.g. #4a90e2"),
      In("description", FieldType::kText, false, "Description", "What the klass holds"),
  };
  d.inputs[0].example = "order";
  d.outputs = KlassOutputs();
  d.output_object = "klass";
  d.output_help = kKlassOutputHelp;
  d.handler = [](ActionContext& ctx) -> Outcome {
    std::string name = Trim(ctx.String("name"));
    std::string status = Trim(ctx.String("status"));
    if (status != "enabled" && status != "disabled") {
      return Outcome::Fail("klass.status.invalid", "\"status\" expects enabled or disabled, got \"" + status + "\"",
                           "status");
    }
    Json body = Json::object({{"name", name}, {"status", status}});
    CopyScalars(ctx, {"displayName", "icon", "color", "description"}, &body);
    KWS_AWAIT(r, ctx.Api("POST", "/v1/klasses", body));
    return MutationOrNotFound(r, "Creating the klass", "the klasses endpoint does not exist", "");
  };
  return d;
}

ActionDescriptor KlassFindByName() {
  ActionDescriptor d = Descriptor("kustomer.klass.find-by-klassname", "Klass: Lookup (By Klass name)",
                                  "Finds a Klass with the given name");
  d.aliases = {"kustomer.klass.find-by-name", "kustomer.klass.find"};
  d.inputs = {In("name", FieldType::kString, true, "Name", "Name of the Klass you'd like to find.")};
  d.outputs = KlassOutputs();
  d.output_object = "klass";
  d.output_help = kKlassOutputHelp;
  d.handler = LookupByParamOrEmpty("name", "/v1/klasses/", "Klass lookup by name");
  return d;
}

}  // namespace kws::kobject_actions
