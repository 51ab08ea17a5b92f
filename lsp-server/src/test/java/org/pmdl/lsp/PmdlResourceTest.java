package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.ide.PmdlIdeSetup;

/** The language server's resource names every object as EMF does, also when it is unloaded. */
class PmdlResourceTest {
    static final String FILE = """
            platform p {
                arch x86_64
                nvdimm nmem0 { size 4G  label-area 128K }
                region region0 at 0x100000000 { mapping nmem0 dpa 0 size 4G - 128K }
            }
            scenario s on p {
                init-labels nmem0
                create namespace ns0 in region0 mode fsdax size 1G align 2M
                create namespace ns1 in region0 mode raw size 512M
                destroy namespace ns0
                expect ns1.size == 512M
            }
            """;

    @Test
    void fragmentsAreEmfsAndUnloadingLeavesProxiesThatResolveInTheReloadedFile() throws Exception {
        XtextResourceSet resourceSet = new PmdlIdeSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XtextResourceSet.class);
        Resource resource = resourceSet.createResource(URI.createURI("memory:/s.pmdl"));
        resource.load(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)), Map.of());
        PmdlResource pmdl = assertInstanceOf(PmdlResource.class, resource);

        Map<EObject, String> fragments = pmdl.fragments();
        List<EObject> all = new ArrayList<>();
        pmdl.getAllContents().forEachRemaining(all::add);
        assertEquals(all.size(), fragments.size());
        assertTrue(all.size() > 20, "the file has platform, devices, steps and their parts: " + all.size());
        for (EObject object : all) {
            assertEquals(pmdl.getURIFragment(object), fragments.get(object), object.toString());
        }

        pmdl.unload();
        pmdl.load(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)), Map.of());
        for (EObject object : all) {
            URI proxy = ((InternalEObject) object).eProxyURI();
            assertEquals(fragments.get(object), proxy.fragment());
            assertSame(object.eClass(), pmdl.getEObject(proxy.fragment()).eClass(), proxy.toString());
        }
    }
}
