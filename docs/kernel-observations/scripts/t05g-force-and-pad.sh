# Topic 5g: region1 at SPA 0x1fffe0000. ndctl's 16M start check is skipped by -f; the kernel's 2M check is not.
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
section "5g.1 -f at start 0x1fffe0000"
x ndctl create-namespace -r region1 -m fsdax -s 256M -f
x ndctl create-namespace -r region1 -m devdax -s 256M -f
alldump
reset_ns
section "5g.2 region1 align 4K, pad 128K raw, then fsdax at 0x200000000"
wattr 4096 $D/region1/align
x ndctl create-namespace -r region1 -m raw -s 128K
x ndctl create-namespace -r region1 -m raw -s 131072
x ndctl create-namespace -r region1 -m fsdax -s 1G
pfnline
section "5g.3 pad 2M raw, then fsdax at a 2M- but not 16M-aligned start (without / with -f)"
x ndctl create-namespace -r region1 -m raw -s 2M
x ndctl create-namespace -r region1 -m fsdax -s 256M
x ndctl create-namespace -r region1 -m fsdax -s 256M -f
x ndctl create-namespace -r region1 -m devdax -s 256M -f
alldump
pfnline
x ndctl list -RNu -r region1
