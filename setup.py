"""The shipped data (framework, vocabularies, styles, icons, sample cases) stays in the
top-level `resources/` and `sample_cases/` folders of the repository and is installed as
the data packages `workbench_resources` and `workbench_samples`, read with
importlib.resources (workbench/resources.py)."""

from setuptools import find_packages, setup

DATA = {"workbench_resources": "resources", "workbench_samples": "sample_cases"}

setup(
    packages=[*find_packages(include=["workbench", "workbench.*", "ui", "ui.*"]), *DATA],
    package_dir=DATA,
    package_data={name: ["*", "**/*"] for name in DATA},
)
