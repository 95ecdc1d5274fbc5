#!/bin/sh
# gw-screen: a social-work certificate of any level counts as a priority
# (seed 000_4a589aaecfaa0a8e.txt: 持有社会工作者职业水平证书), so the column
# may hold its level (初级, 中级, 社会工作师) as registers write it; the
# policy's cert_none words (无, 否, 0, ...) and an empty cell mean none.
. "$(dirname "$0")/lib.sh"
plan 3
cd "$TMP" || exit 2
H=candidate_id,id_number,name,education,party_member,title,social_work_cert,veteran,dibao,criminal_penalty,pending_case,under_investigation,detained,admin_penalty,dismissed,remarks,written,interview,grid_code
row() { echo "$1,$2,某,本科,0,,$3,0,0,0,0,0,0,0,0,,80,80,620102001001001"; }
{
	echo "$H"
	row C1 620102199001011022 初级
	row C2 620102199001011049 社会工作师
	row C3 620102199001011065 1
	row C4 620102199001011081 无
	row C5 620102199001011102 0
	row C6 620102199001011129 ""
} > c.csv
gw-screen --as-of 2026-10-08 -o jsonl c.csv > o.jsonl 2> err; rc=$?
t "no row rejected for a certificate's level" test "$rc" -eq 0
t "初级, 社会工作师 and 1: a certificate, priority 1" \
	jq -e -s '[.[] | select(.candidate_id == "C1" or .candidate_id == "C2" or .candidate_id == "C3") | .priority] == ["1","1","1"]' o.jsonl
t "无, 0 and empty: none, priority 0" \
	jq -e -s '[.[] | select(.candidate_id == "C4" or .candidate_id == "C5" or .candidate_id == "C6") | .priority] == ["0","0","0"]' o.jsonl
