# Topic 5f: region1 at SPA 0x1fffe0000: pad with a raw namespace so the next one starts 16M-aligned in SPA
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
wattr 4096 $D/region1/align
attr $D/region1/align $D/region1/available_size $D/region1/max_available_extent
x ndctl create-namespace -r region1 -m raw -s 16646144
x ndctl create-namespace -r region1 -m fsdax -s 1G
x ndctl create-namespace -r region1 -m devdax -s 256M
alldump
pfnline
