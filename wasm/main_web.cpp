// wasm/main_web.cpp -- the browser entry point: GLFW window on the page's <canvas id="canvas">
// with a WebGL2 (GLES 3) context, Dear ImGui's GLFW + OpenGL3 backends, and the main loop
// driven by requestAnimationFrame (emscripten_set_main_loop).
//
// HiDPI: Emscripten 3.1.6's GLFW treats the canvas' pixel size as both window and framebuffer
// size and reports the mouse in canvas pixels. We size the canvas' backing store to
// CSS size x devicePixelRatio every frame, then give ImGui the CSS size as DisplaySize, the
// ratio as DisplayFramebufferScale, and the mouse divided by it. The font is rasterised at
// 16 px x ratio and drawn at 1/ratio scale, so text is sharp and 16 CSS px tall.
#include "app.h"
#include "js_api.h"
#include "web_platform.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>

namespace {

constexpr float kFontSize = 16.0f;

GLFWwindow* g_window = nullptr;
kws::wasm::WebPlatform g_platform;
std::unique_ptr<kws::web::App> g_app;
double g_dpr = 0;
int g_fb_w = 0, g_fb_h = 0;
double g_css_w = 0, g_css_h = 0;
bool g_first_frame_done = false;

void LoadFonts(float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  // Latin-1, dashes/quotes/bullet/ellipsis, arrows, geometric shapes, check marks.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2030, 0x2190, 0x21FF, 0x25A0, 0x25FF, 0x2713, 0x2718, 0};
  ImFont* font = io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", kFontSize * dpr, &cfg, kRanges);
  if (!font) {
    ImFontConfig fallback;
    fallback.SizePixels = 13.0f * dpr;
    io.Fonts->AddFontDefault(&fallback);
  }
  io.FontGlobalScale = 1.0f / dpr;
  // The backend re-creates its device objects (font texture included) on the next NewFrame.
  ImGui_ImplOpenGL3_DestroyDeviceObjects();
}

// Keeps the canvas' backing store at CSS size x devicePixelRatio; reloads fonts when the ratio
// changes (browser zoom, moving to another screen).
void SyncCanvasSize() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  if (css_w < 1 || css_h < 1) return;
  double dpr = emscripten_get_device_pixel_ratio();
  if (dpr <= 0) dpr = 1;
  int fb_w = static_cast<int>(std::lround(css_w * dpr));
  int fb_h = static_cast<int>(std::lround(css_h * dpr));
  if (fb_w != g_fb_w || fb_h != g_fb_h) {
    // Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen when the size equals the
    // screen's. Our frame overrides the sizes GLFW would report anyway.
    emscripten_set_canvas_element_size("#canvas", fb_w, fb_h);
    g_fb_w = fb_w;
    g_fb_h = fb_h;
  }
  g_css_w = css_w;
  g_css_h = css_h;
  if (dpr != g_dpr) {
    g_dpr = dpr;
    LoadFonts(static_cast<float>(dpr));
  }
}

// Browsers report the wheel in pixels (100 per notch in Chrome) with "down" positive; ImGui
// wants notches with "up" positive.
void ScrollCallback(GLFWwindow*, double dx, double dy) {
  ImGuiIO& io = ImGui::GetIO();
  auto notches = [](double v) {
    double n = -v / 100.0;
    if (n > 5) n = 5;
    if (n < -5) n = -5;
    return static_cast<float>(n);
  };
  io.MouseWheelH += notches(dx);
  io.MouseWheel += notches(dy);
}

void MainLoopFrame() {
  const double t0 = emscripten_get_now();
  SyncCanvasSize();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (g_css_w > 0 && g_css_h > 0) {
    const float sx = static_cast<float>(g_fb_w / g_css_w), sy = static_cast<float>(g_fb_h / g_css_h);
    io.DisplaySize = ImVec2(static_cast<float>(g_css_w), static_cast<float>(g_css_h));
    io.DisplayFramebufferScale = ImVec2(sx, sy);
    if (io.MousePos.x > -FLT_MAX / 2) io.MousePos = ImVec2(io.MousePos.x / sx, io.MousePos.y / sy);
  }
  ImGui::NewFrame();
  try {
    g_app->Frame();
  } catch (const std::exception& e) {
    // Never abort the module: unwind ImGui's stacks and tell the user.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    g_app->ShowToast("error", std::string("Internal error (the frame was skipped): ") + e.what());
  }
  ImGui::Render();
  const double t_build = emscripten_get_now();
  glViewport(0, 0, g_fb_w, g_fb_h);
  glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const double t1 = emscripten_get_now();
  kws::wasm::RecordFrameTime(t1 - t0, t_build - t0);
  g_app->SetFrameStats(kws::wasm::AverageFrameMs(60));
  if (!g_first_frame_done) {
    g_first_frame_done = true;
    EM_ASM({
      if (Module['kwsOnFirstFrame']) Module['kwsOnFirstFrame']();
    });
  }
}

}  // namespace

namespace kws::wasm {
web::App* TheApp() { return g_app.get(); }
WebPlatform& ThePlatform() { return g_platform; }
}  // namespace kws::wasm

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "kwsandbox: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  g_window = glfwCreateWindow(1280, 800, "kwsandbox", nullptr, nullptr);
  if (!g_window) {
    std::fprintf(stderr, "kwsandbox: could not create a WebGL2 context\n");
    EM_ASM({
      if (Module['kwsFatal']) Module['kwsFatal']('This browser could not create a WebGL 2 context.');
    });
    return 1;
  }
  glfwMakeContextCurrent(g_window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written to the (virtual) file system
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  kws::web::App::ApplyTheme();
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  glfwSetScrollCallback(g_window, ScrollCallback);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  SyncCanvasSize();

  g_app = std::make_unique<kws::web::App>(g_platform);
  kws::wasm::InstallImGuiClipboard(g_platform);
  kws::wasm::InstallClipboardListeners();
  try {
    g_app->RestoreOnStartup();
  } catch (const std::exception& e) {
    g_app->ShowToast("error", std::string("Could not restore the autosaved workflows: ") + e.what());
  }
  EM_ASM({
    if (Module['kwsOnAppReady']) Module['kwsOnAppReady']();
  });
  emscripten_set_main_loop(MainLoopFrame, 0, 0);
  return 0;
}
