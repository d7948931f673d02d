package ptlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import ptlab.Accelerator;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.ssh.ExecResult;
import ptlab.util.HostTools;
import ptlab.util.Progress;
import ptlab.runfolder.RunFolder;
import ptlab.vm.VmConfig;
import ptlab.vm.QemuRestore;
import ptlab.vm.VmLauncher;
import ptlab.vm.VmSession;

/** {@code harness vm smoke|shell}. */
@Command(name = "vm", mixinStandardHelpOptions = true, description = "Boot guests by hand.",
        subcommands = {VmCommand.Smoke.class, VmCommand.Shell.class})
public final class VmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The resolved config for a guest, or null after printing the dry run. */
    static VmConfig prepare(Image img, VmOptions o, Path work, Progress progress, PrintWriter out) {
        Path console = work.resolve(RunFolder.CONSOLE);
        if (o.dryRun) {
            VmLauncher.dryRun(img, o.accel, o.cpus, o.memoryMib, console).forEach(out::println);
            return null;
        }
        Accelerator accel = VmLauncher.resolveAccel(o.accel, img, work, progress);
        return VmLauncher.config(img, accel, o.cpus, o.memoryMib, console);
    }

    static Path workDir(String kind) {
        try {
            return Files.createTempDirectory("ptlab-" + kind + "-");
        } catch (IOException e) {
            throw HarnessException.infra("cannot create a work folder: " + e.getMessage(), e);
        }
    }

    /** Options and boot sequence shared by the commands that work in one fresh guest. */
    abstract static class FreshGuest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VmOptions vm;

        @Parameters(paramLabel = "RECIPE", defaultValue = "bookworm", description = "Recipe (default: ${DEFAULT-VALUE}).")
        String recipe;

        /** What to do with the booted guest; returns the exit code. */
        interface Body {
            int run(Image img, VmConfig config, VmSession guest, PrintWriter out) throws Exception;
        }

        /** Builds or reuses the image, boots it (or prints the dry run) and always shuts it down. */
        int withGuest(String kind, Body body) throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Progress progress = Progress.stderr();
            Image img = new ImageBuilder(ImageCache.defaultCache(), progress).getOrBuild(ImageCommand.recipe(recipe));
            VmConfig c = prepare(img, vm, workDir(kind), progress, out);
            if (c == null) {
                return 0;
            }
            Duration timeout = Duration.ofSeconds(vm.bootTimeoutSeconds);
            try (VmSession s = vm.coldBoot ? VmLauncher.boot(img, c, timeout, progress)
                    : QemuRestore.startRestored(img, c, timeout, c.consoleLog().getParent(), progress)) {
                return body.run(img, c, s, out);
            }
        }
    }

    @Command(name = "smoke", mixinStandardHelpOptions = true,
            description = "Boot a fresh guest, check uname -r against the image manifest, shut it down.")
    static final class Smoke extends FreshGuest {
        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            return withGuest("smoke", (img, c, s, out) -> {
                ExecResult r = s.exec("uname -r", Duration.ofSeconds(60));
                String got = r.stdout().trim();
                String want = img.manifest().kernelRelease();
                out.printf("image:        %s (%s)%n", img.manifest().name(), img.dir());
                out.printf("accelerator:  %s%n", c.accel());
                out.printf("uname -r:     %s (manifest: %s)%n", got, want);
                out.printf("started by:   %s%s%n", s.info().start(),
                        s.info().snapshot() == null ? "" : " (state sha256 " + s.info().snapshot().substring(0, 16) + ")");
                out.printf("ready after:  %.1f s (QEMU start to a command over SSH)%n", s.bootToSsh().toMillis() / 1000.0);
                out.printf("console:      %s%n", c.consoleLog());
                boolean ok = r.ok() && got.equals(want);
                s.close();
                out.printf("wall time:    %.1f s%n", (System.nanoTime() - t0) / 1e9);
                out.println(ok ? "PASS" : "FAIL: guest kernel differs from the image manifest");
                return ok ? Outcome.PASS.exitCode() : Outcome.FAIL.exitCode();
            });
        }
    }

    @Command(name = "shell", mixinStandardHelpOptions = true,
            description = "Interactive root shell in a fresh guest (throw-away: the base image is not changed).")
    static final class Shell extends FreshGuest {
        @Override
        public Integer call() throws Exception {
            if (HostTools.find("ssh") == null) {
                throw HarnessException.infra("vm shell uses the OpenSSH client; install it: sudo apt-get install -y openssh-client");
            }
            return withGuest("shell", (img, c, s, out) -> {
                Path knownHosts = c.consoleLog().resolveSibling("known_hosts");
                Files.writeString(knownHosts, "[127.0.0.1]:" + c.sshPort() + " " + Files.readString(img.hostKey()));
                // the user's terminal, inherited: HostCommand pumps the streams and could give ssh no TTY
                Process p = new ProcessBuilder(List.of("ssh", "-t", "-i", img.clientKey().toString(), "-p",
                        Integer.toString(c.sshPort()), "-o", "UserKnownHostsFile=" + knownHosts, "-o",
                        "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes", "root@127.0.0.1")).inheritIO().start();
                int code = p.waitFor();
                out.println("guest console log: " + c.consoleLog());
                return code == 0 ? 0 : Outcome.FAIL.exitCode();
            });
        }
    }
}
