"""Benchmarks of Organogram against recursive SQL, networkx and a NumPy floor.

Run with ``make bench`` (see bench/README.md); nothing here runs in the test suite
except a small check that the generator is deterministic and that its effective-dated
rows agree with the core's fold.
"""
