# Dependencies are CMake targets (DESIGN.md convention 1):
#   kws::json   nlohmann/json 3.11 (Debian nlohmann-json3-dev), header only
#   kws::re2    RE2 20220601: Debian's libre2-dev natively, built from Debian's source package
#               (unpacked by scripts/setup.sh into ${KWS_CACHE}) for WebAssembly
#   kws::imgui  Dear ImGui 1.86 from Debian's source package (WebAssembly only)
#   GTest::gtest / benchmark::benchmark natively; GoogleTest compiled from /usr/src for wasm.

# --- nlohmann/json -------------------------------------------------------------------------
add_library(kws_json INTERFACE)
add_library(kws::json ALIAS kws_json)
if(EMSCRIPTEN)
  # Never -I/usr/include under em++ (it shadows Emscripten's libc): give nlohmann its own dir.
  set(_nl "${CMAKE_BINARY_DIR}/_deps/nlohmann-include")
  if(NOT EXISTS "${_nl}/nlohmann/json.hpp")
    file(MAKE_DIRECTORY "${_nl}")
    file(COPY /usr/include/nlohmann DESTINATION "${_nl}")
  endif()
  target_include_directories(kws_json SYSTEM INTERFACE "${_nl}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(kws_json INTERFACE nlohmann_json::nlohmann_json)
endif()

# --- RE2 -----------------------------------------------------------------------------------
if(EMSCRIPTEN)
  set(_re2 "${KWS_CACHE}/src/re2-20220601")
  if(NOT EXISTS "${_re2}/re2/unicode_groups.cc")
    message(FATAL_ERROR "RE2 sources not found in ${_re2}: run scripts/setup.sh first")
  endif()
  set(_re2_srcs bitstate.cc compile.cc dfa.cc filtered_re2.cc mimics_pcre.cc nfa.cc onepass.cc
      parse.cc perl_groups.cc prefilter.cc prefilter_tree.cc prog.cc re2.cc regexp.cc set.cc
      simplify.cc stringpiece.cc tostring.cc unicode_casefold.cc unicode_groups.cc)
  list(TRANSFORM _re2_srcs PREPEND "${_re2}/re2/")
  list(APPEND _re2_srcs "${_re2}/util/rune.cc" "${_re2}/util/strutil.cc")
  add_library(kws_re2 STATIC ${_re2_srcs})
  target_include_directories(kws_re2 SYSTEM PUBLIC "${_re2}")
  target_compile_options(kws_re2 PRIVATE -w)
  set_target_properties(kws_re2 PROPERTIES CXX_STANDARD 17)
  add_library(kws::re2 ALIAS kws_re2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
  add_library(kws::re2 ALIAS PkgConfig::RE2)
endif()

# --- Dear ImGui (browser app only) ---------------------------------------------------------
if(EMSCRIPTEN AND KWS_BUILD_WEB)
  set(_imgui "${KWS_CACHE}/src/imgui-1.86")
  if(NOT EXISTS "${_imgui}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui sources not found in ${_imgui}: run scripts/setup.sh first")
  endif()
  add_library(kws_imgui STATIC
    ${_imgui}/imgui.cpp ${_imgui}/imgui_draw.cpp ${_imgui}/imgui_tables.cpp ${_imgui}/imgui_widgets.cpp
    ${_imgui}/backends/imgui_impl_glfw.cpp ${_imgui}/backends/imgui_impl_opengl3.cpp
    ${_imgui}/misc/cpp/imgui_stdlib.cpp)
  target_include_directories(kws_imgui SYSTEM PUBLIC "${_imgui}" "${_imgui}/backends" "${_imgui}/misc/cpp")
  target_compile_options(kws_imgui PRIVATE -w)
  target_compile_options(kws_imgui PUBLIC -sUSE_GLFW=3)
  target_link_options(kws_imgui PUBLIC -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
  add_library(kws::imgui ALIAS kws_imgui)
endif()

# --- Exceptions policy ---------------------------------------------------------------------
# nlohmann/json throws and Emscripten disables catching by default. Code follows the no-throw
# discipline (ParseJson, Find/Get* helpers), and the executor catches at the step boundary as a
# safety net; for that net to work in the browser, catching is enabled at compile AND link time.
if(EMSCRIPTEN)
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
endif()
