package ptlab.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import ptlab.HarnessException;
import ptlab.json.Json;

/**
 * What an image is made of: written as {@code manifest.json} beside the image files.
 *
 * @param name           recipe name
 * @param cacheKey       hash of the effective recipe and the builder version
 * @param suite          Debian suite
 * @param kernelRelease  {@code uname -r} of the guest kernel
 * @param cmdline        kernel command line the guest boots with
 * @param kernelSha256   sha256 of the kernel image
 * @param initrdSha256   sha256 of the initrd
 * @param diskSha256     sha256 of the raw ext4 disk image
 * @param hostKeySha256  SSH SHA256 fingerprint of the guest's host key (the pinned key)
 * @param buildSeconds   wall time of the build
 * @param builtAt        ISO-8601 UTC time of the build
 * @param mmdebstrapMode root or unshare
 * @param packages       every installed package with its version
 * @param boxSha256      sha256 of the Vagrant box packaged from this image ({@code harness image box}); null
 *     until one is
 */
public record ImageManifest(String name, String cacheKey, String suite, String kernelRelease, String cmdline,
        String kernelSha256, String initrdSha256, String diskSha256, String hostKeySha256, long buildSeconds,
        String builtAt, String mmdebstrapMode, List<Package> packages, String boxSha256) {

    /** This manifest with the sha256 of the image's Vagrant box. */
    public ImageManifest withBox(String sha256) {
        return new ImageManifest(name, cacheKey, suite, kernelRelease, cmdline, kernelSha256, initrdSha256, diskSha256,
                hostKeySha256, buildSeconds, builtAt, mmdebstrapMode, packages, sha256);
    }

    public record Package(String name, String version, String arch) {
    }

    public static ImageManifest read(Path file) {
        try {
            return Json.read(file, ImageManifest.class);
        } catch (IOException e) {
            throw HarnessException.infra("cannot read image manifest " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        Json.write(file, this);
    }

    /** Version of one installed package, or null. */
    public String versionOf(String pkg) {
        return packages.stream().filter(p -> p.name().equals(pkg)).map(Package::version).findFirst().orElse(null);
    }
}
