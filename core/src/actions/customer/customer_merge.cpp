// actions/customer/customer_merge.cpp -- Merge Customers.
//
// POST /v1/customers/merges {source, target}: the org applies Kustomer's merge rules (the
// target keeps its attributes and gains the source's emails, phones, social ids...; the
// source's conversations, messages, notes, drafts and kobjects move to the target; the source is
// soft-deleted) and answers the merge request {type: "customer-merge", id, attributes: {status,
// source, target, createdAt, updatedAt}}, which is the output, flattened.

#include "actions/action_kit.h"
#include "actions/customer/customer_actions.h"

namespace kws::customer_actions {

using namespace kws::action_kit;

ActionDescriptor Merge() {
  ActionDescriptor d = Descriptor("kustomer.customer.merge", "Merge Customers",
                                  "Merges two customer profiles into one profile");
  d.aliases = {"kustomer.customer.merge-customers"};
  d.inputs = {
      In("source", FieldType::kId, true, "Source",
         "ID of the customer you'd like to merge into another conversation. This profile will be soft deleted.",
         "customer"),
      In("target", FieldType::kId, true, "Target",
         "ID of the customer you'd like the source to merge into. This profile will remain active.", "customer"),
  };
  d.outputs = {
      Out("id", FieldType::kId, "ID of customer merge request"),
      Out("status", FieldType::kString, "Status of the request (In most cases this will say success)."),
  };
  d.output_help = "Id: ID of customer merge request Status: Status of the request (In most cases this will say success).";
  d.handler = [](ActionContext& ctx) -> Outcome {
    const std::string source = Trim(ctx.String("source")), target = Trim(ctx.String("target"));
    if (source == target) {
      return Outcome::Fail("customer.merge.same",
                           "\"source\" and \"target\" are the same customer (" + source + "): nothing to merge",
                           "target");
    }
    KWS_AWAIT(r, ctx.Api("POST", "/v1/customers/merges", Json::object({{"source", source}, {"target", target}})));
    if (r.ok()) return Outcome::Ok(FlattenResource(r.data()));
    std::string field = PointerField(r);
    if (field.empty()) field = "source";
    const std::string& which = field == "target" ? target : source;
    return FailFromAnswer(r, "Merging the customers", "customer \"" + which + "\" does not exist", field);
  };
  return d;
}

}  // namespace kws::customer_actions
