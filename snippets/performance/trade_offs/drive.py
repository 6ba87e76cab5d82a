"""What produces the outputs performance/trade_offs.md shows (out/*.txt), where a Run can: the
background task's request, the traceback tracebacks.py formats, and what two pitfalls leave in the log.

tests/performance/test_trade_offs.py and test_background_work.py check those outputs with these
declarations, and the page's Run button does the same in the browser (guide_tools/runtime/drive.py;
contributing/runnable-listings.md, "Runnable listings").
"""

APPS = {
    "fastapi": "performance.trade_offs.tasks_fastapi:app",
    # django_app/: two async views, the User model's table (auth, contenttypes), Django's defaults otherwise
    "django": {"ROOT_URLCONF": "performance.trade_offs.django_app.urls",
               "INSTALLED_APPS": ["django.contrib.contenttypes", "django.contrib.auth"]},
}
# Each captured output: (framework, the request it shows), or the function whose result it is
# (checkout() returns the traceback it caught; it needs no framework, and runs on FastAPI's stack,
# which the topic's other files import).
OUTPUTS = {
    "tasks_fastapi.txt": ("fastapi", "POST /orders/7"),
    "traceback.txt": ("fastapi", "call performance.trade_offs.tracebacks:checkout(['A-1', 'B-2'])"),
    # what each pitfall leaves in the log (SHOW_CONSOLE "logged"): the warning of the coroutine
    # forgotten_await.py's endpoint never awaited, after the response; the error of the task
    # lost_task.py started and forgot, logged when the garbage collector takes the task
    "forgotten_await.txt": ("fastapi", "POST /orders"),
    "lost_task.txt": ("fastapi", "call performance.trade_offs.lost_task:place_order_fire_and_forget(7)"),
    # the sync ORM called in an async view, through Django's async path (CLIENT "async", as under
    # ASGI): a 500, and Django's log of the exception; then the view that awaits acount()
    "synchronous_only.txt": ("django", ["GET /users/count", "GET /v2/users/count"]),
}
OUTPUT_APPS = {"forgotten_await.txt": "performance.trade_offs.forgotten_await:app"}
CLIENT = {"synchronous_only.txt": "async"}
SHOW_CONSOLE = {"forgotten_await.txt": "logged", "lost_task.txt": "logged", "synchronous_only.txt": "logged"}
# A traceback names files by absolute path, which differs per machine (and in the browser): the
# page shows them from snippets/. A task's number and where its coroutine was defined differ too.
NORMALISE = [(r'File "[^"]*/(performance/trade_offs/[^"/]+\.py)"', r'File "\1"'),
             (r"name='Task-\d+'", "name='Task-<n>'"), (r"defined at \S+:\d+", "defined at <file>:<line>")]
NOT_IN_BROWSER = {
    "task_group.txt": "an exception the test catches, not a response: no request to send",
    "tasks_django.latest.txt": "a view the test calls itself with a request it builds (RequestFactory), which no "
                               "URLconf routes: no request to send",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {"fastapi": ["performance/trade_offs/tasks_fastapi.py", "performance/trade_offs/tracebacks.py"],
            "forgotten_await.txt": ["performance/trade_offs/forgotten_await.py"],
            "lost_task.txt": ["performance/trade_offs/lost_task.py"],
            "django": ["performance/trade_offs/django_app/views.py", "performance/trade_offs/django_app/urls.py"]}
