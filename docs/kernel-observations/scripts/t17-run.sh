#!/bin/bash
# scripts/t17-run.sh t17a-media-errors-label-less|t17b-media-errors-labelled: boot the `pmdl diff` kernel and
# initramfs (~/.cache/pmdl/kernel/<release>, built by the first `pmdl diff`) with one fresh 1G NVDIMM
# (label-size 128K) and run the script as /pmdl/stage.sh; prints the console from the boot marker on.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
K=${PMDL_KERNEL_DIR:-$(ls -d ~/.cache/pmdl/kernel/6.1.*-amd64-* | tail -1)}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$W/root/pmdl"; cp "$HERE/$1.sh" "$W/root/pmdl/stage.sh"
(cd "$W/root" && find . | cpio -o -H newc 2>/dev/null) | cat "$K/initramfs.cpio" - > "$W/initrd.cpio"
truncate -s 1G "$W/d0.img"
timeout 300 qemu-system-x86_64 -accel tcg -cpu max -smp 1 -bios /usr/share/qemu/qboot.rom -kernel "$K/vmlinux" \
  -initrd "$W/initrd.cpio" -append "console=ttyS0 quiet panic=-1 mitigations=off tsc=reliable" -nographic \
  -no-reboot -net none -machine pc,nvdimm=on -m 2G,slots=1,maxmem=64G \
  -object memory-backend-file,id=mem0,share=on,mem-path="$W/d0.img",size=1G \
  -device nvdimm,id=nv0,memdev=mem0,label-size=128K < /dev/null | sed -n '/@@pmdl booted/,/@@pmdl end/p'
