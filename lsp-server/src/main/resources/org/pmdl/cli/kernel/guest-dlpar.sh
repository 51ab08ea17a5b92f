#!/bin/busybox sh
# /init of the `pmdl diff` DLPAR initramfs (ppc64el busybox only): a shell the host drives over the console.
# The host writes one command a line; each ends with "@@pmdl done rc=N". Hotplug itself comes from the host
# (QMP device_add / device_del); the guest only reads sysfs, the device tree and the kernel log.
/bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
echo 1 > /proc/sys/kernel/printk     # kernel messages are read with dmesg, not interleaved on the console
stty -echo 2>/dev/null
echo -1000 > /proc/$$/oom_score_adj  # `pin memory` runs memory low: the OOM killer takes a holder, never this shell
dmesg -c > /dev/null
# `pin memory`: fill free memory with pipe pages, which cannot migrate, so offline_pages() of any online block
# fails ("unmovable page"). Each holder keeps 7 pipes of 16 pages (1M on 64K pages) open; printf is a builtin.
pmdl_pin() {
  n=0
  while [ "$(awk '/^MemFree:/{print int($2/1024)}' /proc/meminfo)" -gt 64 ] && [ $n -lt 4096 ]; do
    for k in 3 4 5 6 7 8 9; do mkfifo /tmp/pin$n.$k; done
    (echo 1000 > /proc/self/oom_score_adj
     exec 3<>/tmp/pin$n.3 4<>/tmp/pin$n.4 5<>/tmp/pin$n.5 6<>/tmp/pin$n.6 7<>/tmp/pin$n.7 8<>/tmp/pin$n.8 \
          9<>/tmp/pin$n.9
     for k in 3 4 5 6 7 8 9; do printf "%1048576s" "" >&$k; done
     exec sleep 1000000) &
    n=$((n+1))
    [ $((n % 8)) = 0 ] && sleep 1
  done
  echo "pinned: $n holders, MemFree $(awk '/^MemFree:/{print int($2/1024)}' /proc/meminfo) MiB"
}
echo "@@pmdl booted $(uname -r)"
while read -r line; do
  eval "$line" 2>&1
  rc=$?
  echo
  echo "@@pmdl done rc=$rc"
done
