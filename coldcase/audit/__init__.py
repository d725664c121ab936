"""The audit log: an append-only record of what staff did and saw (who, what, which record, when)."""
