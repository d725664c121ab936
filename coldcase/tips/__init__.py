"""Tip intake: the anonymous public tip form, receipts and the tipster's way back, the spool that keeps tips
when the database is down, and the commands staff use to enter tips that came by phone, letter or visit."""
