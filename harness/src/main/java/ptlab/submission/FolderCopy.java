package ptlab.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder given as a submission, copied under the same rules as an archive: links are never followed
 * while walking, a link is judged by where its text points and copied as a file when that stays inside,
 * and anything that is not a file, folder or link is refused. Walked in name order, so the notes and
 * any refusal are the same on every file system.
 */
final class FolderCopy {
    private FolderCopy() {
    }

    static Unpacked copy(Path folder, UnpackTarget target) throws IOException {
        Path top = folder.toRealPath();
        walk(top, top, target);
        return target.finish(folder, "folder");
    }

    private static void walk(Path top, Path dir, UnpackTarget target) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path p : children) {
            String rel = target.enter(top.relativize(p).toString());
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                target.link(rel, Files.readSymbolicLink(p).toString(), false);
            } else if (a.isDirectory()) {
                target.directory(rel);
                walk(top, p, target);
            } else if (a.isRegularFile()) {
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    target.file(rel, in, a.size(), Files.isExecutable(p), null, false);
                }
            } else {
                throw target.refuse(rel, "is a device file, FIFO or socket");
            }
        }
    }
}
