package ptlab.submission;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every part of an assignment with what was concluded about it, in the assignment's order. */
public record Findings(Path root, Assignment assignment, List<PartResult> parts) {
    public Findings {
        parts = List.copyOf(parts);
    }

    public boolean allFound() {
        return parts.stream().allMatch(p -> p instanceof PartResult.Found);
    }

    public long found() {
        return parts.stream().filter(p -> p instanceof PartResult.Found).count();
    }

    /** For people: a block per part, its state first, then why, where make runs, what it is made of. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (PartResult r : parts) {
            String head = String.format(java.util.Locale.ROOT, "%-15s ", r.part().id());
            if (r instanceof PartResult.Found f) {
                out.add(head + "found" + (f.module() != null ? ": module " + f.module() + ".ko" : "") + " in " + shown(f.folder()));
                out.add("    why:     " + f.reason());
                details(out, f, "    ");
            } else if (r instanceof PartResult.Missing m) {
                out.add(head + "MISSING");
                out.add("    why:     " + m.why());
            } else if (r instanceof PartResult.Ambiguous a) {
                out.add(head + "AMBIGUOUS: " + a.candidates().size() + " candidates");
                for (PartResult.Found c : a.candidates()) {
                    out.add("    - " + c.reason());
                }
                out.add("    " + a.hint());
            }
        }
        out.add(found() + " of " + parts.size() + " parts of " + assignment.id() + " found");
        return out;
    }

    private static void details(List<String> out, PartResult.Found f, String indent) {
        out.add(indent + "make:    " + (f.makefile() != null ? f.makefile() : "no Makefile in its folder or above"));
        out.add(indent + "sources: " + f.sources().stream().map(Path::toString).collect(Collectors.joining(" ")));
    }

    private static String shown(Path folder) {
        String s = folder.toString();
        return s.isEmpty() ? "the top folder" : s + "/";
    }
}
