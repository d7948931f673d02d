package ptlab.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where each raw file of a run folder lives (see package-info for the contract). */
public record RunFolder(Path dir) {
    public static final String[] SCHEMES = {"4k", "2m", "whole"};

    public Path raw() {
        return dir.resolve("raw");
    }

    public Path raw(String relative) {
        return raw().resolve(relative);
    }

    public Path manifest() {
        return dir.resolve("manifest.json");
    }

    public Path kmsg() {
        return raw("kmsg.txt");
    }

    public Path kernLog() {
        return raw("kern.log");
    }

    public boolean exists(String relative) {
        return Files.isRegularFile(raw(relative));
    }

    public boolean hasDir(String relative) {
        return Files.isDirectory(raw(relative));
    }
}
