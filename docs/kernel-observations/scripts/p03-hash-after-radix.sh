# p03: a namespace written on radix at a 2M- but not 16M-aligned start, then the same media on hash16m and back.
# Boot 1 (radix, fresh media) creates it; boots 2 (hash16m) and 3 (radix) only read. Kernel log: dev_dbg on.
echo "@@pmdl p03 $(grep -o 'disable_radix' /proc/cmdline || echo radix) $(cat /sys/bus/nd/devices/region0/resource)"
pmdl_boot_log | grep -i "nd_\|pfn\|dax\|namespace\|region\|misalign" | grep -v "label\|slot" | sed 's/^/boot: /'
if ! ndctl list -N | grep -q namespace; then
  echo 2097152 > $D/region0/align
  ndctl create-namespace -r region0 -m raw -s 2M; echo "rc=$?"
  ndctl create-namespace -r region0 -m fsdax -s 1G -f; echo "rc=$?"
fi
for a in align available_size max_available_extent; do echo "region0 $a $(cat $D/region0/$a)"; done
ndctl list -RNi
dmesg | sed 's/^\[ *[0-9.]*\]\(\[ *[TC][0-9]*\]\) //' | grep -v "label\|slot\|free:\|allocated:" | tail -80
