// wasm/storage.cpp -- autosave in the browser's localStorage.
//
// The App serializes its open documents (debounced, ~300 ms after the last edit) and on page
// hide; the state is one JSON string under "kwsandbox.autosave.v1". localStorage is synchronous,
// which is what makes "save on pagehide" reliable; its ~5 MB quota holds thousands of steps.
// A refusal (quota, private mode) returns false and the App says so in the page.
#include "web_platform.h"

#include <emscripten.h>

namespace kws::wasm {

// clang-format off
EM_JS(int, kws_js_storage_save, (const char* text), {
  try { localStorage.setItem('kwsandbox.autosave.v1', UTF8ToString(text)); return 1; }
  catch (e) { console.warn('kwsandbox: autosave refused:', e && e.message); return 0; }
});

EM_JS(char*, kws_js_storage_load, (), {
  var t = null;
  try { t = localStorage.getItem('kwsandbox.autosave.v1'); } catch (e) {}
  if (!t) return 0;
  var n = lengthBytesUTF8(t) + 1;
  var p = _malloc(n);
  stringToUTF8(t, p, n);
  return p;
});
// clang-format on

bool WebPlatform::SaveState(const std::string& text) { return kws_js_storage_save(text.c_str()) != 0; }

std::string WebPlatform::LoadState() { return TakeJsString(kws_js_storage_load()); }

}  // namespace kws::wasm
