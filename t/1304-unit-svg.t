#!/bin/sh
GRIDWORK_SHARE=$(cd "$(dirname "$0")/.." && pwd)/share; export GRIDWORK_SHARE
exec "${GW_UNIT:-$(dirname "$0")/../build/t}/svg"
