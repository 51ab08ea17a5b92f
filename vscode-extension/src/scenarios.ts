/** Where scenarios and platforms are declared in a document's text (`scenario NAME on PLATFORM {`, `platform NAME`). */

const SCENARIO = /^\s*scenario\s+([A-Za-z_][\w.-]*)\s+on\s+([A-Za-z_][\w.-]*)/;
const PLATFORM = /^\s*platform\s+([A-Za-z_][\w.-]*)/;

export interface Declaration {
  name: string;
  line: number;
  /** For a scenario, the platform it runs on. */
  platform?: string;
}

function declarations(lines: string[], pattern: RegExp): Declaration[] {
  const found: Declaration[] = [];
  lines.forEach((text, line) => {
    const match = pattern.exec(text);
    if (match) {
      found.push({ name: match[1], line, platform: match[2] });
    }
  });
  return found;
}

export function scenarios(text: string): Declaration[] {
  return declarations(text.split(/\r?\n/), SCENARIO);
}

/** The declaration that starts on or last before the line: the block a cursor is in (blocks do not nest). */
function enclosing(found: Declaration[], line: number): Declaration | undefined {
  return found.filter(d => d.line <= line).pop();
}

export function scenarioAt(text: string, line: number): Declaration | undefined {
  return enclosing(scenarios(text), line);
}

/**
 * The platform the cursor is about: the platform block it is in, or the platform of the scenario it is in, else
 * the document's first platform, else the first scenario's (imported) platform.
 */
export function platformAt(text: string, line: number): string | undefined {
  const lines = text.split(/\r?\n/);
  const blocks = [...declarations(lines, PLATFORM), ...declarations(lines, SCENARIO)
    .map(s => ({ name: s.platform!, line: s.line }))].sort((a, b) => a.line - b.line);
  return (enclosing(blocks, line) ?? blocks[0])?.name;
}
