package ptlab.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pid and address parameters of a student's lkp25p3 module, as insmod would be given them. */
class ModuleParamsTest {
    @TempDir
    Path tmp;

    private Optional<ModuleParams> of(String code) throws Exception {
        Files.writeString(tmp.resolve("lkp25p3.c"), code);
        return ModuleParams.of(tmp, new PartResult.Found(Part.LKP25P3, Path.of(""), null, null,
                List.of(Path.of("lkp25p3.c")), "lkp25p3", ""));
    }

    @Test
    void aPidAndAnAddressOfAnAddressType() throws Exception {
        assertEquals(Optional.of(new ModuleParams("pid", "addr")), of("static int pid;\nmodule_param(pid, int, 0);\n"
                + "static unsigned long addr;\nmodule_param(addr, ulong, 0644);\n"));
        assertEquals(Optional.of(new ModuleParams("target_pid", "buf_addr")), of("module_param(target_pid, int, 0);\n"
                + "module_param_named(buf_addr, g_buf, ullong, 0);\n"));
        assertEquals(Optional.of(new ModuleParams("process_id", null)), of("module_param(process_id, int, 0);\n"));
    }

    @Test
    void anIntOrAnUnrelatedNameIsNoAddress() throws Exception {
        // given 0x7f... an int parameter would refuse the load
        assertEquals(Optional.of(new ModuleParams("pid", null)), of("module_param(pid, int, 0);\nmodule_param(start, int, 0);\n"
                + "module_param(start_delay, ulong, 0);\nmodule_param(period_ms, uint, 0);\n"));
        assertEquals(Optional.empty(), of("module_param(addr, ulong, 0);\n"), "no pid: loaded first, as before");
    }
}
