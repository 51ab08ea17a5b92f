#!/bin/bash
# mkmd.sh NAME "Title" FINDINGS.md  -> NAME.md (setup header + findings + full transcript of NAME.out)
set -e
cd "$(dirname "$0")/.."
NAME=$1; TITLE=$2; FIND=$3
OUT=$NAME.out
QEMU=$(grep '^### qemu:' $OUT | tail -1 | sed 's/^### qemu: //')
RUNLINE=$(head -1 $OUT | sed 's/^### //')
{
echo "# $TITLE"
echo
echo "## Setup"
echo
echo '```'
echo "cd /work/main/docs/kernel-observations && scripts/run.sh $NAME $(echo "$RUNLINE" | sed 's/^run-oracle.sh //; s# scripts/.*##')"
echo "  = /work/shared/tools/kernel-oracle/run-oracle.sh $(echo "$RUNLINE" | sed 's/^run-oracle.sh //; s# scripts/.*##') --log $NAME.log <common.sh + scripts/$NAME.sh>"
echo "QEMU: $QEMU"
grep -m1 '^uname -r:' $OUT
grep -m1 '^ndctl --version:' $OUT
echo "guest: Debian linux-image 6.1.0-56-amd64 (6.1.x), qemu-system-x86 7.2, TCG, qboot/PVH; dbg_on (nvdimm dev_dbg enabled)"
echo '```'
echo
echo "Script: [scripts/$NAME.sh](scripts/$NAME.sh) (with [scripts/common.sh](scripts/common.sh) prepended)."
echo "Raw console log: [$NAME.log]($NAME.log); script output: [$NAME.out]($NAME.out)."
echo "Kernel log lines are printed as \`  dmesg: ...\` after each command; the oracle library filters"
echo "label-slot bookkeeping noise (see oracle-lib.sh \`_NOISE\`) except where the script sets ORACLE_VERBOSE=1."
echo "\`[rc=N]\` is the exit status. ndctl 76.1 create-namespace: 234 = (u8)-EINVAL (ndctl's own parameter"
echo "validation refused, nothing sent to the kernel), 237 = (u8)-ENODEV (nothing created; the real errno is in the"
echo "text \`failed to create namespace: <strerror>\`). Sysfs writes go through busybox sh: rc=1 plus"
echo "\`sh: write error: <strerror>\`."
echo
echo "## Key findings"
echo
cat "$FIND"
echo
echo "## Full transcript (script output between ORACLE BOOTED and ORACLE END)"
echo
echo '```'
cat $OUT
echo '```'
} > $NAME.md
echo "wrote $NAME.md"
