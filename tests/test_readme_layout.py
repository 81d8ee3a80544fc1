"""The README's layout names every package of organogram/, so a newcomer finds each."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_in_the_readme_layout():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") :]
    layout = layout[: layout.index("\n## ", 1)]
    packages = sorted(
        p.name for p in (ROOT / "organogram").iterdir() if (p / "__init__.py").is_file()
    )
    assert packages, "no packages found under organogram/"
    missing = [p for p in packages if f"`organogram/{p}/`" not in layout]
    assert not missing, f"README.md's Layout does not list: {', '.join(missing)}"
