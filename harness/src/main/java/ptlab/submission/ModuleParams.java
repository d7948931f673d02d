package ptlab.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module parameters by which a student's lkp25p3 module is told which process to watch (and where its buffer
 * is), as in {@code insmod lkp25p3.ko pid=1234 addr=0x7f...}: such a module is loaded once that process runs.
 *
 * @param pid     the parameter that takes the process id
 * @param address the parameter that takes the buffer's address, or null when it has none
 */
public record ModuleParams(String pid, String address) {
    /** module_param(name, ...), module_param_named(name, variable, ...), module_param_array(name, ...). */
    private static final Pattern PARAM = Pattern.compile("\\bmodule_param(?:_named|_array)?\\s*\\(\\s*(\\w+)\\s*,");
    private static final Pattern PID = Pattern.compile("(?i)\\w*(?:pid|process_?id|proc_?id|task_?id)\\w*");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)(?:\\w*_)?(?:addr\\w*|address|vaddr|va|virt\\w*|buf\\w*|start\\w*|base\\w*)");

    /** The pid (and address) parameters of the module {@code m} in the submission at {@code root}; empty without a pid one. */
    public static Optional<ModuleParams> of(Path root, PartResult.Found m) {
        String pid = null;
        String address = null;
        for (Path src : m.sources()) {
            String text;
            try {
                text = Files.readString(root.resolve(src), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            Matcher p = PARAM.matcher(text);
            while (p.find()) {
                String name = p.group(1);
                if (pid == null && PID.matcher(name).matches()) {
                    pid = name;
                } else if (address == null && ADDRESS.matcher(name).matches()) {
                    address = name;
                }
            }
        }
        return pid == null ? Optional.empty() : Optional.of(new ModuleParams(pid, address));
    }
}
