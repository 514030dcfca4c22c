package org.edibatch.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.RoundingMode;

/**
 * A rounding mode that can round any amount to whole won: every {@link RoundingMode} but UNNECESSARY, which
 * throws on the first amount with a fraction and would fail the run in the middle of the night.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotRoundingUnnecessary.Validator.class)
public @interface NotRoundingUnnecessary {

    String message() default "must be one of UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN, HALF_EVEN";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotRoundingUnnecessary, RoundingMode> {
        @Override
        public boolean isValid(RoundingMode value, ConstraintValidatorContext context) {
            return value != RoundingMode.UNNECESSARY;
        }
    }
}
