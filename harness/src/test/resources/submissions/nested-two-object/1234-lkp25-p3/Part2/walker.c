#include <linux/mm.h>
#include <linux/pgtable.h>
#include "lkp.h"

unsigned long lkp_translate(struct mm_struct *mm, unsigned long va)
{
	struct page *page;
	unsigned long pa = 0;

	mmap_read_lock(mm);
	if (get_user_pages_fast(va, 1, 0, &page) == 1) {
		pa = page_to_phys(page) | (va & ~PAGE_MASK);
		put_page(page);
	}
	mmap_read_unlock(mm);
	return pa;
}
