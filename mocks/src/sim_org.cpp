// sim_org.cpp -- the simulated Kustomer org: store, indexes, events, router, outbox, fixtures.
//
// Index of this file:
// - [SECTION] Helpers (hashing, order-insensitive equality, type tables, relationship kinds)
// - [SECTION] Impl (per-type stores, indexes, routes)
// - [SECTION] Construction, org settings
// - [SECTION] Store (Get, Create, Update, Delete, List, Insert)
// - [SECTION] Indexes
// - [SECTION] Events and Diff
// - [SECTION] Router (AddRoute, Handle)
// - [SECTION] JSON:API helpers
// - [SECTION] Generic REST routes
// - [SECTION] Outbox
// - [SECTION] Drafts (NextDue, RunDue)
// - [SECTION] Snapshots, fixtures (Export, Import, Clear, DiffSnapshots)
// - [SECTION] Time travel (the mutation journal: JournalDiff, ExportAt, RewindTo)
//
// Invariants:
// - Every resource lives in a std::list node of its type's store, so pointers handed out by
//   Get/FindBy/List stay valid until that resource is hard-deleted (or the org is cleared).
// - Creation order is the list order; each node also carries a global sequence number so an
//   index can keep its per-key id lists in creation order after an update moves a key.
// - The event sink runs synchronously and may mutate the org: nothing here holds an iterator,
//   a reference into a JSON value or a route reference across a sink or handler call.
// - Each store's list is sorted by seq (appends take the next seq; nothing reorders), which
//   lets the journal put an undeleted node back where it was created.
// - With journaling on, every mutation records its entry before emitting its event, so the
//   mutations the sink makes in answer come after it in the journal.

#include "kws/mocks/sim_org.h"

#include "kws/base/strings.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <deque>
#include <list>
#include <unordered_set>

namespace kws {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

namespace {

constexpr const char* kDefaultOrgId = "65f1a0c0e4b0a1b2c3d4e5f6";
constexpr uint64_t kEventIdSeed = 0x6576656e7473ULL;  // "events"

// Transparent hashing so lookups by string_view do not allocate.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Equality that ignores object key order (ordered_json's == does not): a patch that rewrites an
// object with the same content in another order is not a change. Depth-guarded: past the
// guard it falls back to the order-sensitive comparison.
bool SameJson(const Json& a, const Json& b, int depth = 0) {
  if (a.type() != b.type()) {
    if (a.is_number() && b.is_number()) return a == b;
    return false;
  }
  if (depth > 128) return a == b;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto jt = b.find(it.key());
      if (jt == b.end() || !SameJson(it.value(), *jt, depth + 1)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SameJson(a[i], b[i], depth + 1)) return false;
    }
    return true;
  }
  return a == b;
}

const Json& NullJson() {
  static const Json kNull;
  return kNull;
}

const Json& Member(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  return v ? *v : NullJson();
}

// Type -> collection path and the generic REST behaviour. One table for links, routes and docs.
struct TypeInfo {
  const char* type;
  const char* collection;  // URL path of the collection
  bool soft_delete;        // DELETE marks attributes.deleted instead of removing
};
constexpr TypeInfo kTypes[] = {
    {"customer", "/v1/customers", true},
    {"company", "/v1/companies", true},
    {"conversation", "/v1/conversations", true},
    {"message", "/v1/messages", false},
    {"note", "/v1/notes", false},
    {"draft", "/v1/drafts", false},
    {"user", "/v1/users", false},
    {"team", "/v1/teams", false},
    {"snippet", "/v1/snippets", false},
    {"tag", "/v1/tags", false},
    {"hook", "/v1/hooks", false},
    {"klass", "/v1/klasses", false},
    {"workflow", "/v1/workflows", false},
    {"workflow-variable", "/v1/workflow-variables", false},
    {"queue", "/v1/routing/queues", false},
    {"work_item", "/v1/routing/work-items", false},
    {"work_session", "/v1/routing/work-sessions", false},
    {"classification-model", "/v1/classification-models", false},
    {"assistant", "/v1/assistants", false},
    {"knowledge-article", "/v1/knowledge-articles", false},
    {"command", "/v1/commands", false},
};

const TypeInfo* FindTypeInfo(std::string_view type) {
  for (const TypeInfo& t : kTypes) {
    if (type == t.type) return &t;
  }
  return nullptr;
}

// Relationship key -> resource type of the related object.
struct RelKind {
  const char* key;
  const char* type;
};
constexpr RelKind kRelKinds[] = {
    {"customer", "customer"},   {"company", "company"},         {"conversation", "conversation"},
    {"queue", "queue"},         {"user", "user"},               {"team", "team"},
    {"klass", "klass"},         {"message", "message"},         {"brand", "brand"},
    {"org", "org"},             {"note", "note"},               {"draft", "draft"},
    {"kobject", "kobject"},     {"snippet", "snippet"},         {"hook", "hook"},
    {"tag", "tag"},             {"workflow", "workflow"},       {"createdBy", "user"},
    {"modifiedBy", "user"},     {"updatedBy", "user"},          {"deletedBy", "user"},
    {"sentBy", "user"},         {"assignedTo", "user"},         {"acceptedBy", "user"},
    {"assignedUser", "user"},   {"assignedUsers", "user"},      {"assignedTeam", "team"},
    {"assignedTeams", "team"},  {"resource", "conversation"},   {"workItem", "work_item"},
    {"workSession", "work_session"}, {"rule", "queue-rule"},    {"lastRevision", "work-item-revision"},
    {"routingSettings", "routing-setting"},                     {"status", "routing-status"},
    {"userMentions", "user"},   {"members", "user"},            {"messages", "message"},
    {"notes", "note"},          {"tags", "tag"},                {"users", "user"},
    {"teams", "team"},          {"conversations", "conversation"}, {"customers", "customer"},
};

std::string InferRelType(std::string_view key) {
  for (const RelKind& k : kRelKinds) {
    if (key == k.key) return k.type;
  }
  return std::string(key);
}

// Keys of a plain (non JSON:API) request body that name related objects, as Kustomer's create
// bodies do ({"customer": "<id>", "channel": "email", ...}).
constexpr const char* kPlainRelKeys[] = {"customer", "company", "conversation", "queue", "brand",
                                         "klass", "message", "createdBy", "modifiedBy"};

bool IsRelationshipValue(const Json& v) {
  if (v.is_string() || v.is_null()) return true;
  if (v.is_object()) return v.contains("data") || (v.contains("type") && v.contains("id"));
  return false;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Decodes %XX in a path segment. Unlike UrlDecode (query components), '+' stays '+': phone
// numbers and plus-addressed emails travel in paths.
std::string PathDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segs;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (path.size() > 0 && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return segs;
  while (true) {
    size_t slash = path.find('/');
    segs.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segs;
}

std::optional<TimeMs> TimeOf(const Json& v) {
  if (v.is_number()) return static_cast<TimeMs>(v.get<double>());
  if (v.is_string()) return ParseIso(v.get_ref<const std::string&>());
  return std::nullopt;
}

Json ErrorBody(int status, std::string_view code, std::string_view title, std::string_view pointer = "") {
  Json err = Json::object();
  err["status"] = std::to_string(status);
  err["code"] = code;
  err["title"] = title;
  if (!pointer.empty()) err["source"] = Json::object({{"pointer", pointer}});
  return Json::object({{"errors", Json::array({std::move(err)})}});
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Impl
//-------------------------------------------------------------------------------------------------

struct SimOrg::Impl {
  struct Node {
    Json res;
    uint64_t seq;
  };
  using NodeList = std::list<Node>;

  struct Index {
    KeyFn keys;
    StringMap<std::vector<Node*>> map;  // key -> nodes in creation (seq) order
  };

  struct TypeStore {
    NodeList nodes;                          // creation order
    StringMap<NodeList::iterator> by_id;
    std::map<std::string, Index, std::less<>> indexes;
  };

  struct Segment {
    enum Kind { kParam = 0, kPrefix = 1, kLiteral = 2 } kind;
    std::string text;  // literal text, or the prefix of a kPrefix segment
    std::string name;  // parameter name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    RouteHandler handler;
    size_t order;
  };

  // One journaled mutation (see the Time travel section). "Applied" = the org is after it.
  struct JournalEntry {
    enum Kind : uint8_t { kCreate, kUpdate, kRemove, kOutbox, kOrg } kind;
    std::string type, id;  // resource entries
    uint64_t seq = 0;      // resource entries: the node's seq; kOutbox: outbox_seq before it
    Json other;            // kUpdate: the resource on the other side of the entry (the state
                           // before it while applied, after it while undone); kOrg: the org
                           // settings before it
    NodeList parked;       // the node out of the store: kRemove while applied, kCreate while
                           // undone (splicing keeps its address, so pointers survive ExportAt)
  };
  struct Journal {
    bool on = false;
    bool suspended = false;  // Import builds a new org: its inserts are not journaled
    uint64_t base = 0;       // absolute mark of entries.front()
    std::deque<JournalEntry> entries;
  };

  std::map<std::string, TypeStore, std::less<>> types;  // sorted by type: Export order for free
  Journal journal;
  uint64_t next_seq = 0;
  uint64_t outbox_seq = 0;
  int emit_depth = 0;   // > 0 while the event sink runs
  NodeList graveyard;   // nodes hard-deleted from inside the sink (see Remove)
  IdGenerator event_ids{kEventIdSeed};
  std::vector<std::shared_ptr<const Route>> routes;

  TypeStore& Store(std::string_view type) {
    auto it = types.find(type);
    if (it == types.end()) it = types.emplace(std::string(type), TypeStore()).first;
    return it->second;
  }
  TypeStore* FindStore(std::string_view type) {
    auto it = types.find(type);
    return it == types.end() ? nullptr : &it->second;
  }
  const TypeStore* FindStore(std::string_view type) const {
    auto it = types.find(type);
    return it == types.end() ? nullptr : &it->second;
  }
  static Node* FindNode(const TypeStore& ts, std::string_view id) {
    auto it = ts.by_id.find(id);
    return it == ts.by_id.end() ? nullptr : &*it->second;
  }

  // Keys of a resource for an index, deduplicated. A key function that throws on an odd
  // fixture shape (it should not) indexes nothing rather than taking the org down.
  static std::vector<std::string> KeysOf(const Index& index, const Json& res) {
    std::vector<std::string> keys;
    try {
      keys = index.keys(res);
    } catch (const std::exception&) {
      keys.clear();
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  }

  static void IndexAdd(Index& index, const std::string& key, Node* node) {
    std::vector<Node*>& v = index.map[key];
    if (v.empty() || v.back()->seq < node->seq) {
      v.push_back(node);
      return;
    }
    auto pos = std::lower_bound(v.begin(), v.end(), node->seq,
                                [](const Node* n, uint64_t seq) { return n->seq < seq; });
    if (pos == v.end() || *pos != node) v.insert(pos, node);
  }

  static void IndexRemove(Index& index, const std::string& key, Node* node) {
    auto it = index.map.find(key);
    if (it == index.map.end()) return;
    std::vector<Node*>& v = it->second;
    auto pos = std::lower_bound(v.begin(), v.end(), node->seq,
                                [](const Node* n, uint64_t seq) { return n->seq < seq; });
    if (pos != v.end() && *pos == node) v.erase(pos);
    if (v.empty()) index.map.erase(it);
  }

  Node* Add(TypeStore& ts, std::string id, Json res) {
    ts.nodes.push_back(Node{std::move(res), next_seq++});
    auto it = std::prev(ts.nodes.end());
    ts.by_id.emplace(std::move(id), it);
    Node* node = &*it;
    for (auto& [name, index] : ts.indexes) {
      for (const std::string& key : KeysOf(index, node->res)) IndexAdd(index, key, node);
    }
    return node;
  }

  // Re-keys a node after its resource changed from `before`.
  static void Reindex(TypeStore& ts, Node* node, const Json& before) {
    for (auto& [name, index] : ts.indexes) {
      std::vector<std::string> old_keys = KeysOf(index, before);
      std::vector<std::string> new_keys = KeysOf(index, node->res);
      if (old_keys == new_keys) continue;
      for (const std::string& k : old_keys) {
        if (!std::binary_search(new_keys.begin(), new_keys.end(), k)) IndexRemove(index, k, node);
      }
      for (const std::string& k : new_keys) {
        if (!std::binary_search(old_keys.begin(), old_keys.end(), k)) IndexAdd(index, k, node);
      }
    }
  }

  // Unlinks a node from its store and indexes and hands back its resource.
  // Unlinks a node from its store and indexes and hands back its resource. Inside a sink call
  // the node moves to the graveyard instead of being freed: the mutation that emitted the event
  // may still return a pointer to it (a sink deleting what it was just told about).
  Json Remove(TypeStore& ts, const std::string& id) {
    auto it = ts.by_id.find(id);
    if (it == ts.by_id.end()) return Json();
    Node* node = &*it->second;
    for (auto& [name, index] : ts.indexes) {
      for (const std::string& key : KeysOf(index, node->res)) IndexRemove(index, key, node);
    }
    Json res;
    if (emit_depth > 0) {
      res = node->res;
      graveyard.splice(graveyard.end(), ts.nodes, it->second);
    } else {
      res = std::move(node->res);
      ts.nodes.erase(it->second);
    }
    ts.by_id.erase(it);
    return res;
  }

  // Called on entry of every top-level mutation: nothing can point into the graveyard any more.
  void Bury() {
    if (emit_depth == 0 && !graveyard.empty()) graveyard.clear();
  }

  // ---- Journal ----
  bool Journaling() const { return journal.on && !journal.suspended; }
  void Record(JournalEntry entry) {
    journal.entries.push_back(std::move(entry));
    if (journal.entries.size() > kJournalCapacity) {
      journal.entries.pop_front();
      ++journal.base;
    }
  }
  void RecordResource(JournalEntry::Kind kind, const std::string& type, const std::string& id, uint64_t seq,
                      Json other = Json()) {
    if (!Journaling()) return;
    JournalEntry e{kind, type, id, seq, std::move(other), {}};
    Record(std::move(e));
  }
  // Drops every entry; the position of the reset itself is never a valid mark, so marks taken
  // before it cannot alias marks taken after it.
  void ResetJournal() {
    journal.base += journal.entries.size() + 1;
    journal.entries.clear();
  }
  uint64_t JournalEnd() const { return journal.base + journal.entries.size(); }

  // Takes a node out of its store (indexes, id map, list) into `to`, keeping its address.
  static void Unlink(TypeStore& ts, const std::string& id, NodeList& to) {
    auto it = ts.by_id.find(id);
    assert(it != ts.by_id.end() && "journal out of step with the store");
    if (it == ts.by_id.end()) return;
    NodeList::iterator node = it->second;
    for (auto& [name, index] : ts.indexes) {
      for (const std::string& key : KeysOf(index, node->res)) IndexRemove(index, key, &*node);
    }
    ts.by_id.erase(it);
    to.splice(to.end(), ts.nodes, node);
  }
  // Puts the single node of `from` back at its creation position (seq order) and re-indexes it.
  static void Relink(TypeStore& ts, const std::string& id, NodeList& from) {
    assert(from.size() == 1);
    if (from.empty()) return;
    const uint64_t seq = from.front().seq;
    auto pos = ts.nodes.end();
    while (pos != ts.nodes.begin() && std::prev(pos)->seq > seq) --pos;
    ts.nodes.splice(pos, from, from.begin());
    NodeList::iterator node = std::prev(pos);
    ts.by_id.emplace(id, node);
    for (auto& [name, index] : ts.indexes) {
      for (const std::string& key : KeysOf(index, node->res)) IndexAdd(index, key, &*node);
    }
  }
  // Undoes (redo = false) or redoes a resource entry in place. Undo then redo restores the org
  // exactly: the same nodes (spliced, not copied) at the same positions with the same keys.
  void Apply(JournalEntry& e, bool redo) {
    // Not resources: ExportAt ignores them, RewindTo handles them.
    if (e.kind == JournalEntry::kOutbox || e.kind == JournalEntry::kOrg) return;
    TypeStore& ts = Store(e.type);
    switch (e.kind) {
      case JournalEntry::kCreate:
        if (redo) Relink(ts, e.id, e.parked);
        else Unlink(ts, e.id, e.parked);
        break;
      case JournalEntry::kRemove:
        if (redo) Unlink(ts, e.id, e.parked);
        else Relink(ts, e.id, e.parked);
        break;
      case JournalEntry::kUpdate: {
        Node* node = FindNode(ts, e.id);
        assert(node && "journal out of step with the store");
        if (!node) return;
        std::swap(node->res, e.other);
        Reindex(ts, node, e.other);  // e.other now holds the state the node had
        break;
      }
      case JournalEntry::kOutbox:
      case JournalEntry::kOrg:
        break;
    }
  }

  void ClearResources() {
    for (auto& [type, ts] : types) {
      ts.by_id.clear();
      ts.nodes.clear();
      for (auto& [name, index] : ts.indexes) index.map.clear();
    }
    next_seq = 0;
    outbox_seq = 0;
    event_ids.Reset(kEventIdSeed);
    graveyard.clear();
  }
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Construction, org settings
//-------------------------------------------------------------------------------------------------

namespace {
void InstallGenericRoutes(SimOrg& org);
}

SimOrg::SimOrg(Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids), impl_(std::make_unique<Impl>()) {
  org_ = Json::object({{"id", kDefaultOrgId}, {"name", "sandbox"}, {"displayName", "Sandbox Org"}});
  InstallGenericRoutes(*this);
}

SimOrg::~SimOrg() = default;

void SimOrg::SetOrg(Json org) {
  if (!org.is_object()) return;
  const Json* id = Find(org, "id");
  std::string keep = org_id();
  Json out = Json::object();
  out["id"] = (id && id->is_string() && !id->get_ref<const std::string&>().empty()) ? *id : Json(keep);
  for (auto it = org.begin(); it != org.end(); ++it) {
    if (it.key() != "id") out[it.key()] = std::move(it.value());
  }
  if (impl_->Journaling() && out != org_) {
    Impl::JournalEntry e{Impl::JournalEntry::kOrg, "", "", 0, org_, {}};
    impl_->Record(std::move(e));
  }
  org_ = std::move(out);
}

const std::string& SimOrg::org_id() const { return org_["id"].get_ref<const std::string&>(); }

//-------------------------------------------------------------------------------------------------
// [SECTION] Store
//-------------------------------------------------------------------------------------------------

std::string SimOrg::CollectionPath(std::string_view type) {
  if (const TypeInfo* t = FindTypeInfo(type)) return t->collection;
  if (type == "kobject") return "";
  std::string out = "/v1/";
  out += type;
  out += 's';
  return out;
}

std::string SimOrg::KlassNameOf(const Resource& kobject) const {
  std::string rel = RelatedId(kobject, "klass");
  if (!rel.empty()) {
    if (const Resource* klass = Get("klass", rel)) {
      std::string name = GetString(Member(*klass, "attributes"), "name");
      if (!name.empty()) return name;
    }
  }
  std::string attr = GetString(Member(kobject, "attributes"), "klassName");
  if (!attr.empty()) return attr;
  return rel;
}

std::string SimOrg::SelfLink(std::string_view type, const Resource& r) const {
  std::string id = GetString(r, "id");
  if (type == "kobject") return "/v1/klasses/" + KlassNameOf(r) + "/kobjects/" + id;
  return CollectionPath(type) + "/" + id;
}

Json SimOrg::NormalizeRelationship(std::string_view key, const Json& value) {
  auto ref = [&](const Json& v) -> Json {
    if (v.is_string()) {
      if (v.get_ref<const std::string&>().empty()) return Json();
      return Json::object({{"type", InferRelType(key)}, {"id", v}});
    }
    if (v.is_object()) {
      const Json* id = Find(v, "id");
      if (!id || !id->is_string()) return Json();
      const Json* type = Find(v, "type");
      return Json::object({{"type", type && type->is_string() ? *type : Json(InferRelType(key))}, {"id", *id}});
    }
    return Json();
  };
  if (value.is_string()) {
    Json data = ref(value);
    return data.is_null() ? Json() : Json::object({{"data", std::move(data)}});
  }
  if (value.is_array()) {
    Json data = Json::array();
    for (const Json& v : value) {
      Json d = ref(v);
      if (!d.is_null()) data.push_back(std::move(d));
    }
    return Json::object({{"data", std::move(data)}});
  }
  if (value.is_object()) {
    if (const Json* data = Find(value, "data")) {
      if (data->is_object() || data->is_array() || data->is_null()) return value;  // JSON:API already
      Json out = value;
      out["data"] = ref(*data);
      if (out["data"].is_null()) return Json();
      return out;
    }
    if (value.contains("id")) {
      Json d = ref(value);
      return d.is_null() ? Json() : Json::object({{"data", std::move(d)}});
    }
    // Links-only relationships ({"links": {...}}) are legitimate JSON:API; keep them.
    if (value.contains("links") || value.contains("meta")) return value;
  }
  return Json();
}

std::string SimOrg::RelatedId(const Resource& r, std::string_view key) {
  const Json* rels = Find(r, "relationships");
  if (!rels) return "";
  const Json* rel = Find(*rels, key);
  if (!rel) return "";
  const Json* data = Find(*rel, "data");
  if (!data) return "";
  return GetString(*data, "id");
}

const Resource* SimOrg::Get(std::string_view type, std::string_view id) const {
  const Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return nullptr;
  Impl::Node* n = Impl::FindNode(*ts, id);
  return n ? &n->res : nullptr;
}

const Resource& SimOrg::Create(std::string_view type_in, Json attributes, Json relationships, std::string id,
                               bool silent) {
  const std::string type(type_in);
  impl_->Bury();
  const TimeMs now = clock_.Now();
  Impl::TypeStore& ts = impl_->Store(type);
  // A fresh generator after a fixture import can produce ids the fixture already holds.
  if (id.empty() || ts.by_id.count(id)) {
    do id = ids_.Next(now);
    while (ts.by_id.count(id));
  }
  if (!attributes.is_object()) attributes = Json::object();
  const std::string iso = FormatIso(now);
  for (const char* k : {"createdAt", "updatedAt", "modifiedAt"}) {
    if (!attributes.contains(k)) attributes[k] = iso;
  }
  attributes["rev"] = 1;
  Json rels = Json::object();
  if (relationships.is_object()) {
    for (auto it = relationships.begin(); it != relationships.end(); ++it) {
      Json r = NormalizeRelationship(it.key(), it.value());
      if (!r.is_null()) rels[it.key()] = std::move(r);
    }
  }
  if (!rels.contains("org")) {
    rels["org"] = Json::object({{"data", Json::object({{"type", "org"}, {"id", org_id()}})}});
  }
  Json res = Json::object();
  res["type"] = type;
  res["id"] = id;
  res["attributes"] = std::move(attributes);
  res["relationships"] = std::move(rels);
  std::string self = SelfLink(type, res);
  res["links"] = Json::object({{"self", std::move(self)}});
  Impl::Node* node = impl_->Add(ts, id, std::move(res));
  impl_->RecordResource(Impl::JournalEntry::kCreate, type, id, node->seq);
  if (!silent) {
    Json event = Json::object({{"name", EventName(type, node->res, "create")}, {"data", node->res}});
    Emit(std::move(event));
  }
  // Valid unless the sink hard-deleted the resource it was just told about.
  return node->res;
}

const Resource* SimOrg::Update(std::string_view type_in, std::string_view id_in, const Json& attribute_patch_in,
                               const Json& relationship_patch_in, bool silent) {
  // Copies: the arguments may point into the resource being changed.
  const std::string type(type_in), id(id_in);
  const Json attribute_patch = attribute_patch_in, relationship_patch = relationship_patch_in;
  impl_->Bury();
  Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return nullptr;
  Impl::Node* node = Impl::FindNode(*ts, id);
  if (!node) return nullptr;
  Json& res = node->res;
  Json before = res;

  // Both keys first: ordered_json stores members in a vector, so adding a key later would
  // invalidate references to its siblings.
  if (!res.contains("attributes") || !res["attributes"].is_object()) res["attributes"] = Json::object();
  if (!res.contains("relationships") || !res["relationships"].is_object()) res["relationships"] = Json::object();
  Json& attrs = res["attributes"];
  Json& rels = res["relationships"];
  if (attribute_patch.is_object()) {
    for (auto it = attribute_patch.begin(); it != attribute_patch.end(); ++it) {
      const std::string& key = it.key();
      if (key == "rev") continue;  // the store owns rev
      if (key == "custom" && it.value().is_object()) {
        Json& custom = attrs["custom"];
        if (!custom.is_object()) custom = Json::object();
        for (auto ct = it.value().begin(); ct != it.value().end(); ++ct) {
          if (ct.value().is_null()) custom.erase(ct.key());
          else custom[ct.key()] = ct.value();
        }
      } else {
        attrs[key] = it.value();
      }
    }
  }
  if (relationship_patch.is_object()) {
    for (auto it = relationship_patch.begin(); it != relationship_patch.end(); ++it) {
      Json r = NormalizeRelationship(it.key(), it.value());
      if (r.is_null()) rels.erase(it.key());
      else rels[it.key()] = std::move(r);
    }
  }

  auto same = [](const Json& was, const Json& now) { return was.is_object() ? SameJson(was, now) : now.empty(); };
  if (same(Member(before, "attributes"), attrs) && same(Member(before, "relationships"), rels)) {
    res = std::move(before);  // undo the empty objects we may have added
    return &res;
  }

  const std::string iso = FormatIso(clock_.Now());
  const Json* rev = Find(Member(before, "attributes"), "rev");
  attrs["rev"] = (rev && rev->is_number() ? rev->get<int64_t>() : 0) + 1;
  attrs["updatedAt"] = iso;
  attrs["modifiedAt"] = iso;
  Impl::Reindex(*ts, node, before);

  Json event;
  if (!silent) {
    Json changes = Diff(before, res);
    // Kustomer's changes always carry the bookkeeping keys, even within the same millisecond.
    Json& ca = changes["attributes"];
    for (const char* k : {"updatedAt", "modifiedAt"}) {
      if (!ca.contains(k)) {
        ca[k] = Json::object({{"op", "replace"}, {"before", Member(Member(before, "attributes"), k)}, {"after", iso}});
      }
    }
    event = Json::object({{"name", EventName(type, res, "update")}, {"data", res}, {"changes", std::move(changes)}});
  }
  impl_->RecordResource(Impl::JournalEntry::kUpdate, type, id, node->seq, std::move(before));
  if (!silent) Emit(std::move(event));
  return &node->res;
}

bool SimOrg::Delete(std::string_view type_in, std::string_view id_in, bool soft) {
  const std::string type(type_in), id(id_in);
  impl_->Bury();
  Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return false;
  Impl::Node* node = Impl::FindNode(*ts, id);
  if (!node) return false;
  if (soft) {
    if (GetBool(Member(node->res, "attributes"), "deleted")) return true;  // already gone
    Json patch = Json::object({{"deleted", true}, {"deletedAt", FormatIso(clock_.Now())}});
    Update(type, id, patch);
    return true;
  }
  if (impl_->Journaling()) {
    // The entry keeps its own copy of the node (same seq): Remove may hand the original to the
    // graveyard, which is freed at the next mutation.
    Impl::JournalEntry e{Impl::JournalEntry::kRemove, type, id, node->seq, Json(), {}};
    e.parked.push_back(Impl::Node{node->res, node->seq});
    impl_->Record(std::move(e));
  }
  Json data = impl_->Remove(*ts, id);
  Json event = Json::object({{"name", EventName(type, data, "delete")}, {"data", std::move(data)}});
  Emit(std::move(event));
  return true;
}

std::vector<const Resource*> SimOrg::List(std::string_view type) const {
  std::vector<const Resource*> out;
  const Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return out;
  out.reserve(ts->nodes.size());
  for (const Impl::Node& n : ts->nodes) out.push_back(&n.res);
  return out;
}

std::vector<std::string> SimOrg::Types() const {
  std::vector<std::string> out;
  for (const auto& [type, ts] : impl_->types) {  // a std::map: sorted already
    if (!ts.nodes.empty()) out.push_back(type);
  }
  return out;
}

size_t SimOrg::Count(std::string_view type) const {
  const Impl::TypeStore* ts = impl_->FindStore(type);
  return ts ? ts->nodes.size() : 0;
}

namespace {

// Shape check shared by Insert and Import; paths are relative to the resource.
std::optional<Error> CheckResource(const Json& r) {
  if (!r.is_object()) return Error{"fixture.resource.invalid", "", "expected an object (a JSON:API resource)"};
  const Json* type = Find(r, "type");
  if (!type || !type->is_string() || type->get_ref<const std::string&>().empty()) {
    return Error{"fixture.resource.type", "/type", "expected a string (the resource type, e.g. \"customer\")"};
  }
  const Json* id = Find(r, "id");
  if (id && !id->is_null() && (!id->is_string() || id->get_ref<const std::string&>().empty())) {
    return Error{"fixture.resource.id", "/id", "expected a string"};
  }
  const Json* attrs = Find(r, "attributes");
  if (attrs && !attrs->is_object()) return Error{"fixture.resource.attributes", "/attributes", "expected an object"};
  const Json* rels = Find(r, "relationships");
  if (rels && !rels->is_object()) {
    return Error{"fixture.resource.relationships", "/relationships", "expected an object"};
  }
  return std::nullopt;
}

}  // namespace

Result<const Resource*> SimOrg::Insert(Resource resource) {
  if (auto err = CheckResource(resource)) return *err;
  const std::string type = resource["type"].get<std::string>();
  Impl::TypeStore& ts = impl_->Store(type);
  const Json* idv = Find(resource, "id");
  std::string id;
  if (idv && idv->is_string()) {
    id = idv->get<std::string>();
  } else {
    do id = ids_.Next(clock_.Now());
    while (ts.by_id.count(id));
    // Keep {type, id, ...} first, as Kustomer writes them.
    Json out = Json::object({{"type", type}, {"id", id}});
    for (auto it = resource.begin(); it != resource.end(); ++it) {
      if (it.key() != "type" && it.key() != "id") out[it.key()] = std::move(it.value());
    }
    resource = std::move(out);
  }
  if (ts.by_id.count(id)) {
    return Error{"fixture.resource.duplicate", "/id", "duplicate " + type + " id " + id};
  }
  // Hand-written fixtures may say {"customer": "<id>"}: store the JSON:API form.
  if (Json* rels = resource.contains("relationships") ? &resource["relationships"] : nullptr) {
    for (auto it = rels->begin(); it != rels->end(); ++it) {
      if (!it.value().is_object() || !it.value().contains("data")) {
        Json r = NormalizeRelationship(it.key(), it.value());
        if (!r.is_null()) it.value() = std::move(r);
      }
    }
  }
  Impl::Node* node = impl_->Add(ts, id, std::move(resource));
  impl_->RecordResource(Impl::JournalEntry::kCreate, type, id, node->seq);
  return &node->res;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Indexes
//-------------------------------------------------------------------------------------------------

void SimOrg::DefineIndex(std::string_view type, std::string_view index_name, KeyFn keys) {
  Impl::TypeStore& ts = impl_->Store(type);
  Impl::Index& index = ts.indexes[std::string(index_name)];
  index.keys = std::move(keys);
  index.map.clear();
  for (Impl::Node& n : ts.nodes) {
    for (const std::string& key : Impl::KeysOf(index, n.res)) Impl::IndexAdd(index, key, &n);
  }
}

const Resource* SimOrg::FindBy(std::string_view type, std::string_view index_name, std::string_view key) const {
  const Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return nullptr;
  auto ix = ts->indexes.find(index_name);
  if (ix == ts->indexes.end()) return nullptr;
  auto it = ix->second.map.find(key);
  if (it == ix->second.map.end()) return nullptr;
  for (const Impl::Node* n : it->second) {
    if (!GetBool(Member(n->res, "attributes"), "deleted")) return &n->res;
  }
  return nullptr;
}

std::vector<const Resource*> SimOrg::FindAllBy(std::string_view type, std::string_view index_name,
                                               std::string_view key) const {
  std::vector<const Resource*> out;
  const Impl::TypeStore* ts = impl_->FindStore(type);
  if (!ts) return out;
  auto ix = ts->indexes.find(index_name);
  if (ix == ts->indexes.end()) return out;
  auto it = ix->second.map.find(key);
  if (it == ix->second.map.end()) return out;
  for (const Impl::Node* n : it->second) {
    if (!GetBool(Member(n->res, "attributes"), "deleted")) out.push_back(&n->res);
  }
  return out;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Events and Diff
//-------------------------------------------------------------------------------------------------

std::string SimOrg::EventName(std::string_view type, const Resource& r, std::string_view verb) const {
  std::string name = "kustomer.";
  if (type == "kobject") {
    name += "kobject.";
    name += KlassNameOf(r);
  } else {
    for (char c : type) name += c == '_' ? '-' : c;
  }
  name += '.';
  name += verb;
  return name;
}

void SimOrg::Emit(Json event) {
  if (!sink_ || !event.is_object()) return;
  const TimeMs now = clock_.Now();
  // Envelope order as Kustomer writes it: id, name, org, orgName, data, changes, ..., createdAt.
  // Event ids come from a private generator so turning events on or off never shifts the ids
  // of resources.
  Json out = Json::object();
  const Json* id = Find(event, "id");
  out["id"] = id && id->is_string() ? *id : Json(impl_->event_ids.Next(now));
  out["name"] = GetString(event, "name");
  const Json* org = Find(event, "org");
  out["org"] = org ? *org : Json(org_id());
  const Json* org_name = Find(event, "orgName");
  out["orgName"] = org_name ? *org_name : Json(GetString(org_, "name"));
  Json created_at;
  for (auto it = event.begin(); it != event.end(); ++it) {
    const std::string& k = it.key();
    if (k == "id" || k == "name" || k == "org" || k == "orgName") continue;
    if (k == "createdAt") created_at = std::move(it.value());
    else out[k] = std::move(it.value());
  }
  out["createdAt"] = created_at.is_null() ? Json(FormatIso(now)) : std::move(created_at);
  EventSink sink = sink_;  // the sink may replace itself while it runs
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(x) { ++d; }
    ~Depth() { --d; }
  } depth(impl_->emit_depth);
  sink(out);
}

namespace {

// One section of `changes` ("attributes" or "relationships"): keys of `after` in order, then
// keys only `before` has.
Json DiffSection(const Json& before, const Json& after) {
  Json out = Json::object();
  auto entry = [](const Json& b, const Json& a) {
    const char* op = b.is_null() ? "add" : a.is_null() ? "remove" : "replace";
    return Json::object({{"op", op}, {"before", b}, {"after", a}});
  };
  if (after.is_object()) {
    for (auto it = after.begin(); it != after.end(); ++it) {
      const Json& b = Member(before, it.key());
      if (!SameJson(b, it.value())) out[it.key()] = entry(b, it.value());
    }
  }
  if (before.is_object()) {
    for (auto it = before.begin(); it != before.end(); ++it) {
      if (Find(after, it.key()) == nullptr && !it.value().is_null()) out[it.key()] = entry(it.value(), Json());
    }
  }
  return out;
}

}  // namespace

Json SimOrg::Diff(const Resource& before, const Resource& after) {
  Json changes = Json::object();
  changes["attributes"] = DiffSection(Member(before, "attributes"), Member(after, "attributes"));
  changes["relationships"] = DiffSection(Member(before, "relationships"), Member(after, "relationships"));
  return changes;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Router
//-------------------------------------------------------------------------------------------------

void SimOrg::AddRoute(std::string method, std::string pattern, RouteHandler handler) {
  auto route = std::make_shared<Impl::Route>();
  route->method = Upper(method);
  route->pattern = pattern;
  for (std::string_view seg : SplitPath(pattern)) {
    Impl::Segment s;
    size_t colon = seg.find(':');
    if (colon == 0) {
      s.kind = Impl::Segment::kParam;
      s.name = std::string(seg.substr(1));
    } else if (colon != std::string_view::npos) {
      s.kind = Impl::Segment::kPrefix;
      s.text = std::string(seg.substr(0, colon));
      s.name = std::string(seg.substr(colon + 1));
    } else {
      s.kind = Impl::Segment::kLiteral;
      s.text = std::string(seg);
    }
    route->segments.push_back(std::move(s));
  }
  route->handler = std::move(handler);
  route->order = impl_->routes.size();
  impl_->routes.push_back(std::move(route));
}

namespace {

bool MatchRoute(const SimOrg::Impl::Route& route, const std::vector<std::string_view>& segs,
                std::map<std::string, std::string>* params) {
  using Segment = SimOrg::Impl::Segment;
  if (route.segments.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const Segment& s = route.segments[i];
    std::string_view seg = segs[i];
    switch (s.kind) {
      case Segment::kLiteral:
        if (seg != s.text) return false;
        break;
      case Segment::kPrefix:
        if (seg.size() <= s.text.size() || seg.substr(0, s.text.size()) != s.text) return false;
        if (params) (*params)[s.name] = PathDecode(seg.substr(s.text.size()));
        break;
      case Segment::kParam:
        if (seg.empty()) return false;
        if (params) (*params)[s.name] = PathDecode(seg);
        break;
    }
  }
  return true;
}

// True if `a` is more specific than `b`: segment by segment, literal > prefix+param > param
// (a longer prefix wins among prefixes); on a tie the later registration wins.
bool MoreSpecific(const SimOrg::Impl::Route& a, const SimOrg::Impl::Route& b) {
  for (size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    const auto& sa = a.segments[i];
    const auto& sb = b.segments[i];
    if (sa.kind != sb.kind) return sa.kind > sb.kind;
    if (sa.kind == SimOrg::Impl::Segment::kPrefix && sa.text.size() != sb.text.size()) {
      return sa.text.size() > sb.text.size();
    }
  }
  return a.order > b.order;
}

const Json* FindHeader(const Json& headers, std::string_view name) {
  if (!headers.is_object()) return nullptr;
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    const std::string& k = it.key();
    if (k.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return &it.value();
  }
  return nullptr;
}

}  // namespace

HttpResponse SimOrg::Handle(const HttpRequest& request) {
  UrlParts url = ParseUrl(request.url);
  if (!url.ok) return BadRequest("invalid URL: " + request.url);
  const std::string method = Upper(request.method.empty() ? "GET" : request.method);
  std::vector<std::string_view> segs = SplitPath(url.path);

  std::shared_ptr<const Impl::Route> best;
  std::vector<std::string> allowed;
  for (const auto& route : impl_->routes) {
    if (!MatchRoute(*route, segs, nullptr)) continue;
    if (route->method != method) {
      if (std::find(allowed.begin(), allowed.end(), route->method) == allowed.end()) allowed.push_back(route->method);
      continue;
    }
    if (!best || MoreSpecific(*route, *best)) best = route;
  }
  if (!best) {
    if (!allowed.empty()) {
      std::sort(allowed.begin(), allowed.end());
      std::string allow;
      for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      HttpResponse r = JsonResponse(405, ErrorBody(405, "route.method_not_allowed",
                                                   method + " is not allowed on " + url.path + " (allowed: " + allow + ")"));
      r.headers["allow"] = allow;
      return r;
    }
    return JsonResponse(404, ErrorBody(404, "route.not_found", "No route for " + method + " " + url.path));
  }

  // Parse the body when the caller did not; a body declared as JSON that does not parse is the
  // client's error, like Kustomer's API answers it.
  const HttpRequest* http = &request;
  HttpRequest parsed;
  if (request.json.is_null() && !request.body.empty()) {
    std::string error;
    std::optional<Json> j = ParseJson(request.body, &error);
    if (j) {
      parsed = request;
      parsed.json = std::move(*j);
      http = &parsed;
    } else {
      const Json* ct = FindHeader(request.headers, "content-type");
      if (ct && ct->is_string() && ct->get_ref<const std::string&>().find("json") != std::string::npos) {
        return BadRequest("invalid JSON body: " + error);
      }
    }
  }

  RouteRequest rq{*http, method, url.path, {}, ParseQuery(url.query)};
  MatchRoute(*best, segs, &rq.params);
  // `best` keeps the route alive even if the handler registers routes while it runs.
  try {
    return best->handler(rq);
  } catch (const std::exception& e) {
    return JsonResponse(500, ErrorBody(500, "internal", std::string("handler failed: ") + e.what()));
  } catch (...) {
    return JsonResponse(500, ErrorBody(500, "internal", "handler failed"));
  }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] JSON:API helpers
//-------------------------------------------------------------------------------------------------

HttpResponse SimOrg::Ok(const Resource& r, int status) {
  return JsonResponse(status, Json::object({{"data", r}}));
}

HttpResponse SimOrg::OkList(const std::vector<const Resource*>& rs, const Json& meta) {
  Json data = Json::array();
  for (const Resource* r : rs) {
    if (r) data.push_back(*r);
  }
  Json body = Json::object({{"data", std::move(data)}});
  if (!meta.is_null()) body["meta"] = meta;
  return JsonResponse(200, std::move(body));
}

HttpResponse SimOrg::NotFound(std::string_view what) {
  return JsonResponse(404, ErrorBody(404, "not_found", std::string(what) + " not found"));
}

HttpResponse SimOrg::BadRequest(std::string_view message, std::string_view pointer) {
  return JsonResponse(400, ErrorBody(400, "bad_request", message, pointer));
}

HttpResponse SimOrg::OkPage(const RouteRequest& request, const std::vector<const Resource*>& all) {
  auto number = [&](const char* key, int64_t fallback) {
    double v = GetNumber(request.query, key, static_cast<double>(fallback));
    return v >= 1 ? static_cast<int64_t>(v) : fallback;
  };
  const int64_t page = number("page", 1);
  const int64_t page_size = std::min<int64_t>(number("pageSize", 100), 1000);
  const int64_t total = static_cast<int64_t>(all.size());
  const int64_t first = std::min(total, (page - 1) * page_size);
  const int64_t last = std::min(total, first + page_size);
  Json data = Json::array();
  for (int64_t i = first; i < last; ++i) data.push_back(*all[static_cast<size_t>(i)]);
  auto link = [&](int64_t p) {
    return Json(request.path + "?page=" + std::to_string(p) + "&pageSize=" + std::to_string(page_size));
  };
  Json body = Json::object();
  body["data"] = std::move(data);
  body["meta"] = Json::object({{"page", page}, {"pageSize", page_size}, {"total", total}});
  body["links"] = Json::object({{"self", link(page)},
                                {"first", link(1)},
                                {"prev", page > 1 ? link(page - 1) : Json()},
                                {"next", last < total ? link(page + 1) : Json()}});
  return JsonResponse(200, std::move(body));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Generic REST routes
//-------------------------------------------------------------------------------------------------
// Every type of kTypes gets list/get/create/update/delete at its collection path, and kobjects
// get them under /v1/klasses/:klass/kobjects. The families register Kustomer's specific routes
// later; on an identical pattern the later registration wins (see MoreSpecific).

namespace {

struct BodyParts {
  Json attributes = Json::object();
  Json relationships = Json::object();
  std::string error, pointer;
};

// Accepts {"data": {"attributes", "relationships"}}, a bare resource {"attributes", ...} or
// plain attributes ({"name": ..., "customer": "<id>"}, as Kustomer's create bodies are).
BodyParts ReadBody(const Json& body) {
  BodyParts out;
  if (!body.is_object()) {
    out.error = "expected a JSON object body";
    return out;
  }
  const Json* res = &body;
  std::string base;
  if (const Json* data = Find(body, "data"); data && data->is_object()) {
    res = data;
    base = "/data";
  }
  const Json* attrs = Find(*res, "attributes");
  if (res != &body || (attrs && attrs->is_object())) {
    if (attrs && !attrs->is_object()) {
      out.error = "expected an object";
      out.pointer = base + "/attributes";
      return out;
    }
    if (attrs) out.attributes = *attrs;
    if (const Json* rels = Find(*res, "relationships")) {
      if (!rels->is_object()) {
        out.error = "expected an object";
        out.pointer = base + "/relationships";
        return out;
      }
      out.relationships = *rels;
    }
    return out;
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "id") continue;
    bool rel = std::find_if(std::begin(kPlainRelKeys), std::end(kPlainRelKeys),
                            [&](const char* r) { return k == r; }) != std::end(kPlainRelKeys);
    if (rel && IsRelationshipValue(it.value())) out.relationships[k] = it.value();
    else out.attributes[k] = it.value();
  }
  return out;
}

bool IsDeleted(const Resource& r) { return GetBool(Member(r, "attributes"), "deleted"); }

void InstallTypeRoutes(SimOrg& org, const TypeInfo& t) {
  const std::string type = t.type;
  const std::string base = t.collection;
  const bool soft = t.soft_delete;
  SimOrg* o = &org;
  o->AddRoute("GET", base, [o, type](const RouteRequest& rq) {
    std::vector<const Resource*> live;
    for (const Resource* r : o->List(type)) {
      if (!IsDeleted(*r)) live.push_back(r);
    }
    return SimOrg::OkPage(rq, live);
  });
  o->AddRoute("GET", base + "/:id", [o, type](const RouteRequest& rq) {
    const Resource* r = o->Get(type, rq.params.at("id"));
    return r ? SimOrg::Ok(*r) : SimOrg::NotFound(type + " " + rq.params.at("id"));
  });
  o->AddRoute("POST", base, [o, type](const RouteRequest& rq) {
    BodyParts b = ReadBody(rq.body());
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    return SimOrg::Ok(o->Create(type, std::move(b.attributes), std::move(b.relationships)), 201);
  });
  auto update = [o, type](const RouteRequest& rq) {
    BodyParts b = ReadBody(rq.body());
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    const Resource* r = o->Update(type, rq.params.at("id"), b.attributes, b.relationships);
    return r ? SimOrg::Ok(*r) : SimOrg::NotFound(type + " " + rq.params.at("id"));
  };
  o->AddRoute("PUT", base + "/:id", update);
  o->AddRoute("PATCH", base + "/:id", update);
  o->AddRoute("DELETE", base + "/:id", [o, type, soft](const RouteRequest& rq) {
    const std::string& id = rq.params.at("id");
    if (!o->Delete(type, id, soft)) return SimOrg::NotFound(type + " " + id);
    const Resource* r = soft ? o->Get(type, id) : nullptr;
    return r ? SimOrg::Ok(*r) : JsonResponse(204, Json());
  });
}

void InstallKObjectRoutes(SimOrg& org) {
  SimOrg* o = &org;
  const std::string base = "/v1/klasses/:klass/kobjects";
  auto in_klass = [o](const Resource* r, const std::string& klass) {
    return r && o->KlassNameOf(*r) == klass;
  };
  o->AddRoute("GET", base, [o, in_klass](const RouteRequest& rq) {
    std::vector<const Resource*> live;
    const std::string& klass = rq.params.at("klass");
    for (const Resource* r : o->List("kobject")) {
      if (!IsDeleted(*r) && in_klass(r, klass)) live.push_back(r);
    }
    return SimOrg::OkPage(rq, live);
  });
  o->AddRoute("GET", base + "/:id", [o](const RouteRequest& rq) {
    const Resource* r = o->Get("kobject", rq.params.at("id"));
    return r ? SimOrg::Ok(*r) : SimOrg::NotFound("kobject " + rq.params.at("id"));
  });
  o->AddRoute("POST", base, [o](const RouteRequest& rq) {
    BodyParts b = ReadBody(rq.body());
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    const std::string& klass_name = rq.params.at("klass");
    if (!b.relationships.contains("klass")) {
      // Point at the klass resource when the org defines one; fixtures may only know the name.
      std::string klass_id = klass_name;
      for (const Resource* k : o->List("klass")) {
        if (GetString(Member(*k, "attributes"), "name") == klass_name) {
          klass_id = GetString(*k, "id");
          break;
        }
      }
      b.relationships["klass"] = Json::object({{"data", Json::object({{"type", "klass"}, {"id", klass_id}})}});
    }
    return SimOrg::Ok(o->Create("kobject", std::move(b.attributes), std::move(b.relationships)), 201);
  });
  auto update = [o](const RouteRequest& rq) {
    BodyParts b = ReadBody(rq.body());
    if (!b.error.empty()) return SimOrg::BadRequest(b.error, b.pointer);
    const Resource* r = o->Update("kobject", rq.params.at("id"), b.attributes, b.relationships);
    return r ? SimOrg::Ok(*r) : SimOrg::NotFound("kobject " + rq.params.at("id"));
  };
  o->AddRoute("PUT", base + "/:id", update);
  o->AddRoute("PATCH", base + "/:id", update);
  o->AddRoute("DELETE", base + "/:id", [o](const RouteRequest& rq) {
    if (!o->Delete("kobject", rq.params.at("id"), false)) return SimOrg::NotFound("kobject " + rq.params.at("id"));
    return JsonResponse(204, Json());
  });
}

void InstallGenericRoutes(SimOrg& org) {
  for (const TypeInfo& t : kTypes) InstallTypeRoutes(org, t);
  InstallKObjectRoutes(org);
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Outbox
//-------------------------------------------------------------------------------------------------

void SimOrg::RecordOutbox(Json entry) {
  if (!entry.is_object()) entry = Json::object({{"kind", "unknown"}, {"value", std::move(entry)}});
  if (impl_->Journaling()) {
    Impl::JournalEntry e{Impl::JournalEntry::kOutbox, "", "", impl_->outbox_seq, Json(), {}};
    impl_->Record(std::move(e));
  }
  Json out = Json::object({{"seq", ++impl_->outbox_seq}});
  for (auto it = entry.begin(); it != entry.end(); ++it) {
    if (it.key() != "seq") out[it.key()] = std::move(it.value());
  }
  if (!out.contains("at")) out["at"] = FormatIso(clock_.Now());
  outbox_.push_back(std::move(out));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Drafts
//-------------------------------------------------------------------------------------------------
// A draft falls due at attributes.sendAt when its status is "scheduled", or when it is still a
// "draft" (or has no status) with `scheduled: true`. Sending creates the outbound message (a note
// for note drafts), records the outbox entry and marks the draft sent.

namespace {

std::optional<TimeMs> DraftDueAt(const Resource& draft) {
  const Json& a = Member(draft, "attributes");
  if (GetBool(a, "deleted")) return std::nullopt;
  std::string status = GetString(a, "status");
  bool scheduled = status == "scheduled" || ((status.empty() || status == "draft") && GetBool(a, "scheduled"));
  if (!scheduled) return std::nullopt;
  return TimeOf(Member(a, "sendAt"));
}

std::string DefaultApp(std::string_view channel) {
  if (channel == "email") return "postmark";
  if (channel == "sms") return "twilio";
  if (channel == "whatsapp") return "twilio_whatsapp";
  if (channel == "facebook") return "facebook";
  if (channel == "instagram") return "instagram";
  if (channel == "chat") return "chat";
  return std::string(channel);
}

}  // namespace

std::optional<TimeMs> SimOrg::NextDue() const {
  std::optional<TimeMs> next;
  const Impl::TypeStore* ts = impl_->FindStore("draft");
  if (!ts) return next;
  for (const Impl::Node& n : ts->nodes) {
    std::optional<TimeMs> due = DraftDueAt(n.res);
    if (due && (!next || *due < *next)) next = due;
  }
  return next;
}

void SimOrg::RunDue() {
  const TimeMs now = clock_.Now();
  // Collect first: sending emits events, and the sink may create or delete drafts.
  std::vector<std::pair<TimeMs, std::string>> due;
  if (const Impl::TypeStore* ts = impl_->FindStore("draft")) {
    for (const Impl::Node& n : ts->nodes) {
      std::optional<TimeMs> at = DraftDueAt(n.res);
      if (at && *at <= now) due.emplace_back(*at, GetString(n.res, "id"));
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  for (const auto& [at, draft_id] : due) {
    const Resource* draft = Get("draft", draft_id);
    if (!draft) continue;
    std::optional<TimeMs> still = DraftDueAt(*draft);
    if (!still || *still > now) continue;
    const Json a = Member(*draft, "attributes");  // copy: the draft changes below
    const std::string channel = GetString(a, "channel", "email");
    const std::string app = GetString(a, "app", DefaultApp(channel));
    std::string conversation = RelatedId(*draft, "conversation");
    if (conversation.empty()) conversation = GetString(a, "conversation");
    std::string customer = RelatedId(*draft, "customer");
    if (customer.empty()) customer = GetString(a, "customer");
    if (customer.empty() && !conversation.empty()) {
      if (const Resource* conv = Get("conversation", conversation)) customer = RelatedId(*conv, "customer");
    }
    const Json& body_value = Member(a, "body");
    std::string body = body_value.is_null() ? GetString(a, "htmlBody") : ToText(body_value);
    const std::string iso = FormatIso(now);

    Json draft_patch = Json::object({{"status", "sent"}, {"sentAt", iso}});
    // Sending goes through the same routes a workflow's send uses (channel-send contract), so
    // counters, lastMessageOut and the outbox entry are exactly what a direct send produces.
    if (!conversation.empty() && Get("conversation", conversation)) {
      HttpRequest req;
      req.method = "POST";
      if (channel == "note") {
        req.url = std::string("https://api.kustomerapp.com/v1/conversations/") + conversation + "/notes";
        req.json = Json::object({{"body", body}});
        if (const Json* m = Find(a, "userMentions")) req.json["userMentions"] = *m;
      } else {
        Json meta = Json::object();
        for (const char* k : {"from", "to", "cc", "bcc", "subject"}) {
          if (const Json* v = Find(a, k); v && !v->is_null()) meta[k] = *v;
        }
        req.url = std::string("https://api.kustomerapp.com/v1/conversations/") + conversation + "/messages";
        req.json = Json::object({{"channel", channel}, {"app", app}, {"direction", "out"},
                                 {"preview", Utf8Prefix(body, 200)}, {"body", body}, {"meta", meta}});
        if (!customer.empty()) req.json["customer"] = customer;
      }
      req.body = Dump(req.json);
      const size_t outbox_before = outbox_.size();
      HttpResponse resp = Handle(req);
      if (outbox_.size() > outbox_before) outbox_.back()["draft"] = draft_id;
      if (resp.status >= 300) {
        draft_patch = Json::object({{"status", "error"}, {"error", Json::object({{"status", resp.status}, {"body", resp.json}})}});
      }
    } else {
      draft_patch = Json::object({{"status", "error"}, {"error", "the draft has no conversation to send on"}});
    }
    Update("draft", draft_id, draft_patch);
  }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Snapshots, fixtures
//-------------------------------------------------------------------------------------------------

Json SimOrg::Export() const {
  Json resources = Json::array();
  for (const auto& [type, ts] : impl_->types) {
    for (const Impl::Node& n : ts.nodes) resources.push_back(n.res);
  }
  return Json::object({{"org", org_}, {"resources", std::move(resources)}});
}

void SimOrg::Clear() {
  impl_->ClearResources();
  outbox_ = Json::array();
  impl_->ResetJournal();
}

namespace {

// Flattens the fixture's resources: each entry is a resource, {"data": resource} or
// {"data": [resources]} (what Kustomer's API returns), with the pointer of each.
void CollectResources(const Json& list, std::vector<std::pair<const Json*, std::string>>* out) {
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& r = list[i];
    std::string ptr = PointerJoin("/resources", i);
    const Json* data = Find(r, "data");
    if (data && !r.contains("type")) {
      if (data->is_array()) {
        for (size_t k = 0; k < data->size(); ++k) out->emplace_back(&(*data)[k], PointerJoin(ptr + "/data", k));
        continue;
      }
      out->emplace_back(data, ptr + "/data");
      continue;
    }
    out->emplace_back(&r, ptr);
  }
}

}  // namespace

Errors SimOrg::Import(const Json& fixture) { return ImportFrom(fixture, nullptr); }

Errors SimOrg::Import(Json&& fixture) { return ImportFrom(fixture, &fixture); }

// `movable` is the fixture itself when the caller gave it away: resources are then moved into
// the store instead of copied (most of the cost of a big import).
Errors SimOrg::ImportFrom(const Json& fixture, Json* movable) {
  Errors errors;
  if (!fixture.is_object()) {
    errors.push_back({"fixture.invalid", "", "expected an object {\"org\": {...}, \"resources\": [...]}"});
    return errors;
  }
  const Json* org = Find(fixture, "org");
  if (org && !org->is_null()) {
    if (!org->is_object()) errors.push_back({"fixture.org", "/org", "expected an object"});
    else if (const Json* id = Find(*org, "id"); id && !id->is_string()) {
      errors.push_back({"fixture.org.id", "/org/id", "expected a string"});
    }
  }
  std::vector<std::pair<const Json*, std::string>> items;
  const Json* resources = Find(fixture, "resources");
  if (resources && !resources->is_null()) {
    if (!resources->is_array()) errors.push_back({"fixture.resources", "/resources", "expected an array"});
    else CollectResources(*resources, &items);
  }
  if (!errors.empty()) return errors;

  // Shape errors first (cheap, no allocation on the happy path); the same pass counts the
  // resources per type so the id maps are sized once.
  std::vector<std::pair<size_t, Error>> found;
  std::vector<bool> bad(items.size(), false);
  std::map<std::string, size_t, std::less<>> per_type;
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto err = CheckResource(*items[i].first)) {
      err->path = items[i].second + err->path;
      found.emplace_back(i, std::move(*err));
      bad[i] = true;
    } else {
      ++per_type[GetString(*items[i].first, "type")];
    }
  }

  // Build the new org in place of the old one, which is kept aside: duplicates show up as
  // Insert errors, and on any error the old org comes back untouched.
  decltype(impl_->types) old_types;
  old_types.swap(impl_->types);
  for (auto& [type, ts] : old_types) {
    Impl::TypeStore& fresh = impl_->types[type];
    for (auto& [name, index] : ts.indexes) fresh.indexes[name].keys = index.keys;
  }
  const uint64_t old_seq = impl_->next_seq, old_outbox_seq = impl_->outbox_seq;
  const IdGenerator old_event_ids = impl_->event_ids;
  Json old_outbox = std::move(outbox_);
  Json old_org = org_;
  impl_->next_seq = 0;
  impl_->outbox_seq = 0;
  impl_->event_ids.Reset(kEventIdSeed);
  outbox_ = Json::array();
  // The new org is built unjournaled; it replaces the journal only if the import succeeds.
  impl_->journal.suspended = true;
  for (const auto& [type, n] : per_type) impl_->Store(type).by_id.reserve(n);
  if (org && org->is_object()) SetOrg(*org);

  for (size_t i = 0; i < items.size(); ++i) {
    if (bad[i]) continue;
    const Json* r = items[i].first;
    // Items point into the fixture; when it was handed over (`movable`) they may be moved from.
    Result<const Resource*> ins = movable ? Insert(std::move(*const_cast<Json*>(r))) : Insert(*r);
    if (!ins.ok()) {
      Error e = ins.error();
      e.path = items[i].second + e.path;
      found.emplace_back(i, std::move(e));
    }
  }
  impl_->journal.suspended = false;
  if (found.empty()) {
    impl_->ResetJournal();
    return errors;
  }

  impl_->types.swap(old_types);
  impl_->next_seq = old_seq;
  impl_->outbox_seq = old_outbox_seq;
  impl_->event_ids = old_event_ids;
  outbox_ = std::move(old_outbox);
  org_ = std::move(old_org);
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [i, e] : found) errors.push_back(std::move(e));
  return errors;
}

Json SimOrg::DiffSnapshots(const Json& before, const Json& after) {
  auto key_of = [](const Json& r) { return GetString(r, "type") + '\n' + GetString(r, "id"); };
  StringMap<const Json*> old_by_key;
  const Json& old_list = Member(before, "resources");
  const Json& new_list = Member(after, "resources");
  if (old_list.is_array()) {
    old_by_key.reserve(old_list.size());
    for (const Json& r : old_list) old_by_key.emplace(key_of(r), &r);
  }
  Json created = Json::array(), updated = Json::array(), deleted = Json::array();
  std::unordered_set<std::string> present;
  if (new_list.is_array()) {
    for (const Json& r : new_list) {
      std::string key = key_of(r);
      auto it = old_by_key.find(key);
      Json ref = Json::object({{"type", GetString(r, "type")}, {"id", GetString(r, "id")}});
      if (it == old_by_key.end()) {
        created.push_back(std::move(ref));
      } else if (!SameJson(*it->second, r)) {
        ref["changes"] = Diff(*it->second, r);
        updated.push_back(std::move(ref));
      }
      present.insert(std::move(key));
    }
  }
  if (old_list.is_array()) {
    for (const Json& r : old_list) {
      if (!present.count(key_of(r))) {
        deleted.push_back(Json::object({{"type", GetString(r, "type")}, {"id", GetString(r, "id")}}));
      }
    }
  }
  return Json::object({{"created", std::move(created)}, {"updated", std::move(updated)}, {"deleted", std::move(deleted)}});
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Time travel
//-------------------------------------------------------------------------------------------------
// The journal is a deque of entries, each undoable and redoable in place (Impl::Apply). Marks
// are absolute: entry k (k >= base) is entries[k - base]; mark m is the org after entries
// [.., m) were applied. Nothing here emits events or touches the id generators.

namespace {

// Why a mark cannot be used (code "timetravel.unavailable"), or nullopt.
std::optional<Error> CheckMark(const SimOrg::Impl& impl, uint64_t mark) {
  auto unavailable = [](std::string message) { return Error{"timetravel.unavailable", "", std::move(message)}; };
  if (!impl.journal.on) {
    return unavailable("the org journal is off: turn time travel on before running, then run again");
  }
  if (mark < impl.journal.base) {
    return unavailable("mark " + std::to_string(mark) + " is no longer in the org journal (the oldest kept is " +
                       std::to_string(impl.journal.base) + "): the org was loaded, cleared or rewound since, or more than " +
                       std::to_string(SimOrg::kJournalCapacity) + " changes were made after it");
  }
  if (mark > impl.JournalEnd()) {
    return unavailable("mark " + std::to_string(mark) + " is ahead of the org journal (now at " +
                       std::to_string(impl.JournalEnd()) + ")");
  }
  return std::nullopt;
}

// The state of a resource just before a journal entry, the journal being fully applied:
// null = it did not exist.
const Json* StateBefore(const SimOrg::Impl::JournalEntry& e) {
  using Entry = SimOrg::Impl::JournalEntry;
  switch (e.kind) {
    case Entry::kUpdate: return &e.other;
    case Entry::kRemove: return e.parked.empty() ? nullptr : &e.parked.front().res;
    default: return nullptr;
  }
}

bool IsResourceEntry(const SimOrg::Impl::JournalEntry& e) {
  using Entry = SimOrg::Impl::JournalEntry;
  return e.kind == Entry::kCreate || e.kind == Entry::kUpdate || e.kind == Entry::kRemove;
}

}  // namespace

void SimOrg::SetJournaling(bool on) {
  if (impl_->journal.on == on) return;
  impl_->journal.on = on;
  impl_->ResetJournal();
}

bool SimOrg::journaling() const { return impl_->journal.on; }

uint64_t SimOrg::JournalMark() const { return impl_->JournalEnd(); }

uint64_t SimOrg::JournalBase() const { return impl_->journal.base; }

Json SimOrg::JournalDiff(uint64_t begin, uint64_t end) const {
  Json created = Json::array(), updated = Json::array(), deleted = Json::array();
  auto result = [&] {
    return Json::object({{"created", std::move(created)}, {"updated", std::move(updated)}, {"deleted", std::move(deleted)}});
  };
  if (begin > end || CheckMark(*impl_, begin) || CheckMark(*impl_, end)) return result();
  const auto& entries = impl_->journal.entries;
  const uint64_t base = impl_->journal.base;

  // Every resource touched in [begin, end): its state at `begin` is the state before its first
  // entry there; its state at `end` the state before its first entry at or after `end`, or the
  // live resource when nothing touched it since.
  struct Touched {
    std::string type, id;
    uint64_t seq;
    const Json* at_begin;
    const Json* at_end = nullptr;
    bool end_known = false;
  };
  std::vector<Touched> touched;
  StringMap<size_t> by_key;
  auto key_of = [](const Impl::JournalEntry& e) { return e.type + '\n' + e.id; };
  for (uint64_t i = begin - base; i < end - base; ++i) {
    const Impl::JournalEntry& e = entries[i];
    if (!IsResourceEntry(e)) continue;
    if (by_key.emplace(key_of(e), touched.size()).second) {
      touched.push_back(Touched{e.type, e.id, e.seq, StateBefore(e)});
    }
  }
  if (touched.empty()) return result();
  size_t unknown = touched.size();
  for (uint64_t i = end - base; i < entries.size() && unknown > 0; ++i) {
    const Impl::JournalEntry& e = entries[i];
    if (!IsResourceEntry(e)) continue;
    auto it = by_key.find(key_of(e));
    if (it == by_key.end() || touched[it->second].end_known) continue;
    touched[it->second].at_end = StateBefore(e);
    touched[it->second].end_known = true;
    --unknown;
  }
  for (Touched& t : touched) {
    if (!t.end_known) t.at_end = Get(t.type, t.id);
  }

  // Export order: type, then creation order.
  std::sort(touched.begin(), touched.end(), [](const Touched& a, const Touched& b) {
    return a.type != b.type ? a.type < b.type : a.seq < b.seq;
  });
  for (const Touched& t : touched) {
    if (!t.at_begin && t.at_end) {
      created.push_back(*t.at_end);
    } else if (t.at_begin && !t.at_end) {
      deleted.push_back(*t.at_begin);
    } else if (t.at_begin && t.at_end && !SameJson(*t.at_begin, *t.at_end)) {
      updated.push_back(Json::object({{"type", t.type}, {"id", t.id}, {"changes", Diff(*t.at_begin, *t.at_end)}}));
    }
  }
  return result();
}

Result<Json> SimOrg::ExportAt(uint64_t mark) const {
  if (auto err = CheckMark(*impl_, mark)) return *err;
  auto& entries = impl_->journal.entries;
  const size_t from = static_cast<size_t>(mark - impl_->journal.base);
  // The org settings at `mark`: what the first later SetOrg replaced, else the current ones.
  const Json* org = &org_;
  for (size_t i = from; i < entries.size(); ++i) {
    if (entries[i].kind == Impl::JournalEntry::kOrg) {
      org = &entries[i].other;
      break;
    }
  }
  // Undo back to the mark, export, redo. Only resource entries move; the outbox and the org
  // settings are not part of the fixture's resources.
  for (size_t i = entries.size(); i > from; --i) impl_->Apply(entries[i - 1], false);
  Json out = Export();
  for (size_t i = from; i < entries.size(); ++i) impl_->Apply(entries[i], true);
  out["org"] = *org;
  return out;
}

std::optional<Error> SimOrg::RewindTo(uint64_t mark) {
  if (auto err = CheckMark(*impl_, mark)) return err;
  auto& entries = impl_->journal.entries;
  const size_t keep = static_cast<size_t>(mark - impl_->journal.base);
  while (entries.size() > keep) {
    Impl::JournalEntry& e = entries.back();
    switch (e.kind) {
      case Impl::JournalEntry::kOutbox:
        if (!outbox_.empty()) outbox_.erase(outbox_.end() - 1);
        impl_->outbox_seq = e.seq;
        break;
      case Impl::JournalEntry::kOrg:
        org_ = std::move(e.other);
        break;
      default:
        impl_->Apply(e, false);
        // A node undone from inside the event sink may still be pointed at by the mutation
        // that emitted the event (as with Remove): bury it rather than free it.
        if (impl_->emit_depth > 0 && !e.parked.empty()) {
          impl_->graveyard.splice(impl_->graveyard.end(), e.parked);
        }
        break;
    }
    entries.pop_back();
  }
  return std::nullopt;
}

}  // namespace kws
