/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk.h - hand-rolled x86-64 page-table walk shared by lkp25p3 and pagetable.
 *
 * walk_page_range(), follow_pte() and pte_offset_map*() are unexported or gone
 * on at least one supported kernel (5.10, 6.1, 6.12, 7.x; see KERNEL-NOTES.md),
 * so the tables are walked by hand. Everything is static inline: each module
 * compiles its own copy and nothing is exported.
 *
 * Locking contract for every function here: the caller holds
 * mmap_read_lock(mm) and only walks addresses that lie inside a VMA it looked
 * up under that lock. The PGD..PMD tables of such an address cannot be freed
 * meanwhile, with one exception: a hugetlb VMA's PMD table may be shared with
 * other processes (CONFIG_ARCH_WANT_HUGE_PMD_SHARE on x86-64), and
 * huge_pmd_unshare() clears this mm's PUD without its mmap lock (rmap unmap,
 * migration, a hole punch: it holds i_mmap_rwsem and the hugetlb VMA lock,
 * which is not exported). So the PMD table is always reached through the PUD
 * value read once (pmd_offset(&pudv, ...)), never by reading the live PUD
 * again, and ptw_translate() holds RCU across the walk: the table that value
 * names is freed only after a grace period (MMU_GATHER_RCU_TABLE_FREE).
 * Callers that write entries or take a PMD lock (the scanner) and callers that
 * walk whole ranges (the dump) skip hugetlb VMAs: see ptw_vma_skipped().
 * A PTE table can be freed too, without the mmap lock held for writing:
 * khugepaged collapse, retract_page_tables() (file and shmem THP, since 6.6,
 * no mmap lock at all), PT_RECLAIM on 7.x (MADV_DONTNEED frees empty tables
 * under mmap_read_lock). Those free the table after an RCU grace period, so
 * a table is only dereferenced under RCU, and only after pmd_same() has
 * shown, with RCU already held, that the PMD still points at it; its split
 * lock is taken and the PMD checked once more under that lock, as upstream
 * ___pte_offset_map() and __pte_offset_map_lock() do. pte_unmap() is never
 * needed: x86-64 has no HIGHPTE, and pte_offset_kernel() is inline on every
 * kernel.
 */
#ifndef LKP_PTWALK_H
#define LKP_PTWALK_H

#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>

enum ptw_level { PTW_NONE, PTW_PTE, PTW_PMD, PTW_PUD };

static inline const char *ptw_level_name(enum ptw_level level)
{
	switch (level) {
	case PTW_PTE:
		return "pte";
	case PTW_PMD:
		return "pmd";
	case PTW_PUD:
		return "pud";
	default:
		return "none";
	}
}

/* Where the descent from the PGD stopped. */
enum ptw_descent {
	PTW_AT_PMD,	/* *pmdp may be read */
	PTW_PUD_LEAF,	/* a present 1 GiB leaf maps the address, see *pudv */
	PTW_HOLE,	/* an upper-level entry is empty or not present */
	PTW_BAD,	/* an upper-level entry is corrupt */
};

/*
 * Descend to the PMD entry covering @addr. p4d_offset() is always used so
 * 5-level tables work; on 4-level it folds onto the PGD at run time.
 */
static inline enum ptw_descent ptw_descend(struct mm_struct *mm,
					   unsigned long addr, pud_t *pudv,
					   pmd_t **pmdp)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pgd_t pgdv = READ_ONCE(*pgd);
	p4d_t *p4d;
	p4d_t p4dv;
	pud_t *pud;

	if (pgd_none(pgdv))
		return PTW_HOLE;
	if (pgd_bad(pgdv))
		return PTW_BAD;
	p4d = p4d_offset(pgd, addr);
	p4dv = READ_ONCE(*p4d);
	if (p4d_none(p4dv))
		return PTW_HOLE;
	if (p4d_bad(p4dv))
		return PTW_BAD;
	pud = pud_offset(p4d, addr);
	*pudv = READ_ONCE(*pud);
	if (pud_none(*pudv))
		return PTW_HOLE;
	/* pud_bad() is true for a leaf: test for the leaf first. */
	if (pud_leaf(*pudv))
		return pud_present(*pudv) ? PTW_PUD_LEAF : PTW_HOLE;
	if (pud_bad(*pudv))
		return PTW_BAD;
	/* From the value checked above: the live PUD may be cleared by now. */
	*pmdp = pmd_offset(pudv, addr);
	return PTW_AT_PMD;
}

/*
 * A range walk (scanner, dump) leaves hugetlb VMAs alone: their PMD table may
 * be shared and unshared under us (see the top of this file), and the scanner
 * would take the PMD lock in it and clear bits in it. The caller reports the
 * VMA as skipped.
 */
static inline bool ptw_vma_skipped(struct vm_area_struct *vma)
{
	return is_vm_hugetlb_page(vma);
}

/*
 * What ptw_walk() hands over. A callback returns true to go on; false means
 * it did not handle its entry: the walk stops and returns the entry's start.
 */
struct ptw_walk_ops {
	/* A present 1 GiB leaf, value @pudv, maps [addr, end). May be NULL. */
	bool (*pud_leaf)(pud_t pudv, unsigned long addr, unsigned long end,
			 void *priv);
	/*
	 * The PMD entry *@pmdp covering [addr, end) was not empty when the
	 * walk looked; it may change meanwhile, so read it again.
	 */
	bool (*pmd_entry)(pmd_t *pmdp, unsigned long addr, unsigned long end,
			  void *priv);
};

static inline bool ptw_walk_pmds(pud_t pudv, unsigned long addr,
				 unsigned long end,
				 const struct ptw_walk_ops *ops, void *priv,
				 unsigned long *stop)
{
	pmd_t *pmdp = pmd_offset(&pudv, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(READ_ONCE(*pmdp)) &&
		    !ops->pmd_entry(pmdp, addr, next, priv)) {
			*stop = addr;
			return false;
		}
		cond_resched();
	} while (pmdp++, addr = next, addr != end);
	return true;
}

static inline bool ptw_walk_puds(p4d_t *p4dp, unsigned long addr,
				 unsigned long end,
				 const struct ptw_walk_ops *ops, void *priv,
				 unsigned long *stop)
{
	pud_t *pudp = pud_offset(p4dp, addr);
	unsigned long next;
	pud_t pudv;

	do {
		next = pud_addr_end(addr, end);
		pudv = READ_ONCE(*pudp);
		if (pud_none(pudv)) {
			/* a hole of up to 1 GiB, skipped whole */
		} else if (pud_leaf(pudv)) {
			/* pud_bad() is true for a leaf: test for the leaf first. */
			if (pud_present(pudv) && ops->pud_leaf &&
			    !ops->pud_leaf(pudv, addr, next, priv)) {
				*stop = addr;
				return false;
			}
		} else if (!pud_bad(pudv) &&
			   !ptw_walk_pmds(pudv, addr, next, ops, priv, stop)) {
			return false;
		}
		cond_resched();
	} while (pudp++, addr = next, addr != end);
	return true;
}

static inline bool ptw_walk_p4ds(pgd_t *pgdp, unsigned long addr,
				 unsigned long end,
				 const struct ptw_walk_ops *ops, void *priv,
				 unsigned long *stop)
{
	p4d_t *p4dp = p4d_offset(pgdp, addr);
	unsigned long next;
	p4d_t p4dv;

	do {
		next = p4d_addr_end(addr, end);
		p4dv = READ_ONCE(*p4dp);
		if (!p4d_none(p4dv) && !p4d_bad(p4dv) &&
		    !ptw_walk_puds(p4dp, addr, next, ops, priv, stop))
			return false;
		cond_resched();
	} while (p4dp++, addr = next, addr != end);
	return true;
}

/*
 * Walk [addr, end) of @mm top down, calling @ops for every PUD leaf and every
 * non-empty PMD entry in address order. An empty entry at any level is
 * skipped whole (512 GiB, 1 GiB, 2 MiB), so a terabyte reservation with no
 * page tables costs a few iterations, not one per 2 MiB; cond_resched() runs
 * after every entry of every level. p4d_offset() is always used so 5-level
 * tables work; on 4-level it folds onto the PGD at run time. Returns @end,
 * or the start of the entry whose callback returned false.
 */
static inline unsigned long ptw_walk(struct mm_struct *mm, unsigned long addr,
				     unsigned long end,
				     const struct ptw_walk_ops *ops,
				     void *priv)
{
	pgd_t *pgdp;
	unsigned long next, stop = end;
	pgd_t pgdv;

	if (addr >= end)
		return end;
	pgdp = pgd_offset(mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		pgdv = READ_ONCE(*pgdp);
		if (!pgd_none(pgdv) && !pgd_bad(pgdv) &&
		    !ptw_walk_p4ds(pgdp, addr, next, ops, priv, &stop))
			return stop;
		cond_resched();
	} while (pgdp++, addr = next, addr != end);
	return end;
}

/*
 * Work on the PTEs of [addr, end), within one PMD, of the table that the
 * snapshot @pmdv points to.
 */
typedef void (*ptw_pte_fn)(pte_t *ptep, unsigned long addr, unsigned long end,
			   void *priv);

/*
 * Call @fn on the PTEs of [addr, end) with RCU held and the table's split
 * lock taken; false, without calling @fn, when the PMD no longer holds
 * @pmdv (the caller skips or retries; never spin here). Every path leaves
 * with the lock and RCU released, so the lock context balances inside this
 * function (sparse checks it) and @fn neither takes nor drops them.
 *
 * @pmdv was read before RCU was held: in that window the table may have been
 * unlinked, its grace period may have ended and its page may have been
 * reused, so pte_lockptr() on it would find the lock inside a freed page.
 * Only a PMD that still holds @pmdv once RCU is held points to a table that
 * stays allocated until rcu_read_unlock(). The second pmd_same(), under the
 * table's lock, catches a table unlinked after that (collapse and reclaim
 * clear the PMD with this lock held).
 */
static inline bool ptw_pte_locked(struct mm_struct *mm, pmd_t *pmdp,
				  pmd_t pmdv, unsigned long addr,
				  unsigned long end, ptw_pte_fn fn, void *priv)
{
	bool done = false;
	spinlock_t *ptl;

	rcu_read_lock();
	if (unlikely(!pmd_same(pmdv, READ_ONCE(*pmdp))))
		goto out_rcu_unlock;
	ptl = pte_lockptr(mm, &pmdv);
	spin_lock(ptl);
	if (likely(pmd_same(pmdv, READ_ONCE(*pmdp)))) {
		fn(pte_offset_kernel(&pmdv, addr), addr, end, priv);
		done = true;
	}
	spin_unlock(ptl);
out_rcu_unlock:
	rcu_read_unlock();
	return done;
}

static inline void ptw_copy_ptes(pte_t *ptep, unsigned long addr,
				 unsigned long end, void *priv)
{
	pte_t *out = priv;

	for (; addr < end; addr += PAGE_SIZE)
		*out++ = ptep_get(ptep++);
}

/*
 * Copy the PTEs of [addr, end), which must lie within one PMD, to @out so
 * the caller can work on them (print, sleep) without holding the lock.
 */
static inline bool ptw_read_ptes(struct mm_struct *mm, pmd_t *pmdp,
				 pmd_t pmdv, unsigned long addr,
				 unsigned long end, pte_t *out)
{
	return ptw_pte_locked(mm, pmdp, pmdv, addr, end, ptw_copy_ptes, out);
}

/*
 * The PMD leaf maps the huge zero page. is_huge_zero_pmd() reads a variable
 * that no supported kernel exports, so test what sets that page apart from
 * every other PMD-mapped page: a frame with a struct page that is neither
 * anonymous nor in a file's page cache (no ->mapping). An anonymous THP has
 * its anon_vma there and a file or shmem THP its address_space as long as it
 * is mapped; a special (pfnmap) PMD has no page of its own to ask. Racy
 * without the PMD lock, like every snapshot here, but never unsafe: any
 * valid PFN has a struct page to read.
 */
static inline bool ptw_huge_zero_pmd(pmd_t pmdv)
{
	unsigned long pfn = pmd_pfn(pmdv);

#ifdef CONFIG_ARCH_SUPPORTS_PMD_PFNMAP
	if (pmd_special(pmdv))
		return false;
#endif
	return pfn_valid(pfn) && !READ_ONCE(pfn_to_page(pfn)->mapping);
}

/* Translation of one address. */
struct ptw_result {
	unsigned long pfn;	/* frame of the 4 KiB page holding the address */
	enum ptw_level level;	/* leaf level; PTW_NONE when not mapped */
	const char *err;	/* why not mapped; NULL when mapped */
	bool writable, dirty, young, zero, swap;
};

/* Physical address of @addr; inside a leaf of any size pfn already has the offset. */
static inline u64 ptw_pa(const struct ptw_result *r, unsigned long addr)
{
	if (r->level == PTW_NONE)
		return 0;
	return ((u64)r->pfn << PAGE_SHIFT) | (addr & ~PAGE_MASK);
}

/* One attempt; false only when the PTE table changed under us. */
static inline bool ptw_translate_once(struct mm_struct *mm,
				      unsigned long addr, struct ptw_result *r)
{
	pmd_t *pmdp;
	pud_t pudv;
	pmd_t pmdv;
	pte_t ptev;

	switch (ptw_descend(mm, addr, &pudv, &pmdp)) {
	case PTW_HOLE:
		r->err = "not_present";
		return true;
	case PTW_BAD:
		r->err = "bad_entry";
		return true;
	case PTW_PUD_LEAF:
		r->level = PTW_PUD;
		r->pfn = pud_pfn(pudv) + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
		r->writable = pud_write(pudv);
		r->dirty = pud_dirty(pudv);
		r->young = pud_young(pudv);
		return true;
	case PTW_AT_PMD:
		break;
	}

	pmdv = READ_ONCE(*pmdp);
	if (pmd_none(pmdv)) {
		r->err = "not_present";
		return true;
	}
	if (!pmd_present(pmdv)) {
		/* A THP under migration or swapped as a whole. */
		r->err = "swap_entry";
		r->swap = true;
		return true;
	}
	/* A THP PMD looks bad to pmd_bad(): test for the leaf first. */
	if (pmd_leaf(pmdv)) {
		r->level = PTW_PMD;
		r->pfn = pmd_pfn(pmdv) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
		r->writable = pmd_write(pmdv);
		r->dirty = pmd_dirty(pmdv);
		r->young = pmd_young(pmdv);
		r->zero = ptw_huge_zero_pmd(pmdv);
		return true;
	}
	if (pmd_bad(pmdv)) {
		r->err = "bad_entry";
		return true;
	}

	if (!ptw_read_ptes(mm, pmdp, pmdv, addr, addr + PAGE_SIZE, &ptev))
		return false;

	if (pte_none(ptev)) {
		r->err = "not_present";
		return true;
	}
	if (!pte_present(ptev)) {
		r->err = "swap_entry";
		r->swap = true;
		return true;
	}
	r->level = PTW_PTE;
	r->pfn = pte_pfn(ptev);
	r->writable = pte_write(ptev);
	r->dirty = pte_dirty(ptev);
	r->young = pte_young(ptev);
	r->zero = is_zero_pfn(r->pfn);
	return true;
}

/*
 * Translate @addr of @mm. The caller holds mmap_read_lock(mm) and has checked
 * that a VMA covers @addr. hugetlb VMAs are translated too: only read, from
 * the PUD snapshot, under RCU.
 */
static inline void ptw_translate(struct mm_struct *mm, unsigned long addr,
				 struct ptw_result *r)
{
	bool done;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		memset(r, 0, sizeof(*r));
		r->level = PTW_NONE;
		/* Keeps a shared hugetlb PMD table alive once unshared. */
		rcu_read_lock();
		done = ptw_translate_once(mm, addr, r);
		rcu_read_unlock();
		if (done)
			return;
	}
	r->err = "unstable";
}

#endif /* LKP_PTWALK_H */
