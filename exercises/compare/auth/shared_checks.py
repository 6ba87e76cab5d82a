"""The auth exercise's checks of the rule itself, the same in the three frameworks: each framework's
checks.py makes the `site` fixture, its subclass of `Site` (a thin adapter over its app and test
client: how to log in, send a request, list the routes and change a user's record), and calls these.

`site.add_user(name, editor)` and `site.set_editor(name, editor)` change the server's record of a
user (a new object each time, as a database would give); `site.session(name)` is one client, logged
in as that user (None: nobody; `fresh=True`: with a new token, where there are tokens), whose `.send(method, path, claims)` answers an `Answer`;
`site.protected()` lists the app's routes other than the login page, each with the methods it
accepts (None: the framework does not say, so every method is tried).

The rules, each checked as a property rather than on one example:
- who is an editor comes only from the server's record of the logged-in user: every request a
  non-editor or nobody sends is sent again decorated with forged claims (query parameters,
  cookies, headers, form fields naming an editor or the editor role, in many spellings) and the
  answer must not change;
- "editors only" holds on every protected route and every method it accepts;
- a role granted or removed between two requests of one client counts at the next request;
- a refused request changes nothing of what the app keeps (its modules' globals, the database) that
  an editor's request changes, with any method, HEAD and OPTIONS included: the right is checked
  before anything is done (a log of refusals is allowed);
- editors and non-editors are drawn from a generator seeded by the answer's files (new_rng), with
  names no check prints.
Deterministic for an answer and without Hypothesis or threads, so the same run happens in the
terminal and in the browser's Check.
"""

import ast
import hashlib
import random
import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

from guide_tools.exercises.support import as_json, readers_folder

PAGE = "/reports/new"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")  # HEAD: a GET route answers it, running the view
# Names a client could use to claim a role or an identity: as query parameters, cookies, form fields
# and headers. Cookies that carry the real session are not forged (that is the login itself).
CLAIM_NAMES = ("role", "roles", "user_role", "is_editor", "editor", "admin", "is_admin", "group", "groups",
               "permission", "permissions", "scope", "user", "username", "as", "as_user", "login", "remote_user")
CLAIM_HEADERS = ("X-Role", "X-Roles", "X-User-Role", "Role", "X-Editor", "X-Is-Editor", "X-Admin", "X-Group",
                 "X-Groups", "X-Permissions", "X-Scope", "X-User", "X-Username", "X-Forwarded-User",
                 "X-Remote-User", "Remote-User", "X-Auth-User", "X-Auth-Role", "X-Authenticated-User",
                 "X-Forwarded-Role", "X-Forwarded-Groups", "X-Forwarded-Preferred-Username", "X-Forwarded-Email",
                 "X-Auth-Request-User", "X-Auth-Request-Groups", "X-Impersonate", "X-On-Behalf-Of", "Referer")
ROLE_SPELLINGS = ("editor", "Editor", "EDITOR", "editors", "Editors", "true", "True", "1", "yes", "on", "admin",
                  "Admin", "editor,admin", "editors admin")
FIRST_NAMES = ("mira", "tomas", "ines", "kofi", "lena", "arjun", "sofia", "yuki", "omar", "nadia", "piotr", "zoe",
               "hana", "ravi", "elsa", "joon", "amara", "felix", "lucia", "dmitri", "noor", "theo", "aiko", "marta")


@dataclass
class Answer:
    status: int
    location: str | None = None
    body: object = None  # the JSON of the answer, None when it is not JSON

    def same_as(self, other: "Answer") -> bool:
        """The same answer; a redirect's query (the login page's `?next=`, which repeats the request) aside."""
        def where(answer):
            return (answer.location or "").split("?")[0]
        return (self.status, where(self), self.body) == (other.status, where(other), other.body)


@dataclass
class Claims:
    query: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)
    json: dict[str, object] | None = None  # a JSON body instead of the form (None: none)

    def parts(self) -> list["Claims"]:
        """Each claim alone, to name the one that changed an answer."""
        return [Claims(**{kind: {name: value}}) for kind in ("query", "cookies", "headers", "form", "json")
                for name, value in (getattr(self, kind) or {}).items()]

    def shown(self) -> str:
        for name, value in self.query.items():
            return f"?{name}={value}"
        for name, value in self.cookies.items():
            return f"Cookie: {name}={value}"
        for name, value in self.headers.items():
            return f"{name}: {value}"
        for name, value in self.form.items():
            return f"{name}={value} (form)"
        for name, value in (self.json or {}).items():
            return f"{{{name!r}: {value!r}}} (JSON)"
        return ""


class Site:
    """The app as the checks drive it. Each framework's checks.py subclasses it with what differs there:
    - `log_in(user, fresh)`: what one session sends its requests with (a test client logged in as
      `user`, or the user's token; None: nobody), a new login each time (`fresh`: a new token too);
    - `request(login, method, path, claims)`: one request sent with it, `claims` added, as an Answer;
    - `protected()`, `names()` (every user's name), `add_user(name, editor)`, `set_editor(name, editor)`;
    - `stored()`, where the app keeps more than its modules' globals (Django: its database)."""

    groups = False  # True where the role is a group (Django): the messages name the group

    def __init__(self, rng: random.Random):
        self.rng = rng  # new_rng(the reader's module)
        self.editors: list[str] = []  # the editors and non-editors of this run: the rule is the flag, not a name
        self.others: list[str] = []
        self.read: dict[str, set[str]] = {}  # what the app read serving a request, by kind, where a Recorder notes it
        self.declared: dict[str, set[str]] = {}  # what the framework reads for the app, by kind (FastAPI's parameters)

    def draw_users(self) -> None:
        """Two editors and two non-editors, with names no user has, added to the app's users."""
        taken = self.names()
        self.editors = draw_names(self.rng, 2, taken)
        self.others = draw_names(self.rng, 2, taken)
        for name in self.editors:
            self.add_user(name, editor=True)
        for name in self.others:
            self.add_user(name, editor=False)

    def session(self, user: str | None, fresh: bool = False) -> "Session":
        return Session(self, self.log_in(user, fresh))

    def get(self, user: str | None, path: str = PAGE) -> Answer:
        return self.session(user).send("GET", path)

    def stored(self) -> dict[str, str]:
        """What the app keeps between requests: its modules' globals."""
        return module_state()


class Session:
    """One client of the app, logged in as a user or as nobody."""

    def __init__(self, site: Site, login):
        self.site, self.login = site, login

    def send(self, method: str, path: str, claims: Claims | None = None) -> Answer:
        return self.site.request(self.login, method, path, claims or Claims())


def draw_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """`count` user names for this run, unlike any the starter or another draw has."""
    names = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)}{rng.randrange(10, 100)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def new_rng(module: str) -> random.Random:
    """A generator seeded by the answer's own files (every .py file in the folder of `module`, the
    reader's module the checks import): the same answer gets the same run, so a verdict never changes
    from one Check to the next, and the names drawn cannot be written into the answer ahead of its
    run, since they change with every edit of it."""
    folder = Path(sys.modules[module].__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return random.Random(int.from_bytes(digest.digest()[:8], "big"))


def forged(rng: random.Random, value: str, method: str, read: dict[str, set[str]] | None = None) -> Claims:
    """Every claim name with this value, as written and in a case drawn by `rng` (query parameters,
    cookies and form fields are case-sensitive), and every name the app was seen to read (`read`, by
    kind: see Recorder) as it read it; form fields only where there is a body."""
    read = read or {}
    def both(names, kind) -> dict[str, str]:
        claims = {spelled: value for name in names for spelled in (name, rng.choice((name.upper(), name.title())))}
        return {**claims, **{name: value for name in sorted(read.get(kind, ()))}}
    headers = {rng.choice((n, n.lower(), n.upper())): value for n in CLAIM_HEADERS}
    for name in sorted(read.get("headers", ())):  # once each: a header sent twice is read as "v, v"
        if name.lower() not in SESSION_HEADERS:
            headers = {n: v for n, v in headers.items() if n.lower() != name.lower()} | {name: value}
    cookies = {name: v for name, v in both(CLAIM_NAMES, "cookies").items() if name.lower() not in SESSION_COOKIES}
    return Claims(query=both(CLAIM_NAMES, "query"), cookies=cookies, headers=headers,
                  form=both(CLAIM_NAMES, "form") if method not in ("GET", "HEAD") else {})


SESSION_HEADERS = ("authorization", "cookie", "host", "content-type", "content-length")  # the login, the request
SESSION_COOKIES = ("session", "sessionid", "csrftoken", "remember_token")  # Flask's, Django's, Flask-Login's


class Recorder:
    """A request's mapping (query, cookies, headers, form) that notes each key the reader's own code
    looks up (`get`, `[]`, `in`, `getlist`), into `read[kind]`; the framework's lookups are not noted.
    What the app reads while serving a non-editor is then forged, whatever its name."""

    def __init__(self, inner, kind: str, read: dict[str, set[str]]):
        self._inner, self._kind, self._read = inner, kind, read

    def _note(self, key) -> None:
        if isinstance(key, str) and from_reader(sys._getframe(2)):
            self._read.setdefault(self._kind, set()).add(key)

    def get(self, key, *args, **kwargs):
        self._note(key)
        return self._inner.get(key, *args, **kwargs)

    def getlist(self, key, *args, **kwargs):
        self._note(key)
        return self._inner.getlist(key, *args, **kwargs)

    def __getitem__(self, key):
        self._note(key)
        return self._inner[key]

    def __contains__(self, key) -> bool:
        self._note(key)
        return key in self._inner

    def __iter__(self):
        return iter(self._inner)

    def __len__(self) -> int:
        return len(self._inner)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def from_reader(frame) -> bool:
    """The frame runs the reader's own code (a file of their folder), not the framework's."""
    caller = Path(frame.f_code.co_filename)
    return caller.is_absolute() and caller.resolve().is_relative_to(readers_folder().resolve())


def recording(prop, kind: str, read: dict[str, set[str]]) -> property:
    """A request property (a `property` or a `cached_property`) that gives the reader's own code a
    Recorder of its value, and the framework's code the value itself."""
    def get(request):
        value = prop.__get__(request, type(request))
        return Recorder(value, kind, read) if from_reader(sys._getframe(1)) else value
    return property(get, getattr(prop, "fset", None))


class RecordingEnviron(dict):
    """A WSGI environ (Django's `request.META`) that notes each `HTTP_*` key the reader's code looks
    up, as the header it is (`HTTP_X_DESK` is `X-Desk`)."""

    read: dict[str, set[str]] = {}

    def _note(self, key) -> None:
        if isinstance(key, str) and key.startswith("HTTP_") and from_reader(sys._getframe(2)):
            self.read.setdefault("headers", set()).add(key[5:].replace("_", "-").title())

    def get(self, key, *args):
        self._note(key)
        return super().get(key, *args)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        self._note(key)
        return super().__contains__(key)


def answer_literals() -> list[str]:
    """Every short string written in the answer's .py files (docstrings aside): the values its code can
    compare a request's input with (`!= "edit"`), each forged under every name the app reads."""
    folder = readers_folder().resolve()
    found = set()
    for path in sorted(folder.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        strings = (node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value  # b"sudo" too
                   for node in ast.walk(tree) if isinstance(node, ast.Constant)
                   and isinstance(node.value, (str, bytes)) and id(node) not in docstrings)
        found |= {value for value in strings if re.fullmatch(r"[A-Za-z0-9 _.,:/@+=-]{1,40}", value)}
    return sorted(found)


def spellings(editors: list[str]) -> list[str]:
    """The values a forged claim carries: the editor role in many spellings, and editors' names."""
    return [*ROLE_SPELLINGS, *editors, *(name.title() for name in editors)]


def routes_and_methods(site) -> list[tuple[str, str]]:
    """Every (method, path) of the app that is not the login page: the methods each route accepts,
    or every method when the framework does not declare them (Django)."""
    return [(method, path) for path, methods in site.protected() for method in (methods or METHODS)]


def claim_changed_the_answer(site, user, method: str, path: str, claims, answer, plain) -> None:
    """Fail naming the smallest part of `claims` that still changes the answer (all of them if none
    alone does): the request decided who may do what."""
    claim = next((part for part in claims.parts()
                  if not site.session(user).send(method, path, part).same_as(plain)), claims)
    assert False, (
        f"[role_from_request] bob (logged in, not an editor) sent {method} {path} with {claim.shown()} "
        f"and got {answer.status}, not {plain.status} as without it: who may do what comes from the "
        "server's record of the user, never from the request" if user else
        f"[role_from_request] an anonymous visitor sent {method} {path} with {claim.shown()} "
        f"and got {answer.status}, not {plain.status} as without it: who may do what comes from the "
        "server's record of the user, never from the request")


def check_claims_change_nothing(site) -> None:
    """bob (logged in, not an editor) and an anonymous visitor: each request on every protected route
    and method, plain and then with forged claims (naming ada or an editor of this run), answers the same."""
    rng, values = site.rng, spellings(["ada", *site.editors])
    literals = answer_literals()
    names = {name for name in literals if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name)}  # each a name of its own
    for method, path in routes_and_methods(site):
        for user in ("bob", None):
            read = site.read  # every site records what the app reads: a missing recorder is an error here
            read.clear()
            plain = site.session(user).send(method, path)
            read = {kind: set(read.get(kind, ())) | set(site.declared.get(kind, ())) for kind in ("query", "cookies", "headers", "form")}
            read = {kind: names | read[kind] for kind in read}  # (`"sudo" in request.query_string`) is one too
            tried = (values + literals if any(site.read.values()) or any(site.declared.values())
                     or (method, path) == ("GET", PAGE) else rng.sample(values, 4))
            for value in tried:
                claims = forged(rng, value, method, read)
                answer = site.session(user).send(method, path, claims)
                if answer.same_as(plain):
                    continue
                claim_changed_the_answer(site, user, method, path, claims, answer, plain)
            if method in ("GET", "HEAD"):
                continue
            # A JSON body as the carrier (`request.json`, `json.loads(request.body)`), compared with an empty one.
            plain = site.session(user).send(method, path, Claims(json={}))
            for value in (True, "editor", "admin", "ada", *site.editors[:1]):
                claims = Claims(json={name: value for name in CLAIM_NAMES})
                answer = site.session(user).send(method, path, claims)
                if answer.same_as(plain):
                    continue
                claim_changed_the_answer(site, user, method, path, claims, answer, plain)


def sent_to_log_in(answer: Answer) -> bool:
    """An anonymous visitor's answer where the login is a page (Flask, Django): a redirect to it."""
    return answer.status == 302 and (answer.location or "").startswith("/login")


def check_anonymous_is_sent_to_log_in(site) -> None:
    response = site.get(None)
    assert response.status == 302, f"an anonymous visitor got {response.status}, expected 302 to the login page"
    assert (response.location or "").startswith("/login"), (
        f"an anonymous visitor was redirected to {response.location!r}, expected the login page, /login?next=...")


def check_editor_is_let_in(site) -> None:
    """ada and the editors of this run get the editors' page, naming them."""
    response = site.get("ada")
    assert response.status == 200, f"ada (an editor) got {response.status}, expected 200"
    assert response.body == {"editor": "ada"}, f"ada got {as_json(response.body)}"
    for name in site.editors:
        response = site.get(name)
        assert response.status == 200, (
            f"[editor_by_name] another member of editors, also in another group, got {response.status}, expected 200"
            if site.groups else
            f"[editor_by_name] another editor, added by the check, got {response.status}, expected 200")
        assert response.body == {"editor": name}, (
            f"[editor_by_name] another member of editors got {as_json(response.body)}, expected a page naming them, "
            '{"editor": <their name>}' if site.groups else
            f"[editor_by_name] another editor, added by the check, got {as_json(response.body)}, expected a page naming "
            'them, {"editor": <their name>}')


def check_bob_gets_403(response: Answer) -> None:
    """What bob (logged in, not an editor) got from the editors' page: 403, without the page."""
    tag = "[not_403_for_a_right] " if response.status in (401, 404) else ""
    assert response.status == 403, f"{tag}bob (logged in, not an editor) got {response.status}, expected 403"
    page = response.body
    assert not (isinstance(page, dict) and "editor" in page), (
        f"[page_sent_with_403] bob got 403, but with the editors' page in the body: {as_json(page)}")


def check_every_route_is_for_editors(site, anonymous_ok) -> None:
    """Every protected route, every method it accepts: bob gets 403, an anonymous visitor what
    `anonymous_ok(answer)` allows (the login page or 401); never a 2xx or 3xx elsewhere."""
    answer = site.session("bob").send("GET", PAGE)
    assert answer.status == 403, f"bob (logged in, not an editor) got {answer.status} from GET {PAGE}, expected 403"
    for method, path in routes_and_methods(site):
        answer = site.session("bob").send(method, path)
        assert answer.status in (403, 405), (
            f"[route_left_open] bob (logged in, not an editor) got {answer.status} from {method} {path}, expected 403: "
            "every route and every method of the editors' pages is for editors only")
        answer = site.session(None).send(method, path)
        assert anonymous_ok(answer) or answer.status == 405, (
            f"[route_left_open] an anonymous visitor got {answer.status} from {method} {path}: "
            "every route and every method of the editors' pages asks who is there first")
    for path, methods in site.protected():
        for method in (m for m in METHODS if methods and m not in methods):
            for user in ("bob", None):  # refused as any method is (a guard on the whole app runs first), or 405
                answer = site.session(user).send(method, path)
                refused = answer.status in (403, 405) if user else anonymous_ok(answer) or answer.status == 405
                assert refused, (
                    f"[route_left_open] bob (logged in, not an editor) got {answer.status} from {method} {path}, "
                    "a method the route does not accept, expected 403 or 405" if user else
                    f"[route_left_open] an anonymous visitor got {answer.status} from {method} {path}, a method the "
                    "route does not accept, expected 405 or what the route's own methods answer them")


def module_state() -> dict[str, str]:
    """What the reader's modules keep between requests: each module-level value that is not a module,
    a class or a function (a list of reports, a counter, a user kept from a request), as its repr."""
    folder = readers_folder().resolve()
    state = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file or not Path(file).resolve().is_relative_to(folder):
            continue
        for key, value in list(vars(module).items()):
            if not key.startswith("__") and not callable(value) and not isinstance(value, types.ModuleType):
                state[f"{name}.{key}"] = repr(value)
    return state


def check_refusals_change_nothing(site) -> None:
    """bob and an anonymous visitor send every method (OPTIONS too) to every protected route, each just
    after ada (an editor) sent the same request: a refused request changes nothing that ada's requests
    changed in `site.stored()` (what the app keeps), so it does none of what the page does. What only
    refusals touch (a log of refused requests, a counter to slow down guessing) is the app's own."""
    def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}

    sessions = {user: site.session(user) for user in ("ada", "bob", None)}  # logged in before the state is read
    effects: set[str] = set()  # what an editor's requests changed, on any route
    for path, _ in site.protected():
        for method in (*METHODS, "OPTIONS"):
            for user in ("bob", None):
                start = site.stored()
                sessions["ada"].send(method, path)
                before = site.stored()
                effects |= changed(start, before)
                answer = sessions[user].send(method, path)
                if 200 <= answer.status < 300 and method != "OPTIONS":
                    continue  # let in: every_route_and_method_is_for_editors says so
                touched = sorted(changed(before, site.stored()) & effects)
                assert not touched, (
                    f"[refusal_changed_state] bob (logged in, not an editor) sent {method} {path}, got {answer.status}, "
                    f"and {touched[0]} changed: check the right before anything is done, and keep nothing from a "
                    "request in a module global" if user else
                    f"[refusal_changed_state] an anonymous visitor sent {method} {path}, got {answer.status}, "
                    f"and {touched[0]} changed: check who it is before anything is done, and keep nothing from a "
                    "request in a module global")


def check_role_change_counts_at_once(site) -> None:
    """One client each, logged in before the change: bob made an editor, ada made not one, and a user
    of this run granted and then refused the role, get the new answer at their next request."""
    newcomer = draw_names(site.rng, 1, site.names())[0]
    site.add_user(newcomer, editor=False)
    for user, before, after in (("bob", False, True), ("ada", True, False), (newcomer, False, True)):
        session = site.session(user)
        first = session.send("GET", PAGE)
        assert first.status == (200 if before else 403), (
            f"{user} got {first.status} before the role changed, expected {200 if before else 403}"
            if user != newcomer else
            f"a user added by the check got {first.status} before the role changed, expected {200 if before else 403}")
        site.set_editor(user, after)
        second = session.send("GET", PAGE)
        if user == "bob" and second.status != 200:
            fresh = site.session("bob", fresh=True).send("GET", PAGE)  # a new login: nothing kept can answer
            assert fresh.status == 200, (
                f"[editor_by_name] bob, made an editor, got {fresh.status} even after logging in again, expected 200: "
                "the rule is the user's record, not a name or a list of names")
        check_role_read_again(second, user, after, back=False, added=user == newcomer)
        site.set_editor(user, before)
        check_role_read_again(session.send("GET", PAGE), user, before, back=True, added=user == newcomer)


def check_role_read_again(answer: Answer, user: str, editor: bool, back: bool, added: bool) -> None:
    """The answer to `user`'s next request after their role was changed (`back`: changed back) to `editor`
    (`added`: a user of this run, whose name no message prints)."""
    expected = 200 if editor else 403
    assert answer.status == expected, (
        f"[role_decided_once] {user} got {answer.status} at the next request after the role changed, "
        f"expected {expected}: read the role from the user's record on every request"
        if not added and not back else
        f"[role_decided_once] a user added by the check got {answer.status} at the next request after the role "
        f"changed, expected {expected}: read the role from the user's record on every request"
        if not back else
        f"[role_decided_once] {user} got {answer.status} after the role was changed back, expected "
        f"{expected}: read the role from the user's record on every request"
        if not added else
        f"[role_decided_once] a user added by the check got {answer.status} after the role was changed back, "
        f"expected {expected}: read the role from the user's record on every request")

