"""Versions and the changelog: the bump a spec change report calls for, and a release's notes.

``make update-specs`` runs :func:`record_release` after refreshing the specs (``--release``): from the change report
it takes the bump (breaking for storefronts users: major; breaking or additive for the generated layer only:
minor; regenerated without a visible change: patch), writes the new version in its one place
(``wrappers/storefronts/_version.py``), and adds a ``CHANGELOG.md`` entry (Keep a Changelog) that takes what was
under ``## [Unreleased]`` and the report's lines under each vendor's name.

``python -m generator.release notes X.Y.Z`` prints that version's changelog section (the GitHub release's body);
``python -m generator.release check-tag vX.Y.Z`` fails unless the tag names the version in ``_version.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from . import spec_diff
from .spec_diff import Change

# not ._vendors' (it loads ruamel.yaml): the release job reads the changelog with the standard library alone
REPO_ROOT = Path(__file__).resolve().parent.parent
VERSION_FILE = REPO_ROOT / "wrappers" / "storefronts" / "_version.py"
CHANGELOG = REPO_ROOT / "CHANGELOG.md"
UNRELEASED = "Unreleased"

Bump = Literal["major", "minor", "patch"]

_VERSION_LINE = re.compile(r'^__version__ = "(?P<version>\d+\.\d+\.\d+)"$', re.MULTILINE)
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_SECTION = re.compile(r"^## \[(?P<name>[^\]]+)\](?P<rest>.*)$", re.MULTILINE)
_TAG = re.compile(r"^v(?P<version>\d+\.\d+\.\d+)$")


class ReleaseError(ValueError):
    """The version file, the changelog or a tag is not in the form this module reads; the message says which."""


class Counts(NamedTuple):
    """How big a spec change is: :class:`generator.spec_diff.ReportSummary`'s three numbers."""

    breaking_for_users: int
    generated_only: int
    additive: int


def bump_for(counts: Counts) -> Bump:
    """Major if storefronts users can break, minor if only the generated layer changed or anything was added,
    patch for a regeneration that changed nothing anyone can see."""
    if counts.breaking_for_users:
        return "major"
    if counts.generated_only or counts.additive:
        return "minor"
    return "patch"


def parse_version(version: str) -> tuple[int, int, int]:
    match = _VERSION.match(version)
    if match is None:
        raise ReleaseError(f"{version!r} is not a version of the form X.Y.Z")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def bumped(version: str, bump: Bump) -> str:
    major, minor, patch = parse_version(version)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def read_version(path: Path = VERSION_FILE) -> str:
    match = _VERSION_LINE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ReleaseError(f'{path}: no line `__version__ = "X.Y.Z"`')
    return match["version"]


def write_version(version: str, path: Path = VERSION_FILE) -> None:
    parse_version(version)
    text = path.read_text(encoding="utf-8")
    new_text, count = _VERSION_LINE.subn(f'__version__ = "{version}"', text)
    if count != 1:
        raise ReleaseError(f'{path}: expected one line `__version__ = "X.Y.Z"`, found {count}')
    path.write_text(new_text, encoding="utf-8")


# -- the change report's counts -----------------------------------------------------------------------------------


def summary_counts(changes: Sequence[Change]) -> Counts:
    """The report's three counts (``spec_diff.summarise``), as the bump reads them."""
    summary = spec_diff.summarise(list(changes))
    return Counts(summary.breaking_for_users, summary.generated_only, summary.additive)


def change_line(change: Change) -> str:
    """One changelog bullet for a report line: who it can break, where, and what."""
    if change.level == "breaking":
        prefix = (
            "**Breaking** for storefronts users: "
            if change.reaches == "facade"
            else "Breaking for the generated layer only: "
        )
    elif change.level == "additive":
        prefix = "Added: "
    else:
        prefix = ""
    return f"- {prefix}{change.location}: {change.detail}"


# -- the changelog ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Section:
    name: str
    start: int  # where its heading starts
    body_start: int  # after its heading line
    end: int  # where the next version's heading (or the link list, or the end) starts


def _sections(text: str) -> list[_Section]:
    matches = list(_SECTION.finditer(text))
    sections = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections.append(_Section(match["name"], match.start(), match.end() + 1, end))
    return sections


def release_notes(text: str, version: str) -> str:
    """The body of ``version``'s section of a Keep a Changelog file, without its heading."""
    for section in _sections(text):
        if section.name == version:
            body = text[section.body_start : section.end].strip("\n")
            return body + "\n" if body else ""
    raise ReleaseError(f"CHANGELOG.md has no section `## [{version}]`")


def has_entry(text: str, version: str) -> bool:
    return any(section.name == version for section in _sections(text))


def add_release(text: str, version: str, date: dt.date, vendor_lines: Iterable[tuple[str, Sequence[str]]]) -> str:
    """``text`` with a ``## [version] - date`` section: what was under Unreleased, then each vendor's lines.

    The Unreleased heading stays, empty, for the next hand-written changes.
    """
    if has_entry(text, version):
        raise ReleaseError(f"CHANGELOG.md already has a section for {version}")
    sections = {section.name: section for section in _sections(text)}
    unreleased = sections.get(UNRELEASED)
    if unreleased is None:
        raise ReleaseError("CHANGELOG.md has no `## [Unreleased]` section")
    hand_written = text[unreleased.body_start : unreleased.end].strip("\n")
    parts = [f"## [{version}] - {date.isoformat()}", ""]
    if hand_written:
        parts += [hand_written, ""]
    for vendor, lines in vendor_lines:
        parts += [f"### {vendor}", "", *lines, ""]
    new_section = "\n".join(parts) + "\n"
    return text[: unreleased.body_start] + "\n" + new_section + text[unreleased.end :]


def record_release(
    vendor_changes: Sequence[tuple[str, Sequence[Change]]],
    *,
    version_file: Path = VERSION_FILE,
    changelog: Path = CHANGELOG,
    today: dt.date | None = None,
) -> str | None:
    """Bump the version and write the changelog entry for the vendors whose specs changed; ``None`` if none did.

    Returns the new version.
    """
    if not vendor_changes:
        return None
    total = Counts(0, 0, 0)
    for _, changes in vendor_changes:
        counts = summary_counts(changes)
        total = Counts(*(a + b for a, b in zip(total, counts, strict=True)))
    version = bumped(read_version(version_file), bump_for(total))
    lines = [
        (vendor, [change_line(change) for change in changes] or ["- Regenerated: no change that the clients see."])
        for vendor, changes in vendor_changes
    ]
    text = add_release(changelog.read_text(encoding="utf-8"), version, today or dt.date.today(), lines)
    write_version(version, version_file)
    changelog.write_text(text, encoding="utf-8")
    return version


# -- command line -------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.release", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    notes = commands.add_parser("notes", help="print a version's changelog section")
    notes.add_argument("version")
    notes.add_argument("--changelog", type=Path, default=CHANGELOG)
    tag = commands.add_parser("check-tag", help="fail unless the tag vX.Y.Z names the version in _version.py")
    tag.add_argument("tag")
    tag.add_argument("--version-file", type=Path, default=VERSION_FILE)
    tag.add_argument("--changelog", type=Path, default=CHANGELOG)
    args = parser.parse_args(argv)

    try:
        if args.command == "notes":
            sys.stdout.write(release_notes(args.changelog.read_text(encoding="utf-8"), args.version))
            return 0
        match = _TAG.match(args.tag)
        version = read_version(args.version_file)
        if match is None or match["version"] != version:
            raise ReleaseError(f"tag {args.tag!r} is not v{version}, the version in {args.version_file.name}")
        if not has_entry(args.changelog.read_text(encoding="utf-8"), version):
            raise ReleaseError(f"CHANGELOG.md has no section `## [{version}]`")
    except ReleaseError as exc:
        sys.stderr.write(f"release: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
