"""``make bench``: the facade measured against raw httpx and the stock generator (``python -m tests.benchmarks.run``).

Nothing here is a test: pytest must not collect it (see ``conftest.py``), and ``make test`` never runs it.
"""
