/**
 * Report builders: Markdown, JSON and one self-contained HTML file (inline CSS, charts inline
 * as SVG, no scripts, no external references). Numbers print with up to 4 decimals.
 */
import { escapeHtml, escapeMarkdownCell } from './escape';
import type { ReportChart, ReportData, ReportField, ReportTable } from './types';

export const REPORT_FORMAT_VERSION = 1;

function text(value: string | number): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

// ---- Markdown ----

function markdownTable(table: ReportTable): string {
  const cell = (v: string | number) => escapeMarkdownCell(text(v));
  return [
    `| ${table.columns.map(cell).join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

function markdownFields(data: ReportData, fields: ReportField[]): string {
  if (fields.length === 0) return data.headings.empty;
  return markdownTable({
    columns: [data.headings.metric, data.headings.value],
    rows: fields.map((f) => [f.label, f.value]),
  });
}

/** Free text as Markdown paragraphs; a leading `#` or list marker would restructure the file. */
function markdownText(value: string, empty: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return `_${empty}_`;
  return trimmed.replace(/^([#>*+-]|\d+\.)/gm, '\\$1');
}

export function buildMarkdownReport(data: ReportData): string {
  const h = data.headings;
  const parts = [
    `# ${markdownText(data.title, h.empty)}`,
    `${h.generated}: ${data.generatedAt}`,
    `## ${h.dataset}`,
    markdownFields(data, data.dataset),
    `## ${h.preparation}`,
    markdownFields(data, data.preparation),
    `## ${h.model}`,
    markdownFields(data, data.model),
    `## ${h.training}`,
    markdownFields(data, data.training),
    `## ${h.curves}`,
    data.curves.rows.length > 0 ? markdownTable(data.curves) : h.empty,
    `## ${h.metrics}`,
    markdownFields(data, data.metrics),
  ];
  if (data.confusion) parts.push(`## ${h.confusion}`, markdownTable(data.confusion));
  if (data.classificationReport) {
    const report = data.classificationReport.trimEnd();
    parts.push(`## ${h.classificationReport}`, `\`\`\`text\n${report}\n\`\`\``);
  }
  parts.push(
    `## ${h.modelCard}`,
    `### ${h.intendedUse}`,
    markdownText(data.card.intendedUse, h.empty),
    `### ${h.limitations}`,
    markdownText(data.card.limitations, h.empty),
    `### ${h.dataDescription}`,
    markdownText(data.card.dataDescription, h.empty),
  );
  return `${parts.join('\n\n')}\n`;
}

// ---- JSON ----

/** Machine-readable: labelled values plus the raw evaluation; NaN and ±Infinity become null. */
export function buildJsonReport(data: ReportData): string {
  return `${JSON.stringify({ format: 'fitlab-report', version: REPORT_FORMAT_VERSION, ...data }, null, 2)}\n`;
}

// ---- HTML ----

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
td.num{text-align:right}th{background:#f6f8fa}
figure{margin:1rem 0}figcaption{font-weight:600}
svg{max-width:100%;height:auto;overflow:visible}svg text{font:12px sans-serif;fill:#1b1f24}
svg .grid{stroke:#e6e9ed}svg .domain,svg .tick-mark,svg .diagonal{stroke:#8c959f}
svg .diagonal{stroke-dasharray:4 4}svg .tick{fill:#57606a}
pre{background:#f6f8fa;padding:.75rem;overflow-x:auto}.muted{color:#57606a}
p.card{white-space:pre-wrap}
`;

function htmlTable(table: ReportTable, caption?: string): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = row.map((v, i) =>
        i === 0
          ? `<th scope="row">${escapeHtml(text(v))}</th>`
          : `<td${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(text(v))}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<table>${cap}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function htmlFields(data: ReportData, fields: ReportField[], caption: string): string {
  if (fields.length === 0) return `<p class="muted">${escapeHtml(data.headings.empty)}</p>`;
  return htmlTable(
    {
      columns: [data.headings.metric, data.headings.value],
      rows: fields.map((f) => [f.label, f.value]),
    },
    caption,
  );
}

function htmlText(value: string, empty: string): string {
  const trimmed = value.trim();
  return trimmed === ''
    ? `<p class="muted">${escapeHtml(empty)}</p>`
    : `<p class="card">${escapeHtml(trimmed)}</p>`;
}

/**
 * Keeps an SVG only if it is an `<svg>` element with no script, no event handler and no
 * reference outside the document; anything else is dropped, so the report can never fetch.
 */
export function isSafeInlineSvg(svg: string): boolean {
  const trimmed = svg.trim();
  if (!/^<svg[\s>]/i.test(trimmed) || !/<\/svg>$/i.test(trimmed)) return false;
  if (/<(script|foreignObject|image|use|iframe|a)\b/i.test(trimmed)) return false;
  if (/\son[a-z]+\s*=/i.test(trimmed)) return false;
  if (/(href|src)\s*=/i.test(trimmed)) return false;
  if (/url\(\s*['"]?(?!#)/i.test(trimmed)) return false;
  return true;
}

export function buildHtmlReport(data: ReportData, charts: ReportChart[] = []): string {
  const h = data.headings;
  const section = (heading: string, body: string) =>
    `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
  const figures = charts
    .filter((c) => isSafeInlineSvg(c.svg))
    .map((c) => `<figure><figcaption>${escapeHtml(c.title)}</figcaption>\n${c.svg}\n</figure>`)
    .join('\n');
  const sections = [
    section(h.dataset, htmlFields(data, data.dataset, h.dataset)),
    section(h.preparation, htmlFields(data, data.preparation, h.preparation)),
    section(h.model, htmlFields(data, data.model, h.model)),
    section(h.training, htmlFields(data, data.training, h.training)),
    section(h.metrics, htmlFields(data, data.metrics, h.metrics)),
  ];
  if (data.confusion) sections.push(section(h.confusion, htmlTable(data.confusion, h.confusion)));
  if (data.classificationReport) {
    sections.push(
      section(h.classificationReport, `<pre>${escapeHtml(data.classificationReport)}</pre>`),
    );
  }
  if (figures) sections.push(section(h.charts, figures));
  sections.push(
    section(
      h.curves,
      data.curves.rows.length > 0
        ? htmlTable(data.curves, h.curves)
        : `<p class="muted">${escapeHtml(h.empty)}</p>`,
    ),
    section(
      h.modelCard,
      [
        `<h3>${escapeHtml(h.intendedUse)}</h3>`,
        htmlText(data.card.intendedUse, h.empty),
        `<h3>${escapeHtml(h.limitations)}</h3>`,
        htmlText(data.card.limitations, h.empty),
        `<h3>${escapeHtml(h.dataDescription)}</h3>`,
        htmlText(data.card.dataDescription, h.empty),
      ].join('\n'),
    ),
  );
  return `<!doctype html>
<html lang="${escapeHtml(data.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="muted">${escapeHtml(h.generated)}: ${escapeHtml(data.generatedAt)}</p>
${sections.join('\n')}
</body>
</html>
`;
}
