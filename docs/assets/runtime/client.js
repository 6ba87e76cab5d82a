// The page's side of the runtime's Web Worker (worker.js), shared by run.js (Run under a listing)
// and exercise.js (Check on the page): one worker per page, one job at a time (its Python is
// single-threaded), Stop ends whatever runs, the runtime's folder named by py/runtime.json, and
// the site's service worker. The build adds this file before either script
// (guide_tools/website/page_scripts.py); nothing of Python loads until the first job.
//
//   SbsRuntime.execute(request, progress) -> Promise of the worker's answer ({ok, text}), or
//     {ok: false, fatal: true, stage, packages?, network, text} when the worker, the runtime or a
//     package could not be downloaded or started (`network`: the site could not be reached just
//     after, so the download is what failed), or the answer given to stop(); `request` is
//     worker.js's message without id and runtime. Nothing of a failed job is kept: its worker is
//     ended and the next job starts from scratch (a failed download or import is never reused).
//   SbsRuntime.stop(answer) ends the running job with `answer` ({ok: false, stopped: true} by default).
//   SbsRuntime.info() -> Promise of py/runtime.json ({root, stacks: {framework: [packages]}}).
//   SbsRuntime.ready() -> Promise, resolved once the service worker controls the page (or could not):
//     a script that fetches its own files before a job calls it first, so that they are kept too.
//   SbsRuntime.prefetch(packages) -> Promise of whether it is done: when the service worker already
//     controls the page (a Run or Check here or on an earlier page), fetches what a job of these
//     packages would download (their wheels and their dependencies'), so that it is kept for a job
//     offline (true once all came); else nothing (false: the caller may try again later).
(function () {
  "use strict";
  if (window.SbsRuntime) return;

  var BASE = new URL(".", document.currentScript.src);
  var worker = null, nextId = 0, waiting = {}, queue = Promise.resolve(), manifest = null, cached = null;

  // The runtime's manifest, fetched once (and again after a failure).
  function info() {
    if (!manifest) manifest = fetch(new URL("py/runtime.json", BASE)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " runtime/py/runtime.json");
      return response.json();
    });
    manifest.catch(function () { manifest = null; });
    return manifest;
  }

  // The site's service worker (runtime-sw.js, at the site's root) keeps Python and the wheels in
  // the browser, so the next job, on this page or the next, loads nothing again. Registered on the
  // first job, never before; the job waits until it controls the page (so this job's downloads
  // are the ones kept), three seconds at most: without it, a job still runs, uncached.
  function serviceWorker() {
    var workers = navigator.serviceWorker;
    if (!workers || workers.controller) return Promise.resolve();
    return workers.register(new URL("../../runtime-sw.js", BASE)).then(function (registration) {
      return new Promise(function (resolve) {
        var installing = registration.installing || registration.waiting;
        workers.addEventListener("controllerchange", resolve);
        if (installing) installing.addEventListener("statechange", function () {
          if (installing.state === "redundant") resolve();
        });
        setTimeout(resolve, 3000);
      });
    }).catch(function () { cached = null; });  // offline, say: the next job registers it again
  }

  function startWorker() {
    worker = new Worker(new URL("worker.js", BASE), { type: "module" });
    worker.onmessage = function (event) {
      var message = event.data, job = waiting[message.id];
      if (!job) return;
      if (message.progress) { job.progress(message); return; }
      delete waiting[message.id];
      if (message.fatal) end();  // its failed download or start is not kept for the next job
      job.resolve(message);
    };
    worker.onerror = function (event) {
      event.preventDefault();
      stop({ ok: false, fatal: true, text: event.message || "worker error" });
    };
  }

  function end() {
    if (worker) worker.terminate();
    worker = null;
  }

  function stop(answer) {
    end();
    Object.keys(waiting).forEach(function (id) {
      waiting[id].resolve(answer || { ok: false, stopped: true });
      delete waiting[id];
    });
  }

  function ready() {
    return cached || (cached = serviceWorker());
  }

  function execute(request, progress) {
    var job = queue.then(ready).then(info).then(function (runtime) {
      return new Promise(function (resolve) {
        if (!worker) startWorker();
        var id = ++nextId;
        waiting[id] = { resolve: resolve, progress: progress || function () {} };
        worker.postMessage(Object.assign({ id: id, runtime: runtime.root }, request));
      });
    }, function (error) {
      return { ok: false, fatal: true, stage: "runtime", text: String((error && error.message) || error) };
    }).then(function (answer) {
      if (!answer.fatal || answer.network !== undefined) return answer;
      return reachable().then(function (up) { return Object.assign({}, answer, { network: !up }); });
    });
    queue = job.then(function () {}, function () {});
    return job;
  }

  // Whether the site answers now (past any cache): after a failed start, tells a dropped connection
  // (the download failed) from a runtime that could not start.
  function reachable() {
    return fetch(new URL("py/runtime.json", BASE), { method: "HEAD", cache: "no-store" })
      .then(function () { return true; }, function () { return false; });
  }

  function prefetch(packages) {
    var workers = navigator.serviceWorker;
    if (!workers || !workers.controller) return Promise.resolve(false);
    return info().then(function (runtime) {
      var root = new URL("py/" + runtime.root + "/", BASE);
      return fetch(new URL("lock.json", root)).then(function (response) {
        if (!response.ok) throw new Error(response.status + " lock.json");
        return response.json();
      }).then(function (lock) {
        var wanted = {}, todo = packages.slice();
        while (todo.length) {
          var name = todo.pop(), entry = lock.packages[name];
          if (!entry || wanted[name]) continue;
          wanted[name] = entry.file_name;
          todo = todo.concat(entry.depends || []);
        }
        return Promise.all(Object.keys(wanted).map(function (name) {
          return fetch(new URL(wanted[name], root)).then(function (response) {
            if (!response.ok) throw new Error(response.status + " " + wanted[name]);
            return response.arrayBuffer();
          });
        }));
      });
    }).then(function () { return true; }, function () { return false; });  // only a head start: the job downloads what is missing
  }

  window.SbsRuntime = { execute: execute, stop: stop, info: info, ready: ready, prefetch: prefetch };
})();
