package org.transferworkbench.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.cli.CliBridge;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Reports and pictures parse as what they claim to be, with the figure, the findings and every run inside. */
class ReportTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) throws Exception {
        return Path.of(ReportTest.class.getResource("/results/" + name).toURI());
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static Element byId(Document d, String tag, String id) {
        var nodes = d.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    @Test
    void aReportOfAVersion010FileHasTheFigureComputedFindingsAndEveryRun() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("emoji-groups-0.1.0.json"));
        Document d = parse(Report.html(old));
        Element figure = byId(d, "div", "transferability");
        assertThat(figure).isNotNull();
        assertThat(figure.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(1);
        assertThat(figure.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength())
                .as("the SVG draws the figure").isGreaterThan(20);
        String href = byId(d, "a", "png").getAttribute("href");
        assertThat(href).startsWith("data:image/png;base64,");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                href.substring("data:image/png;base64,".length()))));
        assertThat(png.getWidth()).isEqualTo(Report.WIDTH);
        assertThat(byId(d, "ul", "findings").getElementsByTagNameNS("*", "li").getLength()).isGreaterThan(0);
        assertThat(byId(d, "table", "runs").getElementsByTagNameNS("*", "tr").getLength()).isEqualTo(1 + 3);
        assertThat(d.getDocumentElement().getTextContent()).contains("emoji-natural-manmade")
                .contains("building, clothing, household, tool, vehicle");
    }

    @Test
    void storedFindingsAreReportedAsWrittenAndNamesAreEscaped() throws Exception {
        ResultsFile old = ResultsStore.read(fixture("keras-source-0.1.0.json"));
        Path folder = tmp.resolve("again");
        ResultsStore store = ResultsStore.open(folder, old.experiment(), false);
        old.runs().forEach(store::add);
        store.writeFindings(List.of(new Findings.Finding("AnB <k=1> & AnB+ \u001b[2J differ", null, null,
                false, "")));
        String html = Report.html(ResultsStore.read(folder.resolve(ResultsStore.JSON_NAME)));
        Document d = parse(html);
        assertThat(byId(d, "ul", "findings").getTextContent()).contains("AnB <k=1> & AnB+ ?[2J differ");
        assertThat(html).doesNotContain("\u001b");
    }

    @Test
    void theCliWritesTheReportAndTheFigureAsPngAndSvg() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("results"));
        Files.copy(fixture("emoji-groups-0.1.0.json"), folder.resolve(ResultsStore.JSON_NAME));
        Path html = tmp.resolve("report.html");
        Path png = tmp.resolve("figure.png");
        Path svg = tmp.resolve("figure.svg");
        assertThat(CliBridge.run("report", folder.toString(), "--out", html.toString(), "--png", png.toString(),
                "--svg", svg.toString())).isZero();
        assertThat(parse(Files.readString(html)).getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1200);
        Document picture = parse(Files.readString(svg));
        assertThat(picture.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(CliBridge.run("report", tmp.resolve("nothing.json").toString(), "--out",
                html.toString())).isEqualTo(1);
    }
}
