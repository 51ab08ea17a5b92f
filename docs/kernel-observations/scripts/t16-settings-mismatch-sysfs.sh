# Topic 16: "init failed, settings mismatch" by hand: a pfn device given the infoblock's own uuid but another
# align (sysfs writes, as a kernel engineer would), then bound.
section "prep: labelled fsdax namespace, align 2M"
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
x ndctl create-namespace -r region0 -m fsdax -s 1G -a 2M
x ndctl disable-namespace namespace0.0
U=$(ndctl read-infoblock -j namespace0.0 | sed -n 's/.*"uuid":"\([^"]*\)".*/\1/p' | head -1)
echo "infoblock uuid: $U"
ls $D
section "16.1 pfn seed: the infoblock's uuid, align 4K, the namespace; bind"
S=$(cat $D/region0/pfn_seed); echo "seed: $S"
wattr "$U" $D/$S/uuid
wattr pmem $D/$S/mode
wattr 4096 $D/$S/align
wattr namespace0.0 $D/$S/namespace
x sh -c "echo $S > /sys/bus/nd/drivers/nd_pmem/bind"
pfndump $S
section "16.2 the next seed: same uuid, mode pmem, align 2M (the infoblock's settings): bind"
S=$(cat $D/region0/pfn_seed); echo "seed: $S"
wattr "$U" $D/$S/uuid
wattr pmem $D/$S/mode
wattr 2097152 $D/$S/align
wattr namespace0.0 $D/$S/namespace
x sh -c "echo $S > /sys/bus/nd/drivers/nd_pmem/bind"
pfndump $S
x ndctl list -RNu
