package org.edibatch.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs PostgreSQL (TestDatabase, TestApp), starts a child JVM (Cli, ProcessBuilder) or a
 * browser. Tagged {@value #TAG}: Surefire leaves these out of {@code mvn test}, so the fast tests answer in
 * seconds, and Failsafe runs them in {@code mvn verify}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SlowTest.TAG)
public @interface SlowTest {

    String TAG = "slow";
}
