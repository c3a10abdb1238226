/**
 * Splits `---`-fenced front matter (one `key: value` per line, values optionally quoted) from
 * a Markdown body. Deliberately small: content files need nothing more, and a strict format
 * gives clear errors.
 */
export function parseFrontMatter(text: string): { data: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new Error("the file must start with front matter between two --- lines");
  const data: Record<string, string> = {};
  for (const [index, line] of (match[1] ?? "").split(/\r?\n/).entries()) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const pair = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (!pair?.[1]) throw new Error(`front matter line ${index + 2} is not "key: value": ${line}`);
    let value = pair[2] ?? "";
    if (/^".*"$/.test(value)) value = JSON.parse(value) as string;
    if (pair[1] in data) throw new Error(`front matter repeats "${pair[1]}"`);
    data[pair[1]] = value;
  }
  return { data, body: match[2] ?? "" };
}
