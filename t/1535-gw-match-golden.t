#!/bin/sh
# gw-match on the golden cases of t/gw-match/golden/: CASE.args are the
# options and operands (the fixtures of t/year/match and t/year/compare,
# named as given), CASE.in (if any) the standard input; the output, the
# messages and the exit status must be CASE.out, CASE.err and CASE.rc
# exactly.  The cases cover the list and --summary modes, --compare,
# the output formats, --zh, the rejects file, standard input, and the
# fatal errors (no tag, an unknown tag, a missing --list or
# --assignment, a missing file, an option gw-match does not take, an
# empty register, --compare with --tag).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/golden.sh"

golden gw-match "$T_DIR/gw-match/golden"
