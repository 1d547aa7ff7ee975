"""The release step: the bump a change report calls for, the version's one place, the changelog, the notes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

import storefronts
from generator import release
from generator.release import Counts, ReleaseError, add_release, bump_for, bumped, release_notes
from generator.update_specs import main as update_specs
from tests.update_specs.test_update_specs import (  # the offline documentation site and its saved pages
    ADD_ON_HOLD,
    BITBYBIT_PAGE,
    DocSite,
    Workspace,
    _edited,
    site,
    workspace,
)

__all__ = ["site", "workspace"]  # fixtures, imported for pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2027, 3, 4)
CHANGELOG = """# Changelog

Intro.

## [Unreleased]

### Fixed

- A hand-written fix.

## [1.4.2] - 2027-01-01

### Added

- Something.

## [1.4.1] - 2026-12-24

- Older.
"""


@pytest.mark.parametrize(
    ("counts", "bump"),
    [
        (Counts(1, 0, 0), "major"),
        (Counts(1, 5, 7), "major"),
        (Counts(0, 1, 0), "minor"),
        (Counts(0, 0, 1), "minor"),
        (Counts(0, 2, 3), "minor"),
        (Counts(0, 0, 0), "patch"),
    ],
)
def test_the_bump_follows_the_report(counts: Counts, bump: str) -> None:
    assert bump_for(counts) == bump


@pytest.mark.parametrize(("bump", "version"), [("major", "2.0.0"), ("minor", "1.5.0"), ("patch", "1.4.3")])
def test_bumped(bump: release.Bump, version: str) -> None:
    assert bumped("1.4.2", bump) == version


def test_a_new_release_takes_the_unreleased_changes_and_the_report_lines() -> None:
    text = add_release(CHANGELOG, "1.5.0", TODAY, [("bitbybit", ["- Added: a field."]), ("salesive", ["- x"])])
    assert release_notes(text, "Unreleased") == ""
    assert release_notes(text, "1.5.0") == (
        "### Fixed\n\n- A hand-written fix.\n\n### bitbybit\n\n- Added: a field.\n\n### salesive\n\n- x\n"
    )
    assert "## [1.5.0] - 2027-03-04\n" in text
    assert text.index("## [Unreleased]") < text.index("## [1.5.0]") < text.index("## [1.4.2]")
    assert release_notes(text, "1.4.2") == "### Added\n\n- Something.\n"  # the older ones untouched
    with pytest.raises(ReleaseError, match=re.escape("already has a section for 1.5.0")):
        add_release(text, "1.5.0", TODAY, [])


def test_release_notes_are_one_section_and_nothing_else() -> None:
    assert release_notes(CHANGELOG, "1.4.2") == "### Added\n\n- Something.\n"
    assert release_notes(CHANGELOG, "1.4.1") == "- Older.\n"  # the last section runs to the end
    with pytest.raises(ReleaseError, match=re.escape("no section `## [9.9.9]`")):
        release_notes(CHANGELOG, "9.9.9")


def test_the_changelog_has_an_entry_for_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert release.has_entry(text, storefronts.__version__), f"CHANGELOG.md: no `## [{storefronts.__version__}]`"
    assert release_notes(text, storefronts.__version__).strip()
    assert release.has_entry(text, release.UNRELEASED)
    assert release.read_version() == storefronts.__version__


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.release", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_notes_command_prints_the_section_the_github_release_shows(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG, encoding="utf-8")
    result = _cli("notes", "1.4.2", "--changelog", str(changelog))
    assert (result.returncode, result.stdout) == (0, "### Added\n\n- Something.\n")
    missing = _cli("notes", "3.0.0", "--changelog", str(changelog))
    assert missing.returncode == 1
    assert "no section `## [3.0.0]`" in missing.stderr


def test_check_tag_wants_the_tag_of_the_version() -> None:
    version = storefronts.__version__
    assert _cli("check-tag", f"v{version}").returncode == 0
    wrong = _cli("check-tag", f"v{bumped(version, 'patch')}")
    assert wrong.returncode == 1
    assert f"is not v{version}" in wrong.stderr
    assert _cli("check-tag", version).returncode == 1  # no v


# -- make update-specs --release, end to end over the offline documentation site -----------------------------------

# Order.total goes from the response: the adapter reads it into Order.total.
DROP_TOTAL_FROM_RESPONSE = (("        total:\n          type: number\n        currency:", "        currency:"),)


def _release_files(tmp_path: Path, version: str) -> tuple[Path, Path]:
    version_file = tmp_path / "_version.py"
    version_file.write_text(f'__version__ = "{version}"\n', encoding="utf-8")
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG, encoding="utf-8")
    return version_file, changelog


CASES = {
    "response-field-removed-major": (
        DROP_TOTAL_FROM_RESPONSE,
        "2.0.0",
        "- **Breaking** for storefronts users: PUT /orders/{id} response 200: data.total:",
    ),
    "enum-value-added-minor": (ADD_ON_HOLD, "1.5.0", "- Added: PUT /orders/{id} request body: status:"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_update_specs_release_bumps_and_writes_the_changelog(
    site: DocSite, workspace: Workspace, tmp_path: Path, case: str
) -> None:
    edits, version, expected_line = CASES[case]
    version_file, changelog = _release_files(tmp_path, "1.4.2")
    workspace.write_sources({"bitbybit": site.put("bitbybit-new.md", _edited(BITBYBIT_PAGE, *edits))})
    workspace.seed("bitbybit")

    args = ["--release", "--version-file", str(version_file), "--changelog", str(changelog)]
    assert update_specs(workspace.args(*args)) == 0

    assert version_file.read_text(encoding="utf-8") == f'__version__ = "{version}"\n'
    notes = release_notes(changelog.read_text(encoding="utf-8"), version)
    assert notes.startswith("### Fixed\n\n- A hand-written fix.\n\n### bitbybit\n\n"), notes
    assert expected_line in notes, notes


def test_update_specs_release_with_nothing_changed_leaves_the_version(
    site: DocSite, workspace: Workspace, tmp_path: Path
) -> None:
    version_file, changelog = _release_files(tmp_path, "1.4.2")
    workspace.write_sources({"bitbybit": site.url(BITBYBIT_PAGE)})
    workspace.seed("bitbybit")
    args = ["--release", "--version-file", str(version_file), "--changelog", str(changelog)]
    assert update_specs(workspace.args(*args)) == 0
    assert version_file.read_text(encoding="utf-8") == '__version__ = "1.4.2"\n'
    assert changelog.read_text(encoding="utf-8") == CHANGELOG


def test_a_spec_rewritten_without_a_visible_change_is_a_patch(tmp_path: Path) -> None:
    version_file, changelog = _release_files(tmp_path, "1.4.2")
    assert release.record_release([("salesive", [])], version_file=version_file, changelog=changelog, today=TODAY)
    assert version_file.read_text(encoding="utf-8") == '__version__ = "1.4.3"\n'
    assert "### salesive\n\n- Regenerated: no change that the clients see.\n" in changelog.read_text(encoding="utf-8")
