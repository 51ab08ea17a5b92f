package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.ide.PmdlIdeSetup;
import org.pmdl.dsl.pmdl.Scenario;

/** The language server's resource names every object as EMF's {@link ResourceImpl} does, also when it is unloaded. */
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

    private static PmdlResource load() throws Exception {
        XtextResourceSet resourceSet = new PmdlIdeSetup().createInjectorAndDoEMFRegistration()
                .getInstance(XtextResourceSet.class);
        Resource resource = resourceSet.createResource(URI.createURI("memory:/s.pmdl"));
        resource.load(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)), Map.of());
        return assertInstanceOf(PmdlResource.class, resource);
    }

    /** The fragments EMF's own implementation gives the same objects (a plain resource holding a copy). */
    private static Map<EObject, String> emfFragments(PmdlResource pmdl) {
        List<EObject> originals = new ArrayList<>();
        pmdl.getAllContents().forEachRemaining(originals::add);
        ResourceImpl plain = new ResourceImpl(URI.createURI("memory:/copy.pmdl"));
        plain.getContents().addAll(EcoreUtil.copyAll(pmdl.getContents()));
        List<EObject> copies = new ArrayList<>();
        plain.getAllContents().forEachRemaining(copies::add);
        Map<EObject, String> fragments = new HashMap<>();
        for (int i = 0; i < originals.size(); i++) {
            fragments.put(originals.get(i), plain.getURIFragment(copies.get(i)));
        }
        return fragments;
    }

    @Test
    void fragmentsAreEmfsAlsoAfterTheListsChange() throws Exception {
        PmdlResource pmdl = load();
        Map<EObject, String> expected = emfFragments(pmdl);
        assertTrue(expected.size() > 20, "the file has platform, devices, steps and their parts: " + expected.size());
        expected.forEach((object, fragment) -> assertEquals(fragment, pmdl.getURIFragment(object), object.toString()));

        // the remembered indexes of the steps after the first are now wrong by one: they must not be used
        Scenario scenario = (Scenario) EcoreUtil.getObjectByType(pmdl.getContents().get(0).eContents(),
                org.pmdl.dsl.pmdl.PmdlPackage.Literals.SCENARIO);
        var first = scenario.getSteps().remove(0);
        scenario.getSteps().add(first);
        Map<EObject, String> moved = emfFragments(pmdl);
        assertNotEquals(expected.get(first), moved.get(first));
        moved.forEach((object, fragment) -> assertEquals(fragment, pmdl.getURIFragment(object), object.toString()));
    }

    @Test
    void unloadingLeavesProxiesThatResolveInTheReloadedFile() throws Exception {
        PmdlResource pmdl = load();
        Map<EObject, String> fragments = emfFragments(pmdl);
        pmdl.unload();
        pmdl.load(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)), Map.of());
        fragments.forEach((object, fragment) -> {
            URI proxy = ((InternalEObject) object).eProxyURI();
            assertEquals(fragment, proxy.fragment());
            assertSame(object.eClass(), pmdl.getEObject(proxy.fragment()).eClass(), proxy.toString());
        });
    }
}
