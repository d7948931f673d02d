package ptlab.vm;

import java.util.ArrayList;
import java.util.List;
import ptlab.Accelerator;

/** QEMU command lines from small pure functions, so each piece is testable and printable (--dry-run). */
public final class QemuArgs {
    private QemuArgs() {
    }

    public static List<String> argv(VmConfig c) {
        List<String> a = new ArrayList<>();
        a.add(c.qemuBinary());
        a.addAll(base());
        a.addAll(machine(c.accel()));
        a.addAll(size(c.cpus(), c.memoryMib()));
        a.addAll(directBoot(c.kernel().toString(), c.initrd().toString(), c.cmdline()));
        a.addAll(c.live() == null ? disk(c.disk().toString()) : overlay(c.live().overlay().toString()));
        a.addAll(network(c.sshPort()));
        a.addAll(console(c.consoleLog().toString()));
        a.addAll(entropy());
        if (c.live() != null) {
            a.addAll(qmp(c.live().qmp().toString()));
            if (c.live().incoming() != null) {
                a.addAll(List.of("-incoming", c.live().incoming()));
            }
        }
        return a;
    }

    /** A qcow2 overlay the guest may write: the base stays untouched behind its backing chain. */
    static List<String> overlay(String qcow2) {
        return List.of("-drive", "file=" + escape(qcow2) + ",if=virtio,format=qcow2,cache=unsafe");
    }

    /** A QMP server on a unix socket; QEMU does not wait for a client. */
    static List<String> qmp(String socket) {
        return List.of("-qmp", "unix:" + escape(socket) + ",server=on,wait=off");
    }

    /** No default devices, no display, no reboot: a guest reboot or panic (panic=-1) ends QEMU. */
    static List<String> base() {
        return List.of("-nodefaults", "-no-user-config", "-no-reboot", "-display", "none");
    }

    static List<String> machine(Accelerator accel) {
        return switch (accel) {
            case KVM -> List.of("-machine", "q35,accel=kvm", "-cpu", "host");
            // TCG's "max" CPU has LA57; without it the guest uses the 4-level tables of common hardware
            case TCG -> List.of("-machine", "q35,accel=tcg", "-cpu", "max,la57=off");
        };
    }

    static List<String> size(int cpus, int memoryMib) {
        return List.of("-smp", Integer.toString(cpus), "-m", memoryMib + "M");
    }

    static List<String> directBoot(String kernel, String initrd, String cmdline) {
        return List.of("-kernel", kernel, "-initrd", initrd, "-append", cmdline);
    }

    /** Copy-on-write: writes go to a temporary overlay, the base image never changes. */
    static List<String> disk(String image) {
        return List.of("-drive", "file=" + escape(image) + ",if=virtio,format=raw,snapshot=on,cache=unsafe");
    }

    /**
     * User-mode networking; only 127.0.0.1 on the host side, never another address. {@code restrict=on}: the
     * guest reaches nothing, neither the host's services through 10.0.2.2 nor the outside through NAT; only
     * the SSH forward comes in. Code in the guest (a student's module or program) is a stranger's code.
     */
    static List<String> network(int sshPort) {
        return List.of("-netdev", "user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:" + sshPort + "-:22",
                "-device", "virtio-net-pci,netdev=net0");
    }

    static List<String> console(String file) {
        return List.of("-chardev", "file,id=con0,path=" + escape(file), "-serial", "chardev:con0");
    }

    /** sshd and early getrandom() would otherwise wait for entropy in a fresh guest. */
    static List<String> entropy() {
        return List.of("-device", "virtio-rng-pci");
    }

    /** QEMU option values separate with ',', which is escaped by doubling. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }

    /** A shell-pasteable rendering of an argv. */
    public static String shellQuote(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String s : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s.matches("[A-Za-z0-9_./=:,+@%-]+") ? s : ptlab.host.ShellWords.quote(s));
        }
        return sb.toString();
    }
}
