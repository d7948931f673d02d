package ptlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parsesPlainBytesAndBinarySuffixes() {
        assertEquals(4096, ByteSize.parse("4096").bytes());
        assertEquals(64L << 10, ByteSize.parse("64K").bytes());
        assertEquals(256L << 20, ByteSize.parse("256M").bytes());
        assertEquals(2L << 30, ByteSize.parse("2G").bytes());
        assertEquals(1L << 40, ByteSize.parse("1T").bytes());
        assertEquals(0, ByteSize.parse("0").bytes());
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[] {"", "G", "2g", "2GB", "2 G", "1.5G", "-1", "0x1000", "2Gi"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("expected a size such as 4096, 64K, 256M or 2G"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9999999999T")).getMessage()
                .contains("too large"));
        assertThrows(IllegalArgumentException.class, () -> new ByteSize(-1));
    }

    @Test
    void printsInTheLargestExactUnitSoItReadsBack() {
        assertEquals("2G", ByteSize.parse("2048M").toString());
        assertEquals("1028K", ByteSize.parse("1028K").toString());
        assertEquals("4097", new ByteSize(4097).toString());
        assertEquals("0", new ByteSize(0).toString());
        for (String s : new String[] {"4K", "1280M", "3G", "1T", "12345"}) {
            assertEquals(s, ByteSize.parse(s).toString());
        }
    }

    @Test
    void pagesAndAlignment() {
        assertEquals(524288, ByteSize.parse("2G").pages());
        assertTrue(ByteSize.parse("6M").isMultipleOf(2 * ByteSize.MIB));
        assertEquals(ByteSize.parse("4G"), ByteSize.ofMib(4096));
    }
}
