package ptlab.vm;

import java.nio.file.Path;
import ptlab.Accelerator;

/**
 * Everything QEMU needs for one guest, with the accelerator already resolved.
 *
 * @param disk       base disk image; never modified (opened snapshot=on, or as the backing of an overlay)
 * @param sshPort    host port on 127.0.0.1 forwarded to the guest's port 22
 * @param consoleLog file receiving the serial console
 * @param live       for guests that are saved or restored: their qcow2 overlay, QMP socket and incoming
 *                   migration; null for a plain cold boot
 */
public record VmConfig(String qemuBinary, Accelerator accel, int cpus, int memoryMib, Path kernel, Path initrd,
        Path disk, String cmdline, int sshPort, Path consoleLog, Live live) {

    /**
     * How a guest that can be saved or restored differs from a plain boot.
     *
     * @param overlay  qcow2 overlay the guest writes to (its backing chain ends at the base disk)
     * @param qmp      QMP unix socket
     * @param incoming {@code exec:cat FILE} to restore a saved state, or null to boot
     */
    public record Live(Path overlay, Path qmp, String incoming) {
    }

    public VmConfig(String qemuBinary, Accelerator accel, int cpus, int memoryMib, Path kernel, Path initrd,
            Path disk, String cmdline, int sshPort, Path consoleLog) {
        this(qemuBinary, accel, cpus, memoryMib, kernel, initrd, disk, cmdline, sshPort, consoleLog, null);
    }

    public VmConfig withLive(Live l) {
        return new VmConfig(qemuBinary, accel, cpus, memoryMib, kernel, initrd, disk, cmdline, sshPort, consoleLog, l);
    }

    public VmConfig withConsole(Path console) {
        return new VmConfig(qemuBinary, accel, cpus, memoryMib, kernel, initrd, disk, cmdline, sshPort, console, live);
    }

    /**
     * The machine as a saved state depends on it: everything but the SSH port, the console file, the
     * overlay, QMP and incoming paths (a restore may change those). Equal for a save and its restores.
     */
    public VmConfig machine() {
        return new VmConfig(qemuBinary, accel, cpus, memoryMib, kernel, initrd, disk, cmdline, 0, Path.of("CONSOLE"),
                new Live(Path.of("OVERLAY"), Path.of("QMP"), null));
    }
}
