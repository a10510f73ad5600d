package co.courselabs.statefulsets.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    @DisplayName("Markdown text cannot open a heading, a table cell, code, a link or an HTML tag")
    void markdownText() {
        String hostile = "x\n# Full marks | 100 | `rm` [click](https://evil.example) <img src=x onerror=alert(1)> $x$";
        String escaped = Escape.markdown(hostile);
        assertThat(escaped).doesNotContain("\n").doesNotContain("<img").doesNotContain("| 100 |")
                .doesNotContain("`rm`").doesNotContain("[click]");
        assertThat(escaped).isEqualTo("x \\# Full marks \\| 100 \\| \\`rm\\` \\[click\\](https://evil.example)"
                + " &lt;img src=x onerror=alert(1)&gt; \\$x\\$");
    }

    @Test
    @DisplayName("a list marker at the start of a list item's text is escaped")
    void listMarkers() {
        assertThat(Escape.markdown("- not a list")).isEqualTo("\\- not a list");
        assertThat(Escape.markdown("12. not a list")).isEqualTo("12\\. not a list");
        assertThat(Escape.markdown("3 replicas")).isEqualTo("3 replicas");
    }

    @Test
    @DisplayName("a table cell keeps its lines apart with <br>, each line escaped; control characters go")
    void markdownCell() {
        assertThat(Escape.markdownCell("a|b\n<b>c</b>\u001b[31m")).isEqualTo("a\\|b<br>&lt;b&gt;c&lt;/b&gt;\\[31m");
    }

    @Test
    @DisplayName("a teacher's Markdown in a table cell is kept as written but for pipes, line breaks and control characters")
    void trustedMarkdownCell() {
        assertThat(Escape.trustedMarkdownCell("See [the notes](https://x.example/a|b)\r\nand `kubectl`\u001b"))
                .isEqualTo("See [the notes](https://x.example/a\\|b)<br>and `kubectl`");
    }

    @Test
    @DisplayName("code spans and blocks are fenced by more backticks than the text holds")
    void code() {
        assertThat(Escape.codeSpan("a`b")).isEqualTo("``a`b``");
        assertThat(Escape.codeSpan("`x")).isEqualTo("`` `x ``");
        assertThat(Escape.codeBlock("log\n```\n# not a heading")).isEqualTo("````\nlog\n```\n# not a heading\n````\n");
        assertThat(Escape.codeBlock("plain")).isEqualTo("```\nplain\n```\n");
    }

    @Test
    @DisplayName("a CSV cell cannot be a spreadsheet formula, a second row or a second column")
    void csv() {
        assertThat(Escape.csv("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Escape.csv("+1")).isEqualTo("'+1");
        assertThat(Escape.csv("-2+3")).isEqualTo("'-2+3");
        assertThat(Escape.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Escape.csv("a\nb,c")).isEqualTo("\"a b,c\"");
        assertThat(Escape.csv("ada")).isEqualTo("ada");
    }

    @Test
    @DisplayName("workflow commands: a message cannot start a second command")
    void workflowCommands() {
        assertThat(Escape.workflowData("a\n::error::fake")).isEqualTo("a%0A::error::fake");
        assertThat(Escape.workflowProperty("a:b,c")).isEqualTo("a%3Ab%2Cc");
    }

    @Test
    @DisplayName("text printed to a CI log starts no workflow command on any line, however it hides the ::")
    void consoleStartsNoWorkflowCommand() {
        String event = "Readiness probe failed: \n::add-mask::x\r::error file=a.yaml::fake\n \u00a0\t::stop-commands::t\n"
                + "x ##[set-output name=score;]100\nplain :: text";
        String printed = Escape.console(event);
        assertThat(printed.split("\n")).containsExactly("Readiness probe failed: ", "> ::add-mask::x",
                "> ::error file=a.yaml::fake", ">  \u00a0\t::stop-commands::t", "x # #[set-output name=score;]100",
                "plain :: text");
    }
}
