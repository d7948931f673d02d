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
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.image.Image;
import ptlab.image.ImageBuilder;
import ptlab.image.ImageCache;
import ptlab.ssh.ExecResult;
import ptlab.guest.Guest;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestProviders;
import ptlab.guest.GuestRequest;
import ptlab.guest.SshGuest;
import ptlab.runfolder.RunFolder;
import ptlab.spec.VmSpec;
import ptlab.host.HostTools;
import ptlab.progress.Progress;

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

        /** What to do with the started guest; returns the exit code. */
        interface Body {
            int run(Image img, Guest guest, Path console, PrintWriter out) throws Exception;
        }

        /**
         * Builds or reuses the image, starts its guest with the provider that serves these options (or
         * prints how it would) and always stops it.
         */
        int withGuest(String kind, Body body) throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Progress progress = Progress.stderr();
            Image img = new ImageBuilder(ImageCache.defaultCache(), progress).getOrBuild(ImageCommand.recipe(recipe));
            VmSpec v = vm.vm();
            GuestProvider provider = GuestProviders.installed().forVm(v);
            Path work = workDir(kind);
            Path console = work.resolve(RunFolder.CONSOLE);
            if (vm.dryRun) {
                out.println("# guest provider " + provider.name());
                provider.dryRun(img, v, console).forEach(out::println);
                return 0;
            }
            GuestProvider.Launch launch = provider.prepare(new GuestRequest(img, v.accel(), v.cpus(), v.memoryMib(),
                    Duration.ofSeconds(v.bootTimeoutS()), console, work, progress));
            try (Guest g = launch.start()) {
                return body.run(img, g, console, out);
            }
        }
    }

    @Command(name = "smoke", mixinStandardHelpOptions = true,
            description = "Boot a fresh guest, check uname -r against the image manifest, shut it down.")
    static final class Smoke extends FreshGuest {
        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            return withGuest("smoke", (img, s, console, out) -> {
                ExecResult r = s.exec("uname -r", Duration.ofSeconds(60));
                String got = r.stdout().trim();
                String want = img.manifest().kernelRelease();
                out.printf("image:        %s (%s)%n", img.manifest().name(), img.dir());
                out.printf("accelerator:  %s%n", s.info().accel());
                out.printf("uname -r:     %s (manifest: %s)%n", got, want);
                out.printf("started by:   %s%s%n", s.info().start(),
                        s.info().snapshot() == null ? "" : " (state sha256 " + s.info().snapshot().substring(0, 16) + ")");
                out.printf("ready after:  %.1f s (guest start to a command over SSH)%n",
                        s.info().bootToReady().toMillis() / 1000.0);
                out.printf("console:      %s%n", console);
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
            return withGuest("shell", (img, s, console, out) -> {
                if (!(s instanceof SshGuest ssh)) {
                    throw HarnessException.usage("vm shell needs a guest reached over SSH; this backend's is not");
                }
                SshGuest.Login at = ssh.endpoint();
                Path knownHosts = console.resolveSibling("known_hosts");
                Files.writeString(knownHosts, "[" + at.host() + "]:" + at.port() + " " + at.pinnedHostKey() + "\n");
                // an interactive terminal: the one child process that inherits the harness's own terminal
                Process p = new ProcessBuilder(List.of("ssh", "-t", "-i", at.clientKey().toString(), "-p",
                        Integer.toString(at.port()), "-o", "UserKnownHostsFile=" + knownHosts, "-o",
                        "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes", at.user() + "@" + at.host()))
                        .inheritIO().start();
                int code = p.waitFor();
                out.println("guest console log: " + console);
                return code == 0 ? 0 : Outcome.FAIL.exitCode();
            });
        }
    }
}
