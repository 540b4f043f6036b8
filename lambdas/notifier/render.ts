/**
 * Renders a chat message for Slack (Block Kit) or as generic JSON. Every string is cleaned and
 * bounded here; for Slack it is also escaped, and links must be plain https URLs.
 */
import type { ChatMessage } from './format';
import { fitMrkdwn, fitPlain, SLACK_LIMITS, safeHttpsUrl } from './text';

/**
 * The `json` format's stated maximum: Slack's per-item limits (its consumers are often bridges
 * into a chat), plain unescaped text, and at most this many characters of JSON in all.
 */
export const JSON_MAX_CHARACTERS = 16_000;
/** Labels and section titles are ours or short; bound them anyway. */
const LABEL_MAX = 100;
/** A section cut to less than this says nothing; stop adding sections instead. */
const SECTION_MIN = 40;
export const LINK_WITHHELD = 'link withheld: not a plain https URL';

export function renderSlack(m: ChatMessage): Record<string, unknown> {
  const header = fitPlain(m.headline, SLACK_LIMITS.headerText);
  // plain_text is not parsed for mentions or links, so the header needs no escaping.
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
  ];
  let budget = SLACK_LIMITS.totalText - header.length;
  const fields = fieldsOf(m).map(([k, v]) => {
    const label = `*${fitMrkdwn(k, LABEL_MAX)}*\n`;
    const text = label + fitMrkdwn(v, SLACK_LIMITS.fieldText - label.length);
    budget -= text.length;
    return { type: 'mrkdwn', text };
  });
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  const link = linkOf(m);
  // Header, fields and the link are always kept; the sections share the blocks and text left.
  const room = SLACK_LIMITS.blocks - blocks.length - (link ? 1 : 0);
  for (const s of m.sections.slice(0, room)) {
    const max = Math.min(SLACK_LIMITS.sectionText, budget);
    if (max < SECTION_MIN) break;
    const title = `*${fitMrkdwn(s.title, LABEL_MAX)}*\n`;
    const text = title + fitMrkdwn(s.lines.join('\n'), max - title.length);
    budget -= text.length;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  if (link) {
    const label = fitMrkdwn(link.label, LABEL_MAX);
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${link.url.replace(/&/g, '&amp;')}|${label}>` }],
    });
  }
  // `text` is the notification and screen-reader line; it is parsed as mrkdwn, so escaped.
  return { text: fitMrkdwn(m.headline, SLACK_LIMITS.headerText), blocks };
}

interface JsonItem {
  key: string;
  value: string;
}

export function renderJson(m: ChatMessage): Record<string, unknown> {
  const fields: JsonItem[] = fieldsOf(m).map(([k, v]) => ({
    key: fitPlain(k, LABEL_MAX),
    value: fitPlain(v, SLACK_LIMITS.fieldText),
  }));
  const sections: JsonItem[] = m.sections.slice(0, SLACK_LIMITS.blocks - 3).map((s) => ({
    key: fitPlain(s.title, LABEL_MAX),
    value: fitPlain(s.lines.join('\n'), SLACK_LIMITS.sectionText),
  }));
  const link = linkOf(m);
  const shape = () => ({
    severity: m.severity,
    headline: fitPlain(m.headline, SLACK_LIMITS.headerText),
    fields: Object.fromEntries(fields.map((f) => [f.key, f.value])),
    sections: sections.map((s) => ({ title: s.key, lines: s.value.split('\n') })),
    link: link ? { label: fitPlain(link.label, LABEL_MAX), url: link.url } : null,
  });
  // Over the stated maximum (quotes and line breaks grow in JSON): halve the longest text until it fits.
  let body = shape();
  while (JSON.stringify(body).length > JSON_MAX_CHARACTERS) {
    const longest = [...fields, ...sections].reduce((a, b) => (b.value.length > a.value.length ? b : a));
    if (longest.value.length < 2) break;
    longest.value = fitPlain(longest.value, Math.floor(longest.value.length / 2));
    body = shape();
  }
  return body;
}

/** The message's fields, with a withheld link said in a field rather than dropped silently. */
function fieldsOf(m: ChatMessage): (readonly [string, string])[] {
  const withheld = m.link && !safeHttpsUrl(m.link.url) ? [[m.link.label, LINK_WITHHELD] as const] : [];
  return [...m.fields, ...withheld].slice(0, SLACK_LIMITS.fields);
}

function linkOf(m: ChatMessage): { label: string; url: string } | undefined {
  const url = m.link ? safeHttpsUrl(m.link.url) : undefined;
  return m.link && url ? { label: m.link.label, url } : undefined;
}
