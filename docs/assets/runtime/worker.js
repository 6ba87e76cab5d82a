// The Web Worker that runs Python for the page's Run buttons (run.js), so the page never freezes.
// Pyodide and the wheels come from the site's own files (assets/runtime/py/<runtime>/, assembled at
// build time by guide_tools/runtime/assemble.py); nothing is fetched from anywhere else.
//
// One message in, progress messages and one answer out:
//   {id, runtime: "<digest>" (py/runtime.json's root), packages: ["flask"], files: {"compare/routing/flask_app.py": "..."},
//    entry: "guide_tools.runtime.drive:run_output", args: ["compare.routing.drive", "flask_static.txt"]}
//   -> {id, progress: "runtime" | "packages" | "running", packages?}
//   -> {id, ok: true, text} or {id, ok: false, text: "one line saying what went wrong"}
// `entry` is any `module:function` among the files (or installed), called with `args`, awaited if
// it is a coroutine; its value is the answer's text. Stop = the page terminates this worker.
const PY = new URL("./py/", import.meta.url);
let pyodide = null;
const loaded = new Set();

// Writes the files under one folder (the previous Run's files and modules are forgotten first),
// then calls the entry point. An error in the reader's code is one line: type, message, and the
// place in their file.
const RUN = `
import importlib, json, os, shutil, sys, traceback

ROOT = "/home/pyodide/listing"

async def sbs_run(files_json, entry, args_json):
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(ROOT + "/"):
            del sys.modules[name]
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
        if isinstance(error, SyntaxError) and error.filename and error.filename.startswith(ROOT + "/"):
            where = f" ({error.filename[len(ROOT) + 1:]}, line {error.lineno})"
        message = str(error).splitlines()[0] if str(error) else ""
        return [False, f"{type(error).__name__}: {message}{where}".replace(": (", " (")]
`;

async function boot(id, runtime) {
  postMessage({ id, progress: "runtime" });
  const root = new URL(`./${runtime}/`, PY);
  const { loadPyodide } = await import(new URL("./pyodide/pyodide.mjs", root).href);
  pyodide = await loadPyodide({
    indexURL: new URL("./pyodide/", root).href,
    lockFileURL: new URL("./lock.json", root).href,
    env: { HOME: "/home/pyodide" },
  });
  await pyodide.runPythonAsync(RUN);
}

self.onmessage = async ({ data }) => {
  const { id, runtime, packages, files, entry, args } = data;
  try {
    if (pyodide === null) await boot(id, runtime);
    const missing = packages.filter((name) => !loaded.has(name));
    if (missing.length) {
      postMessage({ id, progress: "packages", packages: missing });
      const failures = [];
      await pyodide.loadPackage(missing, { messageCallback: () => {}, errorCallback: (m) => failures.push(m) });
      if (failures.length) throw new Error(failures[0]);
      missing.forEach((name) => loaded.add(name));
    }
    postMessage({ id, progress: "running" });
    const run = pyodide.globals.get("sbs_run");
    const answer = await run(JSON.stringify(files), entry, JSON.stringify(args));
    const [ok, text] = answer.toJs();
    answer.destroy();
    run.destroy();
    postMessage({ id, ok, text });
  } catch (error) {
    postMessage({ id, ok: false, text: String((error && error.message) || error).split("\n")[0] });
  }
};
