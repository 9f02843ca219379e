// kws/mocks/sim_org.h -- the simulated Kustomer org.
//
// An in-process Kustomer: a store of JSON:API resources (kustomer-format.md §5) with indexes
// for every lookup the actions do, an HTTP-shaped API with Kustomer's routes (see
// docs/kustomer-api.md for the route table), the Kustomer event every mutation emits (with the
// `changes` diff), an outbox of everything sent to channels and external services, snapshots
// and diffs, and import/export in the fixture format {"org": {...}, "resources": [...]}.
//
// Threading: single-threaded, like the engine. Ownership: SimOrg borrows the Clock and the
// IdGenerator (they must outlive it); it owns every resource.
#pragma once

#include "kws/base/clock.h"
#include "kws/base/error.h"
#include "kws/base/ids.h"
#include "kws/base/json.h"
#include "kws/connectors/http.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kws {

// A resource as stored: the JSON:API object {type, id, attributes, relationships, links}.
using Resource = Json;

// Route handler: `params` holds the path parameters by name (":id" -> params["id"]) and the
// decoded query (`query` object of strings); returns the HTTP answer.
struct RouteRequest {
  const HttpRequest& http;
  std::string method;
  std::string path;                     // "/v1/customers/abc"
  std::map<std::string, std::string> params;
  Json query = Json::object();
  const Json& body() const { return http.json; }  // parsed JSON body or null
};
using RouteHandler = std::function<HttpResponse(const RouteRequest&)>;

class SimOrg {
 public:
  SimOrg(Clock& clock, IdGenerator& ids);
  ~SimOrg();
  SimOrg(const SimOrg&) = delete;
  SimOrg& operator=(const SimOrg&) = delete;

  // ---- Org settings --------------------------------------------------------------------------
  // {"id", "name", "displayName", "domain", "locale", "timeZone", "brand": {...}}
  const Json& org() const { return org_; }
  void SetOrg(Json org);
  const std::string& org_id() const;

  // ---- Store ---------------------------------------------------------------------------------
  // Types are Kustomer's resource types: customer, company, conversation, message, note, draft,
  // kobject, klass, user, team, queue, work_item, work_session, snippet, hook, tag, workflow,
  // workflow-variable, classification-model, assistant, knowledge-article, command, ...
  const Resource* Get(std::string_view type, std::string_view id) const;
  // Creates a resource: assigns id (unless attributes carry none and `id` is given), createdAt,
  // updatedAt, modifiedAt, rev=1, relationships.org; maintains indexes; emits
  // kustomer.<type>.create (kobjects: kustomer.kobject.<klass>.create) unless `silent`.
  // Returned references/pointers (here and from Update) stay valid until the resource is
  // hard-deleted; if the event sink deletes it during this very call, until the next mutation.
  const Resource& Create(std::string_view type, Json attributes, Json relationships = Json::object(),
                         std::string id = "", bool silent = false);
  // Applies an attribute patch (top-level keys replace; `custom` merges key by key) and a
  // relationship patch ({"customer": "<id>"} or {"queue": null}); bumps rev/updatedAt/
  // modifiedAt; emits kustomer.<type>.update with the `changes` diff (op/before/after,
  // custom diffed as one object). Returns null if not found. No event when nothing changed.
  const Resource* Update(std::string_view type, std::string_view id, const Json& attribute_patch,
                         const Json& relationship_patch = Json::object(), bool silent = false);
  // Soft delete sets attributes.deleted = true (+ deletedAt) and emits update; hard delete
  // removes it (+ emits kustomer.<type>.delete). False if not found.
  bool Delete(std::string_view type, std::string_view id, bool soft);
  // All live resources of a type in creation order (soft-deleted ones included; filter on
  // attributes.deleted when needed).
  std::vector<const Resource*> List(std::string_view type) const;
  size_t Count(std::string_view type) const;
  // Types that hold at least one resource, sorted.
  std::vector<std::string> Types() const;
  // Adds a resource exactly as given (fixture import; no event, keeps timestamps and id).
  Result<const Resource*> Insert(Resource resource);

  // ---- Indexes -------------------------------------------------------------------------------
  // An index maps normalized keys to resource ids of one type. `keys` extracts the keys of a
  // resource (lowercased emails, E.164-ish digits for phones, ...). Defined once at start-up;
  // maintained on every create/update/delete. Lookups are O(1) average.
  using KeyFn = std::function<std::vector<std::string>(const Resource&)>;
  void DefineIndex(std::string_view type, std::string_view index, KeyFn keys);
  // First live (not deleted) resource with that key, in creation order; null if none.
  const Resource* FindBy(std::string_view type, std::string_view index, std::string_view key) const;
  std::vector<const Resource*> FindAllBy(std::string_view type, std::string_view index,
                                         std::string_view key) const;

  // ---- Events --------------------------------------------------------------------------------
  // Kustomer's envelope {"id","name","org","data": resource, "changes": {...}, "createdAt"}.
  using EventSink = std::function<void(const Json& event)>;
  void SetEventSink(EventSink sink) { sink_ = std::move(sink); }
  void Emit(Json event);   // stamps id/org/createdAt when absent and forwards to the sink
  // Builds the `changes` diff between two resources of the same type.
  static Json Diff(const Resource& before, const Resource& after);

  // ---- HTTP API ------------------------------------------------------------------------------
  // Patterns: "/v1/customers/:id", "/v1/customers/email=:email" (literal prefix then param).
  void AddRoute(std::string method, std::string pattern, RouteHandler handler);
  // Answers a request for a Kustomer API host. Unknown route -> 404 JSON:API error.
  HttpResponse Handle(const HttpRequest& request);
  // JSON:API helpers for route handlers.
  static HttpResponse Ok(const Resource& r, int status = 200);                 // {"data": r}
  static HttpResponse OkList(const std::vector<const Resource*>& rs, const Json& meta = Json());
  static HttpResponse NotFound(std::string_view what);                         // 404 {"errors":[...]}
  static HttpResponse BadRequest(std::string_view message, std::string_view pointer = "");

  // ---- Outbox --------------------------------------------------------------------------------
  // Everything sent out: chat/email/sms messages, Aircall contacts, Facebook handovers, HTTP
  // requests to non-Kustomer hosts. Entry: {"kind","channel"?, "at", "request"?, "response"?, ...}.
  void RecordOutbox(Json entry);
  const Json& outbox() const { return outbox_; }

  // ---- Time ----------------------------------------------------------------------------------
  // Earliest time something in the org falls due (a draft's sendAt), or nullopt.
  std::optional<TimeMs> NextDue() const;
  // Performs everything due at or before Now() (sends due drafts: creates the message, records
  // the outbox entry, marks the draft sent, emits events).
  void RunDue();

  // ---- Snapshots, fixtures -------------------------------------------------------------------
  // The whole org in the fixture format {"org": {...}, "resources": [...]}, resources sorted by
  // type then creation order. Deterministic.
  Json Export() const;
  // Replaces the whole org with a fixture. Errors carry pointers into the fixture
  // ("/resources/12/type": "expected a string"). Resources without id get one.
  Errors Import(const Json& fixture);
  // Same, moving the resources out of the fixture instead of copying them (big orgs).
  Errors Import(Json&& fixture);
  void Clear();
  // What changed between two exports: {"created": [...], "updated": [{type,id,changes}], "deleted": [...]}.
  static Json DiffSnapshots(const Json& before, const Json& after);

  // ---- Time travel: the mutation journal ------------------------------------------------------
  // Off by default. When on, every mutation -- Create, Update that changed something (soft
  // Delete included), hard Delete, Insert, SetOrg, RecordOutbox -- appends one entry, so the
  // org can be seen (ExportAt) or put back (RewindTo) as it was at any earlier point, and the
  // change between two points listed (JournalDiff). The debugger records a mark before and
  // after each step (Sandbox::EnableTimeTravel).
  //
  // Marks are absolute positions in the journal: JournalMark() is how many entries were ever
  // journaled. They are never reused while the org lives, with one exception: RewindTo drops
  // the entries after its mark, so the marks after it are handed out again. A reset (Import,
  // Clear, turning journaling on or off) counts as one position of its own that cannot be
  // undone: every mark taken before it becomes unavailable, which is what "the org was
  // reloaded since" must mean to a caller holding old marks. The journal keeps the last
  // kJournalCapacity entries; older marks become unavailable too (JournalBase() moves up).
  // Unavailable marks give Error{"timetravel.unavailable", "", <why>}.
  //
  // Cost: an Update entry keeps a copy of the resource before it, a hard Delete one of the
  // resource deleted; Create, Insert and outbox entries keep no copy.
  static constexpr size_t kJournalCapacity = 50000;
  void SetJournaling(bool on);  // a change of state resets the journal (see above)
  bool journaling() const;
  uint64_t JournalMark() const;  // the current position
  uint64_t JournalBase() const;  // the oldest mark still available (== JournalMark() if empty)
  // What the org's resources went through between two marks, in the shape of DiffSnapshots
  // (resources listed by type then creation order): {"created": [resources as they were at
  // `end`], "updated": [{"type", "id", "changes"}] (changes as Diff(state at begin, state at
  // end)), "deleted": [resources as they were at `begin`]}. A resource created and deleted in
  // between is not listed. Marks out of range (or begin > end) give the empty diff.
  Json JournalDiff(uint64_t begin, uint64_t end) const;
  // The fixture (as Export()) as it was at `mark`. Done by undoing the later entries in place,
  // exporting and redoing them, silently: afterwards the org is bit for bit what it was
  // (resources, creation order, indexes; pointers handed out stay valid). Hence const.
  Result<Json> ExportAt(uint64_t mark) const;
  // Puts the org back as it was at `mark` for good, silently (no events): undoes and drops the
  // entries after it (a hard-deleted resource comes back at its creation position) and
  // truncates the outbox to what it held then. Pointers to resources created after the mark
  // become invalid. nullopt on success.
  std::optional<Error> RewindTo(uint64_t mark);

  Clock& clock() { return clock_; }
  IdGenerator& ids() { return ids_; }

  // ---- Helpers shared with the route families ------------------------------------------------
  // Kustomer's collection path of a type: "/v1/customers", "/v1/routing/queues",
  // "/v1/routing/work-items"; kobjects live under their klass (see SelfLink); unknown types
  // get "/v1/<type>s".
  static std::string CollectionPath(std::string_view type);
  // links.self of a resource: "/v1/customers/<id>", "/v1/klasses/<klass>/kobjects/<id>".
  std::string SelfLink(std::string_view type, const Resource& r) const;
  // A kobject's klass name: the name of the klass resource relationships.klass points at, else
  // attributes.klassName, else the relationship id itself (fixtures may use the name as id).
  std::string KlassNameOf(const Resource& kobject) const;
  // "kustomer.customer.update", "kustomer.work-item.create", "kustomer.kobject.order.update".
  std::string EventName(std::string_view type, const Resource& r, std::string_view verb) const;
  // A relationship value in JSON:API form: "abc" -> {"data": {"type": <inferred from the key>,
  // "id": "abc"}}; {"type","id"} -> {"data": {...}}; arrays of ids -> to-many data; objects
  // with "data" are kept. null (and anything unusable) -> null, which means "remove".
  static Json NormalizeRelationship(std::string_view key, const Json& value);
  // relationships.<key>.data.id, or "" when absent.
  static std::string RelatedId(const Resource& r, std::string_view key);
  // One page of a list: reads ?page= (1-based, default 1) and ?pageSize= (default 100, at most
  // 1000) from the request; {"data", "meta": {page, pageSize, total}, "links": {self, first,
  // prev, next}}.
  static HttpResponse OkPage(const RouteRequest& request, const std::vector<const Resource*>& all);

  struct Impl;

 private:
  Errors ImportFrom(const Json& fixture, Json* movable);

  Clock& clock_;
  IdGenerator& ids_;
  Json org_;
  Json outbox_ = Json::array();
  EventSink sink_;
  std::unique_ptr<Impl> impl_;
};

// Installs every route and index (one function per resource family, in mocks/src/routes_*.cpp).
void InstallCustomerRoutes(SimOrg& org);      // customers, companies, merges
void InstallConversationRoutes(SimOrg& org);  // conversations, tags, merges, messages, notes, events
void InstallMessageRoutes(SimOrg& org);       // messages, notes, drafts, channel sends
void InstallObjectRoutes(SimOrg& org);        // klasses, kobjects
void InstallDirectoryRoutes(SimOrg& org);     // users, teams, queues, work items/sessions, snippets,
                                              // hooks, tags, org, workflow variables, commands
void InstallAiRoutes(SimOrg& org);            // classification models, nlp, assistants, automation
void InstallAllRoutes(SimOrg& org);

}  // namespace kws
