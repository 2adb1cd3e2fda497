-- Run once on a database Tally has migrated and the harness has seeded (UseLoad --setup-only):
-- the sequence that numbers the legs of the shared accounts in the floor scripts.
CREATE SEQUENCE IF NOT EXISTS pgbench_leg_seq;
