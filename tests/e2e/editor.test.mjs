// tests/e2e/editor.test.mjs -- canvas and panel interactions with real input events: wheel zoom,
// box selection, fit, minimap, the variable picker, problems selecting nodes, gallery, file
// open (file chooser) and export (download).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, center, click, drag, frames, openApp, press, rect, tmpDir, useBrowser } from './lib.mjs';

const env = useBrowser();

const chain = {
  name: 'chain',
  meta: { displayName: 'Chain' },
  trigger: { id: '1', eventName: 'kustomer.conversation.update', transitions: [{ target: 'a', condition: { op: 'true', values: [true] } }] },
  steps: [
    { id: 'a', action: 'kustomer.conversation.append-tags', params: { id: '/#steps.1.id', tags: 'vip' }, transitions: [{ target: 'b', condition: { op: 'true', values: [true] } }] },
    { id: 'b', transitions: [{ target: 'c', condition: { op: 'eq', values: ['/#steps.1.status', 'done'] }, meta: { name: 'Done' } }] },
    { id: 'c', action: 'kustomer.conversation.append-tags', params: { id: '/#steps.1.id' }, transitions: [] },
  ],
};

describe('canvas', () => {
  test('wheel zooms around the cursor; F fits; the minimap moves the view', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    await api(page, (w) => window.kwsandbox.loadWorkflow(w), chain);
    await frames(page, 3);
    const before = await api(page, () => window.kwsandbox._debug.state());
    const node = await rect(page, 'node:b');
    const at = { x: node.x + 10, y: node.y + 10 };
    await page.mouse.move(at.x, at.y);
    await frames(page, 2);
    await page.mouse.wheel(0, -100);  // one notch up = zoom in
    await frames(page, 3);
    const zoomed = await api(page, () => window.kwsandbox._debug.state());
    assert.ok(zoomed.zoom > before.zoom * 1.1, `zoom grew (${before.zoom} -> ${zoomed.zoom})`);
    const node2 = await rect(page, 'node:b');
    const ratio = zoomed.zoom / before.zoom;
    assert.ok(Math.abs((at.x - node2.x) - 10 * ratio) < 2 && Math.abs((at.y - node2.y) - 10 * ratio) < 2,
              'the point under the cursor stays put');
    await click(page, 'canvas', { offset: { x: 30, y: 200 } });
    await press(page, 'f');
    const fitted = await api(page, () => window.kwsandbox._debug.state());
    const canvas = await rect(page, 'canvas');
    for (const id of ['1', 'a', 'b', 'c']) {
      const r = await rect(page, `node:${id}`);
      assert.ok(r.x >= canvas.x && r.x + r.w <= canvas.x + canvas.w && r.y >= canvas.y && r.y + r.h <= canvas.y + canvas.h, `${id} visible after F`);
    }
    const mm = await rect(page, 'minimap');
    await click(page, 'minimap', { offset: { x: 4, y: 4 } });
    const moved = await api(page, () => window.kwsandbox._debug.state());
    assert.notDeepEqual(moved.pan, fitted.pan, 'clicking the minimap moved the view');
    assert.ok(mm.w > 50);
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });

  test('box select with Shift+drag, shift-click toggles, Delete removes, drag moves', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    await api(page, (w) => window.kwsandbox.loadWorkflow(w), chain);
    await frames(page, 3);
    const a = await rect(page, 'node:a');
    const c = await rect(page, 'node:c');
    const canvas = await rect(page, 'canvas');
    const from = { x: a.x - 12, y: Math.min(a.y, c.y) - 40 };
    const to = { x: c.x + c.w + 12, y: Math.max(a.y + a.h, c.y + c.h) + 40 };
    assert.ok(from.y > canvas.y && to.y < canvas.y + canvas.h);
    await page.keyboard.down('Shift');
    await drag(page, from, to);
    await page.keyboard.up('Shift');
    let st = await api(page, () => window.kwsandbox._debug.state());
    assert.deepEqual([...st.selection].sort(), ['a', 'b', 'c']);
    await page.keyboard.down('Shift');
    await click(page, 'node:b', { offset: { x: 60, y: 12 } });
    await page.keyboard.up('Shift');
    st = await api(page, () => window.kwsandbox._debug.state());
    assert.deepEqual([...st.selection].sort(), ['a', 'c'], 'shift-click removed b');
    // Dragging a selected node moves the whole selection.
    const before = await api(page, () => window.kwsandbox.exportWorkflow());
    const p = center(await rect(page, 'node:a'));
    await drag(page, { x: p.x, y: p.y - 10 }, { x: p.x + 40, y: p.y + 30 });
    const moved = await api(page, () => window.kwsandbox.exportWorkflow());
    for (const id of ['a', 'c']) assert.notDeepEqual(moved.meta.kwsLayout[id], before.meta.kwsLayout[id], `${id} moved`);
    assert.deepEqual(moved.meta.kwsLayout.b, before.meta.kwsLayout.b, 'b stayed');
    await press(page, 'Delete');
    const nodes = await api(page, () => window.kwsandbox.nodes());
    assert.deepEqual(nodes.map((n) => n.id), ['1', 'b']);
    const wf = await api(page, () => window.kwsandbox.exportWorkflow());
    assert.deepEqual(wf.trigger.transitions, [], 'transitions into deleted steps are gone');
    await press(page, 'Control+Z');
    assert.equal((await api(page, () => window.kwsandbox.nodes())).length, 4);
    await context.close();
  });
});

describe('panels', () => {
  test('variable picker inserts an upstream reference; problems select their node', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const id = await api(page, (w) => window.kwsandbox.loadWorkflow(w), chain);
    await frames(page, 3);
    const problems = await api(page, (i) => window.kwsandbox.problems(i), id);
    assert.ok(problems.some((p) => p.path.startsWith('/steps/2/params')), 'step c lacks its required tags');
    const row = problems.findIndex((p) => p.path.startsWith('/steps/2'));
    await click(page, `problem:${row}`);
    assert.equal((await api(page, () => window.kwsandbox._debug.state())).focus, 'c', 'clicking the problem selected c');
    await frames(page, 3);
    await click(page, 'picker:tags');
    await click(page, 'var:1.tags');
    const wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(wf.steps[2].params.tags, '/#steps.1.tags');
    assert.deepEqual(await api(page, (i) => window.kwsandbox.problems(i), id), []);
    await context.close();
  });

  test('gallery, open file (file chooser), export (download)', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const count = (await api(page, () => window.kwsandbox.documents())).length;
    await click(page, 'button:Gallery');
    await click(page, 'gallery:1');
    const docs = await api(page, () => window.kwsandbox.documents());
    assert.equal(docs.length, count + 1, 'the gallery opened a sample');

    const dir = tmpDir();
    const file = path.join(dir, 'chain.json');
    fs.writeFileSync(file, JSON.stringify({ data: { type: 'workflow', id: 'x1', attributes: chain } }));
    await click(page, 'menu:File');
    const chooser = page.waitForEvent('filechooser');
    await click(page, 'menu:Open file...');
    await (await chooser).setFiles(file);
    await page.waitForFunction((n) => window.kwsandbox.documents().length === n, count + 2);
    const active = (await api(page, () => window.kwsandbox.documents())).find((d) => d.active);
    assert.equal(active.title, 'Chain');

    const download = page.waitForEvent('download');
    await click(page, 'button:Export');
    const dl = await download;
    assert.equal(dl.suggestedFilename(), 'chain.json');
    const saved = path.join(dir, 'out.json');
    await dl.saveAs(saved);
    const text = fs.readFileSync(saved, 'utf8');
    assert.deepEqual(JSON.parse(text), await api(page, (i) => window.kwsandbox.exportWorkflow(i), active.id));
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });
});
