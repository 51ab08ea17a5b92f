package org.pmdl.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;
import org.pmdl.model.rules.Rules;

/**
 * Static checks of a PMDL file, one class per concern, composed the way Xtext layers checks: names and imports,
 * platforms as libnvdimm sees them (topology), pseries and papr_scm, ocxl, memory hotplug, persistence, and
 * scenario steps and expectations. Every diagnostic carries a rule ID from {@link Rules} (or a subsystem's rules
 * class) as its issue code, sits on the exact text that causes it and says what to do. Checks that need the
 * kernel's dynamic state live in the model's engine, not here.
 */
@ComposedChecks(validators = {NamesValidator.class, TopologyValidator.class, PseriesValidator.class,
        OcxlValidator.class, HotplugValidator.class, PersistenceValidator.class, ScenarioValidator.class})
public class PmdlValidator extends AbstractPmdlValidator {
}
