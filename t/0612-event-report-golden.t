#!/bin/sh
# event-report on the golden cases of t/event-report/golden/: CASE.args
# the options and operands (shell words; @TMP@ a scratch directory),
# CASE.in its stdin if any; the output, the messages and the exit status
# must be CASE.out, CASE.err and CASE.rc exactly, and CASE.rej the -r
# file when there is one.  Run inside the directory so that messages
# name the files as given.  GW_GOLDEN_WRITE=1 writes them instead (to
# pin a change on purpose: read the diff).
. "$(dirname "$0")/lib.sh"
# the rules engine alone: gansu's full rule list, without the model
# (issue 22 put a model before it; t/16xx test the model)
GW_POLICY=$T_DIR/event-report/rules-only.conf
export GW_POLICY
. "$T_DIR/golden.sh"
golden event-report "$T_DIR/event-report/golden"
