# Topic 7, boot 2 of 2: same backing file, nothing done yet
alldump
pfnline
x ndctl list -RDNu
x ndctl read-labels -j nmem0
x ndctl check-labels nmem0
section "7b.1 region align after reboot; create 17M again"
attr $D/region0/align $D/region0/available_size $D/region0/max_available_extent
x ndctl create-namespace -r region0 -m raw -s 17M
section "7b.2 destroy the raw 17M namespace and re-create after align 4K"
x ndctl destroy-namespace -f $(ndctl list -N | sed -n 's/.*"dev":"\(namespace[0-9.]*\)".*/\1/p' | while read n; do [ "$(cat $D/$n/size)" = 17825792 ] && echo $n; done)
wattr 4096 $D/region0/align
x ndctl create-namespace -r region0 -m raw -s 17M
alldump
pfnline
