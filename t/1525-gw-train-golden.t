#!/bin/sh
# gw-train on the golden cases of t/gw-train/golden/: CASE.args are the
# options and operands (the fixtures of t/year/train, named as given);
# the output, the messages and the exit status must be CASE.out,
# CASE.err and CASE.rc exactly, and CASE.rej the -r file.  The cases
# cover the year by area and by worker, --as-of, --untrained, the
# output formats, --zh, the rejects file, and the fatal errors (no or a
# bad --year, an as-of day outside it, no sessions, a bad --by,
# --untrained by area, an operand, an option gw-train does not take, a
# missing file).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/golden.sh"

golden gw-train "$T_DIR/gw-train/golden"
