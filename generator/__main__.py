"""``python -m generator``: regenerate ``generated/``; ``--check``: fail if it is stale."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ._generate import BUILD_DIR, GENERATED_DIR, GenerationError, generate_tree, tree_differences
from ._vendors import load_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--check", action="store_true", help="regenerate into build/ and compare with generated/")
    parser.add_argument(
        "--out", type=Path, default=None, help="write storefronts_generated/ here instead of into generated/"
    )
    args = parser.parse_args(argv)

    vendors = load_sources()
    out_dir: Path = args.out or (BUILD_DIR / "check" if args.check else GENERATED_DIR)

    started = time.perf_counter()
    try:
        generate_tree(vendors, out_dir, owned=args.out is None)
    except GenerationError as exc:
        print(f"generator: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started

    if not args.check:
        print(f"generated {len(vendors)} clients into {out_dir} in {elapsed:.1f}s")
        return 0
    stale = [f"generated/{name}" for name in tree_differences(out_dir, GENERATED_DIR)]
    if stale:
        print("generated/ is stale: it does not match specs/ + generator/. Run `make generate` and commit.")
        print("\n".join(f"  {name}" for name in stale))
        return 1
    print(f"generated/ is up to date with specs/ + generator/ ({len(vendors)} clients, {elapsed:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
