# Topic 6: persistence domain variants (QEMU nvdimm-persistence=)
section "boot state"
alldump
x ndctl list -RDNiu
x ndctl list -Ru
attr $D/ndbus0/nfit/* 2>/dev/null
