"""``update_orders``: many updates through one client, every entry validated first, a bounded number in flight.

The twins differ only in their workers: ``Client`` runs them in threads it starts for the call, ``AsyncClient`` in
tasks. Either way a fixed set of workers pulls the next entry from one shared iterator, so the cost per entry is a
``next()`` and a result, not a thread or a task.

Validation is ``update_order``'s own (``BaseClient._prepare``): an entry it refuses becomes that entry's error and
is never sent; the other entries are sent as if by ``update_order``, and sending uses the same loop
(``_send``), so retries, the rate limit and the transport policy are the same too.

Stopping (KeyboardInterrupt, an exception from ``on_result``, an error that is not a StorefrontError, task
cancellation): no worker starts another attempt. Attempts already on the wire finish in the background (sync) or
are cancelled (async); their results are not reported. The client stays usable.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._adapter import UPDATE_FIELDS
from ._constants import SHOWN_UNKNOWN_NAMES
from ._models import Order
from ._observe import plain_order_id
from ._ratelimit import Stopped
from ._types import NOT_GIVEN
from .errors import InvalidUpdateError, StorefrontError

if TYPE_CHECKING:
    from ._base_client import BaseClient, PreparedUpdate
    from ._client import AsyncClient, Client

__all__ = ["OnResult", "UpdateItem", "UpdateResult", "run", "run_async"]

_UPDATE_FIELDS = frozenset(UPDATE_FIELDS)


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """The outcome of one entry of ``update_orders``.

    Attributes:
        order_id: the entry's order id (None when the entry had no string id to read).
        ok: whether the vendor applied the update.
        order: the order as the vendor now has it, when ``ok``.
        error: why not, when not ``ok``: the StorefrontError ``update_order`` would have raised (a validation
            error for an entry that was never sent).
    """

    order_id: str | None
    ok: bool
    order: Order | None
    error: StorefrontError | None


UpdateItem = tuple[str, Mapping[str, Any]]
OnResult = Callable[[UpdateResult], object]


def _failed(order_id: object, error: StorefrontError) -> UpdateResult:
    return UpdateResult(plain_order_id(order_id), False, None, error)


def _entry(client: BaseClient, position: int, item: object) -> PreparedUpdate:
    where = f"items[{position}]"
    if not isinstance(item, tuple | list) or len(item) != 2:
        got = f"a {type(item).__name__} of {len(item)}" if isinstance(item, tuple | list) else type(item).__name__
        raise InvalidUpdateError(where, f"must be an (order_id, fields) pair, got {got}")
    order_id, fields = item
    if not isinstance(fields, Mapping):
        got = type(fields).__name__
        raise InvalidUpdateError(where, f"fields must be a mapping of update_order arguments, got {got}")
    unknown = [name for name in fields if name not in _UPDATE_FIELDS]
    if unknown:
        shown = ", ".join(repr(name) for name in unknown[:SHOWN_UNKNOWN_NAMES])
        raise InvalidUpdateError(where, f"unknown update fields {shown}; known: {', '.join(UPDATE_FIELDS)}")
    arguments = {name: fields.get(name, NOT_GIVEN) for name in UPDATE_FIELDS}
    return client._prepare(order_id, arguments, max_retries=NOT_GIVEN, timeout=NOT_GIVEN)


def prepare(client: BaseClient, items: object) -> list[PreparedUpdate | UpdateResult]:
    """Every entry validated as ``update_order`` validates its arguments: ready to send, or its failed result."""
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        hint = " (for a dict of order id -> fields, pass its .items())" if isinstance(items, Mapping) else ""
        raise InvalidUpdateError("items", f"must be an iterable of (order_id, fields) pairs{hint}")
    entries: list[PreparedUpdate | UpdateResult] = []
    for position, item in enumerate(items):
        try:
            entries.append(_entry(client, position, item))
        except StorefrontError as error:
            order_id = item[0] if isinstance(item, tuple | list) and item else None
            entries.append(_failed(order_id, error))
    return entries


def _check(concurrency: object, on_result: object) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidUpdateError("concurrency", f"must be a whole number >= 1, got {concurrency!r}")
    if on_result is not None and not callable(on_result):
        raise InvalidUpdateError("on_result", f"must be a callable or None, got {type(on_result).__name__}")
    return concurrency


def _split(entries: list[PreparedUpdate | UpdateResult]) -> tuple[list[UpdateResult | None], list[Any]]:
    results = [entry if isinstance(entry, UpdateResult) else None for entry in entries]
    pending = [(index, entry) for index, entry in enumerate(entries) if not isinstance(entry, UpdateResult)]
    return results, pending


def _done(results: list[UpdateResult | None]) -> list[UpdateResult]:
    finished = [result for result in results if result is not None]
    if len(finished) != len(results):  # a worker returned without a result: a bug here, never a lost entry
        raise RuntimeError("update_orders lost track of an entry")
    return finished


def run(
    client: Client, items: Iterable[UpdateItem], concurrency: int, on_result: OnResult | None
) -> list[UpdateResult]:
    """``Client.update_orders``: worker threads; ``on_result`` is called in the caller's thread, one at a time."""
    workers = _check(concurrency, on_result)
    results, pending = _split(prepare(client, items))
    if on_result is not None:  # entries refused by validation are finished before anything is sent
        for result in results:
            if result is not None:
                on_result(result)
    if not pending:
        return _done(results)

    import queue  # noqa: PLC0415 - only update_orders needs it

    stop = threading.Event()
    finished: queue.SimpleQueue[tuple[int, UpdateResult] | BaseException] = queue.SimpleQueue()
    work = iter(pending)
    take = threading.Lock()

    def worker() -> None:
        while not stop.is_set():
            with take:
                entry = next(work, None)
            if entry is None:
                return
            index, call = entry
            try:
                order = client._send_entry(call, stop)
            except StorefrontError as error:
                finished.put((index, _failed(call.order_id, error)))
            except Stopped:
                return
            except BaseException as error:  # not a failure of the entry: a bug, or one of the caller's httpx hooks
                stop.set()
                finished.put(error)
                return
            else:
                finished.put((index, UpdateResult(call.order_id, True, order, None)))

    # daemon threads: after an interrupt, an attempt still on the wire must not hold up the interpreter's exit
    threads = [
        threading.Thread(target=worker, name=f"storefronts-update-orders-{n}", daemon=True)
        for n in range(min(workers, len(pending)))
    ]
    for thread in threads:
        thread.start()
    try:
        for _ in pending:
            outcome = finished.get()
            if isinstance(outcome, BaseException):
                raise outcome
            index, result = outcome
            results[index] = result
            if on_result is not None:
                on_result(result)
    except BaseException:
        stop.set()  # KeyboardInterrupt lands here, in the caller's thread: no worker starts another attempt
        raise
    for thread in threads:
        thread.join()
    return _done(results)


async def run_async(
    client: AsyncClient,
    items: Iterable[UpdateItem],
    concurrency: int,
    on_result: Callable[[UpdateResult], object | Awaitable[object]] | None,
) -> list[UpdateResult]:
    """``AsyncClient.update_orders``: worker tasks; ``on_result`` may be a coroutine function."""
    import asyncio  # noqa: PLC0415 - asyncio is slow to import (docs/performance.md); sync users never need it

    workers = _check(concurrency, on_result)
    results, pending = _split(prepare(client, items))
    if on_result is not None:
        for result in results:
            if result is not None:
                await _report(on_result, result)
    work = iter(pending)  # one event loop thread: next() needs no lock

    async def worker() -> None:
        for index, call in work:
            try:
                result = UpdateResult(call.order_id, True, await client._send_entry(call), None)
            except StorefrontError as error:
                result = _failed(call.order_id, error)
            results[index] = result
            if on_result is not None:
                await _report(on_result, result)

    tasks = [asyncio.create_task(worker()) for _ in range(min(workers, len(pending)))]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:  # cancellation, on_result raising, a bug: stop every worker before leaving
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        raise
    return _done(results)


async def _report(on_result: Callable[[UpdateResult], object], result: UpdateResult) -> None:
    outcome = on_result(result)
    if inspect.isawaitable(outcome):
        await outcome
