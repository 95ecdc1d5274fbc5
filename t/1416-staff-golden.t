#!/bin/sh
# gw-staff on the golden cases of t/gw-staff/golden/: CASE.args are the
# options and operands (the example county of examples/staff, named as
# given), CASE.in (if any) the standard input; the output, the messages
# and the exit status must be CASE.out, CASE.err and CASE.rc exactly,
# and CASE.rej the -r file.  The cases cover the report by grid and
# each level, the history of posts, --replace, --top, --renewal,
# --tiers, the output formats, --zh, standard input, a roster's
# rejected rows, and the fatal errors (no or a bad --as-of, a bad --by,
# two reports at once, a report with --by, --scores alone, --replace
# without scores, no grids, a missing file, an option gw-staff does not
# take, a store that is not there).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/golden.sh"

golden gw-staff "$T_DIR/gw-staff/golden"
