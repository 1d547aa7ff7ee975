"""Benchmarks are run by ``make bench`` (``python -m tests.benchmarks.run``), never collected by pytest."""

collect_ignore_glob = ["*"]
