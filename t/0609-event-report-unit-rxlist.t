#!/bin/sh
exec "${GW_UNIT:-$(dirname "$0")/../build/t}/rxlist"
