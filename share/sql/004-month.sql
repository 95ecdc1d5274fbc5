-- 004-month.sql — the store as the system of record of a month
-- (gridwork-store(5), gw-month(1), grid-code(1)).
--
-- assignment: which grid each household is in, as grid-code -d wrote it
-- back (one row a household; a re-division of a village replaces that
-- village's rows).  grid_codes: every grid code ever issued, with when it
-- was issued and retired; grid-code reads it back as part of the previous
-- division, so that a code is never issued twice however often a village
-- is re-divided, and its rows are never deleted.  profiles: the policy
-- profile each county was last run with, so that a command run without
-- -p can say that it used another.  orders: the dispatch orders of
-- case-route, which case-track reads with the case log.

CREATE TABLE assignment (
	household_id	TEXT NOT NULL PRIMARY KEY,
	village_code	TEXT NOT NULL,			-- 12 digits
	block		TEXT,
	persons		INTEGER CHECK (persons >= 0),
	grid_code	TEXT NOT NULL,			-- 15 digits
	micro_grid_code	TEXT				-- 18 digits, or NULL
);
CREATE INDEX assignment_village ON assignment (village_code);
CREATE INDEX assignment_grid ON assignment (grid_code);

CREATE TABLE grid_codes (
	grid_code	TEXT NOT NULL PRIMARY KEY,	-- 15 digits, never reused
	village_code	TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('base', 'dedicated')),
	issued_at	TEXT NOT NULL,			-- UTC, 2026-11-22T11:27:17Z
	retired_at	TEXT				-- UTC, or NULL: in use
);
CREATE INDEX grid_codes_village ON grid_codes (village_code);
CREATE TRIGGER grid_codes_no_delete BEFORE DELETE ON grid_codes
BEGIN
	SELECT RAISE(ABORT, 'grid codes are never forgotten');
END;

CREATE TABLE profiles (
	county_code	TEXT NOT NULL PRIMARY KEY,	-- 6 digits
	policy		TEXT NOT NULL,			-- profile name or file
	at		TEXT NOT NULL			-- UTC of the last run
);

CREATE TABLE orders (
	case_id		TEXT NOT NULL PRIMARY KEY,
	event_id	TEXT NOT NULL,
	grid_code	TEXT NOT NULL,
	category	TEXT,
	urgency		TEXT,
	level		TEXT,
	department	TEXT,
	assigned_at	TEXT,				-- time
	deadline	TEXT,				-- time
	"limit"		TEXT,				-- working days, or hours: 24h
	provisional	INTEGER CHECK (provisional IN (0, 1))
);
CREATE INDEX orders_event ON orders (event_id);
