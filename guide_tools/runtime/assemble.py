"""Assemble the browser runtime from the pins (pins.py, uv.lock) into `.cache/runtime/<digest>/`.

    python3 -m guide_tools.runtime.assemble     # assemble (or reuse) and print what it holds

What it makes, served by the site at /assets/runtime/py/<digest>/ (publish):

    pyodide/      the npm package's core files (pins.CORE_FILES)
    wheels/       one wheel per package of pins.STACKS, as uv.lock pins it (Django trimmed,
                  MarkupSafe built pure from its sdist)
    lock.json     a Pyodide lock file naming exactly those wheels, with their sha256: the worker
                  passes it to loadPyodide, and pyodide.loadPackage() checks every download
    runtime.json  the manifest the worker reads: the Pyodide version and each framework's packages

Downloads are cached in `.cache/runtime/downloads/` (checked against their pinned hash each time
they are used); an assembled runtime is keyed by the digest of its inputs, so a build after a
bump of uv.lock or of pins.py assembles anew and an unchanged one reuses it. No network is needed
once both are cached. A download that fails stops with one line naming what and what to do.
"""

from __future__ import annotations

import base64
import contextlib
import fnmatch
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from guide_tools.runtime import pins

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SIDE_BY_SIDE_RUNTIME_CACHE") or ROOT / ".cache" / "runtime")
DOWNLOADS = CACHE / "downloads"
KEEP = 2  # assembled runtimes kept (the newest); each is about 20 MB
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed timestamps: a rebuilt wheel is byte-identical, so is its hash


class RuntimeUnavailable(Exception):
    """One line: what could not be had, and what to do."""


@dataclass(frozen=True)
class Wheel:
    name: str
    version: str
    url: str          # the wheel (or, for BUILT_FROM_SDIST, the sdist) uv.lock names
    sha256: str
    depends: tuple[str, ...]

    @property
    def source_file(self) -> str:
        return self.url.rsplit("/", 1)[1]


# --------------------------------------------------------------------------- pins from uv.lock


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("-", ".").split("."))


def _browser_wheel(package: dict) -> dict | None:
    """The package's wheel a browser can load: a pure one, or one for pins.PLATFORM_TAG."""
    for wheel in package.get("wheels", []):
        tags = wheel["url"].rsplit("/", 1)[1].removesuffix(".whl").split("-")[-3:]
        if tags[1:] == ["none", "any"] and tags[0] in {"py3", "py2.py3"}:
            return wheel
        if tags == [pins.PYTHON_TAG, pins.PYTHON_TAG, pins.PLATFORM_TAG]:
            return wheel
    return None


def windows_only(dependency: dict) -> bool:
    """A uv.lock dependency that only Windows installs (Django's tzdata, psycopg's): not the browser's,
    unless pins.BROWSER_DEPENDS says it is needed there too."""
    return "win32" in dependency.get("marker", "")


def locked_wheels(lock_path: Path = ROOT / "uv.lock") -> dict[str, Wheel]:
    """Each package of pins.STACKS, CHECKS and EXTRAS at uv.lock's newest version (the latest stack's), with its URL and hash."""
    wanted = pins.every_package()
    lock = tomllib.loads(lock_path.read_text(encoding="utf-8"))
    newest: dict[str, dict] = {}
    for package in lock["package"]:
        name = package["name"]
        if name in wanted and (name not in newest or _version_key(package["version"]) > _version_key(newest[name]["version"])):
            newest[name] = package
    missing = sorted(wanted - newest.keys())
    if missing:
        raise RuntimeUnavailable(f"uv.lock has no {', '.join(missing)}: remove them from guide_tools/runtime/pins.py, or lock them")
    wheels = {}
    for name, package in sorted(newest.items()):
        artifact = package.get("sdist") if name in pins.BUILT_FROM_SDIST else _browser_wheel(package)
        if artifact is None:
            raise RuntimeUnavailable(
                f"{name} {package['version']} (uv.lock) has no pure wheel and none for {pins.PLATFORM_TAG}: "
                f"pin an older version for the browser, or build it (guide_tools/runtime/pins.py)")
        depends = tuple(sorted({d["name"] for d in package.get("dependencies", []) if d["name"] in wanted
                                and not windows_only(d)} | set(pins.BROWSER_DEPENDS.get(name, ()))))
        wheels[name] = Wheel(name, package["version"], artifact["url"], artifact["hash"].removeprefix("sha256:"), depends)
    return wheels


def inputs_digest(wheels: dict[str, Wheel] | None = None) -> str:
    """What the assembled runtime depends on: this package's code and pins, and the pinned hashes."""
    wheels = locked_wheels() if wheels is None else wheels
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps([[w.name, w.version, w.sha256] for w in wheels.values()]).encode())
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- downloads


def _fetch(url: str, what: str, check) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - an https URL from uv.lock
            data = response.read()
    except OSError as error:
        raise RuntimeUnavailable(
            f"could not download {what} for the browser runtime ({error}): check the connection to PyPI "
            "and run the build again (downloads are cached in .cache/runtime/)") from None
    if not check(data):
        raise RuntimeUnavailable(f"{what} downloaded, but its hash differs from the one uv.lock pins: "
                                 "do not use it; run the build again, or re-lock (`python3 dev.py upgrade-check`)")
    return data


def cached_download(wheel: Wheel) -> bytes:
    path = DOWNLOADS / wheel.source_file

    def check(data: bytes) -> bool:
        return hashlib.sha256(data).hexdigest() == wheel.sha256

    if path.is_file():
        data = path.read_bytes()
        if check(data):
            return data
    data = _fetch(wheel.url, f"{wheel.name} {wheel.version} ({wheel.source_file})", check)
    _write_atomic(path, data)
    return data


def _integrity_ok(data: bytes) -> bool:
    algorithm, _, expected = pins.PYODIDE_INTEGRITY.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def pyodide_package() -> bytes:
    """The npm package's tarball, through npm itself (`npm pack`), checked against its pinned integrity."""
    path = DOWNLOADS / f"pyodide-{pins.PYODIDE_VERSION}.tgz"
    if path.is_file() and _integrity_ok(path.read_bytes()):
        return path.read_bytes()
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeUnavailable("npm is not installed, and the browser runtime is assembled from the npm package "
                                 f"pyodide {pins.PYODIDE_VERSION}: install Node.js with npm (`apt-get install npm`)")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([npm, "pack", f"pyodide@{pins.PYODIDE_VERSION}", "--pack-destination", tmp, "--silent"],
                                capture_output=True, text=True, timeout=600, check=False)
        packed = Path(tmp) / f"pyodide-{pins.PYODIDE_VERSION}.tgz"
        if result.returncode != 0 or not packed.is_file():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeUnavailable(f"`npm pack pyodide@{pins.PYODIDE_VERSION}` failed ({last}): check the connection "
                                     "to the npm registry and run the build again")
        data = packed.read_bytes()
    if not _integrity_ok(data):
        raise RuntimeUnavailable(f"the npm package pyodide {pins.PYODIDE_VERSION} differs from its pinned integrity "
                                 "(guide_tools/runtime/pins.py): do not use it")
    _write_atomic(path, data)
    return data


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- wheels as served


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def _record(entries: dict[str, bytes], record_name: str) -> bytes:
    lines = []
    for name, data in sorted(entries.items()):
        if name == record_name:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    return ("\n".join([*lines, f"{record_name},,"]) + "\n").encode()


def trimmed(wheel: Wheel, data: bytes) -> bytes:
    """The wheel without the files pins.TRIM lists but pins.KEEP does not (its RECORD rewritten to match)."""
    patterns, kept = pins.TRIM.get(wheel.name, ()), pins.KEEP.get(wheel.name, ())
    if not patterns:
        return data

    def dropped(name: str) -> bool:
        return any(fnmatch.fnmatch(name, p) for p in patterns) and not any(fnmatch.fnmatch(name, k) for k in kept)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist() if not i.is_dir() and not dropped(i.filename)}
    [record] = [name for name in entries if name.endswith(".dist-info/RECORD")]
    entries[record] = _record(entries, record)
    return _zip(entries)


def pure_wheel_from_sdist(wheel: Wheel, sdist: bytes) -> tuple[str, bytes]:
    """A py3-none-any wheel of a package whose C speedups are optional (MarkupSafe): its Python
    files only, so it uses its own pure-Python fallback."""
    dist = wheel.name.replace("-", "_")
    entries: dict[str, bytes] = {}
    metadata = None
    with tarfile.open(fileobj=io.BytesIO(sdist), mode="r:gz") as archive:
        for member in archive.getmembers():
            parts = member.name.split("/")
            if len(parts) == 2 and parts[1] == "PKG-INFO":
                metadata = archive.extractfile(member).read()
            if member.isfile() and len(parts) >= 4 and parts[1] == "src" and parts[2] == dist \
                    and (parts[-1].endswith(".py") or parts[-1] == "py.typed"):
                entries["/".join(parts[2:])] = archive.extractfile(member).read()
    if metadata is None or not entries:
        raise RuntimeUnavailable(f"{wheel.source_file} does not have the layout guide_tools/runtime/assemble.py expects "
                                 "(PKG-INFO and src/<package>/*.py): check what changed in the new release")
    info = f"{dist}-{wheel.version}.dist-info"
    entries[f"{info}/METADATA"] = metadata
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: side-by-side\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries[f"{info}/RECORD"] = _record(entries, f"{info}/RECORD")
    return f"{dist}-{wheel.version}-py3-none-any.whl", _zip(entries)


def _import_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tops = {n.split("/", 1)[0] for n in archive.namelist()}
    return sorted(t.removesuffix(".py") for t in tops if not t.endswith((".dist-info", ".data")) and not t.startswith("_"))


# --------------------------------------------------------------------------- the assembled runtime


def runtime_dir() -> Path:
    """The assembled runtime for the current pins (assembled now if it is not cached)."""
    wheels = locked_wheels()
    digest = inputs_digest(wheels)
    target = CACHE / digest
    if (target / "runtime.json").is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(CACHE / f".{digest}.lock"):
        if (target / "runtime.json").is_file():
            return target
        building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
        try:
            _assemble(building, wheels)
            os.replace(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        _prune(target)
    return target


@contextlib.contextmanager
def _locked(path: Path):
    import fcntl

    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _assemble(out: Path, wheels: dict[str, Wheel]) -> None:
    core = out / "pyodide"
    core.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(pyodide_package()), mode="r:gz") as archive:
        npm_lock = json.loads(archive.extractfile("package/pyodide-lock.json").read())
        for name in pins.CORE_FILES:
            (core / name).write_bytes(archive.extractfile(f"package/{name}").read())
    abi = npm_lock["info"].get("abi_version", "")
    if not pins.PLATFORM_TAG.startswith(f"pyemscripten_{abi}_") or not pins.PYODIDE_VERSION.startswith(pins.PYODIDE_MAJOR + "."):
        raise RuntimeUnavailable(f"pyodide {pins.PYODIDE_VERSION} loads wheels of ABI {abi}, but pins.py says "
                                 f"{pins.PLATFORM_TAG} for major {pins.PYODIDE_MAJOR}: change them together")
    (out / "wheels").mkdir()
    packages = {}
    for wheel in wheels.values():
        data = cached_download(wheel)
        if wheel.name in pins.BUILT_FROM_SDIST:
            file_name, data = pure_wheel_from_sdist(wheel, data)
        else:
            file_name, data = wheel.source_file, trimmed(wheel, data)
        (out / "wheels" / file_name).write_bytes(data)
        packages[wheel.name] = {
            "name": wheel.name, "version": wheel.version, "file_name": f"wheels/{file_name}",
            "install_dir": "site", "sha256": hashlib.sha256(data).hexdigest(), "package_type": "package",
            "imports": _import_names(data), "depends": list(wheel.depends), "unvendored_tests": False,
            "shared_library": False,
        }
    lock = {"info": npm_lock["info"], "packages": packages}
    (out / "lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    manifest = {"pyodide": pins.PYODIDE_VERSION, "python": npm_lock["info"].get("python", ""),
                "platform": pins.PLATFORM_TAG, "stacks": {k: list(v) for k, v in pins.STACKS.items()},
                "checks": {k: list(v) for k, v in pins.CHECKS.items()},
                "download": download_sizes(out, packages)}
    (out / "runtime.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def download_sizes(out: Path, packages: dict[str, dict]) -> dict[str, int]:
    """{framework: bytes}: what a first Run of that framework downloads, Python's core files and the
    framework's wheels with their dependencies, as the files are (run.js says it in megabytes)."""
    core = sum((out / "pyodide" / name).stat().st_size for name in pins.CORE_FILES)
    sizes = {}
    for framework, names in pins.STACKS.items():
        wanted, todo = set(), list(names)
        while todo:
            name = todo.pop()
            if name in packages and name not in wanted:
                wanted.add(name)
                todo += packages[name]["depends"]
        sizes[framework] = core + sum((out / packages[name]["file_name"]).stat().st_size for name in sorted(wanted))
    return sizes


def _prune(keep: Path) -> None:
    built = sorted((p for p in CACHE.iterdir() if p.is_dir() and p.name not in {"downloads"} and not p.name.startswith("building-")),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in built if p != keep][KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def publish(site_assets: Path) -> Path:
    """Copy the assembled runtime to <site>/assets/runtime/py/<digest>/ (hard links where the file
    system allows), and its manifest to py/runtime.json with `root`, that folder's name.

    The folder's name is the digest of the runtime's inputs, so a file's URL never changes its
    content: the service worker (service_worker.js) keeps those files in the browser for good,
    and deletes an older digest's. runtime.json, the one unversioned file, says which is current.
    """
    source = runtime_dir()
    folder = site_assets / "runtime" / "py"
    target = folder / source.name
    manifest = folder / "runtime.json"
    if (target / "runtime.json").is_file() and manifest.is_file() and json.loads(manifest.read_text()).get("root") == source.name:
        return target
    shutil.rmtree(folder, ignore_errors=True)
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copy2(path, dest)
    current = {**json.loads((source / "runtime.json").read_text(encoding="utf-8")), "root": source.name}
    manifest.write_text(json.dumps(current, indent=1), encoding="utf-8")
    return target


def sizes(folder: Path) -> tuple[int, int]:
    """(bytes, gzip -6 bytes) of every file under `folder`: what the runtime adds to the site."""
    import gzip

    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return raw, packed


def newer_pyodide() -> str:
    """One line if the npm registry has a newer pyodide than the pin ("" if not, or if npm cannot say)."""
    npm = shutil.which("npm")
    if npm is None:
        return ""
    result = subprocess.run([npm, "view", "pyodide", "version"], capture_output=True, text=True, timeout=120, check=False)
    newest = result.stdout.strip()
    if result.returncode != 0 or not newest or _version_key(newest) <= _version_key(pins.PYODIDE_VERSION):
        return ""
    major = "" if newest.split(".")[0] == pins.PYODIDE_MAJOR else (
        "; a new major: its wheel platform tag changes too (PLATFORM_TAG), and pydantic-core needs a wheel for it")
    return (f"browser runtime: pyodide {newest} is out (pinned: {pins.PYODIDE_VERSION}): bump PYODIDE_VERSION and "
            f"PYODIDE_INTEGRITY in guide_tools/runtime/pins.py{major}")


def main(argv: list[str] = sys.argv[1:]) -> int:
    if argv == ["--newer"]:  # the weekly newest-releases run (dev.py upgrade-check)
        print(newer_pyodide() or f"browser runtime: pyodide {pins.PYODIDE_VERSION} is the newest")
        return 0
    try:
        folder = runtime_dir()
    except RuntimeUnavailable as problem:
        print(f"browser runtime: {problem}", file=sys.stderr)
        return 1
    raw, packed = sizes(folder)
    print(f"browser runtime: {folder} ({raw / 1e6:.1f} MB, {packed / 1e6:.1f} MB gzipped)")
    for stack, names in pins.STACKS.items():
        lock = json.loads((folder / "lock.json").read_text())["packages"]
        size = sum((folder / lock[n]["file_name"]).stat().st_size for n in names)
        print(f"  {stack}: {len(names)} wheels, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
