"""The starter's answers, recorded: what a check that says "everything else stays as it was" compares
the reader's app with (contributing/exercises.md, "Exercises", the paragraph on comparing with the starter).

An `Answer` is what a client sees of one response: the status (and the reason phrase where the
framework sends one), the headers but those that differ from one request to the next, the body.
A table (`starter_answers.json` in the framework's folder) holds the starter's answer to every
request the exercise lists, written in a checks run of its own from starter/, never computed beside
the reader's code; the exercise's shared checks state the rule for the paths the table does not list
and read it with `lookup`. The routing and the responses exercises use it.
"""

import json
from pathlib import Path
from typing import NamedTuple

ANSWERS = "starter_answers.json"


class Answer(NamedTuple):
    """What a client sees of one answer: the status (and the reason phrase where the framework sends
    one), its headers but those that differ from one request to the next, and the body."""

    status: int
    reason: str
    headers: dict
    body: bytes


PER_REQUEST = ("date", "server", "content-length")  # a body's length follows the body, compared on its own
LISTS = ("allow", "vary", "access-control-allow-methods", "access-control-allow-headers", "access-control-expose-headers")


def answer(status: int, reason: str, headers, body: bytes, per_request=PER_REQUEST) -> Answer:
    """An Answer from a response's parts; `headers` is the raw list of (name, value) pairs."""
    kept: dict[str, str] = {}
    for name, value in headers:
        name = name.lower()
        if name in per_request:
            continue
        if name in LISTS:  # the same list in another order or case is the same answer
            value = ", ".join(sorted({v.strip().upper() for v in value.split(",") if v.strip()}))
        if name == "set-cookie":  # which cookie, set how; not its value
            cookie, _, attributes = value.partition(";")
            value = cookie.partition("=")[0].strip() + ";" + ";".join(sorted(a.strip().lower() for a in attributes.split(";") if a.strip()))
        kept[name] = ", ".join(sorted(filter(None, [kept.get(name, ""), value])))
    return Answer(status, (reason or "").upper(), kept, body)


def dumps(table: dict) -> str:
    """The table as JSON, one answer a line (a diff shows which answers changed)."""
    head = {name: value for name, value in table.items() if name != "answers"}
    answers = ",\n".join(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in table["answers"])
    return json.dumps(head, ensure_ascii=False, indent=1)[:-2] + f',\n "answers": [\n{answers}\n ]\n}}\n'


def key(method: str, path: str, headers: dict) -> str:
    return json.dumps([method, path, sorted(headers.items())])


def shown(got: Answer, body: bool) -> str:
    status = f"{got.status} {got.reason}".strip()
    text = f"{status} {got.headers}"
    return f"{text} {got.body[:120]!r}" if body else text


def said(headers: dict) -> str:
    """A request's extra headers as a message shows them: ` (Origin: https://...)`."""
    return f" ({', '.join(f'{name}: {value}' for name, value in headers.items())})" if headers else ""


def table_of(exchange, requests, settings: dict, about: str) -> dict:
    """The table of the app `exchange` answers for (the starter, in the recording run)."""
    table = {"about": about, "settings": settings, "answers": []}
    for method, path, headers in requests:
        got = exchange(method, path, headers)
        table["answers"].append({"method": method, "path": path, "request_headers": headers, "status": got.status,
                                 "reason": got.reason, "headers": got.headers, "body": got.body.decode("utf-8")})
    return table


def lookup(table: dict, stands_for):
    """The starter's answer to a request, from a recorded table; `stands_for(path, listed)` names the
    recorded path whose answer stands for a path the table does not list."""
    answers = {key(e["method"], e["path"], e["request_headers"]): e for e in table["answers"]}
    listed = {e["path"] for e in table["answers"]}

    def starter(method: str, path: str, headers: dict) -> Answer:
        e = answers[key(method, stands_for(path, listed), headers)]
        return Answer(e["status"], e["reason"], dict(e["headers"]), e["body"].encode("utf-8"))

    return starter


def read(folder) -> dict:
    return json.loads((Path(folder) / ANSWERS).read_text(encoding="utf-8"))


def recorded(folder, stands_for):
    """The starter's answers recorded in `folder` (the framework's), read at the first request."""
    table = {}

    def starter(method: str, path: str, headers: dict) -> Answer:
        if not table:
            table["lookup"] = lookup(read(folder), stands_for)
        return table["lookup"](method, path, headers)

    return starter


def recorded_settings(folder) -> dict:
    """The starter's settings the recording run wrote into the table."""
    return read(folder).get("settings", {})
