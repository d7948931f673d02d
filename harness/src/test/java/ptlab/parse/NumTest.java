package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumTest {
    @Test
    void parsesHexDecimalAndFlags() {
        assertEquals(0x7f2000003123L, Num.hex("0x7f2000003123"));
        assertEquals(0xffffffffff600000L, Num.hex("0xffffffffff600000"));
        assertEquals(1234, Num.dec("1234"));
        assertEquals(255, Num.any("0xff"));
        assertEquals(-12, Num.any("-12"));
        assertTrue(Num.flag("1", 0, 1));
        assertFalse(Num.flag("0", 0, 1));
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThrows(NumberFormatException.class, () -> Num.hex("7f"));
        assertThrows(NumberFormatException.class, () -> Num.hex("0xzz"));
        assertThrows(NumberFormatException.class, () -> Num.hex("0x"));
        assertThrows(NumberFormatException.class, () -> Num.hex("0x11112222333344445"));
        assertThrows(NumberFormatException.class, () -> Num.dec("12a"));
        assertThrows(NumberFormatException.class, () -> Num.dec(""));
        assertThrows(NumberFormatException.class, () -> Num.dec("99999999999999999999"));
        assertThrows(NumberFormatException.class, () -> Num.flag("2", 0, 1));
    }
}
