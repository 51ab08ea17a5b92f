x() { echo "+ $*"; "$@" 2>&1; echo "[rc=$?]"; dmesg -c | sed 's/^\[ *[0-9.]*\] /  k: /'; }
D=/sys/bus/nd/devices
x ndctl disable-region region0
x ndctl init-labels nmem0
x ndctl enable-region region0
x ndctl create-namespace -m sector -r region0 -s 64M
x ndctl create-namespace -m fsdax -r region0 -s 64M
x ndctl create-namespace -m devdax -r region0 -s 64M
x ndctl create-namespace -m raw -r region0 -s 64M
x ndctl list -N
x ndctl clear-errors namespace0.0
x ndctl clear-errors namespace0.1
x ndctl clear-errors namespace0.2
x ndctl clear-errors namespace0.3
x ndctl clear-errors --scrub namespace0.3
x ndctl clear-errors all
x ndctl clear-errors namespace0.0 namespace0.1
x ndctl inject-error namespace0.0 -B 0 -n 1
x ndctl inject-error namespace0.1 -B 0 -n 1 --saturate
x ndctl inject-error namespace0.1 -B 0 -n 1 --uninject
x ndctl inject-error namespace0.1 -B 0 -n 1 --status
x ndctl inject-error namespace0.1 --status --saturate
x ndctl inject-error namespace0.1 --status --uninject
x ndctl inject-error namespace0.1 --status --no-notify
x ndctl inject-error namespace0.1 -B x -n 1
x ndctl inject-error namespace0.1 -B 0 -n 0
x ndctl inject-error namespace7.0 -B 0 -n 1
x ndctl inject-error namespace7.0 --status
x ndctl disable-namespace namespace0.3
x ndctl inject-error namespace0.3 --status
x ndctl clear-errors namespace0.3
x ndctl start-scrub all
x ndctl start-scrub ndbus7
x ndctl wait-scrub ACPI.NFIT
x ndctl list -R --media-errors
x ndctl list -N --media-errors -n namespace0.1
x cat $D/region0/badblocks /sys/block/pmem0s/badblocks /sys/block/pmem0.1/badblocks
x ls /sys/block
x dd if=/dev/pmem0.3 of=/dev/null bs=512 count=1
x ndctl inject-error namespace0.1
x ndctl inject-error namespace0.1 -n 1 -B 1
