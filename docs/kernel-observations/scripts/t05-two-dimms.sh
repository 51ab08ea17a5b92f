# Topic 5: two DIMMs -> two regions
section "boot state"
alldump
x ndctl list -RDNiu
section "5.1 init-labels on both"
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
alldump
section "5.2 create in region1 then region0, then without -r"
x ndctl create-namespace -r region1 -m fsdax -s 1G
x ndctl create-namespace -r region0 -m devdax -s 1G
x ndctl create-namespace -m raw -s 512M
x ndctl create-namespace -r region1 -m sector -s 256M
alldump
x ndctl list -RDNu
section "5.3 no-size create without -r (which region?)"
x ndctl create-namespace -m fsdax
alldump
x ndctl list -RNu
