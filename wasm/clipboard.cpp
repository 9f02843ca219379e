// wasm/clipboard.cpp -- the browser clipboard for the editor.
//
// Browsers only let a page read the clipboard inside a paste event (or with a permission), and
// write it inside a copy event or through navigator.clipboard (which may be refused). So:
//   * copy: the page's `copy` event asks the App for the canvas selection (kws_api_copy_selection)
//     and puts it in event.clipboardData -- synchronous, needs no permission; SetClipboardText
//     (text fields, menu items) also calls navigator.clipboard.writeText when allowed;
//   * paste: the page's `paste` event stores the pasted text before ImGui's frame handles Ctrl+V;
//   * every text we copy is also stored in localStorage with a time stamp, so another tab of the
//     sandbox can paste it even where the system clipboard was refused.
// ClipboardText() returns the newest of the paste-event text and the localStorage copy.
#include "web_platform.h"

#include <emscripten.h>
#include <imgui.h>

#include <cstdlib>

namespace kws::wasm {

// clang-format off
EM_JS(void, kws_js_clipboard_set, (const char* text), {
  var t = UTF8ToString(text);
  var entry = {text: t, at: Date.now()};
  Module.kwsClipboard = entry;
  try { localStorage.setItem('kwsandbox.clipboard', JSON.stringify(entry)); } catch (e) {}
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function () {});
  } catch (e) {}
});

EM_JS(char*, kws_js_clipboard_get, (), {
  var best = Module.kwsClipboard || null;
  try {
    var stored = JSON.parse(localStorage.getItem('kwsandbox.clipboard') || 'null');
    if (stored && typeof stored.text === 'string' && (!best || stored.at > best.at)) best = stored;
  } catch (e) {}
  var t = best ? best.text : '';
  var n = lengthBytesUTF8(t) + 1;
  var p = _malloc(n);
  stringToUTF8(t, p, n);
  return p;
});

EM_JS(void, kws_js_clipboard_listeners, (), {
  document.addEventListener('paste', function (e) {
    var t = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (t) Module.kwsClipboard = {text: t, at: Date.now()};
  });
  document.addEventListener('copy', function (e) {
    var t = '';
    try { t = Module.ccall('kws_api_copy_selection', 'string', [], []); } catch (err) {}
    if (t && e.clipboardData) {
      e.clipboardData.setData('text/plain', t);
      e.preventDefault();
      var entry = {text: t, at: Date.now()};
      Module.kwsClipboard = entry;
      try { localStorage.setItem('kwsandbox.clipboard', JSON.stringify(entry)); } catch (err2) {}
    }
  });
  document.addEventListener('cut', function (e) {
    var t = '';
    try { t = Module.ccall('kws_api_copy_selection', 'string', [], []); } catch (err) {}
    if (t && e.clipboardData) { e.clipboardData.setData('text/plain', t); e.preventDefault(); }
  });
});
// clang-format on

std::string TakeJsString(char* p) {
  if (!p) return "";
  std::string s(p);
  std::free(p);
  return s;
}

void WebPlatform::SetClipboardText(const std::string& text) { kws_js_clipboard_set(text.c_str()); }

std::string WebPlatform::ClipboardText() { return TakeJsString(kws_js_clipboard_get()); }

namespace {
WebPlatform* g_clipboard_platform = nullptr;
std::string g_clipboard_text;  // ImGui needs the pointer to stay valid until the next call
}  // namespace

void InstallImGuiClipboard(WebPlatform& platform) {
  g_clipboard_platform = &platform;
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) { g_clipboard_platform->SetClipboardText(text ? text : ""); };
  io.GetClipboardTextFn = [](void*) -> const char* {
    g_clipboard_text = g_clipboard_platform->ClipboardText();
    return g_clipboard_text.c_str();
  };
  io.ClipboardUserData = nullptr;
}

void InstallClipboardListeners() { kws_js_clipboard_listeners(); }

}  // namespace kws::wasm
