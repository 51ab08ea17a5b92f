# Topic 13: topic 2 (labelled namespaces) repeated on Debian Linux 5.10.223 (bullseye)
# Topic 2: namespace creation on a labelled 4G:label=128K DIMM
# (QEMU DIMM starts with an uninitialised label area -> init-labels first)
section "prep: init-labels"
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
alldump
pfndump pfn0.0 dax0.0 btt0.0
cr() { x ndctl create-namespace "$@"; alldump; }
rst() { section "reset (destroy all)"; x ndctl destroy-namespace -f all; rdump region0; }

section "2.1 fsdax -s 1G -a 2M (default map)"; cr -r region0 -m fsdax -s 1G -a 2M; rst
section "2.2 fsdax -s 1G -a 2M -M mem"; cr -r region0 -m fsdax -s 1G -a 2M -M mem; rst
section "2.3 fsdax -s 1G -a 2M -M dev"; cr -r region0 -m fsdax -s 1G -a 2M -M dev; rst
section "2.4 fsdax -s 1G -a 4K"; cr -r region0 -m fsdax -s 1G -a 4K; rst
section "2.5 fsdax -s 1G -a 1G"; cr -r region0 -m fsdax -s 1G -a 1G; rst
section "2.6 fsdax -s 2G -a 1G"; cr -r region0 -m fsdax -s 2G -a 1G; rst
section "2.7 devdax -s 1G -a 2M"; cr -r region0 -m devdax -s 1G -a 2M; rst
section "2.8 devdax -s 1G -a 4K"; cr -r region0 -m devdax -s 1G -a 4K; rst
section "2.9 devdax -s 1G -a 1G"; cr -r region0 -m devdax -s 1G -a 1G; rst
section "2.10 devdax -s 2G -a 1G"; cr -r region0 -m devdax -s 2G -a 1G; rst
section "2.11 raw -s 17M (no -f)"; cr -r region0 -m raw -s 17M; rst
section "2.12 raw -s 17M -f"; cr -r region0 -m raw -s 17M -f; rst
section "2.13 raw -s 32M"; cr -r region0 -m raw -s 32M; rst
section "2.14 sector -l 512 -s 1G"; cr -r region0 -m sector -l 512 -s 1G; rst
section "2.15 sector -l 4096 -s 1G"; cr -r region0 -m sector -l 4096 -s 1G; rst
section "2.16 sector (default sector size) -s 1G"; cr -r region0 -m sector -s 1G; rst
section "2.17 fsdax -s 100M"; cr -r region0 -m fsdax -s 100M; rst
section "2.18 raw -s 1000M"; cr -r region0 -m raw -s 1000M; rst
section "2.19 fsdax -s 8G (too big)"; cr -r region0 -m fsdax -s 8G; rst
section "2.20 fsdax -s 4G (region is 4G-128K)"; cr -r region0 -m fsdax -s 4G; rst
section "2.21 no size, fsdax (takes what?)"; cr -r region0 -m fsdax; rst
section "2.22 no args at all"; cr; rst
section "2.23 fill: 1G x N then no-size"
x ndctl create-namespace -r region0 -m fsdax -s 1G
x ndctl create-namespace -r region0 -m devdax -s 1G
x ndctl create-namespace -r region0 -m raw -s 1G
rdump region0
x ndctl create-namespace -r region0 -m fsdax -s 1G
rdump region0
x ndctl create-namespace -r region0 -m fsdax
alldump
x ndctl list -RNu
section "2.24 destroy the middle one, re-create"
x ndctl destroy-namespace -f namespace0.1
rdump region0
x ndctl create-namespace -r region0 -m fsdax -s 512M
rdump region0
x ndctl create-namespace -r region0 -m fsdax -s 1G
alldump
x ndctl list -RNu
rst
section "2.25 destroy and re-create same"
x ndctl create-namespace -r region0 -m fsdax -s 1G
x ndctl destroy-namespace -f namespace0.0
x ndctl create-namespace -r region0 -m fsdax -s 1G
alldump
