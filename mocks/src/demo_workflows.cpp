// demo_workflows.cpp -- the demo org's sample workflows (mocks/fixtures/workflows/*.json).
//
// The build embeds every sample file, sorted by file name, as kKwsDemoWorkflowFiles (see
// cmake/Embed.cmake), so the browser build (no file system) has them too. Each file is one
// workflow in Kustomer's authoring shape plus meta.kwsSample:
//   {"title": "Emily Carter (VIP, platinum) opens a chat",   -- for the gallery / run panel
//    "event": {...},        -- an event envelope {name, data} or a change request {type, id?,
//                              attributes, relationships} against demo-org ids (Sandbox::SendEvent)
//    "advance": "2h"}       -- optional: how far to advance the clock afterwards (scheduled work)
//
// A sample that is not valid JSON is a bug in the sample, not a user error: it is skipped here
// (no assert, no throw) and tests/mocks/demo_org_test.cpp fails on it by name.

#include "kws/mocks/sandbox.h"

#include <utility>
#include <vector>

extern const std::vector<std::pair<const char*, const char*>> kKwsDemoWorkflowFiles;

namespace kws {

std::vector<Json> DemoWorkflows() {
  std::vector<Json> out;
  out.reserve(kKwsDemoWorkflowFiles.size());
  for (const auto& [name, text] : kKwsDemoWorkflowFiles) {
    (void)name;
    Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) continue;
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace kws
