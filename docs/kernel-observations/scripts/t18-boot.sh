#!/bin/bash
# boot.sh SCRIPT [extra append]: pmdl diff's 6.1 initramfs + daxctl, dax_hmem, SCRIPT as /pmdl/stage.sh
set -e
S=$1; APPEND=${2:-}
C=/root/.cache/pmdl/kernel/6.1.0-57-amd64-1837def0
W=$(mktemp -d /tmp/dax-oracle/run.XXXX)
R=$W/root; mkdir -p $R/pmdl $R/usr/bin
cp /usr/bin/daxctl $R/usr/bin/
for f in $(ldd /usr/bin/daxctl | awk '$2 == "=>" && $3 ~ /^\// {print $3}'); do mkdir -p $R$(dirname $f); cp -L $f $R$f; done
K=6.1.0-57-amd64; mkdir -p $R/lib/modules/$K/kernel/drivers/dax/hmem
cp /lib/modules/$K/kernel/drivers/dax/hmem/dax_hmem.ko $R/lib/modules/$K/kernel/drivers/dax/hmem/
cp $S $R/pmdl/stage.sh
(cd $R && find . | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet) > $W/extra.cpio
cat $C/initramfs.cpio $W/extra.cpio > $W/initrd.cpio
truncate -s 4G $W/nv0.img
timeout 600 nice qemu-system-x86_64 -accel tcg -cpu max -smp 1 -bios /usr/share/qemu/qboot.rom -machine pc,nvdimm=on -m 2G,slots=1,maxmem=64G \
 -kernel $C/vmlinux -initrd $W/initrd.cpio -append "console=ttyS0 quiet panic=-1 mitigations=off tsc=reliable $APPEND" \
 -nographic -no-reboot -net none -object memory-backend-file,id=mem0,share=on,mem-path=$W/nv0.img,size=4G \
 -device nvdimm,id=nvdimm0,memdev=mem0,label-size=128K
rm -rf $W
