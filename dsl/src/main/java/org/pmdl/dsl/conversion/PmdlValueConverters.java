package org.pmdl.dsl.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.nodemodel.INode;
import org.pmdl.dsl.lang.AttributePaths;

public class PmdlValueConverters extends DefaultTerminalConverters {

    /** Links {@code ns0.size} by its object part, {@code ns0}. */
    @ValueConverter(rule = "AttributePath")
    public IValueConverter<String> AttributePath() {
        return new IValueConverter<>() {
            @Override
            public String toValue(String text, INode node) {
                String target = text == null ? null : AttributePaths.target(text);
                if (target == null || AttributePaths.attribute(text) == null) {
                    throw new ValueConverterException("'" + text + "' names no attribute: write NAME.attribute, "
                            + "e.g. ns0.size or region0.align", node, null);
                }
                return target;
            }

            @Override
            public String toString(String value) {
                return value;
            }
        };
    }
}
