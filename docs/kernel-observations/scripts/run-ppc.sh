#!/bin/bash
# run-ppc.sh NAME [radix|hash64k|hash16m] — boots the pseries kernel and initramfs that `pmdl diff` built
# (~/.cache/pmdl/kernel/ppc64-RELEASE-*/, PMDL_PPC_CACHE to pick one) on one spapr-nvdimm (4G + 128K label area)
# with the given MMU, runs scripts/NAME.sh there (guest-lib.sh's helpers are loaded) and writes ../NAME.log
# (the whole console). The media file is kept in /tmp/NAME.img across calls (MEDIA=fresh starts anew).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$1 MMU=${2:-radix}
C=${PMDL_PPC_CACHE:-$(ls -d ~/.cache/pmdl/kernel/ppc64-6.1.* | head -1)}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/c/pmdl" && cp "$HERE/$NAME.sh" "$W/c/pmdl/stage.sh"
(cd "$W/c" && find pmdl | cpio -o -H newc --owner=0:0 --quiet) > "$W/stage.cpio"
cat "$C/initramfs.cpio" "$W/stage.cpio" > "$W/initrd.cpio"
IMG=/tmp/$NAME.img SIZE=$((4 * 1024 * 1024 * 1024 + 131072))
[ "${MEDIA:-}" = fresh ] && rm -f "$IMG"
[ -e "$IMG" ] || truncate -s $SIZE "$IMG"
MACHINE=pseries,x-vof=on,cap-ccf-assist=off,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken APPEND=
case $MMU in
  hash64k) APPEND=disable_radix;;
  hash16m) APPEND=disable_radix MACHINE=$MACHINE,cap-hpt-max-page-size=16M;;
esac
CMD=(qemu-system-ppc64 -accel tcg -machine "$MACHINE" -cpu power9 -smp 1 -m 2G,slots=1,maxmem=64G
  -kernel "$C/vmlinux" -initrd "$W/initrd.cpio" -append "console=hvc0 quiet panic=-1 $APPEND"
  -nographic -no-reboot -net none -vga none
  -object memory-backend-file,id=mem0,share=on,mem-path=$IMG,size=$SIZE
  -device spapr-nvdimm,id=pmem0,memdev=mem0,label-size=128K,uuid=2d6c1e4a-0000-4000-8000-000000000000)
{ echo "### ${CMD[*]}"; "${CMD[@]}" < /dev/null 2>&1 | tr -d '\r'; } >> "$(dirname "$HERE")/$NAME.log"
