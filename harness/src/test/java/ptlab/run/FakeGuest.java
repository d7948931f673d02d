package ptlab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import ptlab.Accelerator;
import ptlab.GuestStart;
import ptlab.HarnessException;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestProvider;
import ptlab.ssh.ExecResult;
import ptlab.testing.TestFiles;

/**
 * A guest for unit tests of the run lifecycle: its file system is a host folder, and each command is
 * answered by a handler the test gives (null from the handler means "exit 0, no output"). It stands in
 * only where the behaviour under test is the harness's reaction to what a guest does; the real guest's
 * behaviour is tested by the *IT tests.
 */
final class FakeGuest implements Guest {
    final Path root;
    final List<String> commands = new ArrayList<>();
    private final Handler handler;
    boolean closed;

    /** Answers a command; null means exit 0 with no output. */
    interface Handler {
        ExecResult answer(FakeGuest guest, String command);
    }

    FakeGuest(Path root, Handler handler) {
        this.root = root;
        this.handler = handler;
    }

    /** The guest path {@code remote} in the fake's file system. */
    Path path(String remote) {
        return root.resolve(remote.substring(1));
    }

    static ExecResult result(String command, int status, String stdout, String stderr) {
        return new ExecResult(command, status, null, stdout, stderr, Duration.ofMillis(1));
    }

    @Override
    public synchronized ExecResult exec(String command, Duration timeout, Consumer<String> lines) {
        commands.add(command);
        ExecResult r = handler.answer(this, command);
        if (r == null && command.startsWith("ls -1 ")) {
            r = result(command, 0, list(command.substring(6).replace(" 2>/dev/null", "")), "");
        }
        if (r == null) {
            r = result(command, 0, "", "");
        }
        if (lines != null) {
            r.stdout().lines().forEach(lines);
        }
        return r;
    }

    private String list(String dir) {
        Path d = path(dir);
        if (!Files.isDirectory(d)) {
            return "";
        }
        try (Stream<Path> s = Files.list(d)) {
            return String.join("\n", s.map(p -> p.getFileName().toString()).sorted().toList()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void upload(Path local, String remote) {
        copy(local, path(remote));
    }

    @Override
    public void download(String remote, Path local) {
        if (!Files.exists(path(remote))) {
            throw HarnessException.infra("download " + remote + " failed: No such file");
        }
        copy(path(remote), local);
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                TestFiles.copyTree(from, to);
            } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file into the fake guest, as a guest command would. */
    void write(String remote, String text) {
        try {
            Files.createDirectories(path(remote).getParent());
            Files.writeString(path(remote), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String consoleTail(int lines) {
        return "(fake console)";
    }

    @Override
    public GuestInfo info() {
        return new GuestInfo("fake", GuestStart.BOOT, null, Accelerator.TCG, 2, 2048, "console=ttyS0", List.of("fake-vm"),
                Duration.ofMillis(1500));
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A provider that hands out this guest. */
    GuestProvider provider() {
        return new FakeBackend(() -> this);
    }
}
