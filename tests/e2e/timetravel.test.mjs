// tests/e2e/timetravel.test.mjs -- time travel in the debugger (issue 5) in real headless
// Chromium: run a sample, click a step in the Trace and see the change it made; open the org
// as it was after that step; edit the step in the inspector with the keyboard and re-run from
// it, on the org as it was there. Screenshots in tests/e2e/artifacts/timetravel-*.png.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, center, click, drag, frames, openApp, press, rect, repo, screenshot, openOnly, typeText, until, useBrowser } from './lib.mjs';

const env = useBrowser();

const notesOf = (org) => org.resources.filter((r) => r.type === 'note').map((r) => r.attributes.body);

describe('time travel', () => {
  test('a step shows its diff and the org after it; re-run from an edited step', async () => {
    const { page, context } = await openApp(env.browser, env.server.url);
    const text = fs.readFileSync(path.join(repo, 'mocks', 'fixtures', 'workflows', '07-order-number-lookup.json'), 'utf8');
    const id = await openOnly(page, text);
    const notesBefore = notesOf(await api(page, () => window.kwsandbox.exportOrg())).length;

    await click(page, 'tab:Run');
    await click(page, 'button:Run');
    const run = await until(page, () => {
      const r = window.kwsandbox.runs().runs;
      return r.length && r[0].status === 'completed' ? r[0] : null;
    }, null, { what: 'the sample run' });
    const noteIndex = run.path.indexOf('BCm6fwQbF');  // "Note the order status"
    const updateIndex = run.path.indexOf('xIVePFaDE');
    assert.ok(noteIndex > 0 && updateIndex > noteIndex, `the run went through the note and the update: ${run.path}`);

    // Make room for the trace: drag the splitter above the bottom panel up.
    const split = await rect(page, 'splitter:bottom');
    await drag(page, center(split), { x: split.x + split.w / 2, y: split.y - 180 });
    const moved = await rect(page, 'splitter:bottom');
    assert.ok(moved.y < split.y - 150, `the splitter moved up (${split.y} -> ${moved.y})`);
    // The note step's diff: exactly one note created, nothing else.
    await click(page, 'tab:Trace');
    await click(page, `trace:${noteIndex}`);
    await rect(page, 'trace:changes');
    await screenshot(page, 'timetravel-diff.png');
    const snap = await api(page, ([r, i]) => window.kwsandbox.stepSnapshot(r, i), [run.id, noteIndex]);
    assert.equal(snap.stepId, 'BCm6fwQbF');
    assert.equal(snap.diff.created.length, 1, JSON.stringify(snap.diff).slice(0, 400));
    assert.equal(snap.diff.created[0].type, 'note');
    assert.match(snap.diff.created[0].attributes.body, /^Order NW-100293: /);
    // ... and the conversation's note counter, as Kustomer keeps it; nothing else.
    assert.deepEqual(snap.diff.updated.map((u) => `${u.type} ${u.id}`), ['conversation 66a0c0de030000000000002e'],
      JSON.stringify(snap.diff.updated).slice(0, 400));
    assert.equal(snap.diff.updated[0].changes.attributes.noteCount.after, snap.diff.updated[0].changes.attributes.noteCount.before + 1);
    // The org after each step: the note appears with the note step, not before it.
    const prev = await api(page, ([r, i]) => window.kwsandbox.stepSnapshot(r, i), [run.id, noteIndex - 1]);
    assert.equal(notesOf(prev.org).length, notesBefore, 'before the note step: no new note');
    assert.equal(notesOf(snap.org).length, notesBefore + 1, 'after the note step: the note');
    assert.equal(prev.diff.created.length, 0, 'the lookup before it created nothing');
    const bad = await api(page, ([r, i]) => window.kwsandbox.stepSnapshot(r, i), [run.id, 99]);
    assert.equal(bad.error.code, 'run.step.not_found', JSON.stringify(bad));

    // The Org tab shows that past org, read-only, until "Back to the live org".
    await click(page, 'button:Org after this step');
    await rect(page, 'org:time-travel');
    await screenshot(page, 'timetravel-org.png');
    await click(page, 'button:Back to the live org');
    await frames(page, 3);
    assert.equal(await api(page, () => window.kwsandbox._debug.itemRect('org:time-travel')), null, 'back to the live org');

    // Edit the note step in the inspector with the keyboard, then re-run from it.
    await click(page, `node:BCm6fwQbF`);
    await click(page, 'field:body', { offset: { x: 20, y: 10 } });
    await press(page, 'Control+A');
    await typeText(page, 'Edited note for {{{steps.DKa3O9wHF.match}}}');
    await click(page, 'tab:Trace');  // leaves the field (Escape would revert the edit)
    const exported = await api(page, (x) => window.kwsandbox.exportWorkflow(x), id);
    assert.equal(exported.steps.find((s) => s.id === 'BCm6fwQbF').params.body, 'Edited note for {{{steps.DKa3O9wHF.match}}}');
    await click(page, 'tab:Trace');
    await click(page, `trace:${noteIndex}`);
    await click(page, 'button:Re-run from here');
    const rerun = await until(page, () => {
      const r = window.kwsandbox.runs().runs;
      return r.length >= 2 && r.at(-1).status === 'completed' ? r.at(-1) : null;
    }, null, { what: 'the re-run' });
    assert.deepEqual(rerun.rerunOf, { run: run.id, step: 'BCm6fwQbF' });
    assert.deepEqual(rerun.path, run.path, 'the re-run took the same path');
    assert.equal(rerun.steps.BCm6fwQbF.output.body ?? rerun.steps.BCm6fwQbF.input.body, 'Edited note for NW-100293');
    const notes = notesOf(await api(page, () => window.kwsandbox.exportOrg()));
    assert.equal(notes.length, notesBefore + 1, 'the first run\'s note was rewound, the re-run made one');
    assert.ok(notes.includes('Edited note for NW-100293'));
    assert.ok(!notes.some((b) => /^Order NW-100293: /.test(b)), 'the original note is gone');
    await screenshot(page, 'timetravel-rerun.png');
    assert.deepEqual(page.kwsErrors, [], 'no console errors');
    await context.close();
  });
});
