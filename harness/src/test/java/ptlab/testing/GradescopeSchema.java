package ptlab.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** gradescope/results.schema.json (written from Gradescope's autograder specification) as a validator. */
public final class GradescopeSchema {
    private GradescopeSchema() {
    }

    /** What is wrong with a results.json; empty when it conforms. */
    public static List<String> problems(Path resultsJson) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("gradescope/results.schema.json")));
        return schema.validate(new ObjectMapper().readTree(resultsJson.toFile())).stream().map(ValidationMessage::getMessage)
                .sorted().toList();
    }
}
