"""`pip install .` (not editable) installs every subpackage and the compiled translations."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from registry.config import PROJECT_ROOT


def test_the_wheel_holds_every_module_and_the_translations(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(PROJECT_ROOT / "registry", source / "registry",
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    # Compiled as `make` does, in the copy: the test does not depend on a previous build.
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d",
                    str(source / "registry" / "translations")],
                   check=True, capture_output=True, timeout=60)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("registry-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "registry").rglob("*.py")}
    assert modules - names == set()
    assert {"registry/web/views/pages.py", "registry/web/api/openapi.py",
            "registry/content/loader.py", "registry/search/store.py"} <= names
    assert "registry/translations/en/LC_MESSAGES/messages.mo" in names
    assert "registry/translations/en/LC_MESSAGES/messages.po" in names
