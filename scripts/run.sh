#!/usr/bin/env bash
# Runs kwsandbox: builds what is missing (WebAssembly app) and serves it on http://127.0.0.1:8080.
# PORT=9000 scripts/run.sh serves elsewhere. With KWS_CLI=1 it runs the command-line demo instead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export NODE_PATH=/usr/share/nodejs
./scripts/setup.sh
if [ "${KWS_CLI:-0}" = 1 ]; then
  cmake --preset native >/dev/null && cmake --build --preset native --target kwsandbox
  exec build/native/cli/kwsandbox demo
fi
emcmake cmake --preset wasm >/dev/null
cmake --build --preset wasm --target kwsandbox_web
exec node scripts/serve.mjs --root build/wasm/web/dist --port "${PORT:-8080}"
