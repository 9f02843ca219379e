// web/platform.h -- what the editor needs from its host (the browser, or a native test host).
//
// The App never talks to the browser directly: clipboard, file up/download, storage and the
// page URL go through this interface. wasm/platform_web.cpp implements it for the browser
// (DESIGN.md convention 7: platform variance lives in parallel files chosen by the build, never
// in #ifdefs inside web/). Every call is made from the UI thread; none may block.
#pragma once

#include "kws/connectors/http.h"

#include <string>

namespace kws::web {

class Platform {
 public:
  virtual ~Platform() = default;

  // ---- Clipboard ----
  // Puts text on the system clipboard (best effort: browsers may refuse without a user
  // gesture) and remembers it so ClipboardText() returns it even when the browser refused.
  virtual void SetClipboardText(const std::string& text) = 0;
  // The most recent clipboard text the host knows of (a browser paste event, the last
  // SetClipboardText, or another tab's copy). Never blocks.
  virtual std::string ClipboardText() = 0;

  // ---- Files ----
  // Offers `text` as a download named `file_name`.
  virtual void DownloadText(const std::string& file_name, const std::string& text,
                            const std::string& mime_type) = 0;
  // Opens the host's file picker; the chosen file arrives later through App::OpenText
  // (asynchronously, from the host's event loop).
  virtual void OpenFileDialog() = 0;

  // ---- Storage (autosave) ----
  // Persists the editor state (a JSON text). Returns false when the host refused (quota).
  virtual bool SaveState(const std::string& text) = 0;
  virtual std::string LoadState() = 0;  // "" when nothing was saved

  // ---- Page ----
  // Full URL of the page with `fragment` as its hash ("#wf=..."), and puts it in the address
  // bar without reloading.
  virtual std::string SetUrlFragment(const std::string& fragment) = 0;
  virtual std::string UrlFragment() = 0;  // without the leading '#'
  // Mirrors a toast into the page outside the canvas (an aria-live region) so screen readers
  // and tests see it. `level` is "info", "warning" or "error".
  virtual void Announce(const std::string& level, const std::string& text) = 0;

  // Monotonic milliseconds (performance.now() in the browser).
  virtual double NowMs() = 0;

  // ---- Network and settings ----
  // The connector for requests that leave the page (the browser's fetch: asynchronous, answers
  // arrive from the host's event loop). Null when the host has no network.
  virtual HttpConnector* Http() { return nullptr; }
  // Small named settings kept across reloads on this device (the connection setting). An empty
  // value removes the setting. LoadSetting returns "" when unset.
  virtual void SaveSetting(const std::string& key, const std::string& value) { (void)key, (void)value; }
  virtual std::string LoadSetting(const std::string& key) { (void)key; return ""; }
};

}  // namespace kws::web
