"""Tests of the pure core: dates, changes, structure, timeline, diff, validation, plans."""
