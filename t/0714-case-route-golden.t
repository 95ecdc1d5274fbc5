#!/bin/sh
# case-route on the golden cases of t/case-route/golden/, as
# 0612-event-report-golden.t runs event-report's.
. "$(dirname "$0")/lib.sh"
. "$T_DIR/golden.sh"
golden case-route "$T_DIR/case-route/golden"
