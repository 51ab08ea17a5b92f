# Topic 5b: one labelled (uninit -> init) DIMM + one label-less DIMM + one unarmed
section "boot state"
alldump
x ndctl list -RDNiu
x ndctl list -Dv
section "init-labels all"
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
alldump
x ndctl list -RDNiu
section "create on each region"
x ndctl create-namespace -r region0 -m fsdax -s 1G
x ndctl create-namespace -r region1 -m fsdax -s 1G
x ndctl create-namespace -r region2 -m fsdax -s 1G
x ndctl create-namespace -e namespace1.0 -m fsdax -f
alldump
x ndctl list -RDNu
