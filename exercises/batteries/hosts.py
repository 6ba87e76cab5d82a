"""Battery: a Django site answers its own host names only (`ALLOWED_HOSTS`, the errors chapter's settings).

`ALLOWED_HOSTS = ["*"]` answers a request whatever its Host header says, and Django builds absolute
links and redirects from that header: a forged Host then reaches them. The reader's settings module
is read as written (the test environment adds its own host to django.conf.settings).
"""

import importlib


# The messages of this battery's assertions in Korean and Russian (guide_tools/exercises/messages.py:
# `en` is the message with `{}` for each value; ko and ru place the values by number). The runner reads
# them from here, without importing the battery, in every exercise whose checks import it; an
# exercise.toml does not repeat them (contributing/exercises.md, "Exercises").
MESSAGES = {
    "{}.py's ALLOWED_HOSTS is {}: \"*\" answers any Host header, expected the site's own host names": {
        "ko": "{0}.py의 ALLOWED_HOSTS: {1}. \"*\"이면 Django가 어떤 Host 헤더로 온 요청에도 응답합니다. 기대한 값: 사이트 자체의 호스트 이름",
        "ru": "в {0}.py ALLOWED_HOSTS равно {1}: \"*\" принимает любой заголовок Host, ожидались имена хостов самого сайта"},
}


def check_no_wildcard_host(module_name: str) -> None:
    hosts = list(importlib.import_module(module_name).ALLOWED_HOSTS)
    assert "*" not in hosts, (
        f"[wildcard_host] {module_name}.py's ALLOWED_HOSTS is {hosts!r}: \"*\" answers any Host header, "
        "expected the site's own host names")
