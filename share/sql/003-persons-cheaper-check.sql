-- 003-persons-cheaper-check.sql — the same guard on persons' rowid,
-- for less (gridwork-store(5)).
--
-- 002 held rowid = the first 17 digits of id_number by
-- CAST(substr(id_number, 1, 17) AS INTEGER), which makes a new string
-- for every row written.  Measured on a million persons written in
-- number order (a bare C program, best of five): 1.00 s without a
-- CHECK, 1.21 s with 002's, 1.17 s with this one.  An 18-digit number read whole
-- and divided by ten gives the same 17 digits without the copy; a
-- number whose check character is X (about one in eleven) is not read
-- whole, and is checked as before.  The new CHECK takes exactly the rows
-- the old one took: CAST reads the longest run of leading digits, and a
-- quotient of 17 digits (at least 10^16) needs a run of all 18.
CREATE TABLE persons_003 (
	id_number	TEXT NOT NULL,			-- 18 characters; rowid =
							-- its first 17 digits
	name		TEXT NOT NULL,
	household_id	TEXT NOT NULL,
	relation	TEXT,				-- 户主, 配偶, 子女, ...
	village_code	TEXT NOT NULL,			-- 12 digits
	block		TEXT,				-- 楼栋 or 村民小组
	address		TEXT,
	phone		TEXT,
	tags		TEXT,				-- ';'-separated
	CHECK (length(id_number) = 18 AND
	    ((rowid >= 10000000000000000 AND
	    rowid = CAST(id_number AS INTEGER) / 10) OR
	    rowid IS CAST(substr(id_number, 1, 17) AS INTEGER)))
);
INSERT INTO persons_003 (rowid, id_number, name, household_id, relation,
    village_code, block, address, phone, tags)
    SELECT rowid, id_number, name, household_id, relation, village_code,
	block, address, phone, tags
    FROM persons ORDER BY rowid;
DROP TABLE persons;
ALTER TABLE persons_003 RENAME TO persons;
