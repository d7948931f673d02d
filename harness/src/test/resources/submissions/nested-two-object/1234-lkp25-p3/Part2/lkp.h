#ifndef LKP_H
#define LKP_H
#define PROC_NAME "lkp25p3"
unsigned long lkp_translate(struct mm_struct *mm, unsigned long va);
#endif
