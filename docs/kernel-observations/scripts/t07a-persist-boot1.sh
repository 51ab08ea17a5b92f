# Topic 7, boot 1 of 2 (backing file kept): create namespaces, set region align 4K
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
x ndctl create-namespace -r region0 -m fsdax -s 1G -a 2M
x ndctl create-namespace -r region0 -m devdax -s 2G -a 1G
x ndctl create-namespace -r region0 -m sector -s 256M -l 4096
x ndctl create-namespace -r region0 -m fsdax -s 256M -M mem -n named-ns
wattr 4096 $D/region0/align
x ndctl create-namespace -r region0 -m raw -s 17M
alldump
pfnline
x ndctl list -RDNu
x ndctl read-labels -j nmem0
