-- 008-month-track.sql — what gw-month's track stage needs so that a
-- month reads the cases it tracks and no more (gridwork-store(5),
-- gw-month(1)).
--
-- A case closed before the month began, whose row is stored, is not
-- replayed again: the month reads only the orders and log of the cases
-- still open at its start and of its new ones, and gives a closed case
-- as its row.  cases.provisional: whether the row's deadline was worked
-- out over a provisional calendar year, as case-track(1) writes it, so
-- that the stored row is the whole status row; NULL for a row written
-- before this migration (such a case is replayed).  case_log_at: the
-- month's rows of the log are found by their time.
ALTER TABLE cases ADD COLUMN provisional INTEGER CHECK (provisional IN (0, 1));
CREATE INDEX case_log_at ON case_log (at);
