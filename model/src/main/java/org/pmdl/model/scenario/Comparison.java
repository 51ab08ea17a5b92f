package org.pmdl.model.scenario;

/** The comparison operators of an {@code expect}. */
public enum Comparison {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Comparison ofSymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a comparison: " + symbol);
    }

    /** {@code actual OP value}: numbers compare as numbers, anything against a string as its text. */
    public boolean holds(Object actual, Value value) {
        if (value instanceof Value.Number n && actual instanceof java.lang.Number num) {
            return holds(java.math.BigInteger.valueOf(num.longValue()).compareTo(n.value()));
        }
        if (value instanceof Value.Text t) {
            return holds(String.valueOf(actual).compareTo(t.value()));
        }
        return false;
    }

    /** Applies this comparison to the sign of {@code a.compareTo(b)}. */
    public boolean holds(int order) {
        return switch (this) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }
}
