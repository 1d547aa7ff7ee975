"""The one-line reports printed at the end of a test session (``faults: ...``, ``contract: <vendor>: ...``).

A suite adds its counts with :func:`add`, in whichever process runs its tests. Under pytest-xdist every worker
holds only its share, so each hands its counts to the controller (``tests/conftest.py``: ``workeroutput``), which
sums them and prints each line once with the totals. The lines are worded here, not in the suites' own
conftest files: the controller of a parallel run collects nothing, so it never loads those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import pytest

Counts = dict[str, dict[str, int]]  # report name -> counter name -> count

_COUNTS = pytest.StashKey[Counts]()


def add(config: pytest.Config, report: str, counts: Mapping[str, int]) -> None:
    """Add ``counts`` to the report named ``report`` (a key of ``REPORTS``) of this process."""
    merge(config, {report: dict(counts)})


def merge(config: pytest.Config, counts: Counts) -> None:
    own = config.stash.setdefault(_COUNTS, {})
    for report, counters in counts.items():
        mine = own.setdefault(report, {})
        for name, count in counters.items():
            mine[name] = mine.get(name, 0) + count


def counts(config: pytest.Config) -> Counts:
    return config.stash.get(_COUNTS, {})


def _faults(counts: Mapping[str, int]) -> Iterator[str]:
    total, survived = counts.get("scenarios", 0), counts.get("survived", 0)
    if total:
        yield f"faults: {total} scenarios, {survived} survived, {total - survived} lost"


def _contract(counts: Mapping[str, int]) -> Iterator[str]:
    for vendor, validated in counts.items():
        yield f"contract: {vendor}: {validated} requests validated by Prism against its spec"


REPORTS: dict[str, Callable[[Mapping[str, int]], Iterator[str]]] = {"faults": _faults, "contract": _contract}


def lines(config: pytest.Config) -> list[str]:
    own = counts(config)
    return [line for report, wording in REPORTS.items() if report in own for line in wording(own[report])]
