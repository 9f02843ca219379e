// libFuzzer entry for the expression layer: the input is compiled as a Handlebars template and
// rendered against a small fixed scope; when it parses as JSON it is also compiled (and
// evaluated) as a transition condition and as a param value. Nothing may crash, hang, throw
// or recurse without bound; compile errors are expected and ignored.
#include "kws/base/json.h"
#include "kws/cond/condition.h"
#include "kws/expr/template.h"
#include "kws/expr/value.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

const kws::Json& FuzzScope() {
  static const kws::Json kData = kws::Json::parse(R"({
    "steps": {
      "1": {"id": "c1", "name": "Ada <L>", "status": "done", "n": 3, "total": "12.50", "empty": "",
            "nul": null, "tags": ["vip", "gold"], "items": [{"sku": "A", "qty": 2}, {"sku": "B"}],
            "obj": {"a": 1, "b": [true, false]}, "createdAt": "2024-06-01T12:30:45.123Z",
            "changes": {"attributes": {"status": {"before": "open", "after": "done"}}}},
      "2": {"response": {"statusCode": 200, "body": {"list": [1, 2, 3]}}}
    },
    "variables": {"v1": "secret"}
  })");
  return kData;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  kws::JsonScope scope(FuzzScope());

  {
    kws::Errors errors;
    kws::CompiledTemplate t = kws::CompiledTemplate::Compile(text, "/fuzz", &errors);
    kws::EvalContext ctx;
    ctx.max_output_bytes = 64 * 1024;
    std::string out = t.Render(scope, ctx);
    if (out.size() > ctx.max_output_bytes) __builtin_trap();  // the budget must hold
    (void)t.Dump();
    (void)t.Reads();
    (void)t.IsPlainText();
  }

  std::optional<kws::Json> json = kws::ParseJson(text);
  if (json) {
    kws::EvalContext ctx;
    ctx.max_output_bytes = 64 * 1024;
    kws::Errors errors;
    kws::CompiledCondition cond = kws::CompiledCondition::Compile(*json, "/fuzz/condition", &errors);
    std::string why;
    (void)cond.Evaluate(scope, ctx, &why);
    (void)cond.Dump();
    (void)cond.Summary();
    (void)cond.Reads();

    kws::CompiledValue value = kws::CompiledValue::Compile(*json, "/fuzz/value", &errors);
    (void)value.Evaluate(scope, ctx);
    (void)value.Dump();
    (void)value.Reads();
    (void)value.IsConstant();
  }
  return 0;
}
