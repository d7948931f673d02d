package ptlab.vm;

/** QEMU accelerator choice. AUTO resolves to KVM only when a probe boot under KVM succeeds. */
public enum Accel {
    AUTO, KVM, TCG;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
