"""An imported series in the registry keeps its extended dates: load, then export, equal.

``2013-04-01/2013-09-30`` is 21 characters: the registry's date columns hold it (on
PostgreSQL, which refuses what is longer than a column, as on SQLite).
"""

from __future__ import annotations

import pytest

from organogram.cli.main import main
from organogram.formats import load_dataset
from organogram.formats.dump import dataset_files

from .test_import_registry import DFID

pytestmark = pytest.mark.django_db


def test_an_imported_series_loads_and_exports_with_its_date_forms(tmp_path, capsys):
    folder = tmp_path / "dfid"
    assert main(["import", "uk-organogram", *DFID, "--into", str(folder)]) == 0
    written = load_dataset(folder)
    forms = {str(c.date) for c in written.timeline}
    assert forms == {"../2013-03-31", "2013-04-01/2013-09-30"}
    assert main(["load", str(folder), "--replace"]) == 0
    out = tmp_path / "exported"
    assert main(["export", str(out)]) == 0
    back = load_dataset(out)
    assert [(c.id, str(c.date), c.basis, c.note) for c in back.timeline] == [
        (c.id, str(c.date), c.basis, c.note) for c in written.timeline
    ]
    assert dataset_files(back) == dataset_files(written)
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
