package ptlab.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import ptlab.spec.Accel;

/** The one {@code --accel} converter: auto, kvm or tcg, in any case. */
final class AccelConverter implements ITypeConverter<Accel> {
    @Override
    public Accel convert(String value) {
        try {
            return Accel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
