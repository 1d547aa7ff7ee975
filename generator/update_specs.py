"""``python -m generator.update_specs`` (``make update-specs``): refresh the vendors' specs from their documentation.

For every vendor in ``specs/sources.yaml`` that is not hand-written, fetch its documentation page, take the
fenced ```` ```yaml ```` block that holds the OpenAPI document, check that it parses and validates, and write it
to ``specs/<vendor>.yaml`` byte for byte, only if it differs from what is there. For each spec it rewrites it
prints what changed for the clients (see :mod:`generator.spec_diff`); ``--report FILE`` also writes all of it
as Markdown, the body of the regeneration pull request.

A page that cannot be fetched, has no spec block, or holds a spec that does not validate leaves that vendor's
spec as it was: the tool says which vendor and why, goes on with the others, and exits 1 at the end.
Hand-written specs are never fetched nor touched.

Whom each change reaches (``storefronts`` users or only the generated layer) is derived from the code in two
subprocesses, so that ``generator/`` itself never imports ``storefronts`` nor ``generated/``:

* ``python -m tests.tooling.adapter_surface`` runs the vendor's adapter (every update it supports through
  ``build_body`` and the generated endpoint, ``to_order`` and ``read_error`` over bodies built from the current
  spec) and reports what it calls, sends, reads and imports (:class:`generator.spec_diff.AdapterSurface`);
* unless ``--no-typecheck``, the new spec is generated into a temporary folder and ``mypy --strict`` checks the
  facade against it: a change whose generated name an error mentions reaches users, and an error no change
  explains is reported as a change of its own (``facade-type-check-failed``), so the summary never under-counts.

``--dry-run --spec VENDOR=PATH`` (``make spec-report``) previews the report for a spec file given locally: nothing
is fetched and nothing is written.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

import httpx
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError, ValidatorDetectError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from . import release
from ._generate import BUILD_DIR, GenerationError, generate_vendor
from ._vendors import GENERATED_NAMESPACE, REPO_ROOT, SOURCES_FILE, VendorSource, load_sources
from .spec_diff import AdapterSurface, Change, diff_specs, render_report, summarise, summary_line

# A documentation page is small: 30 s covers a slow CDN without letting a dead one hang the weekly job.
FETCH_TIMEOUT_S = 30.0
# how much of a failed generation's or type check's message a report line quotes: enough to name the error
FAILURE_EXCERPT_CHARS = 500
USER_AGENT = "storefront-clients-update-specs (+make update-specs)"
SOURCE_FORMAT_FENCED_YAML = "fenced-yaml"
SPEC_LANGUAGES = frozenset({"yaml", "yml"})

DESCRIPTION = "Refresh specs/<vendor>.yaml from each vendor's documentation page (hand-written specs excepted)."

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# CommonMark fenced code blocks: up to three spaces of indent, then three or more backticks or tildes.
_OPENING_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_TOP_LEVEL_OPENAPI_KEY = re.compile(r"^openapi\s*:", re.MULTILINE)

Status = Literal["updated", "unchanged", "failed", "hand-written", "preview"]

SURFACE_MODULE = "tests.tooling.adapter_surface"
# Generating one vendor and type-checking the facade against it: generous, as CI machines are shared.
IMPACT_TIMEOUT_S = 600.0
MYPY_CACHE_DIR = BUILD_DIR / "spec-report-mypy-cache"
_MYPY_ERROR = re.compile(r"^(?P<where>[^:\n]+:\d+): error: (?P<message>.*)$", re.MULTILINE)


class SpecUpdateError(Exception):
    """A vendor's spec cannot be refreshed; the message says why, in words a maintainer can act on."""


class FetchError(SpecUpdateError):
    """The documentation page could not be fetched (network error, HTTP error status)."""


class NoSpecBlockError(SpecUpdateError):
    """The page has no fenced YAML block holding an OpenAPI document."""


class InvalidSpecError(SpecUpdateError):
    """The spec block does not parse as YAML or does not validate as OpenAPI."""


@dataclass(frozen=True)
class VendorResult:
    """What happened to one vendor's spec."""

    vendor: str
    status: Status
    spec_path: Path
    message: str = ""
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """How whom-it-reaches was derived (or why it could not be), shown under the vendor's heading."""


def _say(message: str, stream: TextIO | None = None) -> None:
    """One line for the maintainer (stdout unless told otherwise); prints are for ``__main__`` only."""
    (stream or sys.stdout).write(message + "\n")


def fetch_page(client: httpx.Client, url: str) -> str:
    """The documentation page's text, following redirects; any failure is a :class:`FetchError`."""
    try:
        response = client.get(url)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise FetchError(
            f"could not fetch {url}: HTTP {exc.response.status_code} {exc.response.reason_phrase}"
        ) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc
    return response.text


def extract_spec_block(page: str) -> str:
    """The text of the page's fenced YAML block holding the OpenAPI document, verbatim.

    Fences follow CommonMark: an opening fence of three or more backticks (or tildes) whose info string starts
    with ``yaml``, closed by a fence of the same character at least as long, so a 4-backtick block may contain
    3-backtick lines. Blocks in other languages are skipped whole. With several YAML blocks, the first one with a
    top-level ``openapi:`` key wins.
    """
    lines = page.splitlines(keepends=True)
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        opening = _OPENING_FENCE.match(lines[index].rstrip("\r\n"))
        index += 1
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body: list[str] = []
        while index < len(lines) and not closing.match(lines[index].rstrip("\r\n")):
            body.append(_strip_indent(lines[index], indent))
            index += 1
        if index == len(lines):
            break  # an unclosed fence: a truncated page is no source for a spec
        index += 1
        words = opening["info"].split()
        if words and words[0].lower() in SPEC_LANGUAGES:
            blocks.append("".join(body))
    if not blocks:
        raise NoSpecBlockError("the page has no closed fenced ```yaml block (has the page layout changed?)")
    for block in blocks:
        if _TOP_LEVEL_OPENAPI_KEY.search(block):
            return block
    raise NoSpecBlockError(f"none of the page's {len(blocks)} ```yaml blocks has a top-level `openapi:` key")


def _strip_indent(line: str, indent: int) -> str:
    """A content line with up to ``indent`` leading spaces removed, as CommonMark does for an indented fence."""
    removable = len(line) - len(line.lstrip(" "))
    return line[min(indent, removable) :]


def load_spec_text(text: str) -> dict[str, Any]:
    """Parse a spec's YAML (ruamel.yaml, safe loader) into plain mappings and lists."""
    try:
        document = YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        raise InvalidSpecError(f"the spec block is not valid YAML: {' '.join(str(exc).split())}") from exc
    if not isinstance(document, dict):
        raise InvalidSpecError(f"the spec block is YAML but not a mapping (it is a {type(document).__name__})")
    return document


def check_spec(text: str) -> dict[str, Any]:
    """The spec parsed, once it validates as OpenAPI; otherwise an :class:`InvalidSpecError`."""
    document = load_spec_text(text)
    try:
        validate(document)
    except OpenAPIValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(document root)"
        raise InvalidSpecError(f"the spec does not validate as OpenAPI: {exc.message} at {where}") from exc
    except ValidatorDetectError as exc:
        version = document.get("openapi", document.get("swagger"))
        raise InvalidSpecError(f"the spec does not validate as OpenAPI: unsupported version {version!r}") from exc
    except Exception as exc:  # the validator's reference resolution raises its own (referencing's) errors
        raise InvalidSpecError(f"the spec does not validate as OpenAPI: {type(exc).__name__}: {exc}") from exc
    return document


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` byte for byte (UTF-8, line endings as given) unless it is there already.

    The file is replaced atomically, so an interrupted run never leaves half a spec.
    """
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.update-specs.tmp")
    try:
        temporary.write_bytes(data)
        if path.exists():
            shutil.copymode(path, temporary)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


def measure_surface(vendor: str, spec_path: Path) -> AdapterSurface:
    """What the vendor's adapter calls, sends, reads and imports, measured against ``spec_path`` in a subprocess."""
    result = subprocess.run(  # noqa: S603 - our interpreter, our module, paths we were given
        [sys.executable, "-m", SURFACE_MODULE, vendor, str(spec_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=IMPACT_TIMEOUT_S, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SpecUpdateError(f"could not measure the {vendor} adapter: {result.stderr.strip()[-500:]}")
    return AdapterSurface.from_json(json.loads(result.stdout))


def typecheck_facade(vendor: VendorSource, new_spec_path: Path) -> list[tuple[str, str]]:
    """(where, message) of every ``mypy --strict`` error in the facade against a client generated from the new spec.

    The new client is generated into a copy of the committed namespace package, in a temporary folder that comes
    first on mypy's path, so it shadows the committed one; the other vendors' clients stay as committed.
    """
    with tempfile.TemporaryDirectory(prefix="spec-report-") as scratch:
        out = Path(scratch) / "generated"
        # the committed namespace package, with this vendor's client replaced: mypy then finds it first, whole
        shutil.copytree(REPO_ROOT / "generated" / GENERATED_NAMESPACE, out / GENERATED_NAMESPACE)
        generate_vendor(dataclasses.replace(vendor, spec_path=new_spec_path.resolve()), out / GENERATED_NAMESPACE)
        config = Path(scratch) / "mypy.ini"
        config.write_text(
            "[mypy]\npython_version = 3.11\nstrict = True\nexplicit_package_bases = True\n"
            f"mypy_path = {out}{os.pathsep}{REPO_ROOT / 'wrappers'}{os.pathsep}{REPO_ROOT / 'generated'}\n"
            "[mypy-ruamel.*,openapi_spec_validator.*,jsonschema.*]\nignore_missing_imports = True\n",
            encoding="utf-8",
        )
        result = subprocess.run(  # noqa: S603 - our interpreter and paths we built
            [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(MYPY_CACHE_DIR),
             "--no-error-summary", "-p", "storefronts"],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=IMPACT_TIMEOUT_S, check=False,
        )  # fmt: skip
    if result.returncode not in (0, 1):
        raise SpecUpdateError(f"mypy could not run: {(result.stderr or result.stdout).strip()[-500:]}")
    # an error inside the regenerated client itself is named by its path in the package, not the scratch folder
    return [
        (match["where"].replace(f"{out}{os.sep}", "(regenerated) "), match["message"])
        for match in _MYPY_ERROR.finditer(result.stdout)
    ]


def attribute_type_errors(changes: Sequence[Change], errors: Sequence[tuple[str, str]]) -> list[Change]:
    """``changes`` with those whose generated names a mypy error mentions marked as reaching the facade, and one
    ``facade-type-check-failed`` change (breaking, facade) per error that no change explains."""
    marked = list(changes)
    for where, message in errors:
        explained = False
        for index, change in enumerate(marked):
            if any(name.rsplit(".", 1)[-1] in message for name in change.names):
                marked[index] = dataclasses.replace(change, reaches="facade")
                explained = True
        if not explained:
            marked.append(
                Change(
                    kind="facade-type-check-failed",
                    location=where,
                    detail=f"mypy --strict over the facade against the regenerated client: {message}",
                    level="breaking",
                    reaches="facade",
                )
            )
    return marked


def assess(
    vendor: VendorSource,
    old_spec: dict[str, Any],
    new_spec: dict[str, Any],
    *,
    old_spec_path: Path | None,
    new_spec_path: Path | None,
    typecheck: bool,
) -> tuple[list[Change], list[str]]:
    """The changes from ``old_spec`` to ``new_spec`` with whom each reaches, and notes on how that was derived."""
    notes: list[str] = []
    surface: AdapterSurface | None = None
    if old_spec_path is not None and old_spec_path.exists():
        try:
            surface = measure_surface(vendor.name, old_spec_path)
            notes.append("Whom each change reaches: measured by running the adapter (`tests.tooling.adapter_surface`).")
        except (SpecUpdateError, subprocess.TimeoutExpired, ValueError, KeyError) as exc:
            notes.append(f"Could not measure the adapter ({exc}): every change is counted as reaching users.")
    changes = diff_specs(old_spec, new_spec, surface=surface)
    if typecheck and new_spec_path is not None:
        try:
            errors = typecheck_facade(vendor, new_spec_path)
        except (GenerationError, SpecUpdateError, subprocess.TimeoutExpired) as exc:
            excerpt = " ".join(str(exc).split())[:FAILURE_EXCERPT_CHARS]
            changes.append(
                Change("facade-type-check-failed", vendor.name, f"the new spec could not be generated and "
                       f"type-checked: {excerpt}", level="breaking", reaches="facade")
            )  # fmt: skip
        else:
            changes = attribute_type_errors(changes, errors)
            notes.append(
                f"`mypy --strict` over the facade against a client regenerated from the new spec: "
                f"{len(errors) or 'no'} error{'s' if len(errors) != 1 else ''}."
            )
    return changes, notes


def update_vendor(
    vendor: VendorSource, spec_path: Path, client: httpx.Client, *, typecheck: bool = True
) -> VendorResult:
    """Refresh one vendor's spec at ``spec_path``; never raises for a problem with the vendor's page."""
    if vendor.hand_written:
        return VendorResult(vendor.name, "hand-written", spec_path, "hand-written: not fetched, left as it is")
    if vendor.format != SOURCE_FORMAT_FENCED_YAML:
        message = f"source format {vendor.format!r} is not supported (only {SOURCE_FORMAT_FENCED_YAML!r})"
        return VendorResult(vendor.name, "failed", spec_path, message)
    try:
        text = extract_spec_block(fetch_page(client, vendor.url))
        new_spec = check_spec(text)
    except FetchError as exc:
        return VendorResult(vendor.name, "failed", spec_path, str(exc))
    except SpecUpdateError as exc:
        return VendorResult(vendor.name, "failed", spec_path, f"{vendor.url}: {exc}")

    old_bytes = spec_path.read_bytes() if spec_path.exists() else None
    if old_bytes == text.encode("utf-8"):
        return VendorResult(vendor.name, "unchanged", spec_path, "unchanged")
    try:
        old_spec: dict[str, Any] = load_spec_text(old_bytes.decode("utf-8")) if old_bytes is not None else {}
    except (InvalidSpecError, UnicodeDecodeError):
        old_spec = {}  # the old file was broken: everything in the new one counts as new
    with tempfile.TemporaryDirectory(prefix="update-specs-") as scratch:
        new_path = Path(scratch) / spec_path.name
        new_path.write_bytes(text.encode("utf-8"))
        changes, notes = assess(
            vendor, old_spec, new_spec, old_spec_path=spec_path, new_spec_path=new_path, typecheck=typecheck
        )
    write_if_changed(spec_path, text)
    return VendorResult(vendor.name, "updated", spec_path, "updated", changes, notes)


def preview_vendor(vendor: VendorSource, old_path: Path, new_path: Path, *, typecheck: bool = True) -> VendorResult:
    """The report for ``new_path`` against ``old_path`` (a dry run: nothing fetched, nothing written)."""
    new_text = new_path.read_text(encoding="utf-8")
    try:
        new_spec = check_spec(new_text)
    except SpecUpdateError as exc:
        return VendorResult(vendor.name, "failed", old_path, f"{new_path}: {exc}")
    old_spec = load_spec_text(old_path.read_text(encoding="utf-8")) if old_path.exists() else {}
    changes, notes = assess(
        vendor, old_spec, new_spec, old_spec_path=old_path, new_spec_path=new_path, typecheck=typecheck
    )
    return VendorResult(vendor.name, "preview", old_path, f"preview of {new_path}", changes, notes)


def combined_report(results: Sequence[VendorResult]) -> str:
    """The whole run as Markdown: one section per updated vendor, then what was left alone and why."""
    updated = [result for result in results if result.status in ("updated", "preview")]
    every_change = [change for result in updated for change in result.changes]
    lines = [summary_line(every_change), "", "# Vendor spec updates", ""]
    if updated:
        breaking = sum(change.breaking for change in every_change)
        names = ", ".join(result.vendor for result in updated)
        found = (
            f"Preview (nothing fetched, no spec written) of new specs for: {names}"
            if all(result.status == "preview" for result in updated)
            else f"`make update-specs` found new specs on the documentation pages of: {names}"
        )
        lines += [f"{found} ({breaking} breaking change{'s' if breaking != 1 else ''} in all).", ""]
        lines += [render_report(result.vendor, result.changes, notes=result.notes) for result in updated]
    else:
        lines += ["No vendor's spec changed.", ""]
    for title, statuses in (
        ("Failed: specs kept as they were", {"failed"}),
        ("Unchanged", {"unchanged", "hand-written"}),
    ):
        listed = [result for result in results if result.status in statuses]
        if listed:
            lines += [f"## {title}", ""]
            lines += [f"- {result.vendor}: {result.message}" for result in listed]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.update_specs", description=DESCRIPTION)
    parser.add_argument("--sources", type=Path, default=SOURCES_FILE, help="the vendor list (default: %(default)s)")
    parser.add_argument(
        "--specs-dir", type=Path, default=None, help="read and write <vendor spec file name> here instead of specs/"
    )
    parser.add_argument("--report", type=Path, default=None, help="also write the change report here, as Markdown")
    parser.add_argument(
        "--vendor", action="append", default=None, help="only this vendor (repeatable; default: every vendor)"
    )
    parser.add_argument(
        "--release",
        action="store_true",
        help="bump the version and write CHANGELOG.md from the report (generator.release)",
    )
    parser.add_argument("--version-file", type=Path, default=release.VERSION_FILE, help=argparse.SUPPRESS)
    parser.add_argument("--changelog", type=Path, default=release.CHANGELOG, help=argparse.SUPPRESS)
    parser.add_argument(
        "--dry-run", action="store_true", help="fetch nothing, write no spec: print the report for each --spec"
    )
    parser.add_argument(
        "--spec", action="append", default=[], metavar="VENDOR=PATH", help="with --dry-run: the new spec of VENDOR"
    )
    parser.add_argument("--old", type=Path, default=None, help="with --dry-run: compare against this spec file")
    parser.add_argument(
        "--no-typecheck", action="store_true", help="skip regenerating and type-checking the facade (quicker)"
    )
    args = parser.parse_args(argv)
    if args.dry_run or args.spec:
        return _dry_run(args)

    vendors = load_sources(args.sources)
    if args.vendor:
        unknown = sorted(set(args.vendor) - {vendor.name for vendor in vendors})
        if unknown:
            _say(f"update-specs: unknown vendor(s): {', '.join(unknown)}", sys.stderr)
            return EXIT_USAGE
        vendors = [vendor for vendor in vendors if vendor.name in args.vendor]

    results: list[VendorResult] = []
    headers = {"User-Agent": USER_AGENT, "Accept": "text/markdown, text/plain;q=0.9, */*;q=0.5"}
    with httpx.Client(timeout=FETCH_TIMEOUT_S, follow_redirects=True, headers=headers) as client:
        for vendor in vendors:
            spec_path = args.specs_dir / vendor.spec_path.name if args.specs_dir else vendor.spec_path
            result = update_vendor(vendor, spec_path, client, typecheck=not args.no_typecheck)
            results.append(result)
            _show_result(result)

    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(combined_report(results), encoding="utf-8")
    failed = [result.vendor for result in results if result.status == "failed"]
    updated = [result.vendor for result in results if result.status == "updated"]
    if args.release:
        changed = [(result.vendor, result.changes) for result in results if result.status == "updated"]
        version = release.record_release(changed, version_file=args.version_file, changelog=args.changelog)
        _say(f"update-specs: version {version}, CHANGELOG.md updated" if version else "update-specs: no new version")
    _say(
        f"update-specs: {len(updated)} updated, {len(failed)} failed, "
        f"{len(results) - len(updated) - len(failed)} left as they were"
    )
    if failed:
        _say(f"update-specs: FAILED for {', '.join(failed)}: their specs were kept as they were", sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _dry_run(args: argparse.Namespace) -> int:
    """``--dry-run --spec VENDOR=PATH``: the report for each local spec file; nothing fetched, nothing written."""
    if not args.dry_run or not args.spec:
        _say("update-specs: --dry-run and --spec VENDOR=PATH go together", sys.stderr)
        return EXIT_USAGE
    by_name = {vendor.name: vendor for vendor in load_sources(args.sources)}
    results: list[VendorResult] = []
    for given in args.spec:
        name, _, path = str(given).partition("=")
        if name not in by_name or not path:
            _say(f"update-specs: --spec wants VENDOR=PATH with a vendor of {', '.join(by_name)}: {given!r}", sys.stderr)
            return EXIT_USAGE
        vendor = by_name[name]
        default_old = args.specs_dir / vendor.spec_path.name if args.specs_dir else vendor.spec_path
        old_path = args.old if args.old is not None else default_old
        result = preview_vendor(vendor, old_path, Path(path), typecheck=not args.no_typecheck)
        results.append(result)
        if result.status == "failed":
            _say(f"update-specs: {name}: {result.message}", sys.stderr)
    report = combined_report(results)
    _say(report.rstrip("\n"))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
    return EXIT_FAILED if any(result.status == "failed" for result in results) else EXIT_OK


def _show_result(result: VendorResult) -> None:
    shown_path = _shown(result.spec_path)
    if result.status == "failed":
        _say(f"update-specs: {result.vendor}: NOT UPDATED, kept {shown_path}: {result.message}", sys.stderr)
    elif result.status == "updated":
        summary = summarise(result.changes)
        count = f"{len(result.changes)} change{'s' if len(result.changes) != 1 else ''}"
        breaking = summary.breaking_for_users + summary.generated_only
        _say(f"update-specs: {result.vendor}: wrote {shown_path} ({count}, {breaking} breaking)")
        _say(render_report(result.vendor, result.changes, notes=result.notes))
    else:
        _say(f"update-specs: {result.vendor}: {result.message}")


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
