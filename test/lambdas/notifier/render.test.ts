/** The renderers and text helpers on their own: exact output for small messages, limits for big ones. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../lambdas/notifier/format';
import { JSON_MAX_CHARACTERS, renderJson, renderSlack } from '../../../lambdas/notifier/render';
import {
  clean,
  cutToFit,
  escapeMrkdwn,
  fitMrkdwn,
  fitPlain,
  SLACK_LIMITS,
  safeHttpsUrl,
} from '../../../lambdas/notifier/text';

const small: ChatMessage = {
  severity: 'P2',
  headline: ':red_circle: [P2] ALARM: a & b',
  fields: [['Since', '<now>']],
  sections: [{ title: 'Why', lines: ['one', 'two'] }],
  link: { label: 'Dashboard', url: 'https://example.com/d?a=1&b=2' },
};

describe('text helpers', () => {
  it('clean drops control characters but keeps tabs and line breaks, and mends lone surrogates', () => {
    expect(clean('a\u0000b\u0007c\td\ne\u001bf\u007fg\u000bh')).toBe('abc\td\nefgh');
    expect(clean('x\ud83dy')).toBe('x\ufffdy');
    expect(clean('😀')).toBe('😀');
  });

  it('escapeMrkdwn turns exactly &, < and > into entities', () => {
    expect(escapeMrkdwn('<a href="x">&amp;</a>')).toBe('&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;');
  });

  it('cutToFit keeps what fits, cuts with an ellipsis inside the limit, and measures after rendering', () => {
    expect(cutToFit('abcdef', 6)).toBe('abcdef');
    expect(cutToFit('abcdefg', 6)).toBe('abcde…');
    expect(cutToFit('abcdefg', 1)).toBe('…');
    expect(cutToFit('abcdefg', 0)).toBe('');
    expect(cutToFit('a&b&c', 9, escapeMrkdwn)).toBe('a&amp;b…');
    expect(cutToFit('a&b', 7, escapeMrkdwn)).toBe('a&amp;b');
    expect(fitMrkdwn('<<<<', 9)).toBe('&lt;&lt;…');
    expect(fitPlain('<<<<\u0000', 4)).toBe('<<<<');
    expect(cutToFit('😀😀😀', 5)).toBe('😀😀…');
    expect(cutToFit('😀😀😀', 4)).toBe('😀…');
    // A family emoji is 8 UTF-16 units and one grapheme: it goes whole or not at all.
    expect(cutToFit('👨‍👩‍👧xx', 9)).toBe('👨‍👩‍👧…');
    expect(cutToFit('👨‍👩‍👧xx', 8)).toBe('…');
  });

  it('a link must be a plain https URL', () => {
    expect(safeHttpsUrl('https://console.aws.amazon.com/ce#/x?y=1')).toBe(
      'https://console.aws.amazon.com/ce#/x?y=1',
    );
    for (const bad of [
      'http://example.com',
      'javascript:alert(1)',
      'https://a.example/|x',
      'https://a.example/>x',
      'https://a.example/<x',
      'https://a.example/ x',
      'https://a.example/\u0001',
      'not a url',
      `https://a.example/${'x'.repeat(3000)}`,
    ])
      expect(safeHttpsUrl(bad)).toBeUndefined();
    expect(safeHttpsUrl(`https://a.example/${'x'.repeat(2980)}`)).toBeDefined();
  });
});

describe('renderSlack', () => {
  it('a small message: header, fields, sections and the link, escaped where Slack parses text', () => {
    expect(renderSlack(small)).toEqual({
      text: ':red_circle: [P2] ALARM: a &amp; b',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: ':red_circle: [P2] ALARM: a & b', emoji: true } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Since*\n&lt;now&gt;' }] },
        { type: 'section', text: { type: 'mrkdwn', text: '*Why*\none\ntwo' } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: '<https://example.com/d?a=1&amp;b=2|Dashboard>' }],
        },
      ],
    });
  });

  it('no fields, no link: no fields block and no context block', () => {
    const out = renderSlack({ severity: 'P3', headline: 'h', fields: [], sections: [] });
    expect(out).toEqual({
      text: 'h',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h', emoji: true } }],
    });
  });

  it('an unsafe link becomes a field saying so', () => {
    const out = renderSlack({ ...small, link: { label: 'Details', url: 'https://x.example/|y' } });
    expect(out.blocks).toContainEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Since*\n&lt;now&gt;' },
        { type: 'mrkdwn', text: '*Details*\nlink withheld: not a plain https URL' },
      ],
    });
    expect(JSON.stringify(out)).not.toContain('context');
  });

  it('at most 10 fields, each at most 2,000 characters with its label', () => {
    const fields = Array.from({ length: 12 }, (_, i) => [`f${i}`, 'v'.repeat(5000)] as const);
    const out = renderSlack({ ...small, fields });
    const block = (out.blocks as { fields?: { text: string }[] }[])[1];
    expect(block?.fields).toHaveLength(SLACK_LIMITS.fields);
    expect(block?.fields?.[0]?.text).toHaveLength(SLACK_LIMITS.fieldText);
    expect(block?.fields?.[0]?.text.startsWith('*f0*\nvvv')).toBe(true);
    expect(block?.fields?.[9]?.text.startsWith('*f9*\n')).toBe(true);
  });

  it('sections share 50 blocks and 12,000 characters; the link is kept', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ title: `s${i}`, lines: ['l'.repeat(100)] }));
    const blocks = renderSlack({ ...small, sections: many }).blocks as { type: string }[];
    expect(blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(blocks.at(-1)?.type).toBe('context');
    const big = Array.from({ length: 6 }, (_, i) => ({ title: `s${i}`, lines: ['l'.repeat(5000)] }));
    const texts = (renderSlack({ ...small, sections: big }).blocks as { text?: { text: string } }[]).flatMap(
      (b) => (b.text?.text ? [b.text.text] : []),
    );
    // The header (30) and the field (19) leave 11,951: three full sections and a fourth cut to the rest.
    expect(texts.map((t) => t.length)).toEqual([30, 3000, 3000, 3000, 12_000 - 30 - 19 - 9000]);
    expect(texts.reduce((n, t) => n + t.length, 0) + 19).toBe(SLACK_LIMITS.totalText);
  });

  it('a section is cut to what is left, and left out rather than cut to almost nothing', () => {
    const sectionTexts = (d: number) => {
      const sections = [
        ...['a', 'b', 'c'].map((title) => ({ title, lines: ['x'.repeat(2996)] })),
        { title: 'd', lines: ['x'.repeat(d)] },
        { title: 'e', lines: ['y'] },
      ];
      const out = renderSlack({ severity: 'P1', headline: 'h', fields: [], sections });
      return (out.blocks as { text: { text: string } }[]).slice(1).map((b) => b.text.text);
    };
    // 12,000 - 1 (header) - 3 × 3,000 leaves 2,999 for "d".
    const cut = sectionTexts(2996);
    expect(cut.map((t) => t.length)).toEqual([3000, 3000, 3000, 2999]);
    expect(cut[3]?.endsWith('x…')).toBe(true);
    expect(sectionTexts(2960)).toHaveLength(4); // 35 characters left: "e" is not shown
    expect(sectionTexts(2900).at(-1)).toBe('*e*\ny'); // 95 left: it is
  });

  it('a long headline is cut to 150 in the header and in the notification text', () => {
    const out = renderSlack({ ...small, headline: `<${'h'.repeat(400)}` });
    const header = (out.blocks as { text: { text: string } }[])[0]?.text.text;
    expect(header).toHaveLength(SLACK_LIMITS.headerText);
    expect(String(out.text)).toHaveLength(SLACK_LIMITS.headerText);
    expect(String(out.text).startsWith('&lt;hhh')).toBe(true);
  });
});

describe('renderJson', () => {
  it('a small message: plain text, fields as an object, lines as a list, the link if safe', () => {
    expect(renderJson(small)).toEqual({
      severity: 'P2',
      headline: ':red_circle: [P2] ALARM: a & b',
      fields: { Since: '<now>' },
      sections: [{ title: 'Why', lines: ['one', 'two'] }],
      link: { label: 'Dashboard', url: 'https://example.com/d?a=1&b=2' },
    });
    expect(renderJson({ ...small, link: { label: 'x', url: 'http://x' } })).toMatchObject({
      link: null,
      fields: { Since: '<now>', x: 'link withheld: not a plain https URL' },
    });
  });

  it('stays within its stated maximum, cutting the longest texts first', () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({ title: `s${i}`, lines: ['"'.repeat(4000)] }));
    const out = renderJson({ ...small, fields: [['f', '\\'.repeat(4000)]], sections });
    const size = JSON.stringify(out).length;
    expect(size).toBeLessThanOrEqual(JSON_MAX_CHARACTERS);
    expect(size).toBeGreaterThan(JSON_MAX_CHARACTERS * 0.75);
    expect((out.sections as unknown[]).length).toBe(SLACK_LIMITS.blocks - 3);
    const small2 = renderJson({ ...small, sections: [{ title: 't', lines: ['"'.repeat(2000)] }] });
    expect((small2.sections as { lines: string[] }[])[0]?.lines[0]).toHaveLength(2000);
  });
});
