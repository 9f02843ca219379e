// wasm/js_api.h -- shared between the main loop and the JS API (wasm/js_api.cpp).
#pragma once

#include "web_platform.h"

namespace kws::web {
class App;
}

namespace kws::wasm {

web::App* TheApp();          // null before main() created it
WebPlatform& ThePlatform();

// Frame timing (CPU time of ImGui build + draw submission, emscripten_get_now around the frame).
// `build_ms` is the part spent before rendering (input, ImGui::NewFrame .. Render).
void RecordFrameTime(double ms, double build_ms);
double AverageBuildMs(int frames);
double AverageFrameMs(int frames);

}  // namespace kws::wasm
