#ifndef PFN_IOCTL_H
#define PFN_IOCTL_H
#include <linux/ioctl.h>

#define PFN_DEVICE_NAME "pfn_dev"
#define PFN_DEVICE_FILE "/dev/pfn_dev"
#define PFN_MAGIC 'k'
#define PFN_IOC_GET _IOWR(PFN_MAGIC, 7, unsigned long)
#endif
