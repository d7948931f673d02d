package ptlab.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import ptlab.HarnessException;

/** Pinned host keys in OpenSSH public-key line format ({@code ssh-ed25519 AAAA... comment}). */
public final class HostKeys {
    private HostKeys() {
    }

    /** The key blob of an OpenSSH public key line. */
    public static byte[] blob(String publicKeyLine) {
        String[] f = publicKeyLine.trim().split("\\s+");
        if (f.length < 2) {
            throw HarnessException.infra("not an OpenSSH public key line: '" + publicKeyLine + "'");
        }
        try {
            return Base64.getDecoder().decode(f[1]);
        } catch (IllegalArgumentException e) {
            throw HarnessException.infra("bad base64 in public key line: '" + publicKeyLine + "'", e);
        }
    }

    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    public static PublicKey parse(String publicKeyLine) {
        try {
            return new Buffer.PlainBuffer(blob(publicKeyLine)).readPublicKey();
        } catch (Buffer.BufferException e) {
            throw HarnessException.infra("cannot parse public key '" + publicKeyLine + "': " + e.getMessage(), e);
        }
    }

    /** OpenSSH-style fingerprint, {@code SHA256:<base64 without padding>}. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(String publicKeyLine) {
        return fingerprint(blob(publicKeyLine));
    }
}
