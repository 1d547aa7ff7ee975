"""``python -m generator.update_specs`` offline: the saved vendor documentation pages, served on 127.0.0.1.

The pages in ``fixtures/pages/`` are the vendors' documentation pages as saved when the specs were taken from
them, and ``fixtures/specs/`` holds what was extracted from them (the specs as committed then). Every test
writes into ``tmp_path``, never into the repository's ``specs/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.update_specs import NoSpecBlockError, extract_spec_block, main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = FIXTURES / "pages"
SAVED_SPECS = FIXTURES / "specs"
REPO_ROOT = Path(__file__).resolve().parents[2]

BITBYBIT_PAGE = "bitbybit-update-order.md"
SALESIVE_PAGE = "salesive-update-order.md"
PROSE_PAGE = "launchmystore-update-order.md"  # documents the endpoint in prose: no spec block
# A second ago would do; an hour ago makes any rewrite show, whatever the file system's mtime resolution.
OLD_MTIME_NS = 1_700_000_000 * 10**9


# --- a documentation site on 127.0.0.1 ---------------------------------------------------------------------------


@dataclass
class DocSite:
    """A directory of pages served over HTTP; ``requested`` records every path asked for, in order."""

    root: Path
    base_url: str
    requested: list[str] = field(default_factory=list)

    def url(self, name: str) -> str:
        return f"{self.base_url}/{name}"

    def put(self, name: str, text: str) -> str:
        """Serve ``text`` at ``/<name>`` (written as bytes: line endings stay as given) and return its URL."""
        (self.root / name).write_bytes(text.encode("utf-8"))
        return self.url(name)


class _Handler(SimpleHTTPRequestHandler):
    """Static files, plus ``/status/<code>`` (that error status) and ``/moved/<name>`` (a 301 to ``/<name>``)."""

    site: DocSite

    def do_GET(self) -> None:
        self.site.requested.append(self.path)
        if self.path.startswith("/status/"):
            self.send_error(int(self.path.removeprefix("/status/")))
            return
        if self.path.startswith("/moved/"):
            self.send_response(301)
            self.send_header("Location", "/" + self.path.removeprefix("/moved/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[DocSite]:
    root = tmp_path / "site"
    shutil.copytree(PAGES, root)
    doc_site = DocSite(root=root, base_url="")
    handler = type("Handler", (_Handler,), {"site": doc_site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    server.daemon_threads = True
    doc_site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="doc-site", daemon=True)
    thread.start()
    try:
        yield doc_site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _refused_url() -> str:
    """A URL on a loopback port that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/{BITBYBIT_PAGE}"


# --- a vendor list and a specs folder in tmp_path ----------------------------------------------------------------


@dataclass
class Workspace:
    sources: Path
    specs: Path
    report: Path

    def args(self, *extra: str) -> list[str]:
        # the type check regenerates a client and runs mypy: its own test covers it (test_spec_report.py)
        return [
            "--sources", str(self.sources), "--specs-dir", str(self.specs), "--report", str(self.report),
            "--no-typecheck", *extra,
        ]  # fmt: skip

    def write_sources(self, urls: dict[str, str], hand_written: tuple[str, ...] = ()) -> None:
        vendors = {
            vendor: {
                "spec": f"specs/{vendor}.yaml",
                "package": vendor,
                "hand_written": vendor in hand_written,
                "source": {"url": url, "format": "prose" if vendor in hand_written else "fenced-yaml"},
            }
            for vendor, url in urls.items()
        }
        with self.sources.open("w", encoding="utf-8") as stream:
            YAML(typ="safe", pure=True).dump({"vendors": vendors}, stream)

    def seed(self, vendor: str, data: bytes | None = None) -> Path:
        """Put ``specs/<vendor>.yaml`` in place (the saved spec unless ``data``), dated in the past."""
        path = self.specs / f"{vendor}.yaml"
        path.write_bytes(data if data is not None else (SAVED_SPECS / f"{vendor}.yaml").read_bytes())
        os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
        return path


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    specs = tmp_path / "specs"
    specs.mkdir()
    return Workspace(sources=tmp_path / "sources.yaml", specs=specs, report=tmp_path / "report.md")


def _page(name: str) -> str:
    return (PAGES / name).read_bytes().decode("utf-8")


def _edited(name: str, *edits: tuple[str, str]) -> str:
    """A saved page with each (old, new) replacement made exactly once."""
    text = _page(name)
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
        text = text.replace(old, new)
    return text


# A new response enum value (Order.status) and a new request enum value (the request body's status).
ADD_ON_HOLD = (
    (
        "            - refunded\n        fulfillmentStatus:",
        "            - refunded\n            - on_hold\n        fulfillmentStatus:",
    ),
    (
        "                    - refunded\n                fulfillmentStatus:",
        "                    - refunded\n                    - on_hold\n                fulfillmentStatus:",
    ),
)
# Order.status loses a value: breaking for code that matches on it.
DROP_CANCELLED_FROM_RESPONSE = (
    (
        "            - cancelled\n            - refunded\n        fulfillmentStatus:",
        "            - refunded\n        fulfillmentStatus:",
    ),
)


# --- extraction --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("vendor", "page"), [("bitbybit", BITBYBIT_PAGE), ("salesive", SALESIVE_PAGE)])
def test_saved_pages_give_the_saved_specs_byte_for_byte(vendor: str, page: str) -> None:
    assert extract_spec_block(_page(page)).encode("utf-8") == (SAVED_SPECS / f"{vendor}.yaml").read_bytes()


def test_three_backtick_and_tilde_fences() -> None:
    assert extract_spec_block("# Doc\n\n```yaml\nopenapi: 3.1.0\n```\n") == "openapi: 3.1.0\n"
    assert extract_spec_block("~~~~yml title\nopenapi: 3.1.0\n~~~~\n") == "openapi: 3.1.0\n"


def test_a_longer_fence_holds_shorter_ones_and_other_languages_are_skipped() -> None:
    page = (
        "````markdown\n```yaml\nopenapi: 3.0.0\n```\n````\n\n"
        "```json\n{}\n```\n\n"
        "````yaml PUT /orders/{id}\nopenapi: 3.1.0\ninfo:\n  description: |\n    ```yaml\n    a: 1\n    ```\n````\n"
    )
    assert extract_spec_block(page) == "openapi: 3.1.0\ninfo:\n  description: |\n    ```yaml\n    a: 1\n    ```\n"


def test_the_yaml_block_with_an_openapi_key_wins() -> None:
    page = "```yaml\nname: example config\n```\n\n```yaml\nopenapi: 3.1.0\n```\n"
    assert extract_spec_block(page) == "openapi: 3.1.0\n"


def test_line_endings_stay_as_served() -> None:
    assert extract_spec_block("```yaml\r\nopenapi: 3.1.0\r\ninfo: {}\r\n```\r\n") == "openapi: 3.1.0\r\ninfo: {}\r\n"


@pytest.mark.parametrize(
    "page",
    [
        _page(PROSE_PAGE),
        "```yaml\nopenapi: 3.1.0\n",  # unclosed: a truncated page
        "```yaml\nname: not a spec\n```\n",
        "    ```yaml\n    openapi: 3.1.0\n    ```\n",  # indented code, not a fence
    ],
    ids=["prose", "unclosed", "no-openapi-key", "indented-code"],
)
def test_pages_without_a_spec_block(page: str) -> None:
    with pytest.raises(NoSpecBlockError):
        extract_spec_block(page)


# --- the command -------------------------------------------------------------------------------------------------


def test_no_change_writes_nothing(site: DocSite, workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    workspace.write_sources({"bitbybit": site.url(BITBYBIT_PAGE), "salesive": site.url(SALESIVE_PAGE)})
    seeded = [workspace.seed("bitbybit"), workspace.seed("salesive")]

    assert main(workspace.args()) == 0

    for path in seeded:
        assert path.stat().st_mtime_ns == OLD_MTIME_NS, f"{path.name} was rewritten"
        assert path.read_bytes() == (SAVED_SPECS / path.name).read_bytes()
    assert sorted(p.name for p in workspace.specs.iterdir()) == ["bitbybit.yaml", "salesive.yaml"]
    out = capsys.readouterr().out
    assert "bitbybit: unchanged" in out
    assert "salesive: unchanged" in out
    assert "0 updated, 0 failed" in out
    assert "No vendor's spec changed." in workspace.report.read_text(encoding="utf-8")


def test_a_missing_spec_is_written_verbatim(site: DocSite, workspace: Workspace) -> None:
    workspace.write_sources({"salesive": site.url(SALESIVE_PAGE)})
    assert main(workspace.args()) == 0
    assert (workspace.specs / "salesive.yaml").read_bytes() == (SAVED_SPECS / "salesive.yaml").read_bytes()
    assert "`path-added`" in workspace.report.read_text(encoding="utf-8")


def test_a_new_enum_value_rewrites_the_spec_and_is_reported_additive(
    site: DocSite, workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _edited(BITBYBIT_PAGE, *ADD_ON_HOLD)
    workspace.write_sources({"bitbybit": site.put("bitbybit-new.md", page)})
    path = workspace.seed("bitbybit")

    assert main(workspace.args()) == 0

    assert path.read_bytes() == extract_spec_block(page).encode("utf-8")
    assert path.stat().st_mtime_ns != OLD_MTIME_NS
    assert b"- on_hold" in path.read_bytes()
    out = capsys.readouterr().out
    assert "bitbybit: wrote" in out
    assert "(2 changes, 0 breaking)" in out
    report = workspace.report.read_text(encoding="utf-8")
    assert report.startswith(
        "breaking for storefronts users: 0; generated layer only: 0; additive: 2\n\n# Vendor spec updates\n"
    )
    assert "## bitbybit" in report
    assert "### Breaking" not in report
    # the adapter never sends the new value, but reads the response field: measured, not listed by hand
    assert (
        '- `PUT /orders/{id} request body: status`: enum value `"on_hold"` added (`request-enum-value-added`; '
        "generated layer only)" in report
    )
    assert "(`response-enum-value-added`; reaches storefronts users)" in report
    assert '`PUT /orders/{id} response 200: data.status`: enum value `"on_hold"` added: additive for us' in report


def test_a_removed_response_enum_value_is_reported_breaking(site: DocSite, workspace: Workspace) -> None:
    workspace.write_sources(
        {"bitbybit": site.put("bitbybit-new.md", _edited(BITBYBIT_PAGE, *DROP_CANCELLED_FROM_RESPONSE))}
    )
    path = workspace.seed("bitbybit")

    assert main(workspace.args()) == 0  # a breaking change is news for the reviewer, not a failure

    assert b"            - cancelled\n            - refunded\n        fulfillmentStatus:" not in path.read_bytes()
    report = workspace.report.read_text(encoding="utf-8")
    assert report.startswith("breaking for storefronts users: 1; generated layer only: 0; additive: 0\n")
    assert "### Breaking for storefronts users" in report
    assert '`PUT /orders/{id} response 200: data.status`: enum value `"cancelled"` removed' in report


INVALID_SPEC_PAGE = "# Update order\n\n````yaml PUT /orders/{id}\nopenapi: 3.1.0\npaths: {}\n````\n"
BROKEN_YAML_PAGE = "# Update order\n\n````yaml PUT /orders/{id}\nopenapi: 3.1.0\ninfo: [unclosed\n````\n"


@pytest.mark.parametrize(
    ("serve", "reason"),
    [
        (lambda site: site.url(PROSE_PAGE), "no closed fenced ```yaml block"),
        (lambda site: site.put("invalid.md", INVALID_SPEC_PAGE), "does not validate as OpenAPI: 'info' is a required"),
        (lambda site: site.put("broken.md", BROKEN_YAML_PAGE), "is not valid YAML"),
        (lambda site: site.url("status/500"), "HTTP 500 Internal Server Error"),
        (lambda site: site.url("status/404"), "HTTP 404 Not Found"),
        (lambda site: _refused_url(), "ConnectError"),
    ],
    ids=["no-spec-block", "invalid-spec", "broken-yaml", "http-500", "http-404", "connection-refused"],
)
def test_a_failure_keeps_the_old_spec_and_goes_on_with_the_others(
    site: DocSite,
    workspace: Workspace,
    capsys: pytest.CaptureFixture[str],
    serve: Callable[[DocSite], str],
    reason: str,
) -> None:
    url = serve(site)
    workspace.write_sources({"bitbybit": url, "salesive": site.put("salesive-new.md", _page(SALESIVE_PAGE) + "\n")})
    kept = workspace.seed("bitbybit", b"# the spec we had\n")
    salesive = workspace.seed("salesive", b"openapi: 3.1.0\n")

    assert main(workspace.args()) == 1

    assert kept.read_bytes() == b"# the spec we had\n"
    assert kept.stat().st_mtime_ns == OLD_MTIME_NS
    assert salesive.read_bytes() == (SAVED_SPECS / "salesive.yaml").read_bytes()  # the others still go on
    err = capsys.readouterr().err
    assert f"bitbybit: NOT UPDATED, kept {kept}: " in err
    assert reason in err
    assert "FAILED for bitbybit" in err
    report = workspace.report.read_text(encoding="utf-8")
    assert "## salesive" in report
    assert "## Failed: specs kept as they were\n\n- bitbybit: " in report
    assert reason in report


def test_hand_written_specs_are_never_fetched(
    site: DocSite, workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.write_sources(
        {"salesive": site.url(SALESIVE_PAGE), "launchmystore": site.url(BITBYBIT_PAGE)}, hand_written=("launchmystore",)
    )
    workspace.seed("salesive")
    hand_written = workspace.seed("launchmystore", b"openapi: 3.1.0 # by hand\n")

    assert main(workspace.args()) == 0

    assert site.requested == [f"/{SALESIVE_PAGE}"]
    assert hand_written.read_bytes() == b"openapi: 3.1.0 # by hand\n"
    assert hand_written.stat().st_mtime_ns == OLD_MTIME_NS
    assert "launchmystore: hand-written: not fetched" in capsys.readouterr().out


def test_redirects_are_followed(site: DocSite, workspace: Workspace) -> None:
    workspace.write_sources({"bitbybit": site.url(f"moved/{BITBYBIT_PAGE}")})
    path = workspace.seed("bitbybit")
    assert main(workspace.args()) == 0
    assert site.requested == [f"/moved/{BITBYBIT_PAGE}", f"/{BITBYBIT_PAGE}"]
    assert path.stat().st_mtime_ns == OLD_MTIME_NS


def test_vendor_option_limits_the_run(site: DocSite, workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    workspace.write_sources({"bitbybit": site.url(BITBYBIT_PAGE), "salesive": site.url(SALESIVE_PAGE)})
    assert main([*workspace.args(), "--vendor", "salesive"]) == 0
    assert site.requested == [f"/{SALESIVE_PAGE}"]
    assert main([*workspace.args(), "--vendor", "nobody"]) == 2
    assert "unknown vendor(s): nobody" in capsys.readouterr().err


def test_runs_as_a_module(site: DocSite, workspace: Workspace) -> None:
    """What `make update-specs` runs: `python -m generator.update_specs`."""
    workspace.write_sources({"bitbybit": site.url(BITBYBIT_PAGE), "salesive": site.url("status/503")})
    workspace.seed("bitbybit")
    result = subprocess.run(
        [sys.executable, "-m", "generator.update_specs", *workspace.args()],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "bitbybit: unchanged" in result.stdout
    assert "salesive: NOT UPDATED" in result.stderr
    assert "HTTP 503" in result.stderr
