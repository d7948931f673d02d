package ptlab.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import ptlab.SourceLocatedException;

class YamlDocTest {
    private static final Path FILE = Path.of("doc.yaml");

    record Doc(String name, Inner inner, List<Item> items, List<Shape> shapes, Even even) {
    }

    record Inner(Integer count, Boolean flag) {
    }

    record Item(String a, Integer b) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Square.class, name = "square")})
    sealed interface Shape permits Circle, Square {
    }

    record Circle(Integer radius) implements Shape {
    }

    record Square(Integer side) implements Shape {
    }

    /** A value type whose own parser rejects input with IllegalArgumentException. */
    record Even(int value) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Even of(int v) {
            if (v % 2 != 0) {
                throw new IllegalArgumentException("must be even, got " + v);
            }
            return new Even(v);
        }
    }

    private static SourceLocatedException fails(String yaml) {
        return assertThrows(SourceLocatedException.class, () -> YamlDoc.parse(FILE, yaml, Doc.class));
    }

    private static void assertAt(SourceLocatedException e, int line, int column, String field) {
        assertEquals(line + ":" + column + " " + field, e.line() + ":" + e.column() + " " + e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("doc.yaml:" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void bindsSnakeCaseKeysAndKeepsTheTree() {
        YamlDoc<Doc> doc = YamlDoc.parse(FILE, "name: x\ninner: {count: 3, flag: true}\n", Doc.class);
        assertEquals(new Doc("x", new Inner(3, true), null, null, null), doc.value());
        assertTrue(doc.tree().has("inner"));
        assertEquals(FILE, doc.file());
    }

    @Test
    void unknownKeyNamesTheFieldAndTheKnownKeys() {
        SourceLocatedException e = fails("""
                name: x
                inner:
                  count: 3
                  colour: red
                """);
        assertAt(e, 4, 3, "inner.colour");
        assertTrue(e.getMessage().endsWith("unknown key 'colour'; known keys: count, flag"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheFieldAndWhatWasGiven() {
        SourceLocatedException e = fails("""
                name: x
                inner:
                  count: lots
                """);
        assertAt(e, 3, 3, "inner.count");
        assertTrue(e.getMessage().endsWith("expected an integer, got 'lots'"), e.getMessage());
    }

    @Test
    void aListWhereAScalarBelongsIsAWrongType() {
        SourceLocatedException e = fails("inner:\n  count: [1, 2]\n");
        assertAt(e, 2, 3, "inner.count");
        assertTrue(e.getMessage().endsWith("expected an integer, got a list"), e.getMessage());
    }

    @Test
    void aFractionIsNotSilentlyTruncatedToAnInteger() {
        assertAt(fails("inner: {count: 2.5}\n"), 1, 9, "inner.count");
    }

    @Test
    void aQuotedNumberIsAStringNotAnInteger() {
        SourceLocatedException e = fails("inner: {count: '4'}\n");
        assertAt(e, 1, 9, "inner.count");
        assertTrue(e.getMessage().endsWith("expected an integer, got '4'"), e.getMessage());
    }

    @Test
    void nestedListItemPositionsAreRecorded() {
        YamlDoc<Doc> doc = YamlDoc.parse(FILE, """
                items:
                  - a: one
                    b: 1
                  - a: two
                    b: 2
                shapes: [{kind: circle, radius: 1}, {kind: square, side: 2}]
                """, Doc.class);
        assertArrayEquals(new int[] {1, 1}, doc.position("items"));
        assertArrayEquals(new int[] {2, 5}, doc.position("items[0]"));
        assertArrayEquals(new int[] {4, 5}, doc.position("items[1].a"));
        assertArrayEquals(new int[] {5, 5}, doc.position("items[1].b"));
        assertArrayEquals(new int[] {6, 37}, doc.position("shapes[1]"));
        assertArrayEquals(new int[] {6, 52}, doc.position("shapes[1].side"));
    }

    @Test
    void errorOnAFieldNotGivenPointsAtItsClosestGivenAncestor() {
        YamlDoc<Doc> doc = YamlDoc.parse(FILE, "name: x\nitems:\n  - a: one\n", Doc.class);
        SourceLocatedException e = doc.error("items[0].b", "must be given");
        assertAt(e, 3, 5, "items[0].b");
        assertEquals("doc.yaml:3:5: field 'items[0].b': must be given", e.getMessage());
        assertAt(doc.error("inner.count", "x"), 1, 1, "inner.count");
    }

    @Test
    void wrongTypeInsideANestedListItem() {
        SourceLocatedException e = fails("""
                items:
                  - a: one
                  - a: two
                    b: [2]
                """);
        assertAt(e, 4, 5, "items[1].b");
    }

    @Test
    void duplicateKeyIsReportedWhereItIsRepeated() {
        // before the fix: doc.yaml:1:1 with no field, from Jackson's tree reader
        SourceLocatedException e = fails("""
                name: x
                inner:
                  count: 1
                  count: 2
                """);
        assertAt(e, 4, 3, "inner.count");
        assertTrue(e.getMessage().endsWith("duplicate key 'count' (first given at line 3)"), e.getMessage());
    }

    @Test
    void duplicateKeyInsideAListItem() {
        SourceLocatedException e = fails("""
                items:
                  - a: one
                  - a: two
                    a: three
                """);
        assertAt(e, 4, 5, "items[1].a");
    }

    @Test
    void sameKeyInTwoListItemsIsNoDuplicate() {
        YamlDoc<Doc> doc = YamlDoc.parse(FILE, "items:\n  - a: one\n  - a: two\n", Doc.class);
        assertEquals(2, doc.value().items().size());
    }

    @Test
    void unknownTypeIdNamesTheKindKey() {
        SourceLocatedException e = fails("""
                shapes:
                  - kind: circle
                    radius: 1
                  - kind: triangle
                """);
        assertAt(e, 4, 5, "shapes[1].kind");
        assertTrue(e.getMessage().endsWith("unknown kind 'triangle'; known: circle, square"), e.getMessage());
    }

    @Test
    void missingTypeIdNamesTheItem() {
        SourceLocatedException e = fails("""
                shapes:
                  - kind: circle
                  - radius: 1
                """);
        assertAt(e, 3, 5, "shapes[1]");
        assertTrue(e.getMessage().endsWith("missing key 'kind'; known: circle, square"), e.getMessage());
    }

    @Test
    void wrongTypeAndUnknownKeyInsideAPolymorphicItem() {
        SourceLocatedException wrong = fails("""
                shapes:
                  - kind: square
                    side: wide
                """);
        assertAt(wrong, 3, 5, "shapes[0].side");
        SourceLocatedException unknown = fails("""
                shapes:
                  - kind: square
                    side: 1
                    radius: 2
                """);
        assertAt(unknown, 4, 5, "shapes[0].radius");
        assertTrue(unknown.getMessage().endsWith("unknown key 'radius'; known keys: side"), unknown.getMessage());
    }

    @Test
    void aValueTypesOwnProblemIsTheMessage() {
        SourceLocatedException e = fails("name: x\neven: 3\n");
        assertAt(e, 2, 1, "even");
        assertTrue(e.getMessage().endsWith("field 'even': must be even, got 3"), e.getMessage());
    }

    @Test
    void invalidYamlPointsAtTheProblem() {
        SourceLocatedException e = fails("name: x\nitems: [\n");
        assertEquals(3, e.line(), e.getMessage());
        assertEquals("", e.field());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void topLevelMustBeAMapping() {
        assertAt(fails("- a\n- b\n"), 1, 1, "");
        assertAt(fails(""), 1, 1, "");
    }
}
