package ptlab.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import ptlab.HarnessException;

/**
 * plan.json: the {@link RunPlan} as JSON, snake_case keys in record order, two-space indent, one value per
 * line, paths as plain strings, a final newline. The same plan always gives the same bytes; a golden test
 * holds the format still. The spec inside reads back with the spec's own syntax (sizes as "2G").
 */
public final class PlanWriter {
    private static final ObjectMapper MAPPER = newMapper();

    private PlanWriter() {
    }

    private static ObjectMapper newMapper() {
        SimpleModule paths = new SimpleModule("plain-paths");
        paths.addSerializer(Path.class, new JsonSerializer<Path>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(paths)
                .setDefaultPrettyPrinter(printer)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String toJson(RunPlan plan) {
        try {
            return MAPPER.writeValueAsString(plan) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes plan.json to {@code file} (through a temporary file, so a reader never sees half of it). */
    public static void write(RunPlan plan, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".plan", ".tmp");
            Files.writeString(tmp, toJson(plan), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a plan.json back (render and package find the run's spec this way). */
    public static RunPlan read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RunPlan.class);
        } catch (IOException e) {
            throw HarnessException.usage("cannot read plan " + file + ": " + e.getMessage());
        }
    }
}
