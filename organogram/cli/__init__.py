"""The ``organogram`` command line: a thin layer over the core and the queries."""
