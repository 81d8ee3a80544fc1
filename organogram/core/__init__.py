"""The pure domain of Organogram: dated changes, snapshots, timelines, plans.

Nothing in this package imports a web framework or touches a database; the web
application, the API, the command line and the loaders all call into it, so every
rule about the structure of an organization lives here once.
"""
