-- 007-indicators.sql — the inputs of the indicators a county adds to
-- score-month (gridwork-store(5), score-month(1), Indicators a county
-- chooses), kept in the store as the eight indicators' inputs are.
--
-- Only new tables, and no named index, as in 006: a county's tasks,
-- marks and key-person visit rows of a year are a few thousand, read a
-- month at a time, and the key of marks and keyvisits leads with the
-- month it is read by.
--
-- tasks: the 代办 and 交办 tasks handed to a worker; deadline is a date
-- (due by the end of that day) or a time, kept as written, so that a
-- day's deadline does not become its midnight.  marks: a department's
-- own mark out of 100 for a worker and a month (003 "专项考核……按百分制
-- 进行考核").  keyvisits: the key-person visit compliance of each worker
-- of a grid and month, as pop-report --summary writes it; a grid with no
-- worker has one row with worker_id NULL.

CREATE TABLE tasks (
	task_id		TEXT NOT NULL PRIMARY KEY,
	worker_id	TEXT NOT NULL,
	kind		TEXT,				-- 代办, 交办, ...
	deadline	TEXT NOT NULL,			-- date or time
	done_at		TEXT				-- time, or NULL: not done
);

CREATE TABLE marks (
	month		TEXT NOT NULL,
	worker_id	TEXT NOT NULL,
	department	TEXT NOT NULL,
	mark		REAL NOT NULL CHECK (mark >= 0 AND mark <= 100),
	PRIMARY KEY (month, worker_id, department)
);

CREATE TABLE keyvisits (
	month		TEXT NOT NULL,
	grid_code	TEXT NOT NULL,			-- 15 digits
	worker_id	TEXT,				-- NULL: a grid without one
	persons		INTEGER CHECK (persons >= 0),
	persons_short	INTEGER CHECK (persons_short >= 0),
	visits_required	INTEGER NOT NULL CHECK (visits_required >= 0),
	visits_made	INTEGER CHECK (visits_made >= 0),
	visits_credited	INTEGER NOT NULL CHECK (visits_credited >= 0 AND
			    visits_credited <= visits_required),
	visits_by_worker INTEGER CHECK (visits_by_worker >= 0),
	compliance	REAL,				-- rate in [0, 1]
	PRIMARY KEY (month, grid_code, worker_id)
);
