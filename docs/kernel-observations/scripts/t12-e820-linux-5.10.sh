# Topic 12: topic 10 (legacy PAGEMAP region, memmap=512M!1G) on Debian Linux 5.10.223 (bullseye)
x modprobe nd_e820
section "boot state"
alldump
pfndump pfn0.0 dax0.0 btt0.0
x ndctl list -RDNiu -vvv
x cat /proc/iomem
section "10.1 create-namespace -r region0 (e820: label-less)"
x ndctl create-namespace -r region0 -m fsdax -s 256M
section "10.2 reconfigure fsdax (map dev default)"
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
pfndump pfn0.0
x ndctl list -RNu
section "10.3 fsdax map mem"
x ndctl create-namespace -e namespace0.0 -m fsdax -M mem -f
x ndctl list -RNu
section "10.4 devdax"
x ndctl create-namespace -e namespace0.0 -m devdax -f
x ndctl list -RNu
section "10.5 sector"
x ndctl create-namespace -e namespace0.0 -m sector -f
x ndctl list -RNu
section "10.6 raw"
x ndctl create-namespace -e namespace0.0 -m raw -f
x ndctl list -RNu
section "10.7 region align writes (0 mappings)"
attr $D/region0/align $D/region0/mappings
wattr 4096 $D/region0/align
attr $D/region0/align $D/region0/available_size $D/region0/max_available_extent
wattr 2097152 $D/region0/align
attr $D/region0/align
section "10.8 destroy"
x ndctl destroy-namespace -f namespace0.0
alldump
