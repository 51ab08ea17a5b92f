#!/bin/bash
# run.sh NAME [run-oracle options...] — runs scripts/NAME.sh (with common.sh prepended)
# and writes ../NAME.out (script output) and ../NAME.log (full console log).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$1; shift
OUTDIR=$(dirname "$HERE")
TMP=$(mktemp /tmp/oracle-test.XXXXXX.sh)
cat "$HERE/common.sh" "$HERE/$NAME.sh" > "$TMP"
echo "### run-oracle.sh $* scripts/$NAME.sh" > "$OUTDIR/$NAME.out"
bash "${ORACLE:-/work/shared/tools/kernel-oracle/run-oracle.sh}" "$@" --log "$OUTDIR/$NAME.log" "$TMP" >> "$OUTDIR/$NAME.out" 2>&1
rc=$?
echo "### run-oracle rc=$rc" >> "$OUTDIR/$NAME.out"
rm -f "$TMP"
exit $rc
