package ptlab.guest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import ptlab.ssh.ExecResult;

/**
 * A running guest, as steps, builds and collection see it. QEMU's cold boot implements it today; a
 * restored snapshot or a Vagrant machine plugs in behind the same five calls without touching step code.
 * A kernel crash noticed during any call is a {@code HarnessException} with outcome KERNEL_CRASH; a
 * command still running at its deadline is INFRA_ERROR.
 */
public interface Guest extends AutoCloseable {
    /**
     * Runs a shell command as root and waits for it, at most {@code timeout}; each stdout line goes to
     * {@code lines} (when not null) as it arrives.
     */
    ExecResult exec(String command, Duration timeout, Consumer<String> lines);

    default ExecResult exec(String command, Duration timeout) {
        return exec(command, timeout, null);
    }

    /** Copies a file or a folder (recursively) into the guest, creating the parent folders. */
    void upload(Path local, String remote);

    /** Copies a file or a folder (recursively) out of the guest. */
    void download(String remote, Path local);

    /** The last {@code lines} lines of the guest's console, for error messages. */
    String consoleTail(int lines);

    /** How this guest was started: backend, accelerator, size, command line, time to ready. */
    GuestInfo info();

    /** Stops the guest; nothing of it outlives this call. */
    @Override
    void close();
}
