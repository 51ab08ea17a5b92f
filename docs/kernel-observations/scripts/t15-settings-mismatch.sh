# Topic 15: "init failed, settings mismatch": a pfn device whose live align differs from its infoblock's
section "prep"
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
x ndctl create-namespace -r region0 -m fsdax -s 1G -a 2M
pfndump pfn0.0
section "15.1 disable the namespace; change the (now unbound) pfn0.0 align; enable"
x ndctl disable-namespace namespace0.0
pfndump pfn0.0
wattr 4096 $D/pfn0.0/align
attr $D/pfn0.0/align $D/pfn0.0/namespace $D/namespace0.0/holder
x ndctl enable-namespace namespace0.0
pfndump pfn0.0
x ndctl list -RNu
section "15.2 bind pfn0.0 directly"
attr $D/pfn0.0/namespace
x sh -c "echo pfn0.0 > /sys/bus/nd/drivers/nd_pmem/bind"
pfndump pfn0.0
x ndctl list -RNu
