package ptlab.guest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import ptlab.HarnessException;
import ptlab.spec.VmSpec;

/**
 * The guest providers this harness has, keyed by name (qemu-restore, qemu-boot, vagrant, ...): the
 * registered ones are listed in {@code META-INF/services/ptlab.guest.GuestProvider}, so adding a backend
 * edits no class here or anywhere else.
 */
public final class GuestProviders {
    private static final class Installed {
        static final GuestProviders ALL = new GuestProviders(
                ServiceLoader.load(GuestProvider.class, GuestProviders.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get).toList());
    }

    private final List<GuestProvider> providers;

    /** A registry of exactly these providers; names must be unique. */
    public GuestProviders(List<GuestProvider> providers) {
        Set<String> names = new LinkedHashSet<>();
        for (GuestProvider p : providers) {
            for (String n : names(p)) {
                if (!names.add(n)) {
                    throw new IllegalArgumentException("two guest providers are called '" + n + "'");
                }
            }
        }
        this.providers = List.copyOf(providers);
    }

    /** Every provider registered on the class path. */
    public static GuestProviders installed() {
        return Installed.ALL;
    }

    /** The provider a plan's boot step names (its current or a former name). */
    public GuestProvider byName(String name) {
        for (GuestProvider p : providers) {
            if (names(p).contains(name)) {
                return p;
            }
        }
        throw HarnessException.usage("the plan names an unknown guest provider '" + name + "'; known: "
                + String.join(", ", providers.stream().map(GuestProvider::name).toList()));
    }

    /** The provider that serves {@code vm}; a usage error names the backends there are. */
    public GuestProvider forVm(VmSpec vm) {
        for (GuestProvider p : providers) {
            if (p.serves(vm)) {
                return p;
            }
        }
        boolean known = providers.stream().anyMatch(p -> p.backend().equals(vm.backend()));
        throw HarnessException.usage(known
                ? "no guest provider of backend '" + vm.backend() + "' starts a guest by " + vm.start()
                : "no guest provider serves backend '" + vm.backend() + "'; known backends: "
                        + String.join(", ", backends()));
    }

    /** The backends served, in registration order. */
    public List<String> backends() {
        Set<String> b = new LinkedHashSet<>();
        providers.forEach(p -> b.add(p.backend().name()));
        return List.copyOf(b);
    }

    /** Every provider's name, in registration order. */
    public List<String> names() {
        return providers.stream().map(GuestProvider::name).toList();
    }

    private static List<String> names(GuestProvider p) {
        List<String> n = new ArrayList<>();
        n.add(p.name());
        n.addAll(p.formerNames());
        return n;
    }
}
