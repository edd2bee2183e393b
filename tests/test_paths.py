"""Finding the bundled article and assets: in a checkout, in an installed wheel, neither.

The installed wheel itself is tried in tests/test_packaging.py; here, the layouts as folders.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk import paths

from .conftest import BUNDLED, ROOT


def test_a_checkout_uses_its_top_level_content_and_assets():
    # The tests import the checkout's kiosk/ (directly or through the editable install).
    assert paths.bundled_content() == ROOT / "content"
    assert paths.assets_dir() == ROOT / "assets"
    assert (paths.assets_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()


def _package(folder: Path) -> Path:
    package = folder / "kiosk"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    return package


def test_a_wheel_uses_the_folders_inside_the_package(tmp_path):
    package = _package(tmp_path / "site-packages")
    (package / "_bundled" / "content").mkdir(parents=True)
    (package / "_bundled" / "assets").mkdir()
    assert paths.find_bundled(package, "content") == package / "_bundled" / "content"
    assert paths.find_bundled(package, "assets") == package / "_bundled" / "assets"


def test_a_stray_folder_beside_an_installed_package_is_not_used(tmp_path):
    site_packages = tmp_path / "site-packages"
    package = _package(site_packages)
    (site_packages / "content").mkdir()  # some other project's
    # Not found: the answer names where a wheel has it, for the error message.
    assert paths.find_bundled(package, "content") == package / "_bundled" / "content"


def test_main_py_from_another_folder_shows_the_checkouts_article(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Article: {BUNDLED}" in result.stdout
    assert "Start screen: Ketamine as a treatment for chronic pain" in result.stdout
