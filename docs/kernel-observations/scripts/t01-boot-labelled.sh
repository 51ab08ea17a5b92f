# Topic 1: default labelled DIMM 4G:label=128K — state at boot, labels
section "boot state"
cat /proc/iomem | grep -i -E 'persistent|reserved|nvdimm|pmem' 
alldump
x ndctl list -RDNiu
x ndctl list -RDNi
x ndctl list -Dv
section "read-labels"
x ndctl read-labels -j nmem0
x ndctl read-labels -u nmem0
section "check-labels"
x ndctl check-labels nmem0
section "init-labels (dimm active -> expect refusal)"
x ndctl init-labels nmem0
section "disable region, init-labels, enable"
x ndctl disable-region region0
x ndctl init-labels nmem0
x ndctl init-labels -f nmem0
x ndctl read-labels -j nmem0
x ndctl enable-region region0
alldump
x ndctl list -RDNiu
section "zero-labels then enable"
x ndctl disable-region region0
x ndctl zero-labels nmem0
x ndctl read-labels -j nmem0
x ndctl enable-region region0
alldump
x ndctl list -RDNiu
