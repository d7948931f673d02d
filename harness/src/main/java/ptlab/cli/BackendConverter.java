package ptlab.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import ptlab.spec.Backend;

/** The {@code --backend} converter: qemu or vagrant, in any case. */
final class BackendConverter implements ITypeConverter<Backend> {
    @Override
    public Backend convert(String value) {
        try {
            return Backend.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
