"""Where rule-set files are: the bundled folder, the jurisdictions file's name, and how a rule
file's path is shown in messages. Light on purpose: a run with a cached rule book needs no more."""

from __future__ import annotations

from pathlib import Path

JURISDICTIONS_FILE = "jurisdictions.yaml"


def bundled_dir() -> Path:
    """The rule sets shipped with the package.

    In a source checkout ``bundled_rules`` is a link to the project's ``rules/`` folder: it is followed,
    so that messages name ``rules/national.yaml``, the file a maintainer edits, not the link.
    """
    folder = Path(__file__).parents[1] / "bundled_rules"
    return folder.resolve() if folder.is_symlink() else folder


def shown_path(path: Path) -> str:
    """A rule file as messages name it: relative to the working folder when inside it, else absolute."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
