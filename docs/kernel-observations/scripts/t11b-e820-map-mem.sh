# Topic 11b: why fsdax map mem fails on the misaligned legacy region (debug messages on)
x modprobe nd_e820
wattr 4096 $D/region0/align
dbg_on
section "11b.1 fsdax map mem from the raw (disabled) namespace"
x ndctl create-namespace -e namespace0.0 -m fsdax -M mem -f
pfndump pfn0.0
section "11b.2 fsdax map dev"
x ndctl create-namespace -e namespace0.0 -m fsdax -f
pfndump pfn0.0
section "11b.3 fsdax map mem from fsdax"
x ndctl create-namespace -e namespace0.0 -m fsdax -M mem -f
pfndump pfn0.0
