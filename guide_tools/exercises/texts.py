"""The runner's own words: the reader's command in English, Korean and Russian (MESSAGES), and
CI's messages, in English (they are read in CI logs, not by readers). Hints and titles are in each
exercise's exercise.toml; the checks' messages are translated by messages.py."""
from __future__ import annotations





# CI's messages (`--check-all`) are English: they are read in CI logs, not by readers.
MISMATCH_STARTER = "{name}: the starter should fail {expected}, but failed {got}"
MISMATCH_SOLUTION = "{name}: the solution should pass every check, but failed {got}"
MISMATCH_TAGGED = ("{name}: the starter fails {check} with the cause tag [{cause}]; the starter's failure must be "
                   "untagged (the check's hint is the starter's fix): tag the assertions a wrong solution fails instead")
MISMATCH_WRONG = "{name}: wrong/{slug} is not rejected as declared: {what} (why it is wrong: {why})"
MISMATCH_RIGHT = "{name}: right/{slug} is refused, but it is correct: {what} (why it is right: {why})"
PATCH_STALE = ("{problem}. The reference solution (starter/ with solution/ over it) changed since this patch was "
               "written, or the patch was edited by hand: redo the mistake on the current reference with "
               "`python3 dev.py exercise {name} --edit-wrong {slug}` (your copy becomes the reference; the old patch "
               "stays to read), then `python3 dev.py exercise {name} --save-wrong {slug}`")
MISMATCH_ENGLISH = "would reach a Korean or Russian reader in English (add its [[messages]] entry, with ko and ru, in {data})"
STAMPED = ("Stamped {count} of {total} exercises ({stamp} in each folder): on every commit their corpus runs only a cover "
           "of their checks, until an input changes.")
UNSTAMPED = ("No stamp written: stamps are written on the {stack} stack, where the corpus runs "
             "(python3 dev.py exercise --stack {stack} --check-all).")
CHECK_ALL_SUMMARY = "{total} exercises: {starters} starters fail as expected, {solutions} solutions pass, {wrong} rejected"
DATA_PROBLEMS = "The exercise data has problems:"

# The command's own messages. Hints and titles are in each exercise's exercise.toml.
MESSAGES = {
    "en": {
        "list_header": "Exercises (run one with `python3 dev.py exercise NAME`, e.g. `{example}`):",
        "not_started": "not started",
        "solved": "solved",
        "last_run": "last run: {passed} of {total} checks pass",
        "changed": "changed since the last run",
        "unknown": "Unknown exercise '{name}'. The exercises are: {names} (add /flask, /fastapi or /django for one framework).",
        "unknown_framework": "'{name}' has no {framework} version; it has: {names}.",
        "copied": "Copied the starter to {path}/: edit it there, then run this command again.",
        "working_in": "{name}: checking your copy in {path}/",
        "passed": "passed",
        "failed": "FAILED",
        "timeout": "STOPPED",
        "hint": "hint",
        "summary_ok": "All {total} checks pass. Well done! Compare with the reference: {command} --solution",
        "summary_fail": "{passed} of {total} checks pass.",
        "broken": "Your app does not load: {where}. Fix that line, then run again.",
        "broken_nowhere": "Your app does not load: {where}. The error names no line of your files: the checks import the files and names the starter has; compare yours with it, then run again.",
        "deprecated": "deprecated, it works today and stops working in a later version: {where}",
        "at_line": "{file}, line {line}",
        "no_checks": "No check ran: {detail}",
        "answered_expected": "{request} answered {got}, expected {expected}",
        "answered": "{request} answered {got}",
        "assertion_failed": "assertion failed",
        "did_not_run": "did not run",
        "run_timeout": "The checks were stopped after {seconds} s. Does something in your app wait forever (a loop, a blocking call)?",
        "check_timeout": "stopped after {seconds} s: does this request wait forever?",
        "reset": "Started over: {path}/ is the starter again (your previous copy is in {backup}/).",
        "solution_header": "Differences between your copy ({path}/) and the reference solution:",
        "solution_same": "Your copy is the same as the reference solution.",
        "watching": "Watching {path}/ for changes; Ctrl+C to stop.",
        "hints_title": "Hints",
        "skipped": "SKIPPED",
        "check_skipped": "{reason} (a skipped check does not count as passed)",
        "binary_skipped": "{name}: a binary file, not compared.",
        "missing_files": "Files of the starter are missing from your copy: {files}. Your app needs them: get them back with `{command} --reset` (your copy is kept in a backup).",
        "reset_ask": "Start {name} over from the starter? Your changes go to a backup. [y/N] ",
        "reset_kept": "Kept {path}/ as it is.",
        "reset_refused": "Not reset: you changed {names}, and there is no terminal to ask you. To reset anyway (your copy is kept in a backup): {command}",
        "unknown_suggest": "Unknown exercise '{name}'. Did you mean '{suggestion}'? The exercises are: {names} (add /flask, /fastapi or /django for one framework).",
        "unknown_framework_suggest": "'{name}' has no {framework} version. Did you mean '{suggestion}'? It has: {names}.",
    },
    "ko": {
        "list_header": "연습 문제 목록(`python3 dev.py exercise 이름`으로 실행합니다. 예: `{example}`):",
        "not_started": "시작 전",
        "solved": "완료",
        "last_run": "마지막 실행: 검사 {total}개 중 {passed}개 통과",
        "changed": "마지막 실행 이후 수정됨",
        "unknown": "'{name}'(이)라는 연습 문제는 없습니다. 있는 연습 문제: {names} (프레임워크 하나만 하려면 /flask, /fastapi, /django를 붙이세요).",
        "unknown_framework": "'{name}'에는 {framework} 버전이 없습니다. 있는 버전: {names}.",
        "copied": "시작 코드를 {path}/에 복사했습니다. 그곳에서 코드를 고친 뒤 이 명령을 다시 실행하세요.",
        "working_in": "{name}: {path}/의 코드를 검사합니다",
        "passed": "통과",
        "failed": "실패",
        "timeout": "중단",
        "hint": "힌트",
        "summary_ok": "검사 {total}개를 모두 통과했습니다. 잘하셨습니다! 모범 답안과 비교해 보세요: {command} --solution",
        "summary_fail": "검사 {total}개 중 {passed}개 통과.",
        "broken": "앱을 불러오지 못했습니다: {where}. 이 줄을 고친 뒤 다시 실행하세요.",
        "broken_nowhere": "앱을 불러오지 못했습니다: {where}. 이 오류는 작성한 파일의 어느 줄도 가리키지 않습니다. 검사는 시작 코드에 있는 파일과 이름을 임포트하므로, 작성한 코드를 시작 코드와 비교한 뒤 다시 실행하세요.",
        "deprecated": "폐기 예정입니다. 지금은 동작하지만 이후 버전에서는 동작하지 않습니다: {where}",
        "at_line": "{file} {line}행",
        "no_checks": "검사가 하나도 실행되지 않았습니다: {detail}",
        "answered_expected": "{request} 요청의 응답: {got}, 기대한 응답: {expected}",
        "answered": "{request} 요청의 응답: {got}",
        "assertion_failed": "검사 조건을 만족하지 않습니다",
        "did_not_run": "실행되지 않았습니다",
        "run_timeout": "{seconds}초가 지나 검사를 중단했습니다. 앱 안에 끝없이 기다리는 코드(무한 루프, 블로킹 호출)가 있지 않을까요?",
        "check_timeout": "{seconds}초가 지나 중단: 이 요청이 끝없이 기다리고 있지 않을까요?",
        "reset": "처음부터 다시 시작합니다: {path}/를 시작 코드로 되돌렸습니다(이전 코드는 {backup}/에 있습니다).",
        "solution_header": "작성한 코드({path}/)와 모범 답안의 차이:",
        "solution_same": "작성한 코드가 모범 답안과 같습니다.",
        "watching": "{path}/의 변경을 지켜봅니다. 멈추려면 Ctrl+C를 누르세요.",
        "hints_title": "힌트",
        "skipped": "건너뜀",
        "check_skipped": "{reason} (건너뛴 검사는 통과로 치지 않습니다)",
        "binary_skipped": "{name}: 바이너리 파일이라 비교하지 않았습니다.",
        "missing_files": "시작 코드에 있던 파일이 작성한 코드에 없습니다: {files}. 앱에 필요한 파일이니 `{command} --reset`으로 되살리세요(지금 코드는 백업으로 보관됩니다).",
        "reset_ask": "{name}을(를) 시작 코드로 되돌릴까요? 바꾼 내용은 백업으로 보관됩니다. [y/N] ",
        "reset_kept": "{path}/는 그대로 두었습니다.",
        "reset_refused": "되돌리지 않았습니다: {names}에 바꾼 내용이 있는데 확인을 물어볼 터미널이 없습니다. 그래도 되돌리려면 다음 명령을 실행하세요(지금 코드는 백업으로 보관됩니다): {command}",
        "unknown_suggest": "'{name}'(이)라는 연습 문제는 없습니다. '{suggestion}'을(를) 찾으셨나요? 있는 연습 문제: {names} (프레임워크 하나만 하려면 /flask, /fastapi, /django를 붙이세요).",
        "unknown_framework_suggest": "'{name}'에는 {framework} 버전이 없습니다. '{suggestion}'을(를) 찾으셨나요? 있는 버전: {names}.",
    },
    "ru": {
        "list_header": "Упражнения (запуск: `python3 dev.py exercise ИМЯ`, например `{example}`):",
        "not_started": "не начато",
        "solved": "решено",
        "last_run": "последний запуск: пройдено {passed} из {total} проверок",
        "changed": "изменено после последнего запуска",
        "unknown": "Упражнения «{name}» нет. Есть такие: {names} (для одного фреймворка добавьте /flask, /fastapi или /django).",
        "unknown_framework": "У «{name}» нет варианта для {framework}; есть: {names}.",
        "copied": "Заготовка скопирована в {path}/: измените её там и запустите команду снова.",
        "working_in": "{name}: проверяется ваша копия в {path}/",
        "passed": "пройдена",
        "failed": "НЕ ПРОЙДЕНА",
        "timeout": "ОСТАНОВЛЕНА",
        "hint": "подсказка",
        "summary_ok": "Пройдены все проверки ({total}). Отлично! Сравните с эталоном: {command} --solution",
        "summary_fail": "Пройдено {passed} из {total} проверок.",
        "broken": "Приложение не загружается: {where}. Исправьте эту строку и запустите снова.",
        "broken_nowhere": "Приложение не загружается: {where}. Ошибка не указывает ни на одну строку ваших файлов: проверки импортируют те файлы и имена, что есть в заготовке; сверьте с ней свои файлы и запустите снова.",
        "deprecated": "объявлено устаревшим: сейчас работает, но в одной из следующих версий перестанет: {where}",
        "at_line": "{file}, строка {line}",
        "no_checks": "Ни одна проверка не запустилась: {detail}",
        "answered_expected": "ответ на {request}: {got}, ожидался {expected}",
        "answered": "ответ на {request}: {got}",
        "assertion_failed": "условие проверки не выполнено",
        "did_not_run": "не выполнялась",
        "run_timeout": "Проверки остановлены через {seconds} с. Нет ли в приложении чего-то, что ждёт вечно (бесконечный цикл, блокирующий вызов)?",
        "check_timeout": "остановлена через {seconds} с: не ждёт ли этот запрос вечно?",
        "reset": "Сброс выполнен: в {path}/ снова заготовка (прежняя копия сохранена в {backup}/).",
        "solution_header": "Чем ваша копия ({path}/) отличается от эталонного решения:",
        "solution_same": "Ваша копия совпадает с эталонным решением.",
        "watching": "Отслеживаются изменения в {path}/; Ctrl+C — остановить.",
        "hints_title": "Подсказки",
        "skipped": "ПРОПУЩЕНА",
        "check_skipped": "{reason} (пропущенная проверка не считается пройденной)",
        "binary_skipped": "{name}: бинарный файл, не сравнивается.",
        "missing_files": "В вашей копии не хватает файлов заготовки: {files}. Без них приложение не работает: верните их командой `{command} --reset` (текущая копия сохранится в резервной папке).",
        "reset_ask": "Начать {name} заново с заготовки? Ваши изменения сохранятся в резервной копии. [y/N] ",
        "reset_kept": "{path}/ оставлена как есть.",
        "reset_refused": "Сброса не было: вы изменили {names}, а спросить вас негде (нет терминала). Чтобы всё равно начать заново (текущая копия сохранится в резервной папке), запустите: {command}",
        "unknown_suggest": "Упражнения «{name}» нет. Может быть, вы имели в виду «{suggestion}»? Есть такие: {names} (для одного фреймворка добавьте /flask, /fastapi или /django).",
        "unknown_framework_suggest": "У «{name}» нет варианта для {framework}. Может быть, вы имели в виду «{suggestion}»? Есть: {names}.",
    },
}


