package ptlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whose submission each file or folder is, in the names graders get them under. */
class WhoTest {
    @TempDir
    Path tmp;

    private Path file(String name, long mtime) throws IOException {
        Path p = Files.writeString(tmp.resolve(name), name);
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
        return p;
    }

    @Test
    void theSeedsNameABulkDownloadAFolderAndNoPattern() throws IOException {
        file("903123456-lkp25-p3.tar.gz", 1000);
        file("smithjane_12345_67890_903555555-lkp25-p3.tar.gz", 1000);
        file("doejohn_LATE_23456_78901_final.zip", 1000);
        file("Jane Roe_34567_assignsubmission_file_lab.tgz", 1000);
        file("my homework.zip", 1000);
        file("notes.txt", 1000);
        Files.createDirectories(tmp.resolve("alice").resolve("part2"));
        Who.Collected c = Who.collect(List.of(tmp));
        Map<String, Who.Entry> byId = c.entries().stream().collect(Collectors.toMap(Who.Entry::id, e -> e));
        assertEquals(java.util.Set.of("903123456", "903555555", "23456", "34567", "alice", "my_homework"), byId.keySet());
        assertEquals("the seed's name <ID>-lkp25-p3", byId.get("903123456").how(), byId.keySet().toString());
        assertEquals("smithjane", byId.get("903555555").name());
        assertEquals("Canvas bulk download, its user ID", byId.get("23456").how());
        assertEquals("Jane Roe", byId.get("34567").name());
        assertEquals("the folder's name", byId.get("alice").how());
        assertEquals("the file's name (no pattern fits)", byId.get("my_homework").how());
        assertEquals(6, c.entries().size());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("my homework.zip fits no pattern")), c.notes().toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("notes.txt: neither a folder nor")), c.notes().toString());
    }

    @Test
    void twoSubmissionsOfOneIdKeepTheNewest() throws IOException {
        file("903123456-lkp25-p3.tar.gz", 1000);
        file("smith_12345_67890_903123456-lkp25-p3-1.tar.gz", 2000);
        Who.Collected c = Who.collect(List.of(tmp));
        assertEquals(1, c.entries().size());
        assertEquals("smith_12345_67890_903123456-lkp25-p3-1.tar.gz", c.entries().get(0).path().getFileName().toString());
        assertTrue(c.notes().get(0).startsWith("ID 903123456: 2 submissions; kept the newest"), c.notes().toString());
    }

    @Test
    void aFolderWithSourcesIsOneSubmission() throws IOException {
        Path one = Files.createDirectories(tmp.resolve("903000001"));
        Files.writeString(one.resolve("Makefile"), "all:\n");
        Who.Collected c = Who.collect(List.of(one));
        assertEquals(List.of("903000001"), c.entries().stream().map(Who.Entry::id).toList());
    }
}
