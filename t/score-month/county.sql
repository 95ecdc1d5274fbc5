-- The October 2026 assessment of gridwork-rules(7), ASSESSMENT recomputed in SQL, for
-- t/0801-score-county.t: every rate, deduction, bonus, score, grade and
-- rank of score-month(1), derived here independently of its C.  The
-- month's working days are written out from gridwork-rules(7), CASES (1-7 Oct off,
-- Saturday 10 Oct worked).  Scores as doubles: the value is rounded
-- half-up with a small nudge, as no exact half is within 1e-7 of it.
CREATE TEMP TABLE days AS
WITH RECURSIVE d(day) AS (SELECT '2026-10-01' UNION ALL
	SELECT date(day, '+1 day') FROM d WHERE day < '2026-10-31')
SELECT day, CASE WHEN day = '2026-10-10' THEN 1
	WHEN day <= '2026-10-07' THEN 0
	WHEN strftime('%w', day) IN ('0', '6') THEN 0 ELSE 1 END AS working
FROM d;
-- the ISO weeks whose Thursday falls in October
CREATE TEMP TABLE weeks AS
SELECT date(day, '-3 days') AS monday, day AS thursday FROM days
WHERE strftime('%w', day) = '4';
CREATE TEMP TABLE wd AS
SELECT w.worker_id, d.day FROM workers w JOIN days d
ON d.working = 1 AND (w.hired_on = '' OR d.day >= w.hired_on);
CREATE TEMP TABLE gev AS
SELECT grid_code, count(*) AS n FROM events
WHERE reported_at BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59'
GROUP BY grid_code;
CREATE TEMP TABLE gcase AS
SELECT grid_code,
	sum(deadline BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59') AS due,
	sum(deadline BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59'
	    AND closed_at <> '' AND closed_at <= '2026-10-31 23:59:59') AS closed,
	sum(deadline BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59'
	    AND closed_at <> '' AND closed_at <= deadline) AS ontime,
	sum(closed_at BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59'
	    AND satisfied IN ('0', '1')) AS answered,
	sum(closed_at BETWEEN '2026-10-01 00:00:00' AND '2026-10-31 23:59:59'
	    AND satisfied = '1') AS satisfied
FROM cases GROUP BY grid_code;
CREATE TEMP TABLE r AS
SELECT w.worker_id, w.grid_code, w.township_code,
	(SELECT count(*) FROM wd WHERE wd.worker_id = w.worker_id) AS nwd,
	(SELECT count(DISTINCT l.date) FROM logins l JOIN wd
	    ON wd.worker_id = l.worker_id AND wd.day = l.date
	    WHERE l.worker_id = w.worker_id) AS login,
	(SELECT count(*) FROM (SELECT p.date FROM patrols p JOIN wd
	    ON wd.worker_id = p.worker_id AND wd.day = p.date
	    WHERE p.worker_id = w.worker_id GROUP BY p.date
	    HAVING sum(p.minutes) >= 120)) AS patrol,
	(SELECT count(*) FROM weeks k WHERE w.hired_on = ''
	    OR k.thursday >= w.hired_on) AS nweek,
	(SELECT coalesce(sum(min(c, g.households)), 0) FROM (
	    SELECT count(DISTINCT v.household_id) AS c FROM weeks k
	    JOIN visits v ON v.worker_id = w.worker_id
	      AND v.date BETWEEN k.monday AND date(k.monday, '+6 days')
	    JOIN assignment a ON a.household_id = v.household_id
	      AND a.grid_code = w.grid_code
	    WHERE w.hired_on = '' OR k.thursday >= w.hired_on
	    GROUP BY k.monday)) AS cov,
	g.households + 0 AS hh,
	(SELECT count(*) FROM events e WHERE e.source = 'worker'
	    AND e.reporter_id = w.worker_id AND e.grid_code = w.grid_code
	    AND e.reported_at BETWEEN '2026-10-01 00:00:00'
	        AND '2026-10-31 23:59:59') AS own,
	coalesce(gev.n, 0) AS gevents,
	(SELECT count(*) FROM events e WHERE e.source = 'worker'
	    AND e.reporter_id = w.worker_id AND e.urgency = 'immediate'
	    AND e.reported_at BETWEEN '2026-10-01 00:00:00'
	        AND '2026-10-31 23:59:59' AND e.found_at <> ''
	    AND strftime('%s', e.reported_at) - strftime('%s', e.found_at)
	        > 3600) AS late,
	coalesce(gc.due, 0) AS due, coalesce(gc.closed, 0) AS closed,
	coalesce(gc.ontime, 0) AS ontime,
	coalesce(gc.answered, 0) AS answered,
	coalesce(gc.satisfied, 0) AS satisfied,
	(SELECT count(*) FROM trainings t WHERE t.worker_id = w.worker_id)
	    AS tsched,
	(SELECT coalesce(sum(t.attended), 0) FROM trainings t
	    WHERE t.worker_id = w.worker_id) AS tatt,
	(SELECT coalesce(sum(b.points), 0) FROM bonus b
	    WHERE b.worker_id = w.worker_id AND b.month = '2026-10') AS bonus
FROM workers w JOIN grids g ON g.grid_code = w.grid_code
LEFT JOIN gev ON gev.grid_code = w.grid_code
LEFT JOIN gcase gc ON gc.grid_code = w.grid_code;
CREATE TEMP TABLE rates AS
SELECT worker_id, grid_code, township_code,
	1.0 * login / nwd AS att, 1.0 * patrol / nwd AS pat,
	CASE WHEN hh = 0 OR nweek = 0 THEN 1.0 ELSE 1.0 * cov / (hh * nweek) END AS cov,
	CASE WHEN gevents = 0 THEN 1.0 ELSE 1.0 * own / gevents END AS dis,
	CASE WHEN due = 0 THEN 1.0 ELSE 1.0 * closed / due END AS dsp,
	CASE WHEN due = 0 THEN 1.0 ELSE 1.0 * ontime / due END AS ont,
	CASE WHEN tsched = 0 THEN 1.0 ELSE 1.0 * tatt / tsched END AS trn,
	CASE WHEN answered = 0 THEN 1.0 ELSE 1.0 * satisfied / answered END AS sat,
	min(20, late * 2 + (due - ontime)) AS ded,
	min(5, bonus) AS bon
FROM r WHERE nwd > 0;
CREATE TEMP TABLE sc AS
SELECT *, CAST(floor(100 * max(0, min(105, 10 * att + 20 * pat + 15 * cov
	+ 15 * dis + 15 * dsp + 10 * ont + 5 * trn + 10 * sat - ded + bon))
	+ 0.5 + 1e-7) AS INTEGER) AS h
FROM rates;
SELECT '2026-10', worker_id, grid_code, township_code,
	printf('%.4f', floor(att * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(pat * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(cov * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(dis * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(dsp * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(ont * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(trn * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.4f', floor(sat * 10000 + 0.5 + 1e-9) / 10000.0),
	printf('%.2f', ded), printf('%.2f', bon),
	printf('%d.%02d', h / 100, h % 100),
	CASE WHEN h >= 9000 THEN '优秀' WHEN h >= 7500 THEN '称职'
	    WHEN h >= 6000 THEN '基本称职' ELSE '不称职' END,
	rank() OVER (PARTITION BY township_code ORDER BY h DESC),
	rank() OVER (PARTITION BY substr(township_code, 1, 6) ORDER BY h DESC)
FROM sc
ORDER BY substr(township_code, 1, 6), township_code, 15 DESC, worker_id;
