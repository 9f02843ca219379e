// actions/routing/routing.cpp -- Work Item Find By Queue, Work Item Find Next Work Item By
// Queue, Work Session Find By Status Type.
//
// List outputs: the seed says "a GET API response". The step output is that response with each
// resource flattened: {"data": [flattened items], "meta": {page, pageSize, total}, "links"},
// so conditions read /#steps.x.data.0.id, /#steps.x.meta.total and `exists /#steps.x.data.0`.
// A queue that does not exist is an empty output {} (a lookup, not an error).

#include "actions/action_kit.h"
#include "kws/actions/registry.h"

#include <algorithm>

namespace kws {

namespace {

using namespace action_kit;

const std::vector<std::string> kWorkItemStatuses = {"ivr", "queued", "routed", "assigned", "wrap-up", "completed"};

Json ListOutput(const CallResult& r) {
  Json out = Json::object();
  out["data"] = FlattenAll(r.data());
  const Json* meta = Find(r.response.json, "meta");
  out["meta"] = meta ? *meta : Json{{"total", out["data"].size()}};
  if (const Json* links = Find(r.response.json, "links")) out["links"] = *links;
  return out;
}

Outcome RunWorkItemsByQueue(ActionContext& ctx) {
  const std::string queue = Trim(ctx.String("queue"));
  std::string path = "/v1/routing/queues/" + Seg(queue) + "/work-items";
  std::string query;
  if (ctx.Has("status")) {
    const std::string status = Trim(ctx.String("status"));
    if (std::find(kWorkItemStatuses.begin(), kWorkItemStatuses.end(), status) == kWorkItemStatuses.end()) {
      return Outcome::Fail("routing.status.invalid",
                           "\"Status\" must be one of ivr, queued, routed, assigned, wrap-up, completed; got \"" + status + "\"",
                           "status");
    }
    query += "status=" + UrlEncode(status);
  }
  if (ctx.Has("page")) query += std::string(query.empty() ? "" : "&") + "page=" + UrlEncode(ctx.String("page"));
  if (ctx.Has("pageSize")) query += std::string(query.empty() ? "" : "&") + "pageSize=" + UrlEncode(ctx.String("pageSize"));
  if (!query.empty()) path += "?" + query;
  KWS_AWAIT(r, ctx.Api("GET", path));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromApi(r, "listing the work items of queue \"" + queue + "\"", "queue");
  return Outcome::Ok(ListOutput(r));
}

Outcome RunNextWorkItem(ActionContext& ctx) {
  const std::string queue = Trim(ctx.String("queue"));
  KWS_AWAIT(r, ctx.Api("GET", "/v1/routing/queues/" + Seg(queue) + "/work-items/next"));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromApi(r, "finding the next work item of queue \"" + queue + "\"", "queue");
  const Json& data = r.data();
  if (!data.is_object()) return Outcome::Empty();  // nothing waiting in the queue
  Json flat = FlattenResource(data);
  // The seed's outputs start with Id and Type ("will most likely say work-item").
  Json out = Json::object();
  out["id"] = flat.contains("id") ? flat["id"] : Json("");
  out["type"] = OutputType(GetString(data, "type", "work_item"));
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    if (it.key() != "id" && it.key() != "type") out[it.key()] = it.value();
  }
  return Outcome::Ok(std::move(out));
}

Outcome RunWorkSessionsByStatus(ActionContext& ctx) {
  const std::string queue = Trim(ctx.String("queue"));
  const std::string status = Trim(ctx.String("status"));
  if (status != "available" && status != "unavailable" && status != "busy" && status != "offline") {
    return Outcome::Fail("routing.status.invalid",
                         "\"Status\" must be available, unavailable or busy; got \"" + status + "\"", "status");
  }
  KWS_AWAIT(r, ctx.Api("GET", "/v1/routing/queues/" + Seg(queue) + "/work-sessions?statusType=" + UrlEncode(status)));
  if (r.status() == 404) return Outcome::Empty();
  if (!r.ok()) return FailFromApi(r, "listing the work sessions of queue \"" + queue + "\"", "queue");
  return Outcome::Ok(ListOutput(r));
}

FieldSpec QueueField() {
  FieldSpec f = In("queue", FieldType::kId, true, "Queue", "Queue ID", "queue");
  f.example = "6650a1b2c3d4e5f606000001";
  return f;
}

ActionDescriptor WorkItemFindByQueue() {
  ActionDescriptor d = Descriptor("kustomer.work-item.find-by-queue", "Work Item Find By Queue",
                                  "Finds all work items in the given Queue", /*inferred=*/true);
  d.aliases = {"kustomer.work-items.find-by-queue", "kustomer.routing.work-item.find-by-queue"};
  d.inputs = {
      QueueField(),
      InEnum("status", false, "Status", "Only work items in this status.", kWorkItemStatuses),
      In("page", FieldType::kNumber, false, "Page", "Page of the list (1-based; 100 items per page by default)."),
      In("pageSize", FieldType::kNumber, false, "PageSize", "Items per page (at most 1000)."),
  };
  d.outputs = {
      Out("data", FieldType::kArray, "The work items, each flattened (id + attributes + relationship ids).", "Data"),
      Out("meta", FieldType::kObject, "{page, pageSize, total}", "Meta"),
      Out("links", FieldType::kObject, "{self, first, prev, next}", "Links"),
  };
  d.output_help = "A GET API response to the v1/routing/queues/queueId/work-items endpoint";
  d.handler = RunWorkItemsByQueue;
  return d;
}

ActionDescriptor WorkItemFindNextByQueue() {
  ActionDescriptor d = Descriptor("kustomer.work-item.find-next-by-queue",
                                  "Work Item Find Next Work Item By Queue",
                                  "Finds the next work-item in the given queue that is going to be routed to an agent",
                                  /*inferred=*/true);
  d.aliases = {"kustomer.work-item.find-next", "kustomer.routing.work-item.find-next-by-queue"};
  d.inputs = {QueueField()};
  d.output_object = "work_item";
  d.outputs = {
      Out("id", FieldType::kId, "Work-item ID", "Id"),
      Out("type", FieldType::kString, "Type of object (will most likely say work-item).", "Type"),
      Out("resourceType", FieldType::kString, "Resource being worked on. Currently this is always conversation.", "ResourceType"),
      Out("status", FieldType::kString,
          "Current status that the work item is in. Will be one of ivr, queued, routed, assigned, wrap-up, completed.",
          "Status"),
      Out("paused", FieldType::kBoolean,
          "Whether or not this conversation is paused. Currently maps to snoozed state in conversation.", "Paused"),
      Out("channel", FieldType::kString, "Channel of the associated conversation.", "Channel"),
      Out("firstEnterQueueAt", FieldType::kDate, "Timestamp of when the work-item entered the queue.", "FirstEnterQueueAt"),
      Out("queuedCount", FieldType::kNumber, "Number of times the work-item has entered a queued state.", "QueuedCount"),
      Out("priority", FieldType::kNumber, "Priority of the associated queue.", "Priority"),
      Out("itemSize", FieldType::kNumber, "Weight of the item as indicated by the associated queue.", "ItemSize"),
      Out("createdAt", FieldType::kDate, "Timestamp of when work-item was created.", "CreatedAt"),
      Out("updatedAt", FieldType::kDate, "Time stamp of when work-item was last updated.", "UpdatedAt"),
      Out("modifiedAt", FieldType::kDate, "Timestamp of when the work-item was last modified.", "ModifiedAt"),
      Out("resourceRev", FieldType::kNumber, "Number of revisions of the associated resource (conversation).", "ResourceRev"),
      Out("resourceCreatedAt", FieldType::kDate,
          "Timestamp of when the associated resource (conversation) was created.", "ResourceCreatedAt"),
      Out("rev", FieldType::kNumber, "Number of revisions made on the work-item.", "Rev"),
      Out("lastRevision", FieldType::kObject,
          "Object containing information about the last revision made on the work-item.", "LastRevision"),
      Out("queue", FieldType::kId, "Queue ID of the associated queue", "Queue"),
  };
  d.output_help =
      "Id: Work-item ID Type: Type of object (will most likely say work-item). ResourceType: Resource being worked on. "
      "Currently this is always conversation. Status: Current status that the work item is in. Will be one of ivr, queued, "
      "routed, assigned, wrap-up, completed. Paused: Whether or not this conversation is paused. Currently maps to snoozed "
      "state in conversation. Channel: Channel of the associated conversation. FirstEnterQueueAt: Timestamp of when the "
      "work-item entered the queue. QueuedCount: Number of times the work-item has entered a queued state. Priority: "
      "Priority of the associated queue. ItemSize: Weight of the item as indicated by the associated queue. CreatedAt: "
      "Timestamp of when work-item was created. UpdatedAt: Time stamp of when work-item was last updated. ModifiedAt: "
      "Timestamp of when the work-item was last modified. ResourceRev: Number of revisions of the associated resource "
      "(conversation). ResourceCreatedAt: Timestamp of when the associated resource (conversation) was created. Rev: Number "
      "of revisions made on the work-item. LastRevision: Object containing information about the last revision made on the "
      "work-item. Queue: Queue ID of the associated queue";
  d.handler = RunNextWorkItem;
  return d;
}

ActionDescriptor WorkSessionFindByStatusType() {
  ActionDescriptor d = Descriptor("kustomer.work-session.find-by-status-type",
                                  "Work Session Find By Status Type",
                                  "Finds all work-sessions associated with the given queue that have the given status",
                                  /*inferred=*/true);
  d.aliases = {"kustomer.work-session.find-by-status", "kustomer.routing.work-session.find-by-status-type"};
  d.inputs = {
      QueueField(),
      InEnum("status", true, "Status", "Work-session status (available/unavailable/busy)", {"available", "unavailable", "busy"}),
  };
  d.inputs[1].example = "available";
  d.outputs = {
      Out("data", FieldType::kArray, "The work sessions, each flattened (id + attributes + relationship ids).", "Data"),
      Out("meta", FieldType::kObject, "{page, pageSize, total}", "Meta"),
      Out("links", FieldType::kObject, "{self, first, prev, next}", "Links"),
  };
  d.output_help =
      "A GET API response to the v1/routing/queues/queueId/work-sessions endpoint with a query on the given status.";
  d.handler = RunWorkSessionsByStatus;
  return d;
}

}  // namespace

void RegisterRoutingActions(ActionRegistry& r) {
  r.Add(WorkItemFindByQueue());
  r.Add(WorkItemFindNextByQueue());
  r.Add(WorkSessionFindByStatusType());
}

}  // namespace kws
