"""Why performance/choosing.md's outputs do not run in the browser (contributing/runnable-listings.md, "Runnable
listings"): FastAPI reads the sessions Django's login stored in PostgreSQL, and nginx splits the
paths between the two servers, which tests/performance/test_choosing.py runs on loopback."""

SESSIONS = "FastAPI reading the sessions Django stored: needs PostgreSQL"
NOT_IN_BROWSER = {
    "me.txt": SESSIONS,
    "anonymous.txt": SESSIONS,
    "nginx_split.txt": "nginx in front of Uvicorn and a stand-in for Django: needs a real server and sockets",
}
