#include <linux/module.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include "ptwalk.h"

static int process_id = -1;
module_param(process_id, int, 0);
MODULE_PARM_DESC(process_id, "pid of the target process");

int ptwalk_register(void);
void ptwalk_unregister(void);

static int __init ptwalk_init(void)
{
	struct task_struct *task = pid_task(find_vpid(process_id), PIDTYPE_PID);
	struct vm_area_struct *vma;
	unsigned long va;

	if (!task || !task->mm)
		return -ESRCH;
	VMA_ITERATOR(vmi, task->mm, 0);
	for_each_vma(vmi, vma)
		for (va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE)
			printk(KERN_INFO "ptwalk: va=0x%lx\n", va);
	return ptwalk_register();
}

static void __exit ptwalk_exit(void)
{
	ptwalk_unregister();
}

module_init(ptwalk_init);
module_exit(ptwalk_exit);
MODULE_LICENSE("GPL");
