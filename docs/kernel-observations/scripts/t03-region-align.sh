# Topic 3: region align attribute writes, misaligned sizes via ndctl and via raw sysfs
section "prep: init-labels"
x ndctl disable-region region0
x ndctl init-labels -f nmem0
x ndctl enable-region region0
R=$D/region0
rdump region0
section "3.0 raw sysfs size write, misaligned, region align 16M (kernel's own check)"
NS=$(cat $R/namespace_seed); echo "seed=$NS"
wattr 11111111-2222-3333-4444-555555555555 $D/$NS/uuid
ORACLE_VERBOSE=1
wattr 17825792 $D/$NS/size
wattr 100000000 $D/$NS/size
wattr 8589934592 $D/$NS/size
wattr 4278190080 $D/$NS/size
ORACLE_VERBOSE=0
nsdump $NS
rdump region0
wattr 0 $D/$NS/size
nsdump $NS
section "3.1 align writes (each prints rc and errno text)"
for v in 4096 0x1000 2097152 0x200000 0x1000000 16777216 3145728 0x300000 0 1 2048 4K 2M 1073741824 0x80000000 2147483648 4294836224 4294967296 8589934592 -1 abc 65536 8192; do
  wattr $v $R/align; attr $R/align $R/available_size $R/max_available_extent
done
section "3.2 align 4K then raw -s 17M"
wattr 4096 $R/align
attr $R/align $R/available_size $R/max_available_extent
x ndctl create-namespace -r region0 -m raw -s 17M
alldump
section "3.3 align back to 16M with the 17M namespace present"
wattr 0x1000000 $R/align
attr $R/align $R/available_size $R/max_available_extent
x ndctl create-namespace -r region0 -m raw -s 32M
alldump
x ndctl list -RNu
section "3.4 align 2M: fsdax -s 17M, fsdax -s 34M, devdax -s 100M"
wattr 0x200000 $R/align
attr $R/align $R/available_size $R/max_available_extent
x ndctl create-namespace -r region0 -m fsdax -s 17M
x ndctl create-namespace -r region0 -m fsdax -s 34M
x ndctl create-namespace -r region0 -m fsdax -s 100M
x ndctl create-namespace -r region0 -m devdax -s 100M
alldump
x ndctl list -RNu
section "3.5 align 4K: raw sysfs size 17825792+4096 and 4097"
wattr 4096 $R/align
NS=$(cat $R/namespace_seed); echo "seed=$NS"
wattr 22222222-2222-3333-4444-555555555555 $D/$NS/uuid
ORACLE_VERBOSE=1
wattr 4097 $D/$NS/size
wattr 8192 $D/$NS/size
ORACLE_VERBOSE=0
nsdump $NS
rdump region0
section "3.6 reset + disable/enable region: does align persist?"
reset_ns
wattr 0x200000 $R/align
x ndctl disable-region region0
x ndctl enable-region region0
attr $R/align $R/available_size $R/max_available_extent
x ndctl list -Ru
