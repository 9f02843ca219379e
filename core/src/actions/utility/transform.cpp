// actions/utility/transform.cpp -- Transform Generic: stores JSON for later steps.
//
// Output: {"output": <object>}. The object is the `data` param (an object, or JSON text -- also
// the braces-less "a": 1, "b": 2 the seed's help shows) merged with every other param the step
// carries, because Kustomer users often put their keys straight into the step's params.
// Later steps read /#steps.<id>.output.<key>.

#include "actions/action_kit.h"
#include "actions/utility/utility.h"

namespace kws::utility {

namespace {

using namespace action_kit;

Outcome RunTransform(ActionContext& ctx) {
  std::string error;
  std::optional<Json> data = ObjectParam(ctx, "data", &error, ObjectWording::kBare);
  if (!data) return Outcome::Fail("transform.data.invalid", "\"Data\" " + error, "data");
  Json output = std::move(*data);
  const Json& params = ctx.params();
  if (params.is_object()) {
    for (auto it = params.begin(); it != params.end(); ++it) {
      if (it.key() != "data") output[it.key()] = it.value();
    }
  }
  if (output.empty() && !ctx.Param("data")) {
    return Outcome::Fail("step.param.missing",
                         "\"Data\" (data) is required: the JSON object to store, e.g. {\"variable1\": \"value1\"}", "data");
  }
  return Outcome::Ok(Json{{"output", std::move(output)}});
}

}  // namespace

ActionDescriptor TransformGeneric() {
  ActionDescriptor d = Descriptor("kustomer.transform.generic",
                                  "Transform Generic",
                                  "Allows users to store variables locally to be referenced in later workflow steps",
                                  /*inferred=*/true);
  d.aliases = {"kustomer.transform", "kustomer.transform-generic"};
  // Required, but enforced by the handler: the step may instead carry its keys directly as
  // params (each becomes a member of the output), which the engine's by-name check would reject.
  FieldSpec data = In("data", FieldType::kAny, false, "Data",
                      "Required. Data you'd like to store in JSON format. E.g.: \"variable1\": \"value1\", "
                      "\"variable2\":\"value2\", \"variable3\": \"value3\"");
  data.example = Json{{"variable1", "value1"}, {"variable2", "value2"}};
  d.inputs = {data};
  d.outputs = {Out("output", FieldType::kObject,
                   "An \"Output\" JSON object that contains the data added in the \"input\" field.", "Output")};
  d.output_help = "An \"Output\" JSON object that contains the data added in the \"input\" field.";
  d.handler = RunTransform;
  return d;
}

}  // namespace kws::utility
