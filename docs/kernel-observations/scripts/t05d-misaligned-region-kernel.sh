# Topic 5d: region1 starts at SPA 0x1fffe0000 (128K-aligned). Bypass ndctl: attach pfn/dax to a raw namespace via sysfs.
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
x ndctl create-namespace -r region1 -m raw -s 512M
nsdump namespace1.0
section "5d.1 pfn (fsdax) via sysfs on namespace1.0 (resource 0x1fffe0000)"
x ndctl disable-namespace namespace1.0
PFN=$(cat $D/region1/pfn_seed); echo "pfn seed=$PFN"
wattr 33333333-2222-3333-4444-555555555555 $D/$PFN/uuid
wattr pmem $D/$PFN/mode
wattr 2097152 $D/$PFN/align
wattr namespace1.0 $D/$PFN/namespace
ORACLE_VERBOSE=1
wattr $PFN /sys/bus/nd/drivers/nd_pmem/bind
ORACLE_VERBOSE=0
pfnline
pfndump $PFN
x ndctl list -RNu -r region1
section "5d.2 same with pfn align 4K"
wattr $PFN /sys/bus/nd/drivers/nd_pmem/unbind
wattr 4096 $D/$PFN/align
ORACLE_VERBOSE=1
wattr $PFN /sys/bus/nd/drivers/nd_pmem/bind
ORACLE_VERBOSE=0
pfnline
section "5d.3 dax via sysfs"
wattr $PFN /sys/bus/nd/drivers/nd_pmem/unbind
wattr "" $D/$PFN/namespace
DAX=$(cat $D/region1/dax_seed); echo "dax seed=$DAX"
wattr 44444444-2222-3333-4444-555555555555 $D/$DAX/uuid
wattr 2097152 $D/$DAX/align
wattr namespace1.0 $D/$DAX/namespace
ORACLE_VERBOSE=1
wattr $DAX /sys/bus/nd/drivers/dax_pmem/bind
ORACLE_VERBOSE=0
pfnline
x ndctl list -RNu -r region1
section "5d.4 ndctl create-namespace -r region1 -m fsdax after region1 align 4K? (namespace would start at 0x21ffe0000)"
wattr 4096 $D/region1/align
x ndctl create-namespace -r region1 -m fsdax -s 256M
pfnline
