package org.pmdl.model.ocxl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmdl.model.libnvdimm.Dmesg;
import org.pmdl.model.libnvdimm.NvdimmBus;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.topology.PlatformSpec;

/**
 * The OpenCAPI cards of a powernv machine: per card its link (LPC window over OPAL) and its ocxlpmem device.
 * The engine hands every {@link OcxlStep} here; a boot starts every card afresh (firmware resets the NPU).
 */
public final class Ocxl {
    /** What an ocxl step produced: a refusal's errno and rule, values, and the model's warnings about the driver. */
    public record Outcome(boolean ok, String errno, Map<String, Object> values, Rule decisive,
            List<Warning> warnings) {
    }

    /** A finding the model raises about the driver's behaviour, under its rule. */
    public record Warning(Rule rule, String message) {
    }

    private record Card(OcxlSpec spec, OcxlLink link, OcxlPmem device, Warnings warnings) {
        List<Warning> drain() {
            return warnings.drain().stream().map(w -> new Warning(w.rule(), w.message())).toList();
        }
    }

    private final PlatformSpec platform;
    private final Dmesg dmesg;
    private final Map<String, Card> cards = new LinkedHashMap<>();

    private Ocxl(PlatformSpec platform, Dmesg dmesg) {
        this.platform = platform;
        this.dmesg = dmesg;
        boot();
    }

    /** The platform's cards, or empty when it declares none. */
    public static Optional<Ocxl> of(PlatformSpec platform, Dmesg dmesg) {
        return platform.ocxls().isEmpty() ? Optional.empty() : Optional.of(new Ocxl(platform, dmesg));
    }

    public void boot() {
        cards.clear();
        for (OcxlSpec spec : platform.ocxls()) {
            Warnings warnings = new Warnings();
            Powernv powernv = new Powernv(spec, dmesg, warnings, "ocxl " + spec.name());
            cards.put(spec.name(), new Card(spec, new OcxlLink(spec, powernv, dmesg, warnings),
                    new OcxlPmem(spec, dmesg, warnings), warnings));
        }
    }

    public Outcome perform(OcxlStep step, NvdimmBus bus) {
        Card card = cards.get(step.card());
        if (card == null) { // the validator resolves card names: only a stale name reaches here
            throw new IllegalArgumentException("no ocxl card " + step.card());
        }
        try {
            Map<String, Object> result = perform(card, step, bus).values();
            Map<String, Object> values = new LinkedHashMap<>(values(card, step)); // the card or AFU as it is now
            values.putAll(result);
            return new Outcome(true, null, values, null, card.drain());
        } catch (OcxlError e) {
            return new Outcome(false, e.errno.name(), values(card, step), e.rule, card.drain());
        }
    }

    private OcxlPmem.Result perform(Card card, OcxlStep step, NvdimmBus bus) throws OcxlError {
        OcxlPmem device = card.device();
        switch (step.verb()) {
            case "configure" -> card.link().configure(afu(card, step));
            case "map" -> card.link().map(afu(card, step));
            case "release" -> card.link().release(afu(card, step));
            case "probe" -> {
                return probe(card, step, bus);
            }
            case "chi" -> {
                return device.setChi(step);
            }
            case "open" -> {
                return device.open(step);
            }
            case "close" -> {
                return device.close(step);
            }
            case "remove" -> {
                return device.remove(bus);
            }
            default -> {
                if (!device.probed()) {
                    throw new OcxlError(org.pmdl.model.kernel.Errno.ENODEV, OcxlRules.NOT_PROBED);
                }
                return switch (step.verb()) {
                    case "admin" -> device.admin(step);
                    case "error-log" -> device.readErrorLog(step);
                    case "event-check" -> device.eventCheck();
                    case "eventfd" -> device.eventfd(step);
                    case "set-config-data" -> device.configData(step, true);
                    case "get-config-data" -> device.configData(step, false);
                    default -> throw new IllegalArgumentException("unknown ocxl verb " + step.verb());
                };
            }
        }
        return new OcxlPmem.Result(values(card, step));
    }

    private static OcxlLink.AfuState afu(Card card, OcxlStep step) {
        OcxlLink.AfuState afu = card.link().afu(step.afu());
        if (afu == null) {
            throw new IllegalArgumentException("card " + card.spec().name() + " has no AFU " + step.afu());
        }
        return afu;
    }

    /** A failed probe closes the function: deconfigure_afu() unmaps the LPC memory first (C-10). */
    private static OcxlPmem.Result probe(Card card, OcxlStep step, NvdimmBus bus) throws OcxlError {
        OcxlLink.AfuState afu = mapFirstAfu(card);
        try {
            return card.device().probe(step, afu.lpcResStart, bus);
        } catch (OcxlError e) {
            card.link().release(afu);
            throw e;
        }
    }

    /**
     * The ocxl core's part of the device probe: configure every AFU not yet configured (so the window covers all
     * of them), then map the first AFU with memory; its lpc_res.start is where the pmem starts.
     */
    private static OcxlLink.AfuState mapFirstAfu(Card card) throws OcxlError {
        for (OcxlSpec.Afu spec : card.spec().afus()) {
            OcxlLink.AfuState afu = card.link().afu(spec.name());
            if (!afu.configured) {
                card.link().configure(afu);
            }
        }
        OcxlLink.AfuState first = card.link().firstWithLpc();
        if (!first.mapped()) {
            card.link().map(first);
        }
        return first;
    }

    private static Map<String, Object> values(Card card, OcxlStep step) {
        return step.afu() == null ? cardValues(card) : OcxlLink.values(card.link().afu(step.afu()));
    }

    private static Map<String, Object> cardValues(Card card) {
        Map<String, Object> v = new LinkedHashMap<>(card.link().values());
        v.putAll(card.device().values());
        return v;
    }

    /** What {@code expect NAME.ATTR} reads on a card (link and device) or an AFU. */
    public Optional<Map<String, Object>> values(String name) {
        Card card = cards.get(name);
        if (card != null) {
            return Optional.of(cardValues(card));
        }
        return cards.values().stream().filter(c -> c.link().afu(name) != null).findFirst()
                .map(c -> OcxlLink.values(c.link().afu(name)));
    }
}
