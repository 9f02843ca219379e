// wasm/files.cpp -- file picker (hidden <input type=file>), downloads (Blob), the URL hash for
// share links, the page's aria-live status region and time.
#include "web_platform.h"

#include <emscripten.h>

namespace kws::wasm {

// clang-format off
EM_JS(void, kws_js_download, (const char* name, const char* text, const char* mime), {
  var blob = new Blob([UTF8ToString(text)], {type: UTF8ToString(mime)});
  var url = URL.createObjectURL(blob);
  var a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
});

EM_JS(void, kws_js_open_file, (), {
  // Called from a frame shortly after the click: within the browser's user-activation window.
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.style.display = 'none';
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    input.remove();
    if (!file) return;
    file.text().then(function (text) {
      Module.ccall('kws_api_open_text', 'string', ['string', 'string'], [file.name, text]);
    });
  });
  document.body.appendChild(input);
  input.click();
});

EM_JS(char*, kws_js_set_fragment, (const char* fragment), {
  var f = UTF8ToString(fragment);
  var base = location.href.split('#')[0];
  var url = f ? base + '#' + f : base;
  try { history.replaceState(null, '', url); } catch (e) {}
  var n = lengthBytesUTF8(url) + 1;
  var p = _malloc(n);
  stringToUTF8(url, p, n);
  return p;
});

EM_JS(char*, kws_js_get_fragment, (), {
  var f = location.hash ? location.hash.substring(1) : '';
  var n = lengthBytesUTF8(f) + 1;
  var p = _malloc(n);
  stringToUTF8(f, p, n);
  return p;
});

EM_JS(void, kws_js_announce, (const char* level, const char* text), {
  var region = document.getElementById('kws-status');
  if (!region) return;
  var item = document.createElement('div');
  item.className = 'kws-' + UTF8ToString(level);
  item.textContent = UTF8ToString(text);
  region.appendChild(item);
  while (region.childNodes.length > 8) region.removeChild(region.firstChild);
  if (UTF8ToString(level) === 'error') console.warn('kwsandbox:', item.textContent);
});
// clang-format on

void WebPlatform::DownloadText(const std::string& file_name, const std::string& text, const std::string& mime_type) {
  kws_js_download(file_name.c_str(), text.c_str(), mime_type.c_str());
}

void WebPlatform::OpenFileDialog() { kws_js_open_file(); }

std::string WebPlatform::SetUrlFragment(const std::string& fragment) {
  return TakeJsString(kws_js_set_fragment(fragment.c_str()));
}

std::string WebPlatform::UrlFragment() { return TakeJsString(kws_js_get_fragment()); }

void WebPlatform::Announce(const std::string& level, const std::string& text) {
  kws_js_announce(level.c_str(), text.c_str());
}

double WebPlatform::NowMs() { return emscripten_get_now(); }

}  // namespace kws::wasm
