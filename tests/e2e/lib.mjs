// tests/e2e/lib.mjs -- shared helpers for the browser tests: find the build, start
// scripts/serve.mjs on a free port, launch Debian's chromium through playwright-core (never a
// downloaded browser), and drive the ImGui canvas with real mouse and keyboard events.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

export async function press(page, keys) {
  await page.keyboard.press(keys);
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
