"""The census `python3 dev.py` prints (guide_tools/runtime/listings.py): beyond the counts per section,
the Side by side chapters that have no Run in a framework, and why that framework's outputs there do
not run (issue 30's aim: every compare chapter runs in all three, unless the topic needs a server)."""

from __future__ import annotations

from guide_tools.runtime import listings


def chapter(docs, name: str, outputs: list[str]) -> None:
    page = docs / "compare" / f"{name}.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"# {name}\n\n" + "".join(f'```text\n--8<-- "compare/demo/out/{o}"\n```\n\n' for o in outputs),
                    encoding="utf-8")


def test_a_chapter_lacking_a_framework_is_named_with_the_reason_of_that_frameworks_outputs(tmp_path):
    snippets, docs = tmp_path / "snippets", tmp_path / "docs"
    topic = snippets / "compare" / "demo"
    topic.mkdir(parents=True)
    topic.joinpath("drive.py").write_text(
        'APPS = {"flask": "compare.demo.app:app", "fastapi": "compare.demo.app:api", "django": {"ROOT_URLCONF": "x"}}\n'
        'OUTPUTS = {"flask_a.txt": ("flask", "GET /"), "fastapi_a.txt": ("fastapi", "GET /"), "django_a.txt": ("django", "GET /")}\n'
        'NOT_IN_BROWSER = {"django_migrate.txt": "manage.py: a command for a terminal",\n'
        '                  "django_tree.txt": "a file tree: no Python to run",\n'
        '                  "drf_check.txt": "manage.py: a command for a terminal",\n'
        '                  "flask_routes.txt": "flask routes: a command for a terminal"}\n', encoding="utf-8")
    chapter(docs, "all_three", ["flask_a.txt", "fastapi_a.txt", "django_a.txt"])
    chapter(docs, "no_django", ["flask_a.txt", "fastapi_a.txt", "django_tree.txt", "django_migrate.txt", "drf_check.txt"])
    chapter(docs, "flask_only", ["flask_a.txt", "flask_routes.txt"])
    assert listings.chapters_without_a_run(docs=docs, snippets=snippets) == [
        ("compare/flask_only.md", [("fastapi", listings.NO_OUTPUT), ("django", listings.NO_OUTPUT)]),
        ("compare/no_django.md", [("django", "manage.py: a command for a terminal")]),  # drf_ counts as Django's
    ]


def test_the_census_prints_them_one_framework_a_line(monkeypatch):
    monkeypatch.setattr(listings, "census", lambda: [])
    monkeypatch.setattr(listings, "chapters_without_a_run", lambda: [
        ("compare/migrations.md", [("flask", "flask db: a command for a terminal"), ("django", listings.NO_OUTPUT)])])
    lines = listings.census_lines()
    assert lines[-3:] == ["      compare/migrations.md", "          flask: flask db: a command for a terminal",
                          f"          django: {listings.NO_OUTPUT}"]
    assert lines[-4].startswith("  compare chapters with no Run in a framework")
    monkeypatch.setattr(listings, "chapters_without_a_run", lambda: [])
    assert not any("chapters with no Run" in line for line in listings.census_lines())
