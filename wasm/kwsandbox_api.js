// wasm/kwsandbox_api.js -- window.kwsandbox, the page's JavaScript API (linked with --post-js,
// so it runs inside the Emscripten module's scope). Documented in docs/browser-app.md; keep it
// stable. JSON goes in as strings or objects and comes out as objects; failures are returned as
// {error: {code, path, message}} and never thrown.
(function () {
  'use strict';
  var appReady = false;
  var resolveReady, rejectReady;
  var api = {};
  api.version = 1;
  api.ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  api.ready.catch(function () {});  // a failed start is reported in the page, not as unhandled
  api.firstFrameMs = null;

  function err(code, message) { return {error: {code: code, path: '', message: String(message)}}; }
  function asText(x) {
    if (typeof x === 'string') return x;
    return JSON.stringify(x === undefined ? null : x);
  }
  function call(name, types, args) {
    if (!appReady) return err('api.not_ready', 'the sandbox is still starting; await kwsandbox.ready');
    var out;
    try {
      out = ccall(name, 'string', types, args);
    } catch (e) {
      return err('internal.abort', (e && e.message) || e);
    }
    if (out === '' || out === undefined || out === null) return null;
    try { return JSON.parse(out); } catch (e) { return err('internal.bad_json', e.message); }
  }
  function failed(r) { return r && typeof r === 'object' && !Array.isArray(r) && r.error; }

  // ---- Workflows ----
  api.loadWorkflow = function (json) {
    var r = call('kws_api_load_workflow', ['string'], [asText(json)]);
    return failed(r) ? r : r.id;
  };
  api.newWorkflow = function () {
    var r = call('kws_api_new_workflow', [], []);
    return failed(r) ? r : r.id;
  };
  api.exportWorkflow = function (id) { return call('kws_api_export_workflow', ['string'], [id || '']); };
  api.exportWorkflowText = function (id) {
    var r = api.exportWorkflow(id);
    return failed(r) ? r : JSON.stringify(r, null, 2);
  };
  api.nodes = function (id) { return call('kws_api_nodes', ['string'], [id || '']); };
  api.problems = function (id) { return call('kws_api_problems', ['string'], [id || '']); };
  api.importProblems = function () { return call('kws_api_import_problems', [], []); };
  api.documents = function () { return call('kws_api_documents', [], []); };
  api.activate = function (id) { var r = call('kws_api_activate', ['string'], [id || '']); return failed(r) ? r : true; };
  api.close = function (id) { var r = call('kws_api_close', ['string'], [id || '']); return failed(r) ? r : r.ok; };
  api.select = function (stepId, id) {
    var r = call('kws_api_select', ['string', 'string'], [String(stepId), id || '']);
    return failed(r) ? r : true;
  };
  api.undo = function () { var r = call('kws_api_undo', ['number'], [0]); return failed(r) ? r : r.ok; };
  api.redo = function () { var r = call('kws_api_undo', ['number'], [1]); return failed(r) ? r : r.ok; };
  api.shareLink = function (id) { var r = call('kws_api_share_link', ['string'], [id || '']); return failed(r) ? r : r.url; };

  // ---- Org and runs ----
  api.loadOrg = function (fixture) { return call('kws_api_load_org', ['string'], [asText(fixture)]); };
  api.exportOrg = function () { return call('kws_api_export_org', [], []); };
  // Resolves with the report once every run finished: steps that wait on the network (fetch)
  // keep the promise pending while the page goes on drawing; Stop/cancel() settles it with the
  // cancelled runs.
  api.run = function (id, event) {
    return new Promise(function (resolve) {
      var first = call('kws_api_run', ['string', 'string'], [id || '', asText(event)]);
      if (failed(first) || !first || !first.pending) { resolve(first); return; }
      (function poll() {
        var r = call('kws_api_report', ['number'], [0]);  // without the org: cheap to poll
        if (failed(r)) resolve(r);
        else if (!r.pending) resolve(call('kws_api_report', ['number'], [1]));
        else setTimeout(poll, 20);
      })();
    });
  };
  // Time travel (docs/browser-app.md): `index` is the step's position in the run's path
  // (0 = the trigger).
  api.stepSnapshot = function (runId, index) { return call('kws_api_step_snapshot', ['number', 'number'], [runId, index]); };
  api.rerunFrom = function (runId, index) {
    return new Promise(function (resolve) {
      var first = call('kws_api_rerun', ['number', 'number'], [runId, index]);
      if (failed(first) || !first.pending) { resolve(first); return; }
      (function poll() {
        var r = call('kws_api_report', ['number'], [0]);
        if (failed(r) || !r.pending) { if (!failed(r)) r.run = first.run; resolve(r); }
        else setTimeout(poll, 20);
      })();
    });
  };
  api.report = function (withOrg) { return call('kws_api_report', ['number'], [withOrg === false ? 0 : 1]); };
  api.cancel = function () { return call('kws_api_cancel', [], []); };
  // Where Kustomer actions and other HTTP requests go (docs/browser-app.md "Connection").
  api.setConnection = function (settings) { return call('kws_api_set_connection', ['string'], [asText(settings)]); };
  api.connection = function () { return call('kws_api_connection', [], []); };

  // ---- Debugger, clock and outbox ----
  api.advance = function (duration) { return call('kws_api_advance', ['string'], [String(duration)]); };
  api.outbox = function () { return call('kws_api_outbox', [], []); };
  api.runs = function () { return call('kws_api_runs', [], []); };
  api.setBreakpoints = function (ids) { return call('kws_api_set_breakpoints', ['string'], [JSON.stringify(ids || [])]); };
  api.step = function () { return call('kws_api_debug', ['number'], [0]); };
  api['continue'] = function () { return call('kws_api_debug', ['number'], [1]); };
  api.stop = function () { return call('kws_api_debug', ['number'], [2]); };

  // ---- Test hooks (not part of the stable API) ----
  api._debug = {
    itemRect: function (label) { return call('kws_debug_item_rect', ['string'], [label]); },
    state: function () { return call('kws_debug_state', [], []); },
    frameStats: function (frames) { return call('kws_debug_frame_stats', ['number'], [frames || 60]); },
    flush: function () { return call('kws_api_flush', [], []); },
    zoomTo: function (zoom, stepId) { return call('kws_debug_zoom', ['number', 'string'], [zoom, stepId || '']); },
  };

  // ---- Lifecycle ----
  Module['kwsOnAppReady'] = function () { appReady = true; };
  Module['kwsOnFirstFrame'] = function () {
    api.firstFrameMs = performance.now();
    try { performance.mark('kws-first-frame'); } catch (e) {}
    var loading = document.getElementById('loading');
    if (loading) loading.remove();
    resolveReady(api);
  };
  function fatal(message) {
    appReady = false;
    rejectReady(new Error(message));
    if (typeof window.kwsShowError === 'function') window.kwsShowError(message);
  }
  Module['kwsFatal'] = fatal;
  var previousAbort = Module['onAbort'];
  Module['onAbort'] = function (what) {
    if (typeof previousAbort === 'function') { try { previousAbort(what); } catch (e) {} }
    fatal('The sandbox stopped: ' + what);
  };

  // ---- Page integration ----
  // Keep browser shortcuts that mean something on the canvas (bookmark, save, open, select
  // page, print) from leaving the app. Ctrl+C/X/V stay untouched: they raise copy/paste events.
  window.addEventListener('keydown', function (e) {
    if (!(e.ctrlKey || e.metaKey)) return;
    var k = (e.key || '').toLowerCase();
    if (k === 'd' || k === 's' || k === 'o' || k === 'a' || k === 'p' || k === 'y' || k === 'z') e.preventDefault();
  }, true);
  function flush() { if (appReady) { try { ccall('kws_api_flush', 'string', [], []); } catch (e) {} } }
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
  // Drop a workflow file anywhere on the page to open it.
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) {
    e.preventDefault();
    var files = e.dataTransfer ? e.dataTransfer.files : null;
    if (!files || !appReady) return;
    Array.prototype.forEach.call(files, function (file) {
      file.text().then(function (text) { call('kws_api_open_text', ['string', 'string'], [file.name, text]); });
    });
  });

  window.kwsandbox = api;
})();
