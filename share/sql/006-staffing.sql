-- 006-staffing.sql — what gw-staff and grid-code --check read from files
-- today, kept in the store too (gridwork-store(5), gw-staff(1)).
--
-- Only additions: a column at the end of workers and new tables, so that
-- every table and row of a store of 004 reads as it did.  No new named
-- index either: each table is small (a county's posts, hazards, micro
-- codes) and its primary key, whose automatic index lists nowhere,
-- leads with the column it is looked up by.
--
-- workers.left_on: the last day on post, or NULL while on post; a post
-- falls vacant the day after.  posts: who held which grid from when to
-- when (one row a spell; to_on NULL while held), so that a vacancy and
-- its length can be known after the roster has moved on: the key leads
-- with the grid.  hazards: the risk points of a village (林田路井、矿产资源、
-- 河流沟壑) that some grid must cover.  micro_codes: every 18-digit
-- micro-grid code ever issued, as grid_codes is for grids; its rows are
-- never deleted, so that a retired code is never issued again, and a
-- grid's codes are a range of the key (they begin with the grid code).

ALTER TABLE workers ADD COLUMN left_on TEXT;	-- date, or NULL

CREATE TABLE posts (
	grid_code	TEXT NOT NULL,			-- 15 digits
	worker_id	TEXT NOT NULL,
	from_on		TEXT NOT NULL,			-- date
	to_on		TEXT,				-- date, or NULL: held
	PRIMARY KEY (grid_code, worker_id, from_on),
	CHECK (to_on IS NULL OR to_on >= from_on)
);

CREATE TABLE hazards (
	hazard_id	TEXT NOT NULL PRIMARY KEY,
	village_code	TEXT NOT NULL,			-- 12 digits
	block		TEXT,
	address		TEXT,
	kind		TEXT				-- 林田路井, 矿产资源, ...
);

CREATE TABLE micro_codes (
	micro_grid_code	TEXT NOT NULL PRIMARY KEY,	-- 18 digits, never reused
	grid_code	TEXT NOT NULL,			-- 15 digits
	issued_at	TEXT NOT NULL,			-- UTC, 2026-11-22T11:27:17Z
	retired_at	TEXT				-- UTC, or NULL: in use
);
CREATE TRIGGER micro_codes_no_delete BEFORE DELETE ON micro_codes
BEGIN
	SELECT RAISE(ABORT, 'micro-grid codes are never forgotten');
END;
