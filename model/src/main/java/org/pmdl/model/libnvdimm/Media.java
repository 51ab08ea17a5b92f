package org.pmdl.model.libnvdimm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What survives kexec, reboot, panic and power-fail: each DIMM's label area, the infoblocks written into
 * namespace data and the media's poison. Everything else (region align, seeds, device names) is rebuilt by the
 * next boot.
 */
public final class Media {
    private final Map<String, LabelIndex> labelIndexes = new HashMap<>();
    private final Map<MediaKey, Infoblock> infoblocks = new HashMap<>();
    private int uuids;
    /** The media's poison (what ARS finds; a boot's ARS or a notification puts it in the badblocks). */
    private final Badrange poison = new Badrange();
    /** The firmware's list of injected errors (ARS_INJECT_GET), kept apart from the poison it caused. */
    private final Badrange injected = new Badrange();

    /** The DIMM's valid label index, if ndctl init-labels wrote one. */
    Optional<LabelIndex> labelIndex(String dimm) {
        return Optional.ofNullable(labelIndexes.get(dimm));
    }

    public void writeLabelIndex(String dimm, LabelIndex index) {
        labelIndexes.put(dimm, index);
    }

    /** ndctl zero-labels: the whole label area becomes zeros, so no index is valid. */
    public void zeroLabelArea(String dimm) {
        labelIndexes.remove(dimm);
    }

    public Optional<Infoblock> infoblock(MediaKey at) {
        return Optional.ofNullable(infoblocks.get(at));
    }

    public void writeInfoblock(MediaKey at, Infoblock infoblock) {
        infoblocks.put(at, infoblock);
    }

    /** ndctl zero_info_block: the first 8K of the namespace become zeros. */
    public void zeroInfoblock(MediaKey at) {
        infoblocks.remove(at);
    }

    public Badrange poison() {
        return poison;
    }

    public Badrange injected() {
        return injected;
    }

    /** A fresh uuid, as uuid_generate() gives ndctl: distinct within a scenario, stable across runs. */
    public String newUuid() {
        uuids++;
        return "00000000-0000-4000-8000-" + Align.zeroPadded(uuids, 12);
    }
}
