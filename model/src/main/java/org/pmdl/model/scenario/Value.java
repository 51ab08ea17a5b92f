package org.pmdl.model.scenario;

import java.math.BigInteger;

/** The right-hand side of an {@code expect}: a number (sizes are numbers of bytes) or a string. */
public sealed interface Value {
    record Number(BigInteger value) implements Value {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    record Text(String value) implements Value {
        @Override
        public String toString() {
            return "\"" + value + "\"";
        }
    }

    static Value of(long n) {
        return new Number(BigInteger.valueOf(n));
    }
}
