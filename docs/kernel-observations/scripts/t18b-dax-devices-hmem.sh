x() { echo "+ $*"; "$@" 2>&1; echo "[rc=$?]"; dmesg -c | grep -v "nd_bus\|nvdimm\|nd_region\|nd_pmem\|nd dax\|nd btt\|nd pfn\|nd namespace" | sed 's/^\[ *[0-9.]*\] /  dmesg: /'; }
a() { for f in "$@"; do echo "$f: $(cat $f 2>&1)"; done; }
dmesg -c >/dev/null
echo "modules: $(cat /proc/modules | cut -d' ' -f1 | tr '\n' ' ')"
x modprobe kmem
x insmod /lib/modules/6.1.0-57-amd64/kernel/drivers/dax/hmem/dax_hmem.ko
grep -i -E "soft|dax|hmem|kmem|persistent|namespace" /proc/iomem
ls /sys/bus/dax/devices/
R=/sys/devices/platform/hmem.0/dax_region
ls -l $R; a $R/*
ls -l /sys/bus/dax/devices/dax0.0/; a /sys/bus/dax/devices/dax0.0/size /sys/bus/dax/devices/dax0.0/align
x daxctl list -RD
x daxctl create-device -r 0
x daxctl reconfigure-device -s 256M dax0.0
x daxctl disable-device dax0.0
x daxctl reconfigure-device -s 256M dax0.0
a $R/available_size $R/seed
x daxctl enable-device dax0.0
x daxctl create-device -r 0 -s 3M
a $R/available_size $R/seed
x daxctl list -RD
x daxctl create-device -r 0 -s 128M
a $R/available_size $R/seed
x daxctl create-device -r 0
x daxctl create-device -r 0
a $R/available_size $R/seed
x daxctl list -RDM
grep -i -E "soft|dax|hmem|kmem" /proc/iomem
x daxctl destroy-device dax0.1
x daxctl destroy-device --force dax0.2
a $R/available_size $R/seed
x daxctl list -D
x daxctl create-device -r 0 -s 64M
x daxctl create-device -r 0 -s 64M -a 4K
a $R/available_size $R/seed
x daxctl list -D
x daxctl reconfigure-device --mode=system-ram dax0.1
grep -i -E "soft|dax|hmem|kmem" /proc/iomem
x daxctl destroy-device dax0.1
x daxctl destroy-device --force dax0.1
grep -i -E "soft|dax|hmem|kmem" /proc/iomem
x daxctl list -D
x daxctl disable-device dax0.0
x daxctl destroy-device dax0.0
x daxctl list -RD
a $R/available_size $R/seed
ls /sys/bus/dax/devices/
