"""The NATS bus (issue 15): a room's console publishes its journal and summary, the floor follows
every room and sends cues, the archive keeps a copy of every journal.

Only `run --bus`, `floor` and `archive` import this package; `nats` (the optional `[bus]` extra)
is imported by the modules that talk to the server, never at the console's start-up.
"""
