package ptlab.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * A ready guest saved to disk: the migration stream ({@value #STATE}) and the qcow2 overlay that was
 * frozen with it ({@value #DISK}, backed by the image's raw disk), described by {@value #MANIFEST}.
 *
 * @param key          what a restore must match: image, QEMU version and the machine's argv (see
 *                     {@link SnapshotStore#key})
 * @param imageKey     the image's cache key
 * @param qemuVersion  {@code qemu-system-x86_64 --version}, first line
 * @param argv         the machine's argv, with the port, console, overlay and QMP paths as placeholders
 * @param stateSha256  sha256 of the state file
 * @param stateBytes   its size: a truncated file is caught without hashing 400 MB on every restore
 * @param diskSha256   sha256 of the frozen overlay
 * @param diskBytes    its size
 * @param createdAt    ISO-8601 UTC
 * @param bootSeconds  the cold boot that made it, to SSH
 * @param saveSeconds  stop + migrate to the file
 */
public record Snapshot(String key, String imageKey, String qemuVersion, List<String> argv, String stateSha256,
        long stateBytes, String diskSha256, long diskBytes, String createdAt, double bootSeconds,
        double saveSeconds) {
    public static final String STATE = "state";
    public static final String DISK = "disk.qcow2";
    public static final String MANIFEST = "snapshot.json";

    public Snapshot {
        argv = List.copyOf(argv);
    }

    public static Snapshot read(Path dir) {
        try {
            return Json.read(dir.resolve(MANIFEST), Snapshot.class);
        } catch (IOException e) {
            throw HarnessException.infra("cannot read snapshot manifest in " + dir + ": " + e.getMessage(), e);
        }
    }

    void write(Path dir) {
        Json.write(dir.resolve(MANIFEST), this);
    }

    /** Why the files in {@code dir} cannot be restored, or null when they can (sizes and QEMU checked). */
    String problem(Path dir, String currentQemu) {
        if (!qemuVersion.equals(currentQemu)) {
            return "made by " + qemuVersion + ", this host has " + currentQemu;
        }
        try {
            if (!Files.isRegularFile(dir.resolve(STATE)) || Files.size(dir.resolve(STATE)) != stateBytes) {
                return "state file missing or truncated (" + (Files.exists(dir.resolve(STATE))
                        ? Files.size(dir.resolve(STATE)) : 0) + " of " + stateBytes + " bytes)";
            }
            if (!Files.isRegularFile(dir.resolve(DISK)) || Files.size(dir.resolve(DISK)) != diskBytes) {
                return "frozen overlay missing or changed in size";
            }
        } catch (IOException e) {
            return "cannot read: " + e.getMessage();
        }
        return null;
    }
}
