"""Packaging: the theme ships inside the package.

``themes/minutebook/`` stays the theme's source in this repository; building
a wheel copies it to ``minutebook/theme/``, where ``minutebook.theme_path()``
finds it once installed. An editable install (``pip install -e .``) copies
nothing: ``theme_path()`` then finds ``themes/minutebook/`` in the checkout.
Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

THEME_SOURCE = Path(__file__).resolve().parent / "themes" / "minutebook"
THEME_IN_PACKAGE = Path("minutebook") / "theme"


class BuildWithTheme(build_py):
    """build_py, plus a fresh copy of the theme under the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / THEME_IN_PACKAGE
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(THEME_SOURCE, target)


setup(cmdclass={"build_py": BuildWithTheme})
