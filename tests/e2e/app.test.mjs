// tests/e2e/app.test.mjs -- the browser app in real headless Chromium (Debian's chromium via
// playwright-core). Run: cd tests/e2e && npm test  (needs a web build; see lib.mjs webDir()).
//
// What is checked: the page loads with no console errors and draws the sample workflow (PNG
// kept in tests/e2e/artifacts/); a workflow built with real mouse and keyboard events exports
// the expected Kustomer JSON; a reload keeps it (autosave); undo/redo; a malformed import shows
// an error in the page and through the JS API; the JS API; copy/paste between tabs; share links.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, center, click, drag, frames, openApp, press, rect, screenshot, waitReady, useBrowser } from './lib.mjs';

const env = useBrowser();

// Drops generated ids and positions so exports compare by content.
function normalize(wf, ids) {
  let text = JSON.stringify(wf);
  for (const [from, to] of Object.entries(ids)) text = text.split(from).join(to);
  const out = JSON.parse(text);
  if (out.meta) delete out.meta.kwsLayout;
  return out;
}

describe('page', () => {
  test('loads without console errors and draws the sample workflow', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const docs = await api(page, () => window.kwsandbox.documents());
    assert.ok(Array.isArray(docs) && docs.length >= 1, 'a sample workflow is open on first visit');
    const nodes = await api(page, () => window.kwsandbox.nodes());
    assert.ok(nodes.length >= 2, 'the sample has a trigger and steps');
    assert.equal(nodes[0].id, '1');
    const firstFrame = await api(page, () => window.kwsandbox.firstFrameMs);
    assert.ok(firstFrame > 0, 'firstFrameMs is set');
    await frames(page, 10);
    const file = await screenshot(page, 'canvas-sample.png');
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    // Every node of the sample is on the canvas after fit-to-view.
    for (const n of nodes) {
      const r = await rect(page, `node:${n.id}`);
      const canvas = await rect(page, 'canvas');
      assert.ok(r.x >= canvas.x - 1 && r.x + r.w <= canvas.x + canvas.w + 1, `node ${n.id} is in view`);
    }
    console.log(`screenshot: ${file}`);
    await context.close();
  });

  test('renders sharp on a HiDPI screen (devicePixelRatio 2)', async () => {
    const { page, context } = await openApp(env.browser, env.server.url, { deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
    });
    assert.equal(size.w, size.cw * 2, 'canvas backing store follows devicePixelRatio');
    assert.equal(size.h, size.ch * 2);
    await screenshot(page, 'canvas-hidpi.png');
    // Resizing the window resizes the canvas.
    await page.setViewportSize({ width: 1000, height: 700 });
    await frames(page, 5);
    const resized = await page.evaluate(() => document.getElementById('canvas').width);
    assert.equal(resized, 2000);
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });
});

describe('editor', () => {
  test('build a workflow with mouse and keyboard, export it, reload, undo and redo', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    // File > New workflow, through the menu.
    await click(page, 'menu:File');
    await click(page, 'menu:New workflow');
    const id = (await api(page, () => window.kwsandbox.documents())).find((d) => d.active).id;
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 1);

    // Search the palette, then drag "Conversation: Add Tags" onto the canvas.
    await click(page, 'palette:search');
    await page.keyboard.type('add tags');
    await frames(page, 3);
    const item = center(await rect(page, 'palette:kustomer.conversation.append-tags'));
    const canvas = await rect(page, 'canvas');
    const trigger = await rect(page, 'node:1');
    // Right of the trigger, with room for the node inside the canvas.
    const dropAt = { x: Math.min(trigger.x + trigger.w + 110, canvas.x + canvas.w - 260), y: trigger.y + 20 };
    await drag(page, item, dropAt, 16);
    const nodes = await api(page, (i) => window.kwsandbox.nodes(i), id);
    assert.equal(nodes.length, 2, 'the drop added a step');
    const step = nodes[1];
    assert.equal(step.action, 'kustomer.conversation.append-tags');

    // Connect it: drag from the trigger's "+" pin onto the new node.
    await drag(page, center(await rect(page, 'pin:1:new')), center(await rect(page, `node:${step.id}`)));
    let wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(wf.trigger.transitions.length, 1);
    assert.equal(wf.trigger.transitions[0].target, step.id);

    // Select the step and fill its required inputs by clicking and typing.
    await click(page, `node:${step.id}`, { offset: { x: 60, y: 12 } });
    const problemsBefore = await api(page, (i) => window.kwsandbox.problems(i), id);
    assert.ok(problemsBefore.some((p) => p.path.startsWith('/steps/0/params')), 'missing required inputs are problems');
    await click(page, 'field:id');
    await page.keyboard.type('/#steps.1.id');
    await click(page, 'field:tags');
    await page.keyboard.type('vip');
    await frames(page, 3);
    await click(page, 'canvas', { offset: { x: 40, y: 300 } });  // leave the field

    wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    const expected = {
      name: 'new-workflow',
      meta: { displayName: 'New workflow' },
      trigger: {
        id: '1',
        eventName: 'kustomer.conversation.create',
        appVersion: 'kustomer-^1.10.4',
        transitions: [{ target: 'STEP', condition: { op: 'true', values: [true] } }],
      },
      steps: [
        {
          id: 'STEP',
          action: 'kustomer.conversation.append-tags',
          appVersion: wf.steps[0].appVersion,
          params: { id: '/#steps.1.id', tags: 'vip' },
          transitions: [],
          errorCases: [],
        },
      ],
    };
    const got = normalize(wf, { [step.id]: 'STEP' });
    for (const k of Object.keys(got)) if (!(k in expected)) expected[k] = got[k];  // e.g. "enabled"/"description" defaults
    assert.deepEqual(got, expected);
    assert.ok(wf.meta.kwsLayout && wf.meta.kwsLayout['1'] && wf.meta.kwsLayout[step.id], 'positions are exported');
    assert.deepEqual(await api(page, (i) => window.kwsandbox.problems(i), id), [], 'the workflow is valid');
    await screenshot(page, 'built-workflow.png');

    // Reload: autosave keeps the document (the debounce is 300 ms; pagehide flushes too).
    await page.waitForTimeout(500);
    await page.reload();
    await waitReady(page);
    const after = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.deepEqual(after, wf, 'the reload restored the same workflow');

    // Undo / redo with the keyboard (the canvas has the keyboard after a click on it).
    await click(page, 'canvas', { offset: { x: 40, y: 300 } });
    await press(page, 'Control+Z');
    wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    // Undo history is per session: after the reload there is nothing to undo yet.
    assert.deepEqual(wf, after, 'nothing to undo right after a reload');
    await click(page, `node:${step.id}`, { offset: { x: 60, y: 12 } });
    await press(page, 'Delete');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 1, 'Delete removed the step');
    await press(page, 'Control+Z');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 2, 'Ctrl+Z restored it');
    assert.deepEqual(await api(page, (i) => window.kwsandbox.exportWorkflow(i), id), after);
    await press(page, 'Control+Shift+Z');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 1, 'Ctrl+Shift+Z redid the delete');
    await press(page, 'Control+Z');
    await press(page, 'Control+Y');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 1, 'Ctrl+Y redoes too');
    await press(page, 'Control+Z');
    // Duplicate (Ctrl+D) and undo it.
    await click(page, `node:${step.id}`, { offset: { x: 60, y: 12 } });
    await press(page, 'Control+D');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 3, 'Ctrl+D duplicated the step');
    await press(page, 'Control+Z');
    assert.equal((await api(page, (i) => window.kwsandbox.nodes(i), id)).length, 2);
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });

  test('typing in a field is one undo step', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const id = await api(page, () => window.kwsandbox.newWorkflow());
    await frames(page, 3);
    await click(page, 'node:1', { offset: { x: 60, y: 12 } });
    await click(page, 'field:displayName');
    await press(page, 'Control+A');
    await page.keyboard.type('Tag VIP conversations');
    await frames(page, 2);
    await click(page, 'canvas', { offset: { x: 40, y: 300 } });
    let wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(wf.meta.displayName, 'Tag VIP conversations');
    await press(page, 'Control+Z');
    wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(wf.meta.displayName, 'New workflow');
    await press(page, 'Control+Shift+Z');
    wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(wf.meta.displayName, 'Tag VIP conversations');
    await context.close();
  });

  test('a malformed import shows an error in the page and through the API', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const before = (await api(page, () => window.kwsandbox.documents())).length;
    const result = await api(page, () => window.kwsandbox.loadWorkflow('{"name": "broken", "trigger": '));
    assert.equal(result.error.code, 'json.syntax');
    assert.ok(result.error.message.length > 0);
    await frames(page, 4);
    const status = await page.textContent('#kws-status');
    assert.match(status, /Could not open/);
    const dialog = await rect(page, 'dialog:import_error');
    assert.ok(dialog.w > 100 && dialog.h > 40, 'the error dialog is on screen');
    const problems = await api(page, () => window.kwsandbox.importProblems());
    assert.equal(problems[0].code, 'json.syntax');
    await screenshot(page, 'import-error.png');
    assert.equal((await api(page, () => window.kwsandbox.documents())).length, before, 'nothing was opened');
    // The module still works.
    await click(page, 'button:OK');
    const id = await api(page, () => window.kwsandbox.newWorkflow());
    assert.equal(typeof id, 'string');
    // A workflow that parses but is invalid: opened, its problems listed, the node outlined.
    const bad = await api(page, () =>
      window.kwsandbox.loadWorkflow({
        name: 'bad',
        trigger: { id: '1', eventName: 'kustomer.conversation.create', transitions: [{ target: 'a', condition: { op: 'true', values: [true] } }] },
        steps: [{ id: 'a', action: 'kustomer.no-such-action', params: {}, transitions: [{ target: 'missing' }] }],
      }),
    );
    assert.equal(typeof bad, 'string');
    const badProblems = await api(page, (i) => window.kwsandbox.problems(i), bad);
    assert.ok(badProblems.length >= 1 && badProblems.every((p) => p.code && typeof p.path === 'string' && p.message));
    await frames(page, 5);
    await screenshot(page, 'problems.png');
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });
});

describe('JS API', () => {
  test('load, nodes, problems, export, select, org, run', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const wfJson = {
      name: 'vip-tag',
      meta: { displayName: 'Tag new conversations' },
      trigger: {
        id: '1', eventName: 'kustomer.conversation.create',
        transitions: [{ target: 'tag', condition: { op: 'true', values: [true] } }],
      },
      steps: [{ id: 'tag', action: 'kustomer.conversation.append-tags', params: { id: '/#steps.1.id', tags: 'vip' }, transitions: [], errorCases: [] }],
    };
    // As a JSON:API resource envelope, given as a string.
    const id = await api(page, (w) => window.kwsandbox.loadWorkflow(JSON.stringify({ data: { type: 'workflow', id: 'wf1', attributes: w } })), wfJson);
    assert.equal(typeof id, 'string');
    const nodes = await api(page, (i) => window.kwsandbox.nodes(i), id);
    assert.deepEqual(nodes.map((n) => n.id), ['1', 'tag']);
    assert.equal(nodes[1].action, 'kustomer.conversation.append-tags');
    assert.equal(nodes[1].title, 'Conversation: Add Tags');
    assert.deepEqual(await api(page, (i) => window.kwsandbox.problems(i), id), []);
    const exported = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    assert.equal(exported.name, 'vip-tag');
    assert.ok(exported.meta.kwsLayout.tag, 'imported workflows get a layout');
    assert.equal(await api(page, () => window.kwsandbox.select('tag')), true);
    await frames(page, 2);
    assert.equal((await api(page, () => window.kwsandbox._debug.state())).focus, 'tag');
    assert.equal((await api(page, () => window.kwsandbox.select('nope'))).error.code, 'api.unknown_step');
    assert.equal((await api(page, () => window.kwsandbox.exportWorkflow('nope'))).error.code, 'api.unknown_document');

    // Org round trip and a run.
    const org = await api(page, () => window.kwsandbox.exportOrg());
    assert.ok(Array.isArray(org.resources) && org.resources.length > 0, 'the demo org is loaded');
    const loaded = await api(page, (o) => window.kwsandbox.loadOrg(o), org);
    assert.equal(loaded.ok, true);
    const conversation = org.resources.find((r) => r.type === 'conversation');
    const report = await api(page, ([i, c]) => window.kwsandbox.run(i, { name: 'kustomer.conversation.create', data: c }), [id, conversation]);
    assert.ok(!report.error, JSON.stringify(report.error));
    assert.ok(Array.isArray(report.runs) && report.runs.length >= 1, 'the workflow ran');
    assert.ok(report.runs[0].steps.tag, 'the step is in the report');
    assert.ok('outbox' in report && 'org' in report);
    const bad = await api(page, (i) => window.kwsandbox.run(i, '{not json'), id);
    assert.equal(bad.error.code, 'json.syntax');
    assert.deepEqual(page.kwsErrors, []);
    await context.close();
  });

  test('share link opens the workflow in another page', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const id = await api(page, () => window.kwsandbox.newWorkflow());
    const url = await api(page, (i) => window.kwsandbox.shareLink(i), id);
    assert.match(url, /#wf=[A-Za-z0-9_-]+$/);
    const wf = await api(page, (i) => window.kwsandbox.exportWorkflow(i), id);
    const other = await openApp(env.browser, url);  // fresh storage: only the link can bring it
    const docs = await api(other.page, () => window.kwsandbox.documents());
    const active = docs.find((d) => d.active);
    assert.deepEqual(await api(other.page, (i) => window.kwsandbox.exportWorkflow(i), active.id), wf);
    await other.context.close();
    await context.close();
  });

  test('copy in one tab, paste in another', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const a = await openApp(env.browser, env.server.url, { context });
    const b = await openApp(env.browser, env.server.url, { context });
    const src = await api(a.page, () => window.kwsandbox.loadWorkflow({
      name: 'src', trigger: { id: '1', eventName: 'kustomer.conversation.create', transitions: [] },
      steps: [{ id: 'n1', action: 'kustomer.conversation.append-tags', params: { id: '/#steps.1.id', tags: 'vip' }, transitions: [] }],
    }));
    await frames(a.page, 3);
    await a.page.bringToFront();
    await click(a.page, 'node:n1', { offset: { x: 60, y: 12 } });
    await press(a.page, 'Control+C');
    const dst = await api(b.page, () => window.kwsandbox.newWorkflow());
    await b.page.bringToFront();
    await frames(b.page, 3);
    await click(b.page, 'canvas', { offset: { x: 300, y: 300 } });
    await press(b.page, 'Control+V');
    const nodes = await api(b.page, (i) => window.kwsandbox.nodes(i), dst);
    assert.equal(nodes.length, 2, 'the step was pasted in the other tab');
    assert.equal(nodes[1].action, 'kustomer.conversation.append-tags');
    assert.notEqual(nodes[1].id, 'n1', 'pasted steps get fresh ids');
    assert.ok(src);
    await context.close();
  });
});
