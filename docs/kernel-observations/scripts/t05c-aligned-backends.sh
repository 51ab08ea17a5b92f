# Topic 5c: two labelled DIMMs; second region starts at a 128K-aligned SPA. Kernel path for fsdax on it (bypassing ndctl).
alldump
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
rdump region0 region1
section "5c.1 ndctl fsdax/devdax in region1"
x ndctl create-namespace -r region1 -m fsdax -s 1G
x ndctl create-namespace -r region1 -m devdax -s 1G
x ndctl create-namespace -r region1 -m sector -s 1G
x ndctl create-namespace -r region1 -m raw -s 1G
alldump
section "5c.2 kernel-only: attach a pfn (fsdax) to raw namespace1.1 via sysfs"
NS=namespace1.1
x ndctl disable-namespace $NS
PFN=$(cat $D/region1/pfn_seed); echo "pfn seed=$PFN"
wattr 33333333-2222-3333-4444-555555555555 $D/$PFN/uuid
wattr pmem $D/$PFN/mode
wattr 2097152 $D/$PFN/align
wattr $NS $D/$PFN/namespace
ORACLE_VERBOSE=1
wattr $PFN /sys/bus/nd/drivers/nd_pmem/bind
ORACLE_VERBOSE=0
pfnline
alldump
section "5c.3 kernel-only: devdax on it"
DAX=$(cat $D/region1/dax_seed); echo "dax seed=$DAX"
x ndctl disable-namespace $NS
wattr "" $D/$PFN/namespace
wattr 44444444-2222-3333-4444-555555555555 $D/$DAX/uuid
wattr 2097152 $D/$DAX/align
wattr $NS $D/$DAX/namespace
ORACLE_VERBOSE=1
wattr $DAX /sys/bus/nd/drivers/dax_pmem/bind
ORACLE_VERBOSE=0
pfnline
x ndctl list -RNu
