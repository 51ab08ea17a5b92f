package org.pmdl.dsl.lang;

import java.math.BigInteger;
import org.pmdl.dsl.pmdl.BinaryExpr;
import org.pmdl.dsl.pmdl.NumberLiteral;
import org.pmdl.dsl.pmdl.SizeExpr;

/**
 * Evaluates size expressions ({@code 4G - 128K}, {@code 64 * 256M}) exactly, in BigInteger, so that the validator
 * can tell a value that does not fit in 64 bits from one that does. Suffixes are binary (K = 1024).
 */
public final class SizeExpressions {
    /** The largest value the model's {@code long} arithmetic represents. */
    public static final BigInteger MAX_MODELLED = BigInteger.valueOf(Long.MAX_VALUE);
    /** 2^64 - 1: the largest u64. */
    public static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SizeExpressions() {
    }

    /** The exact value, or null when the expression is incomplete (a syntax error already reported). */
    public static BigInteger evaluate(SizeExpr expr) {
        if (expr instanceof NumberLiteral literal) {
            return literal.getText() == null ? null : parseLiteral(literal.getText());
        }
        if (expr instanceof BinaryExpr binary) {
            BigInteger left = evaluate(binary.getLeft());
            BigInteger right = evaluate(binary.getRight());
            if (left == null || right == null || binary.getOp() == null) {
                return null;
            }
            return switch (binary.getOp()) {
                case "+" -> left.add(right);
                case "-" -> left.subtract(right);
                case "*" -> left.multiply(right);
                default -> throw new IllegalStateException("operator " + binary.getOp());
            };
        }
        return null;
    }

    /** Evaluates an expression the validator has accepted (0 <= value <= Long.MAX_VALUE); null stays null. */
    public static Long evaluateChecked(SizeExpr expr) {
        Long value = evaluateModelled(expr);
        if (expr != null && value == null) {
            throw new IllegalArgumentException("size expression not validated: " + evaluate(expr));
        }
        return value;
    }

    /**
     * The value when the model can hold it (0..Long.MAX_VALUE), else null. For checks that run beside
     * {@code checkSizeFits} (validators run in no set order): that check reports the value, these skip it.
     */
    public static Long evaluateModelled(SizeExpr expr) {
        BigInteger value = expr == null ? null : evaluate(expr);
        return value == null || value.signum() < 0 || value.compareTo(MAX_MODELLED) > 0 ? null : value.longValueExact();
    }

    /** {@code 0x10}, {@code 4096}, {@code 4G}, {@code 128KiB}. */
    public static BigInteger parseLiteral(String text) {
        String digits = text;
        int shift = 0;
        if (digits.endsWith("iB")) {
            digits = digits.substring(0, digits.length() - 2);
        }
        char last = digits.charAt(digits.length() - 1);
        switch (last) {
            case 'K' -> shift = 10;
            case 'M' -> shift = 20;
            case 'G' -> shift = 30;
            case 'T' -> shift = 40;
            default -> { }
        }
        if (shift > 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        BigInteger base = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16)
                : new BigInteger(digits);
        return base.shiftLeft(shift);
    }

    /** A size for messages: the largest binary unit that divides it exactly ({@code 16M}, {@code 4G - 128K} as 4194176K). */
    public static String format(long bytes) {
        String[] units = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * A size as people write it: {@link #format} when one unit says it in a few digits ({@code 16M}, {@code 8G}),
     * else the nearest larger-unit amount and a one-unit difference ({@code 4G - 128K} rather than
     * {@code 4194176K}), else {@link #format}.
     */
    public static String spoken(long bytes) {
        String exact = format(bytes);
        if (bytes < 1L << 20 || exact.length() <= 5) {
            return exact;
        }
        for (int shift = 40; shift >= 20; shift -= 10) {
            long unit = 1L << shift;
            long whole = Math.round((double) bytes / unit);
            long rest = bytes - whole * unit;
            if (whole > 0 && Math.abs(rest) < unit) {
                String difference = format(Math.abs(rest));
                if (!difference.equals(Long.toString(Math.abs(rest))) && difference.length() <= 5) {
                    return format(whole * unit) + (rest < 0 ? " - " : " + ") + difference;
                }
            }
        }
        return exact;
    }
}
