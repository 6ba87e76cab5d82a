// Check on the page: the chapter's exercise edited and checked in the reader's browser. The build
// puts a hidden placeholder after each exercise whose checks can run in a browser
// (guide_tools/exercises/web.py); this file turns it into an editor (CodeMirror, bundled at build
// time: editor.js) with the starter's files, and Check, which runs the exercise's own checks.py
// through pytest in the runtime's worker (../runtime/worker.js, through ../runtime/client.js) and shows what the local command
// prints. Nothing of Python loads before the first Check; the editor loads when the section is
// near the screen. Without JavaScript the placeholders stay hidden and the page is as it was.
(function () {
  "use strict";

  var BASE = new URL(".", document.currentScript.src);
  var LANG = (document.documentElement.lang || "en").slice(0, 2);
  var RUN_SECONDS = 120; // a Check that takes longer is stopped (a loop that never ends)
  var TEXTS = {
    en: {
      intro: "Edit the starter here and press Check: the same checks as `{command}` run in your browser. Your work is saved in this browser as you type.",
      keys: "In the editor, Tab indents. To leave it with the keyboard, press Escape, then Tab.",
      files: "Files", check: "Check", reset: "Reset", undo: "Undo reset", download: "Download", stop: "Stop",
      checkLabel: "Check your solution in the browser", resetLabel: "Reset the files to the starter",
      undoLabel: "Undo reset: bring back your files from before it", downloadLabel: "Download your files as a zip archive",
      resetAsk: "Reset the files to the starter? You can undo it until you leave the page.",
      resetDone: "The files are the starter again. Undo reset brings yours back.",
      undone: "Your files are back.",
      runtime: "Loading Python in your browser (once)…", packages: "Loading {names}…", running: "Running the checks…",
      stopped: "Stopped after {seconds} s. Does something in your app wait forever (a loop, a blocking call)?",
      stoppedByYou: "Stopped. The next Check starts Python again.",
      failed: "The checks could not run: {error}",
      python: "Python", names: "{names}",
      downloadFailed: "The checks could not run: {what} could not be downloaded (the connection failed). Your code is kept. Once you are connected again, press Check; without a connection, download your files and carry on locally as said below.",
      startFailed: "The checks could not run: Python did not start ({error}). Your code is kept; press Check to try again.",
      solved: "Solved", solvedLabel: "You solved this exercise in this browser.",
      local: "To carry on locally: in a clone of the repository, unzip the download into `my-exercises/{topic}/{framework}/` and run `{command}`.",
      differs: "In the browser, pytest runs in the page's Python (no subprocess and no per-check time limit), and FastAPI's TestClient runs the app without a thread.",
      editorLabel: "{file}: the code editor",
      unloaded: "The exercise's editor could not be downloaded: the connection failed. It loads by itself once you are back online.",
    },
    ko: {
      intro: "여기에서 시작 코드를 고친 뒤 검사를 누르세요. `{command}` 명령과 같은 검사가 브라우저에서 실행됩니다. 입력하는 동안 작업 내용이 이 브라우저에 저장됩니다.",
      keys: "에디터에서 Tab 키는 들여쓰기를 합니다. 키보드로 에디터를 벗어나려면 Esc를 누른 다음 Tab을 누르세요.",
      files: "파일", check: "검사", reset: "되돌리기", undo: "되돌리기 취소", download: "내려받기", stop: "중지",
      checkLabel: "브라우저에서 답안 검사", resetLabel: "파일을 시작 코드로 되돌리기",
      undoLabel: "되돌리기 취소: 되돌리기 전의 파일 다시 불러오기", downloadLabel: "작업한 파일을 zip 압축 파일로 내려받기",
      resetAsk: "파일을 시작 코드로 되돌릴까요? 이 페이지를 떠나기 전까지는 취소할 수 있습니다.",
      resetDone: "파일을 시작 코드로 되돌렸습니다. 되돌리기 취소를 누르면 되돌리기 전의 파일이 돌아옵니다.",
      undone: "되돌리기 전의 파일을 다시 불러왔습니다.",
      runtime: "브라우저에서 Python을 불러오는 중입니다(처음 한 번만)…", packages: "{names}을(를) 불러오는 중입니다…", running: "검사를 실행하는 중입니다…",
      stopped: "{seconds}초가 지나 중단했습니다. 앱 안에 끝없이 기다리는 코드(무한 루프, 블로킹 호출)가 있지 않을까요?",
      stoppedByYou: "중지했습니다. 다음에 검사하면 Python을 다시 시작합니다.",
      failed: "검사를 실행할 수 없습니다: {error}",
      python: "Python", names: "{names}",
      downloadFailed: "검사를 실행할 수 없습니다. 네트워크 연결이 끊겨 {what}을(를) 내려받지 못했습니다. 작성한 코드는 그대로 있습니다. 다시 연결되면 검사를 누르세요. 연결 없이 이어서 하려면 파일을 내려받아 아래 설명대로 로컬에서 실행하세요.",
      startFailed: "검사를 실행할 수 없습니다. Python을 시작하지 못했습니다({error}). 작성한 코드는 그대로 있습니다. 다시 시도하려면 검사를 누르세요.",
      solved: "완료", solvedLabel: "이 브라우저에서 이 연습 문제를 풀었습니다.",
      local: "로컬에서 이어서 하려면 저장소를 클론한 폴더에서, 내려받은 파일을 `my-exercises/{topic}/{framework}/`에 압축을 푼 뒤 `{command}` 명령을 실행하세요.",
      differs: "브라우저에서는 pytest가 페이지의 Python 안에서 실행되고(하위 프로세스도, 검사별 시간 제한도 없습니다), FastAPI의 TestClient는 스레드 없이 앱을 실행합니다.",
      editorLabel: "{file}: 코드 에디터",
      unloaded: "네트워크 연결이 끊겨 연습 문제 에디터를 내려받지 못했습니다. 다시 연결되면 자동으로 불러옵니다.",
    },
    ru: {
      intro: "Измените заготовку здесь и нажмите «Проверить»: в браузере запустятся те же проверки, что и в команде `{command}`. Работа сохраняется в этом браузере по мере ввода.",
      keys: "В редакторе клавиша Tab делает отступ. Чтобы выйти из редактора с клавиатуры, нажмите Escape, затем Tab.",
      files: "Файлы", check: "Проверить", reset: "Сбросить", undo: "Отменить сброс", download: "Скачать", stop: "Остановить",
      checkLabel: "Проверить решение в браузере", resetLabel: "Сбросить: вернуть файлы к заготовке",
      undoLabel: "Отменить сброс: вернуть ваши файлы, какими они были до него", downloadLabel: "Скачать ваши файлы zip-архивом",
      resetAsk: "Вернуть файлы к заготовке? Отменить сброс можно, пока вы не ушли со страницы.",
      resetDone: "Файлы снова как в заготовке. Кнопка «Отменить сброс» вернёт ваши.",
      undone: "Ваши файлы возвращены.",
      runtime: "В браузер загружается Python (только в первый раз)…", packages: "Загружаются пакеты: {names}…", running: "Выполняются проверки…",
      stopped: "Остановлено через {seconds} с. Нет ли в приложении чего-то, что ждёт вечно (бесконечный цикл, блокирующий вызов)?",
      stoppedByYou: "Остановлено. При следующем нажатии «Проверить» Python запустится заново.",
      failed: "Не удалось запустить проверки: {error}",
      python: "Python", names: "пакеты {names}",
      downloadFailed: "Проверки не запустились: не удалось скачать {what} — пропало соединение. Ваш код сохранён. Когда связь вернётся, снова нажмите «Проверить»; а без связи скачайте файлы и продолжайте локально, как описано ниже.",
      startFailed: "Проверки не запустились: не удалось запустить Python ({error}). Ваш код сохранён; чтобы попробовать снова, нажмите «Проверить».",
      solved: "Решено", solvedLabel: "Вы решили это упражнение в этом браузере.",
      local: "Чтобы продолжить локально, распакуйте скачанный архив в `my-exercises/{topic}/{framework}/` в клоне репозитория и запустите `{command}`.",
      differs: "В браузере pytest работает в Python страницы (без подпроцесса и без ограничения времени на каждую проверку), а TestClient из FastAPI запускает приложение без отдельного потока.",
      editorLabel: "{file}: редактор кода",
      unloaded: "Не удалось скачать редактор упражнения: пропало соединение. Он загрузится сам, когда связь вернётся.",
    },
  };
  var T = TEXTS[LANG] || TEXTS.en;
  var editorScript = null;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // `code` spans of the texts, as elements (never innerHTML of data).
  function rich(element, text) {
    text.split("`").forEach(function (part, index) {
      if (index % 2) { var code = document.createElement("code"); code.textContent = part; element.append(code); }
      else if (part) element.append(document.createTextNode(part));
    });
    return element;
  }

  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // What the reader is told when Check could not start (client.js's fatal answer): a dropped
  // connection is said in the page's language, never the browser's own words ("Failed to fetch").
  function trouble(answer) {
    if (!answer.network) return say(T.startFailed, { error: answer.text });
    var what = answer.stage === "packages" && answer.packages ? say(T.names, { names: answer.packages.join(", ") }) : T.python;
    return say(T.downloadFailed, { what: what });
  }

  function button(label, aria, onClick) {
    var element = make("button", "md-button sbs-exercise__button", label);
    element.type = "button";
    element.setAttribute("aria-label", aria);
    element.addEventListener("click", onClick);
    return element;
  }

  function loadEditor() {
    if (!editorScript) editorScript = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("editor.js", BASE).href;
      script.onload = function () { resolve(window.SbsEditor); };
      script.onerror = function () {  // not kept: the next try loads it again
        script.remove();
        editorScript = null;
        reject(new Error("editor.js"));
      };
      document.head.append(script);
    });
    return editorScript;
  }

  // A zip archive without compression (the files are a few kB): what Download gives.
  var CRC = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) { var c = n; for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; table[n] = c >>> 0; }
    return function (bytes) { var crc = 0xffffffff; for (var i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8); return (crc ^ 0xffffffff) >>> 0; };
  })();

  function zip(files) {
    var encoder = new TextEncoder(), parts = [], central = [], offset = 0;
    function header(size) { return new DataView(new ArrayBuffer(size)); }
    Object.keys(files).sort().forEach(function (path) {
      var name = encoder.encode(path), data = encoder.encode(files[path]), crc = CRC(data);
      var local = header(30);
      local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true);
      local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      var entry = header(46);
      entry.setUint32(0, 0x02014b50, true); entry.setUint16(4, 20, true); entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true); entry.setUint32(16, crc, true); entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true); entry.setUint16(28, name.length, true);
      entry.setUint32(38, 0o100644 << 16, true); entry.setUint32(42, offset, true);
      parts.push(local, name, data);
      central.push(entry, name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (sum, part) { return sum + part.byteLength; }, 0);
    var end = header(22);
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, central.length / 2, true); end.setUint16(10, central.length / 2, true);
    end.setUint32(12, size, true); end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end]), { type: "application/zip" });
  }

  function storage(name) {
    var key = "sbs-exercise:" + name;
    return {
      read: function () { try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (error) { return {}; } },
      write: function (state) { try { localStorage.setItem(key, JSON.stringify(state)); } catch (error) { /* private mode: not saved */ } },
    };
  }

  function setUp(holder, SbsEditor, data) {
    var name = holder.dataset.sbsExercise, store = storage(name), state = store.read();
    var paths = Object.keys(data.starter).sort(function (a, b) {
      return (a === "app.py" || a === "views.py" ? -1 : 0) - (b === "app.py" || b === "views.py" ? -1 : 0) || (a < b ? -1 : 1);
    });
    var files = Object.assign({}, data.starter, state.files || {}), previous = null, current = data.open || paths[0];  // the file the task is about
    var slug = name.replace(/\W/g, "-");

    var solved = make("p", "sbs-exercise__solved", "\u2713 " + T.solved);
    solved.title = T.solvedLabel;
    solved.hidden = !state.solved;
    holder.append(solved, rich(make("p", "sbs-exercise__intro"), say(T.intro, { command: data.command })),
                  rich(make("p", "sbs-exercise__keys"), T.keys));

    var tabs = make("div", "sbs-exercise__files");
    tabs.setAttribute("role", "tablist");
    tabs.setAttribute("aria-label", T.files);
    var panel = make("div", "sbs-exercise__editor");
    panel.setAttribute("role", "tabpanel");
    panel.id = "sbs-exercise-" + slug + "-panel";
    var tabButtons = {};
    paths.forEach(function (path) {
      var tab = make("button", "sbs-exercise__file", path);
      tab.type = "button";
      tab.id = "sbs-exercise-" + slug + "-" + path.replace(/\W/g, "-");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.addEventListener("click", function () { show(path); });
      tab.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        var next = paths[(paths.indexOf(path) + step + paths.length) % paths.length];
        show(next);
        tabButtons[next].focus();
      });
      tabButtons[path] = tab;
      tabs.append(tab);
    });
    tabs.hidden = paths.length < 2;
    holder.append(tabs, panel);

    // What a Check of this exercise downloads (pytest, the framework) is fetched into the site's
    // service worker's cache once that worker keeps the runtime: when the editor is set up, when
    // the worker takes the page (a Run or Check on it), and at an edit, until it all came once. A
    // Check offline then finds it, edited or not (it waited for an edit: offline, a Check without
    // one could not load pytest). Nothing is fetched for a reader who never ran anything.
    var prefetched = false, shown = false;  // `shown`: the page puts a file in the editor, not the reader
    function prefetch() {
      var workers = navigator.serviceWorker;
      if (prefetched || !workers || !workers.controller || !window.SbsRuntime || !SbsRuntime.prefetch) return;
      prefetched = true;
      SbsRuntime.prefetch(data.packages).then(function (done) { if (!done) prefetched = false; });
    }
    if (navigator.serviceWorker) navigator.serviceWorker.addEventListener("controllerchange", prefetch);
    var editor = SbsEditor.create(panel, files[current], say(T.editorLabel, { file: current }), function (text) {
      files[current] = text;
      save();
      if (!shown) prefetch();
    });
    prefetch();

    function show(path) {
      current = path;
      paths.forEach(function (p) {
        tabButtons[p].setAttribute("aria-selected", String(p === path));
        tabButtons[p].tabIndex = p === path ? 0 : -1;
      });
      panel.setAttribute("aria-labelledby", tabButtons[path].id);
      var text = files[path];
      shown = true;
      editor.text = text;
      shown = false;
      editor.view.contentDOM.setAttribute("aria-label", say(T.editorLabel, { file: path }));
      files[path] = text;
    }
    show(current);

    function save() {
      var edited = {};
      paths.forEach(function (p) { if (files[p] !== data.starter[p]) edited[p] = files[p]; });
      state.files = edited;
      store.write(state);
    }

    var controls = make("div", "sbs-exercise__controls");
    var check = button(T.check, T.checkLabel, onCheck);
    var halt = button(T.stop, T.stop, function () { SbsRuntime.stop({ ok: false, stopped: true }); });
    var reset = button(T.reset, T.resetLabel, onReset);
    var undo = button(T.undo, T.undoLabel, onUndo);
    var download = button(T.download, T.downloadLabel, onDownload);
    halt.hidden = undo.hidden = true;
    controls.append(check, halt, reset, undo, download);
    var status = make("p", "sbs-exercise__status");
    status.setAttribute("role", "status");
    var results = make("pre", "sbs-exercise__results");
    results.hidden = true;
    results.tabIndex = 0;
    var parts = name.split("/");
    holder.append(controls, status, results,
                  rich(make("p", "sbs-exercise__local"), say(T.local, { topic: parts[1], framework: parts[2], command: data.command })),
                  make("p", "sbs-exercise__note", T.differs));
    holder.hidden = false;

    function onReset() {
      if (!window.confirm(T.resetAsk)) return;
      previous = Object.assign({}, files);
      files = Object.assign({}, data.starter);
      show(current);
      save();
      undo.hidden = false;
      status.textContent = T.resetDone;
    }

    function onUndo() {
      if (!previous) return;
      files = previous;
      previous = null;
      show(current);
      save();
      undo.hidden = true;
      status.textContent = T.undone;
      reset.focus();
    }

    function onDownload() {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(zip(files));
      link.download = parts[1] + "-" + parts[2] + ".zip";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    // While a Check lasts, Check says it is unavailable (aria-disabled) and ignores presses, but
    // keeps the keyboard's focus; the status (role=status) announces the end. Stop hides when it
    // ends: pressed from the keyboard, it gives the focus back to Check, not to the page.
    var busy = false;
    function setBusy(on) {
      busy = on;
      if (on) check.setAttribute("aria-disabled", "true");
      else check.removeAttribute("aria-disabled");
      if (!on && document.activeElement === halt) check.focus();
      halt.hidden = !on;
    }

    function onCheck() {
      if (busy) return;
      var request = { packages: data.packages, files: Object.assign({}, data.support), entry: "guide_tools.exercises.web:check", args: [name, LANG] };
      paths.forEach(function (p) { request.files["work/" + p] = files[p]; });
      setBusy(true);
      var timer = null;
      SbsRuntime.execute(request, function (message) {
        status.textContent = message.progress === "runtime" ? T.runtime
          : message.progress === "packages" ? say(T.packages, { names: message.packages.join(", ") }) : T.running;
        if (message.progress === "running" && !timer) timer = setTimeout(function () { SbsRuntime.stop({ ok: false, timeout: true }); }, RUN_SECONDS * 1000);
      }).then(function (answer) {
        clearTimeout(timer);
        if (answer.timeout) { status.textContent = say(T.stopped, { seconds: RUN_SECONDS }); return; }
        if (answer.stopped) { status.textContent = T.stoppedByYou; return; }
        if (!answer.ok) { status.textContent = answer.fatal ? trouble(answer) : say(T.failed, { error: answer.text }); return; }
        var report = JSON.parse(answer.text);
        results.textContent = report.lines.join("\n");
        results.hidden = false;
        results.dataset.sbsOk = String(report.ok);
        status.textContent = report.lines[report.lines.length - 1];
        if (report.ok) { state.solved = true; store.write(state); solved.hidden = false; }
      }).then(function () {
        setBusy(false);
      });
    }
  }

  function start() {
    var holders = document.querySelectorAll("div.sbs-exercise[hidden]");
    if (!holders.length) return;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("exercise.css", BASE).href;
    document.head.append(style);
    function open(holder) {
      if (holder.dataset.sbsStarted) return;
      holder.dataset.sbsStarted = "true";
      var bundle = fetch(new URL(holder.dataset.sbsExercise + ".json", BASE)).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + holder.dataset.sbsExercise);
        return response.json();
      });
      Promise.all([loadEditor(), bundle]).then(function (loaded) {
        var note = holder.querySelector(".sbs-exercise__unloaded");
        if (note) note.remove();
        setUp(holder, loaded[0], loaded[1]);
      }, function () { unloaded(holder); });
    }
    // Offline (or the connection dropped), the editor or the exercise's files could not be
    // downloaded: the section says so where the editor goes (it stayed hidden, without a word),
    // and tries again when the browser is back online.
    function unloaded(holder) {
      delete holder.dataset.sbsStarted;
      var note = holder.querySelector(".sbs-exercise__unloaded");
      if (!note) {
        note = make("p", "sbs-exercise__unloaded", T.unloaded);
        note.setAttribute("role", "status");
        holder.append(note);
      }
      holder.hidden = false;
      window.addEventListener("online", function () { open(holder); }, { once: true });
    }
    // The editor loads when an exercise is near the screen (its tab shown, scrolled to), not before.
    // A hidden element never intersects: the observer watches the tab's content around it.
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        seen.unobserve(entry.target);
        open(entry.target.querySelector("div.sbs-exercise"));
      });
    }, { rootMargin: "600px" });
    holders.forEach(function (holder) { seen.observe(holder.parentElement); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
