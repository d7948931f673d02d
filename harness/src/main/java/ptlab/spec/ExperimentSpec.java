package ptlab.spec;

import java.util.List;
import java.util.Optional;

/**
 * One experiment spec file (experiments/*.yaml), as bound from YAML. Components the file leaves out are
 * null until {@link Defaults#resolve} fills them; a spec from {@link SpecLoader} is always resolved.
 *
 * @param experiment required; names the results folder results/&lt;experiment&gt;/; lowercase letters,
 *     digits and '-', starting with a letter or digit, at most 64 characters
 * @param author required; first and last name for figure titles
 * @param images image recipes: a name means vm-images/&lt;name&gt;.yaml under the repository root, a path
 *     (with a '/' or ending in .yaml) is relative to the spec file's folder; default
 *     {@link Defaults#IMAGES}; non-empty, no two with the same name; several make a kernel sweep
 * @param vm guest size, accelerator and timeouts; every key defaults, see {@link VmSpec}
 * @param repetitions runs per image; default {@link Defaults#REPETITIONS}; 1 to 1000
 * @param workloads required; what runs in the guest, in this order; non-empty, each kind at most once
 * @param submission optional; a student's implementation to run in place of the project's own, see
 *     {@link SubmissionSpec}
 */
public record ExperimentSpec(String experiment, Author author, List<String> images, VmSpec vm,
        Integer repetitions, List<Workload> workloads, SubmissionSpec submission) {
    public ExperimentSpec(String experiment, Author author, List<String> images, VmSpec vm, Integer repetitions,
            List<Workload> workloads) {
        this(experiment, author, images, vm, repetitions, workloads, null);
    }

    public ExperimentSpec withSubmission(SubmissionSpec newSubmission) {
        return new ExperimentSpec(experiment, author, images, vm, repetitions, workloads, newSubmission);
    }

    public ExperimentSpec withImages(List<String> newImages) {
        return new ExperimentSpec(experiment, author, newImages, vm, repetitions, workloads, submission);
    }

    public ExperimentSpec withVm(VmSpec newVm) {
        return new ExperimentSpec(experiment, author, images, newVm, repetitions, workloads, submission);
    }

    public ExperimentSpec withRepetitions(int newRepetitions) {
        return new ExperimentSpec(experiment, author, images, vm, newRepetitions, workloads, submission);
    }

    /** The workload of the given type, if the spec has one. */
    public <W extends Workload> Optional<W> workload(Class<W> type) {
        return workloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
