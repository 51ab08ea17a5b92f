# Topic 4b: DIMM WITH a label area (label=128K) whose index was never initialised (QEMU default)
section "boot state"
alldump
section "4b.1 create-namespace -r region0 -m fsdax -s 1G (before init-labels)"
x ndctl create-namespace -r region0 -m fsdax -s 1G
alldump
section "4b.2 create-namespace (no args)"
x ndctl create-namespace
section "4b.3 create-namespace -e namespace0.0 -m fsdax -f"
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
x ndctl list -RNu
section "4b.4 -m devdax -f"
x ndctl create-namespace -e namespace0.0 -m devdax -f
alldump
