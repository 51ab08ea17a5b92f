x() { echo "+ $*"; "$@" 2>&1; echo "[rc=$?]"; dmesg -c | sed 's/^\[ *[0-9.]*\] /  k: /'; }
D=/sys/bus/nd/devices
x ls $D $D/ndbus0 
x ls $D/ndbus0/nfit
for f in $D/ndbus0/nfit/*; do echo "$f = $(cat $f 2>&1)"; done
for f in $D/nmem0/nfit/*; do echo "$f = $(cat $f 2>&1)"; done
echo "commands: $(cat $D/ndbus0/commands) / nmem0: $(cat $D/nmem0/commands)"
x cat $D/region0/badblocks
x ndctl create-namespace -m raw -r region0 -s 64M
x ndctl create-namespace -m fsdax -r region0 -s 64M
x ndctl create-namespace -m sector -r region0 -s 64M
x ndctl create-namespace -m devdax -r region0 -s 64M
x ls /sys/block /dev
x cat /sys/block/pmem0/badblocks
x ndctl inject-error namespace0.0 -B 0 -n 1
x ndctl inject-error namespace0.0 --status
x ndctl inject-error namespace0.0 -B 0 --uninject
x ndctl inject-error namespace0.0 -B 0 --saturate
x ndctl inject-error namespace0.0
x ndctl inject-error namespace0.0 -n 1
x ndctl inject-error namespace9.9 -B 0
x ndctl inject-error
x ndctl clear-errors namespace0.0
x ndctl clear-errors -r region0
x ndctl start-scrub
x ndctl start-scrub ndbus0
x ndctl wait-scrub
x ndctl wait-scrub ndbus0
echo 1 > $D/ndbus0/nfit/scrub; echo "scrub write rc=$?"; dmesg -c
x cat $D/ndbus0/nfit/scrub
x ndctl list --media-errors
x ndctl list -N --media-errors
x ndctl list -R --media-errors
x ndctl list -RNM
x ndctl clear-errors
x ndctl clear-errors namespace1.0
x ndctl clear-errors namespace3.0
x ndctl inject-error namespace3.0 -B 0
x ndctl inject-error namespace1.0 -B 0
x ndctl list -N
