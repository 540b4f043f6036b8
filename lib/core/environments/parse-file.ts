/**
 * Reads the text of one config file into plain data. YAML 1.2 (JSON is YAML too) with duplicate
 * keys refused and aliases limited, every problem with its line and column, and no exception for
 * any input: a crafted file cannot crash synth or make it expand an alias bomb.
 */
import { isAlias, LineCounter, parseDocument, visit } from 'yaml';

export interface TextProblem {
  readonly path: string;
  readonly message: string;
}

/** A config file needs few aliases; a handful of nested ones can already expand to gigabytes. */
export const MAX_ALIASES = 10;

export function readConfigText(text: string): { raw: unknown } | { problems: TextProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return '';
    const { line, col } = lineCounter.linePos(offset);
    return ` at line ${line}, column ${col}`;
  };
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        path: '',
        message: `not valid YAML/JSON${at(e.pos[0])}: ${explain(e.code, e.message)}`,
      })),
    };
  }
  let aliases = 0;
  let tooMany: number | undefined;
  visit(doc, (_key, node) => {
    if (!isAlias(node)) return undefined;
    aliases++;
    if (aliases > MAX_ALIASES) {
      tooMany = node.range?.[0];
      return visit.BREAK;
    }
    return undefined;
  });
  if (aliases > MAX_ALIASES) {
    return {
      problems: [
        {
          path: '',
          message: `more than ${MAX_ALIASES} YAML aliases (*name)${at(tooMany)}: write the values out; many aliases can expand a small file without limit`,
        },
      ],
    };
  }
  try {
    return { raw: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    return {
      problems: [{ path: '', message: `cannot read the YAML: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
}

function explain(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'TAB_AS_INDENT') return 'YAML indents with spaces, not tabs';
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping; keep one';
  return first;
}

/** A value as the config wrote it, short enough for a one-line message. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}... (${text.length} characters)` : text;
}
