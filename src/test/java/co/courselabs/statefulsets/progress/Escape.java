package co.courselabs.statefulsets.progress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from a student's answer (a value, a name, a container's log) made safe for where people read
 * it: Markdown (a job summary, the class report), CSV (a spreadsheet) and GitHub's workflow
 * commands. Every report escapes through here, once, for its target.
 */
public final class Escape {

    private static final Pattern LIST_MARKER = Pattern.compile("^(\\d{1,9})([.)])");
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private Escape() {
    }

    /**
     * One line of Markdown text that renders as the characters it holds: line breaks become spaces,
     * control characters go, HTML is entity-escaped and Markdown's punctuation backslash-escaped, so
     * nothing in it can start a heading, a list, a table cell, a link, code or an HTML tag.
     */
    public static String markdown(String text) {
        String line = printable(text).replaceAll("[\r\n]+", " ");
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '$' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        String escaped = out.toString();
        // a list marker at the start of an item's text would open a list inside it
        if (escaped.startsWith("-") || escaped.startsWith("+")) {
            return "\\" + escaped;
        }
        Matcher marker = LIST_MARKER.matcher(escaped);
        return marker.find() ? marker.group(1) + "\\" + escaped.substring(marker.group(1).length()) : escaped;
    }

    /** Markdown for a table cell: each line escaped, the lines kept apart by {@code <br>}. */
    public static String markdownCell(String text) {
        return String.join("<br>", printable(text).lines().map(Escape::markdown).toList());
    }

    /**
     * Markdown written by a person we trust (a teacher's hint), for a table cell: kept as written, but
     * for what would end the cell or the row (a pipe, a line break) and characters that print nothing.
     */
    public static String trustedMarkdownCell(String text) {
        return String.join("<br>", printable(text).lines().map(line -> line.replace("|", "\\|")).toList());
    }

    /** Markdown for a list item: each line escaped, the lines after the first indented under it. */
    public static String markdownItem(String text, String indent) {
        return String.join("\n" + indent, printable(text).lines().map(Escape::markdown).toList());
    }

    /** Inline code holding the text as it is: fenced by more backticks than any run inside it. */
    public static String codeSpan(String text) {
        String line = printable(text).replaceAll("[\r\n]+", " ");
        String fence = "`".repeat(longestBacktickRun(line) + 1);
        String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
        return fence + pad + line + pad + fence;
    }

    /** A fenced code block holding the text as it is: no line of it can close the fence. */
    public static String codeBlock(String text) {
        String body = printable(text);
        String fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
        return fence + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /**
     * A CSV field: a value a spreadsheet would run as a formula (starting with {@code = + - @}, a tab
     * or a carriage return) is prefixed with a quote mark; line breaks become spaces; quoted when it
     * holds a comma or a quote.
     */
    public static String csv(String text) {
        String flat = printable(text).replace("\r", " ").replace("\n", " ");
        if (!flat.isEmpty() && "=+-@\t".indexOf(flat.charAt(0)) >= 0) {
            flat = "'" + flat;
        }
        return flat.contains(",") || flat.contains("\"") ? "\"" + flat.replace("\"", "\"\"") + "\"" : flat;
    }

    /**
     * Text for a log that GitHub's runner reads line by line (a CR ends a line there too): no line of
     * it is a workflow command. The runner takes a line as one when it starts with {@code ::} after
     * any white space, or holds {@code ##[} anywhere (the old form); such a line gets a {@code > } in
     * front, and {@code ##[} a space. Control characters go, as everywhere.
     */
    public static String console(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : printable(text).split("\r\n|\r|\n", -1)) {
            String kept = line.replace("##[", "# #[");
            int start = 0;
            while (start < kept.length() && (Character.isWhitespace(kept.charAt(start))
                    || Character.isSpaceChar(kept.charAt(start)))) {
                start++;
            }
            out.append(kept.startsWith("::", start) ? "> " : "").append(kept).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** GitHub's escaping for a workflow command's message: %, CR and LF. */
    public static String workflowData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** GitHub's escaping for a workflow command's property (file, title): also : and ,. */
    public static String workflowProperty(String text) {
        return workflowData(text).replace(":", "%3A").replace(",", "%2C");
    }

    /** The text without control characters (an ANSI escape, a NUL), tabs and line breaks kept. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c)) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static int longestBacktickRun(String text) {
        Matcher runs = BACKTICKS.matcher(text);
        int longest = 0;
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        return longest;
    }
}
