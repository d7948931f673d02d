package ptlab.parse;

import java.util.Arrays;

/** A growable long array: half a million boxed Longs would cost ten times the memory. */
public final class LongList {
    private long[] data = new long[16];
    private int size;

    public void add(long v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    public int size() {
        return size;
    }

    public long get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return data[i];
    }

    public long[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
