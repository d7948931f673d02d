package ptlab.spec;

import java.nio.file.Path;
import java.util.List;
import ptlab.yaml.YamlDoc;

/**
 * A valid spec file with every default filled in.
 *
 * @param file absolute, normalized path of the spec file
 * @param sha256 hex sha256 of the file's bytes, for the manifest
 * @param repoRoot absolute repository root the image names were resolved against
 * @param spec the resolved spec: no component is null
 * @param images the spec's images resolved to recipe files that exist, in spec order
 * @param doc the file as written, for the positions of problems found after loading
 */
public record LoadedSpec(Path file, String sha256, Path repoRoot, ExperimentSpec spec, List<ImageRef> images,
        YamlDoc<ExperimentSpec> doc) {
    public LoadedSpec {
        images = List.copyOf(images);
    }

    /**
     * The spec error for a problem found after loading (a backend no provider serves), at the field's
     * file:line:column.
     */
    public InvalidSpecException invalid(String field, String problem) {
        return new InvalidSpecException(List.of(doc.error(field, problem)));
    }
}
