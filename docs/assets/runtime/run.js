// Run, Edit, Reset and Stop under a listing's captured output: the same request the tests send
// (the topic's drive.py), run in the reader's browser by Python compiled to WebAssembly
// (worker.js, through client.js). The page carries this file, client.js and a hidden placeholder per
// runnable output (guide_tools/runtime/listings.py); nothing of Python loads until the first Run. Without
// JavaScript the placeholders stay hidden: no dead buttons.
(function () {
  "use strict";

  var BASE = new URL(".", document.currentScript.src);
  var LANG = (document.documentElement.lang || "en").slice(0, 2);
  var TEXTS = {
    en: {
      run: "Run", edit: "Edit", reset: "Reset", stop: "Stop",
      runLabel: "Run this example in your browser", editLabel: "Edit this example's code",
      resetLabel: "Reset to the original code and output", stopLabel: "Stop the running code",
      editor: "The example's files. Change them, then press Run.",
      keys: "In the editor, Tab indents. To leave it with the keyboard, press Escape, then Tab.",
      unloaded: "The code editor could not be downloaded: the connection failed. Check your connection, then press Edit again.",
      runtime: "Loading Python and {framework} in your browser (about {size} MB, once)…",
      packages: "Loading {names}…", running: "Running…",
      live: "Live output: computed in your browser at {time}, from the code above.",
      liveEdited: "Live output of your edited code, computed in your browser at {time}.",
      stopped: "Stopped. The next Run starts Python again.",
      failed: "The code stopped with an error: {error}",
      python: "Python", names: "{names}", files: "This example's files",
      downloadFailed: "{what} could not be downloaded: the connection failed. Your edits are kept. Check your connection, then press Run again.",
      startFailed: "Python did not start ({error}). Your edits are kept; press Run to try again.",
      restored: "Original code and output restored.",
      notes: {
        fastapi: "In the browser, the request reaches the app through httpx2's ASGITransport (the client Starlette's TestClient uses in the tests), and a plain def endpoint runs in the event loop instead of a thread pool: a browser page has no threads.",
        django: "In the browser, Django runs with DJANGO_ALLOW_ASYNC_UNSAFE=true (Python there always has a running event loop), the example's settings are applied with settings.configure(), and code that asgiref would run in a thread (sync_to_async, as Django's ASGI handler runs a sync view) runs in the event loop: a browser page has no threads.",
        djangoAsync: "In the browser, the request takes Django's async path as in the test (AsyncClient), but sync_to_async runs the function in the event loop instead of a thread: a browser page has no threads. Django's check against sync ORM calls in async code stays on outside those calls, and the example's settings are applied with settings.configure().",
      },
      standIns: {
        "chat-api": "The chat API is a stand-in here, as in the tests: create_app() gets an httpx.MockTransport that answers in your browser as a chat API would (its model repeats what it was told). No request leaves the page, and no key is needed.",
      },
    },
    ko: {
      run: "실행", edit: "편집", reset: "되돌리기", stop: "중지",
      runLabel: "이 예제를 브라우저에서 실행", editLabel: "이 예제의 코드 편집",
      resetLabel: "원래 코드와 출력으로 되돌리기", stopLabel: "실행 중인 코드 중지",
      editor: "예제의 파일입니다. 수정한 다음 실행을 누르세요.",
      keys: "에디터에서 Tab 키는 들여쓰기를 합니다. 키보드로 에디터를 벗어나려면 Esc를 누른 다음 Tab을 누르세요.",
      unloaded: "네트워크 연결이 끊겨 코드 에디터를 내려받지 못했습니다. 연결을 확인한 뒤 다시 편집을 누르세요.",
      runtime: "브라우저에서 Python과 {framework}을(를) 불러오는 중입니다(약 {size} MB, 처음 한 번만)…",
      packages: "{names}을(를) 불러오는 중입니다…", running: "실행 중입니다…",
      live: "실시간 출력: 위 코드를 {time}에 이 브라우저에서 실행한 결과입니다.",
      liveEdited: "실시간 출력: 수정한 코드를 {time}에 이 브라우저에서 실행한 결과입니다.",
      stopped: "중지했습니다. 다음에 실행하면 Python을 다시 시작합니다.",
      failed: "코드가 오류로 중단되었습니다: {error}",
      python: "Python", names: "{names}", files: "예제 파일",
      downloadFailed: "네트워크 연결이 끊겨 {what}을(를) 내려받지 못했습니다. 수정한 코드는 그대로 있습니다. 연결을 확인한 뒤 다시 실행을 누르세요.",
      startFailed: "Python을 시작하지 못했습니다({error}). 수정한 코드는 그대로 있습니다. 다시 시도하려면 실행을 누르세요.",
      restored: "원래 코드와 출력으로 되돌렸습니다.",
      notes: {
        fastapi: "브라우저에서는 요청이 httpx2의 ASGITransport(테스트에서 Starlette의 TestClient가 쓰는 클라이언트)를 거쳐 앱에 전달되고, 일반 def 엔드포인트는 스레드 풀 대신 이벤트 루프에서 실행됩니다. 브라우저 페이지에는 스레드가 없기 때문입니다.",
        django: "브라우저에서는 Django를 DJANGO_ALLOW_ASYNC_UNSAFE=true로 실행하고(브라우저의 Python에는 항상 실행 중인 이벤트 루프가 있습니다), 예제의 설정은 settings.configure()로 적용합니다. asgiref가 보통은 스레드에서 실행하는 코드(Django의 ASGI 핸들러가 동기 뷰를 실행할 때 쓰는 sync_to_async)도 이벤트 루프에서 실행됩니다. 브라우저 페이지에는 스레드가 없기 때문입니다.",
        djangoAsync: "브라우저에서도 테스트에서처럼 요청이 Django의 비동기 경로(AsyncClient)를 거치지만, sync_to_async는 함수를 스레드가 아니라 이벤트 루프에서 실행합니다. 브라우저 페이지에는 스레드가 없기 때문입니다. sync_to_async 호출 밖에서는 비동기 코드에서 동기 ORM을 호출하지 못하게 막는 Django의 검사가 그대로 켜져 있고, 예제의 설정은 settings.configure()로 적용합니다.",
      },
      standIns: {
        "chat-api": "테스트와 마찬가지로 여기서도 채팅 API는 가짜입니다. create_app()에 넘긴 httpx.MockTransport가 브라우저 안에서 채팅 API처럼 응답합니다(가짜 모델은 들은 말을 그대로 되풀이합니다). 요청은 페이지 밖으로 나가지 않고, API 키도 필요 없습니다.",
      },
    },
    ru: {
      run: "Запустить", edit: "Изменить", reset: "Сбросить", stop: "Остановить",
      runLabel: "Запустить этот пример в браузере", editLabel: "Изменить код этого примера",
      resetLabel: "Сбросить: вернуть исходный код и вывод", stopLabel: "Остановить выполнение кода",
      editor: "Файлы примера. Измените их и нажмите «Запустить».",
      keys: "В редакторе клавиша Tab делает отступ. Чтобы выйти из редактора с клавиатуры, нажмите Escape, затем Tab.",
      unloaded: "Не удалось скачать редактор кода: пропало соединение. Проверьте подключение и снова нажмите «Изменить».",
      runtime: "В браузер загружаются Python и {framework} (около {size} МБ, только в первый раз)…",
      packages: "Загружаются пакеты: {names}…", running: "Выполняется…",
      live: "Этот вывод получен в вашем браузере в {time} из кода выше.",
      liveEdited: "Этот вывод получен в вашем браузере в {time} из кода, который вы изменили.",
      stopped: "Остановлено. При следующем нажатии «Запустить» Python запустится заново.",
      failed: "Код завершился с ошибкой: {error}",
      python: "Python", names: "пакеты {names}", files: "файлы примера",
      downloadFailed: "Не удалось скачать {what}: пропало соединение. Ваши правки остались в редакторе. Проверьте подключение и снова нажмите «Запустить».",
      startFailed: "Python не запустился ({error}). Ваши правки остались в редакторе; чтобы попробовать снова, нажмите «Запустить».",
      restored: "Исходный код и вывод восстановлены.",
      notes: {
        fastapi: "В браузере запрос попадает в приложение через ASGITransport из httpx2 (его же в тестах использует TestClient из Starlette), а обычный эндпоинт def выполняется не в пуле потоков, а в цикле событий: у страницы в браузере потоков нет.",
        django: "В браузере Django работает с DJANGO_ALLOW_ASYNC_UNSAFE=true (у Python там всегда запущен цикл событий), настройки примера применяются через settings.configure(), а код, который asgiref запустил бы в потоке (sync_to_async, через который ASGI-обработчик Django вызывает синхронное представление), выполняется в цикле событий: у страницы в браузере потоков нет.",
        djangoAsync: "В браузере запрос, как и в тесте, проходит асинхронный путь Django (AsyncClient), но sync_to_async выполняет функцию не в потоке, а в цикле событий: у страницы в браузере потоков нет. Вне этих вызовов проверка Django, запрещающая синхронные вызовы ORM из асинхронного кода, остаётся включённой, а настройки примера применяются через settings.configure().",
      },
      standIns: {
        "chat-api": "Здесь, как и в тестах, API чата поддельный: функция create_app() получает транспорт httpx.MockTransport, который прямо в браузере отвечает так, как ответил бы API чата (поддельная модель повторяет то, что ей сказали). Ни один запрос не уходит со страницы, и ключ API не нужен.",
      },
    },
  };
  var T = TEXTS[LANG] || TEXTS.en;

  var bundles = {}, editorScript = null;

  // The exercises' code editor (CodeMirror, bundled at build time: ../exercises/editor.js, as
  // exercise.js loads it), loaded at the first Edit; a failed download is not kept.
  function loadEditor() {
    if (window.SbsEditor) return Promise.resolve(window.SbsEditor);
    if (!editorScript) editorScript = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("../exercises/editor.js", BASE).href;
      script.onload = function () { resolve(window.SbsEditor); };
      script.onerror = function () {
        script.remove();
        editorScript = null;
        reject(new Error("editor.js"));
      };
      document.head.append(script);
    });
    return editorScript;
  }

  // An editor opened on a line (the section the page shows): the cursor there, and that line at
  // the top of the editor's view (its height is bounded in run.css).
  function openAt(editor, line) {
    var view = editor.view, doc = view.state.doc;
    var at = doc.line(Math.max(1, Math.min(line, doc.lines))).from;
    view.dispatch({ selection: { anchor: at }, effects: view.constructor.scrollIntoView(at, { y: "start", yMargin: 0 }) });
  }

  var NAMES = { flask: "Flask", fastapi: "FastAPI", django: "Django" };

  // What a first Run downloads, in whole megabytes: Python and the framework's packages, as the
  // build measured them (runtime.json's `download`, in bytes, per framework; the files as sent,
  // so a server that compresses them sends less).
  function megabytes(runtime, framework) {
    return String(Math.max(1, Math.round(((runtime.download || {})[framework] || 0) / 1e6)));
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function json(path) {
    return fetch(new URL(path, BASE)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + path);
      return response.json();
    });
  }

  // What the reader is told when a job could not start (client.js's fatal answer): a dropped
  // connection is said in the page's language, never the browser's own words ("Failed to fetch").
  function trouble(answer) {
    if (!answer.network) return say(T.startFailed, { error: answer.text });
    var what = answer.stage === "files" ? T.files
      : answer.stage === "packages" && answer.packages ? say(T.names, { names: answer.packages.join(", ") }) : T.python;
    return say(T.downloadFailed, { what: what });
  }

  function clock() {
    return new Date().toLocaleTimeString(LANG, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function button(label, aria, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button sbs-run__button";
    element.textContent = label;
    element.setAttribute("aria-label", aria);
    element.addEventListener("click", onClick);
    return element;
  }

  function setUp(holder) {
    var topic = holder.dataset.sbsTopic, output = holder.dataset.sbsOutput, framework = holder.dataset.sbsFramework;
    var block = holder.previousElementSibling;
    while (block && !block.matches(".highlight")) block = block.previousElementSibling;
    var code = block && block.querySelector("pre > code");
    if (!code) return;
    var captured = code.textContent, editor = null, edits = null;

    var controls = document.createElement("div");
    controls.className = "sbs-run__controls";
    var status = document.createElement("p");
    status.className = "sbs-run__status";
    status.setAttribute("role", "status");
    var note = document.createElement("p");
    note.className = "sbs-run__note";
    note.hidden = true;
    // FastAPI's note is about how a request reaches the app; an output that is a function's result
    // (data-sbs-call) sends none, unless a stand-in answers for a service the app calls
    // (data-sbs-stand-in): then the call serves the app requests. Django's (its settings, the event
    // loop) holds for both. The stand-in's note follows the framework's.
    var standIn = T.standIns[holder.dataset.sbsStandIn || ""];
    // Django's AsyncClient (CLIENT "async"): the async path, and sync_to_async without a thread
    var which = framework === "django" && holder.dataset.sbsClient === "async" ? "djangoAsync" : framework;
    var texts = [];
    if (T.notes[which] && (standIn || !(holder.hasAttribute("data-sbs-call") && framework === "fastapi"))) {
      texts.push(T.notes[which]);
    }
    if (standIn) texts.push(standIn);
    var noted = texts.length > 0;
    if (noted) note.textContent = texts.join(" ");

    var run = button(T.run, T.runLabel, onRun);
    var edit = button(T.edit, T.editLabel, onEdit);
    var reset = button(T.reset, T.resetLabel, onReset);
    var halt = button(T.stop, T.stopLabel, function () { SbsRuntime.stop(); });
    edit.setAttribute("aria-expanded", "false");
    reset.hidden = true;
    halt.hidden = true;
    controls.append(run, edit, reset, halt);
    holder.append(controls, status, note);
    holder.hidden = false;

    // A listing's files, fetched once; a failed fetch is forgotten, so the next Run or Edit tries again.
    function bundle() {
      if (!bundles[topic]) bundles[topic] = json("listings/" + topic + ".json").catch(function (error) {
        delete bundles[topic];
        throw Object.assign(error, { sbsFiles: true });
      });
      return bundles[topic];
    }

    // The files Edit opens: the one whose part the page shows above the output first, opened at that
    // part (data-sbs-shown, "path:section"; the listings JSON says where each section starts).
    // Once the service worker controls the page (after a first Run on any page of the site), this
    // topic's files are fetched at once, through it, so that a Run here works offline later: the
    // worker installs with the runtime's small files only, not every topic's listings.
    function warm() {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) bundle().catch(function () {});
    }
    warm();
    if (navigator.serviceWorker) navigator.serviceWorker.addEventListener("controllerchange", warm);

    function onEdit() {
      Promise.all([bundle(), loadEditor().catch(function (error) { throw Object.assign(error, { sbsEditor: true }); })])
        .then(function (loaded) {
        var data = loaded[0], SbsEditor = loaded[1];
        if (!editor) {
          editor = document.createElement("div");
          editor.className = "sbs-run__editor";
          var intro = document.createElement("p");
          intro.textContent = T.editor + " " + T.keys;
          editor.append(intro);
          holder.insertBefore(editor, status);
          edits = {};
          var shown = (holder.dataset.sbsShown || "").split(":"), paths = (data.editable[output] || data.editable[framework] || []).slice();  // an output of a second app names its own files
          if (paths.indexOf(shown[0]) > 0) paths.unshift(paths.splice(paths.indexOf(shown[0]), 1)[0]);
          paths.forEach(function (path, index) {
            var id = "sbs-edit-" + topic.replace(/\W/g, "-") + "-" + output.replace(/\W/g, "-") + "-" + index;
            var name = document.createElement("p");
            name.className = "sbs-run__file";
            name.id = id;
            name.textContent = path;
            var box = document.createElement("div");
            box.className = "sbs-run__box";
            editor.append(name, box);
            edits[path] = SbsEditor.create(box, data.files[path], path, function () {});
            if (path === shown[0] && shown[1]) openAt(edits[path], ((data.sections || {})[path] || {})[shown[1]] || 1);
          });
        }
        editor.hidden = false;
        edit.setAttribute("aria-expanded", "true");
        reset.hidden = false;
        var first = edits && edits[Object.keys(edits)[0]];
        if (first) first.focus();
      }, function (error) {
        status.textContent = error && error.sbsEditor ? T.unloaded : trouble({ network: true, stage: "files" });
      });
    }

    function onReset() {
      if (editor) editor.remove();
      editor = edits = null;
      edit.setAttribute("aria-expanded", "false");
      code.textContent = captured;
      block.classList.remove("sbs-run--live", "sbs-run--failed");
      note.hidden = true;
      reset.hidden = true;
      status.textContent = T.restored;
      edit.focus();
    }

    // While a Run lasts, Run says it is unavailable (aria-disabled) and ignores presses, but keeps
    // the keyboard's focus (a disabled button drops it to the page); the status (role=status)
    // announces the end. Stop shows only while a Run lasts: when it hides with the focus on it (the
    // reader pressed it from the keyboard), the focus goes back to Run, not to the page. A Run's
    // output is cleared when its code starts, so a second Run that prints the same text is still
    // seen to be new; the status says when it ran.
    var busy = false;
    function setBusy(on) {
      busy = on;
      if (on) run.setAttribute("aria-disabled", "true");
      else run.removeAttribute("aria-disabled");
      if (!on && document.activeElement === halt) run.focus();
      halt.hidden = !on;
    }

    function onRun() {
      if (busy) return;
      var edited = false, before = code.textContent;
      setBusy(true);
      SbsRuntime.ready().then(function () {  // the service worker first: it keeps what follows
        return Promise.all([bundle(), SbsRuntime.info()]);
      }).then(function (loaded) {
        var data = loaded[0], files = Object.assign({}, data.files);
        if (edits) Object.keys(edits).forEach(function (path) {
          if (edits[path].text !== files[path]) edited = true;
          files[path] = edits[path].text;
        });
        return SbsRuntime.execute({
          packages: loaded[1].stacks[framework].concat((data.extras || {})[framework] || []), files: files,
          entry: "guide_tools.runtime.drive:run_output", args: [data.module, output],
        }, function (message) {
          status.textContent = message.progress === "runtime" ? say(T.runtime, { framework: NAMES[framework],
                                                                              size: megabytes(loaded[1], framework) })
            : message.progress === "packages" ? say(T.packages, { names: message.packages.join(", ") }) : T.running;
          if (message.progress === "running") code.textContent = "";
        });
      }).then(function (answer) {
        // The code failed (an exception, a syntax error): no output is left on screen, neither the
        // last one nor the captured one; the status says what failed, and where. Stopped, or not
        // started (a download), the output shown before stays.
        var failed = !answer.ok && !answer.stopped && !answer.fatal;
        code.textContent = failed ? "" : answer.ok ? answer.text : before;
        block.classList.toggle("sbs-run--failed", failed);
        if (failed) {
          block.classList.remove("sbs-run--live");
          delete block.dataset.sbsLive;
          reset.hidden = false;
        }
        if (answer.stopped) { status.textContent = T.stopped; return; }
        if (!answer.ok) { status.textContent = answer.fatal ? trouble(answer) : say(T.failed, { error: answer.text }); return; }
        block.classList.add("sbs-run--live");
        block.dataset.sbsLive = edited ? "edited" : "original";
        note.hidden = !noted;
        reset.hidden = false;
        status.textContent = say(edited ? T.liveEdited : T.live, { time: clock() });
      }, function (error) {  // the listing's files or the runtime's manifest could not be fetched
        code.textContent = before;
        status.textContent = trouble({ network: true, stage: error && error.sbsFiles ? "files" : "runtime" });
      }).then(function () {
        setBusy(false);
      });
    }
  }

  function start() {
    var holders = document.querySelectorAll("div.sbs-run[hidden]");
    if (!holders.length) return;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("run.css", BASE).href;
    document.head.append(style);
    holders.forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
