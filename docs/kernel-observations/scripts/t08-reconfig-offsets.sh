# Topic 8: reconfigure; fsdax/devdax data offsets for many sizes, map dev vs mem
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
section "8.1 reconfigure chain on namespace0.0"
x ndctl create-namespace -r region0 -m fsdax -s 1G
pfnline
x ndctl create-namespace -e namespace0.0 -m devdax
x ndctl create-namespace -f -e namespace0.0 -m devdax
pfnline; nsdump namespace0.0; rdump region0
x ndctl create-namespace -f -e namespace0.0 -m sector
pfnline; nsdump namespace0.0
x ndctl create-namespace -f -e namespace0.0 -m fsdax -M mem
pfnline; nsdump namespace0.0
x ndctl create-namespace -f -e namespace0.0 -m fsdax -s 2G
pfnline; nsdump namespace0.0; rdump region0
x ndctl create-namespace -f -e namespace0.0 -m fsdax -s 512M
pfnline; nsdump namespace0.0; rdump region0
x ndctl create-namespace -f -e namespace0.0 -m raw
pfnline; nsdump namespace0.0
x ndctl list -RNu
reset_ns
section "8.2 data offset table (region align 16M, namespace at region start)"
for M in dev mem; do
 for s in 16M 32M 48M 64M 112M 128M 256M 512M 1G 1536M 2G 3G; do
  echo "## fsdax -M $M -s $s"
  q ndctl create-namespace -r region0 -m fsdax -s $s -M $M -a 2M
  pfnline
  reset_ns
 done
done
for s in 16M 112M 1G 3G; do
  echo "## devdax -s $s -a 2M"
  q ndctl create-namespace -r region0 -m devdax -s $s -a 2M
  pfnline
  reset_ns
  echo "## devdax -s $s -a 4K"
  q ndctl create-namespace -r region0 -m devdax -s $s -a 4K
  pfnline
  reset_ns
done
for s in 2G 3G 3056M; do
  echo "## fsdax -s $s -a 1G"
  q ndctl create-namespace -r region0 -m fsdax -s $s -a 1G
  pfnline
  reset_ns
  echo "## fsdax -M mem -s $s -a 1G"
  q ndctl create-namespace -r region0 -m fsdax -M mem -s $s -a 1G
  pfnline
  reset_ns
done
section "8.3 region align 4K: odd sizes at region start"
wattr 4096 $D/region0/align
for s in 17M 100M 1000M 8M 4M 2M; do
  echo "## fsdax -s $s (align 4K region)"
  q ndctl create-namespace -r region0 -m fsdax -s $s
  pfnline
  reset_ns
  echo "## fsdax -M mem -s $s"
  q ndctl create-namespace -r region0 -m fsdax -M mem -s $s
  pfnline
  reset_ns
done
echo "## fsdax (no size), region align 4K"
q ndctl create-namespace -r region0 -m fsdax
pfnline
reset_ns
section "8.4 sector sizes table"
wattr 0x1000000 $D/region0/align
for s in 16M 256M 1G 2G; do for l in 512 4096; do
  echo "## sector -s $s -l $l"
  q ndctl create-namespace -r region0 -m sector -s $s -l $l
  pfnline
  reset_ns
done; done
