/**
 * The lineage row of a fine-tuned run: the registered run it started from, the layers it kept
 * frozen, and whether its output head was new (the label sets differ) or the source's. Values
 * are plain text, never HTML.
 */
import { headPlan } from '../../core/network/transfer';
import type { RunDetail, RunSummary } from '../../state/RunHistory.svelte';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export function transferRows(
  run: RunSummary,
  detail: RunDetail | null,
  t: Translate,
): { key: string; value: string }[] {
  if (run.model.kind !== 'network' || !run.model.network.transfer) return [];
  const { transfer, spec } = run.model.network;
  const layers =
    transfer.frozen.length === 0
      ? t('transfer.noLayers')
      : transfer.frozen
          .map((i) => {
            const type = spec.layers[i]?.type;
            return type ? `${i + 1} (${t(`network.type.${type}`)})` : String(i + 1);
          })
          .join(t('chart.listSeparator'));
  const text = t('transfer.lineage', {
    name: transfer.sourceName,
    dataset: transfer.sourceDataset,
    layers,
  });
  const test = detail?.test;
  if (test?.kind !== 'classification') return [{ key: 'transfer', value: text }];
  const plan = headPlan(transfer.sourceClasses, test.classNames);
  const head = plan.replace
    ? t('transfer.lineageHeadNew', { to: plan.to })
    : t('transfer.lineageHeadKept');
  return [{ key: 'transfer', value: t('transfer.lineageHead', { text, head }) }];
}
