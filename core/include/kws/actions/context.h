// kws/actions/context.h -- everything a handler may touch (DESIGN.md convention 3).
//
// Handlers are written as straight-line code. Network calls go through Call()/Api(); when the
// connector answers later (browser fetch) the call reports `pending` and the handler must
// return Outcome::Waiting() at once (use KWS_AWAIT). When the answer arrives the engine runs
// the handler again from the top, replaying already-answered calls from a per-attempt cache,
// so a handler must be deterministic and must mutate only through calls.
#pragma once

#include "kws/actions/descriptor.h"
#include "kws/base/clock.h"
#include "kws/connectors/http.h"

#include <string>
#include <string_view>
#include <vector>

namespace kws {

struct CallResult {
  bool pending = false;
  HttpResponse response;
  int status() const { return response.status; }
  bool ok() const { return response.status >= 200 && response.status < 300; }
  // The JSON:API `data` member of the body (object or array), or null.
  const Json& data() const;
  // "HTTP 404: Customer not found" style summary for error messages.
  std::string Describe() const;
};

// Engine services some actions need (implemented by the executor).
class EngineServices {
 public:
  virtual ~EngineServices() = default;
  // Queues a run of a callable workflow (by id, name or display name) at `at` with `inputs`.
  // Returns the job id, or an Error (workflow.not_found, workflow.not_callable,
  // workflow.inputs_invalid with the offending input).
  virtual Result<std::string> ScheduleWorkflow(std::string_view workflow, TimeMs at, Json inputs) = 0;
  // Looks a workflow up by id, name or display name: {id, name, displayName, callable} or null.
  virtual Json FindWorkflow(std::string_view workflow) const = 0;
};

class ActionContext {
 public:
  virtual ~ActionContext() = default;

  // Rendered, typed inputs: an object with the params that resolved (missing refs left out).
  virtual const Json& params() const = 0;
  virtual const ActionDescriptor& descriptor() const = 0;
  virtual TimeMs Now() const = 0;
  virtual const std::string& workflow_id() const = 0;
  virtual const std::string& step_id() const = 0;
  virtual EngineServices& engine() = 0;

  // Sends any request through the connector (see the replay rule above).
  virtual CallResult Call(const HttpRequest& request) = 0;

  // A call to the Kustomer API of the current org: `path` is "/v1/..." (query included);
  // `body` is sent as JSON when not null. Adds the org's base URL and auth headers.
  CallResult Api(std::string_view method, std::string_view path, const Json& body = Json());

  // Param helpers (non-throwing).
  bool Has(std::string_view name) const;           // present and not null / ""
  const Json* Param(std::string_view name) const;  // null if absent
  std::string String(std::string_view name) const; // scalars as text; "" if absent
  double Number(std::string_view name, double fallback = 0) const;
  bool Bool(std::string_view name, bool fallback = false) const;
  // An id list from an array of ids, a comma separated string, or objects with "id".
  std::vector<std::string> IdList(std::string_view name) const;
};

// Base URL the sandbox treats as "the Kustomer API of the current org".
inline constexpr const char* kKustomerApiBase = "https://api.kustomerapp.com";

// True for api.kustomerapp.com, <org>.api.kustomerapp.com, api.prod2.kustomerapp.com, ...
bool IsKustomerApiHost(std::string_view host);

// Flattens a JSON:API resource as Kustomer stores step outputs: id + attributes + relationship
// ids ({"customer": "<id>"}; to-many -> array of ids). Non-resources are returned unchanged.
Json FlattenResource(const Json& resource);

}  // namespace kws

// Returns Waiting from the calling handler when `call` is still pending.
#define KWS_AWAIT(var, expr)                                   \
  ::kws::CallResult var = (expr);                              \
  if (var.pending) return ::kws::Outcome::Waiting()
