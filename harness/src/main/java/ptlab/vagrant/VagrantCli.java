package ptlab.vagrant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ptlab.HarnessException;
import ptlab.host.HostCommand;
import ptlab.files.RepoRoot;

/**
 * How the harness calls {@code vagrant}: through an optional wrapper (a command prefix such as
 * {@code bin/vagrant-netns exec}, which runs it inside a network namespace with a private libvirt) and
 * with an environment of its own. The wrapper comes from {@value #WRAPPER_ENV} (or the system property
 * {@value #WRAPPER_PROPERTY}); {@code VAGRANT_HOME} from the environment or {@value #HOME_PROPERTY}.
 *
 * @param wrapper command prefix every libvirt-touching call goes through; empty runs vagrant directly
 * @param env     the whole environment of each call
 */
public record VagrantCli(List<String> wrapper, Map<String, String> env) {
    public static final String WRAPPER_ENV = "PTLAB_VAGRANT_WRAPPER";
    public static final String WRAPPER_PROPERTY = "ptlab.vagrant.wrapper";
    public static final String HOME_PROPERTY = "ptlab.vagrant.home";
    /** What to install when vagrant or its libvirt plugin is missing (Debian/Ubuntu). */
    public static final String INSTALL = "sudo apt-get install -y --no-install-recommends vagrant vagrant-libvirt"
            + " libvirt-daemon-system dnsmasq-base";
    private static final Pattern PLUGIN = Pattern.compile("vagrant-libvirt \\(([^,)]+)");
    private static final Pattern VERSION = Pattern.compile("Vagrant (\\S+)");

    public VagrantCli {
        wrapper = List.copyOf(wrapper);
        env = Map.copyOf(env);
    }

    /** Versions of vagrant and its libvirt plugin, as the manifest records them. */
    public record Versions(String vagrant, String libvirtPlugin) {
    }

    /** The settings of this process: wrapper and VAGRANT_HOME from the environment or system properties. */
    public static VagrantCli fromEnvironment() {
        String w = System.getProperty(WRAPPER_PROPERTY, System.getenv(WRAPPER_ENV));
        List<String> wrapper = new ArrayList<>();
        if (w != null && !w.isBlank()) {
            for (String word : w.trim().split("\\s+")) {
                wrapper.add(word);
            }
            // "bin/vagrant-netns exec" means the repository's script wherever the harness runs from
            Path first = Path.of(wrapper.get(0));
            if (!first.isAbsolute() && wrapper.get(0).contains("/") && !Files.exists(first)) {
                wrapper.set(0, RepoRoot.find().resolve(first).toString());
            }
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        // no version check against HashiCorp's servers: the harness talks to nothing outside the machine
        env.putIfAbsent("VAGRANT_CHECKPOINT_DISABLE", "1");
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            env.put("VAGRANT_HOME", home);
        }
        return new VagrantCli(wrapper, env);
    }

    /** This CLI with more environment variables. */
    public VagrantCli with(Map<String, String> more) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(more);
        return new VagrantCli(wrapper, e);
    }

    /** The argv of {@code vagrant args...} through the wrapper. */
    public List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(wrapper);
        argv.add("vagrant");
        argv.addAll(List.of(args));
        return argv;
    }

    /**
     * Fails with the install command when vagrant or vagrant-libvirt is missing, or when the wrapper
     * does not run; otherwise returns their versions. Boots nothing.
     */
    public Versions require() {
        if (executable() == null) {
            throw HarnessException.infra("the vagrant backend needs vagrant, which is not installed; install it with: "
                    + INSTALL);
        }
        String v = plain("--version").output();
        String plugins = plain("plugin", "list").output();
        Matcher pm = PLUGIN.matcher(plugins);
        if (!pm.find()) {
            throw HarnessException.infra("the vagrant backend needs the vagrant-libvirt plugin, which is not installed"
                    + " (vagrant plugin list: " + plugins.strip() + "); install it with: " + INSTALL);
        }
        Matcher vm = VERSION.matcher(v);
        if (!wrapper.isEmpty()) {
            HostCommand.Result r = HostCommand.of(argv("--version")).env(env).timeout(Duration.ofMinutes(1))
                    .runAllowingFailure();
            if (r.exitCode() != 0) {
                throw HarnessException.infra("the vagrant wrapper does not run (" + WRAPPER_ENV + "="
                        + String.join(" ", wrapper) + "): " + r.output().strip()
                        + "\n(start the namespace first: bin/vagrant-netns up)");
            }
        }
        return new Versions(vm.find() ? vm.group(1) : v.strip(), pm.group(1));
    }

    /** Runs vagrant through the wrapper in {@code dir}; a non-zero exit is an INFRA_ERROR with the tail. */
    public HostCommand.Result run(Path dir, Path log, Duration timeout, String... args) {
        return command(dir, log, timeout, args).run();
    }

    /** As {@link #run} but returns a failed result instead of throwing. */
    public HostCommand.Result runAllowingFailure(Path dir, Path log, Duration timeout, String... args) {
        return command(dir, log, timeout, args).runAllowingFailure();
    }

    private HostCommand command(Path dir, Path log, Duration timeout, String... args) {
        HostCommand c = HostCommand.of(argv(args)).env(env).timeout(timeout).workDir(dir);
        return log == null ? c : c.log(log);
    }

    /** {@code vagrant} on this CLI's PATH, or null. */
    String executable() {
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "vagrant");
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Vagrant itself, without the wrapper (box and plugin commands need no libvirt). */
    public HostCommand.Result plain(String... args) {
        List<String> argv = new ArrayList<>();
        String exe = executable();
        argv.add(exe == null ? "vagrant" : exe);
        argv.addAll(List.of(args));
        // from /, so no project's Vagrantfile is loaded for box and plugin commands
        return HostCommand.of(argv).env(env).workDir(Path.of("/")).timeout(Duration.ofMinutes(5)).run();
    }
}
