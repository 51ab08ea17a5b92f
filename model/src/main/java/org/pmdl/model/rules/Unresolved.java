package org.pmdl.model.rules;

import org.pmdl.model.SourceRef;

/**
 * The one decider of NAME-UNRESOLVED: a name that refers to nothing. The language's linker reports a name the
 * text declares nowhere; a run reports a name a step reaches that does not exist at that step (a namespace
 * destroyed before, memory not added, a platform a scenario built in Java does not declare).
 */
public final class Unresolved {
    private Unresolved() {
    }

    /** The finding for {@code what} (e.g. "namespace ns0") that refers to nothing, and why ("does not exist now"). */
    public static Finding finding(String what, String problem, SourceRef at) {
        return new Finding(Rules.NAME_UNRESOLVED, Rules.NAME_UNRESOLVED.message(what, problem), at);
    }

    /** The rule of a link Xtext's linker reports without our message (its own linking diagnostic code). */
    public static Rule linking() {
        return Rules.NAME_UNRESOLVED;
    }
}
