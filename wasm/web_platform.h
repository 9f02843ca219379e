// wasm/web_platform.h -- kws::web::Platform for the browser (Emscripten).
//
// Implemented across parallel files, one concern each: wasm/clipboard.cpp (system clipboard,
// browser copy/paste events, cross-tab fallback through localStorage), wasm/storage.cpp
// (autosave in localStorage), wasm/files.cpp (file picker, downloads, URL hash, the page's
// aria-live status region, time), wasm/fetch_connector.cpp (live HTTP through fetch, settings).
#pragma once

#include "platform.h"

#include <string>

namespace kws::wasm {

class WebPlatform final : public web::Platform {
 public:
  void SetClipboardText(const std::string& text) override;
  std::string ClipboardText() override;
  void DownloadText(const std::string& file_name, const std::string& text, const std::string& mime_type) override;
  void OpenFileDialog() override;
  bool SaveState(const std::string& text) override;
  std::string LoadState() override;
  std::string SetUrlFragment(const std::string& fragment) override;
  std::string UrlFragment() override;
  void Announce(const std::string& level, const std::string& text) override;
  double NowMs() override;
  HttpConnector* Http() override;
  void SaveSetting(const std::string& key, const std::string& value) override;
  std::string LoadSetting(const std::string& key) override;
};

// Routes Dear ImGui's clipboard (text fields' Ctrl+C / Ctrl+V) through the platform.
void InstallImGuiClipboard(WebPlatform& platform);
// Installs the page's copy/paste listeners (call once, after the App exists).
void InstallClipboardListeners();

// Takes ownership of a string malloc'ed by JavaScript (null -> "").
std::string TakeJsString(char* p);

}  // namespace kws::wasm
