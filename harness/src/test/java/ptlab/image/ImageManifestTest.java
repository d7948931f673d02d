package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageManifestTest {
    @TempDir
    Path dir;

    @Test
    void dpkgOutputParsesSorted() {
        var p = ImageBuilder.parsePackages("zlib1g\t1:1.2.13.dfsg-1\tamd64\nbash\t5.2.15-2+b7\tamd64\nremoved\t\tamd64\n");
        assertEquals(2, p.size());
        assertEquals("bash", p.get(0).name());
        assertEquals("1:1.2.13.dfsg-1", p.get(1).version());
    }

    @Test
    void roundTripsThroughJson() {
        ImageManifest m = new ImageManifest("bookworm", "0123456789abcdef", "bookworm", "6.1.0-50-amd64", "root=/dev/vda",
                "aa", "bb", "cc", "SHA256:xyz", 63, "2026-11-24T00:00:00Z", "root",
                List.of(new ImageManifest.Package("linux-image-6.1.0-50-amd64", "6.1.158-1", "amd64")), null);
        m.write(dir.resolve("manifest.json"));
        ImageManifest back = ImageManifest.read(dir.resolve("manifest.json"));
        assertEquals(m, back);
        assertEquals("6.1.158-1", back.versionOf("linux-image-6.1.0-50-amd64"));
    }

    @Test
    void kernelReleaseFromBootFolder() throws Exception {
        Path boot = java.nio.file.Files.createDirectories(dir.resolve("boot"));
        java.nio.file.Files.writeString(boot.resolve("vmlinuz-6.1.0-50-amd64"), "");
        java.nio.file.Files.writeString(boot.resolve("config-6.1.0-50-amd64"), "");
        assertEquals("6.1.0-50-amd64", ImageBuilder.kernelRelease(boot));
        java.nio.file.Files.writeString(boot.resolve("vmlinuz-6.1.0-49-amd64"), "");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ptlab.HarnessException.class,
                () -> ImageBuilder.kernelRelease(boot)).getMessage().contains("exactly one kernel"));
    }
}
