"""The requests behind the responses django/drf_architecture.md shows (out/*.txt), and the users
and notes they meet.

tests/django_ecosystem/test_drf_architecture.py checks each output with these requests, on an
empty database filled by the function SETUP names, and the page's Run button sends the same ones
in the browser (guide_tools/runtime/drive.py; contributing/runnable-listings.md, "Runnable listings"). The views
set every policy themselves; the settings below are only what the app needs to run.
"""

APPS = {
    "django": {"ROOT_URLCONF": "django_ecosystem.drf_architecture.api.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth",
                                  "django_ecosystem.drf_architecture.api"],
               # A cheap hasher, as in the tests: Basic authentication hashes the password on every
               # request, and PBKDF2's million rounds would cost seconds a request in the browser.
               "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]},
}
PASSWORD = "correct horse battery staple"  # test-only
ALICE = "Authorization: Basic YWxpY2U6Y29ycmVjdCBob3JzZSBiYXR0ZXJ5IHN0YXBsZQ=="  # alice:PASSWORD, may add notes
BOB = "Authorization: Basic Ym9iOmNvcnJlY3QgaG9yc2UgYmF0dGVyeSBzdGFwbGU="  # bob:PASSWORD, may only read
JSON = "Content-Type: application/json"
HEADERS = ["content-type", "www-authenticate"]  # DRF also sends Allow on every response
OUTPUTS = {
    "anonymous_401.txt": ("django", "GET /notes/", HEADERS),
    "anonymous_session_403.txt": ("django", "GET /browser/notes/", HEADERS),
    "no_permission_403.txt": ("django", f"POST /notes/\n{BOB}\n{JSON}\n\n" '{"title": "Bob\'s note"}', HEADERS),
    "throttled_429.txt": ("django", f"GET /notes/\n{ALICE}", ["content-type", "retry-after"]),
    "invalid_400.txt": ("django", f"POST /notes/\n{ALICE}\n{JSON}\n\n" '{"title": "", "body": ["not", "text"]}', HEADERS),
    "paginated_list.txt": ("django", f"GET /notes/\n{BOB}", HEADERS),
}
BEFORE = {"throttled_429.txt": [f"GET /notes/\n{ALICE}"] * 3}  # the rate is 3 a minute: the fourth is refused
SETUP = {**{output: "users" for output in OUTPUTS}, "paginated_list.txt": "users_and_notes"}
# The seconds left in the throttle's window: 60 when the first request was less than a second ago
# (the test freezes the clock); a slow first Run in the browser may show 59.
NORMALISE = [(r"(?<=retry-after: )\d+|(?<=Expected available in )\d+(?= seconds)", "60")]
EDITABLE = {
    "django": ["django_ecosystem/drf_architecture/api/views.py", "django_ecosystem/drf_architecture/api/serializers.py",
               "django_ecosystem/drf_architecture/api/models.py", "django_ecosystem/drf_architecture/api/urls.py"],
}


def users():
    """alice, who may add notes (Django's add_note permission), and bob, who may only read."""
    from django.contrib.auth.models import Permission, User

    alice = User.objects.create_user("alice", password=PASSWORD)
    alice.user_permissions.add(Permission.objects.get(codename="add_note", content_type__app_label="drf_architecture_api"))
    bob = User.objects.create_user("bob", password=PASSWORD)
    return alice, bob


def users_and_notes():
    """The users, and three notes: two pages of two."""
    from django_ecosystem.drf_architecture.api.models import Note

    found = users()
    Note.objects.bulk_create([Note(title=title) for title in ("One", "Two", "Three")])
    return found
