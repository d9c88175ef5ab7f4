"""The shipped data (framework, vocabularies, styles, icons, sample cases) stays in the
top-level `resources/` and `sample_cases/` folders of the repository and is installed as
the data packages `workbench_resources` and `workbench_samples`, read with
importlib.resources (workbench/resources.py)."""

from pathlib import Path

from setuptools import find_packages, setup

DATA = {"workbench_resources": "resources", "workbench_samples": "sample_cases"}


def data_packages() -> list[str]:
    """Each data folder and its subfolders, as packages (setuptools installs the files of
    declared packages only)."""
    names = []
    for package, folder in DATA.items():
        root = Path(__file__).parent / folder
        for sub in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
            if "__pycache__" not in sub.parts:
                names.append(".".join([package, *sub.relative_to(root).parts]))
    return names


PACKAGES = data_packages()

setup(
    packages=[*find_packages(include=["workbench", "workbench.*", "ui", "ui.*"]), *PACKAGES],
    package_dir=DATA,
    package_data={name: ["*"] for name in PACKAGES},
)
