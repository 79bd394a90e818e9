/**
 * Checklist guidance is plain text (the guides' own words, custom items typed into a form) in which code is
 * marked three ways: `backticks` inline, ``` fenced blocks, and runs of lines indented by two spaces or more
 * (the guides' command and config snippets). `guidanceMarkdown` turns it into Markdown for the one Markdown
 * renderer (components/ui/markdown.tsx, raw HTML dropped) so that code shows as code and everything else
 * reads exactly as written: other Markdown punctuation is escaped (a `<data_dir>` is not an HTML tag, an
 * `_REQ_` is not emphasis, a "# comment" is not a heading) and line breaks are kept. A run of indented
 * numbered lines ("  1. Local disk") is a numbered list.
 */

const INDENTED = /^(?: {2,}|\t)\S/;
const FENCE = /^\s*(`{3,}|~{3,})/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(\S.*)$/;
/** ASCII punctuation but the backtick: CommonMark lets a backslash escape any of it. */
const PUNCTUATION = /[!-/:-@[-_{-~]/;

export function guidanceMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    // A backslash at the end of a line is a hard line break: the author's breaks stay.
    if (paragraph.length) blocks.push(paragraph.join("\\\n"));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const closes = (l: string) => l.trim().startsWith(marker) && /^(`+|~+)$/.test(l.trim());
      const body: string[] = [];
      for (i++; i < lines.length && !closes(lines[i]!); i++) body.push(lines[i]!);
      i++; // the closing fence, or past the end: an unclosed fence runs to the end, as in Markdown
      blocks.push([line.trimStart(), ...body, marker].join("\n"));
      continue;
    }
    if (INDENTED.test(line)) {
      flush();
      const run: string[] = [];
      for (; i < lines.length && INDENTED.test(lines[i]!); i++) run.push(lines[i]!);
      blocks.push(run.every((l) => NUMBERED.test(l)) ? numberedList(run) : codeBlock(run));
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(escapeProse(line.trim()));
    i++;
  }
  flush();
  return blocks.join("\n\n");
}

function numberedList(run: string[]): string {
  return run
    .map((l) => {
      const [, n, rest] = NUMBERED.exec(l)!;
      return `${n}. ${escapeProse(rest!)}`;
    })
    .join("\n");
}

function codeBlock(run: string[]): string {
  const indent = Math.min(...run.map((l) => /^[ \t]*/.exec(l)![0].length));
  const body = run.map((l) => l.slice(indent));
  // A fence longer than any run of backticks inside, so the block cannot end early.
  const longest = Math.max(2, ...body.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(longest + 1);
  return [fence, ...body, fence].join("\n");
}

/** Escapes Markdown punctuation outside code spans; a code span (`…`, ``…``) stays as written. */
function escapeProse(line: string): string {
  let out = "";
  for (let i = 0; i < line.length; ) {
    if (line[i] === "`") {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = closingRun(line, i + run.length, run.length);
      if (close >= 0) {
        out += line.slice(i, close + run.length);
        i = close + run.length;
      } else {
        out += run.replace(/`/g, "\\`");
        i += run.length;
      }
      continue;
    }
    const ch = line[i]!;
    out += PUNCTUATION.test(ch) ? `\\${ch}` : ch;
    i++;
  }
  return out;
}

/** Where the next run of exactly `length` backticks starts at or after `from`, or -1. */
function closingRun(line: string, from: number, length: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) if (m[0].length === length) return m.index;
  return -1;
}
