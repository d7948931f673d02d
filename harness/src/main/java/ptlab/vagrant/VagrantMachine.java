package ptlab.vagrant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ptlab.HarnessException;
import ptlab.guest.Reaper;
import ptlab.host.HostCommand;
import ptlab.progress.Progress;
import ptlab.files.Trees;

/**
 * One machine of the repository's Vagrantfile, with its own {@code .vagrant/} folder and libvirt domain
 * prefix, so runs never share state. {@link #destroy()} runs {@code vagrant destroy -f}, falls back to
 * virsh when that fails, and removes the folder; the {@link Reaper}'s shutdown hook (SIGINT, SIGTERM)
 * destroys every machine still up.
 */
final class VagrantMachine implements Reaper.Resource {
    private final VagrantCli cli;
    private final Path repoRoot;
    private final Path dir;
    private final String prefix;
    private final Path log;
    private final Progress progress;

    /**
     * @param cli      vagrant with the machine's settings (PTLAB_* variables) in its environment
     * @param repoRoot where the Vagrantfile is
     * @param dir      the machine's own folder ({@code .vagrant/} and the vagrant log go there)
     * @param prefix   the libvirt domain prefix (the domain is {@code <prefix>default})
     * @param progress where a clean-up that fails is reported (the run's, also from the shutdown hook)
     */
    VagrantMachine(VagrantCli cli, Path repoRoot, Path dir, String prefix, Progress progress) {
        this.repoRoot = repoRoot;
        this.dir = dir.toAbsolutePath();
        this.prefix = prefix;
        this.progress = progress;
        this.log = this.dir.resolve("vagrant.log");
        this.cli = cli.with(Map.of("VAGRANT_CWD", repoRoot.toString(),
                "VAGRANT_DOTFILE_PATH", this.dir.resolve(".vagrant").toString(),
                "PTLAB_PREFIX", prefix));
    }

    Path log() {
        return log;
    }

    /** The libvirt domain's name. */
    String domain() {
        return prefix + "default";
    }

    /** {@code vagrant up}; on failure the machine is destroyed before the exception leaves. */
    void up(Duration timeout) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw HarnessException.infra("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Reaper.register(this);
        try {
            cli.run(repoRoot, log, timeout, "up", "--no-provision");
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
    }

    /** Vagrant's view of how to reach the machine. */
    SshConfig sshConfig() {
        return SshConfig.parse(cli.run(repoRoot, log, Duration.ofMinutes(2), "ssh-config").output());
    }

    /** Whatever this machine made goes: the domain, its disk, {@code .vagrant/}; safe to call twice. */
    synchronized void destroy() {
        if (!Reaper.release(this)) {
            return;
        }
        int status = runDirect(cli.argv("destroy", "-f"), Duration.ofMinutes(3));
        if (status != 0) {
            progress.warn("vagrant destroy exited " + status + " (see " + log + "); removing domain "
                    + domain() + " with virsh");
            virsh("destroy", domain());
            virsh("undefine", domain(), "--remove-all-storage");
        }
        try {
            Trees.delete(dir.resolve(".vagrant"));
        } catch (IOException e) {
            progress.warn("cannot remove " + dir.resolve(".vagrant") + ": " + e.getMessage());
        }
    }

    private void virsh(String... args) {
        List<String> argv = new ArrayList<>(cli.wrapper());
        argv.addAll(List.of("virsh", "-q", "-c", cli.env().getOrDefault("PTLAB_LIBVIRT_URI", "qemu:///system")));
        argv.addAll(List.of(args));
        runDirect(argv, Duration.ofMinutes(1));
    }

    /** Runs {@code argv} in the repository root, output appended to the log; the exit status, -1 if it could not. */
    private int runDirect(List<String> argv, Duration timeout) {
        try {
            Files.createDirectories(dir);
            return HostCommand.of(argv).workDir(repoRoot).env(cli.env()).log(log).timeout(timeout).runAllowingFailure()
                    .exitCode();
        } catch (IOException | HarnessException e) {
            progress.warn("cannot run " + String.join(" ", argv) + ": " + e.getMessage());
            return -1;
        }
    }

    /** Whether {@link #destroy()} has run (or the machine was never brought up). */
    boolean destroyed() {
        return !Reaper.isRegistered(this);
    }

    /** Up until destroyed: the reaper forgets it then. */
    @Override
    public boolean alive() {
        return true;
    }

    @Override
    public void stopNow() {
        destroy();
    }
}
