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
    /** module_param(name, type, perm) and module_param_named(name, variable, type, perm): the name and the type. */
    private static final Pattern PARAM = Pattern.compile(
            "\\bmodule_param(?:\\s*\\(\\s*(\\w+)\\s*,|_named\\s*\\(\\s*(\\w+)\\s*,\\s*\\w+\\s*,)\\s*(\\w+)");
    private static final Pattern PID = Pattern.compile("(?i)\\w*(?:pid|process_?id|proc_?id|task_?id)\\w*");
    /** addr, vaddr, va, buf, buffer, start, base, and names made of them (buf_addr, start_addr, buffer_va). */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?i)(?:[a-z0-9]+_)?(?:addr|address|vaddr|va|virt_?addr|buf|buffer|start|base)(?:_(?:addr|address|va|ptr))?");
    /** Types that hold an address: an int parameter given 0x7f... would refuse the load. */
    private static final java.util.Set<String> ADDRESS_TYPES = java.util.Set.of("ulong", "ullong", "long", "llong", "charp");

    /** The parameters the driver fills: the pid's, then the address's when there is one. */
    public java.util.List<String> names() {
        return address == null ? java.util.List.of(pid) : java.util.List.of(pid, address);
    }

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
                String name = p.group(1) != null ? p.group(1) : p.group(2);
                if (pid == null && PID.matcher(name).matches()) {
                    pid = name;
                } else if (address == null && ADDRESS.matcher(name).matches() && ADDRESS_TYPES.contains(p.group(3))) {
                    address = name;
                }
            }
        }
        return pid == null ? Optional.empty() : Optional.of(new ModuleParams(pid, address));
    }
}
