package ptlab.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import ptlab.guest.Guest;
import ptlab.guest.GuestInfo;
import ptlab.guest.GuestProvider;
import ptlab.guest.GuestRequest;
import ptlab.image.Image;
import ptlab.spec.Backend;
import ptlab.spec.VmSpec;

/**
 * A guest backend that exists only in tests: {@code vm.backend: fake} hands out the {@link FakeGuest} a
 * test set in {@link #next}. Adding it took this class and one line in the test class path's
 * {@code META-INF/services/ptlab.guest.GuestProvider}; nothing in the harness names it.
 */
public final class FakeBackend implements GuestProvider {
    public static final Backend BACKEND = new Backend("fake");
    /** The guest the next launch starts; set by the test that plans with the fake backend. */
    static volatile Supplier<FakeGuest> next = () -> {
        throw new IllegalStateException("no fake guest set for this test");
    };

    private final Supplier<FakeGuest> guests;

    /** The registered provider: it hands out {@link #next}. */
    public FakeBackend() {
        this(() -> next.get());
    }

    FakeBackend(Supplier<FakeGuest> guests) {
        this.guests = guests;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Backend backend() {
        return BACKEND;
    }

    @Override
    public boolean serves(VmSpec vm) {
        return BACKEND.equals(vm.backend());
    }

    @Override
    public String describeBoot(String image, VmSpec vm) {
        return "hand out the test's fake guest for " + image + " " + GuestProvider.machine(vm);
    }

    @Override
    public List<String> dryRun(Image image, VmSpec vm, Path consoleLog) {
        return List.of("fake guest of " + image.manifest().name() + ", console " + consoleLog.getFileName());
    }

    @Override
    public Launch prepare(GuestRequest request) {
        FakeGuest guest = guests.get();
        return Launch.of(guest.info(), () -> guest);
    }
}
