// tests/e2e/run.test.mjs -- the run / debug panels (issue 5) in real headless Chromium: run a
// sample workflow from the Run tab with real clicks and check the trace and the org change;
// step through a breakpoint set with F9; advance the clock (Clock tab buttons) to fire the
// refund -> survey chain (samples 04 and 05). Screenshots in tests/e2e/artifacts/run-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, click, frames, openApp, press, rect, repo, screenshot, useBrowser } from './lib.mjs';

const env = useBrowser();

const sample = (name) => fs.readFileSync(path.join(repo, 'mocks', 'fixtures', 'workflows', name), 'utf8');

async function openSample(page, name) {
  const id = await api(page, (text) => window.kwsandbox.loadWorkflow(text), sample(name));
  assert.equal(typeof id, 'string', `opened ${name}: ${JSON.stringify(id)}`);
  await frames(page, 5);
  return id;
}

describe('run panel', () => {
  test('runs a sample from the Run tab, shows the trace and changes the org', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    await openSample(page, '01-vip-first-reply.json');
    const orgBefore = JSON.stringify(await api(page, () => window.kwsandbox.exportOrg()));
    await click(page, 'tab:Run');
    await click(page, 'button:Run');
    await frames(page, 5);
    const { runs } = await api(page, () => window.kwsandbox.runs());
    assert.ok(runs.length >= 1, 'the sample event started a run');
    assert.equal(runs[0].status, 'completed', JSON.stringify(runs[0]).slice(0, 400));
    assert.ok(runs[0].path.length >= 3, 'the run went through several steps');
    await screenshot(page, 'run-panel.png');
    const orgAfter = JSON.stringify(await api(page, () => window.kwsandbox.exportOrg()));
    assert.notEqual(orgAfter, orgBefore, 'the run changed the org');
    const outbox = await api(page, () => window.kwsandbox.outbox());
    assert.ok(Array.isArray(outbox) && outbox.length >= 1, 'the sample sent a chat message');
    // Trace: one row per step; clicking a row selects its node.
    await click(page, 'tab:Trace');
    await frames(page, 3);
    await rect(page, `trace:${runs[0].path.length - 1}`);
    await click(page, 'trace:1');
    await screenshot(page, 'run-trace.png');
    const st = await api(page, () => window.kwsandbox._debug.state());
    assert.deepEqual(st.selection, [runs[0].path[1]], `clicking a trace row selects its node: ${JSON.stringify(st)}`);
    await click(page, 'tab:Outbox');
    await screenshot(page, 'run-outbox.png');
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    await context.close();
  });

  test('steps through a breakpoint set with F9', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const mine = await openSample(page, '01-vip-first-reply.json');
    // Only this workflow open (the first-visit sample is the same one: it would run too).
    for (const d of await api(page, () => window.kwsandbox.documents())) {
      if (d.id !== mine) await api(page, (id) => window.kwsandbox.close(id), d.id);
    }
    await frames(page, 5);
    const nodes = await api(page, () => window.kwsandbox.nodes());
    const target = nodes[2].id;  // the second step
    await click(page, `node:${target}`);
    await press(page, 'F9');
    await click(page, 'tab:Run');
    await click(page, 'button:Run');
    let r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].status, 'running', 'the run stopped at the breakpoint');
    assert.equal(r.runs[0].atBreakpoint, true);
    assert.equal(r.runs.length, 1);
    assert.equal(r.runs[0].path[r.runs[0].path.length - 1], nodes[1].id, 'paused before the breakpoint node');
    await screenshot(page, 'run-breakpoint.png');
    const before = r.runs[0].path.length;
    await click(page, 'button:Step');
    r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].path.length, before + 1, 'Step executed exactly one step');
    assert.equal(r.runs[0].path[before], target);
    await screenshot(page, 'run-stepped.png');
    await click(page, 'button:Continue');
    r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].status, 'completed');
    // The JS API does the same: run stops at the breakpoint, step() and continue() go on.
    assert.equal((await api(page, (t) => window.kwsandbox.setBreakpoints([t]), target)).ok, true);
    const sampleEvent = JSON.parse(sample('01-vip-first-reply.json')).meta.kwsSample.event;
    await api(page, (ev) => window.kwsandbox.run('', ev), sampleEvent);
    r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].atBreakpoint, true, 'run() stopped at the breakpoint');
    assert.equal(r.paused, true);
    const n = r.runs[0].path.length;
    await api(page, () => window.kwsandbox.step());
    r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].path.length, n + 1);
    await api(page, () => window.kwsandbox.continue());
    r = await api(page, () => window.kwsandbox.runs());
    assert.equal(r.runs[0].status, 'completed');
    await api(page, () => window.kwsandbox.setBreakpoints([]));
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    await context.close();
  });

  test('advancing the clock fires the scheduled survey (samples 04 -> 05)', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    await openSample(page, '05-send-satisfaction-survey.json');
    await openSample(page, '04-refund-follow-up.json');
    await click(page, 'tab:Run');
    await click(page, 'button:Run');
    let r = await api(page, () => window.kwsandbox.runs());
    const refund = r.runs.find((x) => /refund/i.test(x.workflowName));
    assert.ok(refund && refund.status === 'completed', JSON.stringify(r.runs).slice(0, 400));
    const n0 = r.runs.length;
    await click(page, 'tab:Clock');
    await screenshot(page, 'run-clock-before.png');
    await click(page, 'button:+1 h');
    await click(page, 'button:+1 h');
    await click(page, 'button:+15 min');
    r = await api(page, () => window.kwsandbox.runs());
    const survey = r.runs.filter((x) => /survey/i.test(x.workflowName));
    assert.ok(r.runs.length > n0 && survey.length >= 1, `the survey ran: ${JSON.stringify(r.runs.map((x) => x.workflowName))}`);
    assert.equal(survey[0].status, 'completed');
    await screenshot(page, 'run-clock-after.png');
    const report = await api(page, () => window.kwsandbox.advance('1d'));
    assert.ok(Array.isArray(report.runs), 'advance returns the report');
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    await context.close();
  });

  test('editing an org object in the Org tab triggers its workflow', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    await openSample(page, '05-send-satisfaction-survey.json');  // the refund workflow schedules it
    await openSample(page, '04-refund-follow-up.json');
    await click(page, 'tab:Org');
    await click(page, 'combo:org_type');
    await click(page, 'orgtype:conversation');
    await click(page, 'field:org_search');
    await page.keyboard.type('66a0c0de0300000000000060');
    await frames(page, 3);
    await click(page, 'org:0');
    await click(page, 'field:org_json');
    await press(page, 'Control+A');
    await page.keyboard.type('{"status": "done"}');
    await frames(page, 3);
    await screenshot(page, 'run-org-edit.png');
    await click(page, 'button:Org Save');
    const org = await api(page, () => window.kwsandbox.exportOrg());
    const conv = org.resources.find((r) => r.id === '66a0c0de0300000000000060');
    assert.equal(conv.attributes.status, 'done', 'the edit was applied');
    assert.ok(conv.attributes.name, 'other attributes are kept');
    const r = await api(page, () => window.kwsandbox.runs());
    const refund = r.runs.find((x) => /refund/i.test(x.workflowName));
    assert.ok(refund, `the update event triggered the refund workflow: ${JSON.stringify(r.runs.map((x) => x.workflowName))}`);
    assert.equal(refund.status, 'completed', JSON.stringify(refund.error));
    await click(page, 'tab:Run');
    await screenshot(page, 'run-org-saved.png');
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    await context.close();
  });
});
