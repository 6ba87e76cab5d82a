"""Battery: no secret key with a literal fallback (the auth chapter's "A secret key in the source").

The reader's module that sets the key is run again, twice, with every environment variable whose
name holds SECRET or KEY unset: it must refuse to start (raise), leave the key empty where the
framework then refuses to sign (Flask and Django do), or make a new key each start (Django's
`get_random_secret_key()`). The same key twice is one written in the source, or derived from it:
anyone who reads the code can sign a session as anyone. An empty key is safe only where the framework
refuses to sign with it: Starlette's `SessionMiddleware` signs with `str(secret_key)`, so `None` is the
key `"None"` and `""` an empty HMAC key, both as public as a written one. There `read_secret` returns
the key the signer uses (`str(...)`) and `empty_is_refused=False` counts an empty key as a literal.
Behaviour, not source text; no subprocess, so it runs in the browser's Check.
"""

import importlib.util
import os
import sys


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "{}.py, started twice without its secret in the environment, used the same secret key both times: a key written in the source lets anyone who reads it sign a session": {
        "ko": "환경 변수에 시크릿 키가 없는 상태로 {0}.py를 두 번 시작했더니 두 번 다 같은 시크릿 키를 사용했습니다. 소스 코드에 적힌 키로는 그 코드를 읽은 누구나 세션에 서명할 수 있습니다",
        "ru": "{0}.py, дважды запущенный без секрета в окружении, оба раза взял один и тот же секретный ключ: ключом, записанным в исходном коде, подпишет сессию любой, кто его прочтёт"},
}


def _started(monkeypatch, module_name: str):
    """The module run afresh from its file (None when it refuses to start)."""
    spec = importlib.util.find_spec(module_name)
    module = importlib.util.module_from_spec(spec)
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, module_name, module)  # Flask(__name__) finds its folder by the module
        try:
            spec.loader.exec_module(module)
        except (Exception, SystemExit):  # refusing to start without the secret is the right answer (sys.exit too)
            return None
    return module


def check_no_literal_fallback(monkeypatch, module_name: str, read_secret, *, empty_is_refused: bool = True) -> None:
    """`read_secret(module)` is the key the module set, when it started without its secret.

    `empty_is_refused`: the framework refuses to sign with an empty key (Flask, Django); False where it
    signs with whatever it is given (Starlette), so an empty key started twice is the same literal twice.
    `read_secret` returns None where nothing signs (the app refused to start after its module did)."""
    for name in [n for n in os.environ if "SECRET" in n.upper() or "KEY" in n.upper()]:
        monkeypatch.delenv(name)
    keys = []
    for _ in range(2):
        module = _started(monkeypatch, module_name)
        if module is None:
            return
        keys.append(read_secret(module))
    assert keys[0] is None or (empty_is_refused and not keys[0]) or keys[0] != keys[1], (
        f"[secret_with_fallback] {module_name}.py, started twice without its secret in the environment, used the same "
        "secret key both times: a key written in the source lets anyone who reads it sign a session")
