"""``make bench``: every figure of issue 7, in one run, printed as a table and written to build/bench/results.json.

    python -m tests.benchmarks.run [--quick] [--strict] [--json PATH]

All figures are ratios of contestants measured in this run, against the same loopback server (``server.py``, in its
own process), medians after a warm-up. ``--quick`` shrinks every count for a smoke run (its figures are noisy);
``--strict`` exits 1 when a figure misses its goal (by default the table reports it and the exit status is 0, so a
busy machine does not fail a build).
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

from . import measure
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


def figures(results: dict[str, Any]) -> list[Figure]:
    sync, async_, large = results["sync_overhead"], results["async_throughput"], results["large_orders"]
    imports, mem, gen = results["import_cost"], results["memory"], results["generation"]
    otel = results["otel"]
    us = sync["median_us"]
    control = sync["control_twin_over_facade"]
    rates = async_["updates_per_s"]
    growth_mib = mem["growth_bytes"] / 2**20
    extra_ms = imports["storefronts_after_httpx_ms"]
    wall = imports["wall_median_ms"]
    check_note = "" if gen["check_exit_code"] == 0 else f" (exit {gen['check_exit_code']}: generated/ stale)"
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
        Figure(
            f"2. async {async_['updates']:,} @ {async_['concurrency']}: facade / raw",
            f"{async_['facade_over_raw']:.2f}",
            ">= 0.90",
            async_["facade_over_raw"] >= 0.90,
            async_["facade_over_raw"],
        ),
        Figure("   updates/s: facade / raw httpx", f"{rates['facade']:.0f} / {rates['raw']:.0f}"),
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
        Figure(
            f"5. RSS growth, {mem['calls']:,} updates",
            f"{growth_mib:.2f} MiB",
            "< 5 MiB",
            growth_mib < 5,
            growth_mib,
        ),
        Figure("6. generate 3 clients", f"{gen['generate_s']:.1f} s", number=gen["generate_s"]),
        Figure("   check-generated", f"{gen['check_s']:.1f} s{check_note}", number=gen["check_s"]),
        Figure(
            "7. otel installed, no SDK / not installed",
            f"{otel['installed_over_not_installed']:.3f} ({otel['added_us']:+.1f} µs per call)",
            "<= 1.02",
            otel["installed_over_not_installed"] <= 1.02,
            otel["installed_over_not_installed"],
        ),
    ]


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
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "results.json", help="where to write the results")
    args = parser.parse_args(argv)
    counts = QUICK if args.quick else Counts()
    started = time.perf_counter()

    def step(label: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {label}", file=sys.stderr, flush=True)

    results: dict[str, Any] = {}
    step("generating the stock openapi-python-client package")
    results["stock_generation_s"] = generate_stock()
    with BenchServer() as server:
        step("1/6 sync per-call overhead")
        results["sync_overhead"] = measure.sync_overhead(
            server.base_url, rounds=counts.sync_rounds, warmup=counts.sync_warmup
        )
        step("2/6 async throughput")
        results["async_throughput"] = measure.async_throughput(
            server.base_url,
            total=counts.async_updates,
            concurrency=counts.async_concurrency,
            repeats=counts.async_repeats,
        )
        step("3/6 large orders")
        results["large_orders"] = measure.large_orders(
            server.base_url, repeats=counts.large_repeats, end_to_end_repeats=counts.large_end_to_end
        )
        step("5/6 memory (fresh interpreter)")
        results["memory"] = memory(server.base_url, counts)
        step("7/7 tracing hooks, otel installed without an SDK (fresh interpreter)")
        results["otel"] = otel_cost(server.base_url, counts)
    step("4/6 import cost (fresh interpreters)")
    results["import_cost"] = import_cost(counts.import_repeats)
    step("6/6 generation")
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
