"""The public API of ``storefronts`` as data, and what a change to it means for the version number.

``python -m tests.release.api_snapshot --write`` (``make api-snapshot``) records the API in ``api/storefronts.json``
with the version in ``wrappers/storefronts/_version.py``; ``tests/test_public_api.py`` compares the code with it on
every ``make test``. griffe reads the code statically (nothing is imported, so no extra needs installing): the names
in ``__all__`` of ``storefronts``, ``storefronts.errors`` and ``storefronts.testing``, each class's public members
(inherited ones too: ``Client`` gets most of its own from a private base), every signature, attribute annotations
and values (enum members, dataclass fields and their defaults, constants), the error tree's bases and attributes,
and the private type aliases that public signatures use (``StatusArg``), since a change there changes the signature.

Why a snapshot of our own shape rather than griffe's ``find_breaking_changes``: that compares two griffe trees,
and the old one would have to come from a git tag (absent from CI's shallow clones) or from griffe's own JSON,
which carries line numbers and docstrings, so every edit anywhere would rewrite the snapshot. Ours holds one
readable line per public name, so a reviewer reads an API change in the diff. The rules follow griffe's breakage
kinds, more strictly: a changed annotation counts as breaking (griffe leaves those alone).

* a name or member removed, its kind changed, a base removed, a parameter removed, moved, made required, given
  another kind, annotation or default, a required parameter added, a return annotation, an attribute's annotation
  or value changed: **breaking** (a major version);
* a name or member added, a base added, an optional parameter added: **additive** (a minor version).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import griffe

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "api" / "storefronts.json"
VERSION_FILE = ROOT / "wrappers" / "storefronts" / "_version.py"
SEARCH_PATH = ROOT / "wrappers"
# the public Vendor enum and VendorName are generated (storefronts_generated._vendors) and re-exported
GENERATED_SEARCH_PATH = ROOT / "generated"
PUBLIC_MODULES = ("storefronts", "storefronts.errors", "storefronts.testing")
# dunder methods a caller uses directly or through syntax; the rest (__repr__, __eq__, ...) is not API we version
PUBLIC_DUNDERS = frozenset(
    {"__init__", "__call__", "__enter__", "__exit__", "__aenter__", "__aexit__", "__iter__", "__len__"}
)
# the version itself changes with every release: its existence is API, its value is not
VALUE_NOT_RECORDED = frozenset({"storefronts.__version__"})

Level = Literal["breaking", "additive"]
Description = dict[str, Any]

_VERSION = re.compile(r'^__version__\s*=\s*"(?P<version>\d+\.\d+\.\d+)"\s*$', re.MULTILINE)


@dataclass(frozen=True)
class APIChange:
    level: Level
    path: str
    detail: str

    def __str__(self) -> str:
        return f"{self.level}: {self.path}: {self.detail}"


# -- reading the code --------------------------------------------------------------------------------------------


def current_version(path: Path = VERSION_FILE) -> str:
    match = _VERSION.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f'{path}: no `__version__ = "X.Y.Z"` line')
    return match["version"]


def parse_version(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def _is_public(name: str) -> bool:
    return not name.startswith("_") or name in PUBLIC_DUNDERS


def _text(expression: object) -> str | None:
    return None if expression is None else str(expression)


def _aliases_used(expression: object, package: griffe.Object) -> Iterator[tuple[str, str]]:
    """(path, value) of every private type alias of ours that an annotation names."""
    if not isinstance(expression, griffe.Expr):
        return
    for part in expression.iterate(flat=True):
        if not isinstance(part, griffe.ExprName):
            continue
        path = part.canonical_path
        if not path.startswith("storefronts.") or all(_is_public(segment) for segment in path.split(".")):
            continue
        try:
            target = package.modules_collection.get_member(path)
        except (KeyError, ValueError):
            continue
        if isinstance(target, griffe.Attribute) and target.value is not None:
            yield path, str(target.value)


def _describe_function(function: griffe.Function, package: griffe.Object, types: dict[str, str]) -> Description:
    parameters = []
    for parameter in function.parameters:
        parameters.append(
            {
                "name": parameter.name,
                "kind": parameter.kind.value,
                "annotation": _text(parameter.annotation),
                "default": _text(parameter.default),
            }
        )
        types.update(_aliases_used(parameter.annotation, package))
    types.update(_aliases_used(function.returns, package))
    return {
        "kind": "function",
        "signature": f"({_show_parameters(parameters)}) -> {_text(function.returns)}",
        "parameters": parameters,
        "returns": _text(function.returns),
        "labels": sorted(function.labels),
    }


def _show_parameters(parameters: list[dict[str, Any]]) -> str:
    shown: list[str] = []
    for parameter in parameters:
        kind = parameter["kind"]
        if kind == "keyword-only" and not any(
            p["kind"] in {"keyword-only", "variadic positional"} for p in parameters[: len(shown)]
        ):
            shown.append("*")
        shown.append(_show_parameter(parameter))
    return ", ".join(shown)


def _show_parameter(parameter: Mapping[str, Any]) -> str:
    prefix = {"variadic positional": "*", "variadic keyword": "**"}.get(parameter["kind"], "")
    shown = prefix + parameter["name"]
    if parameter["annotation"] is not None:
        shown += f": {parameter['annotation']}"
    if parameter["default"] is not None and not prefix:
        shown += f" = {parameter['default']}"
    return shown


def _describe(
    obj: griffe.Object | griffe.Alias, path: str, package: griffe.Object, api: dict[str, Description]
) -> None:
    types: dict[str, str] = api.setdefault("__types__", {})
    target = obj.final_target if isinstance(obj, griffe.Alias) else obj
    if isinstance(target, griffe.Module):
        api[path] = {"kind": "module", "target": target.path}
    elif isinstance(target, griffe.Class):
        bases = [base.canonical_path if isinstance(base, griffe.Expr) else str(base) for base in target.bases]
        api[path] = {"kind": "class", "bases": [base for base in bases if all(map(_is_public, base.split(".")))]}
        for name, member in sorted(target.all_members.items()):
            if _is_public(name):
                _describe(member, f"{path}.{name}", package, api)
    elif isinstance(target, griffe.Function):
        api[path] = _describe_function(target, package, types)
    elif isinstance(target, griffe.Attribute):
        types.update(_aliases_used(target.annotation, package))
        api[path] = {
            "kind": "attribute",
            "annotation": _text(target.annotation),
            "value": None if path in VALUE_NOT_RECORDED or _set_per_instance(target) else _text(target.value),
            "labels": sorted(target.labels),
        }
    else:  # pragma: no cover - griffe's kinds are the four above (type aliases come as attributes before 3.12)
        api[path] = {"kind": str(target.kind.value)}


def _set_per_instance(attribute: griffe.Attribute) -> bool:
    """``self.body = body`` in ``__init__``: the value is how it is computed, not API (its annotation is)."""
    return "instance-attribute" in attribute.labels and "class-attribute" not in attribute.labels


def read_api(search_path: Path = SEARCH_PATH) -> dict[str, Description]:
    """The public API of the code under ``search_path``: ``{dotted path: description}``, plus ``__types__``."""
    package = griffe.load(
        "storefronts",
        search_paths=[str(search_path), str(GENERATED_SEARCH_PATH)],
        resolve_aliases=True,
        resolve_external=True,
        store_source=False,
    )
    api: dict[str, Description] = {"__types__": {}}
    for module_path in PUBLIC_MODULES:
        module = package.modules_collection.get_member(module_path)
        api[module_path] = {"kind": "module", "all": list(module.exports or [])}
        for name in module.exports or []:
            _describe(module[name], f"{module_path}.{name}", package, api)
    api["__types__"] = dict(sorted(api["__types__"].items()))
    return dict(sorted(api.items()))


# -- comparing ----------------------------------------------------------------------------------------------------


def compare(old: Mapping[str, Description], new: Mapping[str, Description]) -> list[APIChange]:
    """Every public difference from ``old`` to ``new``, each breaking or additive."""
    changes: list[APIChange] = []
    old_types, new_types = old.get("__types__", {}), new.get("__types__", {})
    for name in sorted(old_types.keys() & new_types.keys()):
        if old_types[name] != new_types[name]:
            changes.append(APIChange("breaking", name, f"type alias changed: {old_types[name]} -> {new_types[name]}"))
    old_paths = {path for path in old if path != "__types__"}
    new_paths = {path for path in new if path != "__types__"}
    for path in sorted(old_paths - new_paths):
        changes.append(APIChange("breaking", path, f"{old[path]['kind']} removed"))
    for path in sorted(new_paths - old_paths):
        changes.append(APIChange("additive", path, f"{new[path]['kind']} added"))
    for path in sorted(old_paths & new_paths):
        changes += _compare_one(path, old[path], new[path])
    return changes


def _compare_one(path: str, old: Description, new: Description) -> list[APIChange]:
    if old == new:
        return []
    if old["kind"] != new["kind"]:
        return [APIChange("breaking", path, f"kind changed: {old['kind']} -> {new['kind']}")]
    kind = old["kind"]
    if kind == "module":
        # names leaving or joining __all__ are reported as removed or added paths
        return []
    if kind == "class":
        removed = [base for base in old["bases"] if base not in new["bases"]]
        added = [base for base in new["bases"] if base not in old["bases"]]
        return [APIChange("breaking", path, f"base removed: {base}") for base in removed] + [
            APIChange("additive", path, f"base added: {base}") for base in added
        ]
    if kind == "function":
        return _compare_functions(path, old, new)
    return [
        APIChange("breaking", path, f"{key} changed: {old.get(key)} -> {new.get(key)}") for key in _differing(old, new)
    ]


def _differing(old: Description, new: Description) -> list[str]:
    return [key for key in sorted(old.keys() | new.keys()) if key != "signature" and old.get(key) != new.get(key)]


def _compare_functions(path: str, old: Description, new: Description) -> list[APIChange]:
    changes: list[APIChange] = []
    if old["returns"] != new["returns"]:
        changes.append(APIChange("breaking", path, f"return annotation changed: {old['returns']} -> {new['returns']}"))
    if old["labels"] != new["labels"]:
        changes.append(APIChange("breaking", path, f"labels changed: {old['labels']} -> {new['labels']}"))
    old_params = {p["name"]: (index, p) for index, p in enumerate(old["parameters"])}
    new_params = {p["name"]: (index, p) for index, p in enumerate(new["parameters"])}
    positional = {"positional-only", "positional or keyword"}
    for name, (index, parameter) in old_params.items():
        where = f"{path}({name})"
        if name not in new_params:
            changes.append(APIChange("breaking", where, "parameter removed"))
            continue
        new_index, new_parameter = new_params[name]
        if parameter["kind"] in positional and new_index != index:
            changes.append(APIChange("breaking", where, f"parameter moved: position {index} -> {new_index}"))
        for key in ("kind", "annotation", "default"):
            if parameter[key] != new_parameter[key]:
                changes.append(
                    APIChange("breaking", where, f"parameter {key} changed: {parameter[key]} -> {new_parameter[key]}")
                )
    for name, (_, parameter) in new_params.items():
        if name in old_params:
            continue
        optional = parameter["default"] is not None or parameter["kind"].startswith("variadic")
        level: Level = "additive" if optional else "breaking"
        changes.append(APIChange(level, f"{path}({name})", f"{'optional' if optional else 'required'} parameter added"))
    return changes


def required_bump(changes: list[APIChange]) -> Literal["major", "minor", "none"]:
    if any(change.level == "breaking" for change in changes):
        return "major"
    return "minor" if changes else "none"


def bump_is_enough(recorded: str, current: str, changes: list[APIChange]) -> bool:
    """Whether ``current`` is far enough from ``recorded`` for ``changes`` (major for breaking, minor for additive)."""
    old, new = parse_version(recorded), parse_version(current)
    bump = required_bump(changes)
    if bump == "major":
        return new[0] > old[0]
    if bump == "minor":
        return new[:2] > old[:2]
    return new >= old


# -- the snapshot file --------------------------------------------------------------------------------------------


def load_snapshot(path: Path = SNAPSHOT) -> tuple[str, dict[str, Description]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["version"], data["api"]


def render_snapshot(version: str, api: Mapping[str, Description]) -> str:
    """JSON with one line per public name, so a change to the API reads as a one-line diff."""
    comment = "The public API of storefronts at this version. Written by `make api-snapshot`, never by hand."
    entries = ",\n".join(f"    {json.dumps(path)}: {json.dumps(api[path], ensure_ascii=False)}" for path in api)
    return (
        "{\n"
        f'  "comment": {json.dumps(comment)},\n'
        f'  "version": {json.dumps(version)},\n'
        f'  "api": {{\n{entries}\n  }}\n'
        "}\n"
    )


def released(version: str, repo: Path = ROOT) -> bool:
    """Whether this repository has the tag ``vVERSION`` (a shallow clone without tags answers no)."""
    result = subprocess.run(
        ["git", "-C", str(repo), "tag", "--list", f"v{version}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and bool(result.stdout.strip())


def check_message(recorded: str, current: str, changes: list[APIChange]) -> str:
    bump = required_bump(changes)
    lines = [
        f"The public API changed since {recorded} (api/storefronts.json); these changes need a {bump} version "
        f"bump, and wrappers/storefronts/_version.py says {current}:",
        *(f"  {change}" for change in changes),
        "Bump the version (and say so in CHANGELOG.md), then run `make api-snapshot`.",
        f"If {recorded} has not been released (no tag v{recorded}), `make api-snapshot` records the change in it.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.release.api_snapshot", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="record the code's API at the current version")
    action.add_argument("--check", action="store_true", help="fail unless the version bump fits the API change")
    action.add_argument(
        "--check-current", action="store_true", help="fail unless the snapshot is the code's API at this version"
    )
    args = parser.parse_args(argv)

    version, api = current_version(), read_api()
    recorded, old = load_snapshot() if SNAPSHOT.exists() else (version, {})
    changes = compare(old, api)
    if args.check_current:
        if recorded != version or changes:
            sys.stderr.write(
                f"api/storefronts.json records {recorded} with {len(changes)} difference(s) from the code at "
                f"{version}: run `make api-snapshot` and commit it before releasing.\n"
            )
            return 1
        return 0
    enough = bump_is_enough(recorded, version, changes)
    if args.check:
        if not enough:
            sys.stderr.write(check_message(recorded, version, changes) + "\n")
            return 1
        return 0
    if not enough and released(recorded):
        sys.stderr.write(check_message(recorded, version, changes) + "\n")
        sys.stderr.write(f"v{recorded} is released: its snapshot stays until the version is bumped.\n")
        return 1
    for change in changes:
        sys.stdout.write(f"  {change}\n")
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(render_snapshot(version, api), encoding="utf-8")
    sys.stdout.write(f"wrote {SNAPSHOT.relative_to(ROOT)}: the public API of storefronts {version}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
