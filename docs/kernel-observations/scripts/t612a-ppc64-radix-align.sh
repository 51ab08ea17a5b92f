P=$(cat /sys/bus/nd/devices/region0/pfn_seed)
D=$(cat /sys/bus/nd/devices/region0/dax_seed)
attr /sys/bus/nd/devices/$P/supported_alignments /sys/bus/nd/devices/$P/align /sys/bus/nd/devices/$D/supported_alignments /sys/bus/nd/devices/region0/align
x ndctl disable-region all
x ndctl init-labels all
x ndctl enable-region all
x ndctl create-namespace -r region0 -m fsdax -s 2G -a 1G
x ndctl create-namespace -r region0 -m devdax -s 1G -a 1G
x ndctl list -N
