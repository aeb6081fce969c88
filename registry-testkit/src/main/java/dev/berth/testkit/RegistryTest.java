package dev.berth.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real registry: in-memory storage, a free port on
 * 127.0.0.1, no auth, delete enabled, one registry for the whole class. Declare a
 * {@link TestRegistry} parameter (on a test, a lifecycle method or the constructor) to get it.
 *
 * <pre>{@code
 * @RegistryTest
 * class PushTest {
 *     @Test
 *     void pushes(TestRegistry registry) {
 *         registry.client().push("app", "v1", TestImages.seeded(1).image(2, 1024));
 *     }
 * }
 * }</pre>
 *
 * For other storage, auth or server settings, register a {@link RegistryExtension} field instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RegistryExtension.class)
public @interface RegistryTest {
}
