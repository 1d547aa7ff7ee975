"""The ops CLI: ``storefronts`` (console script) or ``python -m storefronts``.

    storefronts update-order VENDOR ORDER_ID [--status S] [--notes TEXT] ... [--dry-run] [--json]
    storefronts capabilities [VENDOR]
    storefronts sandbox VENDOR [--port N]

The key comes from the vendor's environment variable or ``--api-key-file``, never from an argument (which would
land in shell history and in ``ps``). Messages go to stderr, results to stdout; a StorefrontError is one line on
stderr and an exit code of its family (:data:`EXIT_CODES`), never a traceback. Standard library only (argparse):
the CLI adds no runtime dependency.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import signal
import sys
import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, TextIO, get_args

from . import _docs
from ._client import Client
from ._dryrun import PreparedRequest
from ._models import Order
from ._registry import adapter_for, all_adapters, resolve_vendor
from ._types import FulfillmentStatusName, OrderStatusName, PaymentStatusName, VendorName
from .errors import (
    APIConnectionError,
    APIError,
    ConfigurationError,
    InvalidUpdateError,
    ResponseDecodeError,
    StorefrontError,
    UnsupportedUpdateError,
)

PROG = "storefronts"
EXIT_OK = 0
EXIT_OTHER_ERROR = 1
EXIT_USAGE = 2  # argparse's own
EXIT_CONFIGURATION = 3
EXIT_REFUSED_BEFORE_SENDING = 4
EXIT_VENDOR_REFUSED = 5
EXIT_NO_ANSWER = 6
EXIT_BAD_RESPONSE = 7
EXIT_INTERRUPTED = 130

EXIT_CODES: tuple[tuple[type[StorefrontError], int, str], ...] = (
    (ConfigurationError, EXIT_CONFIGURATION, "configuration: no key, a key of the wrong form, an unsafe URL"),
    (InvalidUpdateError, EXIT_REFUSED_BEFORE_SENDING, "bad or unsupported update: nothing was sent"),
    (UnsupportedUpdateError, EXIT_REFUSED_BEFORE_SENDING, "bad or unsupported update: nothing was sent"),
    (APIError, EXIT_VENDOR_REFUSED, "the vendor answered with an error (401, 404, 409, 429, 5xx...)"),
    (APIConnectionError, EXIT_NO_ANSWER, "no answer (connection, timeout): the update may or may not have happened"),
    (ResponseDecodeError, EXIT_BAD_RESPONSE, "the vendor's answer could not be read: check the order by hand"),
)
"""Error family -> exit code, first match wins. Any other StorefrontError exits 1."""

_ORDER_ROWS = (
    "vendor",
    "id",
    "number",
    "status",
    "payment_status",
    "fulfillment_status",
    "notes",
    "tags",
    "email",
    "phone",
    "currency",
    "subtotal",
    "discount",
    "shipping_cost",
    "tax",
    "total",
    "updated_at",
)


def exit_code_for(error: StorefrontError) -> int:
    for family, code, _ in EXIT_CODES:
        if isinstance(error, family):
            return code
    return EXIT_OTHER_ERROR


def _exit_codes_help() -> str:
    lines = [f"  {EXIT_OK}  success", f"  {EXIT_OTHER_ERROR}  any other storefronts error", f"  {EXIT_USAGE}  usage"]
    seen: set[int] = set()
    for _, code, meaning in EXIT_CODES:
        if code not in seen:
            seen.add(code)
            lines.append(f"  {code}  {meaning}")
    lines.append(f"  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)")
    return "exit codes:\n" + "\n".join(lines)


# -- values ---------------------------------------------------------------------------------------------------------


def _money(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def _tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",")] if text else []


def _plain(value: Any) -> Any:
    """A value of an Order as JSON has it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def order_json(order: Order) -> dict[str, Any]:
    """The normalised order as a JSON object (``raw``: the vendor's own order object, as received)."""
    plain: dict[str, Any] = _plain(order)
    return plain


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "-"
    text = str(value.value if isinstance(value, Enum) else value)
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def _table(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def plan_text(plan: PreparedRequest) -> str:
    headers = "\n".join(f"  {name}: {value}" for name, value in plan.headers.items())
    body = json.dumps(plan.json, indent=2, ensure_ascii=False)
    return f"{plan.method} {plan.url}\n{headers}\n\n{body}"


def plan_json(plan: PreparedRequest) -> dict[str, Any]:
    return {"method": plan.method, "url": plan.url, "headers": dict(plan.headers), "json": plan.json}


# -- commands -------------------------------------------------------------------------------------------------------


def _read_key(args: argparse.Namespace) -> str | None:
    if args.api_key_file is None:
        return None  # the Client reads the vendor's environment variable
    try:
        key = Path(args.api_key_file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigurationError(f"cannot read --api-key-file {args.api_key_file}: {type(error).__name__}") from None
    return key.rstrip("\r\n")  # as an editor or `echo` leaves it


_UPDATE_OPTIONS = (
    "status",
    "payment_status",
    "fulfillment_status",
    "notes",
    "tags",
    "email",
    "phone",
    "shipping_cost",
    "discount",
)


def update_order(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    fields = {name: getattr(args, name) for name in _UPDATE_OPTIONS if getattr(args, name) is not None}
    with Client(args.vendor, api_key=_read_key(args), base_url=args.base_url) as client:
        plan = client.prepare_update(args.order_id, **fields)
        if args.dry_run:
            if args.json:
                out.write(json.dumps({"dry_run": True, "plan": plan_json(plan)}, indent=2) + "\n")
            else:
                out.write(f"Dry run, nothing sent. Would send:\n{plan_text(plan)}\n")
            return EXIT_OK
        err.write(f"Sending:\n{plan_text(plan)}\n")
        order = client.update_order(args.order_id, **fields)
    if args.json:
        out.write(json.dumps(order_json(order), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(_table([(name, _cell(getattr(order, name))) for name in _ORDER_ROWS]) + "\n")
    return EXIT_OK


def capabilities(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    adapters = [adapter_for(resolve_vendor(args.vendor))] if args.vendor else all_adapters()
    parts = [_docs._capabilities(adapters), _docs._status_mapping(adapters), _docs._rules(adapters)]
    text = "\n\n".join("\n".join(part) for part in parts)
    out.write(text.replace("<br>", ", ") + "\n")  # the README's tables, one line per cell in a terminal
    return EXIT_OK


def run_sandbox(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        from .testing import sandbox  # noqa: PLC0415 - the testing extra, needed by this command alone
    except ImportError as error:
        raise ConfigurationError(f"the sandbox needs the testing extra: {error}") from None
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    try:
        with sandbox(args.vendor, port=args.port) as server:
            env_var = adapter_for(resolve_vendor(args.vendor)).api_key_env
            out.write(
                f"{args.vendor} sandbox running (Ctrl-C to stop)\n"
                f"base_url: {server.base_url}\n"
                f"api_key: {server.api_key}\n"
                f"orders: {', '.join(server.orders)}\n"
                f"try: {env_var}={server.api_key} {PROG} update-order {args.vendor} {next(iter(server.orders))} "
                f"--notes hello --base-url {server.base_url}\n"
            )
            out.flush()
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: the normal way to stop it
                stop.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    err.write("sandbox stopped\n")
    return EXIT_OK


# -- the parser -----------------------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    vendors = list(get_args(VendorName))
    # no abbreviations: `--api-key SECRET` must be refused, not taken for --api-key-file
    root = argparse.ArgumentParser(
        prog=PROG,
        allow_abbrev=False,
        description="Update one order by hand, show what each vendor can take, or run a local sandbox vendor.",
        epilog=_exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    update = commands.add_parser(
        "update-order",
        allow_abbrev=False,
        help="update one order (prints the plan first; --dry-run sends nothing)",
        description="Update one order. The API key is read from the vendor's environment variable "
        "(BITBYBIT_API_KEY, SALESIVE_APP_TOKEN, LAUNCHMYSTORE_ACCESS_TOKEN) or --api-key-file, never from an "
        "argument. Only the fields given are sent.",
        epilog=_exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    update.add_argument("vendor", choices=vendors, metavar="VENDOR", help=" | ".join(vendors))
    update.add_argument("order_id", metavar="ORDER_ID")
    update.add_argument("--status", choices=get_args(OrderStatusName), metavar="S", help="order status")
    update.add_argument("--payment-status", choices=get_args(PaymentStatusName), metavar="S")
    update.add_argument("--fulfillment-status", choices=get_args(FulfillmentStatusName), metavar="S")
    update.add_argument("--notes", metavar="TEXT")
    update.add_argument("--tags", type=_tags, metavar="A,B", help="comma-separated; replaces the order's tags")
    update.add_argument("--email", metavar="E")
    update.add_argument("--phone", metavar="P")
    update.add_argument("--shipping-cost", type=_money, metavar="N")
    update.add_argument("--discount", type=_money, metavar="N")
    update.add_argument("--base-url", metavar="URL", help="another API root (a sandbox); default: the vendor's")
    update.add_argument("--api-key-file", metavar="PATH", help="read the key from this file instead of the env var")
    update.add_argument("--dry-run", action="store_true", help="print what would be sent, send nothing")
    update.add_argument("--json", action="store_true", help="print the result as JSON")
    update.set_defaults(handler=update_order)

    caps = commands.add_parser(
        "capabilities", allow_abbrev=False, help="the update capability matrix and status mapping"
    )
    caps.add_argument("vendor", nargs="?", choices=vendors, metavar="VENDOR", help="one vendor (default: all)")
    caps.set_defaults(handler=capabilities)

    box = commands.add_parser("sandbox", allow_abbrev=False, help="run a local sandbox vendor server in the foreground")
    box.add_argument("vendor", choices=vendors, metavar="VENDOR", help=" | ".join(vendors))
    box.add_argument("--port", type=int, default=0, metavar="N", help="port on 127.0.0.1 (default: a free one)")
    box.set_defaults(handler=run_sandbox)
    return root


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args, out, err)
    except StorefrontError as error:
        err.write(f"{PROG}: {type(error).__name__}: {error}\n")
        return exit_code_for(error)
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    return code
