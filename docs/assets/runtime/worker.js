// The Web Worker that runs Python for the page's Run buttons (run.js), so the page never freezes.
// Pyodide and the wheels come from the site's own files (assets/runtime/py/<runtime>/, assembled at
// build time by guide_tools/runtime/assemble.py); nothing is fetched from anywhere else.
//
// One message in, progress messages and one answer out:
//   {id, runtime: "<digest>" (py/runtime.json's root), packages: ["flask"], files: {"compare/routing/flask_app.py": "..."},
//    entry: "guide_tools.runtime.drive:run_output", args: ["compare.routing.drive", "flask_static.txt"]}
//   -> {id, progress: "runtime" | "packages" | "running", packages?}
//   -> {id, ok: true, text} or {id, ok: false, text: "one line saying what went wrong"}
//   -> {id, ok: false, fatal: true, stage: "runtime" | "packages" | "running", packages?, network?, text}:
//      Python or a package could not be downloaded or started, or the runtime itself broke; this
//      worker is then done (client.js ends it: a failed import or download must not be kept for the
//      next job). `network: true` when a download of the job failed (refused, cut off, an error
//      status, a file that did not match its hash): the page says so in its own words, whether or
//      not the site answers again by then (a download dropped mid-way; the browser's "Failed to
//      fetch" is never the reader's message)
// `entry` is any `module:function` among the files (or installed), called with `args`, awaited if
// it is a coroutine; its value is the answer's text. Stop = the page terminates this worker.
// Python starts from a memory snapshot kept by an earlier page when there is one (see below).
const PY = new URL("./py/", import.meta.url);
let pyodide = null;
const loaded = new Set();
let snapshotTo = null;  // where the snapshot this worker takes before its first run goes, if it takes one

// Every download of the job that failed, through fetch (Pyodide's wasm, standard library, lock file
// and wheels): a refusal, an error status. The module imports (pyodide.mjs and its .asm.mjs) do not
// go through fetch: their error says "Failed to fetch dynamically imported module", as does any
// other download's, which DOWNLOAD_ERROR reads. A body cut off after its headers fails its read
// ("network error") or its hash (fetch's integrity).
const failedDownloads = new Set();
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  try {
    const response = await plainFetch(input, init);
    if (!response.ok) failedDownloads.add(url);
    return response;
  } catch (error) {
    failedDownloads.add(url);
    throw error;
  }
};
const DOWNLOAD_ERROR = /failed to fetch|networkerror|network error|load failed|request failed|failed to load|importing a module script failed|integrity/i;

// Writes the files under one folder (the previous Run's files and modules are forgotten first),
// then calls the entry point. An error in the reader's code is one line: type, message, and the
// place in their file.
const RUN = `
import importlib, json, os, shutil, sys, traceback

ROOT = "/home/pyodide/listing"

def sbs_forget():
    """The last run's modules: each one loaded from ROOT, and each namespace package there, which
    has no file but keeps its submodules as attributes (\`from pkg import mod\` gave the last run's
    mod while \`from pkg.mod import X\` imported a new one: two classes X in one Check)."""
    forget = []
    for name, module in list(sys.modules.items()):  # all read before any is dropped: a namespace package's
        try:  # __path__ is computed from its parent's, which must still be there
            paths = [getattr(module, "__file__", None) or "", *(getattr(module, "__path__", None) or ())]
        except Exception:
            paths = [ROOT + "/"]
        if any(str(path).startswith(ROOT + "/") for path in paths):
            forget.append(name)
    for name in forget:
        sys.modules.pop(name, None)

async def sbs_run(files_json, entry, args_json):
    sbs_forget()
    shutil.rmtree(ROOT, ignore_errors=True)
    for path, text in json.loads(files_json).items():
        target = os.path.join(ROOT, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as file:
            file.write(text)
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    importlib.invalidate_caches()
    try:
        from guide_tools.runtime import drive
        drive.browser_setup()
        return [True, await drive.call(entry, *json.loads(args_json))]
    except BaseException as error:
        where = ""
        for frame in traceback.extract_tb(error.__traceback__):
            if frame.filename.startswith(ROOT + "/") and "/guide_tools/" not in frame.filename:
                where = f" ({frame.filename[len(ROOT) + 1:]}, line {frame.lineno})"
        message = str(error).splitlines()[0] if str(error) else ""
        if isinstance(error, SyntaxError) and error.filename and error.filename.startswith(ROOT + "/"):
            where = f" ({error.filename[len(ROOT) + 1:]}, line {error.lineno})"
            message = error.msg or ""  # str(error) names the place too: "invalid syntax (app.py, line 3)"
        return [False, f"{type(error).__name__}: {message}{where}".replace(": (", " (")]

def sbs_warm(modules_json):
    for name in json.loads(modules_json):
        try:
            importlib.import_module(name)
        except Exception:
            pass
`;

// Modules a job imports beyond the packages' top-level ones, by the package that brings them,
// imported before the snapshot when that package is loaded: Flask's test client; for a Check,
// what pytest.main() imports after `import pytest` (its built-in plugins, and unittest and
// xml.etree through them) and the standard modules the runner imports (guide_tools/exercises/runner.py).
// Without them every Check on a new page imported them again from source (in Pyodide under node,
// a loaded machine's CPU time: that Check 0.5 s, 0.35 s with them). A name a release no longer
// has is skipped (sbs_warm). Not pytest-django's plugin: pytest marks a `-p` plugin for assertion
// rewriting and warns when it was imported before.
const WARM = {
  flask: ["flask.testing"],
  werkzeug: ["werkzeug.test", "encodings.idna"],
  pytest: ["_pytest.helpconfig", "_pytest.junitxml", "_pytest.pastebin", "_pytest.setuponly", "_pytest.setupplan",
           "_pytest.skipping", "_pytest.threadexception", "_pytest.tracemalloc", "_pytest.unittest",
           "_pytest.unraisableexception", "_pytest.warnings", "_pytest._argcomplete", "importlib.metadata._adapters",
           "tomllib", "concurrent.futures.thread", "queue"],
};

// A new page need not start Python again. A worker that started Python takes a memory snapshot of
// it (Pyodide's experimental `_makeSnapshot`/`_loadSnapshot`) once its first job's packages are
// installed and imported, before any of the listing's (or the reader's) code runs, and keeps it in
// the service worker's runtime cache (runtime-sw.js, `sbs-runtime-<digest>`, deleted with that
// runtime) under a URL of the runtime's folder that the server never had: one per package set, the
// three newest. A later worker whose first job needs the same packages restores it instead of
// starting Python and importing them. A snapshot holds the wasm memory only: the wheels' files are
// unpacked again after a restore (from the cache), and a package with compiled code (a dynamic
// library, e.g. pydantic-core: FastAPI's stack) means no snapshot. Any failure means a plain start.
const SNAPSHOTS_KEPT = 3;

// This Pyodide asks for INITIAL_MEMORY = the snapshot's size but its wasm ignores it, and the
// restore then writes past the end of a smaller memory: the instance's memory is grown to the
// snapshot's size as it is made, before Pyodide looks at it.
function growingTo(size, instantiate) {
  return async (...args) => {
    const made = await instantiate(...args);
    const memory = made.instance.exports.memory;
    if (memory && memory.buffer.byteLength < size) memory.grow(Math.ceil((size - memory.buffer.byteLength) / 65536));
    return made;
  };
}

function snapshotRequest(runtime, packages) {
  return new Request(new URL(`./${runtime}/snapshot/${[...packages].sort().join("+")}.bin`, PY));
}

async function boot(id, runtime, packages) {
  postMessage({ id, progress: "runtime" });
  const root = new URL(`./${runtime}/`, PY);
  const { loadPyodide } = await import(new URL("./pyodide/pyodide.mjs", root).href);
  const options = {
    indexURL: new URL("./pyodide/", root).href,
    lockFileURL: new URL("./lock.json", root).href,
    env: { HOME: "/home/pyodide" },
  };
  const request = snapshotRequest(runtime, packages);
  const cache = self.caches ? await caches.open(`sbs-runtime-${runtime}`).catch(() => null) : null;
  const kept = cache && await cache.match(request).catch(() => undefined);
  let restored = false;
  if (kept) {
    try {
      const snapshot = new Uint8Array(await kept.arrayBuffer());
      const { instantiate, instantiateStreaming } = WebAssembly;
      WebAssembly.instantiate = growingTo(snapshot.length, instantiate);
      WebAssembly.instantiateStreaming = growingTo(snapshot.length, instantiateStreaming);
      try {
        pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
        restored = true;
      } finally {
        Object.assign(WebAssembly, { instantiate, instantiateStreaming });
      }
    } catch (error) {
      console.warn("the snapshot did not restore, Python starts afresh:", error);
      pyodide = null;
      await cache.delete(request).catch(() => {});
    }
  }
  if (pyodide === null) {
    pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(cache) });
    if (cache) snapshotTo = { cache, request };
  }
  if (!restored) await pyodide.runPythonAsync(RUN);  // a snapshot has it already
}

// Imports the installed packages (each one's top-level modules, from the lock file) and keeps the
// snapshot; the job goes on while the cache stores it. Any failure only means no snapshot.
function takeSnapshot({ cache, request }) {
  try {
    const lock = pyodide.lockfile.packages;
    const names = Object.keys(pyodide.loadedPackages);
    if (!names.every((name) => lock[name] && lock[name].file_name.endsWith("-none-any.whl"))) return;
    const modules = names.flatMap((name) => (lock[name].imports || []).concat(WARM[name] || []));
    const warm = pyodide.globals.get("sbs_warm");
    warm(JSON.stringify(modules));
    warm.destroy();
    // Pyodide expects the record of loaded packages to be empty in a snapshot (its files are not
    // in it either); it is emptied for that moment. A restored Python starts with it empty.
    const installed = pyodide.loadedPackages, record = { ...installed };
    Object.keys(record).forEach((name) => delete installed[name]);
    let bytes;
    try {
      bytes = pyodide.makeMemorySnapshot();
    } finally {
      Object.assign(installed, record);
    }
    cache.put(request, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }))
      .then(async () => {
        const others = (await cache.keys()).filter((r) => r.url.includes("/snapshot/") && r.url !== request.url);
        for (const old of others.slice(0, Math.max(0, others.length - (SNAPSHOTS_KEPT - 1)))) await cache.delete(old);
      })
      .catch(() => {});
  } catch (error) {
    console.warn("no snapshot:", error);
  }
}

self.onmessage = async ({ data }) => {
  const { id, runtime, packages, files, entry, args } = data;
  let stage = "runtime", missing = [];
  try {
    if (pyodide === null) await boot(id, runtime, packages);
    stage = "packages";
    missing = packages.filter((name) => !loaded.has(name));
    if (missing.length) {
      postMessage({ id, progress: "packages", packages: missing });
      const failures = [];
      await pyodide.loadPackage(missing, { messageCallback: () => {}, errorCallback: (m) => failures.push(m) });
      if (failures.length) throw new Error(failures.join(" "));  // Pyodide's first line ends in a colon
      missing.forEach((name) => loaded.add(name));
    }
    stage = "running";
    if (snapshotTo) {
      takeSnapshot(snapshotTo);
      snapshotTo = null;
    }
    postMessage({ id, progress: "running" });
    const run = pyodide.globals.get("sbs_run");
    const answer = await run(JSON.stringify(files), entry, JSON.stringify(args));
    const [ok, text] = answer.toJs();
    answer.destroy();
    run.destroy();
    postMessage({ id, ok, text });
  } catch (error) {
    // Not the reader's code (sbs_run answers for that): a download, Python's start or the runtime
    // failed. Pyodide's own lines end in a colon when the next is missing: never shown so.
    const text = String((error && error.message) || error).replace(/\s+/g, " ").replace(/[\s:]+$/, "").trim();
    const network = stage !== "running" && (failedDownloads.size > 0 || DOWNLOAD_ERROR.test(text)) ? true : undefined;
    postMessage({ id, ok: false, fatal: true, stage, packages: stage === "packages" ? missing : undefined, network, text });
  }
};
