# Topic 4c: uninitialised-label DIMM (4G:label=128K, region 0xfffe0000): can lowering region align let ndctl reconfigure namespace0.0?
alldump
section "4c.1 align 128K then -e namespace0.0 -m fsdax -f"
wattr 0x20000 $D/region0/align
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
pfnline
section "4c.2 align 4K then -e namespace0.0 -m fsdax -f"
wattr 4096 $D/region0/align
x ndctl create-namespace -e namespace0.0 -m fsdax -f
alldump
pfnline
section "4c.3 -e namespace0.0 -m devdax -f"
x ndctl create-namespace -e namespace0.0 -m devdax -f
pfnline
section "4c.4 -e namespace0.0 -m sector -f"
x ndctl create-namespace -e namespace0.0 -m sector -f
pfnline
section "4c.5 -e namespace0.0 -m raw -f"
x ndctl create-namespace -e namespace0.0 -m raw -f
alldump
