# Topic 4: label-less DIMM (no label-size => no _DSM label area)
section "boot state"
alldump
pfndump pfn0.0 dax0.0 btt0.0
x ndctl list -RDNiu
x ndctl read-labels -j nmem0
x ndctl init-labels nmem0
section "4.1 create-namespace -r region0 -m fsdax -s 1G (label-less: no sizing)"
x ndctl create-namespace -r region0 -m fsdax -s 1G
alldump
section "4.2 create-namespace -e namespace0.0 -m fsdax -f"
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
x ndctl list -RNu
section "4.3 -m fsdax -M mem -f"
x ndctl create-namespace -e namespace0.0 -m fsdax -M mem -f
alldump
section "4.4 -m fsdax -a 4K -f"
x ndctl create-namespace -e namespace0.0 -m fsdax -a 4K -f
alldump
section "4.5 -m fsdax -a 1G -f"
x ndctl create-namespace -e namespace0.0 -m fsdax -a 1G -f
alldump
section "4.6 -m devdax -f (default align)"
x ndctl create-namespace -e namespace0.0 -m devdax -f
alldump
section "4.7 -m devdax -a 1G -f"
x ndctl create-namespace -e namespace0.0 -m devdax -a 1G -f
alldump
section "4.8 -m sector -f"
x ndctl create-namespace -e namespace0.0 -m sector -f
alldump
section "4.9 -m raw -f"
x ndctl create-namespace -e namespace0.0 -m raw -f
alldump
section "4.10 -m fsdax -s 1G -e namespace0.0 -f (resize label-less?)"
x ndctl create-namespace -e namespace0.0 -m fsdax -s 1G -f
alldump
section "4.11 destroy-namespace on label-less"
x ndctl destroy-namespace -f namespace0.0
alldump
section "4.12 region align on label-less region"
attr $D/region0/align
wattr 4096 $D/region0/align
attr $D/region0/align $D/region0/available_size
wattr 3145728 $D/region0/align
section "4.13 write size on label-less namespace"
wattr 1073741824 $D/namespace0.0/size
