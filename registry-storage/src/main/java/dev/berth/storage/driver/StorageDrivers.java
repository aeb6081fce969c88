package dev.berth.storage.driver;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The one lookup of driver factories by name, through {@link ServiceLoader}. */
public final class StorageDrivers {

    private final Map<String, StorageDriverFactory> factories;

    private StorageDrivers(Map<String, StorageDriverFactory> factories) {
        this.factories = factories;
    }

    /** The factories visible to {@code classLoader}. */
    public static StorageDrivers discover(ClassLoader classLoader) {
        Map<String, StorageDriverFactory> factories = new TreeMap<>();
        for (StorageDriverFactory factory : ServiceLoader.load(StorageDriverFactory.class, classLoader)) {
            factories.putIfAbsent(factory.name(), factory);
        }
        return new StorageDrivers(factories);
    }

    /** The factories visible to the class loader that loaded Berth. */
    public static StorageDrivers discover() {
        return discover(StorageDrivers.class.getClassLoader());
    }

    public Set<String> names() {
        return factories.keySet();
    }

    /**
     * Creates the driver named in the parameters, or says which drivers exist. The driver comes
     * behind {@link PathValidatingDriver}, so no path reaches it unchecked.
     */
    public StorageDriver create(DriverParameters parameters) throws IOException {
        StorageDriverFactory factory = factories.get(parameters.driver());
        if (factory == null) {
            throw new IllegalArgumentException("unknown storage driver '" + parameters.driver()
                    + "'; available: " + String.join(", ", factories.keySet())
                    + " (a cloud driver needs its module on the classpath)");
        }
        return PathValidatingDriver.wrap(factory.create(parameters));
    }
}
