#!/bin/bash
# run.sh NAME [run-oracle options...] — runs scripts/NAME.sh (with common.sh prepended)
# and writes ../NAME.out (script output) and ../NAME.log (full console log). SCRIPT=OTHER runs scripts/OTHER.sh
# under NAME instead: the same steps on another kernel (t12 = t10 on 5.10, t13 = t02 on 5.10).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$1; shift
SCRIPT=${SCRIPT:-$NAME}
OUTDIR=$(dirname "$HERE")
TMP=$(mktemp /tmp/oracle-test.XXXXXX.sh)
cat "$HERE/common.sh" "$HERE/$SCRIPT.sh" > "$TMP"
echo "### run-oracle.sh $* scripts/$SCRIPT.sh" > "$OUTDIR/$NAME.out"
bash "${ORACLE:-/work/shared/tools/kernel-oracle/run-oracle.sh}" "$@" --log "$OUTDIR/$NAME.log" "$TMP" >> "$OUTDIR/$NAME.out" 2>&1
rc=$?
echo "### run-oracle rc=$rc" >> "$OUTDIR/$NAME.out"
rm -f "$TMP"
exit $rc
