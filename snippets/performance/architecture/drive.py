"""Why performance/architecture.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): each is what a production server answered on loopback (Uvicorn, Gunicorn, their
`server` header included) or how long four requests at once took under each server model, which
tests/performance/test_architecture.py starts as run.sh shows. Nothing here runs on the page: no
APPS, no OUTPUTS; only the reason the page gives under each output (the guess from imports said
"threads", from the test's own thread pool)."""

NOT_IN_BROWSER = {
    "fastapi_uvicorn.txt": "Uvicorn's answers on loopback (its server header): needs a real server",
    "drf_gunicorn.txt": "Gunicorn's answers on loopback (its server header): needs a real server",
    "waits.txt": "four requests at once to each server model, timed: needs a real server",
}
