-- 002-persons-by-number.sql — persons keyed by their identity number's
-- own digits (gridwork-store(5)).
--
-- An 18-character identity number is 17 digits and a check character
-- computed from them, so the 17 digits alone name the person.  The rowid
-- of persons is that 17-digit number: the table is its own index on
-- id_number, with no separate key index to keep up to date, and gw-load
-- writes a census in rowid order (sorted first), which SQLite appends
-- page after page.  Nothing in the store reads persons by village or
-- household through an index (grid-code reads households, pop-report
-- reads persons whole), so the two secondary indexes go too; an office
-- that queries persons by village may CREATE INDEX of its own, which
-- gw-load keeps.  columns.tsv gives id_number the type idkey, which says
-- all this to gw-load.
CREATE TABLE persons_by_number (
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
	    rowid IS CAST(substr(id_number, 1, 17) AS INTEGER))
);
INSERT INTO persons_by_number (rowid, id_number, name, household_id,
    relation, village_code, block, address, phone, tags)
    SELECT CAST(substr(id_number, 1, 17) AS INTEGER), id_number, name,
	household_id, relation, village_code, block, address, phone, tags
    FROM persons ORDER BY 1;
DROP TABLE persons;
ALTER TABLE persons_by_number RENAME TO persons;
