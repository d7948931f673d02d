package ptlab.spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import ptlab.HarnessException;
import ptlab.SourceLocatedException;
import ptlab.yaml.YamlDoc;

/**
 * Reads a spec file, fills in the defaults and validates it, all before anything boots.
 *
 * <p>Binding problems (unknown keys, wrong types, bad sizes) stop at the first one, because a file that
 * does not bind cannot be checked further; every other problem is collected, and all of them are thrown
 * together as one {@link InvalidSpecException}.
 */
public final class SpecLoader {
    private SpecLoader() {
    }

    /**
     * Loads and validates a spec file.
     *
     * @param specFile the spec; relative paths in it are resolved against its folder
     * @param repoRoot where vm-images/ is; see {@link ptlab.files.RepoRoot}
     * @throws InvalidSpecException with every problem found, each at file:line:column
     * @throws HarnessException (usage) when the file cannot be read
     */
    public static LoadedSpec load(Path specFile, Path repoRoot) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(specFile);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read spec " + specFile + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSpecException(List.of(
                    new SourceLocatedException(specFile, 0, 0, "", "not UTF-8 text: " + e.getMessage())));
        }
        return parse(specFile, text, repoRoot, sha256(bytes));
    }

    /** Validates spec text as if it were the file {@code specFile} (for tests and error positions). */
    public static LoadedSpec parse(Path specFile, String text, Path repoRoot) {
        return parse(specFile, text, repoRoot, sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static LoadedSpec parse(Path specFile, String text, Path repoRoot, String sha256) {
        YamlDoc<ExperimentSpec> doc;
        try {
            doc = YamlDoc.parse(specFile, text, ExperimentSpec.class);
        } catch (SourceLocatedException e) {
            throw new InvalidSpecException(List.of(e));
        }
        Path root = repoRoot.toAbsolutePath().normalize();
        ExperimentSpec resolved = Defaults.resolve(doc.value());
        SpecValidator.Result result = SpecValidator.validate(doc, resolved, root);
        if (!result.errors().isEmpty()) {
            throw new InvalidSpecException(result.errors());
        }
        return new LoadedSpec(specFile.toAbsolutePath().normalize(), sha256, root, resolved, result.images(), doc);
    }

    /** Hex sha256 of some bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
