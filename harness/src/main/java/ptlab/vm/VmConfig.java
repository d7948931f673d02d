package ptlab.vm;

import java.nio.file.Path;
import ptlab.Accelerator;

/**
 * Everything QEMU needs for one guest, with the accelerator already resolved.
 *
 * @param disk       base disk image; opened copy-on-write (snapshot=on), never modified
 * @param sshPort    host port on 127.0.0.1 forwarded to the guest's port 22
 * @param consoleLog file receiving the serial console
 */
public record VmConfig(String qemuBinary, Accelerator accel, int cpus, int memoryMib, Path kernel, Path initrd,
        Path disk, String cmdline, int sshPort, Path consoleLog) {
}
