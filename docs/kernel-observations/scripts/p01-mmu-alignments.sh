# p01: what each pseries MMU offers (Linux 6.1.192, QEMU 7.2 TCG): region align, the pfn/dax seeds'
# supported_alignments and default align, and the namespace ndctl creates with no -a
echo "@@pmdl p01 $(grep -o 'disable_radix' /proc/cmdline || echo radix)"
pmdl_boot_log | grep -i "mmu\|page orders\|page sizes" | sed 's/^/boot: /'
for r in $D/region*; do echo "$(basename $r) align $(cat $r/align) size $(cat $r/size) resource $(cat $r/resource)"; done
for s in pfn0.0 dax0.0; do
  echo "$s supported_alignments: $(cat $D/$s/supported_alignments) align: $(cat $D/$s/align)"
done
ndctl create-namespace -r region0 -m fsdax -s 1G; echo "rc=$?"
ndctl create-namespace -r region0 -m devdax -s 1G; echo "rc=$?"
ndctl create-namespace -r region0 -m fsdax -s 1G -a 16M; echo "rc=$?"
ndctl create-namespace -r region0 -m devdax -s 1G -a 16M; echo "rc=$?"
ndctl list -RNi
ndctl destroy-namespace -f all
dmesg | sed 's/^\[ *[0-9.]*\]\(\[ *[TC][0-9]*\]\)\? *//' | grep -v "label\|slot\|free:\|allocated:" | tail -40
