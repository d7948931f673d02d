package ptlab.image;

import java.nio.file.Path;

/**
 * A built image in the cache: the files a VM boots from and the keys to reach it.
 *
 * @param dir the cache folder holding everything below
 */
public record Image(Path dir, ImageManifest manifest) {
    public Path kernel() {
        return dir.resolve("vmlinuz");
    }

    public Path initrd() {
        return dir.resolve("initrd.img");
    }

    public Path disk() {
        return dir.resolve("disk.img");
    }

    /** Client private key (OpenSSH format) authorised for root in the guest. */
    public Path clientKey() {
        return dir.resolve("id_ed25519");
    }

    /** The guest's SSH host public key: the only key a connection accepts. */
    public Path hostKey() {
        return dir.resolve("ssh_host_ed25519_key.pub");
    }

    /** The guest's SSH host key line, the only one a connection to this image's guests accepts. */
    public String pinnedHostKey() {
        try {
            return java.nio.file.Files.readString(hostKey()).trim();
        } catch (java.io.IOException e) {
            throw ptlab.HarnessException.infra("cannot read pinned host key " + hostKey() + ": " + e.getMessage(), e);
        }
    }

    public Path manifestFile() {
        return dir.resolve("manifest.json");
    }

    public static Image open(Path dir) {
        return new Image(dir, ImageManifest.read(dir.resolve("manifest.json")));
    }
}
