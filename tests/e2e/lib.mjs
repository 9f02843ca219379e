// tests/e2e/lib.mjs -- shared helpers for the browser tests: find the build, start
// scripts/serve.mjs on a free port, launch Debian's chromium through playwright-core (never a
// downloaded browser), and drive the ImGui canvas with real mouse and keyboard events.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = path.join(repo, 'tests', 'e2e', 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

// The directory holding index.html + kwsandbox.{js,wasm}: $KWS_WEB_DIR, or the usual build dirs.
export function webDir() {
  const candidates = [
    process.env.KWS_WEB_DIR,
    path.join(repo, 'build', 'wasm', 'web', 'dist'),  // the wasm preset (scripts/run.sh, test.sh)
    path.join(repo, 'build-wasm', 'web', 'dist'),
  ].filter(Boolean);
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'kwsandbox.wasm')) && fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  throw new Error(`no web build found (tried ${candidates.join(', ')}); build it or set KWS_WEB_DIR`);
}

// Starts scripts/serve.mjs on a free port; resolves {url, stop()}.
export function startServer(dir = webDir()) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repo, 'scripts', 'serve.mjs'), '--root', dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve.mjs did not start')), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

// DESIGN.md §4: the flags that make Debian's chromium render WebGL2 headless. Both GL variants
// work; plain --disable-gpu is the default because it is ~50x faster here (the ANGLE/SwiftShader
// GPU process makes every frame wait ~100-250 ms for software rasterisation, which slows
// the tests and hides the app's own frame cost). KWS_CHROMIUM_GL=swiftshader selects the other.
const glArgs = process.env.KWS_CHROMIUM_GL === 'swiftshader'
  ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']
  : ['--disable-gpu'];
export const chromiumArgs = [
  ...glArgs,
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
}

// Opens the app in a fresh context (fresh storage unless `context` is given) and waits until
// window.kwsandbox.ready resolved. Collects console errors and page errors in page.kwsErrors.
export async function openApp(browser, url, { context, viewport = { width: 1440, height: 900 }, deviceScaleFactor = 1 } = {}) {
  const ctx = context || (await browser.newContext({ viewport, deviceScaleFactor }));
  const page = await ctx.newPage();
  page.kwsErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.kwsErrors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.kwsErrors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitReady(page);
  return { page, context: ctx };
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.kwsandbox && window.kwsandbox.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.kwsandbox.ready);
  await frames(page, 3);
}

// Waits for `n` rendered frames (ImGui reads input once per frame).
export function frames(page, n = 2) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

export const api = (page, fn, ...args) => page.evaluate(fn, ...args);

// Last frame's rectangle of a named item (kwsandbox._debug.itemRect); waits until it exists.
export async function rect(page, label, timeout = 5000) {
  const t0 = Date.now();
  for (;;) {
    const r = await page.evaluate((l) => window.kwsandbox._debug.itemRect(l), label);
    if (r && !r.error) return r;
    if (Date.now() - t0 > timeout) throw new Error(`item "${label}" not on screen`);
    await frames(page, 1);
  }
}

export const center = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

export async function click(page, label, { offset } = {}) {
  const r = await rect(page, label);
  const p = offset ? { x: r.x + offset.x, y: r.y + offset.y } : center(r);
  await page.mouse.move(p.x, p.y);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 3);
}

// A real drag: press, move in steps (one frame each), release.
export async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await frames(page, 1);
  }
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 3);
}

// A key press ImGui cannot miss: Dear ImGui 1.86's GLFW backend keeps key state, not events,
// so a down+up inside one frame (headless Chromium may draw at ~12 fps) is never seen as
// pressed. Hold the key (and its modifiers, "Control+Shift+Z") across frames.
export async function press(page, keys) {
  const parts = keys.split('+');
  const key = parts.pop();
  for (const m of parts) await page.keyboard.down(m);
  await page.keyboard.down(key);
  await frames(page, 2);
  await page.keyboard.up(key);
  for (const m of parts.reverse()) await page.keyboard.up(m);
  await frames(page, 3);
}

export async function screenshot(page, name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file });
  return file;
}

export function tmpDir(prefix = 'kws-e2e-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// The native CLI (`kwsandbox serve` is the loopback Kustomer API): $KWS_CLI, or the native
// preset's build (scripts/test.sh builds it before the browser stage).
export function cliPath() {
  const candidates = [process.env.KWS_CLI, path.join(repo, 'build', 'native', 'cli', 'kwsandbox')].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`no kwsandbox CLI found (tried ${candidates.join(', ')}): build the native preset or set KWS_CLI`);
}

// Starts `kwsandbox serve --port 0` (the demo org as Kustomer's REST API on 127.0.0.1);
// resolves {url, stop()}.
export function startKustomerServer({ apiKey } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['serve', '--port', '0', ...(apiKey ? ['--api-key', apiKey] : [])];
    const child = spawn(cliPath(), args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('kwsandbox serve did not start')), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`kwsandbox serve exited with ${code}: ${out}`)));
  });
}

// Waits until `predicate` (run in the page) returns a truthy value; returns it.
export async function until(page, predicate, arg, { timeout = 15000, what = 'condition' } = {}) {
  const t0 = Date.now();
  for (;;) {
    const v = await page.evaluate(predicate, arg);
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await frames(page, 2);
  }
}

// Types text into the focused ImGui field, one key event per character (real keyboard).
export async function typeText(page, text) {
  await page.keyboard.type(text, { delay: 5 });
  await frames(page, 3);
}

// The site server and a browser shared by the tests of one file (node:test before/after).
// `env.server` and `env.browser` exist once `before` ran.
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

// Opens a workflow (JSON text) and closes every other tab, so that only it runs (a first
// visit opens a sample workflow too). Returns its id.
export async function openOnly(page, text) {
  const id = await page.evaluate((t) => window.kwsandbox.loadWorkflow(t), text);
  if (typeof id !== 'string') throw new Error(`the workflow did not open: ${JSON.stringify(id)}`);
  for (const d of await page.evaluate(() => window.kwsandbox.documents())) {
    if (d.id !== id) await page.evaluate((x) => window.kwsandbox.close(x), d.id);
  }
  await frames(page, 3);
  return id;
}
