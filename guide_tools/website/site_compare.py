"""Compare two built sites file by file, to show that a faster build writes the same site.

    python -m guide_tools.website.site_compare REFERENCE_SITE CANDIDATE_SITE

Prints each file that is missing, extra or different (gzip files are compared decompressed: their
header holds a timestamp) and exits 1 if there is any. Build both on the same day: sitemap.xml
carries the build date.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def content_of(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def differences(reference: Path, candidate: Path) -> list[str]:
    ours, theirs = files_of(reference), files_of(candidate)
    out = [f"missing: {name}" for name in sorted(ours - theirs)]
    out += [f"extra: {name}" for name in sorted(theirs - ours)]
    out += [f"differs: {name}" for name in sorted(ours & theirs) if content_of(reference / name) != content_of(candidate / name)]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(Path(a).is_dir() for a in argv):
        print("usage: python -m guide_tools.website.site_compare REFERENCE_SITE CANDIDATE_SITE (two built site folders)", file=sys.stderr)
        return 2
    reference, candidate = map(Path, argv)
    found = differences(reference, candidate)
    for line in found:
        print(line)
    print(f"{len(files_of(reference))} files in {reference}: " + (f"{len(found)} differences" if found else "the same site"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
