package ptlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Root command: lists the subcommands. */
@Command(name = "harness", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reproducible Linux page-table experiments in QEMU guests.",
        subcommands = {RunCommand.class, RenderCommand.class, ReportCommand.class, CompareCommand.class, ReproduceCommand.class, PackageCommand.class, SubmissionCommand.class, GradeCommand.class, ImageCommand.class,
                VmCommand.class, StatusCommand.class, CancelCommand.class, ResumeCommand.class, TaskCommand.class})
public final class HarnessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
