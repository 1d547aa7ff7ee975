"""``make bench``: every figure of issue 7, in one run, printed as a table and written to build/bench/results.json.

    python -m tests.benchmarks.run [--quick] [--strict] [--only SECTION,...] [--json PATH]

All figures are ratios of contestants measured in this run, against the same loopback server (``server.py``, in its
own process), medians after a warm-up. ``--quick`` shrinks every count for a smoke run (its figures are noisy);
``--strict`` exits 1 when a figure misses its goal (by default the table reports it and the exit status is 0, so a
busy machine does not fail a build). ``--only shops,aiohttp`` (``make bench BENCH_ONLY=shops,aiohttp``) runs only
those sections (see ``SECTIONS``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from . import bulk, measure
from .server import BenchServer

REPO_ROOT = measure.REPO_ROOT
BENCH_DIR = REPO_ROOT / "build" / "bench"
VENV_BIN = Path(sys.executable).parent
VENDOR_PACKAGES = (
    "storefronts_generated.bitbybit",
    "storefronts_generated.salesive",
    "storefronts_generated.launchmystore",
)


CONTROL_TOLERANCE = 0.02
"""Two identical facade clients must measure within this of each other, or the run's sync ratios are not to be
trusted (the method's own error is larger than the effects it reports)."""


@dataclass
class Figure:
    name: str
    value: str
    goal: str = ""
    passed: bool | None = None  # None: reported, no goal
    number: float | None = None

    @property
    def verdict(self) -> str:
        return "info" if self.passed is None else ("PASS" if self.passed else "FAIL")


@dataclass(frozen=True)
class Counts:
    sync_rounds: int = 3_000
    sync_warmup: int = 300
    async_updates: int = 5_000
    async_concurrency: int = 32
    async_repeats: int = 2
    large_repeats: int = 60
    large_end_to_end: int = 30
    import_repeats: int = 15
    memory_calls: int = 20_000
    memory_warmup: int = 500
    otel_rounds: int = 40
    bulk_updates: int = 10_000
    bulk_concurrency: int = 32
    bulk_repeats: int = 2
    limiter_calls: int = 2_000
    shops: int = 10_000
    aio_updates: int = 10_000
    aio_repeats: int = 2


QUICK = Counts(
    sync_rounds=300,
    sync_warmup=50,
    async_updates=500,
    async_repeats=1,
    large_repeats=10,
    large_end_to_end=5,
    import_repeats=3,
    memory_calls=2_000,
    memory_warmup=100,
    otel_rounds=6,
    bulk_updates=1_000,
    bulk_repeats=1,
    limiter_calls=200,
    shops=1_000,
    aio_updates=1_000,
    aio_repeats=1,
)


def _env() -> dict[str, str]:
    """The environment for child interpreters: this venv's tools first, bytecode cached out of the source tree."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc; measure imports as users see them
    env["PYTHONPYCACHEPREFIX"] = str(BENCH_DIR / "pycache")
    return env


def _run(args: list[str], *, check: bool = True) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    result = subprocess.run(args, cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return elapsed, result


# -- 0. the stock client ---------------------------------------------------------------------------------------


def generate_stock() -> float:
    """The stock openapi-python-client output for bitbybit: stock templates, stock config, no transforms."""
    out = measure.STOCK_DIR / measure.STOCK_PACKAGE
    out.parent.mkdir(parents=True, exist_ok=True)
    seconds, _ = _run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            "specs/bitbybit.yaml",
            "--meta",
            "none",
            "--output-path",
            str(out.relative_to(REPO_ROOT)),
            "--overwrite",
        ]
    )
    return seconds


# -- 4. import cost --------------------------------------------------------------------------------------------

_LAZY_PROBE = f"""
import json, sys
import storefronts
after_import = [m for m in {VENDOR_PACKAGES!r} if m in sys.modules]
storefronts.Client("bitbybit", api_key="k", base_url="http://127.0.0.1:9")
after_client = [m for m in {VENDOR_PACKAGES!r} if m in sys.modules]
print(json.dumps({{"after_import": after_import, "after_bitbybit_client": after_client}}))
"""


_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def _importtime(code: str) -> list[tuple[str, int, int, int]]:
    """``-X importtime`` rows of one fresh interpreter: (module, self µs, cumulative µs, depth), in print order
    (a module's line comes after its children's)."""
    _, result = _run([sys.executable, "-X", "importtime", "-c", code])
    rows = []
    for line in result.stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match:
            rows.append((match[4], int(match[1]), int(match[2]), len(match[3]) // 2))
    return rows


def import_cost(repeats: int) -> dict[str, Any]:
    """What ``import storefronts`` adds to ``import httpx``, two ways, each the median of ``repeats`` fresh
    interpreters: ``-X importtime``'s cumulative time of ``storefronts`` imported right after httpx (exactly the
    modules storefronts adds; the goal's figure), and the wall time of whole processes (startup included)."""
    programs = {"python": "pass", "httpx": "import httpx", "storefronts": "import storefronts"}
    for code in programs.values():  # compile and cache the bytecode first
        _run([sys.executable, "-c", code])
    seconds: dict[str, list[float]] = {name: [] for name in programs}
    added_us: list[int] = []
    httpx_us: list[int] = []
    subtree: list[tuple[str, int, int, int]] = []
    for _ in range(repeats):
        for name, code in programs.items():
            elapsed, _ = _run([sys.executable, "-c", code])
            seconds[name].append(elapsed)
        rows = _importtime("import httpx; import storefronts")
        top = {module: cumulative for module, _, cumulative, depth in rows if depth == 0}
        added_us.append(top["storefronts"])
        httpx_us.append(top["httpx"])
        names = [row[0] for row in rows]
        subtree = rows[names.index("httpx") + 1 : names.index("storefronts") + 1]
    medians_ms = {name: statistics.median(values) * 1000 for name, values in seconds.items()}
    _, probe = _run([sys.executable, "-c", _LAZY_PROBE])
    lazy = json.loads(probe.stdout)
    heaviest = sorted(subtree, key=lambda row: row[2], reverse=True)[:12]
    return {
        "method": f"median of {repeats} fresh interpreters; bytecode cached (PYTHONPYCACHEPREFIX)",
        "storefronts_after_httpx_ms": statistics.median(added_us) / 1000,
        "httpx_importtime_ms": statistics.median(httpx_us) / 1000,
        "wall_median_ms": medians_ms,
        "wall_storefronts_minus_httpx_ms": medians_ms["storefronts"] - medians_ms["httpx"],
        "vendor_modules": lazy,
        "lazy": lazy["after_import"] == [] and lazy["after_bitbybit_client"] == ["storefronts_generated.bitbybit"],
        "heaviest_added_modules_cumulative_ms": {module: cumulative / 1000 for module, _, cumulative, _ in heaviest},
    }


# -- 5. memory -------------------------------------------------------------------------------------------------


def memory(base_url: str, counts: Counts) -> dict[str, Any]:
    _, result = _run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.memory",
            base_url,
            "--calls",
            str(counts.memory_calls),
            "--warmup",
            str(counts.memory_warmup),
        ]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# -- 7. tracing ------------------------------------------------------------------------------------------------


def otel_cost(base_url: str, counts: Counts) -> dict[str, Any]:
    _, result = _run(
        [sys.executable, "-m", "tests.benchmarks.otel_cost", base_url, "--rounds", str(counts.otel_rounds)]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# -- 8. shop clients, 9. async on aiohttp ----------------------------------------------------------------------


def shops(base_url: str, counts: Counts) -> dict[str, Any]:
    _, result = _run([sys.executable, "-m", "tests.benchmarks.shops", base_url, "--shops", str(counts.shops)])
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def aiohttp_throughput(base_url: str, counts: Counts) -> dict[str, Any]:
    _, result = _run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.aio",
            base_url,
            "--updates",
            str(counts.aio_updates),
            "--repeats",
            str(counts.aio_repeats),
            "--concurrency",
            *(str(concurrency) for concurrency in AIO_CONCURRENCY),
        ]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


AIO_CONCURRENCY = (32, 256)
AIO_CONTESTANTS = ("ours_aiohttp", "ours_default", "raw_httpx_aiohttp", "raw_aiohttp")  # tests/benchmarks/aio.py
COPY_BUILD_GOAL_MS = 0.05
SHOPS_RSS_GOAL_MIB = 20
AIO_OVER_DEFAULT_GOAL = 5.0
AIO_OVER_RAW_GOAL = 0.85


# -- 6. generation ---------------------------------------------------------------------------------------------


def generation() -> dict[str, Any]:
    generate_s, _ = _run([sys.executable, "-m", "generator", "--out", "build/bench/gen"])
    check_s, checked = _run([sys.executable, "-m", "generator", "--check"], check=False)
    return {
        "generate_s": generate_s,
        "generate_command": "python -m generator --out build/bench/gen",
        "check_s": check_s,
        "check_command": "python -m generator --check",
        "check_exit_code": checked.returncode,
        "check_output": (checked.stdout + checked.stderr).strip().splitlines()[:5],
    }


# -- the table -------------------------------------------------------------------------------------------------


def _sync_rows(sync: dict[str, Any]) -> list[Figure]:
    us = sync["median_us"]
    control = sync["control_twin_over_facade"]
    return [
        Figure(
            "1. sync per call: facade / raw httpx",
            f"{sync['facade_over_raw']:.2f}",
            "<= 1.10",
            sync["facade_over_raw"] <= 1.10,
            sync["facade_over_raw"],
        ),
        Figure(
            "   control: twin facade client / facade",
            f"{control:.3f}",
            "1 ± 0.02",
            abs(control - 1) <= CONTROL_TOLERANCE,
            control,
        ),
        Figure(
            "   per call, µs: facade / raw httpx / stock",
            f"{us['facade']:.0f} / {us['raw']:.0f} / {us['stock']:.0f}",
        ),
        Figure("   stock client / raw httpx", f"{sync['stock_over_raw']:.2f}", number=sync["stock_over_raw"]),
        Figure(
            "   facade, Order mapping stubbed / raw httpx",
            f"{sync['unmapped_over_raw']:.2f} (mapping: {sync['mapping_us']:.0f} µs)",
            number=sync["unmapped_over_raw"],
        ),
        Figure(
            "   raw httpx + hand-written Order / raw httpx",
            f"{sync['hand_mapped_over_raw']:.2f} (facade / it: {sync['facade_over_hand_mapped']:.2f})",
            number=sync["hand_mapped_over_raw"],
        ),
        Figure(
            "   raw httpx keeping no cookies / raw httpx",
            f"{sync['cookieless_over_raw']:.2f} (facade / it: {sync['facade_over_cookieless']:.2f})",
            number=sync["cookieless_over_raw"],
        ),
    ]


def _async_rows(async_: dict[str, Any]) -> list[Figure]:
    rates = async_["updates_per_s"]
    return [
        Figure(
            f"2. async {async_['updates']:,} @ {async_['concurrency']}: facade / raw",
            f"{async_['facade_over_raw']:.2f}",
            ">= 0.90",
            async_["facade_over_raw"] >= 0.90,
            async_["facade_over_raw"],
        ),
        Figure("   updates/s: facade / raw httpx", f"{rates['facade']:.0f} / {rates['raw']:.0f}"),
    ]


def _large_rows(large: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            f"3. {large['line_items']:,}-item order: parse / json.loads",
            f"{large['facade_over_json_loads']:.1f}",
            number=large["facade_over_json_loads"],
        ),
        Figure(
            "   µs per line item: total / over json.loads",
            f"{large['us_per_line_item']:.1f} / {large['extra_us_per_line_item']:.1f}",
            number=large["us_per_line_item"],
        ),
        Figure(
            "   end to end: facade / raw httpx",
            f"{large['end_to_end']['facade_over_raw']:.2f}",
            number=large["end_to_end"]["facade_over_raw"],
        ),
    ]


def _import_rows(imports: dict[str, Any]) -> list[Figure]:
    extra_ms = imports["storefronts_after_httpx_ms"]
    wall = imports["wall_median_ms"]
    return [
        Figure("4. import storefronts after httpx", f"+{extra_ms:.1f} ms", "<= +30 ms", extra_ms <= 30, extra_ms),
        Figure(
            "   wall, ms: python / +httpx / +storefronts",
            f"{wall['python']:.0f} / {wall['httpx']:.0f} / {wall['storefronts']:.0f}",
            number=imports["wall_storefronts_minus_httpx_ms"],
        ),
        Figure(
            "   vendor packages load lazily",
            "yes" if imports["lazy"] else f"no: {imports['vendor_modules']}",
            "yes",
            bool(imports["lazy"]),
        ),
    ]


def _memory_rows(mem: dict[str, Any]) -> list[Figure]:
    growth_mib = mem["growth_bytes"] / 2**20
    return [
        Figure(
            f"5. RSS growth, {mem['calls']:,} updates",
            f"{growth_mib:.2f} MiB",
            "< 5 MiB",
            growth_mib < 5,
            growth_mib,
        ),
    ]


def _generation_rows(gen: dict[str, Any]) -> list[Figure]:
    check_note = "" if gen["check_exit_code"] == 0 else f" (exit {gen['check_exit_code']}: generated/ stale)"
    return [
        Figure("6. generate 3 clients", f"{gen['generate_s']:.1f} s", number=gen["generate_s"]),
        Figure("   check-generated", f"{gen['check_s']:.1f} s{check_note}", number=gen["check_s"]),
    ]


def _otel_rows(otel: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            "7. otel installed, no SDK / not installed",
            f"{otel['installed_over_not_installed']:.3f} ({otel['added_us']:+.1f} µs per call)",
            "<= 1.02",
            otel["installed_over_not_installed"] <= 1.02,
            otel["installed_over_not_installed"],
        ),
    ]


def _shops_rows(shop: dict[str, Any]) -> list[Figure]:
    build_ms = shop["copy_build_ms"]
    rss_mib = shop["rss_growth_bytes"] / 2**20
    sockets, bound = shop["sockets_opened"], shop["keepalive_limit"]
    return [
        Figure(
            "8. shop client: with_options(api_key=...)",
            f"{build_ms:.3f} ms",
            f"<= {COPY_BUILD_GOAL_MS} ms",
            build_ms <= COPY_BUILD_GOAL_MS,
            build_ms,
        ),
        Figure(
            f"   RSS growth, {shop['shops']:,} shop clients",
            f"{rss_mib:.1f} MiB",
            f"<= {SHOPS_RSS_GOAL_MIB} MiB",
            rss_mib <= SHOPS_RSS_GOAL_MIB,
            rss_mib,
        ),
        Figure(
            f"   sockets for {shop['calls']:,} calls over them, {shop['threads']} threads",
            str(sockets),
            f"<= {bound} (kept alive)",
            sockets <= bound,
            sockets,
        ),
    ]


def _aiohttp_rows(aio: dict[str, Any]) -> list[Figure]:
    rows = []
    for concurrency, run in aio["by_concurrency"].items():
        rates, cpu, failed = run["updates_per_s"], run["cpu_us_per_update"], run["failed"]
        over_default = rates["ours_aiohttp"] / rates["ours_default"]
        over_raw = rates["ours_aiohttp"] / rates["raw_httpx_aiohttp"]
        first = concurrency == str(AIO_CONCURRENCY[0])
        rows += [
            Figure(
                f"{'9.' if first else '  '} async @ {concurrency}: ours on aiohttp / ours",
                f"{over_default:.1f}",
                f">= {AIO_OVER_DEFAULT_GOAL:g}" if first else "",
                over_default >= AIO_OVER_DEFAULT_GOAL if first else None,
                over_default,
            ),
            Figure(
                f"   @ {concurrency}: ours on aiohttp / raw httpx on aiohttp",
                f"{over_raw:.2f}",
                f">= {AIO_OVER_RAW_GOAL}" if first else "",
                over_raw >= AIO_OVER_RAW_GOAL if first else None,
                over_raw,
            ),
            Figure(
                f"   @ {concurrency} updates/s: ours aiohttp / ours / raw httpx-aiohttp / raw aiohttp",
                " / ".join(f"{rates[kind]:.0f}" for kind in AIO_CONTESTANTS),
            ),
            Figure(
                f"   @ {concurrency} CPU µs per update, same order",
                " / ".join(f"{cpu[kind]:.0f}" for kind in AIO_CONTESTANTS),
            ),
        ]
        if not first:
            total = run["updates"] * run["repeats"]
            ok = total - failed["ours_aiohttp"]
            rows.append(
                Figure(
                    f"   @ {concurrency}: ours on aiohttp, updates that succeeded",
                    f"{ok:,} of {total:,} (ours on httpx's pool: {total - failed['ours_default']:,})",
                    "all",
                    ok == total,
                    ok,
                )
            )
    return rows


BULK_GOAL = 0.95


def _bulk_rows(measured: dict[str, Any]) -> list[Figure]:
    """update_orders against a hand-written loop at the same concurrency; the limiter's cost."""
    throughput, limiter = measured["throughput"], measured["limiter"]
    rows = []
    for mode in ("sync", "async"):
        figures_of = throughput[mode]
        ratio = figures_of["ours_over_hand_written"]
        rates = figures_of["updates_per_s"]
        number = "10." if mode == "sync" else "   "
        rows.append(
            Figure(
                f"{number} {mode} {throughput['updates']:,} @ {throughput['concurrency']}: update_orders / hand loop",
                f"{ratio:.2f} ({rates['update_orders']:.0f} / {rates['hand_written']:.0f} per s)",
                f">= {BULK_GOAL}",
                ratio >= BULK_GOAL,
                ratio,
            )
        )
        cpu = figures_of.get("cpu_us_per_update")
        if cpu is not None:
            rows.append(
                Figure(
                    f"    {mode} CPU µs per update: update_orders / hand loop",
                    f"{cpu['update_orders']:.0f} / {cpu['hand_written']:.0f}",
                )
            )
    for name, figure in limiter.items():
        if figure is None:
            rows.append(Figure(f"   limiter per attempt, {name}", "skipped: no redis-server (make redis-server)"))
        else:
            rows.append(
                Figure(
                    f"   limiter per attempt, {name}",
                    f"{figure['us_per_attempt']:.0f} µs",
                    number=figure["us_per_attempt"],
                )
            )
    return rows


def _limiter_figures(calls: int) -> dict[str, Any]:
    from tests.bulk.redis_server import RedisServer, redis_server_binary

    figures: dict[str, Any] = {"memory": bulk.limiter_overhead("memory://", calls=calls)}
    if redis_server_binary() is None:
        figures["Redis"] = None
    else:
        with RedisServer() as redis_server:
            figures["Redis"] = bulk.limiter_overhead(redis_server.url, calls=calls)
    return figures


# each section of the run: what it measures (a key of the results) and the rows it prints
SECTIONS = {
    "sync": ("sync_overhead", _sync_rows),
    "async": ("async_throughput", _async_rows),
    "large": ("large_orders", _large_rows),
    "imports": ("import_cost", _import_rows),
    "memory": ("memory", _memory_rows),
    "generation": ("generation", _generation_rows),
    "otel": ("otel", _otel_rows),
    "shops": ("shops", _shops_rows),
    "aiohttp": ("aiohttp", _aiohttp_rows),
    "bulk": ("bulk", _bulk_rows),
}


def figures(results: dict[str, Any]) -> list[Figure]:
    return [row for key, rows in SECTIONS.values() if key in results for row in rows(results[key])]


def render(rows: list[Figure]) -> str:
    header = ("figure", "value", "goal", "result")
    table = [header, *((row.name, row.value, row.goal, row.verdict) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(header), separator, *(line(cells) for cells in table[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run, not figures to publish")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a figure misses its goal")
    parser.add_argument(
        "--only", default="", help=f"comma-separated sections to run (default: all): {','.join(SECTIONS)}"
    )
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results.json", help="where to write the results")
    args = parser.parse_args(argv)
    counts = QUICK if args.quick else Counts()
    started = time.perf_counter()

    def step(label: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {label}", file=sys.stderr, flush=True)

    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"--only: unknown section(s) {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}")
    results: dict[str, Any] = {}
    if "sync" in only:
        step("generating the stock openapi-python-client package")
        results["stock_generation_s"] = generate_stock()
    with BenchServer() as server:
        if "sync" in only:
            step("1 sync per-call overhead")
            results["sync_overhead"] = measure.sync_overhead(
                server.base_url, rounds=counts.sync_rounds, warmup=counts.sync_warmup
            )
        if "async" in only:
            step("2 async throughput")
            results["async_throughput"] = measure.async_throughput(
                server.base_url,
                total=counts.async_updates,
                concurrency=counts.async_concurrency,
                repeats=counts.async_repeats,
            )
        if "large" in only:
            step("3 large orders")
            results["large_orders"] = measure.large_orders(
                server.base_url, repeats=counts.large_repeats, end_to_end_repeats=counts.large_end_to_end
            )
        if "memory" in only:
            step("5 memory (fresh interpreter)")
            results["memory"] = memory(server.base_url, counts)
        if "otel" in only:
            step("7 tracing hooks, otel installed without an SDK (fresh interpreter)")
            results["otel"] = otel_cost(server.base_url, counts)
        if "shops" in only:
            step("8 shop clients (fresh interpreter)")
            results["shops"] = shops(server.base_url, counts)
        if "aiohttp" in only:
            step("9 async on aiohttp's pool, four contestants (fresh interpreter)")
            results["aiohttp"] = aiohttp_throughput(server.base_url, counts)
        if "bulk" in only:
            step("10 update_orders and the rate limiter")
            results["bulk"] = {
                "throughput": bulk.bulk_throughput(
                    server.base_url,
                    total=counts.bulk_updates,
                    concurrency=counts.bulk_concurrency,
                    repeats=counts.bulk_repeats,
                ),
                "limiter": _limiter_figures(counts.limiter_calls),
            }
    if "imports" in only:
        step("4 import cost (fresh interpreters)")
        results["import_cost"] = import_cost(counts.import_repeats)
    if "generation" in only:
        step("6 generation")
        results["generation"] = generation()
    elapsed = time.perf_counter() - started
    step("done")

    rows = figures(results)
    print(render(rows))
    print(f"\n`make bench` ({'quick' if args.quick else 'full'} run) in {elapsed:.0f} s; results in {args.json}")
    document = {
        "command": "make bench (python -m tests.benchmarks.run" + (" --quick)" if args.quick else ")"),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "elapsed_s": elapsed,
        "machine": {
            "python": platform.python_version(),
            "httpx": httpx.__version__,
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "counts": asdict(counts),
        "figures": [{**asdict(row), "result": row.verdict} for row in rows],
        "table": render(rows),
        "details": results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2, default=str) + "\n")
    failed = [row.name.strip() for row in rows if row.passed is False]
    if failed:
        print(f"missed goals: {'; '.join(failed)}", file=sys.stderr)
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
