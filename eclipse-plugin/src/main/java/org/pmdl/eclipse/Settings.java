package org.pmdl.eclipse;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Window › Preferences › PMDL: the same settings as the VS Code extension's (`pmdl.java.home`,
 * `pmdl.server.jvmOptions`, `pmdl.kernelProfile`, `pmdl.explorationBound`). A change restarts the language server.
 */
public class Settings extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    static final String QUALIFIER = "org.pmdl.eclipse";
    /** A JDK/JRE 17+ folder; empty: the Java that runs Eclipse (Eclipse 4.31+ needs 17+ itself). */
    static final String JAVA_HOME = "javaHome";
    static final String JVM_OPTIONS = "jvmOptions";
    /** Like the CLI's --kernel: overrides every platform's kernel profile; empty: each platform's own. */
    static final String KERNEL_PROFILE = "kernelProfile";
    static final String EXPLORATION_BOUND = "explorationBound";
    /** The README's options for a server the editor starts itself (the JVM's defaults let it grow past 1 GiB). */
    static final String DEFAULT_JVM_OPTIONS = "-Xmx160m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k";

    public Settings() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, QUALIFIER));
        setDescription("The PMDL language server (restarted when these change).");
    }

    @Override
    public void init(IWorkbench workbench) {
        // nothing: the store is the instance scope's
    }

    @Override
    protected void createFieldEditors() {
        addField(new DirectoryFieldEditor(JAVA_HOME, "Java home (17+; empty: the Java running Eclipse):",
                getFieldEditorParent()));
        addField(new StringFieldEditor(JVM_OPTIONS, "Server JVM options:", getFieldEditorParent()));
        addField(new StringFieldEditor(KERNEL_PROFILE, "Kernel profile (e.g. 6.1; empty: each platform's):",
                getFieldEditorParent()));
        IntegerFieldEditor bound = new IntegerFieldEditor(EXPLORATION_BOUND, "Crash-state exploration bound:",
                getFieldEditorParent());
        bound.setValidRange(1, Integer.MAX_VALUE);
        addField(bound);
    }

    static String get(String key) {
        return org.eclipse.core.runtime.Platform.getPreferencesService().getString(QUALIFIER, key, "", null).trim();
    }

    public static class Defaults extends AbstractPreferenceInitializer {
        @Override
        public void initializeDefaultPreferences() {
            IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(QUALIFIER);
            defaults.put(JVM_OPTIONS, DEFAULT_JVM_OPTIONS);
            defaults.putInt(EXPLORATION_BOUND, 100_000);
        }
    }
}
