/**
 * Text that cannot forge a chat message: every string from AWS, events or config is cleaned of
 * control characters, escaped for Slack mrkdwn, and cut at a grapheme boundary so that a cut never
 * leaves half an emoji (a lone surrogate) or half an escape (`&am`).
 */

/** Block Kit limits (docs.slack.dev, quoted in test/lambdas/notifier/render.test.ts). */
export const SLACK_LIMITS = {
  /** Section block `text`: "Maximum length for the text in this field is 3000 characters." */
  sectionText: 3000,
  /** Section block `fields`: "Maximum number of items is 10. Maximum length for the text in each item is 2000 characters." */
  fieldText: 2000,
  fields: 10,
  /** Header block: "Maximum length for the text in this field is 150 characters." */
  headerText: 150,
  /** "You can include up to 50 blocks in each message." */
  blocks: 50,
  /**
   * All block text together. Slack rejects long messages with `msg_blocks_too_long` below any
   * documented limit (about 13,000 characters, slackapi/bolt-js#2509), so we stay well under it.
   */
  totalText: 12_000,
} as const;

const ELLIPSIS = '…';
const GRAPHEME_MARGIN = 64;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Control characters (other than tab and newline) render as nothing useful and bloat JSON. */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\p{Cs}/gu, '\ufffd');
}

/** Slack's three control characters as entities ("You shouldn't HTML entity-encode the entire text"). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The longest prefix of `text` whose rendering (`render` of each grapheme) fits in `max` UTF-16
 * units, with an ellipsis when something was cut. Counting UTF-16 units is the strictest reading
 * of "characters": never more than code points or graphemes.
 */
export function cutToFit(text: string, max: number, render: (s: string) => string = (s) => s): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  if (max < ELLIPSIS.length) return '';
  let out = '';
  // Nothing past `max` units can fit, and V8 segments a long string slowly: look at a prefix only.
  // The margin lets the grapheme ending near `max` be seen whole.
  for (const { segment } of segmenter.segment(text.slice(0, max + GRAPHEME_MARGIN))) {
    const next = render(segment);
    if (out.length + next.length + ELLIPSIS.length > max) break;
    out += next;
  }
  return out + ELLIPSIS;
}

/** Escaped for mrkdwn and cut to `max` after escaping, never inside an entity or a grapheme. */
export function fitMrkdwn(text: string, max: number): string {
  return cutToFit(clean(text), max, escapeMrkdwn);
}

/** Plain text (header blocks, JSON): cleaned and cut, not escaped. */
export function fitPlain(text: string, max: number): string {
  return cutToFit(clean(text), max);
}

/**
 * A link Slack can show as `<url|label>`: https only, and nothing that ends the URL part early
 * (`|`, `>`) or starts another (`<`), no whitespace or control characters. Anything else is no link.
 */
export function safeHttpsUrl(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL with control characters is refused
  if (/[|<>\s\u0000-\u001f\u007f]/.test(url) || url.length > SLACK_LIMITS.sectionText) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
