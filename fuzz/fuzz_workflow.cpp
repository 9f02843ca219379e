// fuzz_workflow.cpp -- libFuzzer entry: any bytes through the workflow importer and validator.
//
// ParseWorkflowText must never throw or crash, whatever the envelope, types or nesting; every
// workflow it returns must validate against the built-in registry without crashing, and export
// must be a fixed point after one round (parse(export(wf)) exports the same JSON).
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined fuzz/fuzz_workflow.cpp \
//       -Icore/include <kws_core built with the same flags> -lre2
//   ./fuzz_workflow tests/workflows/import/   (the import documents make a good seed corpus)

#include "kws/actions/registry.h"
#include "kws/engine/engine.h"
#include "kws/model/workflow.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kws::ParsedDocument doc = kws::ParseWorkflowText(text);
  const kws::ActionRegistry& builtins = kws::BuiltinActions();

  // App actions go into a registry of their own: the shared built-in registry stays untouched.
  kws::ActionRegistry apps;
  for (const kws::AppAction& a : doc.app_actions) apps.AddAppAction(a);

  for (const kws::Workflow& wf : doc.workflows) {
    kws::Errors errors = kws::ValidateWorkflow(wf, builtins);
    for (const kws::Error& e : errors) {
      if (e.code.empty()) std::abort();  // every problem carries a stable code
    }
    kws::ValidateWorkflow(wf, apps);

    kws::Json first = kws::ExportWorkflow(wf);
    kws::ParsedDocument again = kws::ParseWorkflowDocument(first);
    if (again.workflows.size() != 1) std::abort();
    kws::Json second = kws::ExportWorkflow(again.workflows[0]);
    if (kws::Dump(first) != kws::Dump(second)) std::abort();
  }
  return 0;
}
