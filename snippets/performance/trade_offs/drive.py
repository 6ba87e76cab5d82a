"""What produces the outputs performance/trade_offs.md shows (out/*.txt), where a Run can: the
background task's request, and the traceback tracebacks.py formats.

tests/performance/test_trade_offs.py and test_background_work.py check those outputs with these
declarations, and the page's Run button does the same in the browser (guide_tools/runtime/drive.py;
CONTRIBUTING.md, "Runnable listings").
"""

APPS = {"fastapi": "performance.trade_offs.tasks_fastapi:app"}
# Each captured output: (framework, the request it shows), or the function whose result it is
# (checkout() returns the traceback it caught; it needs no framework, and runs on FastAPI's stack,
# which the topic's other files import).
OUTPUTS = {
    "tasks_fastapi.txt": ("fastapi", "POST /orders/7"),
    "traceback.txt": ("fastapi", "call performance.trade_offs.tracebacks:checkout(['A-1', 'B-2'])"),
}
# A traceback names files by absolute path, which differs per machine (and in the browser): the
# page shows them from snippets/.
NORMALISE = [(r'File "[^"]*/(performance/trade_offs/[^"/]+\.py)"', r'File "\1"')]
NOT_IN_BROWSER = {
    "forgotten_await.txt": "not declared yet: a response and the RuntimeWarning the test catches after it",
    "lost_task.txt": "not declared yet: the function's result and the asyncio log record the test captures",
    "task_group.txt": "an exception the test catches, not a response: no request to send",
    "synchronous_only.txt": "not declared yet: requests through Django's AsyncClient, and an exception the test catches",
    "tasks_django.latest.txt": "not declared yet: the test calls the view itself (no URLconf routes it), on Django 6.0 only",
}
# The files a reader can edit before Run, per framework (the page's listings are sections of them).
EDITABLE = {"fastapi": ["performance/trade_offs/tasks_fastapi.py", "performance/trade_offs/tracebacks.py"]}
