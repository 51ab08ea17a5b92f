# Topic 17: dax kmem — a devdax namespace onlined as System RAM and back (single 4G:label=128K DIMM)
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
x ndctl create-namespace -r region0 -m devdax -s 1G -a 2M
section "17.1 before: iomem, memmap, block size, auto-online policy"
grep -i -E "persistent|namespace|dax|kmem|System RAM" /proc/iomem
attr /sys/devices/system/memory/block_size_bytes /sys/devices/system/memory/auto_online_blocks
ls /sys/firmware/memmap
for e in /sys/firmware/memmap/*; do echo "$e $(cat $e/start)-$(cat $e/end) $(cat $e/type)"; done
section "17.2 daxctl reconfigure-device --mode=system-ram (default: online movable)"
x daxctl reconfigure-device --mode=system-ram dax0.0
grep -i -E "persistent|namespace|dax|kmem|System RAM" /proc/iomem
for e in /sys/firmware/memmap/*; do echo "$e $(cat $e/start)-$(cat $e/end) $(cat $e/type)"; done
x daxctl list -M
for m in /sys/devices/system/memory/memory*; do s=$(cat $m/state); [ "$s" = online ] || echo "$m $s"; done | head -20
cat /sys/devices/system/memory/memory42/valid_zones 2>/dev/null
section "17.3 back to devdax while online (no --force)"
x daxctl reconfigure-device --mode=devdax dax0.0
section "17.4 offline then devdax"
x daxctl offline-memory dax0.0
x daxctl reconfigure-device --mode=devdax dax0.0
grep -i -E "persistent|namespace|dax|kmem|System RAM" /proc/iomem
section "17.5 auto-online policy online: daxctl refuses movable onlining"
wattr online /sys/devices/system/memory/auto_online_blocks
x daxctl reconfigure-device --mode=system-ram dax0.0
x daxctl reconfigure-device --mode=system-ram --no-movable dax0.0
grep -i -E "persistent|namespace|dax|kmem|System RAM" /proc/iomem
x daxctl list -M
section "17.6 devdax --force on kernel-zone memory"
x daxctl reconfigure-device --mode=devdax --force dax0.0
grep -i -E "persistent|namespace|dax|kmem|System RAM" /proc/iomem
