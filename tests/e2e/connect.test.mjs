// tests/e2e/connect.test.mjs -- fetch-backed connectors (issue 5) in real headless Chromium:
// - the same workflow run in-process and through fetch against the loopback Kustomer API
//   (`kwsandbox serve`, native) gives identical run reports, ids and times aside;
// - the Connection dialog (real mouse and keyboard) points Kustomer actions at that server;
//   the API key never shows up in an export, a share link, the report, a toast or storage
//   unless the user asks to remember it;
// - a REST step against a local server: 2xx JSON, a non-2xx text answer the workflow branches
//   on, a slow answer the user cancels from the page while the UI keeps drawing, and a
//   configurable timeout with a clear error.
// Screenshots in tests/e2e/artifacts/connect-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { api, click, frames, openApp, press, rect, repo, screenshot, startKustomerServer, openOnly, typeText, until, useBrowser } from './lib.mjs';

const env = useBrowser();

const sampleText = (name) => fs.readFileSync(path.join(repo, 'mocks', 'fixtures', 'workflows', name), 'utf8');

// What must match between two runs of the same workflow: everything but ids and times.
function normalize(report) {
  const runs = report.runs.map((r) => ({
    workflowName: r.workflowName, trigger: r.trigger, status: r.status, path: r.path, steps: r.steps, error: r.error,
  }));
  return JSON.parse(JSON.stringify(runs)
    .replace(/\b[0-9a-f]{24}\b/g, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'));
}

// A local HTTP server with CORS for REST steps: /orders (201 JSON), /text (503 text),
// /slow (answers after 60 s unless the client goes away). Records what it saw.
function startRestServer() {
  const seen = [];
  const srv = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
    };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const entry = { method: req.method, url: req.url, body, headers: req.headers, aborted: false };
      seen.push(entry);
      if (req.url.startsWith('/orders')) {
        res.writeHead(201, { ...cors, 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, received: body ? JSON.parse(body) : null }));
      } else if (req.url.startsWith('/text')) {
        res.writeHead(503, { ...cors, 'content-type': 'text/plain' });
        res.end('maintenance until 10:00');
      } else if (req.url.startsWith('/slow')) {
        const timer = setTimeout(() => { res.writeHead(200, { ...cors, 'content-type': 'application/json' }); res.end('{"late":true}'); }, 60000);
        res.on('close', () => { clearTimeout(timer); if (!res.writableEnded) entry.aborted = true; });
      } else {
        res.writeHead(404, cors);
        res.end();
      }
    });
  });
  return new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${srv.address().port}`, seen, stop: () => { srv.closeAllConnections(); srv.close(); } });
    });
  });
}

// customer.update -> POST/GET <uri> -> "ok" when the status is 201, else "bad"; both keep
// what they saw. The sample event is a change request on a demo customer.
function restWorkflow(uri, method = 'POST') {
  return JSON.stringify({
    name: 'rest-check',
    enabled: true,
    meta: {
      displayName: 'REST check',
      kwsSample: { title: 'Update Kenji', event: { type: 'customer', id: '66a0c0de010000000000002e', attributes: { locale: 'fr_FR' } } },
    },
    trigger: { id: '1', eventName: 'kustomer.customer.update', transitions: [{ target: 'call' }] },
    steps: [
      {
        id: 'call', action: 'kustomer.rest-api.json',
        params: { uri, method, data: method === 'POST' ? { order: 'NW-1' } : null, json: true },
        meta: { displayName: 'Call the order service' },
        transitions: [
          { target: 'ok', condition: { op: 'eq', values: ['/#steps.call.response.statusCode', 201] }, meta: { name: 'Created' } },
          { target: 'bad', condition: { op: 'true', values: [true] }, meta: { name: 'Anything else' } },
        ],
      },
      { id: 'ok', action: 'kustomer.transform.generic', params: { data: { created: '/#steps.call.body.ok' } }, transitions: [] },
      { id: 'bad', action: 'kustomer.transform.generic', params: { data: { status: '/#steps.call.response.statusCode', text: '/#steps.call.body' } }, transitions: [] },
    ],
  });
}

// A change request on a demo customer: a new locale each time, so every call is a change.
let locales = 0;
const changeKenji = () => ({ type: 'customer', id: '66a0c0de010000000000002e', attributes: { locale: `x-test-${++locales}` } });
const collection = (type) => ({ message: '/v1/messages', conversation: '/v1/conversations', customer: '/v1/customers' })[type];

describe('Kustomer-compatible API through fetch', () => {
  test('the same workflow in-process and against the loopback server gives identical reports', async () => {
    let kustomer;
    try {
      for (const name of ['07-order-number-lookup.json', '14-whatsapp-context-note.json']) {
        kustomer?.stop();
        kustomer = await startKustomerServer({ apiKey: 'sekret-key-123' });  // the demo org, fresh
        const wf = sampleText(name);
        const event = JSON.parse(wf).meta.kwsSample.event;
        // In-process: the simulated org in the page.
        const a = await openApp(env.browser, env.server.url);
        const idA = await openOnly(a.page, wf);
        const local = await api(a.page, ([id, ev]) => window.kwsandbox.run(id, ev), [idA, event]);
        assert.ok(local && !local.error && local.runs.length >= 1, `${name} ran in-process: ${JSON.stringify(local).slice(0, 300)}`);
        assert.equal(local.runs[0].status, 'completed', JSON.stringify(local.runs[0]).slice(0, 600));
        await a.context.close();
        // Remote: in Kustomer the message exists before its event fires, so create it on the
        // server through its REST API (the in-page run created it in the page's org the same
        // way: a change request goes through the org's POST route), then send the event a
        // fresh page whose Kustomer actions go to `kwsandbox serve` through fetch.
        const created = await fetch(`${kustomer.url}${collection(event.type)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sekret-key-123' },
          body: JSON.stringify({ data: event }),
        });
        assert.equal(created.status, 201, `${name}: the server created the trigger's ${event.type}`);
        const resource = (await created.json()).data;
        const b = await openApp(env.browser, env.server.url);
        const idB = await openOnly(b.page, wf);
        const conn = await api(b.page, (url) => window.kwsandbox.setConnection({ mode: 'remote', baseUrl: url, apiKey: 'sekret-key-123' }), kustomer.url);
        assert.equal(conn.mode, 'remote', JSON.stringify(conn));
        const remoteEvent = { name: `kustomer.${event.type}.create`, data: resource };
        const remote = await api(b.page, ([id, ev]) => window.kwsandbox.run(id, ev), [idB, remoteEvent]);
        assert.ok(remote && !remote.error && !remote.pending, `${name} ran remotely: ${JSON.stringify(remote).slice(0, 300)}`);
        assert.deepEqual(normalize(remote), normalize(local), `${name}: reports differ`);
        // The mutations happened on the server, not in the page's org.
        const notes = await api(b.page, () => window.kwsandbox.exportOrg().resources.filter((r) => r.type === 'note').length);
        const notesLocal = local.org.resources.filter((r) => r.type === 'note').length;
        assert.ok(notesLocal > notes, `${name}: the in-process run added notes to the page's org, the remote one did not`);
        const onServer = await (await fetch(`${kustomer.url}/v1/notes?pageSize=1000`, { headers: { authorization: 'Bearer sekret-key-123' } })).json();
        assert.equal(onServer.meta.total, notesLocal, `${name}: the server holds as many notes as the in-process org`);
        assert.doesNotMatch(JSON.stringify(remote), /sekret-key-123/, 'the key is not in the report');
        assert.deepEqual(b.page.kwsErrors, [], 'no console errors');
        await b.context.close();
      }
      // A wrong key is refused by the server: the step fails with Kustomer's 401, visibly.
      const c = await openApp(env.browser, env.server.url);
      const wf = sampleText('07-order-number-lookup.json');
      const idC = await openOnly(c.page, wf);
      await api(c.page, (url) => window.kwsandbox.setConnection({ mode: 'remote', baseUrl: url, apiKey: 'wrong' }), kustomer.url);
      const denied = await api(c.page, ([id, ev]) => window.kwsandbox.run(id, ev), [idC, JSON.parse(wf).meta.kwsSample.event]);
      assert.match(JSON.stringify(denied.runs[0].steps), /401|unauthorized|API key/i, 'the 401 reached the step');
      await c.context.close();
    } finally {
      kustomer?.stop();
    }
  });

  test('the Connection dialog points Kustomer actions at the server and keeps the key out of exports', async () => {
    const kustomer = await startKustomerServer({ apiKey: 'dialog-key-456' });
    const { page, context } = await openApp(env.browser, env.server.url);
    try {
      const wf = sampleText('07-order-number-lookup.json');
      const id = await openOnly(page, wf);
      await click(page, 'menu:Run');
      await click(page, 'menu:Connection...');
      await rect(page, 'dialog:Connection');
      await click(page, 'radio:remote');
      await click(page, 'field:baseUrl');
      await typeText(page, kustomer.url);
      await click(page, 'field:apiKey');
      await typeText(page, 'dialog-key-456');
      await screenshot(page, 'connect-dialog.png');
      await click(page, 'button:Apply');
      const conn = await api(page, () => window.kwsandbox.connection());
      assert.deepEqual({ mode: conn.mode, baseUrl: conn.baseUrl, hasKey: conn.hasKey, rememberKey: conn.rememberKey },
        { mode: 'remote', baseUrl: kustomer.url, hasKey: true, rememberKey: false });
      // Run from the Run tab with the real mouse; the notes land on the server.
      await click(page, 'tab:Run');
      await click(page, 'button:Run');
      const runs = await until(page, () => {
        const r = window.kwsandbox.runs().runs;
        return r.length && r.every((x) => x.status !== 'running' && x.status !== 'waiting') ? r : null;
      }, null, { what: 'the remote run to finish' });
      assert.equal(runs[0].status, 'completed', JSON.stringify(runs[0]).slice(0, 600));
      await screenshot(page, 'connect-remote-run.png');
      // The key is nowhere the user can take it from.
      const exported = await api(page, (x) => window.kwsandbox.exportWorkflowText(x), id);
      const link = await api(page, (x) => window.kwsandbox.shareLink(x), id);
      const report = await api(page, () => window.kwsandbox.report());
      const st = await api(page, () => window.kwsandbox._debug.state());
      await api(page, () => window.kwsandbox._debug.flush());
      const storage = await api(page, () => JSON.stringify(Object.assign({}, localStorage)));
      for (const [what, text] of [['export', exported], ['share link', link], ['report', JSON.stringify(report)],
        ['toasts', JSON.stringify(st.toasts)], ['localStorage', storage], ['console', page.kwsErrors.join('\n')]]) {
        assert.doesNotMatch(text, /dialog-key-456/, `the API key leaked into the ${what}`);
      }
      // Reload: the connection is remembered, the key is not (it was kept in memory only).
      await page.reload();
      await page.waitForFunction(() => window.kwsandbox && window.kwsandbox.ready);
      await page.evaluate(() => window.kwsandbox.ready);
      let after = await api(page, () => window.kwsandbox.connection());
      assert.equal(after.mode, 'remote');
      assert.equal(after.hasKey, false, 'the key was forgotten on reload');
      // Asking to remember it keeps it across reloads.
      await api(page, () => window.kwsandbox.setConnection({ apiKey: 'dialog-key-456', rememberKey: true }));
      await page.reload();
      await page.waitForFunction(() => window.kwsandbox && window.kwsandbox.ready);
      await page.evaluate(() => window.kwsandbox.ready);
      after = await api(page, () => window.kwsandbox.connection());
      assert.equal(after.hasKey, true, 'a remembered key survives a reload');
      // Bad settings are refused with the member and what is expected.
      const bad = await api(page, () => window.kwsandbox.setConnection({ mode: 'remote', baseUrl: 'ftp://x' }));
      assert.equal(bad.error.path, '/baseUrl');
      assert.match(bad.error.message, /http:\/\/ or https:\/\//);
      const back = await api(page, () => window.kwsandbox.setConnection({ mode: 'simulated', rememberKey: false, apiKey: '' }));
      assert.equal(back.mode, 'simulated');
      assert.equal(await api(page, () => localStorage.getItem('kwsandbox.setting.apiKey')), null, 'forgetting removes the stored key');
    } finally {
      await context.close();
      kustomer.stop();
    }
  });
});

describe('REST steps through fetch', () => {
  test('2xx JSON and non-2xx text answers reach the step; the workflow branches on statusCode', async () => {
    const rest = await startRestServer();
    const { page, context } = await openApp(env.browser, env.server.url);
    try {
      const id = await openOnly(page, restWorkflow(`${rest.url}/orders`));
      const ok = await api(page, ([x, ev]) => window.kwsandbox.run(x, ev), [id, changeKenji()]);
      assert.equal(ok.runs[0].status, 'completed', JSON.stringify(ok.runs[0]).slice(0, 800));
      assert.deepEqual(ok.runs[0].path, ['1', 'call', 'ok']);
      assert.equal(ok.runs[0].steps.call.output.response.statusCode, 201);
      assert.deepEqual(ok.runs[0].steps.call.output.body.received, { order: 'NW-1' }, 'the JSON body was sent');
      assert.equal(rest.seen.at(-1).method, 'POST');
      const outboxHttp = ok.outbox.filter((e) => e.kind === 'http');
      assert.equal(outboxHttp.at(-1).via, 'live', 'the request is in the outbox, marked live');

      await openOnly(page, restWorkflow(`${rest.url}/text`, 'GET'));
      const docs = await api(page, () => window.kwsandbox.documents());
      const bad = await api(page, ([x, ev]) => window.kwsandbox.run(x, ev), [docs[0].id, changeKenji()]);
      const run = bad.runs[0];
      assert.equal(run.status, 'completed', JSON.stringify(run).slice(0, 800));
      assert.deepEqual(run.path, ['1', 'call', 'bad'], 'a 503 takes the "anything else" branch');
      assert.equal(run.steps.call.output.response.statusCode, 503);
      assert.equal(run.steps.call.output.body, 'maintenance until 10:00', 'a text body is output as text');
      assert.equal(run.steps.bad.output.output.status, 503, JSON.stringify(run.steps.bad.output));
      // Chromium itself logs every non-2xx fetch ("Failed to load resource"); nothing else.
      assert.deepEqual(page.kwsErrors.filter((e) => !/Failed to load resource/.test(e)), [], 'no console errors');
    } finally {
      await context.close();
      rest.stop();
    }
  });

  test('a slow request shows its elapsed time, the page stays live, and Cancel stops the run', async () => {
    const rest = await startRestServer();
    const { page, context } = await openApp(env.browser, env.server.url);
    try {
      await openOnly(page, restWorkflow(`${rest.url}/slow`, 'GET'));
      await click(page, 'tab:Run');
      await click(page, 'button:Run');
      await until(page, () => window.kwsandbox.runs().runs.some((r) => r.status === 'waiting'), null, { what: 'a waiting run' });
      // The UI keeps drawing while the request is out: frames keep coming and stay cheap.
      await frames(page, 20);
      const stats = await api(page, () => window.kwsandbox._debug.frameStats(20));
      assert.ok(stats.averageMs < 50, `frames stay cheap while the request waits: ${JSON.stringify(stats)}`);
      const w1 = await api(page, () => window.kwsandbox.runs().runs[0].status);
      assert.equal(w1, 'waiting');
      await rect(page, 'button:Cancel run');
      await page.waitForTimeout(1200);
      await frames(page, 3);
      await screenshot(page, 'connect-waiting.png');
      assert.equal(rest.seen.filter((e) => e.url === '/slow').length, 1, 'the request reached the server');
      await click(page, 'button:Cancel run');
      const runs = await until(page, () => {
        const r = window.kwsandbox.runs().runs;
        return r.length && r[0].status === 'cancelled' ? r : null;
      }, null, { what: 'the run to be cancelled' });
      assert.equal(runs[0].error.code, 'run.cancelled');
      await until(page, () => true);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(rest.seen.find((e) => e.url === '/slow').aborted, true, 'the browser aborted the request');
      await screenshot(page, 'connect-cancelled.png');
      assert.deepEqual(page.kwsErrors, [], 'no console errors');
    } finally {
      await context.close();
      rest.stop();
    }
  });

  test('requests time out after the configured time with a clear error', async () => {
    const rest = await startRestServer();
    const { page, context } = await openApp(env.browser, env.server.url);
    try {
      const id = await openOnly(page, restWorkflow(`${rest.url}/slow`, 'GET'));
      // Set the timeout in the Connection dialog with the keyboard.
      await click(page, 'menu:Run');
      await click(page, 'menu:Connection...');
      await click(page, 'field:timeoutMs', { offset: { x: 30, y: 10 } });
      await press(page, 'Control+A');
      await typeText(page, '700');
      await press(page, 'Enter');
      await click(page, 'button:Apply');
      assert.equal((await api(page, () => window.kwsandbox.connection())).timeoutMs, 700);
      const t0 = Date.now();
      const report = await api(page, ([x, ev]) => window.kwsandbox.run(x, ev), [id, changeKenji()]);
      const waited = Date.now() - t0;
      const run = report.runs[0];
      assert.equal(run.status, 'failed', JSON.stringify(run).slice(0, 800));
      assert.equal(run.steps.call.error.code, 'http.transport');
      assert.match(run.steps.call.error.message, /timeout after 700 ms/);
      assert.match(run.steps.call.error.message, /\/slow/, 'the error names the request');
      assert.ok(waited >= 600 && waited < 10000, `the run ended after the timeout (${waited} ms)`);
      const timeouts = await api(page, () => window.kwsandbox.connection());
      assert.equal(timeouts.timeoutMs, 700);
    } finally {
      await context.close();
      rest.stop();
    }
  });
});
