# Builds both parts of the lkp25-p3 submission.
#   make              everything, module against the running kernel
#   make KDIR=<tree>  module against another kernel build tree
#   make clean
# part1: memalloc (three allocation schemes) and pagemap (VA->PA via /proc/pid/pagemap)
# part2: the lkp25p3 kernel module (/proc/lkp25p3) and the 1 GiB memalloc that drives it

CC     ?= gcc
CFLAGS ?= -O2 -Wall -Wextra
LDLIBS ?= -lpthread
KDIR   ?= /lib/modules/$(shell uname -r)/build

.PHONY: all part1 part2 module clean

# The module's sources: lkp25p3.c, or the objects part2/Kbuild links into lkp25p3.ko (lkp25p3-y).
lkp25p3-y :=
-include part2/Kbuild
MOD2 := part2/lkp25p3.c $(addprefix part2/,$(lkp25p3-y:.o=.c))

# Userspace helpers linked into the programs: every .c of a part that is not a program or the module.
LIB1 := $(filter-out part1/memalloc.c part1/pagemap.c,$(wildcard part1/*.c))
LIB2 := $(filter-out part2/memalloc.c $(MOD2),$(wildcard part2/*.c))

all: part1 part2

part1: part1/memalloc part1/pagemap

part1/memalloc: part1/memalloc.c $(LIB1) $(wildcard part1/*.h)
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

part1/pagemap: part1/pagemap.c $(LIB1) $(wildcard part1/*.h)
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

part2: part2/memalloc module

part2/memalloc: part2/memalloc.c $(LIB2) $(wildcard part2/*.h)
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(LDLIBS)

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/part2 modules

clean:
	rm -f part1/memalloc part1/pagemap part2/memalloc
	$(MAKE) -C $(KDIR) M=$(CURDIR)/part2 clean
