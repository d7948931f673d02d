package ptlab.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RleTest {
    @Test
    void decodesCountsAndRuns() {
        assertEquals(7, Rle.length("3*2,0,5*4"));
        int[] out = new int[9];
        assertEquals(7, Rle.decode("3*2,0,5*4", out, 1));
        assertArrayEquals(new int[] {0, 3, 3, 0, 5, 5, 5, 5, 0}, out);
        assertEquals(0, Rle.length(""));
        assertEquals(1, Rle.length("10"));
    }

    @Test
    void rejectsBadTokens() {
        assertThrows(IllegalArgumentException.class, () -> Rle.length("3*"));
        assertThrows(IllegalArgumentException.class, () -> Rle.length("3*0"));
        assertThrows(IllegalArgumentException.class, () -> Rle.length("a"));
        assertThrows(IllegalArgumentException.class, () -> Rle.length("1,,2"));
        assertThrows(IllegalArgumentException.class, () -> Rle.length("1,"));
        assertThrows(IllegalArgumentException.class, () -> Rle.decode("1*5", new int[3], 0));
    }
}
