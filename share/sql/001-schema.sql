-- 001-schema.sql — the first schema of a gridwork store (gridwork-store(5)).
--
-- share/sql/ is the only source of the schema: lib/store.c applies the
-- files NNN-*.sql in order, each in its own transaction, and sets
-- PRAGMA user_version to NNN of the last one applied.  Never edit a file
-- that has shipped: change the schema with a new, higher-numbered file.
--
-- Column names are the data contracts of gridwork-store(5), nothing renamed.
-- Storage: codes, ids and identity numbers TEXT (leading zeros survive);
-- dates TEXT 'YYYY-MM-DD', times TEXT 'YYYY-MM-DD HH:MM:SS' (civil time,
-- so they sort and compare as text), months TEXT 'YYYY-MM'; flags INTEGER
-- 0/1; counts INTEGER; rates, points and scores REAL; money INTEGER fen
-- (1 yuan = 100 fen) under the contract's column name.  An empty optional
-- value is NULL.
--
-- No FOREIGN KEY clauses: every contract table may be loaded on its own
-- (a township loads events and case_log without the census), so a link
-- is checked by gw-load against the linked table only when that table has
-- rows.  A declared foreign key would make one loading order mandatory.
-- The links are listed in gridwork-store(5).
--
-- Rows keep their order of arrival in the rowid; tables are not WITHOUT
-- ROWID because their secondary indexes would then carry the whole key
-- (measured: larger and slower to load).

CREATE TABLE regions (
	code		TEXT NOT NULL PRIMARY KEY,	-- 2..12-digit division code
	name		TEXT NOT NULL,
	kind		TEXT CHECK (kind IN ('urban', 'rural'))
);

CREATE TABLE persons (
	id_number	TEXT NOT NULL PRIMARY KEY,	-- 18 characters, normalised
	name		TEXT NOT NULL,
	household_id	TEXT NOT NULL,
	relation	TEXT,				-- 户主, 配偶, 子女, ...
	village_code	TEXT NOT NULL,			-- 12 digits
	block		TEXT,				-- 楼栋 or 村民小组
	address		TEXT,
	phone		TEXT,
	tags		TEXT				-- ';'-separated
);
CREATE INDEX persons_village ON persons (village_code);
CREATE INDEX persons_household ON persons (household_id);

CREATE TABLE households (
	household_id	TEXT NOT NULL PRIMARY KEY,
	village_code	TEXT NOT NULL,
	block		TEXT,
	address		TEXT,
	persons		INTEGER CHECK (persons >= 0)
);
CREATE INDEX households_village ON households (village_code, block);

CREATE TABLE units (
	unit_id		TEXT NOT NULL PRIMARY KEY,
	name		TEXT NOT NULL,
	village_code	TEXT NOT NULL,
	kind		TEXT,				-- school, hospital, firm, ...
	people		INTEGER CHECK (people >= 0)
);
CREATE INDEX units_village ON units (village_code);

CREATE TABLE grids (
	grid_code	TEXT NOT NULL PRIMARY KEY,	-- 15 digits, never reused
	village_code	TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('base', 'dedicated')),
	households	INTEGER CHECK (households >= 0),
	residents	INTEGER CHECK (residents >= 0),
	blocks		TEXT,				-- ';'-separated
	note		TEXT,				-- grid-code: rules the grid breaks
	status		TEXT CHECK (status IN ('kept', 'new', 'retired'))
);
CREATE INDEX grids_village ON grids (village_code);

CREATE TABLE workers (
	worker_id	TEXT NOT NULL PRIMARY KEY,
	id_number	TEXT NOT NULL,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL,			-- 网格长, 专职网格员, ...
	grid_code	TEXT,
	township_code	TEXT,				-- 9 digits
	employment	TEXT NOT NULL CHECK (employment IN ('fulltime', 'parttime')),
	hired_on	TEXT				-- date
);
CREATE INDEX workers_grid ON workers (grid_code);

-- id_number is not validated on load: an invalid number is
-- disqualification D10, which gw-screen must see and report.
CREATE TABLE candidates (
	candidate_id	TEXT NOT NULL PRIMARY KEY,
	id_number	TEXT,
	name		TEXT NOT NULL,
	education	TEXT,
	party_member	INTEGER CHECK (party_member IN (0, 1)),
	title		TEXT,
	social_work_cert TEXT,
	veteran		INTEGER CHECK (veteran IN (0, 1)),
	dibao		INTEGER CHECK (dibao IN (0, 1)),
	criminal_penalty INTEGER CHECK (criminal_penalty IN (0, 1)),
	pending_case	INTEGER CHECK (pending_case IN (0, 1)),
	under_investigation INTEGER CHECK (under_investigation IN (0, 1)),
	detained	INTEGER CHECK (detained IN (0, 1)),
	admin_penalty	INTEGER CHECK (admin_penalty IN (0, 1)),
	dismissed	INTEGER CHECK (dismissed IN (0, 1)),
	remarks		TEXT,
	written		REAL,				-- written test score
	interview	REAL,
	grid_code	TEXT
);

CREATE TABLE events (
	event_id	TEXT NOT NULL PRIMARY KEY,
	grid_code	TEXT NOT NULL,
	reported_at	TEXT NOT NULL,			-- time
	found_at	TEXT,				-- time
	source		TEXT NOT NULL CHECK (source IN
			    ('worker', 'resident', 'hotline', 'inspection')),
	reporter_id	TEXT,				-- worker_id when source = worker
	category	TEXT,				-- 01 .. 13, 0701, ...
	text		TEXT
);
CREATE INDEX events_grid ON events (grid_code, reported_at);
CREATE INDEX events_reported ON events (reported_at);

-- Append-only: a log row is identified by its case, step and time (the
-- same sheet loaded twice is caught as duplicates); the rowid keeps the
-- order of arrival.  deadline is the new deadline of an 'extended' row.
CREATE TABLE case_log (
	case_id		TEXT NOT NULL,
	event_id	TEXT NOT NULL,
	step		TEXT NOT NULL CHECK (step IN ('reported', 'filed',
			    'assigned', 'handled', 'answered', 'closed',
			    'returned', 'extended')),
	at		TEXT NOT NULL,			-- time
	actor		TEXT,
	department	TEXT,
	satisfied	INTEGER CHECK (satisfied IN (0, 1)),
	deadline	TEXT,				-- time
	PRIMARY KEY (case_id, step, at)
);
CREATE INDEX case_log_event ON case_log (event_id);

-- The case status table: one row a case, written by case-track.
CREATE TABLE cases (
	case_id		TEXT NOT NULL PRIMARY KEY,
	event_id	TEXT NOT NULL,
	grid_code	TEXT NOT NULL,
	category	TEXT,
	state		TEXT NOT NULL,
	department	TEXT,
	reported_at	TEXT,				-- time
	assigned_at	TEXT,				-- time
	deadline	TEXT,				-- time
	closed_at	TEXT,				-- time
	working_days	INTEGER,
	on_time		INTEGER CHECK (on_time IN (0, 1)),
	overdue		INTEGER CHECK (overdue IN (0, 1)),
	satisfied	INTEGER CHECK (satisfied IN (0, 1))
);
CREATE INDEX cases_grid ON cases (grid_code, deadline);
CREATE INDEX cases_event ON cases (event_id);

CREATE TABLE patrols (
	worker_id	TEXT NOT NULL,
	date		TEXT NOT NULL,
	minutes		INTEGER NOT NULL CHECK (minutes >= 0),
	households_visited INTEGER CHECK (households_visited >= 0),
	PRIMARY KEY (worker_id, date)
);

CREATE TABLE visits (
	worker_id	TEXT NOT NULL,
	date		TEXT NOT NULL,
	household_id	TEXT NOT NULL,
	PRIMARY KEY (worker_id, date, household_id)
);
CREATE INDEX visits_household ON visits (household_id);

CREATE TABLE logins (
	worker_id	TEXT NOT NULL,
	date		TEXT NOT NULL,
	PRIMARY KEY (worker_id, date)
);

CREATE TABLE trainings (
	worker_id	TEXT NOT NULL,
	date		TEXT NOT NULL,
	session_id	TEXT NOT NULL,
	attended	INTEGER NOT NULL CHECK (attended IN (0, 1)),
	PRIMARY KEY (worker_id, session_id)
);

-- A worker may get several commendations a month, one per reason.
CREATE TABLE bonus (
	worker_id	TEXT NOT NULL,
	month		TEXT NOT NULL,
	points		REAL NOT NULL,
	reason		TEXT NOT NULL,
	PRIMARY KEY (worker_id, month, reason)
);

CREATE TABLE rewards (
	worker_id	TEXT NOT NULL,
	month		TEXT NOT NULL,
	amount		INTEGER NOT NULL,		-- fen
	reason		TEXT NOT NULL,
	PRIMARY KEY (worker_id, month, reason)
);

CREATE TABLE scores (
	month		TEXT NOT NULL,
	worker_id	TEXT NOT NULL,
	grid_code	TEXT,
	township_code	TEXT,
	attendance	REAL,				-- rates in [0, 1]
	patrol		REAL,
	coverage	REAL,
	discovery	REAL,
	disposal	REAL,
	ontime		REAL,
	training	REAL,
	satisfaction	REAL,
	deductions	REAL,				-- points
	bonus		REAL,
	score		REAL NOT NULL,			-- 0 .. 105, two decimals
	grade		TEXT NOT NULL,
	rank_township	INTEGER,
	rank_county	INTEGER,
	PRIMARY KEY (month, worker_id)
);
CREATE INDEX scores_worker ON scores (worker_id);

CREATE TABLE pay (
	month		TEXT NOT NULL,
	worker_id	TEXT NOT NULL,
	name		TEXT,
	role		TEXT,
	employment	TEXT CHECK (employment IN ('fulltime', 'parttime')),
	grid_code	TEXT,
	grade		TEXT,
	base		INTEGER NOT NULL,		-- fen, as every money column
	performance	INTEGER NOT NULL,
	case_subsidy	INTEGER NOT NULL,
	reward		INTEGER NOT NULL,
	floor_topup	INTEGER NOT NULL,
	gross		INTEGER NOT NULL,
	PRIMARY KEY (month, worker_id)
);

-- One row for every write (and every unmasked read) of the store,
-- written in the same transaction as the change it records.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,			-- UTC, 2026-11-22T11:27:17Z
	user		TEXT NOT NULL,
	command		TEXT NOT NULL,			-- the command line
	table_name	TEXT,
	action		TEXT NOT NULL,			-- load, update, export, ...
	rows_read	INTEGER,
	rows_loaded	INTEGER,
	rows_updated	INTEGER,
	rows_rejected	INTEGER,
	note		TEXT
);

-- The audit trail is append-only; these stop an UPDATE or DELETE made by
-- mistake (dropping them takes intent).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never deleted');
END;
