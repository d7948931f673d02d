package ptlab.submission;

import java.nio.file.Path;
import java.util.List;

/**
 * A submission copied into a fresh private folder.
 *
 * @param root    the folder (mode 0700), owned by the caller, who deletes it
 * @param source  what was unpacked, as given
 * @param kind    what it was read as: folder, tar.gz, tar or zip (by its bytes, not its name)
 * @param files   regular files written
 * @param bytes   their total size
 * @param notes   what was changed on the way, for people: links turned into copies or dropped
 */
public record Unpacked(Path root, Path source, String kind, int files, long bytes, List<String> notes) {
    public Unpacked {
        notes = List.copyOf(notes);
    }
}
