package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ptlab.host.HostTools;

class ImageBuilderTest {
    private static final Path ROOTFS = Path.of("harness/src/test/resources/fixtures/dpkg");

    /** The image manifest lists every package, not the last lines a failed command would show. */
    @Test
    void theManifestListsEveryInstalledPackage() throws IOException {
        assumeTrue(HostTools.find("dpkg-query") != null, "the image build needs dpkg-query; this host has none");
        List<ImageManifest.Package> listed = ImageBuilder.parsePackages(ImageBuilder.dpkgList(ROOTFS));
        List<ImageManifest.Package> expected = stanzas(ROOTFS.resolve("var/lib/dpkg/status"));
        assertEquals(30, expected.size());
        assertEquals(expected, listed);
    }

    private static List<ImageManifest.Package> stanzas(Path status) throws IOException {
        List<ImageManifest.Package> out = new ArrayList<>();
        for (String stanza : Files.readString(status).split("\n\n")) {
            Map<String, String> f = new HashMap<>();
            for (String line : stanza.strip().split("\n")) {
                int colon = line.indexOf(':');
                f.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
            out.add(new ImageManifest.Package(f.get("Package"), f.get("Version"), f.get("Architecture")));
        }
        out.sort(Comparator.comparing(ImageManifest.Package::name));
        return out;
    }
}
