x() { echo "+ $*"; "$@" 2>&1; echo "[rc=$?]"; dmesg -c | sed 's/^\[ *[0-9.]*\] /  dmesg: /'; }
a() { for f in "$@"; do echo "$f: $(cat $f 2>&1)"; done; }
dmesg -c >/dev/null
x modprobe kmem
echo "===== pmem"
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
x ndctl create-namespace -r region0 -m devdax -s 1G -a 2M
x daxctl list -RD
P=$(readlink -f /sys/bus/dax/devices/dax0.0)/..
ls $P $P/dax_region; a $P/dax_region/*; ls -l $P/dax0.0/ ; a $P/dax0.0/size $P/dax0.0/align
x daxctl create-device -r 0 -s 256M
x daxctl create-device -r region0
x daxctl disable-device dax0.0
x daxctl list -D
x daxctl create-device -r 0
x daxctl reconfigure-device -s 512M dax0.0
x daxctl destroy-device dax0.0
x daxctl enable-device dax0.0
x daxctl enable-device dax0.0
x daxctl destroy-device dax0.0
x daxctl destroy-device --force dax0.0
x daxctl list -D
x daxctl enable-device dax0.0
echo "===== system-ram vs disable-namespace"
x daxctl reconfigure-device --mode=system-ram dax0.0
x ndctl disable-namespace namespace0.0
x ndctl disable-region region0
x ndctl destroy-namespace -f namespace0.0
x daxctl disable-device dax0.0
x daxctl reconfigure-device --mode=system-ram dax0.0
x daxctl offline-memory dax0.0
x ndctl disable-namespace namespace0.0
x daxctl disable-device dax0.0
x daxctl list -D
x daxctl online-memory dax0.0
x daxctl reconfigure-device --mode=devdax dax0.0
x ndctl list -N
x ndctl disable-namespace namespace0.0
x ndctl enable-namespace namespace0.0
x daxctl list -D
x daxctl reconfigure-device --mode=system-ram dax0.0
x daxctl reconfigure-device --mode=devdax --force dax0.0
x daxctl list -D
