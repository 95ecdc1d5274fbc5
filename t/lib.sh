# t/lib.sh — sourced by every shell test: TAP helpers and a clean
# environment.  Binaries come from $GW_BIN (make check sets it), shared
# data from the tree's share/.  Under a sanitizer build (GW_SAN=1) every
# report goes to a log file, and any log fails the test at the end.

T_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$T_DIR/.." && pwd)
: "${GW_BIN:=$TOP/build/bin}"
: "${GW_UNIT:=$TOP/build/t}"
PATH=$GW_BIN:$PATH
GRIDWORK_SHARE=$TOP/share
LC_ALL=C.UTF-8
export PATH GRIDWORK_SHARE LC_ALL GW_BIN GW_UNIT
unset GW_POLICY

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gwtest.XXXXXX") || exit 2
trap 't_end' EXIT
if [ -n "$GW_SAN" ]; then
	mkdir -p "$TMP/san"
	ASAN_OPTIONS=log_path=$TMP/san/asan:detect_leaks=1
	UBSAN_OPTIONS=log_path=$TMP/san/ubsan:print_stacktrace=1:halt_on_error=1
	export ASAN_OPTIONS UBSAN_OPTIONS
fi

t_n=0
t_fail=0
t_planned=

plan() { t_planned=$1; echo "1..$1"; }

ok() {	# ok STATUS DESCRIPTION
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_fail=$((t_fail + 1))
	fi
}

# t NAME CMD... : run a check, one TAP line
t() { d=$1; shift; ( "$@" ) >"$TMP/t.out" 2>&1; r=$?
	ok $r "$d"; [ $r -eq 0 ] || sed 's/^/#   /' "$TMP/t.out"; return 0; }

# test_cmp EXPECTED ACTUAL
test_cmp() { diff -u "$1" "$2"; }

# rc_is WANT CMD... : the command exits with status WANT
rc_is() { want=$1; shift; "$@"; got=$?
	[ "$got" -eq "$want" ] || { echo "exit status $got, want $want"; return 1; }; }

skip() { t_n=$((t_n + 1)); echo "ok $t_n # skip $1"; }

t_end() {
	if [ -n "$GW_SAN" ] && ls "$TMP"/san/* >/dev/null 2>&1; then
		echo "# sanitizer reports:"; cat "$TMP"/san/* | sed 's/^/# /' | head -60
		t_fail=$((t_fail + 1))
	fi
	rm -rf "$TMP"
	[ -z "$t_planned" ] && echo "1..$t_n"
	[ "$t_fail" -eq 0 ] || exit 1
}

# man_examples PAGE: splits the literal displays of PAGE's EXAMPLES into
# the commands ("$ " lines, continued while they end in | or \) in
# $TMP/man.cmds and the output they must print in $TMP/man.want.  Run
# the commands with `sh "$TMP/man.cmds"` in a prepared directory.
man_examples() {
	rm -f "$TMP/man.cmds" "$TMP/man.want"
	awk -v cmds="$TMP/man.cmds" -v want="$TMP/man.want" '
		/^\.Sh / { ex = ($2 == "EXAMPLES") }
		ex && /^\.Bd -literal/ { lit = 1; next }
		ex && /^\.Ed/ { lit = 0; next }
		!lit { next }
		{ gsub(/\\e/, "\\") }	# roff writes a backslash as \e
		cont { print > cmds; cont = /[|\\]$/; next }
		/^\$ / { sub(/^\$ /, ""); print > cmds; cont = /[|\\]$/; next }
		{ print > want }
	' "$1"
	touch "$TMP/man.cmds" "$TMP/man.want"
}

# man_synopsis_is_usage PAGE CMD: the rendered SYNOPSIS equals `CMD -h`
# (both reduced to single spaces, "usage: " dropped).
man_synopsis_is_usage() {
	_syn=$(mandoc -Tutf8 "$1" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
		sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')
	_use=$("$2" -h | sed 's/^usage: //' | tr -s ' \t\n' '   ' |
		sed 's/^ *//; s/ *$//')
	[ "$_syn" = "$_use" ] || { printf 'synopsis: %s\nusage:    %s\n' "$_syn" "$_use"; return 1; }
}

# demo_copy: $TMP/ex, a copy of examples/ after examples/demo.sh ran in
# it, with its standard output, error and exit status in $TMP/demo.out,
# demo.err and demo.rc; 0, or 2 when the demo did not run.  The demo runs
# once for every test of a build that asks (it takes a while, and nine
# tests read what it leaves): the first runs it, under a lock, into
# $GW_BIN/../demo-cache, the others wait and copy it.  The cache is kept
# while the commands, share/ and the inputs of examples/ are the same
# bytes; anything else runs it again.
demo_copy() {
	_dc=$(cd "$GW_BIN/.." && pwd)/demo-cache
	_dk=$( (find "$GW_BIN" "$TOP/share" "$TOP/examples" -type f \
	    ! -path "$TOP/examples/out*" ! -name '*.db' ! -name '*.db-*' \
	    -print0 | sort -z | xargs -0 cat; echo "$GW_SAN") | md5sum)
	(
		flock 9 || exit 2
		if [ "$(cat "$_dc/key" 2>/dev/null)" != "$_dk" ]; then
			rm -rf "$_dc" && mkdir -p "$_dc" &&
			cp -R "$TOP/examples" "$_dc/ex" &&
			rm -rf "$_dc/ex/out" "$_dc/ex/out-month" "$_dc/ex/"*.db* ||
			    exit 2
			sh "$_dc/ex/demo.sh" >"$_dc/demo.out" 2>"$_dc/demo.err"
			echo $? >"$_dc/demo.rc"
			echo "$_dk" >"$_dc/key"
		fi
		cp -pR "$_dc/ex" "$TMP/ex" &&
		cp "$_dc/demo.out" "$_dc/demo.err" "$_dc/demo.rc" "$TMP/"
	) 9>"$_dc.lock"
}
