package ptlab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AptFetchedTest {
    @Test
    void readsAptFetchedLinesInEveryUnit() {
        assertEquals(OptionalLong.of(183_000_000L), AptFetched.bytesOf("Fetched 183 MB in 4s (45.1 MB/s)"));
        assertEquals(OptionalLong.of(8_190_000L), AptFetched.bytesOf("Fetched 8,190 kB in 1s (6,543 kB/s)"));
        assertEquals(OptionalLong.of(8_190_000L), AptFetched.bytesOf("Fetched 8190 kB in 1s (6543 kB/s)"));
        assertEquals(OptionalLong.of(1_500_000_000L), AptFetched.bytesOf("Fetched 1.5 GB in 1min 2s (24.2 MB/s)"));
        assertEquals(OptionalLong.of(1_500_000L), AptFetched.bytesOf("Fetched 1,5 MB in 0s (3,1 MB/s)"));
        assertEquals(OptionalLong.of(512L), AptFetched.bytesOf("Fetched 512 B in 0s (1,024 B/s)"));
        assertEquals(OptionalLong.of(0L), AptFetched.bytesOf("Fetched 0 B in 0s (0 B/s)"));
        assertEquals(OptionalLong.of(12_300_000L), AptFetched.bytesOf("  Fetched 12.3 MB in 2s\r"));
    }

    @Test
    void ignoresEverythingElse() {
        for (String line : new String[] {"Get:1 http://deb.debian.org/debian trixie/main amd64 gcc-14 [21.5 MB]",
                "Need to get 183 MB of archives.", "I: downloading packages with apt...", "Fetched", "",
                "After this operation, 712 MB of additional disk space will be used.",
                "Unpacking libc6:amd64 (2.41-12) ...", "Fetched a lot of things in 3s"}) {
            assertTrue(AptFetched.bytesOf(line).isEmpty(), line);
        }
    }

    @Test
    void addsUpAWholeBuild() {
        AptFetched f = new AptFetched();
        f.accept("Get:1 http://deb.debian.org/debian sid InRelease [187 kB]");
        f.accept("Get:2 http://deb.debian.org/debian sid/main amd64 Packages [10.0 MB]");
        assertEquals(OptionalLong.of(9_873_000L), f.accept("Fetched 9,873 kB in 2s (4,936 kB/s)"));
        f.accept("Get:1 http://deb.debian.org/debian sid/main amd64 libc6 amd64 2.41-12 [2,853 kB]");
        f.accept("Fetched 36.2 MB in 1s (40.0 MB/s)");
        f.accept("Setting up gcc (4:14.2.0-1) ...");
        f.accept("Get:116 http://deb.debian.org/debian sid/main amd64 rsyslog amd64 8.2504.0-1 [758 kB]");
        f.accept("Fetched 171 MB in 3s (57.0 MB/s)");
        assertEquals(3, f.fetches());
        assertEquals(217_073_000L, f.totalBytes());
        assertEquals("217 MB", AptFetched.human(f.totalBytes()));
    }

    @Test
    void anEchoedFetchedLineIsNotASecondDownload() {
        // The trixie build log: apt's pre-install hook child flushes apt's stdout buffer a second time.
        AptFetched f = new AptFetched();
        f.accept("Get:116 http://deb.debian.org/debian trixie/main amd64 rsyslog amd64 8.2504.0-1+deb13u2 [758 kB]");
        assertTrue(f.accept("Fetched 207 MB in 1s (212 MB/s)").isPresent());
        f.accept("Chrooting into /tmp/rootfs/");
        f.accept("debconf: delaying package configuration, since apt-utils is not installed");
        assertTrue(f.accept("Fetched 207 MB in 1s (212 MB/s)").isEmpty());
        assertEquals(1, f.fetches());
        assertEquals(207_000_000L, f.totalBytes());
    }

    @Test
    void humanSizesLookLikeApts() {
        assertEquals("0 B", AptFetched.human(0));
        assertEquals("999 B", AptFetched.human(999));
        assertEquals("1.0 kB", AptFetched.human(1000));
        assertEquals("9.9 MB", AptFetched.human(9_900_000));
        assertEquals("1.2 GB", AptFetched.human(1_234_000_000));
    }
}
