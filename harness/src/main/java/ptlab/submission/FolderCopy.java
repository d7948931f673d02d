package ptlab.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * A folder given as a submission, copied under the same rules as an archive: links are never followed
 * while walking, a link is judged by where its text points and copied as a file when that stays inside,
 * and anything that is not a file, folder or link is refused.
 */
final class FolderCopy {
    private FolderCopy() {
    }

    static Unpacked copy(Path folder, UnpackTarget target) throws IOException {
        Path top = folder.toRealPath();
        Files.walkFileTree(top, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (!dir.equals(top)) {
                            target.directory(target.enter(name(top, dir)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String rel = target.enter(name(top, file));
                        if (attrs.isSymbolicLink()) {
                            target.link(rel, Files.readSymbolicLink(file).toString(), false);
                        } else if (attrs.isRegularFile()) {
                            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                                target.file(rel, in, attrs.size(), Files.isExecutable(file), null, false);
                            }
                        } else {
                            throw target.refuse(rel, "is a device file, FIFO or socket");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return target.finish(folder, "folder");
    }

    private static String name(Path top, Path p) {
        return top.relativize(p).toString();
    }
}
