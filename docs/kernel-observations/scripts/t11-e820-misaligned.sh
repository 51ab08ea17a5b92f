# Topic 11: legacy PAGEMAP region whose end is not 2M aligned (catalog D worked example 17)
x modprobe nd_e820
section "boot state"
alldump
x ndctl list -RDNiu -vvv
x cat /proc/iomem
section "11.1 reconfigure fsdax"
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
pfndump pfn0.0
x ndctl list -RNu -vvv
section "11.2 devdax"
x ndctl create-namespace -e namespace0.0 -m devdax -f
x ndctl list -RNu
section "11.3 sector"
x ndctl create-namespace -e namespace0.0 -m sector -f
x ndctl list -RNu
section "11.4 raw again"
x ndctl create-namespace -e namespace0.0 -m raw -f
x ndctl list -RNu
alldump
section "11.5 region align 4K (sysfs), then fsdax"
wattr 4096 $D/region0/align
x ndctl create-namespace -e namespace0.0 -m fsdax -f
pfndump pfn0.0
x ndctl list -RNu
section "11.6 fsdax map mem"
x ndctl create-namespace -e namespace0.0 -m fsdax -M mem -f
pfndump pfn0.0
section "11.7 devdax"
x ndctl create-namespace -e namespace0.0 -m devdax -f
pfndump dax0.0
section "11.8 sector"
x ndctl create-namespace -e namespace0.0 -m sector -f
x ndctl list -RNu
section "11.9 raw"
x ndctl create-namespace -e namespace0.0 -m raw -f
x ndctl list -RNu
