-- 005-cases-month.sql — what gw-month needs to route and track a month
-- from the store as case-route and case-track do from files
-- (gridwork-store(5), gw-month(1)).
--
-- events.settled: the event was settled on the spot (1) and gets no
-- dispatch order; without it a store would route what the file said was
-- settled.  cases.month: the month (YYYY-MM) whose last second the row's
-- state is as of, when gw-month wrote it; NULL for a row loaded from a
-- file.  A case still open at a month's end is written again by the next
-- month, so a month run again replaces its own rows and never a later
-- month's.
ALTER TABLE events ADD COLUMN settled INTEGER CHECK (settled IN (0, 1));
ALTER TABLE cases ADD COLUMN month TEXT;
