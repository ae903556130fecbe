/** Report builders: content, escaping of user text, and no external references in the HTML. */
import { describe, expect, it } from 'vitest';
import {
  buildHtmlReport,
  buildJsonReport,
  buildMarkdownReport,
  escapeHtml,
  escapeMarkdownCell,
  isSafeInlineSvg,
  type ReportData,
} from '../../../../src/core/report';

const EVIL = '<img src=x onerror="alert(1)">&\'';

function data(overrides: Partial<ReportData> = {}): ReportData {
  return {
    lang: 'en',
    title: 'Fitlab report: Iris',
    generatedAt: '2026-01-02T03:04:05.000Z',
    headings: {
      dataset: 'Dataset',
      preparation: 'Preparation',
      model: 'Model',
      training: 'Training',
      curves: 'Training curves',
      metrics: 'Test metrics',
      confusion: 'Confusion matrix',
      classificationReport: 'Classification report',
      charts: 'Charts',
      modelCard: 'Model card',
      intendedUse: 'Intended use',
      limitations: 'Limitations',
      dataDescription: 'Data description',
      metric: 'Metric',
      value: 'Value',
      generated: 'Generated',
      empty: 'Not provided',
    },
    dataset: [
      { label: 'Name', value: 'Iris' },
      { label: 'Rows', value: 150 },
    ],
    preparation: [{ label: 'Features', value: 4 }],
    model: [{ label: 'Hidden layers', value: '16, 8' }],
    training: [{ label: 'Epochs run', value: 30 }],
    curves: {
      columns: ['Epoch', 'Train loss', 'Val loss'],
      rows: [
        [1, 1.0986, 1.05],
        [2, 0.8, 0.79],
      ],
    },
    metrics: [
      { label: 'Accuracy', value: 0.9666666 },
      { label: 'Log loss', value: Number.NaN },
    ],
    confusion: {
      columns: ['', 'a', 'b'],
      rows: [
        ['a', 5, 1],
        ['b', 0, 4],
      ],
    },
    classificationReport: '   precision\n',
    card: { intendedUse: EVIL, limitations: '', dataDescription: '# Heading\n- item' },
    raw: { accuracy: 0.9666666, logLoss: Number.NaN },
    ...overrides,
  };
}

const chart = (svg: string) => ({ title: 'ROC <curves>', svg });
const SVG =
  '<svg role="img" aria-label="ROC" viewBox="0 0 10 10"><path d="M0 0L10 10"></path></svg>';

describe('escapeHtml', () => {
  it('escapes the five HTML specials and nothing else', () => {
    expect(escapeHtml(`a<b>&"'c 中文`)).toBe('a&lt;b&gt;&amp;&quot;&#39;c 中文');
  });

  it('keeps Markdown table cells in their cell', () => {
    expect(escapeMarkdownCell('a|b\nc')).toBe('a\\|b c');
  });
});

describe('buildHtmlReport', () => {
  const html = buildHtmlReport(data(), [chart(SVG)]);

  it('is one HTML document with every section, the metrics and the chart inline', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    for (const heading of ['Dataset', 'Preparation', 'Model', 'Training', 'Training curves']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('<th scope="row">Accuracy</th><td class="num">0.9667</td>');
    expect(html).toContain('<td class="num">—</td>');
    expect(html).toContain(SVG);
    expect(html).toContain('<figcaption>ROC &lt;curves&gt;</figcaption>');
    expect(html).toContain('<h3>Intended use</h3>');
  });

  it('escapes user text, so the report has no tag or handler from it', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    const titled = buildHtmlReport(data({ title: '</title><script>x</script>' }));
    expect(titled).not.toContain('<script');
  });

  it('makes no external request: no http, no src=, no href, a CSP that forbids fetching', () => {
    // Inside tags only: the escaped user text above may spell "src=" as harmless text.
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(html).toContain("default-src 'none'");
  });

  it('drops an SVG that could run code or fetch anything', () => {
    for (const bad of [
      '<svg><script>alert(1)</script></svg>',
      '<svg><image href="https://x.test/a.png"/></svg>',
      '<svg onload="x()"></svg>',
      '<svg><rect style="fill:url(https://x.test)"/></svg>',
      '<div></div>',
    ]) {
      expect(isSafeInlineSvg(bad), bad).toBe(false);
      expect(buildHtmlReport(data(), [chart(bad)])).not.toContain(bad);
    }
    expect(isSafeInlineSvg('<svg><path fill="url(#g)"/></svg>')).toBe(true);
  });

  it('says when a model-card field was left empty', () => {
    expect(html).toMatch(/<h3>Limitations<\/h3>\n<p class="muted">Not provided<\/p>/);
  });
});

describe('buildMarkdownReport', () => {
  const md = buildMarkdownReport(data());

  it('has the sections, tables and the classification report in a code block', () => {
    expect(md.startsWith('# Fitlab report: Iris\n')).toBe(true);
    expect(md).toContain('## Test metrics');
    expect(md).toContain('| Accuracy | 0.9667 |');
    expect(md).toContain(
      '| Epoch | Train loss | Val loss |\n| --- | --- | --- |\n| 1 | 1.0986 | 1.05 |',
    );
    expect(md).toContain('| a | 5 | 1 |');
    expect(md).toContain('```text\n   precision\n```');
  });

  it('keeps user text from restructuring the document', () => {
    expect(md).toContain('\\# Heading\n\\- item');
    expect(md).toContain('_Not provided_');
  });
});

describe('buildJsonReport', () => {
  it('round-trips the labelled data, with NaN as null', () => {
    const parsed = JSON.parse(buildJsonReport(data())) as Record<string, unknown>;
    expect(parsed.format).toBe('fitlab-report');
    expect(parsed.version).toBe(1);
    expect(parsed.title).toBe('Fitlab report: Iris');
    expect(parsed.raw).toEqual({ accuracy: 0.9666666, logLoss: null });
    expect((parsed.card as { intendedUse: string }).intendedUse).toBe(EVIL);
  });
});
