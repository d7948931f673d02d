package ptlab.changes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import ptlab.HarnessException;
import ptlab.Outcome;
import ptlab.report.CampaignReport;
import ptlab.report.CellData;
import ptlab.runfolder.CampaignRecord;
import ptlab.runfolder.RunFolder;

/**
 * The cells of one side of a comparison, by image: a campaign folder's run folders (those campaign.json lists,
 * else every run folder below it), or a single run folder. A cell whose run ended in an
 * infrastructure error, or that left no run folder, measured nothing about the kernel: it is left out of the
 * comparison and named in {@code withoutResult}.
 *
 * @param byImage       the image's cells, in the order of their folder names
 * @param withoutResult "run id: why" for each cell left out
 */
record CampaignCells(Path dir, Map<String, List<CellData>> byImage, List<String> withoutResult) {
    static CampaignCells read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw HarnessException.usage(dir + " is neither a campaign folder nor a run folder");
        }
        List<String> without = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        if (Files.isRegularFile(new RunFolder(dir).manifest())) {
            folders.add(dir);
        } else if (Files.isRegularFile(dir.resolve(CampaignRecord.FILE))) {
            for (CampaignRecord.Cell c : CampaignRecord.read(dir).cells()) {
                Path f = dir.resolve(c.folder());
                if (Files.isRegularFile(new RunFolder(f).manifest())) {
                    folders.add(f);
                } else {
                    without.add(c.runId() + ": " + c.outcome() + (c.message() == null ? "" : " (" + c.message() + ")"));
                }
            }
        } else {
            folders.addAll(runFolders(dir));
        }
        return of(dir, folders, without);
    }

    /** The given run folders, as one side called {@code dir}; {@code without} names cells that left no folder. */
    static CampaignCells of(Path dir, List<Path> folders, List<String> withoutFolder) {
        List<String> without = new ArrayList<>(withoutFolder);
        Map<String, List<CellData>> byImage = new LinkedHashMap<>();
        for (Path f : CampaignReport.sorted(folders)) {
            CellData c = CellData.read(f);
            Outcome o = c.manifest().recordedOutcome().orElse(Outcome.INFRA_ERROR);
            if (o == Outcome.INFRA_ERROR || o == Outcome.INTERRUPTED) {
                without.add(c.id() + ": " + o + " (" + c.manifest().message().lines().findFirst().orElse("") + ")");
            } else {
                byImage.computeIfAbsent(Objects.requireNonNullElse(c.manifest().imageName(), "?"), k -> new ArrayList<>())
                        .add(c);
            }
        }
        if (byImage.isEmpty() && without.isEmpty()) {
            throw HarnessException.usage(dir + " holds no run folder (no manifest.json in it or below it)");
        }
        return new CampaignCells(dir, byImage, List.copyOf(without));
    }

    /**
     * The run folders at or below {@code dir} (a run folder's own subfolders are not searched): a campaign folder,
     * a folder of them, or CI artifacts downloaded as they were uploaded ({@code cell-bookworm/results/<experiment>/<run>/}).
     */
    static List<Path> runFolders(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                if (Files.isRegularFile(new RunFolder(p).manifest())) {
                    found.add(p);
                } else if (!Files.isSymbolicLink(p)) {
                    found.addAll(runFolders(p));
                }
            }
        } catch (IOException e) {
            throw HarnessException.infra("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }
}
