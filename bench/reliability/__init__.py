"""``make check-reliability``: what a hostile or careless world does to the registry (issue 20).

Each module is one run of the check, bounded in time and made against loopback only.
"""
