# Topic 5h: region1 at SPA 0x1fffe0000: region align 4K, one 128K raw pad, then fsdax/devdax start at 0x200000000
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
wattr 4096 $D/region1/align
x ndctl create-namespace -r region1 -m raw -s 128K
x ndctl create-namespace -r region1 -m fsdax -s 1G
x ndctl create-namespace -r region1 -m devdax -s 512M
pfnline
rdump region1
x ndctl list -RNu -r region1
