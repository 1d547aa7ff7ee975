"""The built artifacts and a wheelhouse of their dependencies, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.release.release_check import Artifacts, build, wheelhouse


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Artifacts:
    return build(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def wheels(artifacts: Artifacts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return wheelhouse(artifacts, tmp_path_factory.mktemp("wheelhouse"))
