#!/bin/sh
# gw-train-events: the same corpus gives the same model, byte for byte,
# run after run and as the build made it (share/event/model-gansu.lm);
# another corpus gives another model; a corpus row with a category the
# policy lacks is rejected as FILE:LINE: column 'category'.
. "$(dirname "$0")/lib.sh"
plan 6
C=$TOP/share/event
set -- "$C"/corpus-*.tsv

t "training exits 0" sh -c 'gw-train-events "$@" > "$0/a.lm"' "$TMP" "$@"
t "training again gives the same bytes" sh -c '
	gw-train-events "$@" > "$0/b.lm" && cmp "$0/a.lm" "$0/b.lm"' "$TMP" "$@"
t "the build's model is that model" cmp "$TMP/a.lm" "$C/model-gansu.lm"
t "the model file names every category of the corpus" sh -c '
	sed -n 2p "$1" | grep -q "^classes 01 02 03 04 05 06 0701 0702 0703 0704 0705 0801 0802 0803 0804 0805 09 1001 1002 1003 1004 1005 11 12 13$"' \
	- "$TMP/a.lm"
t "a corpus without its last file gives another model" sh -c '
	n=$#; i=0; for f; do i=$((i + 1)); [ $i -lt $n ] && set -- "$@" "$f"; done
	shift $n; gw-train-events "$@" > "$0/c.lm" && ! cmp -s "$0/a.lm" "$0/c.lm"' "$TMP" "$@"
printf 'category\ttext\n01\t两家吵架\n99\t不存在的类别\n05\t家里被盗\n' > "$TMP/bad.tsv"
t "a category the policy lacks: FILE:LINE: column 'category', exit 1" sh -c '
	cd "$0" && gw-train-events bad.tsv > m.lm 2> err; test $? -eq 1 &&
	grep -q "^gw-train-events: bad.tsv:3: column .category.: category .99. is not in policy .gansu.$" err' "$TMP"
