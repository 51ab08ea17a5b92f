package org.pmdl.lsp;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.services.PmdlGrammarAccess;
import org.pmdl.model.kernel.Distro;
import org.pmdl.model.kernel.Errno;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.topology.PlatformSpec;

/**
 * Completion that knows the domain on top of Xtext's (keywords the grammar allows here, names in scope):
 * {@code expect error} offers errno names, a namespace's {@code align} (create/reconfigure) only the alignments the scenario's
 * platform supports (drivers/nvdimm/pfn_devs.c nd_pfn_supported_alignments()), {@code kernel} the profiles the
 * model knows (newest first) and {@code distro} the distribution configurations.
 */
public class PmdlContentProposals extends IdeContentProposalProvider {
    private final PmdlCompiler compiler = new PmdlCompiler();
    @Inject
    private PmdlGrammarAccess grammar;

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        switch (assignment.getFeature()) {
            case "errno" -> {
                for (Errno errno : Errno.values()) {
                    accept(errno.name(), errno.name() + " — " + errno.strerror(), context, acceptor);
                }
            }
            case "version" -> {
                List<KernelProfile> known = KernelProfile.known();
                for (int i = known.size() - 1; i >= 0; i--) {
                    KernelProfile k = known.get(i);
                    accept("\"" + k.name() + "\"", (k == KernelProfile.defaultProfile() ? "default; " : "")
                            + (k.realKernel() != null ? "checked against " + k.realKernel() + "; " : "")
                            + "read in " + k.source(), context, acceptor);
                }
            }
            case "preset" -> {
                for (Distro d : Distro.known()) {
                    accept("\"" + d.name() + "\"", (d == Distro.UPSTREAM ? "default; " : "") + d.source(), context,
                            acceptor);
                }
            }
            case "align" -> {
                // a namespace's align, not a region's (held by the grammar rule, so a rename cannot go unnoticed)
                if (GrammarUtil.containingRule(assignment) != grammar.getNamespaceOptionRule()) {
                    super._createProposals(assignment, context, acceptor);
                    return;
                }
                for (long align : supportedAlignments(context)) {
                    accept(Sizes.suffixed(align), "supported by nd_pfn_supported_alignments()", context, acceptor);
                }
            }
            default -> super._createProposals(assignment, context, acceptor);
        }
    }

    private void accept(String text, String detail, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        ContentAssistEntry entry = getProposalCreator().createProposal(text, context);
        if (entry != null) {
            entry.setDescription(detail);
            entry.setKind(ContentAssistEntry.KIND_VALUE);
            acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
        }
    }

    /** The scenario's platform as the model sees it; nothing when the platform cannot be compiled yet. */
    private List<Long> supportedAlignments(ContentAssistContext context) {
        Scenario scenario = EcoreUtil2.getContainerOfType(context.getCurrentModel(), Scenario.class);
        if (scenario == null || scenario.getPlatform() == null || scenario.getPlatform().eIsProxy()) {
            return List.of();
        }
        try {
            PlatformSpec platform = compiler.platform(scenario.getPlatform());
            KernelProfile kernel = platform.kernel() == null ? KernelProfile.defaultProfile()
                    : KernelProfile.lookup(platform.kernel()).orElse(KernelProfile.defaultProfile());
            return PlatformFacts.of(platform, kernel).supportedPfnAlignments();
        } catch (RuntimeException e) {
            return List.of(); // a half-written platform: no domain proposals rather than a failed request
        }
    }
}
