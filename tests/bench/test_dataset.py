"""bench/dataset.py: a generated dataset folder is written once and reused by later runs."""

from __future__ import annotations

import json

import pytest

from bench import dataset
from bench.generate import generate
from organogram.formats import load_dataset

from .test_generate import TINY


def refuse(*args, **kwargs):
    raise AssertionError("should not be called")


def test_an_organization_already_generated_is_written_without_generating_it_again(
    tmp_path, monkeypatch
):
    org = generate(TINY, 5)
    monkeypatch.setattr(dataset, "generate", refuse)
    folder = dataset.write("tiny", 5, tmp_path / "d", False, progress=lambda _: None, org=org)
    stamp = json.loads((folder / dataset.STAMP).read_text())
    assert stamp == {"size": "tiny", "seed": 5, "without_post_moves": False}
    assert len(load_dataset(folder).timeline) == len(org.changes)


def test_a_folder_with_the_same_stamp_is_reused_and_another_is_written_again(
    tmp_path, monkeypatch
):
    org = generate(TINY, 5)
    folder = dataset.write("tiny", 5, tmp_path / "d", False, progress=lambda _: None, org=org)
    monkeypatch.setattr(dataset, "dump_dataset", refuse)
    told: list[str] = []
    assert dataset.write("tiny", 5, folder, False, progress=told.append, org=org) == folder
    assert told == [f"dataset already in {folder}"]
    # Another scope (without the post moves) is not the same dataset: it is written again.
    with pytest.raises(AssertionError, match="should not be called"):
        dataset.write("tiny", 5, folder, True, progress=lambda _: None, org=org)
    # …and the folder, half written, is no longer taken for a whole one.
    assert not (folder / dataset.STAMP).exists()
