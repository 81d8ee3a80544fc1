"""``make check-reliability``: what a hostile or careless world does to the registry.

Each module is one bounded run against loopback only, on the embedded SQLite database and,
when a PostgreSQL server answers, on PostgreSQL too: ``fuzz`` (the API against its OpenAPI
description), ``loaders`` (malformed input to every loader and importer), ``writers``
(concurrent writers and ``kill -9``), ``slow_clients`` (connections that send half a
request) and ``memory`` (worker memory per write). ``run`` runs them all and writes
bench/results/reliability.md.
"""
