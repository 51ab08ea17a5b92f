package org.pmdl.model.engine;

import static org.pmdl.model.Fixtures.*;
import org.junit.jupiter.api.Test;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;

class ScratchTest {
    @Test
    void dump() {
        var INIT = step(new Action.InitLabels("nmem0"));
        print(run(qemuX86(), INIT, step(create("a", "region0", NamespaceMode.SECTOR, 16 * M))));
        print(run(qemuX86(), INIT, step(create("a", "region0", NamespaceMode.FSDAX, G, G, null, null))));
        print(run(qemuX86(), INIT, step(new Action.SetRegionAlign("region0", 4 * K)),
                step(create("a", "region0", NamespaceMode.RAW, 17 * M)),
                step(new Action.SetRegionAlign("region0", 16 * M)),
                step(create("b", "region0", NamespaceMode.RAW, 32 * M)),
                step(new Action.SetRegionAlign("region0", 2 * M)),
                step(create("c", "region0", NamespaceMode.FSDAX, 100 * M))));
        print(run(qemuX86(), step(new Action.SetRegionAlign("region0", 4 * K)),
                step(reconfigure("namespace0.0", NamespaceMode.FSDAX, null, null)),
                step(reconfigure("namespace0.0", NamespaceMode.SECTOR, null, null))));
    }

    static void print(ScenarioResult r) {
        System.out.println("=====");
        r.steps().forEach(s -> System.out.println(s.step().action().op() + " ok=" + s.ok() + " " + s.errno() + " " + s.values() + "\n   " + String.join("\n   ", s.log()) + "\n   findings=" + s.findings()));
    }
}
