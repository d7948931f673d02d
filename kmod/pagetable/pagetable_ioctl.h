/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pagetable_ioctl.h - ioctl interface of /dev/pagetable. The only place the
 * numbers are defined: included by pagetable.c and by workloads/getpfn.c.
 * <linux/ioctl.h> and <linux/types.h> exist in the kernel and, through the
 * UAPI headers (linux-libc-dev), in userspace, so the header compiles in both.
 */
#ifndef PAGETABLE_IOCTL_H
#define PAGETABLE_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PAGETABLE_DEV		"/dev/pagetable"
/*
 * 0xB9: no entry in Documentation/userspace-api/ioctl/ioctl-number.rst (its
 * neighbours 0xB8 mshv/mrvl_cn10k_dpi and 0xBA liveupdate are taken) and no
 * _IOC type of any UAPI header of 5.10, 6.1, 6.12 or 7.2. The former 0xB7 is
 * nsfs's NSIO: _IO(0xB7, 1) is NS_GET_USERNS, so IOCTL_GET_PFN sent to a
 * namespace file by mistake returned a new file descriptor as its "PFN".
 * With a number of its own, a wrong file answers ENOTTY.
 */
#define PAGETABLE_IOC_MAGIC	0xB9

/* Translation of one virtual page for IOCTL_GET_PFN_EX. */
struct pagetable_pfn_ex {
	__u64 vpn;	/* in: virtual page number (VA >> 12) */
	__u64 pfn;	/* out: frame number, 0 when not present */
	__u32 flags;	/* out: PAGETABLE_F_* */
	__u32 level;	/* out: PAGETABLE_LEVEL_* of the leaf */
};

#define PAGETABLE_F_PRESENT	(1u << 0)	/* mapped to a frame */
#define PAGETABLE_F_HUGE	(1u << 1)	/* leaf above the PTE level */
#define PAGETABLE_F_ZERO	(1u << 2)	/* the shared 4 KiB zero page */
#define PAGETABLE_F_WRITABLE	(1u << 3)
#define PAGETABLE_F_DIRTY	(1u << 4)
#define PAGETABLE_F_YOUNG	(1u << 5)	/* accessed bit set */
#define PAGETABLE_F_SWAP	(1u << 6)	/* swap or migration entry */
#define PAGETABLE_F_NO_VMA	(1u << 7)	/* no VMA covers the page */

#define PAGETABLE_LEVEL_NONE	0
#define PAGETABLE_LEVEL_PTE	1
#define PAGETABLE_LEVEL_PMD	2
#define PAGETABLE_LEVEL_PUD	3

/*
 * The argument is the virtual page number itself (not a pointer); the
 * ioctl's return value is the PFN. Errors: ENOENT not present, ESRCH no
 * target process, EINVAL page outside user space, EOVERFLOW PFN >= 2^31
 * (ioctl(2) returns an int).
 */
#define IOCTL_GET_PFN		_IO(PAGETABLE_IOC_MAGIC, 1)
/* The argument points to a struct pagetable_pfn_ex; returns 0 when present or not. */
#define IOCTL_GET_PFN_EX	_IOWR(PAGETABLE_IOC_MAGIC, 2, struct pagetable_pfn_ex)
/* The argument points to an int pid; 0 clears the target. */
#define IOCTL_SET_PID		_IOW(PAGETABLE_IOC_MAGIC, 3, int)

#endif /* PAGETABLE_IOCTL_H */
