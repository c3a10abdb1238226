/**
 * Progress for long work: a redrawn bar on a terminal, a few plain lines otherwise (CI logs,
 * pipes), so neither fills a log with carriage returns nor leaves a terminal silent.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr) {
  let lastLabel = "";
  let lastQuarter = -1;
  return (label: string, done: number, total: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(
        `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`,
      );
      if (done >= total) stream.write("\n");
      return;
    }
    if (label !== lastLabel) {
      lastLabel = label;
      lastQuarter = -1;
    }
    const quarter = Math.floor(ratio * 4);
    if (quarter !== lastQuarter) {
      lastQuarter = quarter;
      stream.write(`${label}: ${done}/${total}\n`);
    }
  };
}
