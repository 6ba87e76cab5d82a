"""Charts (SVG) and Markdown tables from the results files, in one command.

    cd snippets && python -m performance.bench.report

Figures are medians over the repeats with their spread (min-max); ratios are to FastAPI
(HTTP) or Pydantic (micro). Labels are identifiers and numbers only, so every language's
page shows the same files.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the repository: snippets/performance/bench -> .
ENDPOINTS = ("hello", "orders", "upstream", "products")
GENERATED = re.compile(r"(rps|latency|memory|headline)-w\w+\.md|micro\.md|environment\.txt|(rps-w\w+|micro)-\w+\.svg")
BAR, WHISKER, TEXT = "#1f5fa8", "#1a1a1a", "#1a1a1a"  # contrast on white: 6.4:1, 17:1


# --8<-- [start:summarise]
def summarise(results: dict) -> dict[tuple[int, str, str], dict]:
    """(workers, target, endpoint) -> medians and spreads over the repeats."""
    table = {}
    for run in results["runs"]:
        repeats = run["repeats"]
        if wrong := sum(r["non_2xx_3xx"] for r in repeats):  # wrk counts them as requests served
            raise ValueError(f"{run['target']} /{run['endpoint']} with {run['workers']} worker(s) gave {wrong} answers "
                             "that were not 2xx or 3xx under load: fix the app and run the benchmark again")
        rps = [r["rps"] for r in repeats]
        rss = [kb["VmRSS"] for kb in repeats[-1]["memory_kb"].values()]
        table[(run["workers"], run["target"], run["endpoint"])] = {
            "rps": statistics.median(rps), "min": min(rps), "max": max(rps),
            "p50": statistics.median(r["p50_ms"] for r in repeats),
            "p99": statistics.median(r["p99_ms"] for r in repeats),
            "errors": sum(r["socket_errors"] for r in repeats),  # connect, read, write errors and timeouts
            "rss_mib": statistics.median(rss) / 1024,
            "workers_seen": len(rss),
        }
    return table
# --8<-- [end:summarise]


def tag(results: dict, workers: int) -> str:
    """File-name part for a worker count: w1, wcores (one per core of the measuring machine), else wN.
    The page includes fixed names, so a run on a machine with more cores regenerates the same files."""
    if workers != 1 and workers == results.get("machine", {}).get("cores"):
        return "wcores"
    return f"w{workers}"


def ratio(value: float, reference: float | None) -> str:
    return f"{value / reference:.2f}×" if reference else "–"


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def http_tables(results: dict) -> dict[str, str]:
    """One requests/s table, one latency table and one memory table per worker count."""
    data = summarise(results)
    out = {}
    for workers in sorted({w for w, _, _ in data}):
        targets = list(dict.fromkeys(t for w, t, _ in data if w == workers))
        endpoints = [e for e in ENDPOINTS if any((workers, t, e) in data for t in targets)]
        head = [row(["", *(f"`/{e}`" for e in endpoints)]), row(["---", *("---:" for _ in endpoints)])]
        rps, latency = list(head), list(head)
        for target in targets:
            cells, lat = [f"`{target}`"], [f"`{target}`"]
            for endpoint in endpoints:
                cell = data.get((workers, target, endpoint))
                if cell is None:
                    cells.append("–")
                    lat.append("–")
                    continue
                reference = data.get((workers, "fastapi", endpoint), {}).get("rps")
                cells.append(f"{cell['rps']:.0f} ({cell['min']:.0f}–{cell['max']:.0f}) · {ratio(cell['rps'], reference)}")
                lat.append(f"{cell['p50']:.1f} / {cell['p99']:.1f} ms")
            rps.append(row(cells))
            latency.append(row(lat))
        memory = [row(["", "MiB", "n", "errors"]), row(["---", "---:", "---:", "---:"])]
        for target in targets:
            cells = [data[(workers, target, e)] for e in endpoints if (workers, target, e) in data]
            memory.append(row([f"`{target}`", f"{max(c['rss_mib'] for c in cells):.1f}",
                               str(cells[-1]["workers_seen"]), str(sum(c["errors"] for c in cells))]))
        out[f"rps-{tag(results, workers)}.md"] = "\n".join(rps) + "\n"
        out[f"latency-{tag(results, workers)}.md"] = "\n".join(latency) + "\n"
        out[f"memory-{tag(results, workers)}.md"] = "\n".join(memory) + "\n"
    return out


# --8<-- [start:speedup]
FAMILIES = {"drf": ("drf-sync", "drf-gthread"), "flask": ("flask-sync", "flask-gthread"),
            "django": ("django-sync", "django-gthread", "django-async")}


def best(data: dict, workers: int, family: str, endpoint: str) -> tuple[str, dict] | None:
    """The family's fastest server setup for this endpoint: each framework at its best."""
    cells = [(t, data[(workers, t, endpoint)]) for t in FAMILIES[family] if (workers, t, endpoint) in data]
    return max(cells, key=lambda tc: tc[1]["rps"]) if cells else None


def speedup(fastapi: dict, other: dict) -> tuple[float, float, float]:
    """FastAPI's req/s over the other's: median ratio, and the widest range the repeats allow."""
    return fastapi["rps"] / other["rps"], fastapi["min"] / other["max"], fastapi["max"] / other["min"]
# --8<-- [end:speedup]


def headline_tables(results: dict) -> dict[str, str]:
    """Per worker count: FastAPI's req/s, then how many times that is of each framework at its best."""
    data = summarise(results)
    out = {}
    for workers in sorted({w for w, _, _ in data}):
        lines = [row(["", "`fastapi` req/s", *(f"÷ `{f}`" for f in FAMILIES)]),
                 row(["---", "---:", *("---:" for _ in FAMILIES)])]
        for endpoint in ENDPOINTS:
            fastapi = data.get((workers, "fastapi", endpoint))
            if fastapi is None:
                continue
            cells = [f"`/{endpoint}`", f"{fastapi['rps']:.0f}"]
            for family in FAMILIES:
                found = best(data, workers, family, endpoint)
                if found is None:
                    cells.append("–")
                    continue
                mid, lo, hi = speedup(fastapi, found[1])
                cells.append(f"{mid:.2f}× ({lo:.2f}–{hi:.2f}) `{found[0]}`")
            lines.append(row(cells))
        out[f"headline-{tag(results, workers)}.md"] = "\n".join(lines) + "\n"
    return out


# How each page's language writes a figure in the claims table; a language not listed writes it as
# English does (Korean does: ko-style.md keeps the decimal point and the SI units).
UNITS = {
    "en": {"rps": "req/s", "ms": "ms", "MiB": "MiB"},
    "ru": {"rps": "запросов/с", "ms": "мс", "MiB": "МиБ"},
}


def figure(value: float, digits: int, lang: str = "en") -> str:
    """`value` with `digits` decimals, as the page's language writes numbers: Russian has a decimal
    comma and splits five digits or more into thousands with a non-breaking space (ru-style.md §4)."""
    text = f"{value:.{digits}f}"
    if lang != "ru":
        return text
    whole, _, fraction = text.partition(".")
    if len(whole.lstrip("-")) > 4:
        whole = f"{int(whole):,}".replace(",", "\u00a0")
    return whole + ("," + fraction if fraction else "")


def claims(results: dict, micro: dict, lang: str = "en") -> dict[str, str]:
    """The measured values set against the performance note's figures, one per claim: FastAPI against
    DRF at its best, with one worker and with one worker per core; memory and latency with one worker.
    Written as `lang`'s page writes numbers and units."""
    units = UNITS.get(lang, UNITS["en"])

    def f(value: float, digits: int) -> str:
        return figure(value, digits, lang)

    data = summarise(results)
    counts = sorted({w for w, _, _ in data})
    by = {(r["library"], r["operation"]): r for r in micro["results"]}
    out = {}
    for workers, suffix in ((counts[0], ""), (counts[-1], "-cores")):
        for endpoint in ("hello", "products"):
            fastapi, drf = data[(workers, "fastapi", endpoint)], best(data, workers, "drf", endpoint)[1]
            out[endpoint + suffix] = (f"{f(fastapi['rps'], 0)} / {f(drf['rps'], 0)} {units['rps']} = "
                                      f"{f(speedup(fastapi, drf)[0], 2)}×")
    one = counts[0]
    rss = {t: max(c["rss_mib"] for (w, tt, _), c in data.items() if (w, tt) == (one, t)) for t in ("fastapi", "drf-sync")}
    drf_dump, pydantic_dump = by[("drf", "dump")]["median"], by[("pydantic", "dump")]["median"]
    out["dump"] = f"{f(drf_dump * 1000, 1)} / {f(pydantic_dump * 1000, 1)} {units['ms']} = {f(drf_dump / pydantic_dump, 2)}×"
    out["memory"] = f"{f(rss['fastapi'], 1)} / {f(rss['drf-sync'], 1)} {units['MiB']}"
    hello = {t: data[(one, t, "hello")] for t in ("fastapi", "drf-sync")}
    out["latency"] = f"{f(hello['fastapi']['p50'], 1)} / {f(hello['drf-sync']['p50'], 1)} {units['ms']}"
    return out


def environment(results: dict, micro: dict | None) -> str:
    """Where, when and how the figures were measured, as a plain-text block (same in every language)."""
    m, s = results["machine"], results["settings"]
    packages = ", ".join(f"{name} {version}" for name, version in m["packages"].items() if version)
    missing = ", ".join(name for name, version in m["packages"].items() if not version)
    lines = [
        f"date        {results['date']}  ({results['seconds'] / 60:.0f} min)",
        f"machine     {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}, load average at start "
        + " ".join(f"{x:.2f}" for x in m["load_average"]),
        f"python      {m['python']}",
        f"packages    {packages}",
        *([f"not present {missing}"] if missing else []),
        f"database    {m['postgres']}",
        f"load        {m['wrk']}",
        f"settings    {s['duration']} s x {s['repeats']} runs after {s['warmup']} s warm-up, "
        f"{s['connections']} connections, {s['wrk_threads']} wrk threads, workers "
        + " and ".join(str(w) for w in s["worker_counts"]) + f", gthread threads {s['gthread_threads']}",
        f"command     {results['command']}",
    ]
    if micro:
        lines.append(f"micro       {micro['objects']} objects, {micro['repeats']} runs, {micro['date']}")
    return "\n".join(lines) + "\n"


def micro_table(micro: dict) -> str:
    by = {(r["library"], r["operation"]): r for r in micro["results"]}
    lines = [row(["", "`validate`", "`dump`"]), row(["---", "---:", "---:"])]
    for library in dict.fromkeys(lib for lib, _ in by):
        cells = [f"`{library}`"]
        for operation in ("validate", "dump"):
            r, reference = by[(library, operation)], by[("pydantic", operation)]["median"]
            cells.append(f"{r['median'] * 1000:.1f} ms ({r['min'] * 1000:.1f}–{r['max'] * 1000:.1f}) · "
                         f"{r['median'] / reference:.2f}×")
        lines.append(row(cells))
    return "\n".join(lines) + "\n"


def bar_chart(title: str, unit: str, bars: list[tuple[str, float, float, float]]) -> str:
    """A horizontal bar chart: (label, median, min, max) per bar, whiskers for the spread."""
    width, left, right, top, step = 720, 170, 150, 40, 34
    height = top + step * len(bars) + 16
    scale = (width - left - right) / max(hi for _, _, _, hi in bars)
    digits = 0 if unit == "req/s" else 1
    desc = "; ".join(f"{label}: {mid:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})" for label, mid, lo, hi in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="title desc" font-family="system-ui, sans-serif" font-size="14">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="24" fill="{TEXT}" font-weight="bold">{escape(title)}</text>',
    ]
    for n, (label, mid, lo, hi) in enumerate(bars):
        y = top + n * step
        parts += [
            f'<text x="{left - 8}" y="{y + 17}" fill="{TEXT}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{left}" y="{y + 4}" width="{mid * scale:.1f}" height="18" fill="{BAR}"/>',
            f'<line x1="{left + lo * scale:.1f}" x2="{left + hi * scale:.1f}" y1="{y + 13}" y2="{y + 13}" '
            f'stroke="{WHISKER}" stroke-width="2"/>',
            f'<text x="{left + hi * scale + 8:.1f}" y="{y + 17}" fill="{TEXT}">{mid:.{digits}f} {escape(unit)}</text>',
        ]
    parts += [f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - 12}" stroke="{TEXT}"/>', "</svg>"]
    return "\n".join(parts) + "\n"


def charts(results: dict | None, micro: dict | None) -> dict[str, str]:
    out = {}
    data = summarise(results) if results else {}
    for workers, endpoint in sorted({(w, e) for w, _, e in data}):
        bars = [(t, c["rps"], c["min"], c["max"]) for (w, t, e), c in data.items() if (w, e) == (workers, endpoint)]
        title = f"GET /{endpoint} · req/s · workers={workers}"
        out[f"rps-{tag(results, workers)}-{endpoint}.svg"] = bar_chart(title, "req/s", bars)
    for operation in ("validate", "dump") if micro else ():
        bars = [(r["library"], r["median"] * 1000, r["min"] * 1000, r["max"] * 1000)
                for r in micro["results"] if r["operation"] == operation]
        out[f"micro-{operation}.svg"] = bar_chart(f"{operation} · {micro['objects']} objects · ms", "ms", bars)
    return out


def generate(results_file: Path | None, micro_file: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """(tables by file name, charts by file name) from the results files that exist."""
    results = json.loads(results_file.read_text()) if results_file and results_file.is_file() else None
    micro = json.loads(micro_file.read_text()) if micro_file and micro_file.is_file() else None
    tables = {**http_tables(results), **headline_tables(results)} if results else {}
    if micro:
        tables["micro.md"] = micro_table(micro)
    if results and "machine" in results:  # a real run (test fixtures may leave the machine out)
        tables["environment.txt"] = environment(results, micro)
    return tables, charts(results, micro)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m performance.bench.report", description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    parser.add_argument("--micro", type=Path, default=HERE / "micro.json")
    parser.add_argument("--tables", type=Path, default=HERE / "out")
    parser.add_argument("--charts", type=Path, default=ROOT / "docs" / "assets" / "images" / "bench")
    options = parser.parse_args(argv)
    try:
        tables, svgs = generate(options.results, options.micro)
    except ValueError as error:
        parser.error(f"{options.results}: {error}")
    if not tables and not svgs:
        parser.error(f"no results: run the harness and micro-benchmarks first ({options.results}, {options.micro})")
    for folder, files in ((options.tables, tables), (options.charts, svgs)):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):  # a previous run's files that this one does not produce
            if GENERATED.fullmatch(old.name) and old.name not in files:
                old.unlink()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
            print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
