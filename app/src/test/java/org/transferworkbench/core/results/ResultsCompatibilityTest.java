package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;

/**
 * Results files written by version 0.1.0 (before conditions were typed and headers composed from a source) still
 * open, and a sweep of the same setting today writes a header that resumes them.
 */
class ResultsCompatibilityTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) throws Exception {
        return Path.of(ResultsCompatibilityTest.class.getResource("/results/" + name).toURI());
    }

    @Test
    void aPaperSweepOfVersion010OpensAndResumesUnderTodaysHeader() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("emoji-groups-0.1.0.json"));
        assertThat(old.runs()).extracting(RunRecord::condition)
                .containsExactly(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS);
        assertThat(old.experiment().isPretrained()).isFalse();

        // The same setting as the command that wrote it (README: emoji sample, groups split, 10 per B class).
        Dataset d = DatasetLoader.load(Path.of("..", "sample-data", "emoji-natural-manmade"), LoadOptions.defaults());
        ClassSplit split = SplitSpec.parse("groups:../sample-data/emoji-groups.json").apply(d.classNames(), 1);
        Architecture arch = Architecture.transferCnn(d.inputShape(), d.numClasses());
        ExperimentHeader today = ExperimentHeader.of(d, new TransferSource.BaseNets(split, 10, arch),
                Recipe.DEFAULT.withEpochs(1), old.experiment().backend());
        // The folder's fingerprint includes file times, which a fresh clone changes: compare everything else.
        ExperimentHeader oldOnTheseFiles = new ExperimentHeader(today.dataset(), old.experiment().split(),
                old.experiment().architecture(), old.experiment().recipe(), old.experiment().backend(),
                old.experiment().source());
        assertThat(today.incompatibility(oldOnTheseFiles)).isNull();
        assertThat(today.dataset().classes()).isEqualTo(old.experiment().dataset().classes());
        assertThat(today.source()).isEqualTo(old.experiment().source());
        assertThat(today.architecture().layers()).isEqualTo(old.experiment().architecture().layers());
    }

    @Test
    void eachTestImagesConfidenceIsKeptAndOlderFilesSayTheyHaveNone() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("emoji-groups-0.1.0.json"));
        assertThat(old.runs().get(0).confidence(0)).isEqualTo(-1);
        RunRecord r = old.runs().get(0);
        RunRecord sure = new RunRecord(r.condition(), r.k(), r.splitSeed(), r.seed(), r.testAccuracy(), r.epochs(),
                r.seconds(), r.reused(), r.finishedAt(), r.confusion(), new int[] {1, 0, 2},
                r.correct(), null, new byte[] {97, 40, 100});
        Path folder = tmp.resolve("sure");
        ResultsStore store = ResultsStore.open(folder, old.experiment(), false);
        store.add(sure);
        RunRecord back = ResultsStore.read(folder.resolve(ResultsStore.JSON_NAME)).runs().get(0);
        assertThat(back.confidence(0)).isEqualTo(97);
        assertThat(back.confidence(1)).isEqualTo(40);
        assertThat(back.confidence(2)).isEqualTo(100);
        assertThat(back.confidence(3)).isEqualTo(-1);
    }

    @Test
    void aLoadedNetSweepOfVersion010Opens() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("keras-source-0.1.0.json"));
        assertThat(old.experiment().isPretrained()).isTrue();
        assertThat(old.experiment().split().classesB()).containsExactly("Sandal", "Shirt", "Sneaker");
        assertThat(old.runs()).extracting(RunRecord::condition).containsExactly(Condition.ANB, Condition.ANB_PLUS);
        assertThat(old.experiment().source()).contains("fashion-A-sequential.h5").contains("sha256");
    }

    @Test
    void conditionsAreStoredByThePapersNames() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("emoji-groups-0.1.0.json"));
        Path folder = tmp.resolve("again");
        ResultsStore store = ResultsStore.open(folder, old.experiment(), false);
        old.runs().forEach(store::add);
        String json = Files.readString(folder.resolve(ResultsStore.JSON_NAME));
        assertThat(json).contains("\"condition\" : \"baseB\"").contains("\"condition\" : \"AnB+\"");
        List<RunRecord> again = ResultsStore.read(folder.resolve(ResultsStore.JSON_NAME)).runs();
        assertThat(again).extracting(RunRecord::key).isEqualTo(old.runs().stream().map(RunRecord::key).toList());
        assertThat(again).extracting(RunRecord::testAccuracy)
                .isEqualTo(old.runs().stream().map(RunRecord::testAccuracy).toList());
    }
}
