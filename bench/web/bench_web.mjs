#!/usr/bin/env node
// bench/web/bench_web.mjs -- the browser app's numbers (issue 4 "Measures"):
//   1. transfer size of kwsandbox.wasm + kwsandbox.js, raw and gzip -9;
//   2. navigation -> first rendered frame in headless Chromium (window.kwsandbox.firstFrameMs,
//      set by the app on its first frame; also a performance mark "kws-first-frame"), median
//      of several cold loads (fresh browser context each);
//   3. CPU time per frame (ImGui build + draw submission, measured in C++ with
//      emscripten_get_now around the frame) with a generated 500-node workflow on the canvas,
//      fitted to the view (every node visible) and at 100% zoom.
// Targets: < 1.5 s to first frame, < 8 ms per frame at 500 nodes.
//
//   node bench/web/bench_web.mjs [--runs N] [--nodes N] [--json]
// Needs a web build (KWS_WEB_DIR or the usual build dirs) and tests/e2e's node_modules
// (playwright-core): `npm ci --prefix tests/e2e` once.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const e2e = path.join(repo, 'tests', 'e2e');
// playwright-core lives in tests/e2e/node_modules; reuse the e2e helpers (server, chromium flags).
createRequire(path.join(e2e, 'package.json')).resolve('playwright-core');
const { webDir, startServer, launch, openApp, frames, click } = await import(path.join(e2e, 'lib.mjs'));

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const runs = opt('--runs', 5);
const nodeCount = opt('--nodes', 500);
const asJson = args.includes('--json');

// A deterministic workflow of `n` steps shaped like real large workflows: a condition fanning
// out to 4 conditions, each fanning out to 5 branches, each a long chain of actions from
// several apps with references and templates in their params (~20 rows x ~25 columns laid out).
function generateWorkflow(n) {
  const actions = [
    ['kustomer.conversation.append-tags', { id: '/#steps.1.id', tags: 'vip' }],
    ['kustomer.customer.find-by-email', { email: '{{{steps.1.email}}}' }],
    ['kustomer.note.create', { conversation: '/#steps.1.id', body: 'Checked by step {{{steps.1.id}}}' }],
    ['kustomer.conversation.update', { id: '/#steps.1.id', status: 'done', priority: 3 }],
    ['kustomer.rest-api.json', { uri: 'https://example.com/hook', method: 'POST', data: { a: 1 } }],
  ];
  const id = (i) => `s${String(i).padStart(4, '0')}`;
  const steps = [];
  const always = (target) => ({ target, condition: { op: 'true', values: [true] } });
  const branch = (target, k) => ({
    target,
    condition: { op: 'eq', values: ['/#steps.1.status', `state-${k}`] },
    meta: { name: `Status ${k}` },
  });
  let next = 0;
  const add = (step) => { steps.push({ id: id(next), ...step }); return id(next++); };
  const root = add({ meta: { displayName: 'Route by status' }, transitions: [] });
  const chains = [];
  for (let g = 0; g < 4; g++) {
    const c = add({ meta: { displayName: `Group ${g}` }, transitions: [] });
    steps[0].transitions.push(branch(c, g));
    for (let b = 0; b < 5; b++) chains.push({ from: c, k: b, ids: [] });
  }
  for (let i = 0; next < n; i++) {
    const chain = chains[i % chains.length];
    const [action, params] = actions[next % actions.length];
    chain.ids.push(add({ action, params, transitions: [], errorCases: [] }));
  }
  for (const chain of chains) {
    if (!chain.ids.length) continue;
    steps.find((s) => s.id === chain.from).transitions.push(branch(chain.ids[0], chain.k));
    for (let j = 0; j + 1 < chain.ids.length; j++) steps.find((s) => s.id === chain.ids[j]).transitions.push(always(chain.ids[j + 1]));
  }
  return {
    name: `bench-${n}`,
    meta: { displayName: `Benchmark: ${n} steps` },
    trigger: { id: '1', eventName: 'kustomer.conversation.update', transitions: [always(root)] },
    steps,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = webDir();
const sizes = {};
for (const f of ['kwsandbox.wasm', 'kwsandbox.js']) {
  const buf = fs.readFileSync(path.join(dir, f));
  sizes[f] = { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}
const total = {
  raw: sizes['kwsandbox.wasm'].raw + sizes['kwsandbox.js'].raw,
  gzip: sizes['kwsandbox.wasm'].gzip + sizes['kwsandbox.js'].gzip,
};

const server = await startServer(dir);
const browser = await launch();
const result = { dir, sizes, total, firstFrameMs: [], frame: {} };
try {
  for (let i = 0; i < runs; i++) {
    const { page, context } = await openApp(browser, server.url);
    result.firstFrameMs.push(await page.evaluate(() => window.kwsandbox.firstFrameMs));
    await context.close();
  }
  const { page, context } = await openApp(browser, server.url);
  const wf = generateWorkflow(nodeCount);
  const t0 = Date.now();
  const id = await page.evaluate((w) => window.kwsandbox.loadWorkflow(w), wf);
  result.loadMs = Date.now() - t0;
  if (typeof id !== 'string') throw new Error(`loadWorkflow failed: ${JSON.stringify(id)}`);
  const measure = async () => {
    await frames(page, 30);  // settle (validation and caches run once, then steady state)
    await frames(page, 120);
    return page.evaluate(() => window.kwsandbox._debug.frameStats(120));
  };
  const fit = await measure();
  result.frame.fitZoom = (await page.evaluate(() => window.kwsandbox._debug.state())).zoom;
  result.frame.fitAllVisibleMs = fit.averageMs;
  result.frame.fitBuildMs = fit.buildMs;
  // 100% zoom around a node in the middle of the graph: fewer nodes, full detail.
  await page.evaluate((n) => window.kwsandbox._debug.zoomTo(1, `s${String(Math.floor(n / 2)).padStart(4, '0')}`), nodeCount);
  const z100 = await measure();
  result.frame.zoom100Ms = z100.averageMs;
  result.frame.zoom100BuildMs = z100.buildMs;
  result.frame.zoom = (await page.evaluate(() => window.kwsandbox._debug.state())).zoom;
  // 60%: the smallest zoom that still draws every node's full detail -- the most text on screen.
  await page.evaluate((n) => window.kwsandbox._debug.zoomTo(0.6, `s${String(Math.floor(n / 2)).padStart(4, '0')}`), nodeCount);
  const z60 = await measure();
  result.frame.zoom60Ms = z60.averageMs;
  result.frame.zoom60BuildMs = z60.buildMs;
  result.frame.zoom60Visible = await page.evaluate(() => {
    const canvas = window.kwsandbox._debug.itemRect('canvas');
    return window.kwsandbox.nodes().filter((n) => {  // fully or partly on the canvas
      const r = window.kwsandbox._debug.itemRect(`node:${n.id}`);
      return r && r.x + r.w > canvas.x && r.x < canvas.x + canvas.w && r.y + r.h > canvas.y && r.y < canvas.y + canvas.h;
    }).length;
  });
  result.nodes = (await page.evaluate((i) => window.kwsandbox.nodes(i), id)).length;
  await click(page, 'canvas', { offset: { x: 20, y: 120 } });  // give the canvas the keyboard
  await page.keyboard.press('f');  // fit
  await frames(page, 5);
  await page.screenshot({ path: path.join(repo, 'tests', 'e2e', 'artifacts', 'bench-500.png') });
  await context.close();
} finally {
  await browser.close();
  server.stop();
}

result.firstFrameMedianMs = median(result.firstFrameMs);
if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
  console.log(`web build: ${dir}`);
  for (const [f, s] of Object.entries(sizes)) console.log(`  ${f.padEnd(16)} raw ${kb(s.raw).padStart(8)}   gzip ${kb(s.gzip).padStart(8)}`);
  console.log(`  ${'total'.padEnd(16)} raw ${kb(total.raw).padStart(8)}   gzip ${kb(total.gzip).padStart(8)}`);
  console.log(`first frame (navigation -> first rendered frame), median of ${runs}: ${result.firstFrameMedianMs.toFixed(0)} ms ` +
              `[${result.firstFrameMs.map((x) => x.toFixed(0)).join(', ')}]  target < 1500 ms`);
  console.log(`${result.nodes - 1}-step workflow (${result.nodes} nodes): loadWorkflow ${result.loadMs} ms`);
  const row = (label, total, build) =>
    console.log(`  ${label.padEnd(34)} ${total.toFixed(2).padStart(6)} ms/frame (ImGui build ${build.toFixed(2)} ms + GL submit)   target < 8 ms`);
  row(`fitted, all visible (zoom ${(result.frame.fitZoom * 100).toFixed(0)}%)`, result.frame.fitAllVisibleMs, result.frame.fitBuildMs);
  row(`zoom ${(result.frame.zoom * 100).toFixed(0)}% (full detail)`, result.frame.zoom100Ms, result.frame.zoom100BuildMs);
  row(`zoom 60% (${result.frame.zoom60Visible} nodes in full detail)`, result.frame.zoom60Ms, result.frame.zoom60BuildMs);
}
