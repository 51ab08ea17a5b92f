#!/bin/busybox sh
# /init of the `pmdl diff` initramfs: load the nvdimm drivers, wait for the regions, run /pmdl/stage.sh (a
# second cpio appended per boot), print the end marker, power off. Everything goes to the serial console.
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
echo 1 > /proc/sys/kernel/printk          # kernel messages are read with dmesg, not interleaved on the console
for m in $(cat /etc/pmdl-modules); do modprobe "$m"; done
i=0
while [ $i -lt 100 ] && ! ls /sys/bus/nd/devices 2>/dev/null | grep -q region; do sleep 0.1; i=$((i+1)); done
cat /sys/bus/nd/devices/ndbus*/wait_probe > /dev/null 2>&1   # regions probe their namespaces asynchronously
sleep 0.2
# dev_dbg of the nvdimm stack: many refusals are only explained at debug level
for m in libnvdimm nd_pmem nd_btt dax_pmem device_dax; do
  echo "module $m +p" > /sys/kernel/debug/dynamic_debug/control 2>/dev/null
done
dmesg -c > /tmp/pmdl-boot.log             # a reboot/kexec step shows it (pmdl_boot_log)
for w in $(cat /proc/cmdline); do       # after a kexec: the namespaces the scenario named (pmdl_kexec)
  case $w in pmdl_names=?*) echo "${w#pmdl_names=}" | tr ',=' '\n ' | grep . > /tmp/pmdl-names;; esac
done
echo "@@pmdl booted $(uname -r) ndctl $(ndctl --version)"
( . /lib/pmdl-guest.sh; . /pmdl/stage.sh ) 2>&1
echo "@@pmdl end rc=$?"
sync
poweroff -f
