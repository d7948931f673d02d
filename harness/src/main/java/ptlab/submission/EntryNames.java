package ptlab.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entry names and link targets checked as text, before anything touches the disk. Nothing unpacked is
 * ever a symlink, so a name that stays inside the folder as text stays inside on the disk too.
 */
final class EntryNames {
    private EntryNames() {
    }

    /**
     * The entry's path relative to the folder, '/'-separated without '.' or empty components; "" for the
     * folder itself.
     *
     * @throws IllegalArgumentException with the reason when the name is absolute, has a drive letter, a
     *                                  NUL or a '..' component
     */
    static String relative(String raw) {
        if (raw.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("its name has a NUL character");
        }
        // zips made on Windows separate with '\'; read them as the folders they meant
        String name = raw.replace('\\', '/');
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("it is an absolute path");
        }
        if (name.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("it starts with a drive letter");
        }
        List<String> parts = new ArrayList<>();
        for (String c : name.split("/")) {
            if (c.equals("..")) {
                throw new IllegalArgumentException("its name has a '..' component");
            }
            if (!c.isEmpty() && !c.equals(".")) {
                parts.add(c);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Where a symlink at {@code linkRel} pointing to {@code target} lands, relative to the folder, or empty
     * when it leaves the folder (absolute, or '..' past the top).
     */
    static Optional<String> symlinkTarget(String linkRel, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        List<String> at = new ArrayList<>(List.of(linkRel.split("/")));
        at.remove(at.size() - 1);
        return walk(at, target);
    }

    /** Where a tar hard link lands: its target is named from the archive's top, like any entry. */
    static Optional<String> hardLinkTarget(String target) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return walk(new ArrayList<>(), target);
    }

    private static Optional<String> walk(List<String> at, String target) {
        for (String c : target.split("/")) {
            if (c.equals("..")) {
                if (at.isEmpty()) {
                    return Optional.empty();
                }
                at.remove(at.size() - 1);
            } else if (!c.isEmpty() && !c.equals(".")) {
                at.add(c);
            }
        }
        return Optional.of(String.join("/", at));
    }
}
