package ptlab.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import ptlab.HarnessException;

/**
 * Every JSON file the harness writes or reads goes through here: records with snake_case keys in
 * component order, map entries sorted (the same value always gives the same bytes), paths as plain
 * strings, two-space indent, a final newline; files are replaced atomically ({@link AtomicFile}).
 * Reading ignores keys the record does not know, so a file from a newer harness still reads; a format
 * that must refuse them (plan.json) asks for {@link #strictReader}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    private static ObjectMapper newMapper() {
        SimpleModule paths = new SimpleModule("plain-paths");
        // Jackson's own Path serializer writes a file: URI
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
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The shared mapper, for trees and conversions; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A reader of {@code type} that refuses unknown keys. */
    public static ObjectReader strictReader(Class<?> type) {
        return MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** {@code value} as indented JSON text with a final newline. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} on one line, for line-based protocols (QMP). */
    public static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code file} with {@code value} as JSON, atomically and durably. */
    public static void write(Path file, Object value) {
        try {
            AtomicFile.write(file, text(value).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw HarnessException.infra("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code file} bound to {@code type}; a {@link com.fasterxml.jackson.core.JsonProcessingException} says where it broke. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    public static <T> T read(String text, Class<T> type) throws IOException {
        return MAPPER.readValue(text, type);
    }

    public static JsonNode tree(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    public static JsonNode tree(String text) throws IOException {
        return MAPPER.readTree(text);
    }
}
