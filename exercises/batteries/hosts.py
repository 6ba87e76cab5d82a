"""Battery: a Django site answers its own host names only (`ALLOWED_HOSTS`, the errors chapter's settings).

`ALLOWED_HOSTS = ["*"]` answers a request whatever its Host header says, and Django builds absolute
links and redirects from that header: a forged Host then reaches them. The reader's settings module
is read as written (the test environment adds its own host to django.conf.settings).
"""

import importlib


def check_no_wildcard_host(module_name: str) -> None:
    hosts = list(importlib.import_module(module_name).ALLOWED_HOSTS)
    assert "*" not in hosts, (
        f"[wildcard_host] {module_name}.py's ALLOWED_HOSTS is {hosts!r}: \"*\" answers any Host header, "
        "expected the site's own host names")
