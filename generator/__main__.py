"""``python -m generator``: regenerate ``generated/``; ``--check``: fail if it is stale."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from ._generate import BUILD_DIR, GENERATED_DIR, GenerationError, generate_vendor, tree_differences
from ._vendors import load_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--check", action="store_true", help="regenerate into build/ and compare with generated/")
    parser.add_argument("--out", type=Path, default=None, help="write the packages here instead of generated/")
    args = parser.parse_args(argv)

    vendors = load_sources()
    out_dir: Path = args.out or (BUILD_DIR / "check" if args.check else GENERATED_DIR)
    if args.check:
        shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    try:
        for vendor in vendors:
            generate_vendor(vendor, out_dir)
    except GenerationError as exc:
        print(f"generator: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started

    if not args.check:
        print(f"generated {len(vendors)} clients into {out_dir} in {elapsed:.1f}s")
        return 0
    stale = [
        f"generated/{vendor.package}/{name}"
        for vendor in vendors
        for name in tree_differences(out_dir / vendor.package, GENERATED_DIR / vendor.package)
    ]
    if stale:
        print("generated/ is stale: it does not match specs/ + generator/. Run `make generate` and commit.")
        print("\n".join(f"  {name}" for name in stale))
        return 1
    print(f"generated/ is up to date with specs/ + generator/ ({len(vendors)} clients, {elapsed:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
