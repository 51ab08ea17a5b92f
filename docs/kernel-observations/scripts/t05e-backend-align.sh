# Topic 5e: two DIMMs with memory-backend-file align=16M: where does region1 start?
alldump
x ndctl disable-region all
x ndctl init-labels -f all
x ndctl enable-region all
x ndctl create-namespace -r region1 -m fsdax -s 1G
pfnline
rdump region0 region1
