#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include "ptwalk.h"

static long ptwalk_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	unsigned long vpn;

	if (cmd != IOCTL_GET_PFN)
		return -ENOTTY;
	if (copy_from_user(&vpn, (void __user *)arg, sizeof(vpn)))
		return -EFAULT;
	return 0;
}

static const struct file_operations ptwalk_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ptwalk_ioctl,
};

static struct miscdevice ptwalk_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = DEVICE_NAME,
	.fops = &ptwalk_fops,
};

int ptwalk_register(void)
{
	return misc_register(&ptwalk_misc);
}

void ptwalk_unregister(void)
{
	misc_deregister(&ptwalk_misc);
}
