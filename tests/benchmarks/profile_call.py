"""Where the time of ``Client.update_order`` goes, against the benchmark server.

Two ways to look:

- ``python -m tests.benchmarks.profile_call``: cProfile, the functions with the most own and cumulative time. Exact
  call counts, but the instrumentation inflates small Python functions, so its shares overstate our own code.
- ``make profile``: a sampling profile (py-spy at 1 kHz, nothing added to the calls), summarised by
  ``--summarise``: each function's share of the time inside ``update_order``. The README's shares come from it.

``--large`` profiles the 1,000-line-item response instead of the small one.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import pstats
import re
from pathlib import Path

import storefronts

from .payloads import API_KEY, NOTES, ORDER_ID
from .server import BenchServer

_ENTRY = "Client.update_order (storefronts/_client.py"
_LINE_NUMBER = re.compile(r":\d+\)$")


_OWNERS = (  # whose code a frame runs, by the file in it; the first match wins
    ("storefronts (the facade)", re.compile(r"\(storefronts/|storefronts\._models")),
    ("generated clients", re.compile(r"\(\w+_client/|_client\.\w+>")),
    ("httpx, httpcore, h11", re.compile(r"\((httpx|httpcore|h11)/")),
    ("json", re.compile(r"\(json/")),
)


def _owner(frame: str) -> str:
    return next((owner for owner, pattern in _OWNERS if pattern.search(frame)), "other (stdlib)")


def summarise(collapsed: Path, top: int) -> str:
    """From py-spy's ``--format raw`` (one ``frame;frame;... count`` line per distinct stack): whose code the
    samples inside ``update_order`` were running (the innermost frame, which C calls are counted in), then each
    function's inclusive share."""
    inside = 0
    owners: collections.Counter[str] = collections.Counter()
    shares: collections.Counter[str] = collections.Counter()
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        start = next((i for i, frame in enumerate(frames) if frame.startswith(_ENTRY)), None)
        if start is None:
            continue
        inside += int(count)
        owners[_owner(frames[-1])] += int(count)
        for name in {_LINE_NUMBER.sub(")", frame) for frame in frames[start:]}:  # a function once per stack
            shares[name] += int(count)
    if not inside:
        return f"no samples inside update_order in {collapsed}"
    lines = [f"{inside} samples inside update_order; whose code was running:"]
    lines += [f"{count / inside:7.1%}  {owner}" for owner, count in owners.most_common()]
    lines += ["", "inclusive share of each function:"]
    lines += [f"{count / inside:7.1%}  {name}" for name, count in shares.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.profile_call", description=__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--large", action="store_true", help="profile the 1,000-line-item order")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sample", action="store_true", help="only make the calls: py-spy samples from outside")
    parser.add_argument("--summarise", type=Path, metavar="RAW", help="summarise a py-spy --format raw file")
    args = parser.parse_args()
    if args.summarise:
        print(summarise(args.summarise, args.top))
        return
    order_id = "large" if args.large else ORDER_ID
    calls = max(1, args.calls // 50) if args.large else args.calls
    with BenchServer() as server, storefronts.Client("bitbybit", api_key=API_KEY, base_url=server.base_url) as client:
        for _ in range(200 if not args.large else 5):
            client.update_order(order_id, notes=NOTES)
        if args.sample:
            for _ in range(calls):
                client.update_order(order_id, notes=NOTES)
            return
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            client.update_order(order_id, notes=NOTES)
        profiler.disable()
    for sort in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(sort).print_stats(args.top)
        print(f"== {calls} calls, sorted by {sort} ==")
        print(out.getvalue())


if __name__ == "__main__":
    main()
