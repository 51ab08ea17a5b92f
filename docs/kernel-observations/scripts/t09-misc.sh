# Topic 9: misc ndctl error paths and the kernel's own 2M start check (single 4G:label=128K DIMM)
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
section "9.1 destroy without -f on an active namespace"
x ndctl create-namespace -r region0 -m fsdax -s 1G
x ndctl destroy-namespace namespace0.0
x ndctl disable-namespace namespace0.0
x ndctl destroy-namespace namespace0.0
x ndctl list -Ni
reset_ns
section "9.2 bad -a values"
x ndctl create-namespace -r region0 -m fsdax -s 1G -a 3M
x ndctl create-namespace -r region0 -m fsdax -s 1G -a 16M
x ndctl create-namespace -r region0 -m devdax -s 1G -a 16M
x ndctl create-namespace -r region0 -m raw -s 1G -a 2M
x ndctl create-namespace -r region0 -m sector -s 1G -a 2M
x ndctl create-namespace -r region0 -m fsdax -s 1G -M mem -a 4K
pfnline
reset_ns
x ndctl create-namespace -r region0 -m sector -s 1G -l 520
pfnline
reset_ns
x ndctl create-namespace -r region0 -m sector -s 1G -l 1024
reset_ns
x ndctl create-namespace -r region0 -m fsdax -s 1G -l 4096
nsdump namespace0.0
reset_ns
section "9.3 kernel-only pfn at a 2M-aligned (not 16M-aligned) start"
wattr 0x200000 $D/region0/align
x ndctl create-namespace -r region0 -m raw -s 2M
x ndctl create-namespace -r region0 -m raw -s 64M
NS=$(ndctl list -N | sed -n 's/.*"dev":"\(namespace[0-9.]*\)".*/\1/p' | while read n; do [ "$(cat $D/$n/size)" = 67108864 ] && echo $n; done); echo "ns=$NS"
nsdump $NS
x ndctl create-namespace -f -e $NS -m fsdax
x ndctl disable-namespace $NS
PFN=$(cat $D/region0/pfn_seed); echo "pfn seed=$PFN"
wattr 55555555-2222-3333-4444-555555555555 $D/$PFN/uuid
wattr pmem $D/$PFN/mode
wattr 2097152 $D/$PFN/align
wattr $NS $D/$PFN/namespace
ORACLE_VERBOSE=1
wattr $PFN /sys/bus/nd/drivers/nd_pmem/bind
ORACLE_VERBOSE=0
pfnline
x ndctl list -N
section "9.4 pfn align 1G requested via sysfs on that 64M namespace"
x ndctl disable-namespace $NS
